"""The Jinja2 environment of the public pages.

Each app may define `jinja2_helpers.py` with `GLOBALS` and `FILTERS` dicts of small documented
functions; they are all registered here, in one place.
"""

import functools
from importlib import import_module

from jinja2 import Environment, pass_eval_context
from markupsafe import Markup

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.middleware.csrf import get_token
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.formats import date_format, number_format


def url(viewname: str, *args, **kwargs) -> str:
    """`{{ url("accounts:profile") }}` — reverse a URL name.

    Remembered per process: a page reverses the same dozen names (layout, navigation, footer) on
    every render, and reverse() walks the URL patterns each time. The key holds everything the
    answer depends on: the arguments, the language (the /en/ prefix), the script prefix and the
    URL configuration.
    """
    key = (
        viewname, args, tuple(sorted(kwargs.items())), translation.get_language(), get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    try:
        hash(key)
    except TypeError:  # an unhashable argument: not worth remembering
        return reverse(viewname, args=args or None, kwargs=kwargs or None)
    return _reverse(key)


@functools.lru_cache(maxsize=4096)
def _reverse(key) -> str:
    viewname, args, kwargs, _language, _prefix, urlconf = key
    return reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


# Remembered per language: a page calls _() about a hundred times, and each goes through
# several layers of Django's translation machinery to a catalog that does not change while the
# process runs. Dropped when a test changes the languages or catalogs (Django reloads them then).
_messages: dict[tuple[str, str], str] = {}
_MAX_MESSAGES = 20_000  # _() of a variable could grow it without end: start again past this
_marked: dict[tuple[str, str], Markup] = {}


def _remembered(store: dict, message: str, make):
    """store[(language, message)], from make(message) the first time."""
    key = (translation.get_language(), message)
    try:
        return store[key]
    except KeyError:
        if len(store) >= _MAX_MESSAGES:
            store.clear()
        value = store[key] = make(message)
        return value


def gettext(message: str) -> str:
    return _remembered(_messages, message, translation.gettext)


def _marked_message(message: str) -> Markup:
    return Markup(gettext(message)) % {}


@pass_eval_context
def translate(eval_ctx, message: str, /, **variables):
    """`{{ _("...", name=value) }}`: what jinja2.ext.i18n's newstyle gettext does (translate,
    mark safe under autoescape, then %-format with escaped variables), in one call instead of
    three nested context calls; a page makes about a hundred."""
    if not variables and eval_ctx.autoescape:
        # Most calls: a fixed message, whose finished Markup is the same on every page.
        return _remembered(_marked, message, _marked_message)
    text = gettext(message)
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


# {(field, language): {value: label}}: get_FOO_display() hashes every choice of the field, each
# a lazy string translated again, on every call.
_choice_labels: dict = {}


def choice_label(obj, field_name: str):
    """`{{ choice_label(sheet, "kind") }}` — what `sheet.get_kind_display()` shows."""
    field = obj._meta.get_field(field_name)
    key = (field, translation.get_language())
    labels = _choice_labels.get(key)
    if labels is None:
        labels = _choice_labels[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(obj, field.attname)
    return labels.get(value, value)


def static(path: str) -> str:
    """`{{ static("portal/css/ventanilla.css") }}` — the URL of a static file, remembered per
    script prefix (the storage's url() quotes and joins it on every call)."""
    return _static(path, get_script_prefix())


@functools.lru_cache(maxsize=1024)
def _static(path: str, _prefix: str) -> str:
    return django_static(path)


def _forget(*, setting, **kwargs) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _messages.clear()
        _marked.clear()
        _choice_labels.clear()
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES"}:
        _static.cache_clear()
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


setting_changed.connect(_forget, dispatch_uid="ventanilla.jinja2_env.forget")


def environment(**options) -> Environment:
    env = Environment(**options)
    env.install_gettext_callables(
        gettext, translation.ngettext, newstyle=True,
        pgettext=translation.pgettext, npgettext=translation.npgettext,
    )
    env.globals.update(
        {
            "_": translate,
            "choice_label": choice_label,
            "gettext": translate,
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "csrf_token_value": get_token,
            "get_current_language": translation.get_language,
            "settings": settings,
        }
    )
    env.filters.update({"date": date_format, "number": number_format})
    for app in apps.get_app_configs():
        if not app.name.startswith("ventanilla."):
            continue
        try:
            helpers = import_module(f"{app.name}.jinja2_helpers")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.jinja2_helpers":
                raise
            continue
        env.globals.update(getattr(helpers, "GLOBALS", {}))
        env.filters.update(getattr(helpers, "FILTERS", {}))
    return env
