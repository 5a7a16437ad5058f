"""Editorial content around the catalog: news, action-plan banners, the head of government's
welcome, service charters (cartas compromiso) and the documents library.

Each is a Wagtail snippet with the editorial life cycle of the catalog's service sheets
(government.editorial): drafts and revisions, publication, scheduled publication and expiry
(`go_live_at` / `expire_at`), locking, the agency-review moderation workflow and, for text that
citizens read in their language, translation with wagtail-localize (TranslatableMixin: one row per
language sharing a translation_key). The row holds the *published* version; drafts live in
revisions, so every public query reads `live=True` rows (content.queries).

Content belongs to an agency (its editors draft, its reviewers publish) or, with no agency, to
the whole portal (platform administrators). The head's welcome is portal-wide by nature.
Library documents describe one file in one language, so they are not translated rows but carry
their title and description in Spanish and English (`*_en`, government.models.Localized).
"""

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
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

from ventanilla.core.publishing import is_published
from ventanilla.government.models import Localized

from . import blocks


def _image_alt_errors(obj, image_field: str, alt_field: str) -> dict:
    if getattr(obj, f"{image_field}_id") and not getattr(obj, alt_field).strip():
        return {alt_field: _("Describe the image for people who cannot see it.")}
    return {}


def _agency_field(related_name: str, *, required: bool = False):
    return models.ForeignKey(
        "government.Agency",
        verbose_name=_("agency"),
        null=not required,
        blank=not required,
        on_delete=models.PROTECT,
        related_name=related_name,
        help_text=None if required else _("Empty: content of the whole portal (platform administrators)."),
    )


def _image_field():
    return models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )


def _alt_field():
    return models.CharField(
        _("alternative text of the image"), max_length=255, blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )


class TranslatedContent(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    models.Model,
):
    """The editorial life cycle (drafts, revisions, scheduling, locking, moderation, preview)
    of content translated with wagtail-localize, one row per language."""

    class Meta(TranslatableMixin.Meta):
        abstract = True


class NewsItem(TranslatedContent):
    """A news item (noticia) of an agency, or of the whole portal."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown in lists and search engines.")
    )
    body = StreamField(blocks.body_blocks(), verbose_name=_("text"), blank=True)
    image = _image_field()
    image_alt = _alt_field()
    published_on = models.DateField(
        _("publication date"), default=timezone.localdate,
        help_text=_("The date shown with the news item. Schedule its publication in the Publishing tab."),
    )
    agency = _agency_field("news")

    class Meta(TranslatedContent.Meta):
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="content_news_slug_per_locale"),
        ]
        indexes = [
            models.Index(fields=["locale", "live", "published_on"], name="content_news_live_date_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The public page, in the item's own language (each translation has its own slug)."""
        with translation.override(self.locale.language_code):
            return reverse("content:news_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if errors := _image_alt_errors(self, "image", "image_alt"):
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "content/news_detail.html"

    def get_preview_context(self, request, mode_name):
        """The public page's context, built from the draft being edited."""
        from .views import news_context

        context = super().get_preview_context(request, mode_name)
        return {**context, **news_context(self, request, preview=True)}


class Banner(TranslatedContent):
    """An action-plan banner: a short announcement with a link, shown between two dates.

    Portal-wide banners (no agency) appear on the home page; an agency's on its site. Higher
    priority first, then the most recent.
    """

    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=300)
    link_url = models.CharField(
        _("link"), max_length=500, blank=True,
        help_text=_("A page of this site (starting with /) or a full address (https://...)."),
    )
    link_text = models.CharField(
        _("link text"), max_length=80, blank=True,
        help_text=_("What the link says, e.g. \"See the schedule\"."),
    )
    image = _image_field()
    image_alt = _alt_field()
    starts_on = models.DateField(_("shown from"), default=timezone.localdate)
    ends_on = models.DateField(
        _("shown until"), null=True, blank=True, help_text=_("Empty: until unpublished.")
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=0, help_text=_("Banners with a higher number are shown first.")
    )
    agency = _agency_field("banners")

    class Meta(TranslatedContent.Meta):
        verbose_name = _("action-plan banner")
        verbose_name_plural = _("action-plan banners")
        ordering = ["-priority", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="content_banner_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = _image_alt_errors(self, "image", "image_alt")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot come before the first.")
        if self.link_url:
            if not self.link_url.startswith("/") or self.link_url.startswith("//"):
                try:
                    URLValidator(schemes=["http", "https"])(self.link_url)
                except ValidationError:
                    errors["link_url"] = _(
                        "Write a page of this site starting with /, or a full https:// address."
                    )
        elif self.link_text:
            errors["link_url"] = _("Give the address the link leads to, or remove the link text.")
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return f"content/preview/{self._meta.model_name}.html"


class HeadWelcome(
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    models.Model,
):
    """The head of government's welcome on the home page (the latest published one is shown).

    Agencies carry their own head and welcome (government.models.Agency), shown on their sites.
    """

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example: Governor of the State.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("alternative text of the photo"), max_length=255, blank=True,
        help_text=_("Who the photo shows, for people who cannot see it."),
    )
    message = models.TextField(_("welcome message"), help_text=_("Separate paragraphs with a blank line."))

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("head's welcome")
        verbose_name_plural = _("head's welcome")

    def __str__(self):
        return f"{self.name}, {self.title}"

    def clean(self):
        super().clean()
        if errors := _image_alt_errors(self, "photo", "photo_alt"):
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return f"content/preview/{self._meta.model_name}.html"


class ServiceCharter(TranslatedContent, ClusterableModel):
    """A service charter (carta compromiso al ciudadano): the standards an agency promises for
    some of its services, how they are measured, and where to complain when one is not met."""

    title = models.CharField(_("title"), max_length=255)
    agency = _agency_field("service_charters", required=True)
    introduction = models.TextField(_("introduction"), blank=True)
    sheets = ParentalManyToManyField(
        "catalog.ServiceSheet", verbose_name=_("services covered"), blank=True,
        related_name="service_charters",
    )
    commitments = StreamField(
        [("commitment", blocks.CommitmentBlock())], verbose_name=_("commitments"),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("charter document (PDF)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    complaints = models.TextField(
        _("when a commitment is not met"),
        help_text=_("What citizens can do, and who answers them."),
    )
    complaints_phone = models.CharField(_("complaints phone"), max_length=40, blank=True)
    complaints_email = models.EmailField(_("complaints e-mail"), blank=True)
    complaints_url = models.URLField(_("complaints web address"), blank=True)

    class Meta(TranslatedContent.Meta):
        verbose_name = _("service charter")
        verbose_name_plural = _("service charters")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="content_charter_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    # "In force": published (core.publishing) and within its validity dates. The queryset form
    # and the form for a charter already in memory sit side by side so they cannot drift.
    @staticmethod
    def in_force_condition(today) -> Q:
        return Q(valid_from__lte=today) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))

    def is_in_force(self, *, today, now) -> bool:
        return (
            is_published(self, now)
            and self.valid_from <= today
            and (self.valid_until is None or self.valid_until >= today)
        )

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The charter cannot end before it starts.")})

    def get_preview_template(self, request, mode_name):
        return f"content/preview/{self._meta.model_name}.html"


class DocumentKind(models.TextChoices):
    FORM = "form", _("Form")
    PAMPHLET = "pamphlet", _("Pamphlet")
    CHARTER = "charter", _("Service charter")
    OTHER = "other", _("Other document")


# Languages a document may be written in: the portal's two and the most spoken indigenous
# languages, for which agencies publish translated pamphlets (BCP 47 codes, for hreflang).
DOCUMENT_LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("nah", _("Nahuatl")),
    ("yua", _("Yucatec Maya")),
    ("tzo", _("Tsotsil")),
    ("tzh", _("Tseltal")),
    ("zap", _("Zapotec")),
    ("mix", _("Mixtec")),
]


class LibraryDocument(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Localized,
    models.Model,
):
    """A file of the documents library (/documentos/): a form, pamphlet, charter or other document."""

    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description = models.TextField(_("description"), max_length=600, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=600, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.PAMPHLET
    )
    language = models.CharField(
        _("language of the document"), max_length=8, choices=DOCUMENT_LANGUAGES, default="es"
    )
    published_on = models.DateField(_("publication date"), default=timezone.localdate)
    agency = _agency_field("library_documents")

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        ordering = ["-published_on", "title"]
        indexes = [
            models.Index(fields=["live", "kind", "published_on"], name="content_document_live_kind_idx"),
        ]

    def __str__(self):
        return self.title
