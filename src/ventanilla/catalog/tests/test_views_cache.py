"""The page cache: anonymous hits, headers, invalidation by publishing, signed-in bypass, nonces."""

import re

import pytest

from django.contrib.auth import get_user_model

from ventanilla.catalog.popularity import pending_views

from .factories import ServiceSheetFactory, TopicFactory


@pytest.fixture
def sheet(db):
    return ServiceSheetFactory(name="Licencia de manejo", slug="licencia-de-manejo")


@pytest.fixture(autouse=True)
def branding(client, db):
    """The first page view creates the site's branding row, which invalidates the cache once."""
    client.get("/accesibilidad/")


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


class TestPageCache:
    def test_second_anonymous_visit_is_a_hit_without_queries(self, client, sheet, django_assert_num_queries):
        first = client.get("/tramites/licencia-de-manejo/")
        assert first["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = client.get("/tramites/licencia-de-manejo/")
        assert second["X-Page-Cache"] == "hit"
        assert second.status_code == 200
        assert "Licencia de manejo" in second.content.decode()

    def test_headers(self, client, sheet):
        response = client.get("/tramites/licencia-de-manejo/")
        assert response["Cache-Control"] == "public, max-age=60"
        assert "Cookie" in response["Vary"]
        assert response["ETag"].startswith('"')
        assert response["Content-Language"] == "es-mx"
        again = client.get("/tramites/licencia-de-manejo/", headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304

    def test_each_language_and_url_is_its_own_entry(self, client, sheet):
        client.get("/tramites/")
        assert client.get("/en/tramites/")["X-Page-Cache"] == "miss"
        assert client.get("/tramites/?q=licencia")["X-Page-Cache"] == "miss"
        assert client.get("/tramites/")["X-Page-Cache"] == "hit"

    def test_publishing_a_sheet_invalidates(self, client, sheet):
        client.get("/tramites/")
        ServiceSheetFactory(name="Acta de nacimiento", slug="acta")
        response = client.get("/tramites/")
        assert response["X-Page-Cache"] == "miss"
        assert "Acta de nacimiento" in response.content.decode()

    def test_unpublishing_a_sheet_invalidates(self, client, sheet):
        assert client.get("/tramites/licencia-de-manejo/").status_code == 200
        sheet.unpublish()
        assert client.get("/tramites/licencia-de-manejo/").status_code == 404

    def test_saving_a_draft_does_not_invalidate(self, client, sheet):
        client.get("/tramites/licencia-de-manejo/")
        sheet.name = "Borrador del nuevo nombre"
        sheet.save_revision()
        response = client.get("/tramites/licencia-de-manejo/")
        assert response["X-Page-Cache"] == "hit"
        assert "Borrador del nuevo nombre" not in response.content.decode()

    def test_taxonomy_change_invalidates(self, client, sheet):
        topic = sheet.topics.get()
        client.get("/")
        topic.name = "Movilidad"
        topic.save()
        assert "Movilidad" in client.get("/").content.decode()
        TopicFactory(name="Vivienda")
        assert "Vivienda" in client.get("/").content.decode()

    def test_signed_in_users_bypass_the_cache(self, client, sheet):
        client.get("/tramites/licencia-de-manejo/")
        user = get_user_model().objects.create_user(email="ana@example.mx", password="Prueba-Segura-2026")
        client.force_login(user)
        response = client.get("/tramites/licencia-de-manejo/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "Cerrar sesión" in response.content.decode()

    def test_anonymous_pages_carry_no_csrf_token_or_cookie(self, client, sheet):
        for url in ("/", "/tramites/", "/tramites/licencia-de-manejo/", "/en/dependencias/"):
            response = client.get(url)
            assert "csrfmiddlewaretoken" not in response.content.decode(), url
            assert not response.cookies, url

    def test_a_hit_gets_its_own_nonce_in_page_and_header(self, client, sheet):
        first = client.get("/tramites/licencia-de-manejo/")
        second = client.get("/tramites/licencia-de-manejo/")
        assert second["X-Page-Cache"] == "hit"
        assert nonce_of(first) != nonce_of(second)
        assert f'nonce="{nonce_of(second)}"' in second.content.decode()
        assert nonce_of(first) not in second.content.decode()
        assert first["ETag"] == second["ETag"]

    def test_views_are_counted_on_hits_too(self, client, sheet):
        for _ in range(3):
            client.get("/tramites/licencia-de-manejo/")
        assert pending_views(sheet) == 3


class TestGenerationPerRequest:
    def test_a_request_reads_the_generation_from_the_cache_once(self, client, sheet, monkeypatch):
        from ventanilla.catalog import cache as page_cache

        reads = []
        real_get = page_cache.cache.get

        def counting_get(key, *args, **kwargs):
            if key == page_cache.GENERATION_KEY:
                reads.append(key)
            return real_get(key, *args, **kwargs)

        monkeypatch.setattr(page_cache.cache, "get", counting_get)
        assert client.get("/tramites/licencia-de-manejo/?fresh=1")["X-Page-Cache"] == "miss"
        # The page key and every per-generation memo the sheet page consults: one read.
        assert len(reads) == 1
        # Outside a request (tasks, shells) each call reads the cache.
        page_cache.generation()
        page_cache.generation()
        assert len(reads) == 3

    def test_invalidating_during_a_request_is_seen_by_the_rest_of_it(self):
        from ventanilla.catalog import cache as page_cache

        page_cache._request_started()
        try:
            before = page_cache.generation()
            page_cache.invalidate()
            assert page_cache.generation() != before
        finally:
            page_cache._request_finished()
