"""django-allauth adapter (settings.ACCOUNT_ADAPTER): consent, audit and language at sign-up/login."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_login_redirect_url
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation

from . import services


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save a new account with its CURP, language and privacy-notice acceptance, and audit it.

        Both sign-up forms (e-mail and identity provider) require the privacy checkbox, so
        reaching this point means the citizen accepted the current version of the notice.
        """
        data = form.cleaned_data
        user.curp = data.get("curp") or None
        user.preferred_language = _supported_language(translation.get_language())
        if data.get("privacy_accepted"):
            user.privacy_notice_accepted_at = timezone.now()
            user.privacy_notice_version = services.PRIVACY_NOTICE_VERSION
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.record_sign_up(user, actor=user)
        return user

    def post_login(self, request, user, **kwargs):
        """Continue in the citizen's preferred language: the redirect goes to that language's URL
        and the language cookie is set (for the pages outside the language prefixes)."""
        language = _supported_language(getattr(user, "preferred_language", ""))
        # The destination (?next= or the profile) is a URL of the page's language; translate_url
        # resolves it in that language and reverses it in the citizen's.
        destination = get_login_redirect_url(request, kwargs.get("redirect_url"), signup=kwargs.get("signup"))
        kwargs["redirect_url"] = translate_url(destination, language)
        # The success message is rendered now, so in the language the citizen continues in.
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = super().post_login(request, user, **kwargs)
        set_language_cookie(response, language)
        return response


def _supported_language(code: str | None) -> str:
    codes = [c for c, _name in settings.LANGUAGES]
    return code if code in codes else settings.LANGUAGE_CODE


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
