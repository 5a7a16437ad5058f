"""Serializers of the read-only catalog API. Names are in the response's language (`localized()`)."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ventanilla.catalog.models import ServiceSheet
from ventanilla.government.models import Agency, Office

# LGMR art. 46 fields beyond a sheet's name, summary, homoclave, agency and flags, in the order of
# the article (shared by the API's detail and the CSV/JSON downloads).
ART_46_FIELDS = [
    "modality", "applicant", "legal_basis", "when_applicable", "steps", "requirements", "submission_format",
    "forms", "inspection_required", "inspection_purpose", "unit", "max_response_time", "response_day_type",
    "immediate_response", "silence_effect", "prevention_agency_days", "prevention_applicant_days", "fees",
    "result_document", "result_validity", "resolution_criteria", "offices", "contacts", "records_to_keep",
    "topics", "life_events", "segments",
]


def stream_items(sheet: ServiceSheet, field: str) -> list[dict]:
    """A StreamField's stored values, without touching the database (chooser ids stay ids)."""
    return [dict(item["value"]) for item in getattr(sheet, field).raw_data]


def public_url(sheet: ServiceSheet, request=None) -> str:
    """The sheet's public page in its own language, absolute when a request is at hand."""
    try:
        with translation.override(sheet.locale.language_code):
            path = reverse("catalog:sheet", kwargs={"slug": sheet.slug})
    except NoReverseMatch:  # the public pages are not mounted (an API-only deployment)
        return ""
    return request.build_absolute_uri(path) if request is not None else path


class TaxonomySerializer(serializers.Serializer):
    slug = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()

    def get_slug(self, obj) -> str:
        return obj.localized("slug")

    def get_name(self, obj) -> str:
        return obj.localized("name")

    def get_description(self, obj) -> str:
        return obj.localized("description")


class AgencySummarySerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    level = serializers.CharField(source="jurisdiction.level")
    jurisdiction = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = ["slug", "acronym", "name", "level", "jurisdiction"]

    def get_name(self, obj) -> str:
        return obj.localized("name")

    def get_jurisdiction(self, obj) -> str:
        return obj.jurisdiction.localized("name")


class AgencySerializer(AgencySummarySerializer):
    mission = serializers.SerializerMethodField()
    vision = serializers.SerializerMethodField()
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta(AgencySummarySerializer.Meta):
        fields = [
            *AgencySummarySerializer.Meta.fields,
            "parent",
            "website",
            "email",
            "phone",
            "address",
            "head_name",
            "mission",
            "vision",
        ]

    def get_mission(self, obj) -> str:
        return obj.localized("mission")

    def get_vision(self, obj) -> str:
        return obj.localized("vision")


class HoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = Monday")
    opens = serializers.TimeField()
    closes = serializers.TimeField()


class OfficeSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    hours = HoursSerializer(many=True)

    class Meta:
        model = Office
        fields = [
            "id",
            "name",
            "street",
            "neighbourhood",
            "municipality",
            "state",
            "postal_code",
            "latitude",
            "longitude",
            "phone",
            "email",
            "hours",
        ]

    def get_name(self, obj) -> str:
        return obj.localized("name")


class LegalBasisSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    article = serializers.CharField()
    url = serializers.CharField()


class StepSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=["online", "in_person", "call_centre", "kiosk"])
    text = serializers.CharField()


class LinkedSheetSerializer(serializers.Serializer):
    translation_key = serializers.UUIDField()
    slug = serializers.CharField()
    name = serializers.CharField()


class RequirementSerializer(serializers.Serializer):
    document = serializers.CharField()
    details = serializers.CharField()
    original = serializers.BooleanField()
    copies = serializers.IntegerField(allow_null=True)
    issuer = serializers.CharField()
    required_procedure = LinkedSheetSerializer(allow_null=True)


class FormSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)


class FeeSerializer(serializers.Serializer):
    concept = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    formula = serializers.CharField()
    legal_basis = serializers.CharField()
    where_to_pay = serializers.CharField()


class ContactSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="questions or complaints")
    label = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    url = serializers.CharField()
    address = serializers.CharField()


def _stream_getter(field: str, serializer):
    """A SerializerMethodField getter for a StreamField's items, typed for the OpenAPI schema."""

    @extend_schema_field(serializer(many=True))
    def get(self, obj):
        return serializer(stream_items(obj, field), many=True).data

    return get


class SheetListSerializer(serializers.ModelSerializer):
    language = serializers.CharField(source="locale.language_code")
    agency = AgencySummarySerializer()
    url = serializers.SerializerMethodField(help_text="The public page.")
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = ServiceSheet
        fields = [
            "translation_key",
            "language",
            "slug",
            "name",
            "summary",
            "homoclave",
            "kind",
            "agency",
            "is_free",
            "can_apply_online",
            "can_book_appointment",
            "can_pay_online",
            "last_reviewed_on",
            "url",
            "api_url",
        ]

    def get_url(self, obj) -> str:
        return public_url(obj, self.context.get("request"))

    def get_api_url(self, obj) -> str:
        path = reverse("catalog-api:sheet-detail", kwargs={"key": obj.translation_key})
        request = self.context.get("request")
        return request.build_absolute_uri(f"{path}?lang={obj.locale.language_code}") if request else path


class SheetDetailSerializer(SheetListSerializer):
    """Every field of LGMR art. 46."""

    unit = serializers.SerializerMethodField()
    legal_basis = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    forms = serializers.SerializerMethodField()
    fees = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()
    offices = OfficeSerializer(many=True)
    topics = TaxonomySerializer(many=True)
    life_events = TaxonomySerializer(many=True)
    segments = TaxonomySerializer(many=True)

    class Meta(SheetListSerializer.Meta):
        fields = [
            *SheetListSerializer.Meta.fields,
            "description",
            "keywords",
            *ART_46_FIELDS,
            "online_url",
            "first_published_at",
            "last_published_at",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_unit(self, obj):
        return obj.unit.localized("name") if obj.unit else ""

    get_legal_basis = _stream_getter("legal_basis", LegalBasisSerializer)
    get_steps = _stream_getter("steps", StepSerializer)

    @extend_schema_field(RequirementSerializer(many=True))
    def get_requirements(self, obj):
        items = stream_items(obj, "requirements")
        ids = {item.get("required_procedure") for item in items} - {None}
        linked = (
            {
                sheet.pk: {"translation_key": sheet.translation_key, "slug": sheet.slug, "name": sheet.name}
                for sheet in ServiceSheet.objects.filter(pk__in=ids, live=True).only(
                    "translation_key", "slug", "name"
                )
            }
            if ids
            else {}
        )
        for item in items:
            item["required_procedure"] = linked.get(item.get("required_procedure"))
        return RequirementSerializer(items, many=True).data

    get_forms = _stream_getter("forms", FormSerializer)
    get_fees = _stream_getter("fees", FeeSerializer)
    get_contacts = _stream_getter("contacts", ContactSerializer)
