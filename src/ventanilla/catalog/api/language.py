"""The language of an API or export response: `?lang=`, else Accept-Language, else Spanish."""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def supported(code: str) -> str | None:
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def language_for(request) -> str:
    """One of settings.LANGUAGES, from the `lang` query parameter or the Accept-Language header."""
    requested = request.GET.get("lang", "")
    if requested:
        return supported(requested) or settings.LANGUAGE_CODE
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code != "*" and (found := supported(code)):
            return found
    return settings.LANGUAGE_CODE
