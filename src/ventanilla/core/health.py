"""Readiness checks for /healthz: database, cache and task queue."""

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.tasks import task_backends
from django.utils import timezone


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value just stored")
    cache.delete(key)


def check_task_queue() -> None:
    """The queue is reachable, and no task has waited longer than the allowed backlog
    (a task waiting that long means no worker is running)."""
    backend = task_backends["default"]
    if not backend.__class__.__module__.startswith("django_tasks_db"):
        return  # immediate or dummy backends have no queue to inspect
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    limit = timedelta(seconds=getattr(settings, "HEALTHZ_TASK_BACKLOG_SECONDS", 300))
    if oldest is not None and timezone.now() - oldest > limit:
        raise RuntimeError(f"oldest waiting task enqueued at {oldest.isoformat()}: is the worker running?")


CHECKS = {"database": check_database, "cache": check_cache, "task_queue": check_task_queue}


def run_checks() -> tuple[bool, dict]:
    results = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as exc:  # a health check reports any failure, whatever its type
            healthy = False
            results[name] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            results[name] = {"status": "ok"}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 2)
    return healthy, results
