"""/metrics: Prometheus exposition, restricted to a bearer token or, without one, to loopback."""

import pytest

LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"
OUTSIDE = "203.0.113.10"


@pytest.mark.django_db
class TestMetricsWithoutToken:
    def test_loopback_reads_the_request_counters(self, client):
        client.get("/healthz")
        response = client.get("/metrics", REMOTE_ADDR=LOOPBACK_V4)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=0.0.4")
        body = response.content.decode()
        assert 'ventanilla_http_requests_total{method="GET",status="200",view="healthz"}' in body
        assert "ventanilla_http_request_seconds_bucket" in body

    def test_ipv6_loopback_is_allowed(self, client):
        assert client.get("/metrics", REMOTE_ADDR=LOOPBACK_V6).status_code == 200

    def test_other_addresses_are_refused(self, client):
        response = client.get("/metrics", REMOTE_ADDR=OUTSIDE)
        assert response.status_code == 403
        assert b"ventanilla_http_requests_total" not in response.content


@pytest.mark.django_db
class TestMetricsWithToken:
    @pytest.fixture(autouse=True)
    def _token(self, settings):
        settings.METRICS_TOKEN = "s3cr3t-metrics-token"

    def test_the_bearer_token_opens_it_from_anywhere(self, client):
        token = {"Authorization": "Bearer s3cr3t-metrics-token"}
        response = client.get("/metrics", REMOTE_ADDR=OUTSIDE, headers=token)
        assert response.status_code == 200
        assert b"ventanilla_http_requests_total" in response.content

    def test_loopback_without_the_token_is_refused(self, client):
        assert client.get("/metrics", REMOTE_ADDR=LOOPBACK_V4).status_code == 403

    def test_a_wrong_token_is_refused(self, client):
        response = client.get("/metrics", REMOTE_ADDR=OUTSIDE, headers={"Authorization": "Bearer guess"})
        assert response.status_code == 403
