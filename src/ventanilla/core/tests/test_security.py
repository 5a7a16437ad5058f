"""Content-Security-Policy on every response, and a production profile that passes `check --deploy`."""

import re
import subprocess
import sys

import pytest

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils.csp import build_policy

from .helpers import REPO_ROOT, child_env, production_env, run_django


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
class TestPublicPagesPolicy:
    @pytest.mark.parametrize("path", ["/", "/en/"])
    def test_public_pages_get_the_strict_policy(self, client, path):
        response = client.get(path)
        assert response.status_code == 200
        header = response["Content-Security-Policy"]
        policy = _directives(header)
        assert "'unsafe-inline'" not in header
        assert "'unsafe-eval'" not in header
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"][0] == "'self'"
        assert all(re.fullmatch(r"'nonce-[A-Za-z0-9_-]+'", value) for value in policy["script-src"][1:])
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]

    @pytest.mark.parametrize("path", ["/", "/en/"])
    def test_every_script_of_a_public_page_is_same_origin_or_carries_the_nonce(self, client, path):
        response = client.get(path)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
            src = re.search(r'\bsrc="([^"]+)"', tag)
            if src:
                assert src.group(1).startswith("/") and not src.group(1).startswith("//"), tag
            else:
                assert nonce and f'nonce="{nonce.group(1)}"' in tag, tag

    def test_a_page_that_uses_the_nonce_gets_it_in_the_policy(self):
        """Django adds the nonce only to responses whose page used it (portal's csp_nonce(request))."""

        def view(request):
            return HttpResponse(f'<script nonce="{get_nonce(request)}">start()</script>')

        request = RequestFactory().get("/")
        response = ContentSecurityPolicyMiddleware(view)(request)
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]

    @pytest.mark.parametrize("path", ["/admin/login/", "/en/admin/login/"])
    def test_the_back_office_gets_the_admin_policy(self, client, path):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == build_policy(settings.ADMIN_CSP)
        assert "'unsafe-inline'" in _directives(response["Content-Security-Policy"])["script-src"]

    def test_the_public_policy_is_not_the_admin_policy(self, client):
        assert client.get("/")["Content-Security-Policy"] != build_policy(settings.ADMIN_CSP)


class TestProductionProfile:
    def test_check_deploy_is_clean(self, tmp_path):
        """As an operator runs it (with SQLite; test_production.py runs it with PostgreSQL)."""
        env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=REPO_ROOT,
            env=child_env("ventanilla.settings.production", env),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    def test_refuses_to_start_without_a_real_secret_key(self, tmp_path):
        env = child_env("ventanilla.settings.production", {**production_env(tmp_path), "SECRET_KEY": "short"})
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )
        assert result.returncode != 0
        assert "SECRET_KEY must be set to a random value of at least 50 characters" in result.stderr


@pytest.mark.django_db
class TestBenchHello:
    def test_not_routed_outside_the_bench_profile(self, client):
        with pytest.raises(Resolver404):
            resolve("/bench/hello")

    def test_the_bench_profile_routes_it(self, tmp_path):
        result, _logs = run_django(
            """
            import json
            from django.test import Client
            from django.test.utils import setup_test_environment
            setup_test_environment()
            response = Client().get("/bench/hello")
            print(json.dumps({"status_code": response.status_code, "body": response.content.decode()}))
            """,
            settings="ventanilla.settings.bench",
            env={"VENTANILLA_VAR_DIR": str(tmp_path)},
        )
        assert result == {"status_code": 200, "body": "hello\n"}
