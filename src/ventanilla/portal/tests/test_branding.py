"""Branding: colour rules, the BrandingSettings setting and /theme.css."""

import pytest

from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from ventanilla.portal.branding import (
    AA_NORMAL_TEXT,
    BLACK,
    FONT_STACKS,
    INK,
    WHITE,
    brand_for_request,
    contrast_ratio,
    darken,
    default_brand,
    readable_text_color,
    theme_css,
)
from ventanilla.portal.models import BrandingSettings, FontFamily

from .html import find, find_all


class TestColourRules:
    @pytest.mark.parametrize(
        ("first", "second", "ratio"),
        [("#ffffff", "#000000", 21.0), ("#000000", "#ffffff", 21.0), ("#777777", "#777777", 1.0),
         ("#767676", "#ffffff", 4.54)],
    )
    def test_contrast_ratio(self, first, second, ratio):
        assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)

    @pytest.mark.parametrize(
        ("background", "text"),
        [("#611232", WHITE), ("#235b4e", WHITE), ("#a57f2c", INK), ("#ffd700", INK), ("#777777", BLACK)],
    )
    def test_readable_text_color(self, background, text):
        assert readable_text_color(background) == text

    @pytest.mark.parametrize("background", ["#000000", "#ffffff", "#777777", "#808080", "#ff0000", "#00a0e0"])
    def test_text_on_any_colour_reaches_aa(self, background):
        assert contrast_ratio(background, readable_text_color(background)) >= AA_NORMAL_TEXT

    def test_darken(self):
        assert darken("#ffffff", 0.5) == "#808080"
        assert darken("#611232") == "#4e0e28"

    def test_defaults_meet_wcag_aa(self):
        """The Mexican institutional defaults: guinda and verde carry white text and serve as link
        colours on white; text on dorado is near-black."""
        brand = default_brand()
        for color in (brand.primary_color, brand.accent_color):
            assert contrast_ratio(color, WHITE) >= AA_NORMAL_TEXT
            assert contrast_ratio(darken(color), WHITE) >= AA_NORMAL_TEXT
        for color in (brand.primary_color, brand.secondary_color, brand.accent_color):
            assert contrast_ratio(color, readable_text_color(color)) >= AA_NORMAL_TEXT


class TestBrandingSettings:
    def test_defaults_come_from_settings(self, db, settings):
        settings.VENTANILLA_BRAND = {**settings.VENTANILLA_BRAND, "site_name": "Ventanilla Oaxaca",
                                     "primary_color": "#1f3a5f"}
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        assert branding.site_name == "Ventanilla Oaxaca"
        assert branding.primary_color == "#1f3a5f"
        assert branding.government_name == "Gobierno de México"

    def test_defaults_are_valid(self, db):
        BrandingSettings.for_site(Site.objects.get(is_default_site=True)).full_clean()

    @pytest.mark.parametrize("value", ["611232", "#61123", "#6112321", "#zz1232", "red", ""])
    def test_colours_must_be_hex(self, db, value):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        branding.secondary_color = value
        with pytest.raises(ValidationError) as error:
            branding.full_clean()
        assert "secondary_color" in error.value.message_dict

    @pytest.mark.parametrize("field", ["primary_color", "accent_color"])
    def test_light_primary_and_accent_colours_are_refused(self, db, field):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        setattr(branding, field, "#a57f2c")
        with pytest.raises(ValidationError) as error, translation.override("en"):
            branding.full_clean()
        assert error.value.message_dict[field] == [
            "This colour contrasts only 3.7:1 with white; text needs at least 4.5:1. Choose a darker colour."
        ]

    def test_a_light_secondary_colour_is_allowed(self, db):
        branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
        branding.secondary_color = "#ffd700"
        branding.full_clean()

    def test_every_font_choice_is_self_hosted(self):
        assert set(FontFamily.values) == set(FONT_STACKS)


class TestBrandForRequest:
    def test_reads_the_site_setting_once_per_request(self, db, django_assert_num_queries):
        site = Site.objects.get(is_default_site=True)
        BrandingSettings.objects.create(
            site=site, site_name="Ventanilla Jalisco", footer_note="Hecho en Jalisco"
        )
        request = RequestFactory().get("/")
        with django_assert_num_queries(2):
            brand = brand_for_request(request)
            assert brand_for_request(request) is brand
        assert brand.site_name == "Ventanilla Jalisco"
        assert brand.footer_note == "Hecho en Jalisco"

    def test_cached_between_requests_until_the_setting_is_saved(self, db, django_assert_num_queries):
        site = Site.objects.get(is_default_site=True)
        branding = BrandingSettings.objects.create(site=site, site_name="Ventanilla Jalisco")
        assert brand_for_request(RequestFactory().get("/")).site_name == "Ventanilla Jalisco"
        with django_assert_num_queries(0):  # another request: from the cache
            assert brand_for_request(RequestFactory().get("/")).site_name == "Ventanilla Jalisco"
        branding.site_name = "Ventanilla Colima"
        branding.save()
        assert brand_for_request(RequestFactory().get("/")).site_name == "Ventanilla Colima"
        site.site_name = "renamed"
        site.save()  # a site saved: looked up again
        with django_assert_num_queries(2):
            brand_for_request(RequestFactory().get("/"))

    def test_english_footer_note(self, client, db):
        site = Site.objects.get(is_default_site=True)
        BrandingSettings.objects.create(
            site=site, footer_note="Hecho en Jalisco", footer_note_en="Made in Jalisco"
        )
        for url, note in [("/en/", "Made in Jalisco"), ("/", "Hecho en Jalisco")]:
            assert find(client.get(url).content.decode(), "p", class_="vt-footer__note").text == note

    def test_without_a_site_uses_the_defaults(self, db):
        Site.objects.all().delete()
        assert brand_for_request(RequestFactory().get("/")) == default_brand()
        assert not BrandingSettings.objects.exists()


class TestThemeCss:
    def current_url(self, client):
        html = client.get("/").content.decode()
        hrefs = [link.attrs["href"] for link in find_all(html, "link", rel="stylesheet")]
        return next(href for href in hrefs if href.startswith("/theme.css"))

    def test_serves_the_brand_as_custom_properties(self, client, db):
        response = client.get(self.current_url(client))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/css; charset=utf-8"
        css = response.content.decode()
        assert css == theme_css(default_brand())
        assert "--vt-primary: #611232;" in css
        assert "--vt-on-primary: #ffffff;" in css
        assert "--vt-on-secondary: #1b1b1b;" in css
        assert '--vt-font-family: "Montserrat", "Helvetica Neue", Arial, sans-serif;' in css

    def test_versioned_url_is_cached_for_a_year(self, client, db):
        response = client.get(self.current_url(client))
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["ETag"] == f'"{default_brand().version}"'

    def test_other_versions_are_cached_briefly(self, client, db):
        response = client.get("/theme.css?v=old")
        assert response["Cache-Control"] == "public, max-age=300"
        assert client.get("/theme.css")["Cache-Control"] == "public, max-age=300"

    def test_not_modified(self, client, db):
        url = self.current_url(client)
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    def test_saving_the_settings_changes_the_url_and_the_css(self, client, db):
        before = self.current_url(client)
        branding = BrandingSettings.objects.get()
        branding.primary_color = "#1f3a5f"
        branding.font_family = FontFamily.PUBLIC_SANS
        branding.save()
        after = self.current_url(client)
        assert after != before
        css = client.get(after).content.decode()
        assert "--vt-primary: #1f3a5f;" in css
        assert '--vt-font-family: "Public Sans Web"' in css

    def test_is_not_language_prefixed(self, client, db):
        assert client.get("/en/theme.css").status_code == 404

    def test_database_failure_serves_the_defaults(self, client, db):
        from unittest import mock

        from django.db import OperationalError

        with mock.patch.object(BrandingSettings, "for_request", side_effect=OperationalError()):
            response = client.get("/theme.css")
        assert response.status_code == 200
        assert response.content.decode() == theme_css(default_brand())

