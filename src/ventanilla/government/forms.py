"""Back-office forms of the government structure (used by the viewsets in wagtail_hooks.py)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import access
from .access import Action
from .backoffice import AccessForm
from .models import Membership, Role


class AgencyForm(AccessForm):
    """An agency's administrators describe it; only platform administrators move or close it."""

    form_action = Action.MANAGE_AGENCY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not access.is_platform_admin(self.for_user):
            for name in ("jurisdiction", "parent", "is_active"):
                if name in self.fields:
                    self.fields[name].disabled = True


class UnitForm(AccessForm):
    form_action = Action.MANAGE_AGENCY


class OfficeForm(AccessForm):
    form_action = Action.MANAGE_OFFICES


class MembershipForm(AccessForm):
    """Give an existing account a role. The person is named by e-mail, so an agency
    administrator never browses the list of all users (citizens included)."""

    form_action = Action.MANAGE_STAFF

    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("The person must already have an account on the site with this address."),
    )

    class Meta:
        model = Membership
        fields = ["email", "agency", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True
            self.fields["email"].help_text = ""
        if self.for_user is not None and not access.is_platform_admin(self.for_user):
            self.fields["role"].choices = [
                choice for choice in self.fields["role"].choices if choice[0] != Role.PLATFORM_ADMIN
            ]

    def clean_email(self):
        if self.instance.pk:
            return self.instance.user.email
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No active account uses this e-mail address. Ask the person to create an account first.")
            )
        self.instance.user = user
        return email

    def clean(self):
        cleaned = super().clean()
        role, agency = cleaned.get("role"), cleaned.get("agency")
        if role == Role.PLATFORM_ADMIN and agency is not None:
            self.add_error(
                "agency", _("Platform administrators work across all agencies: leave the agency empty.")
            )
        elif role and role != Role.PLATFORM_ADMIN and agency is None:
            self.add_error("agency", _("Choose the agency this role applies to."))
        user_id = self.instance.user_id
        if role and user_id and "agency" not in self.errors:
            duplicates = Membership.objects.filter(user_id=user_id, agency=agency, role=role)
            if duplicates.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(_("This person already has this role in this agency."))
        return cleaned
