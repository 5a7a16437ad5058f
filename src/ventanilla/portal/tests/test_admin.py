"""BrandingSettings in the back office (Wagtail settings), and the logo in the header."""

import io

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import translation
from wagtail.images.models import Image
from wagtail.models import Site

from ventanilla.portal.models import BrandingSettings

from .html import find


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(email="admin@example.mx", password="Prueba-Segura-2026")
    client.force_login(user)
    return client


@pytest.fixture
def edit_url(db):
    return f"/en/admin/settings/portal/brandingsettings/{Site.objects.get(is_default_site=True).pk}/"


def form_data(**changes):
    data = {
        "site_name": "Ventanilla Oaxaca",
        "government_name": "Gobierno del Estado de Oaxaca",
        "logo": "",
        "primary_color": "#611232",
        "secondary_color": "#a57f2c",
        "accent_color": "#235b4e",
        "font_family": "Montserrat",
        "contact_email": "",
        "footer_note": "",
        "footer_note_en": "",
    }
    return {**data, **changes}


class TestBackOffice:
    def test_edit_form_lists_every_field(self, admin_client, edit_url):
        response = admin_client.get(edit_url)
        assert response.status_code == 200
        content = response.content.decode()
        for name in form_data():
            assert f'name="{name}"' in content, name

    def test_saving_changes_the_public_pages(self, admin_client, edit_url):
        response = admin_client.post(edit_url, form_data(primary_color="#1F3A5F"))
        assert response.status_code == 302
        branding = BrandingSettings.objects.get()
        assert (branding.site_name, branding.primary_color) == ("Ventanilla Oaxaca", "#1F3A5F")
        html = admin_client.get("/").content.decode()
        assert find(html, "span", class_="vt-brand__site").text == "Ventanilla Oaxaca"
        assert "--vt-primary: #1f3a5f;" in admin_client.get("/theme.css").content.decode()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("primary_color", "#a57f2c", "contrasts only 3.7:1 with white"),
            ("accent_color", "#ffffff", "contrasts only 1.0:1 with white"),
            ("secondary_color", "dorado", "Enter a colour as # followed by six hexadecimal digits"),
        ],
    )
    def test_refuses_bad_colours_and_keeps_the_input(self, admin_client, edit_url, field, value, message):
        with translation.override("en"):
            response = admin_client.post(edit_url, form_data(**{field: value}))
        assert response.status_code == 200
        content = response.content.decode()
        assert message in content
        assert f'value="{value}"' in content
        assert not BrandingSettings.objects.filter(site_name="Ventanilla Oaxaca").exists()

    def test_citizens_cannot_edit(self, client, db, edit_url):
        citizen = get_user_model().objects.create_user(email="ana@example.mx", password="Prueba-Segura-2026")
        client.force_login(citizen)
        assert client.get(edit_url).status_code in (302, 403)


class TestLogo:
    def test_header_shows_the_logo_from_this_server(self, client, db):
        buffer = io.BytesIO()
        PILImage.new("RGB", (400, 120), "#611232").save(buffer, "PNG")
        logo = Image.objects.create(title="Escudo", file=ImageFile(buffer, name="escudo.png"))
        BrandingSettings.objects.create(site=Site.objects.get(is_default_site=True), logo=logo)
        html = client.get("/").content.decode()
        img = find(html, "img", class_="vt-brand__logo")
        assert img.attrs["alt"] == ""  # the link's text names the site
        assert img.attrs["src"].startswith("/media/")
