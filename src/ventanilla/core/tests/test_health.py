"""/healthz: 200 when database, cache and task queue answer, 503 naming the failing check otherwise."""

from datetime import timedelta

import pytest

from django.db import DatabaseError
from django.tasks import task
from django.test import override_settings
from django.utils import timezone

from ventanilla.core import health

from .helpers import closed_port

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def noop():
    """A task for the queue checks; never run."""


@pytest.mark.django_db
class TestHealthz:
    def test_healthy_answers_200_with_every_check(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok"
        assert {name: check["status"] for name, check in body["checks"].items()} == {
            "database": "ok",
            "cache": "ok",
            "task_queue": "ok",
        }
        assert "no-cache" in response.headers["Cache-Control"]

    def test_database_error_answers_503(self, client, monkeypatch):
        def database_down():
            raise DatabaseError("connection refused")

        monkeypatch.setitem(health.CHECKS, "database", database_down)
        response = client.get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "error"
        assert body["checks"]["database"] == {
            "status": "error",
            "error": "DatabaseError: connection refused",
            "ms": body["checks"]["database"]["ms"],
        }
        assert body["checks"]["cache"]["status"] == "ok"

    def test_cache_down_answers_503(self, client):
        redis_down = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
        with override_settings(CACHES={"default": redis_down}):
            response = client.get("/healthz")
        assert response.status_code == 503
        checks = response.json()["checks"]
        assert checks["cache"]["status"] == "error"
        assert "ConnectionError" in checks["cache"]["error"]
        assert checks["database"]["status"] == "ok"

    def test_task_waiting_too_long_answers_503(self, client):
        from django_tasks_db.models import DBTaskResult

        with override_settings(TASKS=DB_TASKS, HEALTHZ_TASK_BACKLOG_SECONDS=300):
            result = noop.enqueue()
            six_minutes_ago = timezone.now() - timedelta(minutes=6)
            DBTaskResult.objects.filter(id=result.id).update(enqueued_at=six_minutes_ago)
            response = client.get("/healthz")
        assert response.status_code == 503
        check = response.json()["checks"]["task_queue"]
        assert check["status"] == "error"
        assert "is the worker running?" in check["error"]

    def test_task_waiting_briefly_is_healthy(self, client):
        with override_settings(TASKS=DB_TASKS, HEALTHZ_TASK_BACKLOG_SECONDS=300):
            noop.enqueue()
            response = client.get("/healthz")
        assert response.status_code == 200

    def test_only_get(self, client):
        assert client.post("/healthz").status_code == 405

