"""Government structure: jurisdictions (levels), agencies, units, offices and their hours, staff roles.

Texts citizens read come in Spanish (the official language of the record) and English; the
`*_en` columns hold the English version and `localized()` picks by the active language. Long
editorial content (news, banners, service charters, library documents) lives in the content app,
as snippets with drafts translated with wagtail-localize.
"""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Localized:
    """Mixin: `obj.localized("name")` is `name_en` in English when it is filled, else `name`."""

    def localized(self, field: str) -> str:
        if (get_language() or "").startswith("en"):
            value = getattr(self, f"{field}_en", "")
            if value:
                return value
        return getattr(self, field)


class Level(models.TextChoices):
    FEDERAL = "federal", _("Federal")
    STATE = "state", _("State")
    MUNICIPAL = "municipal", _("Municipal")


class Jurisdiction(Localized, models.Model):
    """A government at one level: the federation, a state, a municipality."""

    level = models.CharField(_("level of government"), max_length=16, choices=Level.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    inegi_code = models.CharField(
        _("INEGI code"), max_length=10, blank=True,
        help_text=_("State (2 digits) or municipality (5 digits)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions (levels of government)")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Agency(Localized, models.Model):
    """A dependencia or entidad: the unit that owns procedures, offices and staff."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent agency"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    head_title_en = models.CharField(_("head's title (English)"), max_length=200, blank=True)
    welcome_message = models.TextField(_("head's welcome message"), blank=True)
    welcome_message_en = models.TextField(_("head's welcome message (English)"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    mission_en = models.TextField(_("mission (English)"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    vision_en = models.TextField(_("vision (English)"), blank=True)
    organisation_chart = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("organisation chart"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Where the agency's images and documents live in Wagtail: its editors upload and choose
    # there and not in another agency's (government.media). Created with the agency.
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("media collection"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="agency",
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "acronym"], name="government_agency_acronym_unique"
            ),
        ]

    def __str__(self):
        return f"{self.acronym} — {self.name}" if self.acronym else self.name


class AdministrativeUnit(Localized, models.Model):
    """A unit inside an agency (dirección general, subdirección...), itself in a hierarchy."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["agency", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.parent_id and self.agency_id and self.parent.agency_id != self.agency_id:
            raise ValidationError({"parent": _("The parent unit must belong to the same agency.")})


class Office(Localized, ClusterableModel):
    """A place where citizens are served in person.

    A cluster (django-modelcluster) so the back office edits its opening hours and exceptions
    in the same form and the service saves them in one transaction.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="offices"
    )
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("administrative unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="offices",
    )
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    street = models.CharField(_("street and number"), max_length=255)
    neighbourhood = models.CharField(_("neighbourhood (colonia)"), max_length=150, blank=True)
    municipality = models.CharField(_("municipality or borough"), max_length=150)
    state = models.CharField(_("state"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=5)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Ramps, lifts, sign-language service, parking...")
    )
    accessibility_en = models.TextField(_("accessibility (English)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["agency", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="government_office_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="government_office_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("The administrative unit must belong to the office's agency.")})


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """A regular opening period; a day may have several (e.g. morning and afternoon)."""

    office = ParentalKey(Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["office", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="government_hours_order"),
            models.UniqueConstraint(fields=["office", "weekday", "opens"], name="government_hours_unique"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(Localized, models.Model):
    """A day an office keeps other hours, or is closed (closes and opens empty)."""

    office = ParentalKey(
        Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["office", "date"]
        constraints = [
            models.UniqueConstraint(fields=["office", "date"], name="government_exception_unique"),
            models.CheckConstraint(
                condition=(Q(opens__isnull=True) & Q(closes__isnull=True))
                | (Q(opens__isnull=False) & Q(closes__isnull=False) & Q(closes__gt=models.F("opens"))),
                name="government_exception_hours",
            ),
        ]

    def __str__(self):
        return f"{self.office} {self.date}"

    @property
    def is_closed(self) -> bool:
        return self.opens is None


class Holiday(Localized, models.Model):
    """A non-working day for every office of a jurisdiction and the jurisdictions under it."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("jurisdiction"), on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "date"], name="government_holiday_unique"),
        ]

    def __str__(self):
        return f"{self.date} {self.name}"


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    OFFICER = "officer", _("Officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


class Membership(models.Model):
    """A staff member's role in one agency (platform administrators have no agency)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["agency", "user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="government_membership_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="platform_admin"), name="government_platform_admin_unique"
            ),
            # Platform administrators span all agencies; every other role belongs to one.
            models.CheckConstraint(
                condition=(Q(role="platform_admin") & Q(agency__isnull=True))
                | (~Q(role="platform_admin") & Q(agency__isnull=False)),
                name="government_membership_agency_by_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.agency or _('all agencies')}"
