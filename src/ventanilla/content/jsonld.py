"""schema.org NewsArticle for a news page (https://schema.org/NewsArticle), embedded as JSON-LD."""

import datetime

from django.utils import timezone, translation
from django.utils.html import strip_tags

from ventanilla.portal.branding import brand_for_request

from .queries import PAGE_IMAGE

SCHEMA_LANGUAGES = {"es-mx": "es-MX", "en": "en"}


def _compact(data: dict) -> dict:
    """Without empty values: schema.org consumers read "" as a value, not as "unknown"."""
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _publisher(item, request) -> dict:
    agency = item.agency
    if agency is not None:
        name = agency.localized("name")
        return _compact({"@type": "GovernmentOrganization", "name": name, "alternateName": agency.acronym,
                         "url": agency.website})
    brand = brand_for_request(request) if request is not None else None
    return _compact({"@type": "GovernmentOrganization", "name": brand.government_name if brand else ""})


def plain_text(item) -> str:
    """The body as plain text, paragraphs separated by blank lines."""
    parts = []
    for block in item.body:
        if block.block_type == "paragraph":
            parts.append(strip_tags(block.value.source))
        elif block.block_type == "quote":
            parts.append(block.value["text"])
    return "\n\n".join(part.strip() for part in parts if part.strip())


def news_jsonld(item, request=None) -> dict:
    """The item as a NewsArticle: headline, summary, text, dates, image, language and publisher."""
    url = ""
    if request is not None and item.pk and item.slug:
        url = request.build_absolute_uri(item.get_absolute_url())
    image = ""
    if item.image_id and item.image is not None:
        rendition = item.image.get_rendition(PAGE_IMAGE)
        image = request.build_absolute_uri(rendition.url) if request is not None else rendition.url
    publisher = _publisher(item, request)
    # A draft previewed before its first save may have no locale yet: it is in the page's language.
    language = item.locale.language_code if item.locale_id else translation.get_language()
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": item.title[:110],  # search engines cut longer headlines
            "description": item.summary,
            "articleBody": plain_text(item),
            "datePublished": _date(item.published_on),
            "dateModified": _date(item.last_published_at or item.published_on),
            "inLanguage": SCHEMA_LANGUAGES.get(language, language),
            "image": [image] if image else None,
            "url": url,
            "mainEntityOfPage": url,
            "author": publisher,
            "publisher": publisher,
        }
    )
