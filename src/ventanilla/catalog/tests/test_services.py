"""Catalog services: publishing needs a reviewer of the sheet's agency, translating creates the
English row of the same procedure, and every change leaves one audit entry with the agency."""

import pytest

from django.core.exceptions import PermissionDenied
from wagtail.models import Locale

from ventanilla.audit.models import AuditEntry
from ventanilla.catalog import services
from ventanilla.catalog.models import ServiceSheet, Synonym
from ventanilla.government.access import SYSTEM
from ventanilla.government.models import Role
from ventanilla.government.tests.factories import AgencyFactory, staff

from .factories import ServiceSheetFactory, english_locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory()


class TestPublishing:
    def test_reviewer_of_the_agency_publishes_a_draft(self, agency):
        sheet = ServiceSheetFactory(agency=agency, publish=False)
        reviewer = staff(Role.REVIEWER, agency)
        services.publish_sheet(sheet, actor=reviewer)
        sheet.refresh_from_db()
        assert sheet.live and sheet.live_revision_id
        entry = AuditEntry.objects.get(action="catalog.servicesheet.publish")
        assert entry.actor == reviewer and entry.agency == agency
        assert entry.changes["name"] == [None, sheet.name]

    @pytest.mark.parametrize("role", [Role.EDITOR, Role.OFFICER, Role.AGENCY_ADMIN])
    def test_other_roles_cannot_publish(self, agency, role):
        sheet = ServiceSheetFactory(agency=agency, publish=False)
        with pytest.raises(PermissionDenied):
            services.publish_sheet(sheet, actor=staff(role, agency))
        sheet.refresh_from_db()
        assert not sheet.live
        assert not AuditEntry.objects.filter(action="catalog.servicesheet.publish").exists()

    def test_reviewer_of_another_agency_cannot_publish_or_unpublish(self, agency):
        sheet = ServiceSheetFactory(agency=agency, publish=False)
        outsider = staff(Role.REVIEWER, AgencyFactory())
        with pytest.raises(PermissionDenied):
            services.publish_sheet(sheet, actor=outsider)
        live = ServiceSheetFactory(agency=agency)
        with pytest.raises(PermissionDenied):
            services.unpublish_sheet(live, actor=outsider)
        live.refresh_from_db()
        assert live.live

    def test_reviewer_of_a_parent_agency_publishes_for_its_bodies(self, agency):
        body = AgencyFactory(parent=agency)
        sheet = ServiceSheetFactory(agency=body, publish=False)
        services.publish_sheet(sheet, actor=staff(Role.REVIEWER, agency))
        sheet.refresh_from_db()
        assert sheet.live

    def test_unpublish_is_audited(self, agency):
        sheet = ServiceSheetFactory(agency=agency)
        reviewer = staff(Role.REVIEWER, agency)
        services.unpublish_sheet(sheet, actor=reviewer)
        sheet.refresh_from_db()
        assert not sheet.live
        entry = AuditEntry.objects.get(action="catalog.servicesheet.unpublish")
        assert entry.actor == reviewer and entry.agency == agency

    def test_system_publishes_without_a_user(self, agency):
        sheet = ServiceSheetFactory(agency=agency, publish=False)
        services.publish_sheet(sheet, actor=SYSTEM)
        entry = AuditEntry.objects.get(action="catalog.servicesheet.publish")
        assert entry.actor is None and entry.actor_label == "system"


class TestTranslation:
    def test_translating_creates_the_english_row_of_the_same_procedure(self, agency):
        sheet = ServiceSheetFactory(agency=agency, name="Licencia de conducir")
        english_locale()
        editor = staff(Role.EDITOR, agency)
        translated = services.translate_sheet(sheet, actor=editor)
        assert translated.pk != sheet.pk
        assert translated.translation_key == sheet.translation_key
        assert translated.locale == Locale.objects.get(language_code="en")
        # Synchronised fields follow the source; text waits for the translator (a draft).
        assert translated.agency == agency
        assert set(translated.offices.all()) == set(sheet.offices.all())
        assert not translated.live
        assert ServiceSheet.objects.filter(translation_key=sheet.translation_key).count() == 2
        entry = AuditEntry.objects.get(action="catalog.servicesheet.translate")
        assert entry.actor == editor and entry.agency == agency

    def test_editor_of_another_agency_cannot_translate(self, agency):
        sheet = ServiceSheetFactory(agency=agency)
        english_locale()
        with pytest.raises(PermissionDenied):
            services.translate_sheet(sheet, actor=staff(Role.EDITOR, AgencyFactory()))
        assert ServiceSheet.objects.filter(translation_key=sheet.translation_key).count() == 1


class TestLists:
    def test_synonyms_need_an_editor(self, agency):
        synonym = Synonym(language="es-mx", terms="acta de nacimiento\ncopia certificada de nacimiento")
        with pytest.raises(PermissionDenied):
            services.create_list_entry(synonym, actor=staff(Role.OFFICER, agency))
        editor = staff(Role.EDITOR, agency)
        services.create_list_entry(synonym, actor=editor)
        synonym.terms += "\nregistro de nacimiento"
        services.update_list_entry(synonym, actor=editor)
        entry = AuditEntry.objects.get(action="catalog.synonym.update")
        assert entry.changes["terms"][1].endswith("registro de nacimiento")
        services.delete_list_entry(synonym, actor=editor)
        assert not Synonym.objects.exists()
        assert AuditEntry.objects.filter(action="catalog.synonym.delete").exists()
