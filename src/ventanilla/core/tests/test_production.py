"""The production profile, in one real production-settings process (starting Django is the slow part).

The process gets what production requires (a random SECRET_KEY, ALLOWED_HOSTS), a DATABASE_URL
pointing at a PostgreSQL port nobody listens on (the database is down), and an S3-compatible
bucket; it reports its settings, runs `check --deploy`, and serves /healthz and a forbidden
/metrics through the full middleware stack. Its logs are the real JSON log lines.
"""

import json

import pytest

from .helpers import closed_port, production_env, run_django

PROBE = """
    import io
    import json
    from django.conf import settings as s
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.test import Client
    from django.test.utils import setup_test_environment

    report = io.StringIO()
    try:
        call_command("check", deploy=True, fail_level="WARNING", stdout=report, stderr=report)
    except SystemCheckError as exc:
        report.write(str(exc))

    db = s.DATABASES["default"]
    values = {
        "DEBUG": s.DEBUG,
        "ENGINE": db["ENGINE"],
        "CONN_MAX_AGE": db["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
        "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
        "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
        "LANGUAGE_COOKIE_SECURE": s.LANGUAGE_COOKIE_SECURE,
        "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
        "SESSION_COOKIE_NAME": s.SESSION_COOKIE_NAME,
        "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
        "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
        "LOG_FORMAT": s.LOGGING["handlers"]["console"]["formatter"],
        "VENTANILLA_BENCH": s.VENTANILLA_BENCH,
        "VENTANILLA_ALLOW_DEMO_DATA": s.VENTANILLA_ALLOW_DEMO_DATA,
    }
    storage = storages["default"]
    upload_url = storage.url("tramites/acta.pdf").split("?")[0]  # signed locally, no request

    setup_test_environment()  # lets the test client's "testserver" host in
    client = Client()
    healthz = client.get("/healthz")
    # Refused: not loopback, no token. Django logs the 403 as a warning after the middleware.
    forbidden = client.get("/metrics", REMOTE_ADDR="203.0.113.9", secure=True)
    print(json.dumps({
        "check_deploy": report.getvalue(),
        "settings": values,
        "storage": {"class": type(storage).__name__, "url": upload_url},
        "healthz": {"status_code": healthz.status_code, **healthz.json()},
        "forbidden": {"status_code": forbidden.status_code, "request_id": forbidden.headers["X-Request-ID"]},
    }))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    env = production_env(
        tmp,
        DATABASE_URL=f"postgres://ventanilla@127.0.0.1:{closed_port()}/ventanilla",
        AWS_STORAGE_BUCKET_NAME="ventanilla-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID="test-only",
        AWS_SECRET_ACCESS_KEY="test-only",
    )
    result, logs = run_django(PROBE, settings="ventanilla.settings.production", env=env)
    result["log_lines"] = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    result["logs"] = logs
    return result


def test_check_deploy_is_clean_with_postgresql(production):
    # Checks differ per database: Wagtail's search index needs django.contrib.postgres there.
    assert production["check_deploy"].strip() == "System check identified no issues (0 silenced)."


def test_secure_cookies_persistent_connections_json_logs_no_demo(production):
    assert production["settings"] == {
        "DEBUG": False,
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "LOG_FORMAT": "json",
        "VENTANILLA_BENCH": False,
        "VENTANILLA_ALLOW_DEMO_DATA": False,
    }


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_set(production):
    assert production["storage"] == {
        "class": "S3Storage",
        "url": "http://127.0.0.1:9000/ventanilla-media/tramites/acta.pdf",
    }


def test_healthz_answers_503_when_the_database_is_unreachable(production):
    healthz = production["healthz"]
    assert healthz["status_code"] == 503
    assert healthz["status"] == "error"
    assert healthz["checks"]["database"]["status"] == "error"
    assert "OperationalError" in healthz["checks"]["database"]["error"]
    assert healthz["checks"]["cache"]["status"] == "ok"


def test_every_log_line_is_json_with_request_id_and_channel(production):
    lines = production["log_lines"]
    assert lines, f"no JSON log line in:\n{production['logs']}"
    fields = {"time", "level", "logger", "message", "request_id", "channel"}
    assert all(fields <= line.keys() for line in lines)
    forbidden = [line for line in lines if line["message"] == "Forbidden: /metrics"]
    assert len(forbidden) == 1
    assert forbidden[0]["request_id"] == production["forbidden"]["request_id"]
    assert forbidden[0]["channel"] == "web"
    assert forbidden[0]["level"] == "WARNING"
    assert production["forbidden"]["status_code"] == 403
