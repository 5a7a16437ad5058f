"""Portal pages: home, the legal pages, the theme stylesheet and the error pages."""

from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET
from django.views.generic import TemplateView

from ventanilla.government.models import Agency, Level

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


def levels_of_government():
    """Active agencies grouped by level, then by jurisdiction, in one query.

    Returns [(level label, [(jurisdiction, [agency, ...]), ...]), ...] in federal, state,
    municipal order; levels without agencies are left out.
    """
    order = {value: index for index, value in enumerate(Level.values)}
    agencies = sorted(
        Agency.objects.filter(is_active=True, jurisdiction__is_active=True)
        .select_related("jurisdiction")
        .only("name", "name_en", "acronym", "jurisdiction__name", "jurisdiction__name_en",
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
def home(request):
    response = render(request, "portal/home.html", {"levels": levels_of_government()})
    return _cache_for_anonymous(request, response)


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
