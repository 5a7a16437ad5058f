"""Browser tests of the content pages: the news list, a news page, home (banners, welcome, news),
an agency site with its content sections and the documents library are axe-clean at 1280 and
320 px, fit 320 px without horizontal scrolling and work with JavaScript off, in both languages.
The strict CSP is enforced throughout (browser_page fails on any violation, the news page's
JSON-LD nonce included); the filters work as plain GET forms."""

import datetime

import pytest

from wagtail.models import Collection, Locale

from ventanilla.catalog.tests.factories import ServiceSheetFactory
from ventanilla.government.tests.factories import AgencyFactory, JurisdictionFactory

from .factories import (
    BannerFactory,
    HeadWelcomeFactory,
    LibraryDocumentFactory,
    NewsItemFactory,
    ServiceCharterFactory,
    make_image,
    translate,
)


@pytest.fixture
def content(transactional_db):
    """Committed rows (the live server runs in another thread)."""
    # A transactional test's flush also empties the locales and the root collection (of images and
    # documents) the migrations created.
    Locale.objects.get_or_create(language_code="es-mx")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    federal = JurisdictionFactory(name="Federación", name_en="Federation", slug="federacion")
    transport = AgencyFactory(
        jurisdiction=federal,
        name="Secretaría de Movilidad",
        name_en="Ministry of Transport",
        slug="movilidad",
    )
    registry = AgencyFactory(
        jurisdiction=federal, name="Registro Civil", name_en="Civil Registry", slug="registro"
    )
    sheet = ServiceSheetFactory(agency=transport, name="Licencia de manejo", slug="licencia-de-manejo")
    item = NewsItemFactory(
        agency=transport,
        title="Nuevas licencias digitales",
        slug="licencias-digitales",
        summary="Ya puede tramitar su licencia de manejo en línea, sin filas.",
        image=make_image(),
        image_alt="Una persona muestra su licencia digital en el teléfono",
    )
    translate(item, title="New digital licences", slug="digital-licences", summary="Apply online, no queues.")
    for index in range(3):
        NewsItemFactory(
            agency=registry,
            slug=f"registro-{index}",
            title=f"Aviso del Registro Civil {index}",
            published_on=datetime.date(2026, 9, 1 + index),
        )
    banner = BannerFactory(
        title="Jornada de vacunación", text="Vacúnese en su centro de salud más cercano.", priority=5
    )
    translate(
        banner,
        title="Vaccination campaign",
        text="Get vaccinated at your nearest health centre.",
        link_url="/en/tramites/",
    )
    BannerFactory(agency=transport, title="Operativo de verificación", text="Verifique su vehículo a tiempo.")
    welcome = HeadWelcomeFactory()
    translate(welcome, title="Governor of the State", message="Welcome to the one-stop shop.")
    ServiceCharterFactory(agency=transport, title="Carta compromiso de movilidad", sheets=[sheet])
    LibraryDocumentFactory(agency=transport, title="Guía para conducir con seguridad")
    LibraryDocumentFactory(agency=registry, title="Guía para registrar un nacimiento", kind="form")
    return {"transport": transport, "registry": registry}


PAGES = [
    ("/", ".vt-banners"),
    ("/noticias/", ".vt-news-list"),
    ("/noticias/licencias-digitales/", "#article-title"),
    ("/documentos/", ".vt-documents"),
    ("/dependencias/movilidad/", "#carta-compromiso"),
    ("/en/", ".vt-head-welcome"),
    ("/en/noticias/digital-licences/", "#article-title"),
    ("/en/documentos/", ".vt-documents"),
]


@pytest.mark.parametrize(("path", "landmark"), PAGES)
def test_pages_are_accessible_at_every_width(
    browser_page, assert_page_at_every_width, content, path, landmark
):
    assert_page_at_every_width(browser_page, path, landmark)


@pytest.mark.parametrize(("path", "landmark"), PAGES)
def test_pages_work_without_javascript_at_320px(
    no_js_page, assert_page_without_javascript, content, path, landmark
):
    assert_page_without_javascript(no_js_page, path, landmark)


def test_filters_work_without_javascript(no_js_page, content):
    page = no_js_page
    page.goto("/noticias/")
    page.get_by_label("Dependencia").select_option("registro")
    page.get_by_role("button", name="Mostrar noticias").click()
    titles = page.locator(".vt-news-list__title a").all_inner_texts()
    assert titles and all(title.startswith("Aviso del Registro Civil") for title in titles)
    page.goto("/documentos/")
    page.get_by_label("Tipo de documento").select_option("form")
    page.get_by_role("button", name="Mostrar documentos").click()
    titles = page.locator(".vt-documents__title a").all_inner_texts()
    assert "Guía para registrar un nacimiento" in titles
    assert "Guía para conducir con seguridad" not in titles
    # The news page's language link leads to the item's own English address.
    page.goto("/noticias/licencias-digitales/")
    page.get_by_role("link", name="Cambiar el idioma a English").click()
    assert page.url.endswith("/en/noticias/digital-licences/")
