"""Template helpers of the public catalog pages (registered by ventanilla.jinja2_env)."""

import json

from markupsafe import Markup, escape

from django.utils.formats import number_format

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


GLOBALS = {"money": money, "channel_labels": channel_labels}
FILTERS = {"jsonld": jsonld, "paragraphs": paragraphs}
