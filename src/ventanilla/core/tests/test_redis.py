"""REDIS_URL puts cache, sessions and rate limits in Redis, shared by every process of a deployment.

Runs only when REDIS_URL is set (CI: redis://127.0.0.1:6379/0). The check spans two processes
with the real settings profile, because sharing between processes is the point: a local-memory
cache would pass any single-process test.
"""

import os
import textwrap
import uuid

import pytest

from .helpers import run_django

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)")

# The first process uses up the failed-login allowance of one account (its per-key limit in
# settings.ACCOUNT_RATE_LIMITS), from one address; the second one is refused from another.
FIRST_PROCESS = """
    import json
    from django.conf import settings
    from django.contrib.sessions.backends.cache import SessionStore
    from django.core.cache import cache
    from django.test import RequestFactory
    from allauth.core import ratelimit
    from allauth.core.internal.ratelimit import parse_rates

    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    per_account = next(rate.amount for rate in rates if rate.per == "key")
    cache.set(KEY, "hola", 60)
    session = SessionStore()
    session["channel"] = "counter"
    session.save()
    request = RequestFactory().post("/cuenta/login/", REMOTE_ADDR=FIRST_IP)
    allowed = [ratelimit.consume(request, action="login_failed", key=LOGIN) for _ in range(per_account)]
    print(json.dumps({
        "cache_backend": settings.CACHES["default"]["BACKEND"],
        "session_engine": settings.SESSION_ENGINE,
        "session_key": session.session_key,
        "allowed": allowed,
    }))
"""
SECOND_PROCESS = """
    import json
    from django.contrib.sessions.backends.cache import SessionStore
    from django.core.cache import cache
    from django.test import RequestFactory
    from allauth.core import ratelimit

    value = cache.get(KEY)
    cache.delete(KEY)
    session = SessionStore(session_key=SESSION_KEY)
    channel = session.get("channel")
    session.delete()
    request = RequestFactory().post("/cuenta/login/", REMOTE_ADDR=SECOND_IP)
    allowed = ratelimit.consume(request, action="login_failed", key=LOGIN)
    print(json.dumps({"cached": value, "session_channel": channel, "allowed": allowed}))
"""


def _documentation_ipv6() -> str:
    random = uuid.uuid4().hex
    return f"2001:db8:{random[:4]}:{random[4:8]}::1"


def test_cache_sessions_and_rate_limits_are_shared_between_processes(tmp_path):
    env = {"REDIS_URL": REDIS_URL, "VENTANILLA_VAR_DIR": str(tmp_path)}
    names = {
        "KEY": f"tests:{uuid.uuid4().hex}",
        "LOGIN": f"{uuid.uuid4().hex}@example.mx",
        # Fresh addresses (allauth counts IPv6 per /64), so earlier runs' per-address counts don't interfere.
        "FIRST_IP": _documentation_ipv6(),
        "SECOND_IP": _documentation_ipv6(),
    }
    preamble = "".join(f"{name} = {value!r}\n" for name, value in names.items())

    dev = "ventanilla.settings.dev"
    first, _logs = run_django(preamble + textwrap.dedent(FIRST_PROCESS), settings=dev, env=env)
    assert first["cache_backend"] == "django.core.cache.backends.redis.RedisCache"
    assert first["session_engine"] == "django.contrib.sessions.backends.cache"
    assert first["allowed"] and all(first["allowed"])

    preamble += f"SESSION_KEY = {first['session_key']!r}\n"
    second, _logs = run_django(preamble + textwrap.dedent(SECOND_PROCESS), settings=dev, env=env)
    assert second == {"cached": "hola", "session_channel": "counter", "allowed": False}
