"""The back-office report of searches with no results: editors read it, nobody changes it."""

import pytest

from django.urls import NoReverseMatch, reverse

from ventanilla.government.models import Role
from ventanilla.government.tests.factories import AgencyFactory, staff
from ventanilla.search.services import record_zero_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged():
    for _ in range(3):
        record_zero_result("Pasaprote", "es-mx")
    record_zero_result("licencia de cazar", "es-mx")
    record_zero_result("fishing permit", "en")


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER, Role.PLATFORM_ADMIN])
def test_editors_read_the_most_frequent_first(client, logged, role):
    client.force_login(staff(role, None if role == Role.PLATFORM_ADMIN else AgencyFactory()))
    response = client.get(reverse("zero_result_searches:index"))
    assert response.status_code == 200
    text = response.text
    assert text.index("pasaprote") < text.index("licencia de cazar")
    assert "fishing permit" in text
    filtered = client.get(reverse("zero_result_searches:index"), {"language": "en"}).text
    assert "fishing permit" in filtered and "pasaprote" not in filtered


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR])
def test_other_roles_cannot_read_it(client, logged, role):
    client.force_login(staff(role, AgencyFactory()))
    assert client.get(reverse("zero_result_searches:index")).status_code == 302


def test_there_is_no_way_to_change_it():
    for name in ("add", "edit", "delete", "inspect"):
        with pytest.raises(NoReverseMatch):
            reverse(f"zero_result_searches:{name}", args=[1] if name != "add" else [])
