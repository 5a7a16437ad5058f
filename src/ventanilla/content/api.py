"""/api/v1/news/: the read-only news API (included outside i18n_patterns, like the catalog's).

Only live, unexpired news of the response's language (`?lang=` or Accept-Language, default
es-mx), newest first, paginated; `?agency=<slug>` narrows to one agency. One item is found by its
translation_key (shared by its translations) or its slug in that language. Two queries a page.
"""

from django.http import Http404
from django.urls import NoReverseMatch, include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from ventanilla.catalog.api.views import KEY_PARAMETER, LANG_PARAMETER, LanguageMixin, key_lookup

from .jsonld import plain_text
from .queries import news


class NewsListSerializer(serializers.Serializer):
    key = serializers.UUIDField(source="translation_key")
    title = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    published_on = serializers.DateField()
    agency = serializers.CharField(source="agency.slug", default=None, allow_null=True, read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        request = self.context.get("request")
        try:
            path_ = item.get_absolute_url()
        except NoReverseMatch:  # the public pages are not mounted (an API-only deployment)
            return ""
        return request.build_absolute_uri(path_) if request is not None else path_


class NewsDetailSerializer(NewsListSerializer):
    text = serializers.SerializerMethodField(
        help_text="The body as plain text, paragraphs separated by blank lines."
    )

    def get_text(self, item) -> str:
        return plain_text(item)


@extend_schema_view(
    list=extend_schema(
        summary="List live news",
        parameters=[LANG_PARAMETER, OpenApiParameter("agency", OpenApiTypes.STR, description="Agency slug.")],
    ),
    retrieve=extend_schema(
        summary="One news item",
        parameters=[LANG_PARAMETER, KEY_PARAMETER],
    ),
)
class NewsViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "key"
    lookup_value_regex = "[^/]+"

    def get_serializer_class(self):
        return NewsDetailSerializer if self.action == "retrieve" else NewsListSerializer

    def get_queryset(self):
        queryset = news(self.language).select_related("agency", "locale")
        if agency := self.request.query_params.get("agency"):
            queryset = queryset.filter(agency__slug=agency)
        return queryset

    def get_object(self):
        item = self.get_queryset().filter(**key_lookup(self.kwargs["key"])).first()
        if item is None:
            raise Http404
        return item


router = SimpleRouter()
router.register("news", NewsViewSet, basename="news")

app_name = "content-api"
urlpatterns = [path("", include(router.urls))]
