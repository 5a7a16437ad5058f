"""The back-office login page is accessible in both languages (axe-core, WCAG 2.1 AA)."""

import pytest


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("path", "heading"), [("/admin/login/", "Iniciar sesión"), ("/en/admin/login/", "Sign in")]
)
def test_admin_login_page_is_accessible(browser_page, assert_no_axe_violations, path, heading):
    browser_page.goto(path)
    assert heading in browser_page.content()
    assert_no_axe_violations(browser_page)
