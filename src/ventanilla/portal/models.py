"""The deployment's identity, edited in the back office (Settings → Branding)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .branding import AA_NORMAL_TEXT, HEX_COLOR_RE, WHITE, contrast_ratio

hex_color_validator = RegexValidator(
    HEX_COLOR_RE, _("Enter a colour as # followed by six hexadecimal digits, for example #611232.")
)


# Defaults are read from settings.VENTANILLA_BRAND when a site's settings row is first created,
# so each deployment starts from its own environment. Module-level functions, so migrations can
# refer to them.
def default_site_name():
    return settings.VENTANILLA_BRAND["site_name"]


def default_government_name():
    return settings.VENTANILLA_BRAND["government_name"]


def default_primary_color():
    return settings.VENTANILLA_BRAND["primary_color"]


def default_secondary_color():
    return settings.VENTANILLA_BRAND["secondary_color"]


def default_accent_color():
    return settings.VENTANILLA_BRAND["accent_color"]


def default_font_family():
    return settings.VENTANILLA_BRAND["font_family"]


class FontFamily(models.TextChoices):
    """The fonts shipped as static files (no request leaves the server)."""

    MONTSERRAT = "Montserrat", "Montserrat"
    SOURCE_SANS = "Source Sans Pro", "Source Sans Pro"
    PUBLIC_SANS = "Public Sans", "Public Sans"


@register_setting(icon="image")
class BrandingSettings(BaseSiteSetting):
    """Names, logo, colours and font of one site; the layout and /theme.css read them.

    The primary and accent colours serve as link text on white and as backgrounds under white
    text, so they must contrast at least 4.5:1 with white (WCAG 2.1 AA); `clean()` refuses
    others. Text on the secondary colour is chosen automatically (white or near-black).
    """

    site_name = models.CharField(_("site name"), max_length=80, default=default_site_name)
    government_name = models.CharField(_("government name"), max_length=120, default=default_government_name)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Shown in the header next to the site name, at most 96 pixels high."),
    )
    primary_color = models.CharField(
        _("primary colour"), max_length=7, default=default_primary_color, validators=[hex_color_validator],
        help_text=_("Header, buttons and links. Must contrast at least 4.5:1 with white."),
    )
    secondary_color = models.CharField(
        _("secondary colour"), max_length=7, default=default_secondary_color,
        validators=[hex_color_validator],
        help_text=_("Decorative lines and highlights."),
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default=default_accent_color, validators=[hex_color_validator],
        help_text=_("Visited links and the footer. Must contrast at least 4.5:1 with white."),
    )
    font_family = models.CharField(
        _("font"), max_length=40, choices=FontFamily.choices, default=default_font_family
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True,
        help_text=_("Where people report accessibility barriers and problems with the site."),
    )
    footer_note = models.TextField(
        _("footer note"), blank=True, help_text=_("Legal text shown at the bottom of every page, in Spanish.")
    )
    footer_note_en = models.TextField(_("footer note (English)"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("government_name"), FieldPanel("logo")],
                        heading=_("Identity")),
        MultiFieldPanel(
            [FieldPanel("primary_color"), FieldPanel("secondary_color"), FieldPanel("accent_color"),
             FieldPanel("font_family")],
            heading=_("Appearance"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("footer_note"), FieldPanel("footer_note_en")],
            heading=_("Contact and footer"),
        ),
    ]

    select_related = ["logo"]

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("branding")

    def __str__(self):
        return self.site_name

    def clean(self):
        super().clean()
        errors = {}
        for name in ("primary_color", "accent_color"):
            color = getattr(self, name)
            if HEX_COLOR_RE.match(color or ""):
                ratio = contrast_ratio(color, WHITE)
                if ratio < AA_NORMAL_TEXT:
                    errors[name] = _(
                        "This colour contrasts only %(ratio).1f:1 with white; text needs at least 4.5:1. "
                        "Choose a darker colour."
                    ) % {"ratio": ratio}
        if errors:
            raise ValidationError(errors)
