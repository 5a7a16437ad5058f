"""Signing in with the government identity provider (OpenID Connect), end to end: a browser, the
live server, and an identity provider that speaks the protocol over HTTP (oidc_idp.py)."""

import pytest

from allauth.socialaccount.models import SocialAccount

from ventanilla.accounts.models import User

from . import oidc_idp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def identity_provider(settings, live_server):
    settings.ROOT_URLCONF = "ventanilla.accounts.tests.oidc_idp"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "llave",
                    "name": "Llave MX",
                    "client_id": oidc_idp.CLIENT_ID,
                    "secret": oidc_idp.CLIENT_SECRET,
                    "settings": {"server_url": f"{live_server.url}/test-idp", "oauth_pkce_enabled": True},
                }
            ]
        }
    }
    oidc_idp.STATE.update(deny=False, codes={}, tokens={}, token_requests=0, pkce_verified=0)
    return oidc_idp


def go_to_the_provider(page):
    page.goto("/en/cuenta/login/")
    page.get_by_role("link", name="Sign in with Llave MX").click()
    assert page.locator("main h1").inner_text() == "Sign in with Llave MX"
    page.locator("main form button[type=submit]").click()


def test_a_citizen_signs_up_and_in_with_the_identity_provider(
    browser_page, identity_provider, assert_no_axe_violations
):
    page = browser_page
    go_to_the_provider(page)
    # Back from the provider: the last step of sign-up, with what the provider said.
    assert page.locator("main h1").inner_text() == "Create an account"
    assert page.input_value("#id_email") == "ana.gomez@example.mx"
    assert_no_axe_violations(page)
    page.focus("#id_privacy_accepted")
    page.keyboard.press("Space")
    page.locator("main form.usa-form button[type=submit]").click()
    assert page.locator("main h1").inner_text() == "My profile"
    user = User.objects.get(email="ana.gomez@example.mx")
    assert user.privacy_notice_accepted_at is not None
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("llave", "GOMA850101MDFRRN09")
    # The provider vouched for the address: no confirmation e-mail is needed.
    assert user.emailaddress_set.get().verified
    assert identity_provider.STATE["token_requests"] == identity_provider.STATE["pkce_verified"] == 1

    # Next time: straight in, no form.
    page.context.clear_cookies()
    go_to_the_provider(page)
    assert page.locator("main h1").inner_text() == "My profile"
    assert User.objects.count() == 1
    assert identity_provider.STATE["token_requests"] == identity_provider.STATE["pkce_verified"] == 2


def test_cancelling_at_the_provider_comes_back_with_a_way_to_try_again(browser_page, identity_provider):
    identity_provider.STATE["deny"] = True
    page = browser_page
    go_to_the_provider(page)
    assert page.locator("main h1").inner_text() == "Sign-in cancelled"
    assert page.get_by_role("link", name="Back to sign in").is_visible()
    assert not User.objects.exists()
    assert identity_provider.STATE["token_requests"] == 0
