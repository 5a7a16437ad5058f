"""Home, legal pages, error pages and the CSRF failure page, in both languages."""

from unittest import mock

import pytest

from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from ventanilla.catalog.cache import BROWSER_MAX_AGE
from ventanilla.government.models import Level
from ventanilla.portal import views

from .html import find, find_all


def agencies_section(html: str) -> str:
    return html.split('aria-labelledby="agencies-heading"', 1)[1].split("</section>", 1)[0]


def text_of(response) -> str:
    return response.content.decode()


class TestHome:
    def test_lists_active_agencies_by_level(self, client, agencies):
        response = client.get("/")
        assert response.status_code == 200
        html = agencies_section(text_of(response))
        headings = [h.text for h in find_all(html, "h3")]
        with translation.override("es-mx"):
            assert headings == [str(Level.FEDERAL.label), str(Level.STATE.label)]
        names = [span.text for span in find_all(html, "span", class_="vt-agency-list__name")]
        assert names == [
            "Secretaría de Salud", "Servicio de Administración Tributaria", "Secretaría de Finanzas"
        ]
        assert [abbr.text for abbr in find_all(html, "abbr", class_="vt-agency-list__acronym")] == [
            "SSA", "SAT", "SEFIN"
        ]
        assert "Comisión Disuelta" not in html
        assert "Tesorería Extinta" not in html

    def test_english_names_in_english(self, client, agencies):
        html = agencies_section(text_of(client.get("/en/")))
        names = [span.text for span in find_all(html, "span", class_="vt-agency-list__name")]
        # Agencies without an English name keep their Spanish one.
        assert names == ["Ministry of Health", "Tax Administration", "Secretaría de Finanzas"]
        assert [h.text for h in find_all(html, "h4")] == ["Federation", "Oaxaca"]

    def test_without_agencies(self, client, db):
        html = text_of(client.get("/en/"))
        assert "No agency has joined the portal yet." in html

    def test_agencies_link_to_their_sites(self, client, agencies):
        html = agencies_section(text_of(client.get("/en/")))
        assert find(html, "a", href="/en/dependencias/ssa/")

    def test_query_count_does_not_grow_with_agencies(self, client, agencies, django_assert_max_num_queries):
        client.get("/en/")  # creates the site's branding row once
        # Site, branding, agencies, new and most requested sheets (two queries while few sheets
        # have views, see catalog.popularity.most_requested), topics, life events, segments;
        # portal banners, the head's welcome and the latest news.
        with django_assert_max_num_queries(12):
            response = client.get("/")
        assert response["X-Page-Cache"] == "miss"
        with django_assert_max_num_queries(0):
            assert client.get("/")["X-Page-Cache"] == "hit"

    def test_anonymous_visitors_get_a_public_short_lived_copy(self, client, db):
        response = client.get("/")
        assert response["Cache-Control"] == f"public, max-age={BROWSER_MAX_AGE}"

    def test_signed_in_pages_are_private(self, client, citizen):
        client.force_login(citizen)
        response = client.get("/")
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_post_is_refused(self, client, db):
        assert client.post("/").status_code == 405


class TestLegalPages:
    @pytest.mark.parametrize(
        ("path", "heading"),
        [
            ("/accesibilidad/", "Declaración de accesibilidad"),
            ("/en/accesibilidad/", "Accessibility statement"),
            ("/terminos-de-uso/", "Términos de uso"),
            ("/en/terminos-de-uso/", "Terms of use"),
        ],
    )
    def test_renders_in_each_language(self, client, db, path, heading):
        response = client.get(path)
        assert response.status_code == 200
        html = text_of(response)
        assert find(html, "h1").text == heading
        assert find(html, "li", aria_current="page").text.strip() == heading

    def test_accessibility_statement_shows_the_contact_address(self, client, db):
        from ventanilla.portal.models import BrandingSettings

        client.get("/")
        BrandingSettings.objects.update(contact_email="accesibilidad@oaxaca.gob.mx")
        assert "accesibilidad@oaxaca.gob.mx" in text_of(client.get("/en/accesibilidad/"))


class TestErrorPages:
    @pytest.mark.parametrize(
        ("path", "lang", "title"),
        [("/no-existe/", "es-MX", "Página no encontrada"), ("/en/no-such-page/", "en", "Page not found")],
    )
    def test_not_found(self, client, db, path, lang, title):
        response = client.get(path)
        assert response.status_code == 404
        html = text_of(response)
        assert find(html, "html").attrs["lang"] == lang
        assert find(html, "h1").text == title
        assert "no-store" in response["Cache-Control"]

    @pytest.mark.parametrize(
        ("handler", "status", "language", "title"),
        [
            (views.bad_request, 400, "es-mx", "Solicitud incorrecta"),
            (views.bad_request, 400, "en", "Bad request"),
            (views.permission_denied, 403, "es-mx", "Acceso denegado"),
            (views.permission_denied, 403, "en", "Access denied"),
            (views.page_not_found, 404, "en", "Page not found"),
            (views.server_error, 500, "es-mx", "Algo salió mal"),
            (views.server_error, 500, "en", "Something went wrong"),
        ],
    )
    def test_handlers(self, db, rf_page_request, handler, status, language, title):
        with translation.override(language):
            response = handler(rf_page_request(), *([] if status == 500 else [Exception()]))
        assert response.status_code == status
        assert find(text_of(response), "h1").text == title

    def test_server_error_renders_without_the_database(self, db, rf_page_request, django_assert_num_queries):
        """The database may be the failure: the 500 page makes no query and never touches the user."""
        request = rf_page_request()

        def user_from_database():
            raise OperationalError("database is down")

        request.user = SimpleLazyObject(user_from_database)
        with (
            mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError()),
            django_assert_num_queries(0),
            translation.override("es-mx"),
        ):
            response = views.server_error(request)
        assert response.status_code == 500
        html = text_of(response)
        assert find(html, "h1").text == "Algo salió mal"
        assert "abc123" in html  # the reference to quote
        assert find(html, "span", class_="vt-brand__site").text == "Ventanilla"

    def test_bad_host_header(self, db):
        """Django refuses the request before the session and user exist; the page still renders."""
        client = Client(raise_request_exception=False)
        response = client.get("/en/", headers={"host": "evil.example"})
        assert response.status_code == 400
        assert find(response.content.decode(), "h1").text == "Bad request"

    def test_server_error_through_the_handler(self, db):
        """An exception in a view ends on our 500 page, in the page's language."""
        client = Client(raise_request_exception=False)
        with mock.patch.object(views, "levels_of_government", side_effect=RuntimeError("boom")):
            response = client.get("/en/")
        assert response.status_code == 500
        assert find(text_of(response), "h1").text == "Something went wrong"

    def test_branding_failure_falls_back_to_the_defaults(self, client, db):
        with mock.patch(
            "ventanilla.portal.models.BrandingSettings.for_request", side_effect=OperationalError("down")
        ):
            response = client.get("/en/accesibilidad/")
        assert response.status_code == 200
        assert find(text_of(response), "span", class_="vt-brand__site").text == "Ventanilla"


class TestCsrfFailure:
    @pytest.mark.parametrize(
        ("language", "title", "explanation"),
        [
            ("es-mx", "El formulario caducó", "no pudimos guardar una copia"),
            ("en", "The form has expired", "we could not keep a copy"),
        ],
    )
    def test_explains_and_links_back(self, db, language, title, explanation):
        client = Client(enforce_csrf_checks=True)
        prefix = "/en" if language == "en" else ""
        response = client.post(f"{prefix}/accesibilidad/?paso=2", {"language": language})
        assert response.status_code == 403
        html = text_of(response)
        assert find(html, "h1").text == title
        assert explanation in html
        links = [a.attrs["href"] for a in find_all(html, "a", class_="usa-button")]
        assert f"{prefix}/accesibilidad/?paso=2" in links


@pytest.fixture
def rf_page_request():
    """A request as the middleware would leave it, for calling the handlers directly."""

    def build(path="/algo/"):
        request = RequestFactory().get(path)
        request.request_id = "abc123"
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        request.session = {}
        request._messages = []
        return request

    return build
