"""Public catalog pages: search, service sheets, topics, life events, segments, agencies, site map.

Every page reads only live, unexpired sheets of the active language (`page_queries.live_sheets()`,
also what the API, the exports and "most requested" start from), does a fixed number of queries
whatever the size of what it shows (lists are paginated; related rows come with select_related /
prefetch_related or one bulk query), and goes through the page cache (`cache.public_page`) for
anonymous visitors.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ventanilla.core.links import current_url_prefix
from ventanilla.government.models import Agency, Level, Office, OpeningHours, Weekday

from . import page_queries
from .api.serializers import stream_items
from .blocks import STEP_CHANNELS
from .cache import public_page
from .models import LifeEvent, Segment, Topic
from .page_queries import live_sheets
from .popularity import record_view_of

PER_PAGE = 20
# An agency site shows its first services and links to the catalog filtered by the agency.
AGENCY_SERVICES = 30


# The columns a list of sheets shows (name, summary, agency).
CARD_COLUMNS = (
    "name", "slug", "summary", "is_free", "can_apply_online", "agency__name", "agency__name_en",
    "agency__acronym", "agency__slug",
)


def sheet_cards(queryset):
    """A list of sheets as cards: CARD_COLUMNS, in one query with the agency."""
    return queryset.select_related("agency").only(*CARD_COLUMNS)


def sheet_url(slug: str) -> str:
    return reverse("catalog:sheet", kwargs={"slug": slug})


def _page(request, queryset, per_page=PER_PAGE):
    """Django's paginator; a bad page number shows the first or last page instead of an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# ---------------------------------------------------------------------------------------------
# Catalog and search
# ---------------------------------------------------------------------------------------------
FACET_TITLES = {
    "agency": _("Agency"),
    "level": _("Level of government"),
    "topic": _("Topic"),
    "life_event": _("Life event"),
    "segment": _("Audience"),
    "channel": _("Channel"),
    "cost": _("Cost"),
    "online": _("Online"),
}


@require_GET
@public_page
def index(request):
    """/tramites/: the whole catalog, searched and narrowed by facets (a plain GET form)."""
    from ventanilla.search.services import search  # the search app is optional for the rest

    query = request.GET.get("q", "").strip()[:200]
    filters = {name: request.GET.getlist(name) for name in FACET_TITLES if request.GET.getlist(name)}
    try:
        page_number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page_number = 1
    results = search(
        query, language=translation.get_language(), filters=filters, page=page_number, per_page=PER_PAGE
    )
    # The pagination macro expects a Django page: a paginator over the page numbers themselves
    # (one per page) gives the same numbering without counting the hits again.
    page_obj = Paginator(range(max(results.num_pages, 1)), 1).get_page(results.page)
    expanded = {name for name in request.GET.getlist("more") if name in FACET_TITLES}
    prefix = current_url_prefix(request)
    facets = [
        FacetGroup(name, FACET_TITLES.get(name, name), values, name in expanded, prefix)
        for name, values in results.facets.items()
        if values
    ]
    context = {
        "query": query,
        "results": results,
        "page_obj": page_obj,
        "facets": facets,
        "filters": filters,
        "suggestion_url": _suggestion_url(request, results.suggestion),
    }
    return render(request, "catalog/index.html", context)


# A group shows its most frequent values (and any selected one) until the visitor asks for all:
# a national catalog has about 300 agencies, too many checkboxes to scan, or to render.
FACET_VISIBLE = 8


@dataclass
class FacetGroup:
    name: str
    title: str
    values: list
    expanded: bool
    # This page's URL without its page number, ready for one more parameter (core.links).
    url_prefix: str
    shown: list = field(init=False)

    def __post_init__(self):
        if self.expanded or len(self.values) <= FACET_VISIBLE:
            self.shown = self.values
        else:
            self.shown = [
                value for index, value in enumerate(self.values) if index < FACET_VISIBLE or value.selected
            ]

    @property
    def hidden_count(self) -> int:
        return len(self.values) - len(self.shown)

    @property
    def more_url(self) -> str:
        """This page's URL with the group expanded, back at the group."""
        return f"{self.url_prefix}more={self.name}#facet-group-{self.name}"


def _suggestion_url(request, suggestion: str | None) -> str | None:
    if not suggestion:
        return None
    params = request.GET.copy()
    params["q"] = suggestion
    params.pop("page", None)
    return f"{request.path}?{params.urlencode()}"


@require_GET
def suggestions(request):
    """Autocomplete: <option> elements htmx swaps into the search box's <datalist>.

    Without JavaScript the datalist keeps the options rendered with the page.
    Not page-cached: the answers are tiny and vary with every keystroke.
    """
    from ventanilla.search.services import autocomplete

    prefix = request.GET.get("q", "").strip()[:100]
    options = autocomplete(prefix, language=translation.get_language()) if len(prefix) >= 2 else []
    return render(request, "catalog/_suggestions.html", {"options": options})


# ---------------------------------------------------------------------------------------------
# The service sheet
# ---------------------------------------------------------------------------------------------
@dataclass
class OfficeView:
    office: Office
    weekly: list[tuple[str, str]] = field(default_factory=list)


def weekly_hours(office: Office) -> list[tuple[str, str]]:
    """[(weekday label, "09:00–14:00, 16:00–18:00"), ...] from the office's prefetched hours."""
    rows = []
    periods = sorted(office.hours.all(), key=lambda hours: (hours.weekday, hours.opens))
    for weekday, day in groupby(periods, key=lambda hours: hours.weekday):
        text = ", ".join(f"{hours.opens:%H:%M}–{hours.closes:%H:%M}" for hours in day)
        rows.append((Weekday(weekday).label, text))
    return rows


def offices_with_hours(offices) -> list[OfficeView]:
    """Active offices with their weekly hours, read from prefetched rows (see `with_offices`).

    Weekly hours rather than government's `opening_schedule()`: that one answers "open on this
    date?" with three queries per office, and these pages must not grow with their offices.
    """
    return [OfficeView(office, weekly_hours(office)) for office in offices if office.is_active]


def with_offices(queryset, relation: str = "offices"):
    """Prefetch `relation` (offices, name order) and their opening hours: two queries in all."""
    return queryset.prefetch_related(
        Prefetch(
            relation,
            queryset=Office.objects.order_by("name").prefetch_related(
                Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
            ),
        )
    )


def steps_by_channel(sheet) -> list[tuple[str, list[str]]]:
    """[(channel label, [step text, ...]), ...] in the catalog's channel order."""
    by_channel: dict[str, list[str]] = {}
    for step in sheet.steps:
        by_channel.setdefault(step.value["channel"], []).append(step.value["text"])
    return [(label, by_channel[value]) for value, label in STEP_CHANNELS if value in by_channel]


def requirements_with_links(sheet, language: str) -> list[dict]:
    """Requirements, each with the live sheet of the earlier procedure it needs in this language.

    The chooser stores one row (perhaps the Spanish one, perhaps unpublished); its translation in
    the page's language is found by translation_key, for all requirements in one query
    (page_queries.linked_procedures). The requirements are read from the stored JSON (the fields
    are plain values; the earlier procedure is a sheet id): building Wagtail blocks from it
    costs more than the page itself needs.
    """
    items = [
        dict(block["value"])
        for block in sheet.requirements.raw_data
        if block.get("type") == "requirement" and isinstance(block.get("value"), dict)
    ]
    for item in items:
        item["required_procedure"] = _sheet_id(item.get("required_procedure"))
    links = page_queries.linked_procedures({item["required_procedure"] for item in items} - {None}, language)
    rows = []
    for item in items:
        procedure, earlier = links.get(item["required_procedure"], (None, None))
        item["required_procedure"] = procedure
        rows.append({"item": item, "earlier": earlier})
    return rows


def _sheet_id(value) -> int | None:
    """A stored chooser value as a sheet id (an int in the JSON; tolerate its text)."""
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    return None


def translation_urls(sheet) -> dict[str, str]:
    """{language: URL} of the sheet's live translations (the language switcher's targets)."""
    urls = {}
    for language, slug in sheet.live_translations.items():  # read with the sheet (page_queries)
        with translation.override(language):
            urls[language] = sheet_url(slug)
    return urls


def sheet_context(sheet, request, *, preview: bool = False) -> dict:
    """Everything the sheet page shows, in a fixed number of queries.

    The live page passes a sheet with its agency, unit and locale (`page_queries.live_sheet`) and
    its offices (and their hours), topics and segments (`reference.attach`), which the JSON-LD
    builder reads too. The back office's preview passes a revision whose relations live in
    memory. The lists of plain values (fees, legal basis, contacts, forms) are read from the
    stored JSON, as the JSON-LD builder reads them: building Wagtail blocks for them cost more
    than showing them, and a query for the forms' documents, which come from memory here.
    """
    from ventanilla.content.queries import sheet_charters  # service charters covering the sheet

    from .export import sheet_jsonld

    language = translation.get_language()
    context = {
        "sheet": sheet,
        "preview": preview,
        "steps": steps_by_channel(sheet),
        "requirements": requirements_with_links(sheet, language),
        "offices": offices_with_hours(sheet.offices.all()),
        "topics": list(sheet.topics.all()),
        "fees": stream_items(sheet, "fees"),
        "laws": stream_items(sheet, "legal_basis"),
        "contacts": stream_items(sheet, "contacts"),
        "forms": forms_with_links(sheet),
        "jsonld": sheet_jsonld(sheet, request),
        "charters": sheet_charters(sheet, language),
    }
    if not preview:
        context["language_urls"] = _with_fallback(translation_urls(sheet), "catalog:index")
    return context


def forms_with_links(sheet) -> list[dict]:
    """The sheet's forms from the stored JSON, each with `href` (its document's URL, or its link)
    and `published_on` as a date."""
    forms = stream_items(sheet, "forms")
    urls = page_queries.document_urls({form.get("document") for form in forms} - {None})
    for form in forms:
        form["href"] = urls.get(form.get("document")) or form.get("url") or ""
        published_on = form.get("published_on")
        form["published_on"] = parse_date(published_on) if isinstance(published_on, str) else None
    return forms


def _with_fallback(urls: dict[str, str], viewname: str) -> dict[str, str]:
    """Complete {language: URL} with `viewname` in the languages the page is not translated into."""
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        if code not in urls:
            with translation.override(code):
                urls[code] = reverse(viewname)
    return urls


def count_view(sheet_id: int, translation_key: str) -> None:
    """Count a view of the sheet (the page cache calls it on every hit too)."""
    # By key: building a ServiceSheet (a clustered model) costs more than the rest of a cache hit.
    record_view_of(translation_key)


@require_GET
@public_page
def sheet_detail(request, slug):
    sheet = page_queries.live_sheet(slug, translation.get_language())
    if sheet is None:
        raise Http404
    count = (sheet.pk, str(sheet.translation_key))
    count_view(*count)
    response = render(request, "catalog/sheet_detail.html", sheet_context(sheet, request))
    response.page_cache_on_hit = (count_view, count)
    return response


# ---------------------------------------------------------------------------------------------
# Topics, life events and audience segments
# ---------------------------------------------------------------------------------------------
def taxonomy_by_slug(model, slug: str):
    """The topic (life event, segment) whose slug in the active language is `slug`.

    English uses slug_en, or the Spanish slug when no English one was given.
    """
    if translation.get_language().startswith("en"):
        condition = Q(slug_en=slug) | Q(slug_en="", slug=slug)
    else:
        condition = Q(slug=slug)
    item = model.objects.filter(condition).first()
    if item is None:
        raise Http404
    return item


def taxonomy_urls(item, viewname: str) -> dict[str, str]:
    from django.conf import settings

    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(viewname, kwargs={"slug": item.localized("slug")})
    return urls


KIND_TITLES = {
    "catalog:topic": _("Topic"),
    "catalog:life_event": _("Life event"),
    "catalog:segment": _("Audience"),
}


def _taxonomy_page(request, model, slug, relation: str, viewname: str, facet: str):
    item = taxonomy_by_slug(model, slug)
    sheets = sheet_cards(live_sheets().filter(**{relation: item}).order_by("name"))
    return render(
        request,
        "catalog/taxonomy.html",
        {
            "item": item,
            "kind": KIND_TITLES[viewname],
            "page_obj": _page(request, sheets),
            "facet": facet,
            "language_urls": taxonomy_urls(item, viewname),
        },
    )


@require_GET
@public_page
def topic(request, slug):
    return _taxonomy_page(request, Topic, slug, "topics", "catalog:topic", "topic")


@require_GET
@public_page
def life_event(request, slug):
    return _taxonomy_page(request, LifeEvent, slug, "life_events", "catalog:life_event", "life_event")


@require_GET
@public_page
def segment(request, slug):
    return _taxonomy_page(request, Segment, slug, "segments", "catalog:segment", "segment")


# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------
def agencies_by_level():
    """Active agencies grouped by level, then jurisdiction, in one query.

    [(level label, [(jurisdiction, [agency, ...]), ...]), ...] in federal, state, municipal order.
    """
    order = {value: index for index, value in enumerate(Level.values)}
    agencies = sorted(
        Agency.objects.filter(is_active=True, jurisdiction__is_active=True)
        .select_related("jurisdiction")
        .only("name", "name_en", "acronym", "slug", "jurisdiction__name", "jurisdiction__name_en",
              "jurisdiction__level"),
        key=lambda agency: (order[agency.jurisdiction.level], agency.jurisdiction.name, agency.name),
    )
    levels = []
    for level, in_level in groupby(agencies, key=lambda agency: agency.jurisdiction.level):
        jurisdictions = [
            (jurisdiction, list(in_jurisdiction))
            for jurisdiction, in_jurisdiction in groupby(in_level, key=lambda agency: agency.jurisdiction)
        ]
        levels.append((Level(level).label, jurisdictions))
    return levels


@require_GET
@public_page
def agencies(request):
    return render(request, "catalog/agencies.html", {"levels": agencies_by_level()})


def forms_of(sheets) -> list[dict]:
    """The downloadable forms (fr. VII) of `sheets`, each with its sheet; documents in one query."""
    rows = []
    for sheet in sheets:
        for form in sheet.forms:
            value = form.value
            href = value["document"].url if value["document"] else value["url"]
            if href:
                rows.append({"title": value["title"], "href": href, "published_on": value["published_on"],
                             "sheet": sheet})
    return rows


def sheets_with_forms(queryset):
    """Sheets that have at least one form. StreamFields are JSON lists: an empty one is "[]"."""
    return queryset.exclude(forms=[]).only("name", "slug", "forms").order_by("name")


@require_GET
@public_page
def agency(request, slug):
    agencies = Agency.objects.filter(is_active=True).select_related(
        "jurisdiction", "organisation_chart", "parent"
    )
    agency = get_object_or_404(with_offices(agencies), slug=slug)
    sheets = live_sheets().filter(agency=agency)
    services = list(sheet_cards(sheets.order_by("name"))[: AGENCY_SERVICES + 1])
    context = {
        "agency": agency,
        "services": services[:AGENCY_SERVICES],
        "more_services": len(services) > AGENCY_SERVICES,
        "offices": offices_with_hours(agency.offices.all()),
        "forms": forms_of(sheets_with_forms(sheets)[:AGENCY_SERVICES]),
    }
    # The agency's news, banners, service charters and library documents (the content app's).
    from ventanilla.content.queries import agency_sections

    context.update(agency_sections(agency))
    return render(request, "catalog/agency.html", context)


# ---------------------------------------------------------------------------------------------
# Site map (the documents library is the content app's)
# ---------------------------------------------------------------------------------------------
@require_GET
@public_page
def sitemap_html(request):
    """/mapa-del-sitio/: every section and browsing list (sheets are reached from them)."""
    from ventanilla.content.queries import news_links

    context = {
        "news": news_links(),
        "topics": Topic.objects.all(),
        "life_events": LifeEvent.objects.all(),
        "segments": Segment.objects.all(),
        "levels": agencies_by_level(),
    }
    return render(request, "catalog/sitemap.html", context)


# ---------------------------------------------------------------------------------------------
# For crawlers
# ---------------------------------------------------------------------------------------------
ROBOTS_DISALLOW = ["admin/", "django-admin/", "cuenta/", "tramites/sugerencias/", "api/"]


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """/robots.txt: the back office, accounts and autocomplete are not for crawlers; the sitemap is."""
    lines = ["User-agent: *"]
    for path in ROBOTS_DISALLOW:
        lines.append(f"Disallow: /{path}")
        if path != "api/":
            lines.append(f"Disallow: /en/{path}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
