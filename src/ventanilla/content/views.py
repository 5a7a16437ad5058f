"""Public pages of editorial content: the news list and a news item, and the documents library.

Like the catalog's pages, each reads only live, unexpired rows (content.queries), does a fixed
number of queries whatever it shows (lists are paginated) and is served from the catalog's page
cache (`public_page`) to anonymous visitors; publishing anything invalidates that cache.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from ventanilla.catalog.cache import public_page
from ventanilla.catalog.page_queries import live_sheets
from ventanilla.catalog.views import forms_of, sheets_with_forms
from ventanilla.government.models import Agency

from . import queries
from .jsonld import news_jsonld
from .models import DocumentKind

NEWS_PER_PAGE = 12
DOCUMENTS_PER_PAGE = 20


def _page(request, sequence, per_page):
    """Django's paginator; a bad page number shows the first or last page instead of an error."""
    return Paginator(sequence, per_page).get_page(request.GET.get("page"))


def _agency_filter(request, agencies):
    """The agency chosen by its slug in `?agency=`, among `agencies` (an unknown one: none)."""
    slug = request.GET.get("agency", "").strip()
    return next((agency for agency in agencies if agency.slug == slug), None) if slug else None


def _agencies():
    return list(
        Agency.objects.filter(is_active=True).only("name", "name_en", "acronym", "slug").order_by("name")
    )


def _agency_options(agencies) -> list[tuple[str, str]]:
    """The agency filter's choices: every agency by its name in the active language."""
    return [("", gettext("All agencies"))] + [(agency.slug, agency.localized("name")) for agency in agencies]


# ---------------------------------------------------------------------------------------------
# News
# ---------------------------------------------------------------------------------------------
@require_GET
@public_page
def news_index(request):
    """/noticias/: the news of the active language, newest first, narrowed by agency."""
    agencies = _agencies()
    agency = _agency_filter(request, agencies)
    items = queries.news()
    if agency is not None:
        items = items.filter(agency=agency)
    page_obj = _page(request, queries.news_cards(items), NEWS_PER_PAGE)
    context = {"page_obj": page_obj, "agency_options": _agency_options(agencies), "agency": agency}
    return render(request, "content/news_index.html", context)


def news_context(item, request, *, preview: bool = False) -> dict:
    """Everything a news page shows; the back office's preview passes an unsaved draft."""
    context = {"item": item, "preview": preview, "jsonld": news_jsonld(item, request)}
    if not preview:
        urls = queries.news_translation_paths(item)
        for code, _name in settings.LANGUAGES:
            if code not in urls:  # not translated: the language switcher leads to that language's list
                with translation.override(code):
                    urls[code] = reverse("content:news_index")
        context["language_urls"] = urls
    return context


@require_GET
@public_page
def news_detail(request, slug):
    item = queries.news_item(slug)
    if item is None:
        raise Http404
    return render(request, "content/news_detail.html", news_context(item, request))


# ---------------------------------------------------------------------------------------------
# Documents library
# ---------------------------------------------------------------------------------------------
class LibraryRows:
    """Library documents, then the sheets that have forms, as one sequence the paginator slices.

    Forms of procedures are StreamField entries inside the sheets (LGMR art. 46 fr. VII), not
    rows of their own: they are listed a sheet at a time after the library's documents. Counting
    costs two queries and a page at most two more, whatever the size of either list.
    """

    def __init__(self, documents, sheets):
        self.documents, self.sheets = documents, sheets
        self._documents_count = None

    def documents_count(self) -> int:
        if self._documents_count is None:
            self._documents_count = self.documents.count()
        return self._documents_count

    def count(self) -> int:
        return self.documents_count() + (self.sheets.count() if self.sheets is not None else 0)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        split = self.documents_count()
        rows = []
        if start < split:
            rows += [("document", row) for row in self.documents[start:min(stop, split)]]
        if self.sheets is not None and stop > split:
            sheets = list(self.sheets[max(start - split, 0):stop - split])
            rows += [("form", form) for form in forms_of(sheets)]
        return rows


@require_GET
@public_page
def documents(request):
    """/documentos/: forms, pamphlets, charters and other documents, narrowed by kind and agency."""
    agencies = _agencies()
    agency = _agency_filter(request, agencies)
    kind = request.GET.get("kind", "")
    if kind not in DocumentKind.values:
        kind = ""
    library = queries.documents(kind=kind, agency=agency)
    sheets = None
    if kind in ("", DocumentKind.FORM):  # the procedures' own forms are forms too
        sheets = sheets_with_forms(live_sheets())
        if agency is not None:
            sheets = sheets.filter(agency=agency)
    page_obj = _page(request, LibraryRows(library, sheets), DOCUMENTS_PER_PAGE)
    context = {
        "page_obj": page_obj,
        "agency_options": _agency_options(agencies),
        "agency": agency,
        "kind_options": [("", gettext("All kinds")), *DocumentKind.choices],
        "kind": kind,
    }
    return render(request, "content/documents.html", context)
