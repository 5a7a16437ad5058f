"""The demo catalog (load_demo) and generate_catalog."""

import pytest

from django.core.management import call_command
from wagtail.models import Revision

from ventanilla.audit.models import AuditEntry
from ventanilla.catalog.demo_data import translation_key
from ventanilla.catalog.management.commands import generate_catalog
from ventanilla.catalog.models import LifeEvent, Segment, ServiceSheet, Synonym, Topic
from ventanilla.core import demo
from ventanilla.government.models import Level
from ventanilla.government.tests.factories import AgencyFactory, OfficeFactory

pytestmark = pytest.mark.django_db
TEXT_FIELDS = [
    "name",
    "slug",
    "summary",
    "description",
    "homoclave",
    "modality",
    "when_applicable",
    "result_document",
    "result_validity",
    "resolution_criteria",
    "records_to_keep",
]
STREAMS = ["legal_basis", "steps", "requirements", "forms", "contacts"]


def art_46_gaps(sheet: ServiceSheet) -> list[str]:
    """The art. 46 fields a demo sheet leaves empty (none should be)."""
    gaps = [name for name in TEXT_FIELDS if not getattr(sheet, name)]
    gaps += [name for name in STREAMS if not list(getattr(sheet, name).raw_data)]
    if not (sheet.is_free or list(sheet.fees.raw_data)):
        gaps.append("fees")
    for fee in sheet.fees.raw_data:
        value = fee["value"]
        if not (value["amount"] or value["formula"]) or not value["legal_basis"] or not value["where_to_pay"]:
            gaps.append("fee details")
    if not (sheet.immediate_response or sheet.max_response_time):
        gaps.append("max_response_time")
    if sheet.prevention_agency_days is None or sheet.prevention_applicant_days is None:
        gaps.append("prevention terms")
    if sheet.inspection_required and not sheet.inspection_purpose:
        gaps.append("inspection_purpose")
    for requirement in sheet.requirements.raw_data:
        if not requirement["value"]["issuer"] or not requirement["value"]["details"]:
            gaps.append("requirement details")
    for form in sheet.forms.raw_data:
        if not form["value"]["url"] or not form["value"]["published_on"]:
            gaps.append("form url/date")
    for law in sheet.legal_basis.raw_data:
        if not law["value"]["article"]:
            gaps.append("legal basis article")
    gaps += [name for name in ("unit_id", "last_reviewed_on") if getattr(sheet, name) is None]
    gaps += [name for name in ("offices", "topics", "segments") if not getattr(sheet, name).exists()]
    return gaps


def snapshot() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (ServiceSheet, Revision, AuditEntry, Topic, LifeEvent, Segment, Synonym)
    }


def test_loaders_run_in_order():
    names = [item.name for item in demo.registered()]
    assert names.index("government") < names.index("catalog")


def test_load_demo_catalog_is_complete_bilingual_and_idempotent(capsys):
    call_command("load_demo")
    sheets = ServiceSheet.objects.select_related("locale", "agency__jurisdiction")
    spanish = [s for s in sheets if s.locale.language_code == "es-mx"]
    english = {s.translation_key: s for s in sheets if s.locale.language_code == "en"}
    assert len(spanish) >= 150 and len(english) == len(spanish)
    assert all(sheet.live and sheet.live_revision_id for sheet in sheets)
    gaps = {f"{sheet.name} ({sheet.locale.language_code})": art_46_gaps(sheet) for sheet in sheets}
    assert {name: missing for name, missing in gaps.items() if missing} == {}
    for sheet in spanish:  # the English row is the same service, in English
        other = english[sheet.translation_key]
        assert other.agency_id == sheet.agency_id and other.homoclave == sheet.homoclave
        assert other.name != sheet.name
    # Every level of government and kind, several life events, linked earlier procedures.
    assert {s.agency.jurisdiction.level for s in spanish} == {Level.FEDERAL, Level.STATE, Level.MUNICIPAL}
    assert {s.kind for s in spanish} == {"tramite", "servicio"}
    assert any(not s.is_free for s in spanish) and any(s.is_free for s in spanish)
    assert any(s.inspection_required for s in spanish)
    linked = [r for s in spanish for r in s.requirements.raw_data if r["value"]["required_procedure"]]
    assert len(linked) > 50
    curp = ServiceSheet.objects.get(
        translation_key=translation_key("curp-consulta"), locale__language_code="es-mx"
    )
    assert any(r["value"]["required_procedure"] == curp.pk for r in linked)
    assert LifeEvent.objects.filter(slug="tener-un-bebe", sheets__isnull=False).exists()
    assert {s.slug for s in Segment.objects.all()} >= {
        "ciudadanos",
        "empresarios",
        "estudiantes",
        "amas-de-casa",
        "adultos-mayores",
        "mexicanos-en-el-extranjero",
    }
    assert any(
        {"licencia de manejo", "licencia de conducir"} <= set(s.phrases()) for s in Synonym.objects.all()
    )
    assert any({"driving licence", "driver's license"} <= set(s.phrases()) for s in Synonym.objects.all())
    birth = ServiceSheet.objects.get(
        translation_key=translation_key("acta-nacimiento-copia-a"), locale__language_code="es-mx"
    )
    assert "nacimiento" in birth.name.lower()
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_generate_catalog_makes_published_sheets(capsys):
    agency = AgencyFactory(website="https://example.gob.mx", phone="55 1234 5678")
    OfficeFactory(agency=agency)
    call_command("generate_catalog", services=50, english=True, no_index=True, batch_size=20)
    assert ServiceSheet.objects.filter(live=True, locale__language_code="es-mx").count() == 50
    assert ServiceSheet.objects.filter(live=True, locale__language_code="en").count() == 50
    sheet = ServiceSheet.objects.filter(locale__language_code="es-mx").first()
    sheet.full_clean()  # plausible and valid, like an edited sheet
    assert sheet.offices.count() == 1
    call_command("generate_catalog", services=5, no_index=True)  # a second run adds, never collides
    assert ServiceSheet.objects.filter(locale__language_code="es-mx").count() == 55


def test_generate_catalog_translates_one_sheet_in_n(capsys):
    OfficeFactory(agency=AgencyFactory(website="https://example.gob.mx"))
    call_command("generate_catalog", services=20, english_every=5, no_index=True, batch_size=8)
    spanish = ServiceSheet.objects.filter(live=True, locale__language_code="es-mx")
    english = ServiceSheet.objects.filter(live=True, locale__language_code="en")
    assert (spanish.count(), english.count()) == (20, 4)
    assert set(english.values_list("translation_key", flat=True)) <= set(
        spanish.values_list("translation_key", flat=True)
    )
    assert all(sheet.offices.exists() for sheet in english)
    # Later batches point some requirements at sheets written before them.
    linked = [
        block.value["required_procedure"]
        for sheet in spanish for block in sheet.requirements if block.value["required_procedure"]
    ]
    assert all(target.live for target in linked)


def test_generate_catalog_rebuilds_the_search_index(monkeypatch, capsys):
    OfficeFactory(agency=AgencyFactory(website="https://example.gob.mx"))
    calls = []
    monkeypatch.setattr(generate_catalog, "call_command", lambda name, **kwargs: calls.append(name))
    call_command("generate_catalog", services=3)
    assert calls == ["rebuild_catalog_index"]


def test_generate_catalog_needs_agencies():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("generate_catalog", services=3)
