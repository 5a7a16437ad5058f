"""Public pages of editorial content: news list and page (both languages, JSON-LD, hidden drafts and
expired items), banners and the welcome on home, the agency site's sections, the charter linked
from the sheet page, the documents library, sitemaps, page-cache invalidation and query bounds."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest

from django.core.cache import cache
from django.utils import timezone

from ventanilla.catalog.tests.factories import ServiceSheetFactory
from ventanilla.content.models import DocumentKind, NewsItem
from ventanilla.government.tests.factories import AgencyFactory

from .factories import (
    BannerFactory,
    HeadWelcomeFactory,
    LibraryDocumentFactory,
    NewsItemFactory,
    ServiceCharterFactory,
    make_image,
    translate,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def warm(client):
    """A first page creates the site's branding row; later pages read it (two queries)."""
    client.get("/accesibilidad/")


def expire(item):
    type(item).objects.filter(pk=item.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))


@pytest.fixture
def agency():
    return AgencyFactory(name="Secretaría de Movilidad", name_en="Ministry of Transport", slug="movilidad")


@pytest.fixture
def news(agency):
    item = NewsItemFactory(
        title="Nuevas licencias digitales", slug="licencias-digitales", agency=agency,
        summary="Ya puede tramitar su licencia en línea.",
    )
    english = translate(
        item, title="New digital licences", slug="digital-licences", summary="Apply for your licence online.",
        body=[{"type": "paragraph", "value": "<p>The licence is now digital.</p>"}],
    )
    return item, english


def jsonld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD with a nonce"
    return json.loads(match.group(1))


class TestNews:
    def test_list_in_both_languages(self, client, news):
        page = html(client.get("/noticias/"))
        assert "Nuevas licencias digitales" in page
        assert 'href="/noticias/licencias-digitales/"' in page
        assert "New digital licences" not in page
        page = html(client.get("/en/noticias/"))
        assert 'href="/en/noticias/digital-licences/"' in page
        assert "Nuevas licencias digitales" not in page

    def test_news_page_with_newsarticle_jsonld(self, client, news):
        response = client.get("/noticias/licencias-digitales/")
        page = html(response)
        assert '<h1 id="article-title">Nuevas licencias digitales</h1>' in page
        assert "<b>detalles</b>" in page and "Trabajamos para usted." in page
        data = jsonld(page)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Nuevas licencias digitales"
        assert data["inLanguage"] == "es-MX"
        assert data["datePublished"] == "2026-10-01"
        assert data["publisher"]["name"] == "Secretaría de Movilidad"
        assert data["url"] == "http://testserver/noticias/licencias-digitales/"
        # The nonce in the page is the one the policy allows.
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"' in page
        # The language switcher leads to the English translation's own address.
        assert 'hreflang="en" href="/en/noticias/digital-licences/"' in page

    def test_english_page(self, client, news):
        page = html(client.get("/en/noticias/digital-licences/"))
        assert "The licence is now digital." in page
        assert jsonld(page)["inLanguage"] == "en"
        assert "Ministry of Transport" in page
        assert client.get("/en/noticias/licencias-digitales/").status_code == 404

    def test_untranslated_item_switches_to_the_other_language_list(self, client, agency):
        NewsItemFactory(slug="solo-espanol", agency=agency)
        page = html(client.get("/noticias/solo-espanol/"))
        assert 'hreflang="en" href="/en/noticias/"' in page

    def test_drafts_expired_and_scheduled_items_are_hidden(self, client, agency):
        NewsItemFactory(title="Borrador secreto", slug="borrador", agency=agency, publish=False)
        expired = NewsItemFactory(title="Noticia vencida", slug="vencida", agency=agency)
        expire(expired)
        page = html(client.get("/noticias/"))
        assert "Borrador secreto" not in page and "Noticia vencida" not in page
        assert client.get("/noticias/borrador/").status_code == 404
        assert client.get("/noticias/vencida/").status_code == 404
        assert "Noticia vencida" not in html(client.get("/"))

    def test_filter_by_agency(self, client, news, agency):
        other = AgencyFactory(name="Registro Civil", slug="registro")
        NewsItemFactory(title="Actas en línea", slug="actas", agency=other)
        page = html(client.get("/noticias/?agency=registro"))
        assert "Actas en línea" in page and "Nuevas licencias digitales" not in page
        assert "<h1>Noticias de Registro Civil</h1>" in page
        # An unknown agency shows everything rather than an error.
        page = html(client.get("/noticias/?agency=no-existe"))
        assert "Actas en línea" in page and "Nuevas licencias digitales" in page

    def test_pagination_and_bad_page_numbers(self, client, agency):
        for index in range(14):
            NewsItemFactory(slug=f"n-{index}", agency=agency, published_on=datetime.date(2026, 1, 1 + index))
        assert html(client.get("/noticias/?page=2")).count('class="vt-news-list__item"') == 2
        assert html(client.get("/noticias/?page=abc")).count('class="vt-news-list__item"') == 12
        assert html(client.get("/noticias/?page=99")).count('class="vt-news-list__item"') == 2

    def test_list_query_count_does_not_grow(self, client, agency, django_assert_max_num_queries):
        for index in range(15):
            NewsItemFactory(slug=f"n-{index}", agency=AgencyFactory(), image=make_image(), image_alt="Foto")
        warm(client)
        client.get("/noticias/")  # the first view creates the renditions (once per image and size)
        cache.clear()
        warm(client)
        # Agencies (filter), count, page of news with agencies, images, renditions, site, branding.
        with django_assert_max_num_queries(8):
            page = html(client.get("/noticias/"))
        assert page.count("<img") == 12
        assert 'alt="Foto"' in page

    def test_news_page_query_count(self, client, news, django_assert_max_num_queries):
        warm(client)
        with django_assert_max_num_queries(6):
            html(client.get("/noticias/licencias-digitales/"))

    def test_image_needs_alternative_text(self, agency):
        from django.core.exceptions import ValidationError

        item = NewsItem(title="T", slug="t", summary="S", agency=agency, image=make_image())
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert "image_alt" in error.value.message_dict


class TestHome:
    def test_home_shows_portal_banners_welcome_and_latest_news(self, client, news, agency):
        BannerFactory(title="Plan de movilidad segura", priority=1)
        BannerFactory(title="Jornada de vacunación", priority=5, link_url="https://example.gob.mx/vacunas")
        BannerFactory(title="Banner de la agencia", agency=agency)
        BannerFactory(title="Banner futuro", starts_on=timezone.localdate() + datetime.timedelta(days=2))
        BannerFactory(title="Banner terminado", ends_on=timezone.localdate() - datetime.timedelta(days=1),
                      starts_on=datetime.date(2025, 1, 1))
        HeadWelcomeFactory()
        page = html(client.get("/"))
        assert page.index("Jornada de vacunación") < page.index("Plan de movilidad segura")  # priority
        assert "Banner de la agencia" not in page
        assert "Banner futuro" not in page and "Banner terminado" not in page
        assert "María López, Gobernadora del Estado" in page
        assert "Le damos la bienvenida a la ventanilla única." in page
        assert 'href="/noticias/licencias-digitales/"' in page
        english = html(client.get("/en/"))
        assert 'href="/en/noticias/digital-licences/"' in english
        assert "Jornada de vacunación" not in english  # not translated: not shown in English

    def test_home_query_count(self, client, django_assert_max_num_queries):
        for index in range(6):
            NewsItemFactory(slug=f"n-{index}", image=make_image(), image_alt="Foto")
            BannerFactory(image=make_image(), image_alt="Cartel")
        HeadWelcomeFactory(photo=make_image(), photo_alt="Retrato de la gobernadora")
        warm(client)
        client.get("/")  # renditions are created on the first view
        cache.clear()
        warm(client)
        with django_assert_max_num_queries(22):
            page = html(client.get("/"))
        assert 'alt="Retrato de la gobernadora"' in page

    def test_publishing_news_invalidates_the_cached_home(self, client, agency):
        warm(client)
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"
        item = NewsItemFactory(title="Noticia recién publicada", slug="reciente", agency=agency)
        response = client.get("/")
        assert response["X-Page-Cache"] == "miss" and "Noticia recién publicada" in html(response)
        client.get("/")
        item.unpublish()
        response = client.get("/")
        assert response["X-Page-Cache"] == "miss" and "Noticia recién publicada" not in html(response)


class TestAgencySite:
    def test_sections_of_the_agency(self, client, news, agency):
        sheet = ServiceSheetFactory(agency=agency, name="Licencia de manejo", slug="licencia-de-manejo")
        ServiceCharterFactory(agency=agency, title="Carta compromiso de movilidad", sheets=[sheet])
        BannerFactory(title="Operativo de verificación", agency=agency)
        BannerFactory(title="Banner del portal")
        LibraryDocumentFactory(title="Guía para conducir", agency=agency)
        LibraryDocumentFactory(title="Guía de otra dependencia")
        page = html(client.get("/dependencias/movilidad/"))
        assert "Operativo de verificación" in page and "Banner del portal" not in page
        assert 'href="/noticias/licencias-digitales/"' in page
        assert 'href="/noticias/?agency=movilidad"' in page
        assert 'id="carta-compromiso"' in page and "Carta compromiso de movilidad" in page
        assert "5 días hábiles" in page and "800 111 2222" in page
        assert 'href="/tramites/licencia-de-manejo/"' in page
        assert "Guía para conducir" in page and "Guía de otra dependencia" not in page
        assert 'href="/documentos/?agency=movilidad"' in page

    def test_agency_site_query_count_is_bounded(self, client, agency, django_assert_max_num_queries):
        sheets = [ServiceSheetFactory(agency=agency, slug=f"s-{index}") for index in range(5)]
        for index in range(3):
            ServiceCharterFactory(agency=agency, sheets=sheets)
            NewsItemFactory(agency=agency, slug=f"n-{index}")
            BannerFactory(agency=agency)
        for _index in range(12):
            LibraryDocumentFactory(agency=agency)
        warm(client)
        # Catalog's seven, plus the office map's, plus news, banners, charters (+ sheets, + live
        # sheets) and documents.
        with django_assert_max_num_queries(14):
            html(client.get("/dependencias/movilidad/"))


class TestSheetPage:
    def test_sheet_links_to_the_charter_covering_it_in_both_languages(self, client, agency):
        from ventanilla.catalog.tests.test_views import translate as translate_sheet

        sheet = ServiceSheetFactory(agency=agency, name="Licencia de manejo", slug="licencia-de-manejo")
        translate_sheet(sheet, name="Driving licence", slug="driving-licence")
        charter = ServiceCharterFactory(agency=agency, title="Carta compromiso de movilidad", sheets=[sheet])
        english = translate(charter, title="Transport service charter")
        english.sheets.set([sheet])  # as wagtail-localize does: the translation keeps the source's links
        english.save()
        page = html(client.get("/tramites/licencia-de-manejo/"))
        assert 'href="/dependencias/movilidad/#carta-compromiso"' in page
        assert "Carta compromiso de movilidad" in page
        page = html(client.get("/en/tramites/driving-licence/"))
        assert "Transport service charter" in page
        assert 'href="/en/dependencias/movilidad/#carta-compromiso"' in page

    def test_expired_charter_is_not_linked(self, client, agency):
        sheet = ServiceSheetFactory(agency=agency, slug="licencia-de-manejo")
        ServiceCharterFactory(agency=agency, title="Carta vencida", sheets=[sheet],
                              valid_from=datetime.date(2020, 1, 1), valid_until=datetime.date(2021, 1, 1))
        assert "Carta vencida" not in html(client.get("/tramites/licencia-de-manejo/"))

    def test_charter_ending_today_is_gone_tomorrow_without_an_edit(self, client, agency, monkeypatch):
        # The charters are kept per process until something is published (GenerationMemo); their
        # dates are checked on every page.
        from django.utils import timezone

        today = timezone.localdate()
        sheet = ServiceSheetFactory(agency=agency, slug="licencia-de-manejo")
        ServiceCharterFactory(agency=agency, title="Carta que termina", sheets=[sheet], valid_until=today)
        assert "Carta que termina" in html(client.get("/tramites/licencia-de-manejo/"))
        monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=1))
        assert "Carta que termina" not in html(client.get("/tramites/licencia-de-manejo/?manana=1"))


class TestDocumentsLibrary:
    def test_library_lists_documents_and_sheet_forms(self, client, agency):
        LibraryDocumentFactory(title="Folleto de movilidad", title_en="Transport pamphlet", agency=agency)
        LibraryDocumentFactory(title="Carta compromiso (PDF)", kind=DocumentKind.CHARTER, agency=agency)
        LibraryDocumentFactory(title="Folleto borrador", publish=False)
        ServiceSheetFactory(agency=agency, slug="con-formato")
        page = html(client.get("/documentos/"))
        assert "Folleto de movilidad" in page and "Carta compromiso (PDF)" in page
        assert "Folleto borrador" not in page
        assert "Formato de solicitud" in page  # the sheet's own form
        assert "Transport pamphlet" in html(client.get("/en/documentos/"))

    def test_filters_by_kind_and_agency(self, client, agency):
        LibraryDocumentFactory(title="Folleto de movilidad", agency=agency)
        LibraryDocumentFactory(title="Carta compromiso (PDF)", kind=DocumentKind.CHARTER, agency=agency)
        LibraryDocumentFactory(title="Folleto de otra dependencia")
        ServiceSheetFactory(agency=agency, slug="con-formato")
        page = html(client.get("/documentos/?kind=charter"))
        assert "Carta compromiso (PDF)" in page and "Folleto de movilidad" not in page
        assert "Formato de solicitud" not in page
        page = html(client.get("/documentos/?kind=form&agency=movilidad"))
        assert "Formato de solicitud" in page and "Folleto de movilidad" not in page
        page = html(client.get("/documentos/?agency=movilidad"))
        assert "Folleto de movilidad" in page and "Folleto de otra dependencia" not in page
        # Unknown values are ignored, never an error.
        assert "Folleto de otra dependencia" in html(client.get("/documentos/?kind=zzz&agency=zzz"))

    def test_pages_run_from_documents_into_forms(self, client, agency):
        for index in range(15):
            LibraryDocumentFactory(agency=agency, published_on=datetime.date(2026, 1, 1 + index))
        for index in range(10):
            ServiceSheetFactory(agency=agency, slug=f"s-{index}")
        first = html(client.get("/documentos/"))
        assert first.count("Folleto informativo") == 15 and first.count("Formato de solicitud") == 5
        second = html(client.get("/documentos/?page=2"))
        assert "Folleto informativo" not in second and second.count("Formato de solicitud") == 5

    def test_query_count_is_bounded(self, client, agency, django_assert_max_num_queries):
        for _index in range(25):
            LibraryDocumentFactory(agency=AgencyFactory())
        for index in range(25):
            ServiceSheetFactory(slug=f"s-{index}")
        warm(client)
        # Agencies (filter), two counts, documents with file and agency, sheets, site, branding.
        with django_assert_max_num_queries(8):
            html(client.get("/documentos/?page=2"))


class TestSitemaps:
    def test_news_with_alternates_and_without_hidden_items(self, client, news, agency):
        NewsItemFactory(slug="borrador", agency=agency, publish=False)
        expire(NewsItemFactory(slug="vencida", agency=agency))
        index = client.get("/sitemap.xml").content.decode()
        assert "http://testserver/sitemap-news.xml" in index
        root = ET.fromstring(client.get("/sitemap-news.xml").content)
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        urls = {url.findtext("s:loc", namespaces=ns): url for url in root.findall("s:url", ns)}
        assert set(urls) == {
            "http://testserver/noticias/licencias-digitales/",
            "http://testserver/en/noticias/digital-licences/",
        }
        alternates = {
            (link.get("hreflang"), link.get("href"))
            for link in urls["http://testserver/noticias/licencias-digitales/"].findall("x:link", ns)
        }
        assert alternates == {
            ("es-MX", "http://testserver/noticias/licencias-digitales/"),
            ("en", "http://testserver/en/noticias/digital-licences/"),
        }
        sections = client.get("/sitemap-content.xml").content.decode()
        assert "<loc>http://testserver/en/documentos/</loc>" in sections
        assert "<loc>http://testserver/noticias/</loc>" in sections

    def test_html_site_map_links_news(self, client, news):
        page = html(client.get("/mapa-del-sitio/"))
        assert 'href="/noticias/licencias-digitales/"' in page and 'href="/documentos/"' in page
        assert 'href="/en/noticias/digital-licences/"' in html(client.get("/en/mapa-del-sitio/"))


class TestNewsApi:
    def test_lists_live_news_of_the_language_with_bounded_queries(
        self, client, news, agency, django_assert_max_num_queries
    ):
        NewsItemFactory(slug="borrador", agency=agency, publish=False)
        for index in range(4):
            NewsItemFactory(slug=f"otra-{index}")
        NewsItemFactory(slug="del-portal", agency=None)
        with django_assert_max_num_queries(3):
            data = client.get("/api/v1/news/").json()
        assert data["count"] == 6
        assert {row["slug"]: row["agency"] for row in data["results"]}["del-portal"] is None
        assert "borrador" not in {row["slug"] for row in data["results"]}
        data = client.get("/api/v1/news/", {"agency": "movilidad", "lang": "en"}).json()
        assert [row["slug"] for row in data["results"]] == ["digital-licences"]
        assert data["results"][0]["url"] == "http://testserver/en/noticias/digital-licences/"

    def test_one_item_by_key_or_slug(self, client, news):
        spanish, english = news
        data = client.get(f"/api/v1/news/{spanish.translation_key}/", {"lang": "en"}).json()
        assert data["title"] == "New digital licences" and data["text"] == "The licence is now digital."
        assert client.get("/api/v1/news/licencias-digitales/").json()["agency"] == "movilidad"
        assert client.get("/api/v1/news/no-existe/").status_code == 404

    def test_in_the_openapi_schema(self, client, db):
        assert "/api/v1/news/" in client.get("/api/schema/").content.decode()


class TestScheduling:
    def test_scheduled_news_appears_when_its_time_comes_and_leaves_at_expiry(self, client, agency):
        """The catalog's minute job (Wagtail's publish_scheduled) serves every model with drafts."""
        from ventanilla.catalog import tasks
        from ventanilla.catalog.tests.test_scheduling import move_to_the_past
        from ventanilla.content import services
        from ventanilla.government.models import Role
        from ventanilla.government.tests.factories import staff

        item = NewsItemFactory(title="Noticia programada", slug="programada", agency=agency, publish=False)
        item.go_live_at = timezone.now() + datetime.timedelta(hours=1)
        revision = item.save_revision()
        services.publish(item, actor=staff(Role.REVIEWER, agency), revision=revision)
        assert client.get("/noticias/programada/").status_code == 404
        move_to_the_past(revision, timezone.now() - datetime.timedelta(minutes=1))
        tasks.run_jobs()
        assert "Noticia programada" in html(client.get("/noticias/programada/"))
        expire(item)
        tasks.run_jobs()
        item.refresh_from_db()
        assert not item.live and item.expired
        assert client.get("/noticias/programada/").status_code == 404
        assert "Noticia programada" not in html(client.get("/noticias/"))


class TestPreview:
    def serve_preview(self, rf, obj) -> str:
        from django.contrib.auth.models import AnonymousUser
        from django.utils.csp import LazyNonce

        request = rf.get("/admin/snippets/content/preview/")
        request.user = AnonymousUser()
        request._csp_nonce = LazyNonce()
        response = obj.serve_preview(request, obj.default_preview_mode)
        if hasattr(response, "render"):
            response = response.render()
        return response.content.decode()

    def test_news_preview_renders_the_public_page_from_the_draft(self, rf, news):
        item, _english = news
        item.title = "Título todavía no publicado"
        page = self.serve_preview(rf, item)
        assert '<h1 id="article-title">Título todavía no publicado</h1>' in page
        assert '"@type": "NewsArticle"' in page

    def test_banner_welcome_and_charter_previews(self, rf, agency):
        banner = BannerFactory(publish=False, title="Aviso en borrador")
        assert "Aviso en borrador" in self.serve_preview(rf, banner)
        welcome = HeadWelcomeFactory(publish=False)
        assert "María López, Gobernadora del Estado" in self.serve_preview(rf, welcome)
        charter = ServiceCharterFactory(agency=agency, publish=False, title="Carta en borrador")
        assert "5 días hábiles" in self.serve_preview(rf, charter)
