"""The public layout (base.html): skip link, language, switcher, navigation, messages, no external URLs."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from .html import find, find_all, parse

# Named by uswds.min.css but not shipped, because nothing uses them (see the tests below).
UNSHIPPED_USWDS_FILES = ("../fonts/merriweather/", "../fonts/roboto-mono/", "../img/hero.jpg")
PAGES = ["/", "/en/", "/accesibilidad/", "/en/accesibilidad/", "/terminos-de-uso/", "/en/terminos-de-uso/",
         "/no-existe/", "/en/no-existe/"]


def page(client, url, status=None):
    response = client.get(url)
    if status is not None:
        assert response.status_code == status
    return response.content.decode()


class TestDocument:
    @pytest.mark.parametrize(("url", "lang"), [("/", "es-MX"), ("/en/", "en"), ("/no-existe/", "es-MX")])
    def test_html_lang_follows_the_url(self, client, db, url, lang):
        assert find(page(client, url), "html").attrs["lang"] == lang

    def test_skip_link_is_first_and_targets_main(self, client, db):
        html = page(client, "/", 200)
        first_link = find_all(html, "a")[0]
        assert first_link.attrs["href"] == "#main-content"
        assert "usa-skipnav" in first_link.classes
        assert first_link.text == "Saltar al contenido principal"
        assert find(html, "main").attrs["id"] == "main-content"

    def test_viewport_and_title(self, client, db):
        html = page(client, "/en/accesibilidad/", 200)
        assert find(html, "meta", name="viewport").attrs["content"] == "width=device-width, initial-scale=1"
        assert find(html, "title").text == "Accessibility statement — Ventanilla"

    def test_no_inline_styles_or_handlers(self, client, db):
        for url in PAGES:
            for element in parse(page(client, url)):
                assert "style" not in element.attrs, (url, element)
                assert not any(name.startswith("on") for name in element.attrs), (url, element)
                assert element.tag != "style", url
                if element.tag == "script":
                    assert element.attrs.get("src", "").startswith("/static/"), (url, element)

    @pytest.mark.parametrize("url", PAGES)
    def test_no_url_leaves_the_server(self, client, db, url):
        for element in parse(page(client, url)):
            for name in ("href", "src", "action", "srcset", "poster", "data"):
                value = element.attrs.get(name, "")
                assert not urlsplit(value).netloc, f"{url}: <{element.tag} {name}={value!r}>"
                assert not value.startswith(("http:", "https:", "//")), f"{url}: {value}"

    def test_stylesheets_load_nothing_from_other_hosts(self):
        static = Path(settings.SRC_DIR) / "portal" / "static"
        for css in static.rglob("*.css"):
            for target in re.findall(r"url\(\s*['\"]?([^)'\"]+)", css.read_text()):
                assert not re.match(r"^(https?:)?//", target), f"{css}: {target}"
                if target.startswith(("data:", "#")) or target.startswith(UNSHIPPED_USWDS_FILES):
                    continue
                assert (css.parent / target.split("?")[0]).exists(), f"{css}: {target} is missing"

    def test_the_unshipped_uswds_fonts_are_never_used(self):
        """uswds.min.css declares Merriweather and Roboto Mono; ventanilla.css replaces every
        font-family, so browsers never ask for those files (not shipped)."""
        css = (Path(settings.SRC_DIR) / "portal" / "static" / "portal" / "css" / "ventanilla.css").read_text()
        assert "body *:not(code, kbd, pre, samp) {\n  font-family: var(--vt-font-family) !important;" in css
        assert "code, kbd, pre, samp { font-family: var(--vt-mono) !important; }" in css

    def test_no_template_uses_the_uswds_hero(self):
        """.usa-hero's background image (hero.jpg, a US photograph) is not shipped."""
        for template in Path(settings.SRC_DIR).glob("**/jinja2/**/*.html"):
            assert "usa-hero" not in template.read_text(), template


class TestLanguageSwitcher:
    """Plain links to the page in the other language: no JavaScript, no cookie, no CSRF token."""

    def switch(self, client, url, language):
        html = page(client, url)
        assert not find_all(html, "form", class_="vt-language__form")
        lang = "es-MX" if language == "es-mx" else language
        link = find(html, "a", class_="vt-language__button", hreflang=lang)
        response = client.get(link.attrs["href"])
        assert response.status_code in (200, 404)
        assert find(response.content.decode(), "html").attrs["lang"] == lang
        return link, link.attrs["href"]

    @pytest.mark.parametrize(
        ("url", "language", "expected"),
        [
            ("/", "en", "/en/"),
            ("/en/", "es-mx", "/"),
            ("/accesibilidad/", "en", "/en/accesibilidad/"),
            ("/en/accesibilidad/", "es-mx", "/accesibilidad/"),
            ("/terminos-de-uso/?seccion=2", "en", "/en/terminos-de-uso/?seccion=2"),
            ("/en/no-existe/", "es-mx", "/no-existe/"),
            ("/no-existe/", "en", "/en/no-existe/"),
        ],
    )
    def test_keeps_the_current_page(self, client, db, url, language, expected):
        _link, location = self.switch(client, url, language)
        assert location == expected

    def test_keeps_the_page_whatever_the_cookie_says(self, db):
        """The switcher must not depend on the language remembered from an earlier visit."""
        for cookie in ("en", "es-mx"):
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
            assert self.switch(client, "/accesibilidad/", "en")[1] == "/en/accesibilidad/"
            assert self.switch(client, "/en/accesibilidad/", "es-mx")[1] == "/accesibilidad/"

    @pytest.mark.parametrize(("url", "language", "lang", "name", "prompt"),
                             [("/", "en", "en", "English", "Cambiar el idioma a"),
                              ("/en/", "es-mx", "es-MX", "Español", "Change language to")])
    def test_link_names_the_language_in_itself(self, client, db, url, language, lang, name, prompt):
        link, _location = self.switch(client, url, language)
        assert link.text.split() == [*prompt.split(), name]
        html = page(client, url)
        assert find(html, "span", lang=lang).text == name

    def test_alternate_link_for_the_other_language(self, client, db):
        html = page(client, "/accesibilidad/")
        alternate = find(html, "link", rel="alternate")
        assert alternate.attrs == {"rel": "alternate", "hreflang": "en", "href": "/en/accesibilidad/"}


class TestNavigation:
    def nav_links(self, html):
        nav = html.split('class="vt-nav"', 1)[1].split("</nav>", 1)[0]
        return {a.text.strip(): a.attrs["href"] for a in find_all("<nav " + nav, "a")}, nav

    def test_anonymous(self, client, db):
        links, nav = self.nav_links(page(client, "/en/"))
        with translation.override("en"):
            assert links == {
                "Home": "/en/",
                "Sign in": reverse("account_login"),
                "Create an account": reverse("account_signup"),
            }
        assert 'aria-current="page"' in nav.split("Sign in")[0]

    def test_citizen_signs_out_with_a_post_form(self, client, citizen):
        client.force_login(citizen)
        links, nav = self.nav_links(page(client, "/"))
        assert set(links) == {"Inicio", "Mi cuenta"}
        form = find("<nav " + nav, "form")
        assert form.attrs["method"] == "post"
        with translation.override("es-mx"):
            assert form.attrs["action"] == reverse("account_logout")
        assert find("<nav " + nav, "input", name="csrfmiddlewaretoken")
        assert "Cerrar sesión" in find("<nav " + nav, "button").text

    def test_staff_see_the_back_office(self, client, staff_user):
        client.force_login(staff_user)
        links, _nav = self.nav_links(page(client, "/en/"))
        assert links["Back office"] == "/en/admin/"

    def test_current_page_is_marked(self, client, citizen):
        client.force_login(citizen)
        links, nav = self.nav_links(page(client, "/accesibilidad/"))
        with translation.override("es-mx"):
            assert links["Mi cuenta"] == reverse("accounts:profile")
        assert 'aria-current="page"' not in nav


class TestFooter:
    def test_legal_links(self, client, db):
        html = page(client, "/en/")
        footer = find(html, "footer")
        assert footer
        links = {a.text: a.attrs["href"] for a in find_all(html.split("<footer", 1)[1], "a")}
        with translation.override("en"):
            privacy = reverse("accounts:privacy")
        assert links == {
            "Privacy notice": privacy,
            "Terms of use": "/en/terminos-de-uso/",
            "Accessibility": "/en/accesibilidad/",
        }


class TestMessages:
    @pytest.mark.urls("ventanilla.portal.tests.urls")
    def test_rendered_as_alerts_with_roles(self, client, db):
        html = page(client, "/prueba-mensajes/", 200)
        alerts = find_all(html, "div", class_="usa-alert")
        assert [(sorted(alert.classes), alert.attrs["role"]) for alert in alerts] == [
            (["usa-alert", "usa-alert--slim", "usa-alert--success"], "status"),
            (["usa-alert", "usa-alert--error", "usa-alert--slim"], "alert"),
        ]
        assert "Your changes were saved." in alerts[0].text
        # Shown once: the next page has no messages.
        assert find_all(page(client, "/"), "div", class_="usa-alert") == []
