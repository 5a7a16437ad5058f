"""The Jinja2 environment of the public pages.

Each app may define `jinja2_helpers.py` with `GLOBALS` and `FILTERS` dicts of small documented
functions; they are all registered here, in one place.
"""

import functools
from importlib import import_module

from jinja2 import Environment

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
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


def environment(**options) -> Environment:
    env = Environment(**options)
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(
        {
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
