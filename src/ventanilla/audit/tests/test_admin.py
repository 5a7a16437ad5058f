"""The audit log viewer in the back office: scoped by agency, read-only everywhere."""

import pytest

from django.db import transaction
from django.urls import NoReverseMatch, reverse

from ventanilla.audit.models import AuditEntry
from ventanilla.audit.services import record
from ventanilla.government.models import Role
from ventanilla.government.tests.factories import AgencyFactory, OfficeFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    agency_a, agency_b = AgencyFactory(), AgencyFactory()
    office_a = OfficeFactory(agency=agency_a, name="Oficina Alfa")
    office_b = OfficeFactory(agency=agency_b, name="Oficina Beta")
    with transaction.atomic():
        entry_a = record("government.office.update", actor=None, target=office_a, agency=agency_a,
                         changes={"name": ["Oficina A", "Oficina Alfa"]})
        entry_b = record("government.office.update", actor=None, target=office_b, agency=agency_b)
        platform = record("government.jurisdiction.create", actor=None, changes={"name": [None, "Xalapa"]})
    return {"a": agency_a, "b": agency_b, "entry_a": entry_a, "entry_b": entry_b, "platform": platform}


class TestAuditViewer:
    @pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.AGENCY_ADMIN])
    def test_agency_staff_see_only_their_agencys_entries(self, client, entries, role):
        client.force_login(staff(role, entries["a"]))
        response = client.get(reverse("audit_log:index"))
        assert response.status_code == 200
        assert "Oficina Alfa" in response.text
        assert "Oficina Beta" not in response.text
        assert "government.jurisdiction.create" not in response.text
        assert client.get(reverse("audit_log:inspect", args=[entries["entry_b"].pk])).status_code == 404
        assert client.get(reverse("audit_log:inspect", args=[entries["platform"].pk])).status_code == 404

    def test_inspect_shows_the_changes(self, client, entries):
        client.force_login(staff(Role.AGENCY_ADMIN, entries["a"]))
        response = client.get(reverse("audit_log:inspect", args=[entries["entry_a"].pk]))
        assert response.status_code == 200
        assert "<th scope='row'>name</th><td>Oficina A</td><td>Oficina Alfa</td>" in response.text

    def test_platform_admin_sees_everything(self, client, entries):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        response = client.get(reverse("audit_log:index"))
        assert "Oficina Alfa" in response.text and "Oficina Beta" in response.text
        assert "government.jurisdiction.create" in response.text

    @pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER, Role.OFFICER])
    def test_other_roles_cannot_read_the_log(self, client, entries, role):
        client.force_login(staff(role, entries["a"]))
        response = client.get(reverse("audit_log:index"))
        assert response.status_code == 302
        assert response["Location"] in ("/admin/", "/en/admin/")

    def test_filters_by_action_channel_and_who(self, client, entries):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        response = client.get(reverse("audit_log:index"), {"action": "jurisdiction", "channel": "system"})
        assert "government.jurisdiction.create" in response.text
        assert "Oficina Alfa" not in response.text
        response = client.get(reverse("audit_log:index"), {"actor_label": "nadie"})
        assert "government.jurisdiction.create" not in response.text
        response = client.get(reverse("audit_log:index"), {"timestamp_after": "2000-01-01"})
        assert response.status_code == 200 and "Oficina Alfa" in response.text

    def test_no_url_adds_edits_or_deletes_entries(self, client, entries):
        for name in ("add", "edit", "delete", "copy", "history", "usage"):
            with pytest.raises(NoReverseMatch):
                reverse(f"audit_log:{name}", args=[] if name == "add" else [entries["entry_a"].pk])
        client.force_login(staff(Role.PLATFORM_ADMIN))
        pk = entries["entry_a"].pk
        for path in (f"edit/{pk}/", f"delete/{pk}/", "new/"):
            assert client.post(f"/admin/audit_log/{path}").status_code == 404
        assert AuditEntry.objects.count() == 3

    def test_list_query_count_is_bounded(self, client, entries, django_assert_max_num_queries):
        with transaction.atomic():
            for number in range(30):
                record(
                    "government.office.update", actor=None, agency=entries["a"], changes={"n": [0, number]}
                )
        client.force_login(staff(Role.AGENCY_ADMIN, entries["a"]))
        client.get(reverse("audit_log:index"))
        with django_assert_max_num_queries(20):
            assert client.get(reverse("audit_log:index")).status_code == 200
