"""Structured lists inside a service sheet (LGMR art. 46), as StreamField blocks.

Lists live in StreamFields rather than child tables so a published sheet is one row: the
public page reads it in one query whatever its number of requirements or steps, revisions and
wagtail-localize translate it segment by segment, and the editor orders items by drag and drop.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from ventanilla.core.channels import Channel


class LegalBasisBlock(blocks.StructBlock):
    """Fr. III: the law, regulation or agreement that creates the procedure."""

    instrument = blocks.CharBlock(label=_("law or regulation"), max_length=255)
    article = blocks.CharBlock(label=_("articles"), max_length=255, required=False)
    url = blocks.URLBlock(label=_("link to the text"), required=False)

    class Meta:
        label = _("legal basis")
        icon = "doc-full"


STEP_CHANNELS = [
    ("online", _("Online")),
    ("in_person", _("In person")),
    (Channel.CALL_CENTRE.value, _("By phone")),
    (Channel.KIOSK.value, _("At a kiosk")),
]


class StepBlock(blocks.StructBlock):
    """Fr. IV: one step, in plain language, for one channel."""

    channel = blocks.ChoiceBlock(label=_("channel"), choices=STEP_CHANNELS)
    text = blocks.TextBlock(label=_("what to do"))

    class Meta:
        label = _("step")
        icon = "list-ol"


class RequirementBlock(blocks.StructBlock):
    """Fr. V: a document or condition, with what the counter will ask for it."""

    document = blocks.CharBlock(label=_("document or condition"), max_length=255)
    details = blocks.TextBlock(label=_("details"), required=False)
    original = blocks.BooleanBlock(label=_("original required"), required=False, default=False)
    copies = blocks.IntegerBlock(label=_("copies"), min_value=0, default=0, required=False)
    issuer = blocks.CharBlock(label=_("issued by"), max_length=255, required=False)
    required_procedure = SnippetChooserBlock(
        "catalog.ServiceSheet", label=_("earlier procedure required"), required=False
    )

    class Meta:
        label = _("requirement")
        icon = "tick"


class FormDocumentBlock(blocks.StructBlock):
    """Fr. VII: an official form, with the date it was published in the official gazette."""

    title = blocks.CharBlock(label=_("title"), max_length=255)
    document = DocumentChooserBlock(label=_("file"), required=False)
    url = blocks.URLBlock(label=_("or link"), required=False)
    published_on = blocks.DateBlock(label=_("publication date"), required=False)

    class Meta:
        label = _("form")
        icon = "doc-full-inverse"


class FeeBlock(blocks.StructBlock):
    """Fr. XII: a fee, as a fixed amount or the formula that determines it."""

    concept = blocks.CharBlock(label=_("concept"), max_length=255)
    amount = blocks.DecimalBlock(label=_("amount (MXN)"), min_value=0, decimal_places=2, required=False)
    formula = blocks.TextBlock(label=_("how the amount is determined"), required=False)
    legal_basis = blocks.CharBlock(label=_("legal basis of the fee"), max_length=255, required=False)
    where_to_pay = blocks.TextBlock(label=_("where and how to pay"), required=False)

    class Meta:
        label = _("fee")
        icon = "doc-full"


class ContactBlock(blocks.StructBlock):
    """Fr. XVII: a way to ask questions or file a complaint about the procedure."""

    kind = blocks.ChoiceBlock(
        label=_("purpose"),
        choices=[("questions", _("Questions")), ("complaints", _("Complaints"))],
    )
    label = blocks.CharBlock(label=_("name"), max_length=255)
    phone = blocks.CharBlock(label=_("phone"), max_length=40, required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    url = blocks.URLBlock(label=_("web address"), required=False)
    address = blocks.TextBlock(label=_("address"), required=False)

    class Meta:
        label = _("contact")
        icon = "mail"
