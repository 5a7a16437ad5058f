"""Changes to the structure go through services: checked, validated, audited, all or nothing."""

import datetime
import zoneinfo

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from ventanilla.audit.models import AuditEntry
from ventanilla.government import services
from ventanilla.government.access import SYSTEM
from ventanilla.government.models import (
    Agency,
    Jurisdiction,
    Level,
    Membership,
    Office,
    OpeningException,
    OpeningHours,
    Role,
)

from .factories import (
    AgencyFactory,
    HolidayFactory,
    JurisdictionFactory,
    OfficeFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    UnitFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db
MEXICO_CITY = zoneinfo.ZoneInfo("America/Mexico_City")


class TestOfficeServices:
    def test_update_writes_audit_entry_with_diff_and_agency(self):
        office = OfficeFactory(name="Oficina Centro")
        admin = staff(Role.AGENCY_ADMIN, office.agency)
        office.name = "Oficina Centro Histórico"
        services.update_office(office, actor=admin)
        entry = AuditEntry.objects.get(action="government.office.update")
        assert entry.actor == admin
        assert entry.agency_id == office.agency_id
        assert entry.object_id == str(office.pk)
        assert entry.changes == {"name": ["Oficina Centro", "Oficina Centro Histórico"]}

    def test_hours_and_exceptions_are_saved_and_audited_with_the_office(self):
        office = OfficeFactory()
        admin = staff(Role.SUPERVISOR, office.agency)
        office.hours = [OpeningHours(weekday=0, opens=datetime.time(9), closes=datetime.time(14))]
        office.exceptions = [OpeningException(date=datetime.date(2026, 12, 24), reason="Cierre")]
        services.update_office(office, actor=admin)
        assert OpeningHours.objects.filter(office=office).count() == 1
        changes = AuditEntry.objects.get(action="government.office.update").changes
        assert changes["hours"] == [[], ["0 09:00-14:00"]]
        assert changes["exceptions"] == [[], ["2026-12-24 closed Cierre"]]

    def test_update_without_changes_writes_nothing(self):
        office = OfficeFactory()
        services.update_office(office, actor=staff(Role.AGENCY_ADMIN, office.agency))
        assert not AuditEntry.objects.exists()

    def test_staff_of_another_agency_is_refused_and_nothing_changes(self):
        office = OfficeFactory(name="Original")
        outsider = staff(Role.AGENCY_ADMIN, AgencyFactory())
        office.name = "Cambiado"
        with pytest.raises(PermissionDenied):
            services.update_office(office, actor=outsider)
        assert Office.objects.get(pk=office.pk).name == "Original"
        assert not AuditEntry.objects.exists()

    def test_moving_an_office_into_an_agency_the_actor_does_not_manage_is_refused(self):
        office = OfficeFactory()
        admin = staff(Role.AGENCY_ADMIN, office.agency)
        office.agency = AgencyFactory()
        with pytest.raises(PermissionDenied):
            services.update_office(office, actor=admin)

    def test_officer_may_not_manage_offices(self):
        office = OfficeFactory()
        with pytest.raises(PermissionDenied):
            services.deactivate_office(office, actor=staff(Role.OFFICER, office.agency))

    def test_deactivate_is_audited_as_deactivate(self):
        office = OfficeFactory()
        services.deactivate_office(office, actor=staff(Role.AGENCY_ADMIN, office.agency))
        assert not Office.objects.get(pk=office.pk).is_active
        assert AuditEntry.objects.get().changes == {"is_active": [True, False]}

    def test_unit_of_another_agency_is_invalid(self):
        office = OfficeFactory()
        office.unit = UnitFactory()
        with pytest.raises(ValidationError) as error:
            services.update_office(office, actor=SYSTEM)
        assert "unit" in error.value.message_dict

    def test_invalid_hours_are_refused(self):
        office = OfficeFactory.build(agency=AgencyFactory())
        office.hours = [OpeningHours(weekday=9, opens=datetime.time(9), closes=datetime.time(14))]
        with pytest.raises(ValidationError):
            services.create_office(office, actor=SYSTEM)
        assert not Office.objects.exists()


class TestAgencyServices:
    def test_agency_admin_edits_profile_but_not_structure(self):
        agency = AgencyFactory()
        admin = staff(Role.AGENCY_ADMIN, agency)
        agency.mission = "Servir"
        services.update_agency(agency, actor=admin)
        agency.jurisdiction = JurisdictionFactory()
        with pytest.raises(PermissionDenied):
            services.update_agency(agency, actor=admin)
        assert Agency.objects.get(pk=agency.pk).mission == "Servir"

    def test_only_platform_admins_create_agencies(self):
        jurisdiction = JurisdictionFactory()
        new = Agency(jurisdiction=jurisdiction, name="Nueva", acronym="NV", slug="nueva")
        with pytest.raises(PermissionDenied):
            services.create_agency(new, actor=staff(Role.AGENCY_ADMIN, AgencyFactory()))
        services.create_agency(new, actor=staff(Role.PLATFORM_ADMIN))
        entry = AuditEntry.objects.get(action="government.agency.create")
        assert entry.agency_id == new.pk
        assert entry.changes["name"] == [None, "Nueva"]

    def test_jurisdictions_are_platform_data_and_system_actor_is_recorded(self):
        state = Jurisdiction(level=Level.STATE, name="Veracruz", slug="veracruz")
        with pytest.raises(PermissionDenied):
            services.create_jurisdiction(state, actor=staff(Role.AGENCY_ADMIN, AgencyFactory()))
        services.create_jurisdiction(state, actor=SYSTEM)
        entry = AuditEntry.objects.get()
        assert entry.actor is None and entry.actor_label == "system"


class TestMembershipServices:
    def test_grant_gives_back_office_access_and_revoke_takes_it_away(self):
        agency = AgencyFactory()
        admin = staff(Role.AGENCY_ADMIN, agency)
        person = UserFactory()
        membership = services.grant_membership(actor=admin, user=person, agency=agency, role=Role.OFFICER)
        person.refresh_from_db()
        assert person.is_staff
        assert person.has_perm("wagtailadmin.access_admin")
        assert AuditEntry.objects.get(action="government.membership.create").agency_id == agency.pk
        services.revoke_membership(membership, actor=admin)
        person = type(person).objects.get(pk=person.pk)
        assert not person.is_staff
        assert not person.groups.filter(name=services.BACK_OFFICE_GROUP).exists()
        assert AuditEntry.objects.filter(action="government.membership.delete").count() == 1

    def test_agency_admin_cannot_grant_in_another_agency_or_platform_roles(self):
        agency = AgencyFactory()
        admin = staff(Role.AGENCY_ADMIN, agency)
        with pytest.raises(PermissionDenied):
            services.grant_membership(
                actor=admin, user=UserFactory(), agency=AgencyFactory(), role=Role.EDITOR
            )
        with pytest.raises(PermissionDenied):
            services.grant_membership(actor=admin, user=UserFactory(), agency=None, role=Role.PLATFORM_ADMIN)
        assert Membership.objects.count() == 1

    def test_duplicate_role_is_a_validation_error(self):
        agency = AgencyFactory()
        person = staff(Role.EDITOR, agency)
        with pytest.raises(ValidationError):
            services.grant_membership(actor=SYSTEM, user=person, agency=agency, role=Role.EDITOR)

    def test_administrators_cannot_revoke_their_own_admin_role(self):
        agency = AgencyFactory()
        admin = staff(Role.AGENCY_ADMIN, agency)
        with pytest.raises(PermissionDenied):
            services.revoke_membership(admin.memberships.get(), actor=admin)

    def test_change_membership_checks_both_agencies(self):
        a, b = AgencyFactory(), AgencyFactory()
        admin = staff(Role.AGENCY_ADMIN, a)
        membership = staff(Role.EDITOR, a).memberships.get()
        membership.agency = b
        with pytest.raises(PermissionDenied):
            services.change_membership(membership, actor=admin)
        membership.agency, membership.role = a, Role.REVIEWER
        services.change_membership(membership, actor=admin)
        assert AuditEntry.objects.get().changes == {"role": ["editor", "reviewer"]}

    def test_back_office_group_exists(self):
        assert Group.objects.get(name=services.BACK_OFFICE_GROUP).permissions.filter(
            codename="access_admin"
        ).exists()


class TestHolidayServices:
    def test_delete_is_audited(self):
        holiday = HolidayFactory()
        services.delete_holiday(holiday, actor=SYSTEM)
        entry = AuditEntry.objects.get(action="government.holiday.delete")
        assert entry.changes["name"] == ["Navidad", None]


class TestOpeningSchedule:
    @pytest.fixture
    def office(self):
        federation = JurisdictionFactory(level=Level.FEDERAL, slug="mx")
        state = JurisdictionFactory(level=Level.STATE, slug="ver", parent=federation)
        municipality = JurisdictionFactory(level=Level.MUNICIPAL, slug="xal", parent=state)
        office = OfficeFactory(agency=AgencyFactory(jurisdiction=municipality))
        for weekday in range(5):
            for opens, closes in ((8, 14), (16, 18)):
                OpeningHoursFactory(
                    office=office, weekday=weekday, opens=datetime.time(opens), closes=datetime.time(closes)
                )
        HolidayFactory(jurisdiction=federation, date=datetime.date(2026, 11, 16), name="Día de la Revolución")
        HolidayFactory(jurisdiction=state, date=datetime.date(2026, 11, 18), name="Fiesta estatal")
        HolidayFactory(jurisdiction=JurisdictionFactory(slug="other"), date=datetime.date(2026, 11, 19))
        OpeningExceptionFactory(office=office, date=datetime.date(2026, 11, 17), reason="Inventario",
                                reason_en="Stocktaking")
        OpeningExceptionFactory(office=office, date=datetime.date(2026, 11, 18), opens=datetime.time(9),
                                closes=datetime.time(12), reason="Campaña")
        return office

    def test_schedule_applies_parent_holidays_and_exceptions(self, office, django_assert_max_num_queries):
        with django_assert_max_num_queries(4):
            week = services.opening_schedule(office, datetime.date(2026, 11, 16), days=7)
        monday, tuesday, wednesday, thursday, friday, saturday, sunday = week
        assert (monday.is_open, monday.note, monday.is_special) == (False, "Día de la Revolución", True)
        assert (tuesday.is_open, tuesday.note) == (False, "Inventario")
        # An exception wins over a holiday: the office opens for a campaign on a state holiday.
        assert wednesday.periods == ((datetime.time(9), datetime.time(12)),)
        # Another jurisdiction's holiday does not close this office.
        assert thursday.periods == (
            (datetime.time(8), datetime.time(14)), (datetime.time(16), datetime.time(18))
        )
        assert friday.is_open and not friday.is_special
        assert not saturday.is_open and not sunday.is_open

    def test_exception_reason_in_english(self, office):
        from django.utils import translation

        with translation.override("en"):
            (day,) = services.opening_schedule(office, datetime.date(2026, 11, 17), days=1)
        assert day.note == "Stocktaking"

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ((20, 8, 0), True),
            ((20, 13, 59), True),
            ((20, 14, 0), False),
            ((20, 17, 0), True),
            ((16, 10, 0), False),  # holiday
            ((18, 10, 0), True),  # exception hours on a holiday
            ((21, 10, 0), False),  # Saturday
        ],
    )
    def test_office_is_open(self, office, moment, expected):
        day, hour, minute = moment
        at = datetime.datetime(2026, 11, day, hour, minute, tzinfo=MEXICO_CITY)
        assert services.office_is_open(office, at) is expected

    def test_office_is_open_reads_the_local_time(self, office):
        # 15:00 UTC is 09:00 in Mexico City (UTC-6).
        assert services.office_is_open(office, datetime.datetime(2026, 11, 20, 15, tzinfo=datetime.UTC))
