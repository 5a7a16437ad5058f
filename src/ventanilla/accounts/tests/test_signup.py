import re

import pytest

from allauth.account.models import EmailAddress
from django.core import mail

from ventanilla.accounts.models import User
from ventanilla.accounts.services import PRIVACY_NOTICE_VERSION
from ventanilla.audit.models import AuditEntry

from .factories import UserFactory

SIGNUP = "/en/cuenta/signup/"


def signup_data(**overrides):
    data = {
        "email": "Nueva.Ciudadana@Example.mx",
        "first_name": "Juan",
        "last_name": "Pérez López",
        "curp": "",
        "password1": "una-clave-bastante-larga",
        "password2": "una-clave-bastante-larga",
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestSignUp:
    def test_requires_accepting_the_privacy_notice(self, client):
        response = client.post(SIGNUP, signup_data(privacy_accepted=""))
        assert response.status_code == 200
        content = response.content.decode()
        assert "To create an account you must accept the privacy notice." in content
        # What the citizen typed is kept.
        assert 'value="Pérez López"' in content
        assert not User.objects.exists()

    def test_the_checkbox_links_to_the_privacy_notice(self, client):
        content = client.get(SIGNUP).content.decode()
        assert (
            'I have read and accept the <a href="/en/cuenta/aviso-de-privacidad/">privacy notice</a>.'
            in content
        )

    def test_records_acceptance_language_and_audit_and_sends_verification(self, client):
        response = client.post(SIGNUP, signup_data(curp="pelj900515hjcrpn03"))
        assert response.status_code == 302
        assert response["Location"] == "/en/cuenta/confirm-email/"
        user = User.objects.get()
        assert user.email == "nueva.ciudadana@example.mx"
        assert user.curp == "PELJ900515HJCRPN03"
        assert user.privacy_notice_version == PRIVACY_NOTICE_VERSION
        assert user.privacy_notice_accepted_at is not None
        assert user.preferred_language == "en"
        entry = AuditEntry.objects.get(action="accounts.user.sign_up")
        assert entry.actor_id == user.pk
        assert entry.changes["curp"] == "PELJ900515HJCRPN03"
        assert "password" not in entry.changes
        # Verification is mandatory: not signed in yet, one e-mail with the link.
        assert "_auth_user_id" not in client.session
        assert len(mail.outbox) == 1
        assert not EmailAddress.objects.get(user=user).verified

    def test_following_the_confirmation_link_signs_the_citizen_in(self, client):
        client.post(SIGNUP, signup_data())
        link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[0].body).group(1)
        response = client.post(link)
        assert response.status_code == 302
        user = User.objects.get()
        assert int(client.session["_auth_user_id"]) == user.pk
        assert EmailAddress.objects.get(user=user).verified
        assert AuditEntry.objects.filter(action="accounts.email.confirm", actor_id=user.pk).exists()

    def test_rejects_an_invalid_curp_with_its_reason(self, client):
        response = client.post(SIGNUP, signup_data(curp="PELJ990230HJCRPN03"))
        assert response.status_code == 200
        assert (
            "The birth date in the CURP (characters 5 to 10, YYMMDD) is not a real date."
            in response.content.decode()
        )
        assert not User.objects.exists()

    def test_rejects_a_curp_already_registered(self, client):
        UserFactory(curp="PELJ900515HJCRPN03")
        response = client.post(SIGNUP, signup_data(curp="PELJ900515HJCRPN03"))
        assert "This CURP is already registered to another account." in response.content.decode()
        assert User.objects.count() == 1

    def test_many_citizens_may_sign_up_without_curp(self, client):
        UserFactory(curp=None)
        client.post(SIGNUP, signup_data())
        assert User.objects.filter(curp__isnull=True).count() == 2
