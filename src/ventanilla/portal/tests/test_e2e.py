"""The layout in a real browser: axe-core, 320 px, keyboard, JavaScript off, no outside requests."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

PAGES = ["/", "/en/", "/no-existe/", "/en/no-existe/", "/accesibilidad/", "/en/accesibilidad/"]


def watch_requests(page):
    """Every request the page makes, and every failed response (other than the page itself)."""
    seen = {"requests": [], "failures": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on(
        "response",
        lambda response: response.status >= 400
        and response.request.resource_type != "document"
        and seen["failures"].append((response.status, response.url)),
    )
    page.on("requestfailed", lambda request: seen["failures"].append(("failed", request.url)))
    return seen


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("width", [320, 1280])
def test_accessible_and_self_contained(
    browser_page, assert_no_axe_violations, committed_agencies, url, width
):
    browser_page.set_viewport_size({"width": width, "height": 640 if width == 320 else 800})
    seen = watch_requests(browser_page)
    browser_page.goto(url)
    browser_page.wait_for_load_state("networkidle")
    assert_no_axe_violations(browser_page)
    # Reflow: no horizontal scrolling at 320 px (WCAG 1.4.10).
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    origin = urlsplit(browser_page.url).netloc
    assert {urlsplit(request).netloc for request in seen["requests"]} == {origin}
    assert seen["failures"] == []
    # The text is set in the brand font, loaded from this server.
    assert browser_page.evaluate(
        "[...document.fonts].some("
        "  f => f.family.replaceAll('\"', '') === 'Montserrat' && f.status === 'loaded')"
    )


def test_keyboard_skip_link(browser_page):
    browser_page.goto("/en/accesibilidad/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate(
        "[document.activeElement.textContent, document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Skip to main content", "#main-content"]
    assert browser_page.locator("a.usa-skipnav").is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_language_switcher_by_keyboard_keeps_the_page(browser_page):
    browser_page.goto("/accesibilidad/")
    browser_page.get_by_role("link", name="Cambiar el idioma a English").focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/en/accesibilidad/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.locator("h1").inner_text() == "Accessibility statement"


def test_works_without_javascript(no_js_page, committed_agencies):
    page = no_js_page
    page.goto("/terminos-de-uso/")
    # Navigation is there and visible at 320 px, with no menu button to open.
    nav = page.get_by_role("navigation", name="Principal")
    for name in ("Inicio", "Iniciar sesión", "Crear una cuenta"):
        assert nav.get_by_role("link", name=name).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # The language switcher is a plain link: it works and keeps the page, both ways.
    page.get_by_role("link", name="Cambiar el idioma a English").click()
    page.wait_for_url("**/en/terminos-de-uso/")
    assert page.locator("h1").inner_text() == "Terms of use"
    page.get_by_role("link", name="Change language to Español").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/terminos-de-uso/")
    assert page.locator("html").get_attribute("lang") == "es-MX"
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Inicio").click()
    assert page.get_by_role("heading", name="Dependencias participantes").is_visible()
