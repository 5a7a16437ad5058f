"""/sitemap.xml: live, unexpired service sheets in each language, with hreflang alternates, and the
public browsing pages (catalog, agencies, topics, life events, segments) in both. The content app
adds its news and pages (content.sitemaps) the same way.

Each translation of a sheet has its own slug, so Django's i18n sitemaps (one item, URL reversed
per language) do not fit sheets: their alternates are looked up by translation_key, one query
per sitemap page.
"""

import abc

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from ventanilla.government.models import Agency

from .models import LifeEvent, Segment, Topic
from .page_queries import published


def hreflang(code: str) -> str:
    """The hreflang value of a language code (es-mx -> es-MX)."""
    return translation.to_locale(code).replace("_", "-")


class TranslatedSitemap(Sitemap, abc.ABC):
    """Live rows of a translatable model, each at its own slug, with its translations as alternates.

    Subclasses give `viewname` (reversed with the row's slug in the row's language) and
    `published()` (the live, unexpired rows of every language).
    """

    changefreq = "weekly"
    limit = 10000
    viewname = ""

    @abc.abstractmethod
    def published(self):
        """The live, unexpired rows of every language."""

    def items(self):
        return (
            self.published()
            .select_related("locale")
            .only("slug", "translation_key", "last_published_at", "locale__language_code")
            .order_by("pk")
        )

    def location(self, item):
        with translation.override(item.locale.language_code):
            return reverse(self.viewname, kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last_published_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        keys = {info["item"].translation_key for info in urls}
        translations: dict = {}
        rows = (
            self.published()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only("slug", "translation_key", "locale__language_code")
        )
        for row in rows:
            translations.setdefault(row.translation_key, []).append(row)
        for info in urls:
            siblings = translations.get(info["item"].translation_key, [])
            if len(siblings) > 1:
                info["alternates"] = [
                    {"location": f"{protocol}://{domain}{self.location(row)}",
                     "lang_code": hreflang(row.locale.language_code)}
                    for row in sorted(siblings, key=lambda row: row.locale.language_code)
                ]
        return urls


class SheetSitemap(TranslatedSitemap):
    viewname = "catalog:sheet"

    def published(self):
        return published()


class BilingualSitemap(Sitemap):
    """Pages whose address in each language comes from reversing a name (with a localized slug)."""

    changefreq = "daily"
    limit = 10000  # items; each gives one URL per language

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            locations = []
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    locations.append((code, f"{protocol}://{domain}{self.path(item)}"))
            alternates = [{"location": location, "lang_code": hreflang(code)} for code, location in locations]
            urls.extend(
                {"item": item, "location": location, "lastmod": None, "changefreq": self.changefreq,
                 "priority": "", "alternates": alternates}
                for _code, location in locations
            )
        return urls


class SectionSitemap(BilingualSitemap):
    def items(self):
        return ["portal:home", "catalog:index", "catalog:agencies", "catalog:sitemap_html"]

    def path(self, item):
        return reverse(item)


class TaxonomySitemap(BilingualSitemap):
    def items(self):
        return (
            [("catalog:topic", item) for item in Topic.objects.all()]
            + [("catalog:life_event", item) for item in LifeEvent.objects.all()]
            + [("catalog:segment", item) for item in Segment.objects.all()]
        )

    def path(self, item):
        viewname, taxonomy = item
        return reverse(viewname, kwargs={"slug": taxonomy.localized("slug")})


class AgencySitemap(BilingualSitemap):
    def items(self):
        return Agency.objects.filter(is_active=True).only("slug").order_by("pk")

    def path(self, item):
        return reverse("catalog:agency", kwargs={"slug": item.slug})


SITEMAPS = {
    "sections": SectionSitemap,
    "taxonomy": TaxonomySitemap,
    "agencies": AgencySitemap,
    "sheets": SheetSitemap,
}
