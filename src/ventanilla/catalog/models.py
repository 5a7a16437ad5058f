"""The catalog: one service sheet (ficha) per procedure or service, and how citizens find it.

A ServiceSheet carries every field of LGMR art. 46 (see shared/reference/mexico-standards.md).
It is a Wagtail snippet with the full editorial life cycle: drafts and revisions
(RevisionMixin), publication, scheduling and expiry (DraftStateMixin), locking, moderation
workflows, preview, and translation with wagtail-localize (TranslatableMixin: one row per
language sharing a translation_key). The row holds the *published* version; drafts live in
revisions until published, so every public query filters on `live=True`.

Topics, life events and audience segments are short bilingual lists edited in one form
(`name`/`name_en`), like the government structure.
"""

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

from ventanilla.government.models import Localized

from . import blocks


class Taxonomy(Localized, models.Model):
    """A bilingual, ordered label a sheet can carry several of."""

    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    slug_en = models.SlugField(_("slug (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Topic(Taxonomy):
    """A theme: health, education, taxes, housing..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class LifeEvent(Taxonomy):
    """A moment in life that needs several procedures: having a baby, opening a business..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("life event")
        verbose_name_plural = _("life events")


class Segment(Taxonomy):
    """An audience: citizens, business people, students, older adults, Mexicans abroad..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("audience segment")
        verbose_name_plural = _("audience segments")


class Kind(models.TextChoices):
    PROCEDURE = "tramite", _("Procedure (trámite)")
    SERVICE = "servicio", _("Service")


class Applicant(models.TextChoices):
    INDIVIDUAL = "fisica", _("Individuals (persona física)")
    ORGANISATION = "moral", _("Organisations (persona moral)")
    BOTH = "ambas", _("Individuals and organisations")


class SubmissionFormat(models.TextChoices):
    OFFICIAL_FORM = "formato", _("Official form")
    FREE_LETTER = "escrito_libre", _("Free-form letter")
    BOTH = "ambos", _("Official form or free-form letter")
    ONLINE = "en_linea", _("Online form")
    NONE = "ninguno", _("No form needed")


class DayType(models.TextChoices):
    WORKING = "habiles", _("working days")
    CALENDAR = "naturales", _("calendar days")


class SilenceEffect(models.TextChoices):
    POSITIVE = "afirmativa_ficta", _("Positive (afirmativa ficta): the request is deemed granted")
    NEGATIVE = "negativa_ficta", _("Negative (negativa ficta): the request is deemed refused")
    NONE = "ninguno", _("None")


class ServiceSheet(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    ClusterableModel,
):
    # I. Name and plain-language description.
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)
    summary = models.TextField(_("what it is, in plain language"), max_length=600)
    description = models.TextField(_("full description"), blank=True)
    keywords = models.CharField(
        _("search keywords"), max_length=500, blank=True, help_text=_("Words citizens use, comma-separated.")
    )
    homoclave = models.CharField(_("homoclave"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROCEDURE)
    # II. Modality.
    modality = models.CharField(_("modality"), max_length=255, blank=True)
    applicant = models.CharField(
        _("who may apply"), max_length=10, choices=Applicant.choices, default=Applicant.INDIVIDUAL
    )
    # III. Legal basis.
    legal_basis = StreamField([("law", blocks.LegalBasisBlock())], verbose_name=_("legal basis"), blank=True)
    # IV. When it applies, and steps per channel.
    when_applicable = models.TextField(_("when to do it"), blank=True)
    steps = StreamField([("step", blocks.StepBlock())], verbose_name=_("steps"), blank=True)
    # V. Requirements.
    requirements = StreamField(
        [("requirement", blocks.RequirementBlock())], verbose_name=_("requirements"), blank=True
    )
    # VI-VII. How to submit, and the forms.
    submission_format = models.CharField(
        _("how to submit"), max_length=20, choices=SubmissionFormat.choices, default=SubmissionFormat.NONE
    )
    forms = StreamField([("form", blocks.FormDocumentBlock())], verbose_name=_("forms"), blank=True)
    # VIII. Inspections.
    inspection_required = models.BooleanField(_("an inspection is required"), default=False)
    inspection_purpose = models.TextField(_("purpose of the inspection"), blank=True)
    # IX. Responsible agency and unit.
    agency = models.ForeignKey(
        "government.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="service_sheets",
    )
    unit = models.ForeignKey(
        "government.AdministrativeUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_sheets",
    )
    # X. Maximum response time and the effect of the authority's silence.
    max_response_time = models.PositiveIntegerField(_("maximum response time"), null=True, blank=True)
    response_day_type = models.CharField(
        _("counted in"), max_length=10, choices=DayType.choices, default=DayType.WORKING
    )
    immediate_response = models.BooleanField(_("answered at once"), default=False)
    silence_effect = models.CharField(
        _("if the authority does not answer in time"),
        max_length=20,
        choices=SilenceEffect.choices,
        default=SilenceEffect.NONE,
    )
    # XI. Prevention (the authority asks for missing information) terms.
    prevention_agency_days = models.PositiveIntegerField(
        _("days the authority has to ask for missing information"), null=True, blank=True
    )
    prevention_applicant_days = models.PositiveIntegerField(
        _("days the applicant has to provide it"), null=True, blank=True
    )
    # XII. Fees; free is explicit.
    is_free = models.BooleanField(_("free of charge"), default=False)
    fees = StreamField([("fee", blocks.FeeBlock())], verbose_name=_("fees"), blank=True)
    # XIII-XIV. Validity, resolution criteria and the document obtained.
    result_document = models.CharField(_("document obtained"), max_length=255, blank=True)
    result_validity = models.CharField(_("validity of the result"), max_length=255, blank=True)
    resolution_criteria = models.TextField(_("resolution criteria"), blank=True)
    # XV-XVI. Offices (with their hours).
    offices = ParentalManyToManyField(
        "government.Office", verbose_name=_("where to do it"), blank=True, related_name="service_sheets"
    )
    # XVII. Contact and complaint channels.
    contacts = StreamField(
        [("contact", blocks.ContactBlock())], verbose_name=_("contact and complaints"), blank=True
    )
    # XVIII. Records to keep.
    records_to_keep = models.TextField(_("records to keep"), blank=True)
    # How citizens find it.
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="sheets")
    life_events = ParentalManyToManyField(
        LifeEvent, verbose_name=_("life events"), blank=True, related_name="sheets"
    )
    segments = ParentalManyToManyField(
        Segment, verbose_name=_("audiences"), blank=True, related_name="sheets"
    )
    # Flows later issues wire up; the sheet only says whether they are offered.
    can_apply_online = models.BooleanField(_("can apply online"), default=False)
    online_url = models.URLField(_("online application address"), blank=True)
    can_book_appointment = models.BooleanField(_("can book an appointment"), default=False)
    can_pay_online = models.BooleanField(_("can pay online"), default=False)
    # The date the content was last checked (shown to citizens), distinct from edit timestamps.
    last_reviewed_on = models.DateField(_("information last reviewed on"), null=True, blank=True)

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service sheet")
        verbose_name_plural = _("service sheets")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="catalog_sheet_slug_per_locale"),
            models.UniqueConstraint(
                fields=["locale", "homoclave"],
                condition=~Q(homoclave=""),
                name="catalog_sheet_homoclave_per_locale",
            ),
        ]
        indexes = [
            models.Index(fields=["locale", "live", "agency"], name="catalog_sheet_live_agency_idx"),
            # "New and updated services" on the home page: read in order, not sorted.
            models.Index(
                fields=["locale", "live", "-last_published_at", "name"], name="catalog_sheet_latest_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.is_free and self.fees:
            errors["fees"] = _("A free procedure cannot have fees.")
        if not self.is_free and not self.fees:
            errors["fees"] = _("Add its fees, or mark the procedure as free of charge.")
        if not self.immediate_response and self.max_response_time is None:
            errors["max_response_time"] = _("Give the maximum response time, or mark it as answered at once.")
        if self.can_apply_online and not self.online_url:
            errors["online_url"] = _("Give the address where the application is made online.")
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors["unit"] = _("The unit must belong to the responsible agency.")
        if self.inspection_required and not self.inspection_purpose:
            errors["inspection_purpose"] = _("Say what the inspection verifies.")
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "catalog/sheet_detail.html"

    def get_preview_context(self, request, mode_name):
        """The public page's context, built from the draft being edited."""
        from .views import sheet_context

        context = super().get_preview_context(request, mode_name)
        return {**context, **sheet_context(self, request, preview=True)}

    def get_absolute_url(self):
        """The public page, in the sheet's own language (each translation has its own slug)."""
        with translation.override(self.locale.language_code):
            return reverse("catalog:sheet", kwargs={"slug": self.slug})


class Synonym(models.Model):
    """Words citizens use for the same thing ("licencia de manejo" = "licencia de conducir").

    Search expands a query with every phrase of a group it matches, in the group's language.
    """

    language = models.CharField(
        _("language"), max_length=8, choices=[("es-mx", _("Spanish")), ("en", _("English"))]
    )
    terms = models.TextField(_("equivalent terms"), help_text=_("One phrase per line."))

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "terms"]

    def __str__(self):
        return " = ".join(self.phrases())

    def phrases(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if len(self.phrases()) < 2:
            raise ValidationError({"terms": _("Write at least two equivalent phrases, one per line.")})


class SheetPopularity(models.Model):
    """Views of a sheet, all its languages together (keyed by translation_key).

    Written only by catalog.popularity.flush_sheet_views, never on the request path.
    """

    translation_key = models.UUIDField(_("translation key"), unique=True)
    views = models.PositiveBigIntegerField(_("views"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("sheet popularity")
        verbose_name_plural = _("sheet popularity")
        # most_requested() reads the most viewed first.
        indexes = [models.Index(fields=["-views"], name="catalog_popularity_views_idx")]

    def __str__(self):
        return f"{self.translation_key}: {self.views}"


# The moderation task type is a model (Wagtail stores tasks in tables); importing it here
# registers it with the catalog app.
from .workflows import AgencyReviewTask  # noqa: E402, F401
