"""A deployment's identity (names, logo, colours, font) as the layout and /theme.css use it.

The values come from the `BrandingSettings` site setting, edited in the back office, with
settings.VENTANILLA_BRAND as the defaults. Colour rules live here, once: the layout uses the
primary and accent colours as link colours on white and as backgrounds under white text, so
both must reach WCAG AA (4.5:1) against white; text drawn on any brand colour is chosen to reach
AA on it (readable_text_color).
"""

import hashlib
import logging
import re
import time
from dataclasses import asdict, dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

HEX_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
BLACK = "#000000"
INK = "#1b1b1b"  # USWDS's base-darkest: the body text colour
AA_NORMAL_TEXT = 4.5

# The self-hosted fonts (static files under portal/static/vendor/fonts/), with fallbacks.
FONT_STACKS = {
    "Montserrat": '"Montserrat", "Helvetica Neue", Arial, sans-serif',
    "Source Sans Pro": '"Source Sans Pro Web", "Helvetica Neue", Arial, sans-serif',
    "Public Sans": '"Public Sans Web", "Helvetica Neue", Arial, sans-serif',
}
_REQUEST_ATTR = "_ventanilla_brand"


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = []
    for i in (1, 3, 5):
        value = int(color[i : i + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio between two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_color(background: str) -> str:
    """The text colour for `background`: white, else the body text colour, else black.

    Whichever of white and black contrasts more with a colour always reaches at least 4.58:1, so
    the result meets WCAG AA for any background; the softer near-black is used when it suffices.
    """
    if contrast_ratio(background, WHITE) >= AA_NORMAL_TEXT:
        return WHITE
    if contrast_ratio(background, INK) >= AA_NORMAL_TEXT:
        return INK
    return BLACK if contrast_ratio(background, BLACK) > contrast_ratio(background, WHITE) else WHITE


def darken(color: str, amount: float = 0.2) -> str:
    """`color` mixed with `amount` of black: the hover and active shade of buttons and links."""
    parts = [round(int(color[i : i + 2], 16) * (1 - amount)) for i in (1, 3, 5)]
    return "#" + "".join(f"{part:02x}" for part in parts)


@dataclass(frozen=True)
class Brand:
    site_name: str
    government_name: str
    primary_color: str
    secondary_color: str
    accent_color: str
    font_family: str
    footer_note: str = ""
    contact_email: str = ""
    logo_url: str = ""

    @property
    def version(self) -> str:
        """A short hash of everything /theme.css depends on: its URL changes whenever they do."""
        key = "|".join([self.primary_color, self.secondary_color, self.accent_color, self.font_family])
        return hashlib.sha256(key.encode()).hexdigest()[:12]

    def as_dict(self) -> dict:
        return asdict(self)


def default_brand() -> Brand:
    """The brand from settings.VENTANILLA_BRAND alone, without touching the database."""
    defaults = settings.VENTANILLA_BRAND
    return Brand(
        site_name=defaults["site_name"],
        government_name=defaults["government_name"],
        primary_color=defaults["primary_color"],
        secondary_color=defaults["secondary_color"],
        accent_color=defaults["accent_color"],
        font_family=defaults["font_family"] if defaults["font_family"] in FONT_STACKS else "Montserrat",
    )


def brand_for_request(request, *, use_database: bool = True) -> Brand:
    """`{% set site = brand(request) %}` — the brand of the site serving this request.

    Memoised on the request, and kept in the cache per host and language (every page needs it,
    and reading it costs Wagtail's site lookup and the setting: two queries). Any failure to
    read the setting (the database is down while the 500 page renders, the tables do not exist
    yet) falls back to the defaults, which are not cached: the layout must always render.
    `use_database=False` skips the lookup entirely (the 500 page).
    """
    if request is not None and hasattr(request, _REQUEST_ATTR):
        return getattr(request, _REQUEST_ATTR)
    brand = default_brand()
    if use_database and request is not None:
        try:
            key = f"portal:brand:{_generation()}:{request.get_host()}:{get_language()}"
            cached = cache.get(key)
            if cached is None:
                brand = _brand_from_settings(request)
                cache.set(key, brand, BRAND_CACHE_TIMEOUT)
            else:
                brand = cached
        except Exception:
            logger.exception("Branding settings unavailable; using the defaults")
    if request is not None:
        setattr(request, _REQUEST_ATTR, brand)
    return brand


# Saving the setting or a site bumps the generation (signals connected by PortalConfig.ready), so
# every cached brand is orphaned at once; the timeout bounds what no signal reports (the logo's
# image file replaced in place).
BRAND_CACHE_TIMEOUT = 300
_GENERATION_KEY = "portal:brand:generation"


def _generation() -> int:
    value = cache.get(_GENERATION_KEY)
    if value is None:
        # From the clock, not 1: if the key is evicted, old entries are never revived.
        cache.add(_GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(_GENERATION_KEY)
    return value


def forget_brands(**_signal_kwargs) -> None:
    """Orphan every cached brand (connected to saves and deletions of the setting and of sites)."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(_GENERATION_KEY, time.time_ns(), timeout=None)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    for label in ("portal.BrandingSettings", "wagtailcore.Site", "wagtailimages.Image"):
        model = apps.get_model(label)
        post_save.connect(forget_brands, sender=model, dispatch_uid=f"portal-brand-save-{label}")
        post_delete.connect(forget_brands, sender=model, dispatch_uid=f"portal-brand-delete-{label}")


def _brand_from_settings(request) -> Brand:
    # Imported here: models.py imports this module's colour rules.
    from wagtail.models import Site

    from .models import BrandingSettings

    if Site.find_for_request(request) is None:
        # No Wagtail site yet (a fresh database): the defaults are the brand.
        return default_brand()
    branding = BrandingSettings.for_request(request)
    english = (get_language() or "").startswith("en")
    logo_url = ""
    if branding.logo_id:
        logo_url = branding.logo.get_rendition("max-320x96").url
    return Brand(
        site_name=branding.site_name,
        government_name=branding.government_name,
        primary_color=branding.primary_color.lower(),
        secondary_color=branding.secondary_color.lower(),
        accent_color=branding.accent_color.lower(),
        font_family=branding.font_family if branding.font_family in FONT_STACKS else "Montserrat",
        footer_note=branding.footer_note_en if english and branding.footer_note_en else branding.footer_note,
        contact_email=branding.contact_email,
        logo_url=logo_url,
    )


def theme_css_url(request, *, use_database: bool = True) -> str:
    """`<link rel="stylesheet" href="{{ theme_css_url(request) }}">` — /theme.css, versioned by content."""
    return f"{reverse('theme-css')}?v={brand_for_request(request, use_database=use_database).version}"


def theme_css(brand: Brand) -> str:
    """The CSS custom properties ventanilla.css colours the USWDS components with."""
    lines = [":root {"]
    for role in ("primary", "secondary", "accent"):
        color = getattr(brand, f"{role}_color")
        lines.append(f"  --vt-{role}: {color};")
        lines.append(f"  --vt-{role}-dark: {darken(color)};")
        lines.append(f"  --vt-on-{role}: {readable_text_color(color)};")
    lines.append(f"  --vt-font-family: {FONT_STACKS[brand.font_family]};")
    lines.append("}")
    return "\n".join(lines) + "\n"
