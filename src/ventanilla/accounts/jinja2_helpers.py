"""Template helpers of the account pages (registered by ventanilla.jinja2_env)."""

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.contrib.auth import password_validation


def identity_providers(request, process: str = "login") -> list[dict]:
    """`{% for p in identity_providers(request) %}{{ p.name }} {{ p.url }}{% endfor %}` — the
    configured OpenID Connect providers (settings.SOCIALACCOUNT_PROVIDERS), empty when none is."""
    return [
        {"id": provider.id, "name": provider.name, "url": provider.get_login_url(request, process=process)}
        for provider in get_social_adapter(request).list_providers(request)
    ]


def password_rules() -> str:
    """`{{ password_rules() }}` — the password requirements as one plain sentence per rule."""
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


GLOBALS = {"identity_providers": identity_providers, "password_rules": password_rules}
