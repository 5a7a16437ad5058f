"""Operational endpoints: /healthz for load balancers, /metrics for Prometheus."""

import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks
from .metrics import render_latest

LOOPBACK = {"127.0.0.1", "::1"}


@never_cache
@require_GET
def healthz(request):
    """200 when the database, cache and task queue answer; 503 (with the failing check) otherwise."""
    healthy, checks = run_checks()
    body = {"status": "ok" if healthy else "error", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)


def _metrics_allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(supplied.encode(), token.encode())
    return request.META.get("REMOTE_ADDR") in LOOPBACK


@never_cache
@require_GET
def metrics(request):
    """Prometheus exposition; only with the METRICS_TOKEN bearer token, or from loopback when none is set."""
    if not _metrics_allowed(request):
        return HttpResponseForbidden("metrics are restricted\n", content_type="text/plain")
    return HttpResponse(render_latest(), content_type="text/plain; version=0.0.4; charset=utf-8")


def bench_hello(request):
    """The baseline of `make bench`: the full middleware stack, no template, no query.

    Routed only when settings.VENTANILLA_BENCH is on (settings/bench.py), never in production.
    """
    return HttpResponse(b"hello\n", content_type="text/plain")
