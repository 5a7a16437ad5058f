"""The results heading when a search has more matches than the index counts (a capped total)."""

import pytest

from ventanilla.catalog import views
from ventanilla.catalog.tests.factories import ServiceSheetFactory, english_locale
from ventanilla.search.backends import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_caps(monkeypatch):
    # Three matching sheets stand for a catalog larger than the sample and the count cap.
    monkeypatch.setattr(base, "FACET_SAMPLE", 2)
    monkeypatch.setattr(views, "PER_PAGE", 1)


def heading(client, url, params):
    page = client.get(url, params).content.decode()
    start = page.index('id="results-heading"')
    return page[page.index(">", start) + 1:page.index("</h2>", start)].strip()


def test_heading_says_more_than_the_cap_in_both_languages(client, small_caps):
    for number in range(3):
        ServiceSheetFactory(name=f"Permiso de obra {number}", keywords="", is_free=False)
        ServiceSheetFactory(
            name=f"Building permit {number}", keywords="", is_free=False, locale=english_locale()
        )
    assert heading(client, "/tramites/", {"q": "permiso"}) == "Más de 2 resultados de «permiso»"
    assert heading(client, "/en/tramites/", {"q": "permit"}) == "More than 2 results for “permit”"
    assert heading(client, "/tramites/", {"cost": "paid"}) == "Más de 2 trámites y servicios"


def test_heading_counts_exactly_below_the_cap(client):
    ServiceSheetFactory(name="Permiso de obra", keywords="")
    assert heading(client, "/tramites/", {"q": "permiso"}) == "1 resultado de «permiso»"
