"""The read-only catalog API at /api/v1/: live sheets only, language, filters, query bounds, schema."""

import datetime
import uuid

import pytest
import yaml

from django.utils import timezone

from ventanilla.catalog.models import ServiceSheet
from ventanilla.catalog.tests.factories import (
    LifeEventFactory,
    SegmentFactory,
    ServiceSheetFactory,
    TopicFactory,
    english_locale,
)
from ventanilla.government.models import Level
from ventanilla.government.tests.factories import (
    AgencyFactory,
    JurisdictionFactory,
    OfficeFactory,
    OpeningHoursFactory,
)

pytestmark = pytest.mark.django_db
SHEETS = "/api/v1/sheets/"


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def translate(sheet: ServiceSheet, **changes) -> ServiceSheet:
    """The English row of `sheet`, published, as wagtail-localize would create it."""
    english = sheet.copy_for_translation(english_locale())
    english.slug = f"{sheet.slug}-en"
    for name, value in changes.items():
        setattr(english, name, value)
    english.save()
    english.offices.set(sheet.offices.all())
    english.save_revision().publish()
    return english


def test_only_live_unexpired_sheets_are_listed(client):
    live = ServiceSheetFactory(name="Pasaporte")
    ServiceSheetFactory(name="Borrador", publish=False)
    expired = ServiceSheetFactory(name="Vencido")
    ServiceSheet.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))
    assert names(client.get(SHEETS)) == {"Pasaporte"}
    assert client.get(f"{SHEETS}{live.translation_key}/").status_code == 200
    for sheet in ServiceSheet.objects.exclude(pk=live.pk):
        assert client.get(f"{SHEETS}{sheet.translation_key}/").status_code == 404
        assert client.get(f"{SHEETS}{sheet.slug}/").status_code == 404


def test_unpublishing_removes_the_sheet(client):
    sheet = ServiceSheetFactory(name="Pasaporte")
    sheet.unpublish()
    assert names(client.get(SHEETS)) == set()
    assert client.get(f"{SHEETS}{sheet.slug}/").status_code == 404


def test_language_by_parameter_or_header_default_spanish(client):
    sheet = ServiceSheetFactory(name="Pasaporte ordinario")
    translate(sheet, name="Ordinary passport")
    assert names(client.get(SHEETS)) == {"Pasaporte ordinario"}
    assert names(client.get(SHEETS, {"lang": "en"})) == {"Ordinary passport"}
    response = client.get(SHEETS, headers={"accept-language": "en-GB,en;q=0.9"})
    assert names(response) == {"Ordinary passport"}
    assert response["Content-Language"] == "en"
    assert names(client.get(SHEETS, {"lang": "xx"})) == {"Pasaporte ordinario"}
    detail = client.get(f"{SHEETS}{sheet.translation_key}/", {"lang": "en"}).json()
    assert detail["name"] == "Ordinary passport"
    assert detail["language"] == "en"


def test_detail_by_slug_or_key_has_every_art_46_field(client):
    earlier = ServiceSheetFactory(name="CURP")
    sheet = ServiceSheetFactory(name="Pasaporte")
    requirements = sheet.requirements.raw_data
    requirements[0]["value"]["required_procedure"] = earlier.pk
    ServiceSheet.objects.filter(pk=sheet.pk).update(requirements=list(requirements))
    by_slug = client.get(f"{SHEETS}{sheet.slug}/").json()
    by_key = client.get(f"{SHEETS}{sheet.translation_key}/").json()
    assert by_slug == by_key
    for field in ("name", "summary", "homoclave", "modality", "applicant", "legal_basis",
                  "when_applicable", "steps", "requirements", "submission_format", "forms",
                  "inspection_purpose", "agency", "unit",
                  "max_response_time", "response_day_type", "silence_effect", "prevention_agency_days",
                  "prevention_applicant_days", "fees", "result_document", "result_validity",
                  "resolution_criteria", "offices", "contacts", "records_to_keep", "topics", "life_events",
                  "segments", "last_reviewed_on"):
        assert by_key[field] not in ("", None, []), field
    assert by_key["requirements"][0]["required_procedure"]["translation_key"] == str(earlier.translation_key)
    assert by_key["requirements"][1]["required_procedure"] is None
    assert by_key["fees"][0]["amount"] == "250.00"
    assert by_key["offices"][0]["hours"]
    assert by_key["legal_basis"][0]["url"].startswith("https://")


def test_filters(client):
    topic, segment, event = TopicFactory(), SegmentFactory(), LifeEventFactory()
    state = AgencyFactory(jurisdiction=JurisdictionFactory(level=Level.STATE))
    federal = ServiceSheetFactory(name="Federal", topics=[topic], segments=[], life_events=[])
    ServiceSheetFactory(name="Estatal", agency=state, kind="servicio", segments=[segment], topics=[],
                        life_events=[event], is_free=True, fees=[], can_apply_online=False, online_url="",
                        can_pay_online=False)
    assert names(client.get(SHEETS, {"agency": federal.agency.slug})) == {"Federal"}
    assert names(client.get(SHEETS, {"level": "state"})) == {"Estatal"}
    assert names(client.get(SHEETS, {"topic": topic.slug})) == {"Federal"}
    assert names(client.get(SHEETS, {"topic": topic.slug_en, "lang": "es-mx"})) == {"Federal"}
    assert names(client.get(SHEETS, {"segment": segment.slug})) == {"Estatal"}
    assert names(client.get(SHEETS, {"life_event": event.slug})) == {"Estatal"}
    assert names(client.get(SHEETS, {"kind": "servicio"})) == {"Estatal"}
    assert names(client.get(SHEETS, {"free": "true"})) == {"Estatal"}
    assert names(client.get(SHEETS, {"free": "false"})) == {"Federal"}
    assert names(client.get(SHEETS, {"online": "true"})) == {"Federal"}
    assert names(client.get(SHEETS, {"agency": "no-such-agency"})) == set()


def test_list_is_paginated_with_bounded_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        ServiceSheetFactory()
    with django_assert_max_num_queries(3):
        small = client.get(SHEETS).json()
    for _ in range(12):
        ServiceSheetFactory()
    with django_assert_max_num_queries(3):
        page = client.get(SHEETS, {"limit": 10, "topic": "tema-1"}).json()
    with django_assert_max_num_queries(3):
        page = client.get(SHEETS, {"limit": 10}).json()
    assert small["count"] == 3
    assert page["count"] == 15 and len(page["results"]) == 10 and page["next"]


def test_detail_queries_do_not_grow_with_offices(client, django_assert_max_num_queries):
    sheet = ServiceSheetFactory()
    with django_assert_max_num_queries(10):
        client.get(f"{SHEETS}{sheet.slug}/")
    offices = [OfficeFactory(agency=sheet.agency) for _ in range(5)]
    for office in offices:
        OpeningHoursFactory(office=office)
    sheet.offices.add(*offices)
    sheet.save()  # a ParentalManyToManyField writes its rows when the sheet is saved
    with django_assert_max_num_queries(10):
        assert len(client.get(f"{SHEETS}{sheet.slug}/").json()["offices"]) == 6


def test_agencies_and_taxonomies(client):
    sheet = ServiceSheetFactory()
    agency = client.get("/api/v1/agencies/").json()["results"][0]
    assert agency["slug"] == sheet.agency.slug
    english_agency = client.get(f"/api/v1/agencies/{sheet.agency.slug}/", {"lang": "en"}).json()
    assert english_agency["name"] == sheet.agency.name_en
    topic = sheet.topics.get()
    assert client.get(f"/api/v1/topics/{topic.slug}/").json()["name"] == topic.name
    english = client.get(f"/api/v1/topics/{topic.slug_en}/", {"lang": "en"}).json()
    assert english == {"slug": topic.slug_en, "name": topic.name_en, "description": topic.description_en}
    assert client.get("/api/v1/life-events/").json()["count"] == 1
    assert client.get("/api/v1/segments/").json()["count"] == 1
    assert client.get("/api/v1/segments/nothing/").status_code == 404


def test_read_only(client):
    sheet = ServiceSheetFactory()
    assert client.post(SHEETS, {}).status_code in (403, 405)
    assert client.delete(f"{SHEETS}{sheet.slug}/").status_code in (403, 405)
    assert ServiceSheet.objects.filter(pk=sheet.pk).exists()


def test_unknown_key_is_404(client):
    assert client.get(f"{SHEETS}{uuid.uuid4()}/").status_code == 404


def test_openapi_schema_has_the_endpoints_and_no_warnings(client, capsys):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    for path in ("/api/v1/sheets/", "/api/v1/sheets/{key}/", "/api/v1/agencies/", "/api/v1/topics/",
                 "/api/v1/life-events/", "/api/v1/segments/", "/api/v1/catalog/cpsv.jsonld",
                 "/api/v1/catalog/cpsv/{key}.jsonld", "/api/v1/catalog/export.csv",
                 "/api/v1/catalog/export.json"):
        assert path in paths, path
    parameters = {p["name"] for p in paths["/api/v1/sheets/"]["get"]["parameters"]}
    assert {"agency", "level", "topic", "segment", "life_event", "kind", "free", "online", "lang", "limit",
            "offset"} <= parameters
