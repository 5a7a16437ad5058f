import pytest

from django.conf import settings

from ventanilla.accounts.models import User
from ventanilla.audit.models import AuditEntry

from .factories import DEFAULT_PASSWORD, UserFactory

PROFILE = "/en/cuenta/perfil/"


def profile_data(**overrides):
    data = {
        "first_name": "María",
        "last_name": "López Hernández",
        "curp": "SABC560626MDFLRN01",
        "rfc": "GODE561231GR8",
        "phone": "55 1234 5678",
        "street": "Av. Juárez 10",
        "neighbourhood": "Centro",
        "municipality": "Cuauhtémoc",
        "state": "Ciudad de México",
        "postal_code": "06000",
        "preferred_language": "en",
        "notification_channels": ["email", "sms"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestProfilePage:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.get(PROFILE)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/cuenta/login/?next=")

    def test_shows_links_to_security_data_download_and_deletion(self, client, citizen):
        client.force_login(citizen)
        content = client.get(PROFILE).content.decode()
        for href in [
            "/en/cuenta/email/",
            "/en/cuenta/password/change/",
            "/en/cuenta/2fa/",
            "/en/cuenta/mis-datos/",
            "/en/cuenta/eliminar/",
        ]:
            assert f'href="{href}"' in content

    def test_saves_changes_and_audits_them(self, client, citizen):
        client.force_login(citizen)
        response = client.post(PROFILE, profile_data(curp="sabc 560626 mdflrn01"))
        assert response.status_code == 302
        citizen.refresh_from_db()
        assert citizen.curp == "SABC560626MDFLRN01"
        assert citizen.notification_channels == ["email", "sms"]
        entry = AuditEntry.objects.get(action="accounts.user.update_profile")
        assert entry.actor_id == citizen.pk
        assert entry.changes["postal_code"] == ["", "06000"]
        assert entry.changes["curp"] == [None, "SABC560626MDFLRN01"]

    def test_saving_nothing_new_writes_no_audit_entry(self, client):
        user = UserFactory(**profile_data())
        client.force_login(user)
        client.post(PROFILE, profile_data())
        assert not AuditEntry.objects.filter(action="accounts.user.update_profile").exists()

    def test_keeps_what_was_typed_and_explains_each_error(self, client, citizen):
        client.force_login(citizen)
        response = client.post(
            PROFILE,
            profile_data(curp="PELJ900515HXXRPN03", rfc="GODE561331GR8", postal_code="600", phone="123"),
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "Characters 12 and 13 of the CURP must be a Mexican state code" in content
        assert "The date in the RFC (the 6 digits after the letters, YYMMDD) is not a real date." in content
        assert "A postal code has 5 digits." in content
        assert "A Mexican phone number has 10 digits." in content
        assert 'value="PELJ900515HXXRPN03"' in content
        assert 'value="Av. Juárez 10"' in content
        citizen.refresh_from_db()
        assert citizen.street == ""
        assert not AuditEntry.objects.filter(action="accounts.user.update_profile").exists()

    def test_rfc_with_a_wrong_check_digit_is_saved_with_a_warning(self, client, citizen):
        client.force_login(citizen)
        response = client.post(PROFILE, profile_data(rfc="VACE460910SX6"), follow=True)
        citizen.refresh_from_db()
        assert citizen.rfc == "VACE460910SX6"
        assert "The check digit of the RFC VACE460910SX6 does not match." in response.content.decode()

    def test_rejects_the_curp_of_another_account(self, client, citizen):
        UserFactory(curp="SABC560626MDFLRN01")
        client.force_login(citizen)
        response = client.post(PROFILE, profile_data())
        assert "This CURP is already registered to another account." in response.content.decode()

    def test_changing_the_language_takes_effect_at_once(self, client, citizen):
        client.force_login(citizen)
        response = client.post("/cuenta/perfil/", profile_data(preferred_language="en"))
        assert response.status_code == 302
        assert response["Location"] == "/en/cuenta/perfil/"
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
        page = client.get(response["Location"]).content.decode()
        assert "Your profile has been saved." in page

    def test_switching_back_to_spanish_goes_to_the_unprefixed_url(self, client):
        user = UserFactory(preferred_language="en")
        client.force_login(user)
        response = client.post(PROFILE, profile_data(preferred_language="es-mx"))
        assert response["Location"] == "/cuenta/perfil/"
        assert "Su perfil se guardó." in client.get("/cuenta/perfil/").content.decode()


@pytest.mark.django_db
class TestLanguageAfterLogin:
    def test_login_continues_in_the_preferred_language(self, client):
        user = UserFactory(preferred_language="en")
        response = client.post("/cuenta/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == "/en/cuenta/perfil/"
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    def test_login_keeps_the_next_page_but_in_the_preferred_language(self, client):
        user = UserFactory(preferred_language="en")
        response = client.post(
            "/cuenta/login/?next=/cuenta/mis-datos/", {"login": user.email, "password": DEFAULT_PASSWORD}
        )
        assert response["Location"] == "/en/cuenta/mis-datos/"

    def test_spanish_speakers_stay_on_spanish_urls(self, client):
        user = UserFactory(preferred_language="es-mx")
        response = client.post("/en/cuenta/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response["Location"] == "/cuenta/perfil/"
        assert User.objects.get(pk=user.pk).last_login is not None
