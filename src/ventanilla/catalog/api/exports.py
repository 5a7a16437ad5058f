"""Whole-catalog downloads: CPSV-AP JSON-LD, CSV and JSON, streamed so 100,000 sheets fit in memory.

Rows are read in chunks (`iterator(chunk_size=...)`, prefetching each chunk's offices and
taxonomies) and written as they come; nothing holds the whole catalog. Language: `?lang=`
or Accept-Language, default es-mx. Only live, unexpired sheets.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer

from ventanilla.catalog.export import CPSV_CONTEXT, cpsv_graph, cpsv_node

from .language import language_for
from .queries import live_sheets, with_details
from .serializers import ART_46_FIELDS, public_url, stream_items
from .views import LANG_PARAMETER

CHUNK = 1000
JSONLD = "application/ld+json"
CSV_COLUMNS = [
    "translation_key", "language", "homoclave", "name", "slug", "summary", "kind", "agency", "agency_acronym",
    "level", *ART_46_FIELDS, "is_free", "can_apply_online", "online_url", "can_book_appointment",
    "can_pay_online", "last_reviewed_on", "url",
]


class _Download(BaseRenderer):
    """Names the media type of a view that builds its own (streamed) response, for content negotiation
    and the OpenAPI schema; it never renders anything itself."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only error responses (404, 429) come through here: a small JSON body.
        return json.dumps(data, cls=DjangoJSONEncoder).encode()


class CSVRenderer(_Download):
    media_type = "text/csv"
    format = "csv"


class JSONDownloadRenderer(_Download):
    media_type = "application/json"
    format = "json"


class JSONLDRenderer(_Download):
    media_type = JSONLD
    format = "jsonld"


def _sheets(request):
    language = language_for(request)
    return language, with_details(
        live_sheets(language).select_related(None).select_related("agency__jurisdiction", "locale", "unit")
    ).order_by("pk")


def _headers(response, language: str, filename: str):
    response["Content-Language"] = language
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Vary"] = "Accept-Language"
    return response


def _json_array(request, opening: str, closing: str, convert, media_type: str, extension: str):
    """Stream `opening`, each live sheet converted to JSON and comma-separated, then `closing`."""
    language, sheets = _sheets(request)

    def chunks():
        yield opening
        for index, sheet in enumerate(sheets.iterator(chunk_size=CHUNK)):
            yield ("," if index else "") + json.dumps(
                convert(sheet), cls=DjangoJSONEncoder, ensure_ascii=False
            )
        yield closing

    response = StreamingHttpResponse(chunks(), content_type=f"{media_type}; charset=utf-8")
    return _headers(response, language, f"catalogo-{language}.{extension}")


def record(sheet, request) -> dict:
    """One sheet as a flat-ish dictionary (the JSON export; the CSV joins its lists)."""
    return {
        "translation_key": str(sheet.translation_key),
        "language": sheet.locale.language_code,
        "homoclave": sheet.homoclave,
        "name": sheet.name,
        "slug": sheet.slug,
        "summary": sheet.summary,
        "kind": sheet.kind,
        "modality": sheet.modality,
        "applicant": sheet.applicant,
        "agency": sheet.agency.name
        if sheet.locale.language_code != "en"
        else (sheet.agency.name_en or sheet.agency.name),
        "agency_acronym": sheet.agency.acronym,
        "level": sheet.agency.jurisdiction.level,
        "unit": sheet.unit.name if sheet.unit else "",
        "legal_basis": stream_items(sheet, "legal_basis"),
        "when_applicable": sheet.when_applicable,
        "steps": stream_items(sheet, "steps"),
        "requirements": stream_items(sheet, "requirements"),
        "submission_format": sheet.submission_format,
        "forms": [
            {k: v for k, v in form.items() if k != "document"} for form in stream_items(sheet, "forms")
        ],
        "inspection_required": sheet.inspection_required,
        "inspection_purpose": sheet.inspection_purpose,
        "max_response_time": sheet.max_response_time,
        "response_day_type": sheet.response_day_type,
        "immediate_response": sheet.immediate_response,
        "silence_effect": sheet.silence_effect,
        "prevention_agency_days": sheet.prevention_agency_days,
        "prevention_applicant_days": sheet.prevention_applicant_days,
        "is_free": sheet.is_free,
        "fees": stream_items(sheet, "fees"),
        "result_document": sheet.result_document,
        "result_validity": sheet.result_validity,
        "resolution_criteria": sheet.resolution_criteria,
        "offices": [office.name for office in sheet.offices.all()],
        "contacts": stream_items(sheet, "contacts"),
        "records_to_keep": sheet.records_to_keep,
        "topics": [topic.slug for topic in sheet.topics.all()],
        "life_events": [event.slug for event in sheet.life_events.all()],
        "segments": [segment.slug for segment in sheet.segments.all()],
        "can_apply_online": sheet.can_apply_online,
        "online_url": sheet.online_url,
        "can_book_appointment": sheet.can_book_appointment,
        "can_pay_online": sheet.can_pay_online,
        "last_reviewed_on": sheet.last_reviewed_on,
        "url": public_url(sheet, request),
    }


def _csv_cell(value) -> str:
    if isinstance(value, list):
        return " | ".join(
            "; ".join(f"{k}: {v}" for k, v in item.items() if v not in (None, ""))
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    if value is None:
        return ""
    return str(value)


class _Echo:
    def write(self, value):
        return value


@extend_schema(
    summary="The whole live catalog as CSV (one row per sheet)",
    parameters=[LANG_PARAMETER],
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
)
@api_view(["GET"])
@permission_classes([AllowAny])
@renderer_classes([CSVRenderer])
def export_csv(request):
    language, sheets = _sheets(request)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # a byte-order mark, so spreadsheet programs read the accents as UTF-8
        yield writer.writerow(CSV_COLUMNS)
        for sheet in sheets.iterator(chunk_size=CHUNK):
            data = record(sheet, request)
            yield writer.writerow([_csv_cell(data[column]) for column in CSV_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    return _headers(response, language, f"catalogo-{language}.csv")


@extend_schema(
    summary="The whole live catalog as JSON (an array of sheets)",
    parameters=[LANG_PARAMETER],
    responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
)
@api_view(["GET"])
@permission_classes([AllowAny])
@renderer_classes([JSONDownloadRenderer])
def export_json(request):
    return _json_array(request, "[", "]", lambda sheet: record(sheet, request), "application/json", "json")


@extend_schema(
    summary="The whole live catalog in CPSV-AP 3 JSON-LD",
    parameters=[LANG_PARAMETER],
    responses={(200, JSONLD): OpenApiResponse(OpenApiTypes.OBJECT)},
)
@api_view(["GET"])
@permission_classes([AllowAny])
@renderer_classes([JSONLDRenderer])
def cpsv_catalog(request):
    opening = '{"@context": ' + json.dumps(CPSV_CONTEXT) + ', "@graph": ['
    return _json_array(request, opening, "]}", cpsv_node, JSONLD, "cpsv.jsonld")


@extend_schema(
    summary="One sheet in CPSV-AP 3 JSON-LD",
    parameters=[LANG_PARAMETER],
    responses={(200, JSONLD): OpenApiResponse(OpenApiTypes.OBJECT)},
)
@api_view(["GET"])
@permission_classes([AllowAny])
@renderer_classes([JSONLDRenderer])
def cpsv_sheet(request, key):
    language, sheets = _sheets(request)
    sheet = sheets.filter(translation_key=key).first()
    if sheet is None:
        raise Http404
    response = JsonResponse(
        cpsv_graph([sheet]),
        content_type=f"{JSONLD}; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    return response
