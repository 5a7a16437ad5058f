"""Page cache of the public catalog pages, invalidated by publishing.

Anonymous GETs are answered from Django's cache, keyed by language and full URL. Every key also
holds a *generation* number kept in the cache; publishing, unpublishing or editing a sheet, and
any change to the taxonomy, agencies, offices or branding, increments it (signals below), so
every cached page is orphaned at once and expires on its own. That is simpler and safer than
working out which pages one change touches (a sheet appears in search results, topic pages,
the home page, its agency's site...). Expiry of a sheet needs no signal: pages stay at most
PAGE_TIMEOUT in the cache and public queries filter on expire_at.

Signed-in visitors, and visitors with a pending flash message (the `messages` cookie), bypass
the cache: their pages differ. The public pages render no CSRF token for anonymous visitors
(the language switcher is a plain link, see includes/language_switcher.html), so a cached
page never shares a token between users.

A page that needed the CSP nonce (the sheet's JSON-LD) is stored with the nonce it was rendered
with; each hit substitutes the current request's nonce, so the Content-Security-Policy header
and the page always agree and no nonce is ever reused.
"""

import contextvars
import hashlib
import threading
import time
from functools import wraps

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

GENERATION_KEY = "catalog:pages:generation"
# How long the server keeps a page, and how long browsers and proxies may (they cannot be told
# when a sheet is published, so theirs is short and revalidated with the ETag).
PAGE_TIMEOUT = 300
BROWSER_MAX_AGE = 60


# Within a request the generation is read once: a sheet page asks about ten times (the page
# key, then each memo of reference rows), which with Redis would be ten round trips. A list
# while a request runs (empty until read), None outside requests (tasks, shells: every call
# reads the cache).
_request_generation: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "request_generation", default=None
)


def generation() -> int:
    memo = _request_generation.get()
    if memo:
        return memo[0]
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, not 1: if the key is evicted, old pages are never revived.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    if memo is not None:
        memo.append(value)
    return value


def _request_started(**_kwargs) -> None:
    _request_generation.set([])


def _request_finished(**_kwargs) -> None:
    _request_generation.set(None)


request_started.connect(_request_started, dispatch_uid="catalog_cache_request_started")
request_finished.connect(_request_finished, dispatch_uid="catalog_cache_request_finished")


class GenerationMemo:
    """Values kept in this process's memory for the current generation: small reference rows
    that many pages read (topics, offices, charters, facet labels, synonyms). Whatever bumps
    the generation for the cached pages drops them too, so an edit shows on the next page in
    every process, exactly as it does for cached pages."""

    def __init__(self):
        self._lock = threading.Lock()
        self._generation = None
        self._values: dict = {}

    def get(self, key, load):
        """The value under `key` for this generation, from `load()` on first use."""
        current = generation()
        if self._generation != current:
            with self._lock:
                if self._generation != current:
                    self._values = {}
                    self._generation = current
        values = self._values
        if key not in values:
            # Two threads may both load on a miss; either result is this generation's.
            values[key] = load()
        return values[key]


def invalidate(**_signal_kwargs) -> None:
    """Orphan every cached page (connected to the signals of everything the pages show)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    memo = _request_generation.get()
    if memo:  # the rest of this request sees the new generation
        memo.clear()


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _key(request) -> str:
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    # The header itself (what django-htmx's request.htmx tests): request.htmx would build the
    # dict of every header, on every cache hit.
    partial = "htmx" if request.META.get("HTTP_HX_REQUEST") == "true" else "page"
    return f"catalog:page:{generation()}:{translation.get_language()}:{partial}:{url}"


def _finish(request, response, etag: str):
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
    # The same URL differs for signed-in users; shared caches must key on the cookie too.
    patch_vary_headers(response, ("Cookie",))
    return get_conditional_response(request, etag=etag, response=response)


def public_page(view):
    """Decorator: serve anonymous GETs of the view from the page cache.

    A view whose visits must be noticed even when served from the cache sets
    `response.page_cache_on_hit = (function, args)` (a module-level function: it is stored).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = _key(request)
        entry = cache.get(key)
        if entry is not None:
            content = entry["content"]
            if entry["nonce"]:
                content = content.replace(entry["nonce"].encode(), str(get_nonce(request)).encode())
            response = HttpResponse(content, content_type=entry["content_type"])
            response["Content-Language"] = entry["language"]
            response["X-Page-Cache"] = "hit"
            if entry["on_hit"]:
                function, args = entry["on_hit"]
                function(*args)
            return _finish(request, response, entry["etag"])
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        nonce = get_nonce(request)
        # The ETag ignores the nonce, which changes on every response.
        stable = response.content.replace(str(nonce).encode(), b"") if nonce else response.content
        entry = {
            "content": response.content,
            "content_type": response["Content-Type"],
            "language": translation.get_language(),
            "nonce": str(nonce) if nonce else "",
            "etag": f'"{hashlib.sha256(stable).hexdigest()[:32]}"',
            # What the view does on every visit besides rendering (counting a sheet's views).
            "on_hit": getattr(response, "page_cache_on_hit", None),
        }
        cache.set(key, entry, PAGE_TIMEOUT)
        response["X-Page-Cache"] = "miss"
        return _finish(request, response, entry["etag"])

    return wrapped


def connect_signals() -> None:
    """Called from CatalogConfig.ready(): everything a public page shows invalidates the cache.

    Sheets invalidate when published or unpublished (by an editor, or by `publish_scheduled` at
    their go-live or expiry time) and when deleted; saving a draft only adds a revision and
    leaves the public pages as they are.
    """
    from django.apps import apps

    connect_editorial(apps.get_model("catalog.ServiceSheet"))
    senders = [
        "catalog.Topic", "catalog.LifeEvent", "catalog.Segment", "catalog.Synonym",
        "government.Jurisdiction", "government.Agency", "government.AdministrativeUnit",
        "government.Office",
        "government.OpeningHours", "government.OpeningException", "government.Holiday",
        "portal.BrandingSettings", "wagtaildocs.Document",
        # Kept per process by page_queries (a sheet's locale).
        "wagtailcore.Locale",
    ]
    for label in senders:
        model = apps.get_model(label)
        post_save.connect(invalidate, sender=model, dispatch_uid=f"catalog-cache-save-{label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"catalog-cache-delete-{label}")


def connect_editorial(*models) -> None:
    """Invalidate when content with drafts (sheets, news, banners...) is published, unpublished
    (by an editor, or by `publish_scheduled` at its go-live or expiry time) or deleted. Saving a
    draft only adds a revision and leaves the public pages as they are."""
    from wagtail.signals import published, unpublished

    for model in models:
        label = model._meta.label_lower
        published.connect(invalidate, sender=model, dispatch_uid=f"catalog-cache-published-{label}")
        unpublished.connect(invalidate, sender=model, dispatch_uid=f"catalog-cache-unpublished-{label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"catalog-cache-delete-{label}")
