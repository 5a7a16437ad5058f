"""Offices on a map with a text list (agency sites and the sheet's "Where and when").

The text list (address, hours, phone) is always rendered and is the primary content; the map is
rendered only for offices with coordinates, stays hidden without JavaScript, and is drawn by
same-origin files (vendored Leaflet, an offline outline of Mexico) under the strict CSP: the
browser tests fail on any CSP violation and on any request to another host.
"""

import json
import re
import subprocess
import sys
from decimal import Decimal
from html import unescape
from urllib.parse import urlsplit

import pytest

from django.test import override_settings
from wagtail.models import Locale

from ventanilla.government.tests.factories import AgencyFactory, OfficeFactory, OpeningHoursFactory

from .factories import ServiceSheetFactory

NARROW = {"width": 320, "height": 640}
MAP = re.compile(r'<div class="vt-office-map"[^>]*>')


def located_office(agency, name, latitude, longitude, **fields):
    office = OfficeFactory(
        agency=agency,
        name=name,
        name_en=f"{name} (EN)",
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        phone="228 841 7400",
        **fields,
    )
    OpeningHoursFactory(office=office)
    return office


def map_points(page: str) -> list[dict]:
    tag = MAP.search(page).group(0)
    return json.loads(unescape(re.search(r'data-offices="([^"]*)"', tag).group(1)))


@pytest.mark.django_db
class TestRendering:
    def test_agency_site_maps_the_offices_with_coordinates_and_lists_them_all(self, client):
        agency = AgencyFactory(slug="sefiplan")
        xalapa = located_office(agency, "Oficina Xalapa", "19.541700", "-96.927300")
        unplaced = OfficeFactory(agency=agency, name="Oficina sin coordenadas", street="Calle 5 de Mayo 3")
        page = client.get("/dependencias/sefiplan/").content.decode()

        # The text list: every office, with its anchor, address, hours and phone.
        assert f'id="office-{xalapa.pk}"' in page and f'id="office-{unplaced.pk}"' in page
        assert "Calle 5 de Mayo 3" in page and "228 841 7400" in page and "09:00–15:00" in page
        # The map: hidden until the script draws it, labelled, with only the located office.
        tag = MAP.search(page).group(0)
        assert " hidden" in tag
        assert f'aria-label="Mapa de las oficinas de {agency.name}"' in page
        assert map_points(page) == [
            {
                "name": "Oficina Xalapa",
                "address": "Av. Juárez 100, Xalapa, Veracruz, 91000",
                "lat": 19.5417,
                "lng": -96.9273,
                "anchor": f"office-{xalapa.pk}",
            }
        ]
        assert 'src="/static/vendor/leaflet/leaflet.js"' in page
        assert 'src="/static/portal/js/office-map.js"' in page
        assert 'data-outline-url="/static/vendor/natural-earth/mexico.geojson"' in page
        assert 'data-tile-url=""' in page
        # The map comes before the list it repeats, inside the offices section.
        assert page.index("vt-office-map") < page.index(f'id="office-{xalapa.pk}"')

    def test_english_labels_and_names(self, client):
        agency = AgencyFactory(slug="sefiplan", name_en="Finance Ministry")
        located_office(agency, "Oficina Xalapa", "19.5417", "-96.9273")
        page = client.get("/en/dependencias/sefiplan/").content.decode()
        assert 'aria-label="Map of the offices of Finance Ministry"' in page
        assert map_points(page)[0]["name"] == "Oficina Xalapa (EN)"
        assert 'data-zoom-in="Zoom in"' in page

    def test_no_map_without_coordinates_but_the_list_is_there(self, client):
        agency = AgencyFactory(slug="sefiplan")
        office = OfficeFactory(agency=agency, phone="55 1234 5678")
        OpeningHoursFactory(office=office)
        page = client.get("/dependencias/sefiplan/").content.decode()
        assert "vt-office-map" not in page
        assert "leaflet" not in page
        assert f'id="office-{office.pk}"' in page and "55 1234 5678" in page and "09:00–15:00" in page

    def test_sheet_page_maps_its_offices(self, client):
        agency = AgencyFactory()
        office = located_office(agency, "Módulo Centro", "19.4326", "-99.1332")
        ServiceSheetFactory(slug="licencia", agency=agency, offices=[office])
        ServiceSheetFactory(slug="sin-mapa", agency=agency, offices=[OfficeFactory(agency=agency)])

        page = client.get("/tramites/licencia/").content.decode()
        assert 'aria-label="Mapa de las oficinas donde se realiza este trámite"' in page
        assert [point["anchor"] for point in map_points(page)] == [f"office-{office.pk}"]
        assert "vt-office-map" not in client.get("/tramites/sin-mapa/").content.decode()

    def test_a_configured_tile_server_reaches_the_map(self, client):
        agency = AgencyFactory(slug="sefiplan")
        located_office(agency, "Oficina Xalapa", "19.5417", "-96.9273")
        tiles = "https://{s}.tiles.example.gob.mx/{z}/{x}/{y}.png"
        with override_settings(MAP_TILE_URL=tiles, MAP_TILE_ATTRIBUTION="© Colaboradores"):
            page = client.get("/dependencias/sefiplan/").content.decode()
        assert f'data-tile-url="{tiles}"' in page
        assert 'data-tile-attribution="© Colaboradores"' in page


class TestTileSetting:
    def test_tile_origin(self):
        from django.core.exceptions import ImproperlyConfigured

        from ventanilla.settings.base import _tile_origin

        assert _tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
        assert _tile_origin("https://mapas.gob.mx:8443/t/{z}/{x}/{y}.png") == "https://mapas.gob.mx:8443"
        for bad in ("tiles.example.org/{z}/{x}/{y}.png", "https://a{s}.example.org/{z}.png", "ftp://x/{z}"):
            with pytest.raises(ImproperlyConfigured, match="MAP_TILE_URL"):
                _tile_origin(bad)

    def test_the_policy_lets_images_come_from_the_tile_server_only_when_set(self):
        from django.conf import settings

        from ventanilla.core.tests.helpers import REPO_ROOT, child_env

        assert settings.SECURE_CSP["img-src"] == ["'self'", "data:"]
        code = "from django.conf import settings; print(settings.SECURE_CSP['img-src'])"
        env = child_env("ventanilla.settings.dev", {"MAP_TILE_URL": "https://{s}.tile.example.org/{z}/{x}/{y}.png"})
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "https://*.tile.example.org" in result.stdout


# -------------------------------------------------------------------------------------------------
# In the browser
# -------------------------------------------------------------------------------------------------
@pytest.fixture
def offices(transactional_db):
    """Committed rows (the live server runs in another thread): an agency with two located
    offices and one without coordinates, and a sheet done at the first two."""
    Locale.objects.get_or_create(language_code="es-mx")
    agency = AgencyFactory(slug="sefiplan", name="Secretaría de Finanzas", name_en="Finance Ministry")
    xalapa = located_office(agency, "Oficina Xalapa", "19.5417", "-96.9273")
    veracruz = located_office(agency, "Oficina Veracruz", "19.1738", "-96.1342")
    OfficeFactory(agency=agency, name="Oficina itinerante")
    ServiceSheetFactory(slug="pago-de-tenencia", agency=agency, offices=[xalapa, veracruz])
    return {"agency": agency, "xalapa": xalapa, "veracruz": veracruz}


def watch_requests(page, live_server) -> list[str]:
    """Every URL the page requests outside the live server (none is allowed)."""
    own = urlsplit(live_server.url).netloc
    foreign = []
    page.on(
        "request",
        lambda request: foreign.append(request.url)
        if request.url.startswith("http") and urlsplit(request.url).netloc != own
        else None,
    )
    return foreign


def wait_for_map(page, markers: int):
    page.locator(".vt-office-map .leaflet-marker-icon").nth(markers - 1).wait_for()
    # The offline outline of Mexico (vector paths) is drawn from the same origin.
    page.locator(".vt-office-map .leaflet-overlay-pane path").first.wait_for(state="attached")
    assert page.locator(".vt-office-map .leaflet-marker-icon").count() == markers


@pytest.mark.parametrize(
    "path", ["/dependencias/sefiplan/", "/tramites/pago-de-tenencia/", "/en/dependencias/sefiplan/"]
)
def test_map_draws_the_markers_same_origin_and_accessible(
    browser_page, assert_no_axe_violations, live_server, offices, path
):
    page = browser_page
    foreign = watch_requests(page, live_server)
    page.goto(path)
    wait_for_map(page, 2)
    assert page.locator(".vt-office-map").is_visible()
    assert page.locator(".vt-office-list__item").count() == (3 if "dependencias" in path else 2)
    # The lines between the states are the only dashed paths on the base layer.
    page.locator('.vt-office-map .leaflet-overlay-pane path[stroke-dasharray="4 3"]').first.wait_for(
        state="attached"
    )
    assert_no_axe_violations(page)
    page.set_viewport_size(NARROW)
    page.reload()
    wait_for_map(page, 2)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert_no_axe_violations(page)
    assert foreign == []


def test_map_is_keyboard_usable(browser_page, offices):
    page = browser_page
    page.goto("/dependencias/sefiplan/")
    wait_for_map(page, 2)
    canvas = page.locator(".vt-office-map__canvas")
    canvas.focus()
    assert page.evaluate("document.activeElement.classList.contains('leaflet-container')")
    # Tab reaches the zoom buttons and then each marker; Enter opens its popup, whose link
    # leads to the office's entry in the text list.
    marker = page.get_by_role("button", name="Oficina Veracruz")
    for _ in range(6):
        page.keyboard.press("Tab")
        if marker.evaluate("(node) => node === document.activeElement"):
            break
    assert marker.evaluate("(node) => node === document.activeElement")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert "Oficina Veracruz" in page.locator(".leaflet-popup-content").inner_text()
    assert link.get_attribute("href") == f"#office-{offices['veracruz'].pk}"
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Cerrar"
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#office-{offices['veracruz'].pk}"


def test_without_javascript_the_list_is_there_and_the_map_is_not(browser, live_server, offices):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=NARROW)
    page = context.new_page()
    try:
        page.goto("/dependencias/sefiplan/")
        assert not page.locator(".vt-office-map").is_visible()
        assert page.locator(".vt-office-list__item").count() == 3
        assert page.get_by_text("228 841 7400").first.is_visible()
    finally:
        context.close()
