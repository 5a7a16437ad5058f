"""Project-wide pytest fixtures.

Browser tests (``@pytest.mark.e2e``; a test that uses ``browser_page`` is marked automatically):

    def test_home_is_accessible(browser_page, assert_no_axe_violations):
        browser_page.goto("/")
        assert_no_axe_violations(browser_page)

- ``browser``: one headless Debian Chromium (/usr/bin/chromium) per test session, driven by
  Playwright's sync API. Playwright's own browser downloads are never used.
- ``browser_page``: a fresh browser context and page per test, its base URL the pytest-django
  ``live_server`` (so ``page.goto("/en/")`` works), 1280x800 unless the test calls
  ``page.set_viewport_size({"width": 320, "height": 640})``. The test fails if the page reported a
  Content-Security-Policy violation: the policy is enforced in these tests, never bypassed.
- ``no_js_page``: a page of its own browser context with JavaScript off, 320x640, Spanish.
- ``assert_no_axe_violations(page, *, context=None)``: runs axe-core (WCAG 2.0/2.1 A and AA rules)
  on the page, or on the part of it the ``context`` CSS selector names, and fails listing each
  violation with the elements involved.

Without Chromium or node_modules/axe-core (``npm ci``), browser tests are skipped with the reason,
unless VENTANILLA_REQUIRE_E2E=1 (CI sets it), where they fail instead.
"""

import importlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # no request leaves the machine
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Where the page "loads" axe-core from; see assert_no_axe_violations.
AXE_PATH = "/__test-only__/axe.min.js"
SCREENSHOT_DIR = REPO_ROOT / "test-results"


def pytest_collection_modifyitems(config, items):
    """Mark browser tests e2e and run them after every other test (stable order otherwise).

    Once Playwright has started, its event loop counts as running in the main thread for the rest
    of the session (see ``browser``), so the tests that need Django's async-safety guard off run
    last, and every other test runs with the guard in force.
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so ``browser_page`` knows if the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _browser_tests_unavailable() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if not AXE_SCRIPT.exists():
        return f"{AXE_SCRIPT.relative_to(REPO_ROOT)} is missing (npm ci)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_tests_unavailable()
    if reason:
        if os.environ.get("VENTANILLA_REQUIRE_E2E") == "1":
            pytest.fail(f"browser tests required (VENTANILLA_REQUIRE_E2E=1) but {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio loop in a greenlet of this thread; from then on Python
    # reports that loop as running here, and Django's guard against ORM calls from async code
    # would refuse every query the test (not the live server's thread) makes. The browser tests
    # are synchronous code; they run last (pytest_collection_modifyitems), so lifting the guard
    # here lifts it for them only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 800},
        locale="es-MX",
        timezone_id="America/Mexico_City",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    csp_violations = []

    def watch_console(message):
        # Chromium reports a blocked script, style or connection on the console.
        if "Content Security Policy" in message.text:
            csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", watch_console)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
    context.close()
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


def _load_axe(page) -> None:
    """Load axe-core into the page without weakening its Content-Security-Policy.

    Playwright's ``add_script_tag(path=...)`` inserts an inline script, which our policy
    (script-src 'self' 'nonce-...') rightly blocks; a context with ``bypass_csp=True`` would
    switch the policy off for the whole test and hide the violations these tests must catch.
    Instead the page loads a script from its own origin, and Playwright answers that one request
    with the file from node_modules: the server never serves it, and the policy stays enforced.
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    url = origin + AXE_PATH

    def serve_axe(route):
        route.fulfill(path=str(AXE_SCRIPT), content_type="text/javascript")

    page.route(url, serve_axe)
    try:
        page.add_script_tag(url=url)
    finally:
        page.unroute(url, serve_axe)


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' > '.join(map(str, node['target']))}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def check_axe(page, *, context: str | None = None) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        _load_axe(page)
    violations = page.evaluate(
        """async ([context, tags]) => {
            const results = await window.axe.run(context || document, {runOnly: {type: "tag", values: tags}});
            return results.violations;
        }""",
        [context, AXE_TAGS],
    )
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + _format_violations(violations),
            pytrace=False,
        )


@pytest.fixture
def no_js_page(browser, live_server):
    """A page with JavaScript off, 320 px wide, in Spanish: what works without scripts on a phone."""
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640},
        locale="es-MX",
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def assert_no_axe_violations():
    """``assert_no_axe_violations(page, *, context=None)``: fail listing every WCAG 2.1 A/AA violation."""
    return check_axe


NARROW = {"width": 320, "height": 640}


def check_page_at_every_width(page, path: str, landmark: str) -> None:
    """The page shows `landmark`, has no axe violation wide and at 320 px, and does not scroll
    sideways at 320 px."""
    page.goto(path)
    assert page.locator(landmark).first.is_visible()
    check_axe(page)
    page.set_viewport_size(NARROW)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    check_axe(page)


def check_page_without_javascript(no_js_page, path: str, landmark: str) -> None:
    """With scripts off at 320 px, the page answers 200, shows `landmark` and fits the width."""
    response = no_js_page.goto(path)
    assert response.status == 200
    assert no_js_page.locator(landmark).first.is_visible()
    assert no_js_page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.fixture
def assert_page_at_every_width():
    """``assert_page_at_every_width(page, path, landmark)``: see check_page_at_every_width."""
    return check_page_at_every_width


@pytest.fixture
def assert_page_without_javascript():
    """``assert_page_without_javascript(no_js_page, path, landmark)``: see check_page_without_javascript."""
    return check_page_without_javascript


# -------------------------------------------------------------------------------------------------
# The append-only audit log and the test runner's database flush
# -------------------------------------------------------------------------------------------------
_AUDIT_TRIGGERS_MIGRATION = "ventanilla.audit.migrations.0003_append_only_triggers"
_NO_DELETE_TRIGGER = "audit_auditentry_no_delete"


@pytest.fixture(scope="session", autouse=True)
def _audit_log_flushable_between_tests():
    """Let the test runner empty the audit table between transactional tests on SQLite.

    After a transactional test (``transactional_db``, ``live_server``), Django empties every table
    ("flush"). PostgreSQL does it with TRUNCATE, which the row triggers of the audit log do not
    see; SQLite does it with DELETE FROM, which the no-delete trigger refuses as soon as a test
    wrote an audit entry. Only in the test process, only for that flush statement list, and only
    inside the flush's own transaction (SQLite DDL is transactional), the trigger is dropped just
    before and re-created just after, from the same SQL the migration uses. Everywhere else,
    tests included, the trigger is in force (audit/tests/test_models.py proves it, flush included).
    """
    from django.db.backends.sqlite3.base import DatabaseWrapper

    operations_class = DatabaseWrapper.ops_class
    migration = importlib.import_module(_AUDIT_TRIGGERS_MIGRATION)
    create_sql = next(sql for sql in migration.SQLITE_CREATE if _NO_DELETE_TRIGGER in sql)
    original = operations_class.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        if not any('"audit_auditentry"' in statement for statement in statements):
            return statements
        return [f"DROP TRIGGER IF EXISTS {_NO_DELETE_TRIGGER};", *statements, create_sql]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations_class, "sql_flush", sql_flush)
        yield


# -------------------------------------------------------------------------------------------------
# The cache
# -------------------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    in-memory cache is not, and a public page cached by one test (catalog/cache.py) must not be
    served to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
