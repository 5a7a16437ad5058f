"""The Wagtail back office of the government structure: each staff member sees and changes only
their own agency's records, through the services (audit entries prove it)."""

import pytest

from django.urls import reverse

from ventanilla.government.models import Role

from .factories import AgencyFactory, OfficeFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    agency_a = AgencyFactory(name="Secretaría A", acronym="SA")
    agency_b = AgencyFactory(name="Secretaría B", acronym="SB")
    office_a = OfficeFactory(agency=agency_a, name="Oficina Alfa")
    office_b = OfficeFactory(agency=agency_b, name="Oficina Beta")
    admin_a = staff(Role.AGENCY_ADMIN, agency_a, email="admin-a@example.mx")
    admin_b = staff(Role.AGENCY_ADMIN, agency_b, email="admin-b@example.mx")
    return {
        "a": agency_a, "b": agency_b, "office_a": office_a, "office_b": office_b,
        "admin_a": admin_a, "admin_b": admin_b,
    }


def office_form(office, **changes):
    data = {
        "agency": office.agency_id, "unit": "", "name": office.name, "name_en": "",
        "street": office.street, "neighbourhood": "", "municipality": office.municipality,
        "state": office.state, "postal_code": office.postal_code, "latitude": "", "longitude": "",
        "phone": "", "email": "", "accessibility": "", "accessibility_en": "", "is_active": "on",
        "hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
        "exceptions-TOTAL_FORMS": "0", "exceptions-INITIAL_FORMS": "0", "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


class TestOfficeScreens:
    def test_list_shows_only_own_agency_offices(self, client, world):
        client.force_login(world["admin_a"])
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        response = client.get(reverse("office:index"))
        assert response.status_code == 200
        assert "Oficina Alfa" in response.text
        assert "Oficina Beta" not in response.text
