"""Portal pages: home, the legal pages, the theme stylesheet and the error pages."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET
from django.views.generic import TemplateView

from ventanilla.catalog.cache import public_page
from ventanilla.catalog.models import LifeEvent, Segment, Topic
from ventanilla.catalog.page_queries import live_sheets
from ventanilla.catalog.popularity import most_requested
from ventanilla.catalog.views import CARD_COLUMNS, sheet_cards
from ventanilla.catalog.views import agencies_by_level as levels_of_government
from ventanilla.content import queries as content

from .branding import brand_for_request, theme_css

# Anonymous pages may be kept briefly by browsers and proxies; the language is in the URL
# (/ or /en/), so one cached copy per URL is right.
PUBLIC_MAX_AGE = 300


def _cache_for_anonymous(request, response):
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


# The home page lists this many new or updated services.
HOME_LATEST = 6


@require_GET
@public_page
def home(request):
    """Search first, then the portal's action-plan banners, the head of government's welcome,
    the ways in (most requested and new services, topics, life events, audiences), the latest
    news and the agencies.

    Served from the catalog's page cache, which publishing (sheets and content) invalidates.
    """
    latest = sheet_cards(live_sheets().order_by("-last_published_at", "name"))[:HOME_LATEST]
    popular = most_requested(translation.get_language(), HOME_LATEST, columns=CARD_COLUMNS)
    context = {
        # Until views are counted, "most requested" would only repeat the alphabet.
        "popular": [sheet for sheet in popular if sheet.view_count],
        "levels": levels_of_government(),
        "latest": list(latest),
        "topics": list(Topic.objects.all()),
        "life_events": list(LifeEvent.objects.all()),
        "segments": list(Segment.objects.all()),
        "banners": content.banners(),
        "welcome": content.welcome(),
        "news": content.latest_news(content.HOME_NEWS),
    }
    return render(request, "portal/home.html", context)


class LegalPageView(TemplateView):
    """A static page whose text lives in its template (translated through the catalog)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        return _cache_for_anonymous(request, super().get(request, *args, **kwargs))


accessibility = LegalPageView.as_view(template_name="portal/accessibility.html")
terms = LegalPageView.as_view(template_name="portal/terms.html")


def _theme_etag(request):
    return brand_for_request(request).version


@require_GET
@condition(etag_func=_theme_etag)
def theme_css_view(request):
    """/theme.css: the brand's colours and font as CSS custom properties.

    The layout links it as /theme.css?v=<version>, the version being a hash of the values, so a
    saved change gives a new URL at once and the versioned copy can be cached for a year. A
    request for another version (an old page) gets the current CSS with a short lifetime.
    """
    brand = brand_for_request(request)
    response = HttpResponse(theme_css(brand), content_type="text/css; charset=utf-8")
    if request.GET.get("v") == brand.version:
        patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


# Error pages. Never cached: the same URL may work a moment later.
def _error(request, status, template="portal/error.html", **context):
    response = render(request, template, {"status": status, **context}, status=status)
    patch_cache_control(response, no_store=True)
    return response


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


@cache_control(no_store=True)
def server_error(request):
    """The 500 page renders without the database (it may be why we are here): no user, no
    messages, default branding (offline_layout)."""
    return render(request, "portal/error.html", {"status": 500, "offline_layout": True}, status=500)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: usually a form left open too long or cookies blocked."""
    return _error(request, 403, template="portal/csrf_failure.html")
