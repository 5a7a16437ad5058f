"""Background work of the catalog, and the minute-by-minute jobs.

Two jobs must run every minute: Wagtail's scheduled publication and expiry (go_live_at /
expire_at take effect only when `publish_scheduled` runs) and the flush of view counters
(catalog.popularity). `manage.py catalog_jobs` runs both in a loop, one process beside the
task worker (scripts/serve.sh starts it); a failing job is logged and retried at the next
minute, never stopping the loop. Each job is also a django.tasks task, to run on demand.

`store_sheet_views` is enqueued by the web processes themselves with the views they counted
(catalog.popularity), so counts flow even when each process keeps its counters in its own memory.
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


@task
def store_sheet_views(counts: dict[str, int]) -> int:
    """Add the view counts a web process handed over ({translation_key: views}); see popularity."""
    return popularity.store_views(counts)


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
