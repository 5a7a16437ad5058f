"""The browser fixtures themselves: axe-core runs under our strict CSP and catches violations."""

import pytest

from django.conf import settings
from django.utils.csp import build_policy

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
ACCESSIBLE = f"""<!DOCTYPE html><html lang="es-MX"><head><title>Prueba</title></head>
<body><main><h1>Trámites</h1><img src="{PIXEL}" alt="Escudo"></main></body></html>"""
# No language, no title, an image without text alternative, a form field without a label.
INACCESSIBLE = f"""<!DOCTYPE html><html><head></head>
<body><main><img src="{PIXEL}"><input type="text"></main></body></html>"""


@pytest.fixture
def serve(browser_page, live_server):
    """Open `path` of the live server, answered by the browser itself with `html` under the strict policy."""

    def open_page(path: str, html: str):
        headers = {"Content-Security-Policy": build_policy(settings.SECURE_CSP), "Content-Type": "text/html"}
        browser_page.route(live_server.url + path, lambda route: route.fulfill(body=html, headers=headers))
        browser_page.goto(path)
        return browser_page

    return open_page


@pytest.mark.e2e
class TestAxeCheck:
    def test_passes_an_accessible_page_under_the_strict_policy(self, serve, assert_no_axe_violations):
        page = serve("/__test-only__/accessible", ACCESSIBLE)
        assert_no_axe_violations(page)
        assert page.evaluate("() => typeof window.axe") == "object"

    def test_fails_listing_each_violation_and_element(self, serve, assert_no_axe_violations):
        page = serve("/__test-only__/inaccessible", INACCESSIBLE)
        with pytest.raises(pytest.fail.Exception) as failure:
            assert_no_axe_violations(page)
        message = str(failure.value)
        for rule in ("html-has-lang", "document-title", "image-alt", "label"):
            assert f"- {rule} (" in message
        assert "at img" in message
        assert "at input" in message

    def test_context_limits_the_check_to_part_of_the_page(self, serve, assert_no_axe_violations):
        partly = ACCESSIBLE.replace("</main>", f"</main><div><img src='{PIXEL}'></div>")
        page = serve("/__test-only__/partly", partly)
        with pytest.raises(pytest.fail.Exception):
            assert_no_axe_violations(page)
        assert_no_axe_violations(page, context="main")
