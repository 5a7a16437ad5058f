"""Browser tests of the public catalog (issue 3, "Done when"): search finds sheets through
synonyms and loose wording and a facet narrows the results, in both languages; home, search
results, a sheet, an agency site, a topic page and the documents library are axe-clean, fit
320 px without horizontal scrolling, and work with JavaScript off. The strict CSP is enforced
throughout (browser_page fails on any violation, the sheet's JSON-LD nonce included)."""

from urllib.parse import urlsplit

import pytest

from wagtail.models import Locale

from ventanilla.government.tests.factories import AgencyFactory, JurisdictionFactory

from .factories import ServiceSheetFactory, SynonymFactory, TopicFactory, english_locale


def make_sheet(name, *, english=None, **fields):
    """A published Spanish sheet with only its own words, and its English translation if named."""
    texts = {
        "summary": f"{name}.",
        "description": "",
        "keywords": "",
        "when_applicable": "",
        "result_document": "",
        "steps": [],
        "requirements": [],
    }
    spanish = ServiceSheetFactory(name=name, **{**texts, **fields})
    if english:
        name_en, slug_en = english
        ServiceSheetFactory(
            name=name_en,
            slug=slug_en,
            locale=english_locale(),
            translation_key=spanish.translation_key,
            homoclave=spanish.homoclave,
            agency=spanish.agency,
            unit=spanish.unit,
            offices=list(spanish.offices.all()),
            topics=list(spanish.topics.all()),
            life_events=[],
            segments=[],
            **{**texts, "summary": f"{name_en}."},
        )
    return spanish


@pytest.fixture
def catalog(transactional_db):
    """Committed rows (the live server runs in another thread): two agencies, a topic, three sheets
    in Spanish and English, and the synonyms of the issue."""
    # A transactional test's flush also empties the locales the migrations created.
    Locale.objects.get_or_create(language_code="es-mx")
    federal = JurisdictionFactory(name="Federación", name_en="Federation", slug="federacion")
    transport = AgencyFactory(
        jurisdiction=federal,
        name="Secretaría de Movilidad",
        name_en="Ministry of Transport",
        slug="movilidad",
        mission="Que todas las personas se muevan con seguridad.",
        welcome_message="Le damos la bienvenida.",
        head_name="Laura Díaz",
    )
    registry = AgencyFactory(
        jurisdiction=federal, name="Registro Civil", name_en="Civil Registry", slug="registro"
    )
    topic = TopicFactory(name="Movilidad", name_en="Transport", slug="movilidad", slug_en="transport")
    make_sheet(
        "Licencia de manejo",
        slug="licencia-de-manejo",
        agency=transport,
        topics=[topic],
        english=("Driving permit", "driving-permit"),
    )
    make_sheet(
        "Licencia de funcionamiento del registro",
        slug="licencia-registro",
        agency=registry,
        english=("Registry operating permit", "registry-operating-permit"),
    )
    make_sheet(
        "Copia certificada del acta de nacimiento",
        slug="acta-de-nacimiento",
        agency=registry,
        english=("Certified copy of a birth certificate", "birth-certificate"),
    )
    SynonymFactory(language="es-mx", terms="licencia de manejo\nlicencia de conducir")
    SynonymFactory(language="en", terms="driving licence\ndriving permit")
    return {"transport": transport, "registry": registry}


def results(page) -> list[str]:
    return page.locator(".vt-sheet-list__title a").all_inner_texts()


def facet(page, agency):
    """The label of an agency's checkbox (USWDS hides the box itself and styles the label)."""
    return page.locator(f'input[name="agency"][value="{agency.pk}"] + label')


def search(page, words):
    page.locator("#search-q").fill(words)
    page.locator("form.vt-catalog button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("prefix", "synonym_query", "expected", "birth_query", "birth", "loose_query", "narrowed"),
    [
        (
            "",
            "licencias de conducir",
            "Licencia de manejo",
            "acta nacimiento",
            "Copia certificada del acta de nacimiento",
            "licencia",
            "Licencia de manejo",
        ),
        (
            "/en",
            "driving licences",
            "Driving permit",
            "birth certificate",
            "Certified copy of a birth certificate",
            "permit",
            "Driving permit",
        ),
    ],
)
def test_search_finds_through_synonyms_and_a_facet_narrows(
    browser_page, catalog, prefix, synonym_query, expected, birth_query, birth, loose_query, narrowed
):
    page = browser_page
    page.goto(f"{prefix}/tramites/")
    search(page, synonym_query)
    assert results(page) == [expected]
    search(page, birth_query)
    assert results(page) == [birth]
    search(page, loose_query)
    assert len(results(page)) == 2
    agency = catalog["transport"]
    facet(page, agency).click()
    page.get_by_role("button", name="Apply filters" if prefix else "Aplicar filtros").click()
    page.wait_for_load_state()
    assert results(page) == [narrowed]
    assert page.locator(f'input[name="agency"][value="{agency.pk}"]').is_checked()


PAGES = [
    ("/", "h1"),
    ("/tramites/?q=licencia", ".vt-sheet-list__title"),
    ("/tramites/licencia-de-manejo/", "#sheet-title"),
    ("/dependencias/movilidad/", "h1"),
    ("/temas/movilidad/", "h1"),
    ("/documentos/", "h1"),
    ("/en/", "h1"),
    ("/en/tramites/driving-permit/", "#sheet-title"),
]


@pytest.mark.parametrize(("path", "landmark"), PAGES)
def test_pages_are_accessible_at_every_width(
    browser_page, assert_page_at_every_width, catalog, path, landmark
):
    assert_page_at_every_width(browser_page, path, landmark)


@pytest.mark.parametrize(("path", "landmark"), PAGES)
def test_pages_work_without_javascript_at_320px(
    no_js_page, assert_page_without_javascript, catalog, path, landmark
):
    assert_page_without_javascript(no_js_page, path, landmark)


def test_search_and_facets_without_javascript(no_js_page, catalog):
    page = no_js_page
    page.goto("/")
    page.locator("#search-q").fill("licencia")
    page.get_by_role("button", name="Buscar").click()
    page.wait_for_url("**/tramites/?q=licencia")
    assert len(results(page)) == 2
    facet(page, catalog["registry"]).click()
    page.get_by_role("button", name="Aplicar filtros").click()
    assert results(page) == ["Licencia de funcionamiento del registro"]
    page.get_by_role("link", name="Licencia de funcionamiento del registro").click()
    assert page.locator("h1").inner_text() == "Licencia de funcionamiento del registro"
    # The language link leads to the sheet's own English address.
    page.get_by_role("link", name="Cambiar el idioma a English").click()
    assert urlsplit(page.url).path == "/en/tramites/registry-operating-permit/"


def test_autocomplete_suggests_with_javascript(browser_page, catalog):
    page = browser_page
    page.goto("/tramites/")
    page.locator("#search-q").press_sequentially("licen", delay=50)
    page.locator("#sheet-suggestions option").first.wait_for(state="attached")
    options = page.locator("#sheet-suggestions option").evaluate_all("(nodes) => nodes.map((n) => n.value)")
    assert "Licencia de manejo" in options
