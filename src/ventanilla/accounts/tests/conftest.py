import pytest

from django.core.cache import cache

from .factories import DEFAULT_PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth's rate limits and their counters live in the cache: start every test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def signed_in_client(client, citizen):
    """A client signed in through allauth's login form (a real, recent authentication, so pages
    that require reauthentication open directly)."""
    response = client.post("/cuenta/login/", {"login": citizen.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
