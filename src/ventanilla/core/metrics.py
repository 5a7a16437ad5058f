"""Prometheus metrics: request counts and latencies per view, exported at /metrics.

With several worker processes, set PROMETHEUS_MULTIPROC_DIR (the Makefile does) so every
process writes its samples there and /metrics adds them up.
"""

import os
import time

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

REQUESTS = Counter(
    "ventanilla_http_requests_total", "HTTP requests by view, method and status", ["view", "method", "status"]
)
LATENCY = Histogram(
    "ventanilla_http_request_seconds",
    "HTTP request latency by view",
    ["view"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def render_latest() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


class MetricsMiddleware:
    """Counts every request under its URL name (not its path, which would explode the labels)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unresolved"
        latency, requests = _series(view, request.method, response.status_code)
        latency.observe(time.perf_counter() - started)
        requests.inc()
        return response


_SERIES: dict[tuple, tuple] = {}


def _series(view: str, method: str, status: int) -> tuple:
    """The labelled children of both metrics, looked up once per label set: `labels()` takes a
    lock and builds its key on every call, which is a good part of what counting costs."""
    key = (view, method, status)
    series = _SERIES.get(key)
    if series is None:
        series = _SERIES[key] = (LATENCY.labels(view), REQUESTS.labels(view, method, str(status)))
    return series
