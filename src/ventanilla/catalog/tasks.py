"""Background work of the catalog, and the minute-by-minute jobs.

Two jobs must run every minute: Wagtail's scheduled publication and expiry (go_live_at /
expire_at take effect only when `publish_scheduled` runs) and the flush of view counters
(catalog.popularity). `manage.py catalog_jobs` runs both in a loop, one process beside the
task worker (scripts/serve.sh starts it); a failing job is logged and retried at the next
minute, never stopping the loop. Each job is also a django.tasks task, to run on demand.
"""

import logging
import time

from django.tasks import task

from ventanilla.core.channels import Channel
from ventanilla.core.context import channel_context

from . import popularity, services

logger = logging.getLogger(__name__)


@task
def publish_scheduled_sheets() -> None:
    with channel_context(Channel.SYSTEM):
        services.publish_scheduled_sheets()


@task
def flush_sheet_views() -> int:
    return popularity.flush_views()


JOBS = (publish_scheduled_sheets, flush_sheet_views)


def run_jobs() -> None:
    """Run every minute job once, in this process; one failing does not stop the others."""
    for job in JOBS:
        try:
            job.call()
        except Exception:
            logger.exception("catalog job %s failed", job.name)


def run_forever(interval: float = 60.0) -> None:
    while True:
        started = time.monotonic()
        run_jobs()
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
