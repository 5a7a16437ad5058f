"""What the public pages read: live, unexpired, current content of the active language.

Every function returns a bounded number of queries whatever the size of what it reads (related
rows come with select_related / prefetch_related, lists are sliced or paginated). The catalog's
agency site and sheet page import these lazily (the catalog does not depend on this app).

Expiry is checked here, not only by Wagtail's `publish_scheduled` command, so an item
disappears at its expiry time even if the command has not run yet; banners and charters are
also held to their own dates.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from wagtail.images import get_image_model

from ventanilla.catalog.cache import GenerationMemo
from ventanilla.core.publishing import published

from .models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter

# Image sizes (Wagtail filter specs): a 16:9 card and the page's full width.
CARD_IMAGE = "fill-480x270"
PAGE_IMAGE = "width-960"
PHOTO_IMAGE = "fill-240x240"
HOME_NEWS = 4
AGENCY_NEWS = 3
AGENCY_DOCUMENTS = 10
SITEMAP_NEWS = 20
_charter_memo = GenerationMemo()
CHARTER_FIELDS = (
    "title", "live", "valid_from", "valid_until", "expire_at",
    "agency__slug", "agency__name", "agency__name_en",
)


def _language(language: str | None) -> str:
    return language or translation.get_language()


def with_image(queryset, field: str, *specs: str):
    """The image of each row and its renditions in `specs`: two queries, however many rows."""
    images = get_image_model().objects.prefetch_renditions(*specs)
    return queryset.prefetch_related(Prefetch(field, queryset=images))


# ---------------------------------------------------------------------------------------------
# News
# ---------------------------------------------------------------------------------------------
def news(language: str | None = None):
    """Live news of the language, newest first."""
    return published(NewsItem.objects.filter(locale__language_code=_language(language))).order_by(
        "-published_on", "-pk"
    )


def news_cards(queryset):
    """The columns a list of news shows, with the agency and the card image."""
    queryset = queryset.select_related("agency").only(
        "title", "slug", "summary", "published_on", "image", "image_alt",
        "agency__name", "agency__name_en", "agency__acronym", "agency__slug",
    )
    return with_image(queryset, "image", CARD_IMAGE)


def latest_news(limit: int = HOME_NEWS, *, agency=None, language: str | None = None) -> list:
    queryset = news(language)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return list(news_cards(queryset)[:limit])


def news_links(limit: int = SITEMAP_NEWS) -> list:
    """The latest news titles and slugs (the HTML site map links them; the list page has the rest)."""
    return list(news().only("title", "slug")[:limit])


def news_item(slug: str):
    """The live news item of the active language with this slug (or None)."""
    queryset = with_image(news().select_related("agency", "locale"), "image", PAGE_IMAGE)
    return queryset.filter(slug=slug).first()


def news_translation_paths(item) -> dict[str, str]:
    """{language: public path} of the item's live translations (the language switcher's targets)."""
    from django.urls import reverse

    rows = published(NewsItem.objects.filter(translation_key=item.translation_key)).values_list(
        "locale__language_code", "slug"
    )
    urls = {}
    for language, slug in rows:
        with translation.override(language):
            urls[language] = reverse("content:news_detail", kwargs={"slug": slug})
    return urls


# ---------------------------------------------------------------------------------------------
# Banners and the head's welcome
# ---------------------------------------------------------------------------------------------
def banners(*, agency=None, language: str | None = None) -> list:
    """Banners shown today: the agency's, or the portal's when no agency is given."""
    today = timezone.localdate()
    queryset = published(Banner.objects.filter(locale__language_code=_language(language))).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    )
    queryset = queryset.filter(agency=agency) if agency is not None else queryset.filter(agency__isnull=True)
    return list(with_image(queryset.order_by("-priority", "-starts_on", "-pk"), "image", CARD_IMAGE))


def welcome(language: str | None = None):
    """The latest published head's welcome of the language (or None)."""
    queryset = published(HeadWelcome.objects.filter(locale__language_code=_language(language)))
    return with_image(queryset.order_by("-last_published_at", "-pk"), "photo", PHOTO_IMAGE).first()


# ---------------------------------------------------------------------------------------------
# Service charters
# ---------------------------------------------------------------------------------------------
def current_charters(language: str | None = None):
    """Charters of the language in force today (ServiceCharter.in_force_condition)."""
    queryset = published(ServiceCharter.objects.filter(locale__language_code=_language(language)))
    return queryset.filter(ServiceCharter.in_force_condition(timezone.localdate()))


def agency_charters(agency, language: str | None = None) -> list:
    """The agency's charters in force, each with `covered`: the live sheets of the language it covers.

    A charter may point at sheets of another language (a translated charter keeps its source's
    links); they are matched by translation_key. Three queries, whatever the number of charters.
    """
    from ventanilla.catalog.models import ServiceSheet
    from ventanilla.catalog.page_queries import live_sheets

    language = _language(language)
    charters = list(
        current_charters(language).filter(agency=agency).select_related("document").prefetch_related(
            Prefetch("sheets", queryset=ServiceSheet.objects.only("translation_key"))
        )
    )
    keys = {sheet.translation_key for charter in charters for sheet in charter.sheets.all()}
    by_key = {}
    if keys:
        rows = live_sheets(language).filter(translation_key__in=keys).only("name", "slug", "translation_key")
        by_key = {row.translation_key: row for row in rows.order_by("name")}
    for charter in charters:
        covered = {sheet.translation_key for sheet in charter.sheets.all()}
        charter.covered = [row for key, row in by_key.items() if key in covered]
    return charters


def sheet_charters(sheet, language: str | None = None) -> list:
    """Charters in force that cover `sheet` (in any of its languages), with their agency.

    Every sheet page asks, and the answer changes only when a charter or an agency is published
    or edited, which bumps the page cache's generation: so the live charters of a language and
    the sheets they cover are read once per generation and process (catalog.cache.GenerationMemo),
    and each page only checks their dates and expiry, which pass without any edit.
    """
    language = _language(language)
    by_key = _charter_memo.get(language, lambda: _charters_by_sheet(language))
    now, today = timezone.now(), timezone.localdate()
    charters = by_key.get(sheet.translation_key, ())
    return [charter for charter in charters if charter.is_in_force(today=today, now=now)]


def _charters_by_sheet(language: str) -> dict:
    """{sheet translation_key: [live charters of `language` covering it]}, in charter order."""
    from ventanilla.catalog.models import ServiceSheet

    charters = (
        ServiceCharter.objects.filter(live=True, locale__language_code=language)
        .select_related("agency")
        .only(*CHARTER_FIELDS)
        .prefetch_related(Prefetch("sheets", queryset=ServiceSheet.objects.only("translation_key")))
    )
    by_key: dict = {}
    for charter in charters:
        for key in {row.translation_key for row in charter.sheets.all()}:
            by_key.setdefault(key, []).append(charter)
    return by_key


# ---------------------------------------------------------------------------------------------
# Documents library
# ---------------------------------------------------------------------------------------------
def documents(*, kind: str = "", agency=None):
    """Live library documents, newest first, with their file and agency."""
    queryset = published(LibraryDocument.objects.all())
    if kind:
        queryset = queryset.filter(kind=kind)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return queryset.select_related("document", "agency").order_by("-published_on", "title")


def agency_documents(agency, limit: int = AGENCY_DOCUMENTS) -> list:
    return list(documents(agency=agency)[:limit])


# ---------------------------------------------------------------------------------------------
# An agency's site
# ---------------------------------------------------------------------------------------------
def agency_sections(agency) -> dict:
    """What an agency's site shows of its content: news, banners, charters and documents."""
    return {
        "agency_news": latest_news(AGENCY_NEWS, agency=agency),
        "agency_banners": banners(agency=agency),
        "agency_charters": agency_charters(agency),
        "agency_documents": [("document", row) for row in agency_documents(agency)],
    }
