"""Template helpers of the public layout and the form macros (registered by ventanilla.jinja2_env)."""

import functools

from django import forms
from django.conf import settings
from django.middleware.csp import get_nonce
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation
from django.utils.encoding import escape_uri_path

from ventanilla.core.links import current_url_prefix

from .branding import brand_for_request, theme_css_url


def optional_url(viewname: str, *args, **kwargs) -> str | None:
    """`{% set href = optional_url("accounts:privacy") %}` — the URL, or None when no app provides it.

    The layout links to pages owned by other apps (sign-in, privacy notice); the error pages must
    render even if one of them is missing, so a missing name hides the link instead of failing.
    """
    try:
        return reverse(viewname, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def language_options(request, urls: dict[str, str] | None = None) -> list[dict]:
    """`{% for option in language_options(request) %}` — one entry per language for the switcher.

    Each entry has `code`, `name` (in its own language), `lang` (the BCP 47 tag for the lang
    attribute), `current` (bool), `url` (this page in that language, for <link hreflang>) and
    `next` (the value for set_language's `next` field). `urls` ({language: URL}) overrides the
    translated URL where a page's translation has another path (a service sheet's own slug).

    Django's set_language runs at the unprefixed /i18n/setlang/, so in the default language, and
    translates `next` from there to the chosen language. It must therefore receive this page's
    path in the default language; handing it an already-English path would be read as a Wagtail
    page path and prefixed a second time (/en/en/...).
    """
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    default_path = _translated(request.path, current, settings.LANGUAGE_CODE, query)
    options = []
    for code, _name in settings.LANGUAGES:
        # The language's own name without the country ("Español", not "Español de México").
        name = translation.get_language_info(code.split("-")[0])["name_local"]
        options.append(
            {
                "code": code,
                "name": name[:1].upper() + name[1:],
                "lang": html_lang(code),
                "current": code == current,
                "url": (urls or {}).get(code) or _translated(request.path, current, code, query),
                "next": default_path,
            }
        )
    return options


def _translated(path: str, current: str, code: str, query: str) -> str:
    """translate_url() of `path?query` into `code`; the path part remembered per process
    (translate_url resolves the path and reverses it again: most of a language switcher)."""
    translated = _translated_path(escape_uri_path(path), current, code, get_script_prefix(), get_urlconf())
    return f"{translated}?{query}" if query else translated


@functools.lru_cache(maxsize=4096)
def _translated_path(path: str, current: str, code: str, _prefix: str, _urlconf) -> str:
    with translation.override(current):
        return translate_url(path, code)


def html_lang(code: str | None = None) -> str:
    """`<html lang="{{ html_lang() }}">` — the BCP 47 tag of a language code (es-mx → es-MX)."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    return translation.to_locale(code).replace("_", "-")


def field_kind(bound_field) -> str:
    """`{% if field_kind(bf) == "radio" %}` — which markup pattern the field macro uses for a widget."""
    widget = bound_field.field.widget
    # CheckboxSelectMultiple subclasses RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.DateInput | forms.DateTimeInput):
        return "date"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def field_widget(bound_field, css_class: str, described_by: str, invalid: bool):
    """`{{ field_widget(bf, "usa-input", "id_x-hint id_x-error", True) }}` — the widget, with USWDS
    classes, aria-describedby and aria-invalid.

    The widget keeps the value the user typed (the bound data), except passwords, which Django
    deliberately never echoes back.
    """
    attrs = {}
    widget_class = bound_field.field.widget.attrs.get("class", "")
    attrs["class"] = f"{css_class} {widget_class}".strip()
    if described_by:
        attrs["aria-describedby"] = described_by
    if invalid:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


def csp_nonce(request) -> str:
    """`<script nonce="{{ csp_nonce(request) }}">` — this response's CSP nonce ("" without the middleware).

    Reading it makes the middleware add the nonce to the policy header; same-origin <script src>
    files do not need it.
    """
    nonce = get_nonce(request)
    return str(nonce) if nonce is not None else ""


def page_url(request, number: int) -> str:
    """`{{ page_url(request, 3) }}` — the current URL with `page=3`, keeping the other query parameters."""
    return f"{current_url_prefix(request)}page={number}"


GLOBALS = {
    "optional_url": optional_url,
    "language_options": language_options,
    "html_lang": html_lang,
    "field_kind": field_kind,
    "field_widget": field_widget,
    "page_url": page_url,
    "csp_nonce": csp_nonce,
    "brand": brand_for_request,
    "theme_css_url": theme_css_url,
}
