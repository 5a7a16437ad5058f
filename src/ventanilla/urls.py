"""URLs. Public pages are language-prefixed (Spanish at /, English at /en/); machine endpoints are not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ventanilla.catalog import views as catalog_views
from ventanilla.catalog.sitemaps import SITEMAPS as CATALOG_SITEMAPS
from ventanilla.content.sitemaps import SITEMAPS as CONTENT_SITEMAPS
from ventanilla.core import views as core_views
from ventanilla.portal import views as portal_views

SITEMAPS = {**CATALOG_SITEMAPS, **CONTENT_SITEMAPS}

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", core_views.metrics, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include("ventanilla.catalog.api.urls")),
    path("api/v1/", include("ventanilla.content.api")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Unprefixed: one stylesheet for every language, versioned by its content.
    path("theme.css", portal_views.theme_css_view, name="theme-css"),
    path("documents/", include(wagtaildocs_urls)),
    # For crawlers, unprefixed: the sitemaps list the pages of every language with hreflang links.
    path("robots.txt", catalog_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]

urlpatterns += i18n_patterns(
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("cuenta/", include("ventanilla.accounts.urls")),
    path("", include("ventanilla.portal.urls")),
    path("", include("ventanilla.catalog.urls")),
    path("", include("ventanilla.content.urls")),
    # Wagtail's page tree last: it serves whatever path nothing above claimed.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.VENTANILLA_BENCH:
    # The benchmark's baseline view (`make bench`); the bench settings profile alone turns it on.
    urlpatterns.insert(0, path("bench/hello", core_views.bench_hello, name="bench-hello"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "ventanilla.portal.views.bad_request"
handler403 = "ventanilla.portal.views.permission_denied"
handler404 = "ventanilla.portal.views.page_not_found"
handler500 = "ventanilla.portal.views.server_error"
