"""The demo content (load_demo): bilingual news, banners, the head's welcome, charters covering demo
sheets and library documents with real PDF files; a second run writes nothing."""

import re

import pytest

from django.core.management import call_command
from wagtail.models import Revision

from ventanilla.audit.models import AuditEntry
from ventanilla.content.demo.pdf import pdf
from ventanilla.content.models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter
from ventanilla.core import demo

pytestmark = pytest.mark.django_db
MODELS = (NewsItem, Banner, HeadWelcome, ServiceCharter, LibraryDocument)


def counts() -> dict:
    rows = {model.__name__: model.objects.count() for model in MODELS}
    return {**rows, "revisions": Revision.objects.count(), "audit": AuditEntry.objects.count()}


def by_language(model) -> dict[str, int]:
    return {
        code: model.objects.filter(live=True, locale__language_code=code).count() for code in ("es-mx", "en")
    }


def assert_valid_pdf(data: bytes):
    """A well-formed PDF: header, cross-reference offsets that point at their objects, trailer."""
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref")
    entries = re.findall(rb"(\d{10}) 00000 n ", data[startxref:])
    for number, offset in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(f"{number} 0 obj".encode())


def test_content_loads_after_the_catalog():
    names = [item.name for item in demo.registered()]
    assert names.index("catalog") < names.index("content")


def test_pdf_writer_makes_well_formed_multi_page_files():
    data = pdf("Guía para tramitar", ["¿Qué necesita? Identificación oficial y CURP. " * 10] * 30)
    assert_valid_pdf(data)
    assert data.count(b"/Type /Page ") > 1
    assert "¿Qué".encode("cp1252") in data  # WinAnsi text, accents included
    assert pdf("A", ["b"]) == pdf("A", ["b"])  # deterministic: the demo reloads unchanged


def test_load_demo_content_is_bilingual_linked_and_idempotent(capsys):
    call_command("load_demo")
    news = by_language(NewsItem)
    assert news["es-mx"] >= 6 and news["en"] == news["es-mx"]
    assert 2 <= by_language(Banner)["es-mx"] == by_language(Banner)["en"]
    assert NewsItem.objects.filter(agency__isnull=True, live=True).exists()  # a portal-wide item
    assert Banner.objects.filter(agency__isnull=True, live=True).count() >= 2
    assert by_language(HeadWelcome) == {"es-mx": 1, "en": 1}
    charters = ServiceCharter.objects.filter(live=True, locale__language_code="es-mx")
    assert charters.values("agency").distinct().count() >= 3
    for charter in charters:
        sheets = list(charter.sheets.all())
        assert sheets and all(sheet.agency_id == charter.agency_id for sheet in sheets)
        assert charter.commitments and charter.document is not None
    pamphlets = LibraryDocument.objects.filter(live=True, kind="pamphlet")
    assert pamphlets.count() >= 3
    assert LibraryDocument.objects.filter(kind="charter").count() == charters.count()
    for row in LibraryDocument.objects.select_related("document"):
        with row.document.file.open("rb") as fh:
            assert_valid_pdf(fh.read())
    # Banners link to the sheets in their own language.
    english = Banner.objects.get(locale__language_code="en", title="Your CURP, instantly and free of charge")
    assert english.link_url.startswith("/en/tramites/")
    first = counts()
    capsys.readouterr()
    call_command("load_demo")
    assert "(0 rows written)" in capsys.readouterr().out
    assert counts() == first
