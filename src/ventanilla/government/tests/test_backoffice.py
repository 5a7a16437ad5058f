"""The Wagtail back office of the government structure: staff see and change only their own
agency's records, through the services (audit entries prove it); Django's admin is for superusers."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from ventanilla.audit.models import AuditEntry
from ventanilla.government.models import Agency, Membership, Office, Role

from .factories import AgencyFactory, OfficeFactory, UnitFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def assert_refused(response):
    """Wagtail answers a refused permission by sending the user back to the dashboard."""
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"] in ("/admin/", "/en/admin/")


@pytest.fixture
def world():
    agency_a = AgencyFactory(name="Secretaría Alfa", acronym="SALFA")
    agency_b = AgencyFactory(name="Secretaría Beta", acronym="SBETA")
    return {
        "a": agency_a,
        "b": agency_b,
        "office_a": OfficeFactory(agency=agency_a, name="Oficina Alfa"),
        "office_b": OfficeFactory(agency=agency_b, name="Oficina Beta"),
        "admin_a": staff(Role.AGENCY_ADMIN, agency_a, email="admin-alfa@example.mx"),
        "admin_b": staff(Role.AGENCY_ADMIN, agency_b, email="admin-beta@example.mx"),
        "officer_a": staff(Role.OFFICER, agency_a, email="oficial-alfa@example.mx"),
    }


def office_form(office, **changes):
    data = {
        "agency": office.agency_id, "unit": "", "name": office.name, "name_en": "",
        "street": office.street, "neighbourhood": "", "municipality": office.municipality,
        "state": office.state, "postal_code": office.postal_code, "latitude": "", "longitude": "",
        "phone": "", "email": "", "accessibility": "", "accessibility_en": "", "is_active": "on",
    }
    for relation in ("hours", "exceptions"):
        data.update({f"{relation}-TOTAL_FORMS": "0", f"{relation}-INITIAL_FORMS": "0",
                     f"{relation}-MIN_NUM_FORMS": "0", f"{relation}-MAX_NUM_FORMS": "1000"})
    data.update(changes)
    return data


class TestPagesRender:
    @pytest.mark.parametrize("name", ["office", "agency", "administrativeunit", "membership"])
    def test_own_agency_pages_render_for_its_administrator(self, client, world, name):
        UnitFactory(agency=world["a"])
        objects = {
            "office": world["office_a"], "agency": world["a"], "administrativeunit": world["a"].units.get(),
            "membership": world["officer_a"].memberships.get(),
        }
        client.force_login(world["admin_a"])
        pk = objects[name].pk
        for url in (reverse(f"{name}:edit", args=[pk]), reverse(f"{name}:inspect", args=[pk])):
            assert client.get(url).status_code == 200, url
        if name != "agency":
            assert client.get(reverse(f"{name}:add")).status_code == 200

    @pytest.mark.parametrize("name", ["jurisdiction", "holiday"])
    def test_platform_pages_render_for_platform_admins(self, client, name):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        assert client.get(reverse(f"{name}:add")).status_code == 200


class TestOfficeScreens:
    def test_list_shows_only_own_agency_offices(self, client, world):
        client.force_login(world["admin_a"])
        response = client.get(reverse("office:index"))
        assert response.status_code == 200
        assert "Oficina Alfa" in response.text
        assert "Oficina Beta" not in response.text

    def test_platform_admin_sees_every_office(self, client, world):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        response = client.get(reverse("office:index"))
        assert "Oficina Alfa" in response.text and "Oficina Beta" in response.text

    def test_other_agencys_office_cannot_be_opened_or_changed(self, client, world):
        client.force_login(world["admin_a"])
        office_b = world["office_b"]
        for name in ("edit", "inspect", "history", "usage"):
            assert client.get(reverse(f"office:{name}", args=[office_b.pk])).status_code == 404, name
        response = client.post(
            reverse("office:edit", args=[office_b.pk]), office_form(office_b, name="Tomada")
        )
        assert response.status_code == 404
        assert Office.objects.get(pk=office_b.pk).name == "Oficina Beta"
        assert not AuditEntry.objects.exists()

    def test_creating_an_office_in_another_agency_is_refused(self, client, world):
        client.force_login(world["admin_a"])
        response = client.post(reverse("office:add"), office_form(world["office_b"], name="Intrusa"))
        assert response.status_code == 200  # the form again: B is not a valid choice
        assert "agency" in response.context["form"].errors
        assert not Office.objects.filter(name="Intrusa").exists()

    def test_edit_goes_through_the_service_with_hours(self, client, world):
        client.force_login(world["admin_a"])
        office = world["office_a"]
        data = office_form(office, name="Oficina Alfa Centro", **{
            "hours-TOTAL_FORMS": "1", "hours-0-weekday": "0", "hours-0-opens": "09:00",
            "hours-0-closes": "14:00", "hours-0-ORDER": "1", "hours-0-id": "", "hours-0-DELETE": "",
        })
        response = client.post(reverse("office:edit", args=[office.pk]), data)
        assert response.status_code == 302, response.context["form"].errors
        entry = AuditEntry.objects.get(action="government.office.update")
        assert entry.actor == world["admin_a"]
        assert entry.changes["name"] == ["Oficina Alfa", "Oficina Alfa Centro"]
        assert entry.changes["hours"] == [[], ["0 09:00-14:00"]]

    def test_bad_hours_keep_the_form_with_a_message(self, client, world):
        client.force_login(world["admin_a"])
        office = world["office_a"]
        data = office_form(office, **{
            "hours-TOTAL_FORMS": "1", "hours-0-weekday": "0", "hours-0-opens": "15:00",
            "hours-0-closes": "09:00", "hours-0-ORDER": "1", "hours-0-id": "", "hours-0-DELETE": "",
        })
        response = client.post(reverse("office:edit", args=[office.pk]), data)
        assert response.status_code == 200
        assert not AuditEntry.objects.exists()

    def test_officer_sees_offices_but_cannot_edit(self, client, world):
        client.force_login(world["officer_a"])
        assert client.get(reverse("office:index")).status_code == 200
        assert_refused(client.get(reverse("office:edit", args=[world["office_a"].pk])))
        assert_refused(client.get(reverse("office:add")))

    def test_offices_cannot_be_deleted_only_deactivated(self, client, world):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        assert_refused(client.post(reverse("office:delete", args=[world["office_a"].pk])))
        assert Office.objects.filter(pk=world["office_a"].pk).exists()

    def test_list_query_count_is_bounded(self, client, world, django_assert_max_num_queries):
        """Fifteen more offices cost no more queries: no query per row."""
        for number in range(15):
            OfficeFactory(agency=world["a"], name=f"Oficina extra {number}")
        client.force_login(world["admin_a"])
        client.get(reverse("office:index"))  # warm per-process caches (content types, menus)
        with django_assert_max_num_queries(25):
            response = client.get(reverse("office:index"))
        assert "Oficina extra 14" in response.text


class TestAgencyAndUnitScreens:
    def test_agency_list_and_edit_are_scoped(self, client, world):
        client.force_login(world["admin_a"])
        response = client.get(reverse("agency:index"))
        assert "Secretaría Alfa" in response.text and "Secretaría Beta" not in response.text
        assert client.get(reverse("agency:edit", args=[world["b"].pk])).status_code == 404
        assert client.get(reverse("agency:edit", args=[world["a"].pk])).status_code == 200
        assert_refused(client.get(reverse("agency:add")))

    def test_unit_list_is_scoped(self, client, world):
        UnitFactory(agency=world["a"], name="Dirección Alfa")
        unit_b = UnitFactory(agency=world["b"], name="Dirección Beta")
        client.force_login(world["admin_a"])
        response = client.get(reverse("administrativeunit:index"))
        assert "Dirección Alfa" in response.text and "Dirección Beta" not in response.text
        assert client.get(reverse("administrativeunit:edit", args=[unit_b.pk])).status_code == 404

    @pytest.mark.parametrize("url_name", ["agency:index", "administrativeunit:index", "membership:index",
                                          "jurisdiction:index", "holiday:index"])
    def test_list_pages_query_count_is_bounded(self, client, world, url_name,
                                               django_assert_max_num_queries):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        client.get(reverse(url_name))
        with django_assert_max_num_queries(25):
            assert client.get(reverse(url_name)).status_code == 200

    def test_citizen_cannot_enter_the_back_office(self, client):
        client.force_login(UserFactory())
        response = client.get(reverse("office:index"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


class TestStaffRoleScreens:
    def test_list_shows_only_own_agency_roles(self, client, world):
        client.force_login(world["admin_a"])
        response = client.get(reverse("membership:index"))
        assert "oficial-alfa@example.mx" in response.text
        assert "admin-beta@example.mx" not in response.text

    def test_grant_by_email_through_the_service(self, client, world):
        person = UserFactory(email="nueva@example.mx")
        client.force_login(world["admin_a"])
        response = client.post(reverse("membership:add"),
                               {"email": "Nueva@Example.mx", "agency": world["a"].pk, "role": "editor"})
        assert response.status_code == 302
        assert Membership.objects.filter(user=person, agency=world["a"], role="editor").exists()
        entry = AuditEntry.objects.get(action="government.membership.create")
        assert entry.actor == world["admin_a"]

    def test_unknown_email_is_explained(self, client, world):
        client.force_login(world["admin_a"])
        response = client.post(reverse("membership:add"),
                               {"email": "nadie@example.mx", "agency": world["a"].pk, "role": "editor"})
        assert response.status_code == 200
        assert "email" in response.context["form"].errors

    def test_cannot_grant_roles_in_or_platform_roles_from_another_agency(self, client, world):
        UserFactory(email="nueva@example.mx")
        client.force_login(world["admin_a"])
        for data in ({"agency": world["b"].pk, "role": "editor"}, {"agency": "", "role": "platform_admin"}):
            response = client.post(reverse("membership:add"), {"email": "nueva@example.mx", **data})
            assert response.status_code == 200
        assert not Membership.objects.filter(user__email="nueva@example.mx").exists()

    def test_other_agencys_roles_cannot_be_changed_or_revoked(self, client, world):
        membership_b = world["admin_b"].memberships.get()
        client.force_login(world["admin_a"])
        assert client.get(reverse("membership:edit", args=[membership_b.pk])).status_code == 404
        response = client.post(reverse("membership:edit", args=[membership_b.pk]),
                               {"agency": world["b"].pk, "role": "officer"})
        assert response.status_code == 404
        assert client.post(reverse("membership:delete", args=[membership_b.pk])).status_code == 404
        membership_b.refresh_from_db()
        assert membership_b.role == Role.AGENCY_ADMIN

    def test_revoke_through_the_service(self, client, world):
        membership = world["officer_a"].memberships.get()
        client.force_login(world["admin_a"])
        assert client.post(reverse("membership:delete", args=[membership.pk])).status_code == 302
        assert not Membership.objects.filter(pk=membership.pk).exists()
        assert AuditEntry.objects.filter(action="government.membership.delete").exists()


class TestUserScreens:
    def test_agency_admin_cannot_list_or_edit_users(self, client, world):
        client.force_login(world["admin_a"])
        assert_refused(client.get(reverse("wagtailusers_users:index")))
        assert_refused(client.get(reverse("wagtailusers_users:edit", args=[world["admin_b"].pk])))
        assert_refused(client.post(reverse("wagtailusers_users:edit", args=[world["admin_b"].pk]),
                                   {"email": "robada@example.mx"}))
        world["admin_b"].refresh_from_db()
        assert world["admin_b"].email == "admin-beta@example.mx"

    def test_platform_admin_manages_users(self, client, world):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        response = client.get(reverse("wagtailusers_users:index"))
        assert response.status_code == 200
        assert "admin-beta@example.mx" in response.text

    def test_platform_admins_user_changes_are_audited(self, client, world):
        platform_admin = staff(Role.PLATFORM_ADMIN)
        client.force_login(platform_admin)
        target = world["officer_a"]
        groups = list(target.groups.values_list("pk", flat=True))
        response = client.post(reverse("wagtailusers_users:edit", args=[target.pk]), {
            "email": target.email, "first_name": "Olga", "last_name": target.last_name,
            "is_active": "on", "password1": "", "password2": "", "groups": groups,
        })
        assert response.status_code == 302, response.context["form"].errors
        entry = AuditEntry.objects.get(action="accounts.user.update")
        assert entry.actor == platform_admin
        assert entry.changes == {"first_name": ["Ana", "Olga"]}

    def test_group_membership_changed_on_the_user_screen_is_audited(self, client, world):
        platform_admin = staff(Role.PLATFORM_ADMIN)
        client.force_login(platform_admin)
        target = world["officer_a"]
        before = sorted(target.groups.values_list("name", flat=True))
        extra = Group.objects.create(name="Auditoría interna")
        response = client.post(reverse("wagtailusers_users:edit", args=[target.pk]), {
            "email": target.email, "first_name": target.first_name, "last_name": target.last_name,
            "is_active": "on", "password1": "", "password2": "",
            "groups": [*target.groups.values_list("pk", flat=True), extra.pk],
        })
        assert response.status_code == 302, response.context["form"].errors
        entry = AuditEntry.objects.get(action="accounts.user.update")
        assert entry.actor == platform_admin
        assert entry.changes == {"groups": [before, sorted([*before, "Auditoría interna"])]}

    def test_users_are_never_deleted_from_the_back_office(self, client, world):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        target = world["officer_a"]
        assert_refused(client.post(reverse("wagtailusers_users:delete", args=[target.pk])))
        assert type(target).objects.filter(pk=target.pk).exists()

    def test_menu_hides_what_the_role_cannot_use(self, client, world):
        client.force_login(world["officer_a"])
        home = client.get(reverse("wagtailadmin_home")).text
        assert reverse("office:index") in home
        assert reverse("jurisdiction:index") in home
        assert reverse("wagtailusers_users:index") not in home
        assert reverse("audit_log:index") not in home
        client.force_login(world["admin_a"])
        assert reverse("audit_log:index") in client.get(reverse("wagtailadmin_home")).text


class TestPlatformScreens:
    def test_only_platform_admins_change_jurisdictions_and_holidays(self, client, world):
        client.force_login(world["admin_a"])
        assert client.get(reverse("jurisdiction:index")).status_code == 200
        assert_refused(client.get(reverse("jurisdiction:add")))
        assert_refused(client.get(reverse("holiday:add")))

    def test_platform_admin_creates_an_agency_through_the_service(self, client, world):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        response = client.post(reverse("agency:add"), {
            "jurisdiction": world["a"].jurisdiction_id, "name": "Agencia Nueva", "acronym": "AN",
            "slug": "agencia-nueva", "is_active": "on",
        })
        assert response.status_code == 302, response.context["form"].errors
        agency = Agency.objects.get(slug="agencia-nueva")
        assert AuditEntry.objects.get(action="government.agency.create").agency_id == agency.pk


class TestDjangoAdmin:
    def test_staff_who_are_not_superusers_are_refused(self, client, world):
        client.force_login(staff(Role.PLATFORM_ADMIN))
        response = client.get("/django-admin/")
        assert response.status_code == 302
        assert "/django-admin/login/" in response["Location"]

    def test_superuser_enters(self, client):
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        assert client.get("/django-admin/").status_code == 200


class TestAdminLanguage:
    def test_login_page_is_spanish_by_default_and_english_under_en(self, client):
        spanish = client.get("/admin/login/")
        assert spanish.status_code == 200
        assert 'lang="es-mx"' in spanish.text or 'lang="es"' in spanish.text
        assert "Iniciar sesión" in spanish.text
        english = client.get("/en/admin/login/")
        assert english.status_code == 200
        assert "Sign in" in english.text

    def test_staff_without_preference_get_spanish(self, client, world):
        client.force_login(world["admin_a"])
        assert "Oficinas" in client.get("/admin/office/").text
