"""/sitemap.xml entries of editorial content: every live news item in each language with its
translations as hreflang alternates, and the news list and documents library in both languages."""

from django.urls import reverse

from ventanilla.catalog.sitemaps import BilingualSitemap, TranslatedSitemap
from ventanilla.core.publishing import published

from .models import NewsItem


class NewsSitemap(TranslatedSitemap):
    viewname = "content:news_detail"
    changefreq = "monthly"

    def published(self):
        return published(NewsItem.objects.all())


class ContentSectionSitemap(BilingualSitemap):
    def items(self):
        return ["content:news_index", "content:documents"]

    def path(self, item):
        return reverse(item)


SITEMAPS = {
    "content": ContentSectionSitemap,
    "news": NewsSitemap,
}
