"""Open formats: CPSV-AP 3 JSON-LD (parsed with rdflib), schema.org GovernmentService, CSV and JSON."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from django.utils import timezone

from ventanilla.catalog.export import cpsv_graph, sheet_jsonld
from ventanilla.catalog.models import ServiceSheet
from ventanilla.catalog.tests.factories import ServiceSheetFactory, english_locale

pytestmark = pytest.mark.django_db
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")


def streamed(response) -> str:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content).decode()


def parse(text: str) -> Graph:
    return Graph().parse(data=text, format="json-ld")


@pytest.fixture
def catalog():
    """A live sheet, a free live sheet, a draft and an expired sheet."""
    paid = ServiceSheetFactory(name="Licencia de construcción")
    free = ServiceSheetFactory(name="Consulta de CURP", is_free=True, fees=[], can_pay_online=False)
    ServiceSheetFactory(name="Borrador", publish=False)
    expired = ServiceSheetFactory(name="Vencido")
    ServiceSheet.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    return paid, free


def test_cpsv_sheet_has_the_expected_triples(client, catalog):
    sheet, _free = catalog
    response = client.get(f"/api/v1/catalog/cpsv/{sheet.translation_key}.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    graph = parse(response.content.decode())
    service = URIRef(f"urn:uuid:{sheet.translation_key}")
    assert (service, RDF.type, CPSV.PublicService) in graph
    assert (service, DCTERMS.identifier, Literal(sheet.homoclave)) in graph
    assert (service, DCTERMS.title, Literal(sheet.name, lang="es-MX")) in graph
    assert (
        service,
        DCTERMS.language,
        URIRef("http://publications.europa.eu/resource/authority/language/SPA"),
    ) in graph
    assert (service, CV.processingTime, Literal("P10D", datatype=XSD.duration)) in graph
    authority = graph.value(service, CV.hasCompetentAuthority)
    assert (authority, RDF.type, CV.PublicOrganisation) in graph
    assert (authority, SKOS.prefLabel, Literal(sheet.agency.name, lang="es-MX")) in graph
    cost = graph.value(service, CV.hasCost)
    assert (cost, RDF.type, CV.Cost) in graph
    assert graph.value(cost, CV.value).toPython() == Decimal("250.00")
    assert graph.value(cost, CV.currency) == URIRef(
        "http://publications.europa.eu/resource/authority/currency/MXN"
    )
    rule = graph.value(service, CPSV.follows)
    assert (rule, RDF.type, CPSV.Rule) in graph
    legal = graph.value(rule, CPSV.implements)
    assert legal == URIRef("https://www.diputados.gob.mx/LeyesBiblio/pdf/LGMR.pdf")
    assert (legal, RDF.type, ELI.LegalResource) in graph
    evidences = list(graph.objects(service, CPSV.hasInput))
    assert len(evidences) == 2 and all((e, RDF.type, CV.Evidence) in graph for e in evidences)
    requirements = list(graph.objects(service, CV.holdsRequirement))
    assert {graph.value(r, CV.hasSupportingEvidence) for r in requirements} == set(evidences)
    channels = list(graph.objects(service, CV.hasChannel))
    assert len(channels) == 2  # online and the office
    office_channel = next(c for c in channels if graph.value(c, DCTERMS.type) == Literal("in_person"))
    assert graph.value(graph.value(office_channel, CV.hasContactPoint), CV.openingHours) is not None
    assert len(list(graph.objects(service, CV.contactPoint))) == 2
    output = graph.value(service, CV.produces)
    assert (output, RDF.type, CV.Output) in graph
    assert (output, DCTERMS.title, Literal("Licencia", lang="es-MX")) in graph
    event = graph.value(service, CV.isGroupedBy)
    assert (event, RDF.type, CV.LifeEvent) in graph
    topic = graph.value(service, CV.thematicArea)
    assert (topic, SKOS.prefLabel, Literal(sheet.topics.get().name, lang="es-MX")) in graph


def test_cpsv_free_sheet_costs_zero(catalog):
    _paid, free = catalog
    graph = parse(json.dumps(cpsv_graph([free])))
    cost = graph.value(URIRef(f"urn:uuid:{free.translation_key}"), CV.hasCost)
    assert graph.value(cost, CV.value).toPython() == Decimal("0.00")


def test_cpsv_catalog_holds_only_live_sheets(client, catalog):
    paid, free = catalog
    graph = parse(streamed(client.get("/api/v1/catalog/cpsv.jsonld")))
    services = set(graph.subjects(RDF.type, CPSV.PublicService))
    assert services == {
        URIRef(f"urn:uuid:{paid.translation_key}"),
        URIRef(f"urn:uuid:{free.translation_key}"),
    }
    draft = ServiceSheet.objects.get(name="Borrador")
    assert client.get(f"/api/v1/catalog/cpsv/{draft.translation_key}.jsonld").status_code == 404


def test_cpsv_catalog_in_english(client, catalog):
    paid, _free = catalog
    english = paid.copy_for_translation(english_locale())
    english.name, english.slug = "Building permit", "building-permit"
    english.save()
    english.save_revision().publish()
    graph = parse(streamed(client.get("/api/v1/catalog/cpsv.jsonld", {"lang": "en"})))
    service = URIRef(f"urn:uuid:{paid.translation_key}")
    assert list(graph.subjects(RDF.type, CPSV.PublicService)) == [service]
    assert (service, DCTERMS.title, Literal("Building permit", lang="en")) in graph


def test_csv_download_has_only_live_sheets(client, catalog):
    response = client.get("/api/v1/catalog/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(streamed(response).lstrip("\ufeff"))))
    assert {row["name"] for row in rows} == {"Licencia de construcción", "Consulta de CURP"}
    row = next(row for row in rows if row["name"] == "Licencia de construcción")
    assert "250.00" in row["fees"] and "Identificación oficial vigente" in row["requirements"]
    assert row["language"] == "es-mx" and row["is_free"] == "False"
    assert streamed(client.get("/api/v1/catalog/export.csv", {"lang": "en"})).count("\n") == 1  # header only


def test_json_download_has_only_live_sheets(client, catalog):
    data = json.loads(streamed(client.get("/api/v1/catalog/export.json")))
    assert {item["name"] for item in data} == {"Licencia de construcción", "Consulta de CURP"}
    paid = next(item for item in data if item["name"] == "Licencia de construcción")
    assert paid["fees"][0]["amount"] == "250.00"
    assert paid["legal_basis"][0]["instrument"] == "Ley General de Mejora Regulatoria"
    assert json.loads(streamed(client.get("/api/v1/catalog/export.json", {"lang": "en"}))) == []


def test_downloads_are_bounded_in_queries(client, django_assert_max_num_queries):
    for _ in range(4):
        ServiceSheetFactory()
    with django_assert_max_num_queries(12):
        assert len(json.loads(streamed(client.get("/api/v1/catalog/export.json")))) == 4
    with django_assert_max_num_queries(12):
        streamed(client.get("/api/v1/catalog/cpsv.jsonld"))


# ----------------------------------------------------------------------------- schema.org
# A small schema from https://schema.org definitions (no network): for each type, the properties
# it may carry (its own and inherited ones used here) and which are expected.
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")
SCHEMA = {
    "GovernmentService": {
        "allowed": {
            "name",
            "description",
            "identifier",
            "serviceType",
            "provider",
            "serviceOperator",
            "areaServed",
            "jurisdiction",
            "audience",
            "availableChannel",
            "offers",
            "produces",
            "serviceOutput",
            "termsOfService",
            "url",
            "inLanguage",
            "dateModified",
        },
        "required": {
            "name",
            "description",
            "provider",
            "serviceOperator",
            "areaServed",
            "jurisdiction",
            "availableChannel",
            "offers",
            "identifier",
            "url",
        },
        "types": {
            "provider": "GovernmentOrganization",
            "serviceOperator": "GovernmentOrganization",
            "areaServed": "AdministrativeArea",
            "jurisdiction": "AdministrativeArea",
            "audience": "Audience",
            "availableChannel": "ServiceChannel",
            "offers": "Offer",
            "produces": "Thing",
            "serviceOutput": "Thing",
        },
    },
    "GovernmentOrganization": {
        "allowed": {"name", "alternateName", "url", "telephone", "email"},
        "required": {"name"},
        "types": {},
    },
    "AdministrativeArea": {"allowed": {"name"}, "required": {"name"}, "types": {}},
    "Audience": {"allowed": {"audienceType"}, "required": {"audienceType"}, "types": {}},
    "Thing": {"allowed": {"name"}, "required": {"name"}, "types": {}},
    "ServiceChannel": {
        "allowed": {
            "name",
            "serviceUrl",
            "serviceLocation",
            "servicePhone",
            "processingTime",
            "availableLanguage",
        },
        "required": {"processingTime"},
        "types": {"serviceLocation": "GovernmentOffice", "servicePhone": "ContactPoint"},
    },
    "GovernmentOffice": {
        "allowed": {"name", "telephone", "address", "geo", "openingHoursSpecification"},
        "required": {"name", "address", "openingHoursSpecification"},
        "types": {
            "address": "PostalAddress",
            "geo": "GeoCoordinates",
            "openingHoursSpecification": "OpeningHoursSpecification",
        },
    },
    "PostalAddress": {
        "allowed": {"streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry"},
        "required": {"streetAddress", "addressCountry"},
        "types": {},
    },
    "GeoCoordinates": {
        "allowed": {"latitude", "longitude"},
        "required": {"latitude", "longitude"},
        "types": {},
    },
    "OpeningHoursSpecification": {
        "allowed": {"dayOfWeek", "opens", "closes"},
        "required": {"dayOfWeek", "opens", "closes"},
        "types": {},
    },
    "ContactPoint": {"allowed": {"telephone"}, "required": {"telephone"}, "types": {}},
    "Offer": {
        "allowed": {"name", "price", "priceCurrency", "description"},
        "required": {"priceCurrency"},
        "types": {},
    },
}
VALUE_CHECKS = {
    "url": lambda v: v.startswith(("http://", "https://")),
    "serviceUrl": lambda v: v.startswith("https://"),
    "termsOfService": lambda v: v.startswith("https://"),
    "processingTime": lambda v: bool(DURATION.match(v)),
    "priceCurrency": lambda v: v == "MXN",
    "price": lambda v: Decimal(v) >= 0,
    "opens": lambda v: bool(TIME.match(v)),
    "closes": lambda v: bool(TIME.match(v)),
    "dayOfWeek": lambda v: v.startswith("https://schema.org/") and v.endswith("day"),
    "dateModified": lambda v: datetime.datetime.fromisoformat(v) is not None,
    "inLanguage": lambda v: v in ("es-MX", "en"),
    "latitude": lambda v: isinstance(v, float),
    "addressCountry": lambda v: v == "MX",
}


def validate(node: dict, expected_type: str, path: str = "$") -> list[str]:
    errors = []
    if node.get("@type") != expected_type:
        return [f"{path}: @type {node.get('@type')!r}, expected {expected_type}"]
    rules = SCHEMA[expected_type]
    properties = set(node) - {"@context", "@type"}
    errors += [f"{path}: unknown property {name}" for name in properties - rules["allowed"]]
    errors += [f"{path}: missing {name}" for name in rules["required"] - properties]
    for name in properties:
        values = node[name] if isinstance(node[name], list) else [node[name]]
        for index, value in enumerate(values):
            where = f"{path}.{name}[{index}]"
            if name in rules["types"]:
                errors += (
                    validate(value, rules["types"][name], where)
                    if isinstance(value, dict)
                    else [f"{where}: expected a {rules['types'][name]} object"]
                )
            elif isinstance(value, dict):
                errors.append(f"{where}: unexpected object")
            elif name in VALUE_CHECKS and not VALUE_CHECKS[name](value):
                errors.append(f"{where}: bad value {value!r}")
            elif value in ("", None):
                errors.append(f"{where}: empty")
    return errors


def test_sheet_jsonld_validates_as_government_service(rf, catalog):
    paid, free = catalog
    request = rf.get("/")
    for sheet in (paid, free):
        data = sheet_jsonld(ServiceSheet.objects.get(pk=sheet.pk), request)
        assert data["@context"] == "https://schema.org"
        assert validate(data, "GovernmentService") == []
        assert json.loads(json.dumps(data)) == data  # plain JSON, embeddable in the page
    data = sheet_jsonld(paid, request)
    assert data["identifier"] == paid.homoclave
    assert data["offers"] == [
        {"@type": "Offer", "name": "Derecho por expedición", "priceCurrency": "MXN", "price": "250.00"}
    ]
    assert data["availableChannel"][0]["serviceUrl"] == paid.online_url
    assert data["availableChannel"][0]["processingTime"] == "P10D"
    assert data["termsOfService"].endswith("LGMR.pdf")
    assert sheet_jsonld(free, request)["offers"] == [{"@type": "Offer", "price": "0", "priceCurrency": "MXN"}]


def test_validator_catches_mistakes(rf, catalog):
    data = sheet_jsonld(catalog[0], rf.get("/"))
    data["availableChannel"][0]["processingTime"] = "10 días"
    data["offers"][0]["priceCurrency"] = "USD"
    del data["provider"]
    errors = validate(data, "GovernmentService")
    assert len(errors) == 3, errors
