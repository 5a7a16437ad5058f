"""StreamField blocks of editorial content: the body of a news item and a charter's commitments.

Lists live in StreamFields, as in the catalog: one row per published item, revisions and
wagtail-localize translate them segment by segment, and editors reorder them by drag and drop.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# What a news body may contain. No headings above h2 (the page's h1 is the title), no embeds
# (they would load from another host) and no images inside the text (the item's own image has
# its alternative text in a field of its own).
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person it is from."""

    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("said by"), max_length=255, required=False)

    class Meta:
        label = _("quotation")
        icon = "openquote"


def body_blocks():
    return [
        ("paragraph", blocks.RichTextBlock(label=_("text"), features=BODY_FEATURES)),
        ("quote", QuoteBlock()),
    ]


class CommitmentBlock(blocks.StructBlock):
    """One standard of a service charter: what is promised, and how it is checked."""

    attribute = blocks.CharBlock(
        label=_("attribute"), max_length=120,
        help_text=_("For example: response time, courtesy, reliability."),
    )
    standard = blocks.CharBlock(
        label=_("standard promised"), max_length=255, help_text=_("For example: 5 working days.")
    )
    measurement = blocks.TextBlock(
        label=_("how it is measured"), required=False,
        help_text=_(
            "For example: days between the complete application and the answer, from the case records."
        ),
    )

    class Meta:
        label = _("commitment")
        icon = "tick-inverse"
