"""Citizen account pages: profile, privacy notice, data download (ARCO access), deletion.

The pages take no user id: each acts on the signed-in user only, and the services check it again.
"""

import json

from allauth.account.decorators import reauthentication_required
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .adapters import set_language_cookie
from .forms import DeleteAccountForm, ProfileForm
from .models import User


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    if request.method == "POST":
        # The form validates a copy, so a rejected submission never touches request.user.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
            changes = services.update_profile(user, actor=user, data=data)
            language = user.preferred_language
            page_language = translation.get_language()
            # Confirm in the language the citizen chose, on that language's URL.
            translation.activate(language)
            for warning in form.warnings:
                messages.warning(request, warning)
            messages.success(request, _("Your profile has been saved."))
            with translation.override(page_language):
                response = redirect(translate_url(request.path, language))
            if "preferred_language" in changes:
                set_language_cookie(response, language)
            return response
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "mfa_enabled": is_mfa_enabled(user), "has_password": user.has_usable_password()},
    )


def privacy_notice(request):
    return render(
        request,
        "accounts/privacy.html",
        {"version": services.PRIVACY_NOTICE_VERSION},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def export_data(request):
    """GET explains what the file holds; POST returns it (and audits it) as a JSON attachment."""
    if request.method == "GET":
        return render(request, "accounts/export.html", {})
    data = services.export_personal_data(request.user, actor=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mis-datos-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _has_no_password(request) -> bool:
    return request.user.is_authenticated and not request.user.has_usable_password()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(enabled=_has_no_password, allow_get=False)
def delete_account(request):
    """ARCO cancellation. Accounts with a password re-enter it in the form; accounts without one
    (identity provider) go through allauth's reauthentication first."""
    user = request.user
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=user)
        if form.is_valid():
            services.delete_account(user, actor=user)
            logout(request)
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect("portal:home")
    else:
        form = DeleteAccountForm(user=user)
    return render(request, "accounts/delete.html", {"form": form})
