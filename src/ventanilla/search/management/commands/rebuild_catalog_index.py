from django.core.management.base import BaseCommand

from ventanilla.search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the catalog search index from the live service sheets."

    def handle(self, *args, **options):
        total = rebuild_index()
        if options["verbosity"]:
            self.stdout.write(f"Indexed {total} live service sheets.")
