"""Runs the catalog's minute jobs: scheduled publication and expiry, and the view counters."""

from django.core.management.base import BaseCommand

from ventanilla.catalog import tasks


class Command(BaseCommand):
    help = "Publish scheduled sheets, unpublish expired ones and store view counts, every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")
        parser.add_argument("--every", type=float, default=60.0, help="Seconds between runs (default 60).")

    def handle(self, *args, once=False, every=60.0, **options):
        if once:
            tasks.run_jobs()
        else:
            tasks.run_forever(every)
