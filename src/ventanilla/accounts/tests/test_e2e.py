"""Account flows in a real browser against the live server (src/conftest.py's browser_page)."""

import json
import re
from pathlib import Path

import pytest

from django.core import mail

from ventanilla.accounts.models import User

from .factories import DEFAULT_PASSWORD, UserFactory
from .helpers import enable_totp, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit(page):
    page.locator("main form.usa-form button[type=submit]").first.click()


def sign_in(page, email, prefix="/en"):
    page.goto(f"{prefix}/cuenta/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    submit(page)


def heading(page) -> str:
    return page.locator("main h1").inner_text()


def test_sign_up_confirm_email_and_arrive_signed_in(browser_page):
    page = browser_page
    mail.outbox.clear()
    page.goto("/en/cuenta/signup/")
    page.fill("#id_email", "lucia@example.mx")
    page.fill("#id_first_name", "Lucía")
    page.fill("#id_password1", "una-clave-bastante-larga")
    page.fill("#id_password2", "una-clave-bastante-larga")
    submit(page)
    # Without the privacy checkbox the form comes back, with what was typed.
    assert "To create an account you must accept the privacy notice." in page.content()
    assert page.input_value("#id_first_name") == "Lucía"
    page.fill("#id_password1", "una-clave-bastante-larga")
    page.fill("#id_password2", "una-clave-bastante-larga")
    # By keyboard, as USWDS draws its own box over the (visually hidden) native checkbox.
    page.focus("#id_privacy_accepted")
    page.keyboard.press("Space")
    assert page.is_checked("#id_privacy_accepted")
    submit(page)
    assert heading(page) == "Confirm your e-mail address"
    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    submit(page)
    assert heading(page) == "My profile"
    assert page.url.endswith("/en/cuenta/perfil/")
    assert User.objects.get(email="lucia@example.mx").privacy_notice_accepted_at is not None


def test_sign_in_with_two_step_verification_reaches_the_profile(browser_page):
    page = browser_page
    user = UserFactory(preferred_language="en")
    secret = enable_totp(user)
    sign_in(page, user.email)
    assert heading(page) == "Two-step verification"
    page.fill("#id_code", totp_code(secret))
    submit(page)
    assert heading(page) == "My profile"


def test_download_my_data_gives_a_json_file_with_my_email(browser_page):
    page = browser_page
    user = UserFactory(preferred_language="en")
    sign_in(page, user.email)
    page.get_by_role("link", name="Download my data").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mis-datos-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == user.email


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", ["/cuenta/signup/", "/cuenta/login/", "/cuenta/aviso-de-privacidad/"])
def test_public_account_pages_are_accessible(browser_page, assert_no_axe_violations, prefix, path):
    browser_page.goto(prefix + path)
    assert_no_axe_violations(browser_page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_profile_is_accessible_also_with_errors(browser_page, assert_no_axe_violations, prefix):
    page = browser_page
    user = UserFactory(preferred_language="es-mx" if prefix == "" else "en")
    sign_in(page, user.email, prefix=prefix)
    assert page.url.endswith(f"{prefix}/cuenta/perfil/")
    assert_no_axe_violations(page)
    page.fill("#id_curp", "PELJ990230HJCRPN03")
    submit(page)
    assert page.locator("#error-summary").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/cuenta/signup/", "/cuenta/login/", "/en/cuenta/signup/", "/en/cuenta/login/"]
)
def test_sign_up_and_sign_in_are_readable_at_320_px(browser_page, path):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
