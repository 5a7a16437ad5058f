"""Template helpers of the public catalog pages (registered by ventanilla.jinja2_env)."""

import json
import re

from markupsafe import Markup, escape

from django.utils.formats import number_format

from ventanilla.jinja2_env import url

from .blocks import STEP_CHANNELS

# What json.dumps leaves that could end a <script> element or open a comment inside it.
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


def jsonld(value) -> Markup:
    """`{{ data|jsonld }}` — a dict as JSON safe inside <script type="application/ld+json">."""
    text = json.dumps(value, ensure_ascii=False)
    # str.replace, not str.translate: translate looks every character up in a dict (slow on a
    # page's worth of JSON); three replaces scan it at C speed.
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return Markup(text)


def paragraphs(text: str) -> Markup:
    """`{{ text|paragraphs }}` — plain text with blank-line-separated paragraphs as <p> elements."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(escape(block)) for block in blocks)


def money(amount) -> str:
    """`{{ money(fee.amount) }}` — "$1,234.50 MXN" with the active language's separators."""
    return f"${number_format(amount, 2, force_grouping=True)} MXN"


def channel_labels(sheet, steps, offices) -> list[str]:
    """The channels a sheet can be done through, for the header's badges."""
    with_steps = {str(label) for label, _texts in steps}
    channels = {value for value, label in STEP_CHANNELS if str(label) in with_steps}
    if sheet.can_apply_online:
        channels.add("online")
    if offices:
        channels.add("in_person")
    return [str(label) for value, label in STEP_CHANNELS if value in channels]


# A slug that reverse() would put in the path as it is (SlugField's ASCII characters).
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_PLACEHOLDER = "slug-placeholder"


def sheet_url(slug: str) -> str:
    """`{{ sheet_url(hit.slug) }}` — url('catalog:sheet', slug), reversed once per language.

    A results page links twenty sheets, each a different slug, so url()'s memory rarely helps
    and every reverse() walks the URL patterns again (about 15 µs); the path differs from sheet
    to sheet only in the slug.
    """
    if not _PLAIN_SLUG.fullmatch(slug):
        return url("catalog:sheet", slug)
    return url("catalog:sheet", _SLUG_PLACEHOLDER).replace(_SLUG_PLACEHOLDER, slug)


GLOBALS = {"money": money, "channel_labels": channel_labels, "sheet_url": sheet_url}
FILTERS = {"jsonld": jsonld, "paragraphs": paragraphs}
