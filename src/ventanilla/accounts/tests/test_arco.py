"""ARCO rights: data download (access) and account deletion (cancellation), own data only."""

import json

import pytest
from axes.models import AccessLog

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied

from ventanilla.accounts import services
from ventanilla.accounts.models import User
from ventanilla.audit.models import AuditEntry

from .factories import DEFAULT_PASSWORD, UserFactory
from .helpers import enable_totp

EXPORT = "/en/cuenta/mis-datos/"
DELETE = "/en/cuenta/eliminar/"


def download(client, path=EXPORT):
    response = client.post(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mis-datos-')
    return json.loads(response.content)


@pytest.mark.django_db
class TestDataDownload:
    def test_contains_profile_addresses_mfa_types_activity_and_logins(self, signed_in_client, citizen):
        enable_totp(citizen)
        citizen.curp = "PELJ900515HJCRPN03"
        citizen.save()
        data = download(signed_in_client)
        assert data["profile"]["email"] == citizen.email
        assert data["profile"]["curp"] == "PELJ900515HJCRPN03"
        assert data["email_addresses"] == [{"email": citizen.email, "verified": True, "primary": True}]
        assert sorted(m["type"] for m in data["two_factor_methods"]) == ["recovery_codes", "totp"]
        assert len(data["login_history"]) == 1  # the sign-in of the signed_in_client fixture
        assert data["login_history"][0]["ip_address"] == "127.0.0.1"

    def test_never_contains_secrets(self, signed_in_client, citizen):
        enable_totp(citizen)
        raw = signed_in_client.post(EXPORT).content.decode()
        totp = Authenticator.objects.get(user=citizen, type="totp")
        assert totp.data["secret"] not in raw
        assert citizen.password not in raw
        for code in Authenticator.objects.get(user=citizen, type="recovery_codes").wrap().get_unused_codes():
            assert code not in raw

    def test_is_audited_and_lists_earlier_activity(self, signed_in_client, citizen):
        signed_in_client.post("/en/cuenta/perfil/", {"first_name": "Ana", "preferred_language": "en"})
        data = download(signed_in_client)
        assert [a["action"] for a in data["activity"]] == ["accounts.user.update_profile"]
        assert AuditEntry.objects.filter(action="accounts.user.export_data", actor_id=citizen.pk).count() == 1

    def test_get_explains_and_does_not_download(self, signed_in_client):
        response = signed_in_client.get(EXPORT)
        assert response.status_code == 200
        assert "Content-Disposition" not in response
        assert not AuditEntry.objects.filter(action="accounts.user.export_data").exists()


@pytest.mark.django_db
class TestAccountDeletion:
    def test_requires_password_and_explicit_confirmation(self, signed_in_client, citizen):
        response = signed_in_client.post(DELETE, {"password": "wrong-password"})
        content = response.content.decode()
        assert response.status_code == 200
        assert "The password is not correct." in content
        assert "Tick the box to confirm that you want to delete your account." in content
        assert User.objects.filter(pk=citizen.pk).exists()

    def test_deletes_personal_data_keeps_the_audit_log_and_signs_out(self, signed_in_client, citizen):
        enable_totp(citizen)
        signed_in_client.post("/en/cuenta/perfil/", {"first_name": "Ana", "preferred_language": "en"})
        user_id, email = citizen.pk, citizen.email
        response = signed_in_client.post(DELETE, {"password": DEFAULT_PASSWORD, "confirm": "on"})
        assert response.status_code == 302
        assert response["Location"] == "/en/"
        assert not User.objects.filter(pk=user_id).exists()
        assert not EmailAddress.objects.filter(email=email).exists()
        assert not Authenticator.objects.filter(user_id=user_id).exists()
        assert not AccessLog.objects.filter(username=email).exists()
        assert "_auth_user_id" not in signed_in_client.session
        entry = AuditEntry.objects.get(action="accounts.user.delete")
        assert entry.actor_id == user_id
        assert AuditEntry.objects.filter(actor_id=user_id).count() >= 2  # the entries survive the user
        assert signed_in_client.get("/en/cuenta/perfil/").status_code == 302

    def test_accounts_without_password_confirm_without_one(self, client):
        user = UserFactory()
        user.set_unusable_password()
        user.save()
        client.force_login(user)
        assert 'name="password"' not in client.get(DELETE).content.decode()
        client.post(DELETE, {"confirm": "on"})
        assert not User.objects.filter(pk=user.pk).exists()

    def test_accounts_without_password_but_with_two_factor_reauthenticate_first(self, client):
        user = UserFactory()
        user.set_unusable_password()
        user.save()
        enable_totp(user)
        client.force_login(user)
        response = client.get(DELETE)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/cuenta/2fa/reauthenticate/")


@pytest.mark.django_db
class TestOwnDataOnly:
    @pytest.mark.parametrize("path", [EXPORT, DELETE])
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_visitors_are_sent_to_sign_in(self, client, path, method):
        response = getattr(client, method)(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/cuenta/login/?next=")

    def test_an_id_in_the_request_cannot_select_another_citizen(self, signed_in_client, citizen):
        other = UserFactory(curp="SABC560626MDFLRN01")
        for query in [f"?user={other.pk}", f"?id={other.pk}", f"?email={other.email}"]:
            data = download(signed_in_client, EXPORT + query)
            assert data["profile"]["email"] == citizen.email
            assert other.email not in json.dumps(data)
        response = signed_in_client.post(
            DELETE + f"?user={other.pk}", {"password": DEFAULT_PASSWORD, "confirm": "on", "user": other.pk}
        )
        assert response.status_code == 302
        assert User.objects.filter(pk=other.pk).exists()
        assert not User.objects.filter(pk=citizen.pk).exists()

    def test_another_citizens_password_does_not_delete_this_account(self, client):
        mine, theirs = UserFactory(), UserFactory(password="la-otra-clave-secreta")
        client.force_login(mine)
        client.post(DELETE, {"password": "la-otra-clave-secreta", "confirm": "on"})
        assert User.objects.filter(pk=mine.pk).exists()
        assert User.objects.filter(pk=theirs.pk).exists()

    def test_services_refuse_to_act_on_someone_elses_account(self, db):
        mine, theirs = UserFactory(), UserFactory()
        with pytest.raises(PermissionDenied):
            services.export_personal_data(theirs, actor=mine)
        with pytest.raises(PermissionDenied):
            services.delete_account(theirs, actor=mine)
        with pytest.raises(PermissionDenied):
            services.update_profile(theirs, actor=mine, data={"first_name": "X"})
        assert User.objects.filter(pk=theirs.pk).exists()
        assert not AuditEntry.objects.exists()
