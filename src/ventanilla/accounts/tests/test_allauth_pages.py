"""Every allauth page we expose renders in Jinja2 with the site layout (never allauth's own
Django templates)."""

import pytest

from allauth.mfa.models import Authenticator
from django.test import override_settings

from .factories import DEFAULT_PASSWORD, UserFactory
from .helpers import enable_totp, reauthenticate

SKIP_LINK = 'class="usa-skipnav"'


def assert_our_layout(response, status=200):
    assert response.status_code == status, response.content.decode()[:500]
    content = response.content.decode()
    assert SKIP_LINK in content
    assert 'id="main-content"' in content
    # Django-template renders are recorded by the test client; Jinja2 ones are not.
    allauth_dirs = {"account", "mfa", "socialaccount", "allauth"}
    fallbacks = [t.name for t in response.templates if t.name.split("/")[0] in allauth_dirs]
    assert fallbacks == []
    return content


@pytest.mark.django_db
class TestAnonymousPages:
    @pytest.mark.parametrize(
        "path",
        [
            "/cuenta/login/",
            "/cuenta/signup/",
            "/cuenta/password/reset/",
            "/cuenta/password/reset/done/",
            "/cuenta/confirm-email/",
            "/cuenta/password/reset/key/done/",
            "/en/cuenta/login/",
            "/en/cuenta/signup/",
        ],
    )
    def test_renders_in_the_site_layout(self, client, path):
        assert_our_layout(client.get(path))

    def test_confirm_email_with_a_bad_key_explains_the_link_is_invalid(self, client):
        content = assert_our_layout(client.get("/en/cuenta/confirm-email/not-a-key/"))
        assert "This confirmation link has expired or is not valid." in content

    def test_password_reset_with_a_bad_key_explains_the_link_is_invalid(self, client, citizen):
        content = assert_our_layout(client.get("/en/cuenta/password/reset/key/1-bad-key/"))
        assert "This link is no longer valid" in content

    def test_login_page_is_in_spanish_by_default(self, client):
        content = assert_our_layout(client.get("/cuenta/login/"))
        assert '<html lang="es-MX">' in content or 'lang="es' in content
        assert "Iniciar sesión" in content


@pytest.mark.django_db
class TestSignedInPages:
    @pytest.mark.parametrize(
        "path",
        [
            "/cuenta/logout/",
            "/cuenta/password/change/",
            "/cuenta/email/",
            "/cuenta/2fa/",
            "/cuenta/reauthenticate/",
            "/cuenta/perfil/",
            "/cuenta/mis-datos/",
            "/cuenta/eliminar/",
            "/cuenta/aviso-de-privacidad/",
        ],
    )
    def test_renders_in_the_site_layout(self, signed_in_client, path):
        assert_our_layout(signed_in_client.get(path))

    @pytest.mark.parametrize("prefix", ["", "/en"])
    def test_totp_activation_renders_after_reauthentication(self, signed_in_client, prefix):
        reauthenticate(signed_in_client)
        content = assert_our_layout(signed_in_client.get(f"{prefix}/cuenta/2fa/totp/activate/"))
        assert 'src="data:image/svg+xml;base64,' in content

    def test_recovery_codes_pages_render_in_the_site_layout(self, signed_in_client, citizen):
        enable_totp(citizen)
        reauthenticate(signed_in_client)
        for path in [
            "/cuenta/2fa/recovery-codes/",
            "/cuenta/2fa/recovery-codes/generate/",
            "/cuenta/2fa/totp/deactivate/",
            "/cuenta/2fa/",
        ]:
            assert_our_layout(signed_in_client.get(path))

    def test_recovery_codes_download_is_a_text_file_of_the_codes(self, signed_in_client, citizen):
        enable_totp(citizen)
        reauthenticate(signed_in_client)
        response = signed_in_client.get("/cuenta/2fa/recovery-codes/download/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
        codes = Authenticator.objects.get(user=citizen, type="recovery_codes").wrap().get_unused_codes()
        assert response.content.decode().split() == codes

    def test_mfa_reauthentication_page_renders_in_the_site_layout(self, client):
        user = UserFactory()
        enable_totp(user)
        client.force_login(user)
        assert_our_layout(client.get("/cuenta/2fa/reauthenticate/"))

    def test_totp_activation_asks_for_reauthentication_after_a_stale_login(self, client, citizen):
        client.force_login(citizen)  # no allauth authentication record: counts as stale
        response = client.get("/cuenta/2fa/totp/activate/")
        assert response.status_code == 302
        assert response["Location"].startswith("/cuenta/reauthenticate/")


@pytest.mark.django_db
class TestTwoFactorLogin:
    def test_login_of_a_totp_user_continues_on_the_code_page(self, client):
        user = UserFactory()
        enable_totp(user)
        response = client.post("/cuenta/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == "/cuenta/2fa/authenticate/"
        assert_our_layout(client.get(response["Location"]))


OIDC_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "llave",
                "name": "Llave MX",
                "client_id": "ventanilla",
                "secret": "not-a-real-secret",
                "settings": {"server_url": "https://idp.example.gob.mx"},
            }
        ]
    }
}


@pytest.mark.django_db
class TestIdentityProviderButton:
    def test_is_hidden_when_no_provider_is_configured(self, client):
        with override_settings(SOCIALACCOUNT_PROVIDERS={"openid_connect": {"APPS": []}}):
            content = assert_our_layout(client.get("/en/cuenta/login/"))
        assert "Sign in with Llave MX" not in content
        assert "/oidc/" not in content

    def test_is_shown_when_a_provider_is_configured(self, client):
        with override_settings(SOCIALACCOUNT_PROVIDERS=OIDC_PROVIDERS):
            content = assert_our_layout(client.get("/en/cuenta/login/"))
            assert "Sign in with Llave MX" in content
            assert 'href="/en/cuenta/oidc/llave/login/?process=login"' in content
            # Following it shows allauth's confirmation step, in our layout.
            assert_our_layout(client.get("/en/cuenta/oidc/llave/login/?process=login"))
