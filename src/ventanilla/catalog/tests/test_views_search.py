"""/tramites/: search, facets, "did you mean", no results, pagination, autocomplete."""

import re
from html import unescape as html_unescape

import pytest

from ventanilla.government.tests.factories import AgencyFactory

from .factories import ServiceSheetFactory, SynonymFactory, english_locale

pytestmark = pytest.mark.django_db


def sheet(name, **kwargs):
    """A published sheet whose words are only its name (no shared default keywords or texts)."""
    defaults = {
        "summary": f"{name}.",
        "description": "",
        "keywords": "",
        "when_applicable": "",
        "result_document": "",
        "steps": [],
        "requirements": [],
    }
    return ServiceSheetFactory(name=name, **{**defaults, **kwargs})


def result_names(page: str) -> list[str]:
    return re.findall(r'<h3 class="vt-sheet-list__title"><a href="[^"]+">([^<]+)</a>', page)


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_synonym_finds_the_sheet_with_highlight(client):
    sheet("Licencia de manejo", slug="licencia-de-manejo")
    sheet("Pasaporte ordinario")
    SynonymFactory(terms="licencia de manejo\nlicencia de conducir")
    page = get(client, "/tramites/?q=licencias+de+conducir")
    assert result_names(page) == ["Licencia de manejo"]
    assert '<a href="/tramites/licencia-de-manejo/">' in page
    assert "<mark>Licencia</mark>" in page


def test_english_search(client):
    sheet("Birth certificate copy", locale=english_locale(), slug="birth-certificate")
    sheet("Acta de nacimiento")
    page = get(client, "/en/tramites/?q=birth+certificates")
    assert result_names(page) == ["Birth certificate copy"]
    assert 'href="/en/tramites/birth-certificate/"' in page


def test_a_facet_narrows_the_results_and_stays_checked(client):
    health, finance = AgencyFactory(), AgencyFactory()
    sheet("Licencia sanitaria", agency=health)
    sheet("Licencia de funcionamiento", agency=finance)
    page = get(client, "/tramites/?q=licencia")
    assert sorted(result_names(page)) == ["Licencia de funcionamiento", "Licencia sanitaria"]
    assert re.search(rf'name="agency" value="{health.pk}"', page)
    page = get(client, f"/tramites/?q=licencia&agency={health.pk}")
    assert result_names(page) == ["Licencia sanitaria"]
    assert re.search(rf'name="agency" value="{health.pk}" checked', page)


def test_no_results_explains_and_suggests(client):
    sheet("Ordinary passport", locale=english_locale())
    page = get(client, "/en/tramites/?q=pasport")
    assert "No procedure matches your search" in page
    assert 'href="/en/dependencias/"' in page
    assert re.search(r'Did you mean <a href="/en/tramites/\?q=passport">passport</a>', page)


def test_pagination_keeps_the_query(client):
    for index in range(25):
        sheet(f"Licencia {index:02d}")
    page = get(client, "/tramites/?q=licencia")
    assert len(result_names(page)) == 20
    assert 'href="/tramites/?q=licencia&amp;page=2"' in page
    assert len(result_names(get(client, "/tramites/?q=licencia&page=2"))) == 5
    assert get(client, "/tramites/?page=abc")


def test_query_count_does_not_grow(client, django_assert_max_num_queries):
    agencies = [AgencyFactory() for _ in range(5)]
    for index in range(30):
        sheet(f"Licencia {index:02d}", agency=agencies[index % 5])
    client.get("/accesibilidad/")  # creates the branding row
    get(client, "/tramites/?q=otra")  # loads this process's synonyms and facet labels
    # Site and branding, then the search service's own bound (name tier, sample of matches,
    # page, one sample per facet with a selection; on PostgreSQL a planner setting in a
    # savepoint, 3 more): none of them grows with the catalog.
    with django_assert_max_num_queries(10):
        get(client, f"/tramites/?q=licencia&agency={agencies[0].pk}")


def test_autocomplete_returns_datalist_options(client):
    sheet("Licencia de manejo")
    response = client.get("/tramites/sugerencias/?q=licen", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert '<option value="Licencia de manejo"></option>' in response.content.decode()
    assert client.get("/tramites/sugerencias/?q=l").content.decode().strip() == ""


def test_search_box_is_wired_to_autocomplete(client):
    page = get(client, "/tramites/")
    assert 'list="sheet-suggestions"' in page
    assert 'hx-get="/tramites/sugerencias/"' in page
    assert '<datalist id="sheet-suggestions">' in page


def test_an_htmx_request_gets_the_whole_page(client):
    # The results have no fragment of their own (only the suggestions do): never a missing template.
    sheet("Licencia de manejo")
    response = client.get("/tramites/?q=licencia", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Licencia de manejo" in response.content.decode()


def test_a_long_facet_group_shows_its_first_values_then_all_on_request(client):
    agencies = [AgencyFactory(name=f"Dependencia {number:02d}") for number in range(12)]
    for index, agency in enumerate(agencies):
        for copy in range(index + 1):  # Dependencia 11 has the most sheets, 00 the fewest
            sheet(f"Permiso {index}-{copy}", agency=agency)
    page = get(client, f"/tramites/?q=permiso&agency={agencies[0].pk}")
    assert "Dependencia 11" in page and "Dependencia 04" in page
    assert "Dependencia 03" not in page
    assert "Dependencia 00" in page  # selected: always shown
    more = re.search(r'<a href="([^"]+)">Mostrar 3 más', page)
    assert more, "a link to the rest of the group"
    expanded = get(client, html_unescape(more.group(1)).split("#")[0])
    assert "Dependencia 03" in expanded
    assert '<input type="hidden" name="more" value="agency">' in expanded
