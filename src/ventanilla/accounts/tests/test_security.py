"""Lockout (django-axes), allauth's rate limits, and the audit of two-factor changes."""

import pytest
from axes.models import AccessAttempt

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import override_settings

from ventanilla.accounts.axes import username_from_request
from ventanilla.audit.models import AuditEntry

from .factories import DEFAULT_PASSWORD, UserFactory
from .helpers import enable_totp, reauthenticate, totp_code, user_totp_code
from .test_allauth_pages import assert_our_layout
from .test_signup import signup_data


def fail_login(client, email, prefix="/en"):
    return client.post(f"{prefix}/cuenta/login/", {"login": email, "password": "not-the-password"})


@pytest.mark.django_db
class TestLockout:
    def test_failed_allauth_logins_are_counted_under_the_email(self, client, citizen):
        fail_login(client, citizen.email.upper())
        attempt = AccessAttempt.objects.get()
        assert attempt.username == citizen.email
        assert attempt.failures_since_start == 1

    def test_locks_out_after_the_failure_limit_with_a_clear_page(self, client, citizen):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            response = fail_login(client, citizen.email)
            assert response.status_code == 200
        response = fail_login(client, citizen.email)
        content = assert_our_layout(response, status=429)
        assert "Sign-in temporarily blocked" in content
        assert f"After {settings.AXES_FAILURE_LIMIT} failed attempts" in content
        assert "Please try again in 15 minutes." in content
        # Even the right password is refused while locked out.
        response = client.post("/en/cuenta/login/", {"login": citizen.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_lockout_page_is_in_spanish_on_spanish_pages(self, client, citizen):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            response = fail_login(client, citizen.email, prefix="")
        assert response.status_code == 429
        assert "Inicio de sesión bloqueado temporalmente" in response.content.decode()

    def test_a_lockout_does_not_affect_other_accounts(self, client, citizen):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            fail_login(client, citizen.email)
        other = UserFactory()
        response = client.post("/en/cuenta/login/", {"login": other.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302

    @pytest.mark.parametrize(
        ("credentials", "post", "expected"),
        [
            ({"email": "Ana@Example.mx", "password": "x"}, {}, "ana@example.mx"),
            ({"username": "ana@example.mx"}, {}, "ana@example.mx"),
            (None, {"login": " ANA@example.mx "}, "ana@example.mx"),
            (None, {}, None),
        ],
    )
    def test_username_callable_reads_credentials_then_the_form(self, rf, credentials, post, expected):
        assert username_from_request(rf.post("/", post), credentials) == expected


@pytest.mark.django_db
class TestRateLimits:
    @override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"})
    def test_sign_up_answers_429_in_our_layout_when_exceeded(self, client):
        for number in range(2):
            response = client.post("/en/cuenta/signup/", signup_data(email=f"persona{number}@example.mx"))
            assert response.status_code == 302
        response = client.post("/en/cuenta/signup/", signup_data(email="persona3@example.mx"))
        content = assert_our_layout(response, status=429)
        assert "Too many attempts" in content

    def test_password_reset_answers_429_when_exceeded(self, client, citizen):
        limit = 5  # settings.ACCOUNT_RATE_LIMITS["reset_password"]: 5/m per key (e-mail)
        for _attempt in range(limit):
            response = client.post("/en/cuenta/password/reset/", {"email": citizen.email})
            assert response.status_code == 302
        response = client.post("/en/cuenta/password/reset/", {"email": citizen.email})
        assert_our_layout(response, status=429)

    def test_429_page_is_in_spanish_on_spanish_pages(self, client):
        with override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}):
            client.post("/cuenta/signup/", signup_data(email="primera@example.mx"))
            response = client.post("/cuenta/signup/", signup_data(email="segunda@example.mx"))
        assert response.status_code == 429
        assert "Demasiados intentos" in response.content.decode()


@pytest.mark.django_db
class TestTwoFactor:
    def test_activation_deactivation_and_new_codes_are_audited(
        self, signed_in_client, citizen, django_capture_on_commit_callbacks
    ):
        reauthenticate(signed_in_client)
        signed_in_client.get("/en/cuenta/2fa/totp/activate/")
        secret = signed_in_client.session["mfa.totp.secret"]  # what the QR code carries
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in_client.post("/en/cuenta/2fa/totp/activate/", {"code": totp_code(secret)})
        assert response.status_code == 302
        assert Authenticator.objects.filter(user=citizen, type="totp").exists()
        with django_capture_on_commit_callbacks(execute=True):
            signed_in_client.post("/en/cuenta/2fa/recovery-codes/generate/")
        with django_capture_on_commit_callbacks(execute=True):
            signed_in_client.post("/en/cuenta/2fa/totp/deactivate/")
        entries = AuditEntry.objects.filter(actor_id=citizen.pk, action__startswith="accounts.mfa.").order_by(
            "id"
        )
        assert [(e.action, e.changes) for e in entries] == [
            ("accounts.mfa.add", {"type": "totp"}),
            ("accounts.mfa.add", {"type": "recovery_codes"}),  # generated with the activation
            ("accounts.mfa.reset", {"type": "recovery_codes"}),
            ("accounts.mfa.remove", {"type": "totp"}),
            ("accounts.mfa.remove", {"type": "recovery_codes"}),
        ]
        assert secret not in str([e.changes for e in entries])

    def test_login_asks_for_the_code_and_then_reaches_the_profile(self, client):
        user = UserFactory(preferred_language="en")
        enable_totp(user)
        response = client.post("/en/cuenta/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response["Location"] == "/en/cuenta/2fa/authenticate/"
        assert "_auth_user_id" not in client.session
        response = client.post("/en/cuenta/2fa/authenticate/", {"code": "000000"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        response = client.post("/en/cuenta/2fa/authenticate/", {"code": user_totp_code(user)})
        assert response.status_code == 302
        assert response["Location"] == "/en/cuenta/perfil/"
        assert int(client.session["_auth_user_id"]) == user.pk

    def test_password_change_is_audited(self, signed_in_client, citizen):
        signed_in_client.post(
            "/en/cuenta/password/change/",
            {
                "oldpassword": DEFAULT_PASSWORD,
                "password1": "otra-clave-muy-segura",
                "password2": "otra-clave-muy-segura",
            },
        )
        assert AuditEntry.objects.filter(action="accounts.password.change", actor_id=citizen.pk).exists()
