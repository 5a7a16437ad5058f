"""Read-only catalog API views: sheets, agencies, topics, life events, segments.

Only live, unexpired sheets in the response's language (`?lang=` or Accept-Language, default
es-mx). List queries are bounded: agencies and locales are joined, nothing per row.
"""

import uuid

from django.db.models import Q
from django.http import Http404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from ventanilla.catalog.models import Kind, LifeEvent, Segment, Topic
from ventanilla.government.models import Agency, Level

from . import serializers
from .language import LANGUAGE_CODES, language_for
from .queries import live_sheets, with_details

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=LANGUAGE_CODES,
    description="Response language; without it, Accept-Language decides (default es-mx).",
)
# Translated rows (sheets, news) are found by the translation_key their languages share, or by
# their slug in the response's language.
KEY_PARAMETER = OpenApiParameter(
    "key",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The translation_key (UUID) shared by the translations, or the slug in that language.",
)
BOOLEAN_VALUES = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


class LanguageMixin:
    """Serve the response in the requested language and say which one it is."""

    permission_classes = [AllowAny]

    def initial(self, request, *args, **kwargs):
        self.language = language_for(request)
        translation.activate(self.language)
        request.LANGUAGE_CODE = self.language
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        response.setdefault("Vary", "Accept-Language")
        return response


def key_lookup(key: str) -> dict:
    """The filter that finds a translated row by KEY_PARAMETER's value."""
    try:
        return {"translation_key": uuid.UUID(key)}
    except ValueError:
        return {"slug": key}


def _flag(value: str | None) -> bool | None:
    return BOOLEAN_VALUES.get((value or "").lower())


def _taxonomy_filter(relation: str, slug: str) -> Q:
    return Q(**{f"{relation}__slug": slug}) | Q(**{f"{relation}__slug_en": slug})


@extend_schema_view(
    list=extend_schema(
        summary="List live service sheets",
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("agency", OpenApiTypes.STR, description="Agency slug."),
            OpenApiParameter("level", OpenApiTypes.STR, enum=[value for value, _l in Level.choices]),
            OpenApiParameter("topic", OpenApiTypes.STR, description="Topic slug (Spanish or English)."),
            OpenApiParameter("segment", OpenApiTypes.STR, description="Audience segment slug."),
            OpenApiParameter("life_event", OpenApiTypes.STR, description="Life event slug."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=[value for value, _l in Kind.choices]),
            OpenApiParameter("free", OpenApiTypes.BOOL, description="Only free (true) or paid (false)."),
            OpenApiParameter("online", OpenApiTypes.BOOL, description="Only those that can be done online."),
        ],
    ),
    retrieve=extend_schema(
        summary="One service sheet with every LGMR art. 46 field",
        parameters=[LANG_PARAMETER, KEY_PARAMETER],
    ),
)
class SheetViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "key"
    lookup_value_regex = "[^/]+"

    def get_serializer_class(self):
        return (
            serializers.SheetDetailSerializer
            if self.action == "retrieve"
            else serializers.SheetListSerializer
        )

    def get_queryset(self):
        queryset = live_sheets(self.language).order_by("name", "pk")
        params = self.request.query_params
        if agency := params.get("agency"):
            queryset = queryset.filter(agency__slug=agency)
        if level := params.get("level"):
            queryset = queryset.filter(agency__jurisdiction__level=level)
        if kind := params.get("kind"):
            queryset = queryset.filter(kind=kind)
        for name, relation in (("topic", "topics"), ("segment", "segments"), ("life_event", "life_events")):
            if slug := params.get(name):
                queryset = queryset.filter(
                    pk__in=live_sheets(self.language).filter(_taxonomy_filter(relation, slug)).values("pk")
                )
        if (free := _flag(params.get("free"))) is not None:
            queryset = queryset.filter(is_free=free)
        if (online := _flag(params.get("online"))) is not None:
            queryset = queryset.filter(can_apply_online=online)
        return queryset

    def get_object(self):
        sheet = with_details(live_sheets(self.language)).filter(**key_lookup(self.kwargs["key"])).first()
        if sheet is None:
            raise Http404
        return sheet


@extend_schema_view(
    list=extend_schema(summary="List agencies", parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(summary="One agency", parameters=[LANG_PARAMETER]),
)
class AgencyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgencySerializer
    lookup_field = "slug"
    queryset = Agency.objects.filter(is_active=True).select_related("jurisdiction", "parent").order_by("name")


def taxonomy_viewset(model, label: str):
    @extend_schema_view(
        list=extend_schema(summary=f"List {label}", parameters=[LANG_PARAMETER]),
        retrieve=extend_schema(summary=f"One of the {label}", parameters=[LANG_PARAMETER]),
    )
    class TaxonomyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
        serializer_class = serializers.TaxonomySerializer
        lookup_field = "slug"
        queryset = model.objects.all()

        def get_object(self):
            obj = (
                self.get_queryset()
                .filter(Q(slug=self.kwargs["slug"]) | Q(slug_en=self.kwargs["slug"]))
                .first()
            )
            if obj is None:
                raise Http404
            return obj

    TaxonomyViewSet.__name__ = f"{model.__name__}ViewSet"
    TaxonomyViewSet.__qualname__ = TaxonomyViewSet.__name__
    return TaxonomyViewSet


TopicViewSet = taxonomy_viewset(Topic, "topics")
LifeEventViewSet = taxonomy_viewset(LifeEvent, "life events")
SegmentViewSet = taxonomy_viewset(Segment, "audience segments")
