"""Open formats for service sheets: schema.org GovernmentService and CPSV-AP 3 JSON-LD.

`sheet_jsonld(sheet, request)` is embedded by the sheet page (discoverability by search
engines); `cpsv_graph(sheets)` / `cpsv_node(sheet)` are the interoperability export of the
EU Core Public Service Vocabulary Application Profile, which maps LGMR art. 46 one to one
(shared/reference/mexico-standards.md §5). Both read StreamField values as stored, so a sheet
costs no query beyond its agency, offices and taxonomies.
"""

from django.utils import translation
from django.utils.translation import gettext

from .api.serializers import public_url, stream_items
from .models import ServiceSheet

SCHEMA_LANGUAGES = {"es-mx": "es-MX", "en": "en"}
# EU Publications Office authority tables, as CPSV-AP asks for dct:language and cv:currency.
EU_LANGUAGE = {
    "es-mx": "http://publications.europa.eu/resource/authority/language/SPA",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
MXN = "http://publications.europa.eu/resource/authority/currency/MXN"
CPSV_CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def duration(sheet: ServiceSheet) -> str:
    """ISO 8601 duration of the maximum response time (working days are stated in the text)."""
    if sheet.immediate_response or not sheet.max_response_time:
        return "P0D"
    return f"P{sheet.max_response_time}D"


def _language(sheet: ServiceSheet) -> str:
    return sheet.locale.language_code


def _localized(obj, field: str, language: str) -> str:
    with translation.override(language):
        return obj.localized(field)


def _amount(fee: dict) -> str | None:
    return None if fee.get("amount") in (None, "") else f"{float(fee['amount']):.2f}"


# --------------------------------------------------------------------------------- schema.org
def _compact(data: dict) -> dict:
    """Without empty values: schema.org consumers read "" as a value, not as "unknown"."""
    return {key: value for key, value in data.items() if value not in ("", None)}


def _organisation(agency, language: str) -> dict:
    return _compact(
        {
            "@type": "GovernmentOrganization",
            "name": _localized(agency, "name", language),
            "alternateName": agency.acronym,
            "url": agency.website,
            "telephone": agency.phone,
            "email": agency.email,
        }
    )


def _office(office, language: str) -> dict:
    return _compact(
        {
            "@type": "GovernmentOffice",
            "name": _localized(office, "name", language),
            "telephone": office.phone,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": office.street,
                "addressLocality": office.municipality,
                "addressRegion": office.state,
                "postalCode": office.postal_code,
                "addressCountry": "MX",
            },
            **(
                {
                    "geo": {
                        "@type": "GeoCoordinates",
                        "latitude": float(office.latitude),
                        "longitude": float(office.longitude),
                    }
                }
                if office.latitude is not None
                else {}
            ),
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{WEEKDAYS[h.weekday]}",
                    "opens": h.opens.strftime("%H:%M"),
                    "closes": h.closes.strftime("%H:%M"),
                }
                for h in office.hours.all()
            ],
        }
    )


def sheet_jsonld(sheet: ServiceSheet, request=None) -> dict:
    """schema.org GovernmentService for the sheet's page (https://schema.org/GovernmentService)."""
    with translation.override(_language(sheet)):  # labels in the sheet's language, whatever the page's
        return _government_service(sheet, request)


def _government_service(sheet: ServiceSheet, request) -> dict:
    language = _language(sheet)
    agency = sheet.agency
    url = public_url(sheet, request)
    processing = duration(sheet)
    organisation = _organisation(agency, language)
    area = {"@type": "AdministrativeArea", "name": _localized(agency.jurisdiction, "name", language)}
    channels = []
    if sheet.can_apply_online and sheet.online_url:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": gettext("Online"),
                "serviceUrl": sheet.online_url,
                "processingTime": processing,
                "availableLanguage": SCHEMA_LANGUAGES[language],
            }
        )
    for office in sheet.offices.all():
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": _localized(office, "name", language),
                "serviceLocation": _office(office, language),
                "processingTime": processing,
                **(
                    {"servicePhone": {"@type": "ContactPoint", "telephone": office.phone}}
                    if office.phone
                    else {}
                ),
            }
        )
    fees = stream_items(sheet, "fees")
    if sheet.is_free or not fees:
        offers = [{"@type": "Offer", "price": "0", "priceCurrency": "MXN"}]
    else:
        offers = [
            {
                "@type": "Offer",
                "name": fee["concept"],
                "priceCurrency": "MXN",
                **(
                    {"price": amount} if (amount := _amount(fee)) else {"description": fee.get("formula", "")}
                ),
            }
            for fee in fees
        ]
    laws = [law["url"] for law in stream_items(sheet, "legal_basis") if law.get("url")]
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": sheet.name,
        "description": sheet.summary,
        "identifier": sheet.homoclave or str(sheet.translation_key),
        "serviceType": sheet.get_kind_display(),
        "provider": organisation,
        "serviceOperator": organisation,
        "areaServed": area,
        "jurisdiction": area,
        "audience": [
            {"@type": "Audience", "audienceType": _localized(s, "name", language)}
            for s in sheet.segments.all()
        ],
        "availableChannel": channels,
        "offers": offers,
        "produces": {"@type": "Thing", "name": sheet.result_document},
        "serviceOutput": {"@type": "Thing", "name": sheet.result_document},
        "inLanguage": SCHEMA_LANGUAGES[language],
    }
    if url:
        data["url"] = url
    if laws:
        data["termsOfService"] = laws[0]
    modified = sheet.last_published_at or sheet.latest_revision_created_at
    if modified:
        data["dateModified"] = modified.isoformat()
    return data


# --------------------------------------------------------------------------------- CPSV-AP 3
def _text(value: str, language: str) -> dict:
    return {"@value": value, "@language": SCHEMA_LANGUAGES[language]}


def service_iri(sheet: ServiceSheet) -> str:
    """One IRI per service, shared by its translations (they describe the same service)."""
    return f"urn:uuid:{sheet.translation_key}"


def cpsv_node(sheet: ServiceSheet) -> dict:
    """One cpsv:PublicService, with its authority, rules, requirements, costs, channels and output."""
    language = _language(sheet)
    iri = service_iri(sheet)
    agency = sheet.agency
    evidences = [
        {
            "@id": f"{iri}#evidence-{n}",
            "@type": "cv:Evidence",
            "dct:title": _text(req["document"], language),
            **({"dct:description": _text(req["details"], language)} if req.get("details") else {}),
        }
        for n, req in enumerate(stream_items(sheet, "requirements"), 1)
    ]
    node = {
        "@id": iri,
        "@type": "cpsv:PublicService",
        "dct:identifier": sheet.homoclave or str(sheet.translation_key),
        "dct:title": _text(sheet.name, language),
        "dct:description": _text(sheet.summary, language),
        "dct:language": {"@id": EU_LANGUAGE[language]},
        "dct:type": sheet.kind,
        "dct:spatial": _text(_localized(agency.jurisdiction, "name", language), language),
        "cv:hasCompetentAuthority": {
            "@id": f"urn:ventanilla:agency:{agency.slug}",
            "@type": "cv:PublicOrganisation",
            "skos:prefLabel": _text(_localized(agency, "name", language), language),
            "foaf:homepage": {"@id": agency.website} if agency.website else None,
        },
        "cv:processingTime": {"@value": duration(sheet), "@type": "xsd:duration"},
        "cpsv:follows": [
            {
                "@id": f"{iri}#rule-{n}",
                "@type": "cpsv:Rule",
                "dct:title": _text(f"{law['instrument']}, {law.get('article', '')}".rstrip(", "), language),
                "cpsv:implements": {
                    "@id": law["url"] if law.get("url") else f"{iri}#legal-resource-{n}",
                    "@type": "eli:LegalResource",
                    "dct:title": _text(law["instrument"], language),
                },
            }
            for n, law in enumerate(stream_items(sheet, "legal_basis"), 1)
        ],
        "cpsv:hasInput": evidences,
        "cv:holdsRequirement": [
            {
                "@id": f"{iri}#requirement-{n}",
                "@type": "cv:Requirement",
                "dct:title": ev["dct:title"],
                "cv:hasSupportingEvidence": {"@id": ev["@id"]},
            }
            for n, ev in enumerate(evidences, 1)
        ],
        "cv:hasCost": [
            {
                "@id": f"{iri}#cost-{n}",
                "@type": "cv:Cost",
                "dct:description": _text(
                    fee["concept"] if _amount(fee) else f"{fee['concept']}: {fee.get('formula', '')}",
                    language,
                ),
                "cv:currency": {"@id": MXN},
                **({"cv:value": {"@value": _amount(fee), "@type": "xsd:decimal"}} if _amount(fee) else {}),
            }
            for n, fee in enumerate(stream_items(sheet, "fees"), 1)
        ]
        or [
            {
                "@id": f"{iri}#cost-1",
                "@type": "cv:Cost",
                "cv:currency": {"@id": MXN},
                "cv:value": {"@value": "0.00", "@type": "xsd:decimal"},
            }
        ],
        "cv:hasChannel": _channels(sheet, iri, language),
        "cv:contactPoint": [
            {
                "@id": f"{iri}#contact-{n}",
                "@type": "cv:ContactPoint",
                **({"cv:telephone": c["phone"]} if c.get("phone") else {}),
                **({"cv:email": c["email"]} if c.get("email") else {}),
                **({"foaf:page": {"@id": c["url"]}} if c.get("url") else {}),
            }
            for n, c in enumerate(stream_items(sheet, "contacts"), 1)
        ],
        "cv:produces": {
            "@id": f"{iri}#output",
            "@type": "cv:Output",
            "dct:title": _text(sheet.result_document, language),
        },
        "cv:isGroupedBy": [
            {
                "@id": f"urn:ventanilla:life-event:{event.slug}",
                "@type": "cv:LifeEvent",
                "dct:title": _text(_localized(event, "name", language), language),
            }
            for event in sheet.life_events.all()
        ],
        "cv:thematicArea": [
            {
                "@id": f"urn:ventanilla:topic:{topic.slug}",
                "@type": "skos:Concept",
                "skos:prefLabel": _text(_localized(topic, "name", language), language),
            }
            for topic in sheet.topics.all()
        ],
    }
    if node["cv:hasCompetentAuthority"]["foaf:homepage"] is None:
        del node["cv:hasCompetentAuthority"]["foaf:homepage"]
    return node


def _channels(sheet: ServiceSheet, iri: str, language: str) -> list[dict]:
    channels = []
    if sheet.can_apply_online and sheet.online_url:
        channels.append(
            {
                "@id": f"{iri}#channel-online",
                "@type": "cv:Channel",
                "dct:type": "online",
                "foaf:page": {"@id": sheet.online_url},
            }
        )
    for office in sheet.offices.all():
        channels.append(
            {
                "@id": f"{iri}#channel-office-{office.pk}",
                "@type": "cv:Channel",
                "dct:type": "in_person",
                "cv:ownedBy": {"@id": f"urn:ventanilla:agency:{sheet.agency.slug}"},
                "cv:hasContactPoint": {
                    "@id": f"urn:ventanilla:office:{office.pk}",
                    "@type": "cv:ContactPoint",
                    **({"cv:telephone": office.phone} if office.phone else {}),
                    "cv:openingHours": [
                        f"{WEEKDAYS[h.weekday][:2]} {h.opens:%H:%M}-{h.closes:%H:%M}"
                        for h in office.hours.all()
                    ],
                    "locn:address": {
                        "@type": "locn:Address",
                        "locn:fullAddress": _text(
                            f"{office.street}, {office.neighbourhood}, {office.postal_code} "
                            f"{office.municipality}, {office.state}, México",
                            language,
                        ),
                    },
                },
            }
        )
    return channels


def cpsv_graph(sheets) -> dict:
    """A CPSV-AP 3 JSON-LD document holding every sheet given."""
    return {"@context": CPSV_CONTEXT, "@graph": [cpsv_node(sheet) for sheet in sheets]}
