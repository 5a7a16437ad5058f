"""Public catalog pages: both languages, what is hidden (unpublished, expired, other language),
query bounds, the sitemaps and robots.txt."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from django.utils import timezone

from ventanilla.government.tests.factories import AgencyFactory, OfficeFactory, OpeningHoursFactory

from .factories import LifeEventFactory, SegmentFactory, ServiceSheetFactory, TopicFactory, english_locale


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def warm(client):
    """A first page creates the site's branding row, which orphans the brand it cached; the
    second caches the brand (per language) that later Spanish pages read without a query."""
    client.get("/accesibilidad/")
    client.get("/accesibilidad/")


def translate(sheet, **fields):
    """The sheet's published English translation (same translation_key, its own slug)."""
    values = {
        "locale": english_locale(),
        "translation_key": sheet.translation_key,
        "agency": sheet.agency,
        "unit": sheet.unit,
        "homoclave": sheet.homoclave,
        "offices": list(sheet.offices.all()),
        "topics": list(sheet.topics.all()),
        "life_events": [],
        "segments": [],
    }
    values.update(fields)
    return ServiceSheetFactory(**values)


@pytest.fixture
def sheet(db):
    return ServiceSheetFactory(name="Licencia de manejo", slug="licencia-de-manejo")


@pytest.fixture
def english(sheet):
    return translate(sheet, name="Driving licence", slug="driving-licence", summary="Permit to drive a car.")


class TestSheetPage:
    def test_form_with_an_uploaded_document_links_to_the_file(self, client, db, settings, tmp_path):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        settings.MEDIA_ROOT = str(tmp_path)
        document = get_document_model().objects.create(
            title="Solicitud", file=ContentFile(b"%PDF-1.4", name="solicitud.pdf")
        )
        form = {"title": "Solicitud impresa", "document": document.pk, "url": "",
                "published_on": "2024-03-07"}
        ServiceSheetFactory(slug="con-archivo", forms=[{"type": "form", "value": form}])
        page = html(client.get("/tramites/con-archivo/"))
        assert f'<a href="{document.url}">Solicitud impresa</a>' in page
        assert "7 de marzo de 2024" in page.lower()
        # The document's URL is kept per process; replacing the file shows on the next page.
        document.file = ContentFile(b"%PDF-1.4", name="solicitud-2025.pdf")
        document.save()
        page = html(client.get("/tramites/con-archivo/?v=2"))
        assert f'<a href="{document.url}">Solicitud impresa</a>' in page

    def test_spanish_page_shows_every_section(self, client, sheet):
        page = html(client.get("/tramites/licencia-de-manejo/"))
        assert '<h1 id="sheet-title">Licencia de manejo</h1>' in page
        for heading in (
            "¿Qué es?",
            "¿Quién puede solicitarlo?",
            "Requisitos",
            "Costo",
            "Pasos",
            "Dónde y cuándo",
            "Tiempo de respuesta",
            "Qué obtiene",
            "Fundamento jurídico",
            "Contacto y quejas",
        ):
            assert f">{heading}</h2>" in page, heading
        assert sheet.homoclave in page
        assert "Identificación oficial vigente" in page
        assert "Instituto Nacional Electoral" in page
        assert "$250.00 MXN" in page
        assert "Formato de solicitud" in page
        assert "Av. Juárez 100" in page
        assert "Órgano Interno de Control" in page
        assert "Negativa ficta" in page
        assert 'href="https://www.gob.mx/tramite"' in page  # apply online

    def test_english_page(self, client, english):
        page = html(client.get("/en/tramites/driving-licence/"))
        assert ">Driving licence</h1>" in page
        assert ">Requirements</h2>" in page
        assert 'lang="en"' in page

    def test_free_is_explicit_and_buttons_follow_the_flags(self, client, db):
        ServiceSheetFactory(
            locale=english_locale(),
            slug="gratis",
            is_free=True,
            fees=[],
            can_apply_online=False,
            online_url="",
            can_book_appointment=False,
            can_pay_online=False,
        )
        page = html(client.get("/en/tramites/gratis/"))
        assert "This procedure is free of charge." in page
        assert "Apply online" not in page
        assert "book an appointment" not in page
        assert "pay the fees" not in page

    def test_earlier_procedure_links_to_its_sheet_in_the_page_language(self, client, sheet, english):
        requirement = {
            "type": "requirement",
            "value": {
                "document": "Licencia vigente",
                "details": "",
                "original": True,
                "copies": 0,
                "issuer": "",
                "required_procedure": sheet.pk,
            },
        }
        spanish = ServiceSheetFactory(slug="reposicion", requirements=[requirement])
        translate(spanish, slug="replacement", requirements=[requirement])
        assert 'href="/tramites/licencia-de-manejo/"' in html(client.get("/tramites/reposicion/"))
        assert 'href="/en/tramites/driving-licence/"' in html(client.get("/en/tramites/replacement/"))

    def test_language_switch_goes_to_the_translation(self, client, sheet, english):
        page = html(client.get("/tramites/licencia-de-manejo/"))
        assert re.search(r'<a class="vt-language__button" href="/en/tramites/driving-licence/"', page)
        page = html(client.get("/en/tramites/driving-licence/"))
        assert re.search(r'<a class="vt-language__button" href="/tramites/licencia-de-manejo/"', page)

    def test_without_translation_the_switch_goes_to_the_catalog(self, client, sheet):
        page = html(client.get("/tramites/licencia-de-manejo/"))
        assert re.search(r'<a class="vt-language__button" href="/en/tramites/"', page)

    def test_json_ld_carries_the_response_nonce(self, client, sheet):
        response = client.get("/tramites/licencia-de-manejo/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html(response))
        assert match.group(1) == nonce

    @pytest.mark.parametrize(
        "path",
        [
            "/tramites/borrador/",
            "/tramites/vencido/",
            "/en/tramites/licencia-de-manejo/",
            "/tramites/driving-licence/",
        ],
    )
    def test_not_found(self, client, english, path):
        ServiceSheetFactory(slug="borrador", publish=False)
        expired = ServiceSheetFactory(slug="vencido")
        type(expired).objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert client.get(path).status_code == 404

    def test_fixed_query_count_whatever_its_offices_and_requirements(
        self, client, db, django_assert_num_queries
    ):
        def make(slug, count):
            agency = AgencyFactory()
            offices = [OfficeFactory(agency=agency) for _ in range(count)]
            for office in offices:
                OpeningHoursFactory(office=office)
            requirement = {
                "type": "requirement",
                "value": {
                    "document": "Documento",
                    "details": "",
                    "original": False,
                    "copies": 1,
                    "issuer": "X",
                    "required_procedure": None,
                },
            }
            return ServiceSheetFactory(
                slug=slug,
                agency=agency,
                offices=offices,
                requirements=[requirement] * count,
                topics=[TopicFactory() for _ in range(count)],
            )

        make("uno", 1)
        make("diez", 10)
        warm(client)
        # The first pages of a generation load this process's reference rows (charters, topics,
        # offices); later pages read the sheet, its links and its translations.
        for slug in ("uno", "diez"):
            assert client.get(f"/tramites/{slug}/?warm=1").status_code == 200
        counts = []
        for slug in ("uno", "diez"):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/tramites/{slug}/").status_code == 200
            counts.append(len(queries))
        # One statement: the sheet with its translations and link ids (page_queries); the brand,
        # its topics, segments, offices and the service charters covering it come from memory.
        assert counts == [1, 1]


class TestTaxonomyPages:
    @pytest.mark.parametrize(
        ("factory", "prefix"),
        [(TopicFactory, "temas"), (LifeEventFactory, "momentos-de-vida"), (SegmentFactory, "para")],
    )
    def test_both_languages(self, client, db, factory, prefix):
        item = factory(name="Salud", name_en="Health", slug="salud", slug_en="health")
        relation = {TopicFactory: "topics", LifeEventFactory: "life_events", SegmentFactory: "segments"}[
            factory
        ]
        ServiceSheetFactory(name="Cambio de clínica", slug="cambio", **{relation: [item]})
        ServiceSheetFactory(name="Otro trámite", slug="otro")
        page = html(client.get(f"/{prefix}/salud/"))
        assert ">Salud</h1>" in page
        assert "Cambio de clínica" in page
        assert "Otro trámite" not in page
        assert ">Health</h1>" in html(client.get(f"/en/{prefix}/health/"))
        assert client.get(f"/en/{prefix}/salud/").status_code == 404
        assert client.get(f"/{prefix}/no-existe/").status_code == 404

    def test_query_count_does_not_grow(self, client, db, django_assert_max_num_queries):
        topic = TopicFactory(slug="salud")
        for index in range(25):
            ServiceSheetFactory(slug=f"s-{index}", topics=[topic])
        warm(client)
        # Topic, count, page of sheets with their agency, site and branding.
        with django_assert_max_num_queries(5):
            page = html(client.get("/temas/salud/?page=2"))
        assert "25 trámites y servicios" in page


class TestAgencyPages:
    def test_agency_site(self, client, sheet):
        agency = sheet.agency
        type(agency).objects.filter(pk=agency.pk).update(
            mission="Servir a la ciudadanía.",
            welcome_message="Bienvenida a nuestra dependencia.",
            head_name="María López",
            head_title="Secretaria",
        )
        page = html(client.get(f"/dependencias/{agency.slug}/"))
        assert "Servir a la ciudadanía." in page
        assert "Bienvenida a nuestra dependencia." in page
        assert "María López, Secretaria" in page
        assert "Licencia de manejo" in page
        assert "Av. Juárez 100" in page
        assert "Formato de solicitud" in page
        assert agency.name_en in html(client.get(f"/en/dependencias/{agency.slug}/"))

    def test_inactive_agency_is_not_found(self, client, db):
        agency = AgencyFactory(is_active=False)
        assert client.get(f"/dependencias/{agency.slug}/").status_code == 404

    def test_query_counts_do_not_grow(self, client, db, django_assert_max_num_queries):
        agency = AgencyFactory()
        for index in range(AGENCY_SHEETS):
            ServiceSheetFactory(slug=f"s-{index}", agency=agency, offices=[OfficeFactory(agency=agency)])
        warm(client)
        # Agency, its services, offices, hours, sheets with forms, site and branding; the content
        # app's news, banners, service charters and library documents.
        with django_assert_max_num_queries(11):
            page = html(client.get(f"/dependencias/{agency.slug}/"))
        assert f"?agency={agency.pk}" in page  # more than the site shows: link to the catalog
        with django_assert_max_num_queries(3):
            assert agency.name in html(client.get("/dependencias/"))


AGENCY_SHEETS = 31


class TestDocumentsAndSiteMap:
    def test_documents_library_lists_forms_of_live_sheets(self, client, sheet):
        ServiceSheetFactory(
            slug="borrador",
            publish=False,
            forms=[
                {
                    "type": "form",
                    "value": {
                        "title": "Formato secreto",
                        "document": None,
                        "url": "https://example.mx/s.pdf",
                        "published_on": None,
                    },
                }
            ],
        )
        ServiceSheetFactory(slug="sin-formatos", forms=[])
        page = html(client.get("/documentos/"))
        assert "Formato de solicitud" in page
        assert 'href="https://www.gob.mx/formato.pdf"' in page
        assert "Formato secreto" not in page
        assert "Documents and forms" in html(client.get("/en/documentos/"))

    def test_html_site_map(self, client, db, django_assert_max_num_queries):
        TopicFactory(name="Salud", slug="salud")
        AgencyFactory(name="Secretaría de Salud")
        warm(client)
        with django_assert_max_num_queries(7):  # the latest news included
            page = html(client.get("/mapa-del-sitio/"))
        assert 'href="/temas/salud/"' in page
        assert "Secretaría de Salud" in page


class TestCrawlers:
    def test_robots(self, client, db):
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        text = response.content.decode()
        assert "Disallow: /admin/" in text
        assert "Sitemap: http://testserver/sitemap.xml" in text

    def test_sitemap_index_and_sheets_with_alternates(self, client, sheet, english):
        ServiceSheetFactory(slug="borrador", publish=False)
        expired = ServiceSheetFactory(slug="vencido")
        type(expired).objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - datetime.timedelta(hours=1)
        )
        index = client.get("/sitemap.xml").content.decode()
        assert "http://testserver/sitemap-sheets.xml" in index
        response = client.get("/sitemap-sheets.xml")
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        urls = {url.findtext("s:loc", namespaces=ns): url for url in root.findall("s:url", ns)}
        assert set(urls) == {
            "http://testserver/tramites/licencia-de-manejo/",
            "http://testserver/en/tramites/driving-licence/",
        }
        alternates = {
            (link.get("hreflang"), link.get("href"))
            for link in urls["http://testserver/tramites/licencia-de-manejo/"].findall("x:link", ns)
        }
        assert alternates == {
            ("es-MX", "http://testserver/tramites/licencia-de-manejo/"),
            ("en", "http://testserver/en/tramites/driving-licence/"),
        }

    def test_sitemap_of_sections_and_topics_in_both_languages(self, client, db):
        TopicFactory(slug="salud", slug_en="health")
        sections = client.get("/sitemap-sections.xml").content.decode()
        assert "<loc>http://testserver/tramites/</loc>" in sections
        assert "<loc>http://testserver/en/tramites/</loc>" in sections
        taxonomy = client.get("/sitemap-taxonomy.xml").content.decode()
        assert "<loc>http://testserver/en/temas/health/</loc>" in taxonomy
        assert 'hreflang="es-MX" href="http://testserver/temas/salud/"' in taxonomy


class TestPreview:
    def test_back_office_preview_renders_the_unsaved_revision(self, rf, sheet):
        from django.contrib.auth.models import AnonymousUser
        from django.utils.csp import LazyNonce

        sheet.name = "Nombre todavía no publicado"
        request = rf.get("/admin/snippets/catalog/servicesheet/preview/")
        request.user = AnonymousUser()
        request._csp_nonce = LazyNonce()
        response = sheet.serve_preview(request, sheet.default_preview_mode)
        page = (
            response.render().content.decode() if hasattr(response, "render") else response.content.decode()
        )
        assert ">Nombre todavía no publicado</h1>" in page
        assert "Av. Juárez 100" in page
