"""Forms of the citizen account pages (sign-up additions, profile, account deletion)."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import NotificationChannel, User
from .services import PROFILE_FIELDS
from .validators import normalize_curp, normalize_rfc, rfc_warnings, validate_curp


class CurpField(forms.CharField):
    """An optional CURP: normalised (upper case, no spaces) and checked rule by rule."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 22)  # room for the spaces or dashes people type
        kwargs.setdefault("label", "CURP")
        kwargs.setdefault(
            "help_text",
            _("Optional. 18 characters, as printed on your CURP certificate, e.g. PELJ900515HJCRPN03."),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_curp(super().to_python(value)) or None

    def validate(self, value):
        super().validate(value)
        if value:
            validate_curp(value)


def _curp_taken_error() -> forms.ValidationError:
    return forms.ValidationError(
        _("This CURP is already registered to another account. If it is yours, please contact us."),
        code="curp_taken",
    )


class ConsentFieldsMixin:
    """Adds the optional CURP and the required privacy-notice checkbox to a sign-up form.

    The checkbox links to the notice; acceptance time and version (services.PRIVACY_NOTICE_VERSION)
    are recorded by the account adapter when the user is saved.
    """

    consent_field_order = ["email", "first_name", "last_name", "curp", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_consent_fields()

    def save(self, request):
        # One transaction for the user, its e-mail address and the audit entries.
        with transaction.atomic():
            return super().save(request)

    def _add_consent_fields(self):
        self.fields["first_name"] = forms.CharField(label=_("Given names"), max_length=150, required=False)
        self.fields["last_name"] = forms.CharField(label=_("Surnames"), max_length=150, required=False)
        self.fields["curp"] = CurpField()
        self.fields["privacy_accepted"] = forms.BooleanField(
            required=True,
            label=format_html(
                _('I have read and accept the <a href="{url}">privacy notice</a>.'),
                url=reverse("accounts:privacy"),
            ),
            error_messages={"required": _("To create an account you must accept the privacy notice.")},
        )
        order = [name for name in self.consent_field_order if name in self.fields]
        self.order_fields([*order, "privacy_accepted"])

    def clean_curp(self):
        curp = self.cleaned_data.get("curp")
        if curp and User.objects.filter(curp=curp).exists():
            raise _curp_taken_error()
        return curp


class SignupForm(ConsentFieldsMixin, AllauthSignupForm):
    """allauth's sign-up form (ACCOUNT_FORMS["signup"]) with names, CURP and consent."""


class SocialSignupForm(ConsentFieldsMixin, AllauthSocialSignupForm):
    """Sign-up through the government identity provider (SOCIALACCOUNT_FORMS["signup"])."""


class ProfileForm(forms.ModelForm):
    """The citizen's own profile. Keeps what was typed when a field is wrong."""

    curp = CurpField()
    notification_channels = forms.MultipleChoiceField(
        label=_("How should we notify you?"),
        choices=NotificationChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("E-mail is used for account security messages in any case."),
    )

    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {"preferred_language": forms.RadioSelect}
        labels = {"first_name": _("Given names"), "last_name": _("Surnames")}
        help_texts = {
            "phone": _("10 digits, e.g. 55 1234 5678; for a number abroad start with +."),
            "postal_code": _("5 digits."),
            "preferred_language": _("Pages and messages will be shown in this language after you sign in."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []
        self.fields["rfc"].max_length = 15
        self.fields["rfc"].widget.attrs["maxlength"] = 15
        for name, autocomplete in {
            "first_name": "given-name",
            "last_name": "family-name",
            "phone": "tel",
            "street": "address-line1",
            "neighbourhood": "address-line2",
            "municipality": "address-level2",
            "state": "address-level1",
            "postal_code": "postal-code",
        }.items():
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["postal_code"].widget.attrs["inputmode"] = "numeric"
        self.fields["phone"].widget.attrs["type"] = "tel"

    def clean_curp(self):
        curp = self.cleaned_data.get("curp")
        if curp and User.objects.filter(curp=curp).exclude(pk=self.instance.pk).exists():
            raise _curp_taken_error()
        return curp

    def clean_rfc(self):
        rfc = normalize_rfc(self.cleaned_data.get("rfc", ""))
        self.warnings = rfc_warnings(rfc)
        return rfc

    def validate_unique(self):
        # clean_curp already answers with a clearer message than Django's generic one.
        pass


class DeleteAccountForm(forms.Form):
    """Explicit confirmation, plus the password for accounts that have one.

    The password goes through allauth's reauthentication, so wrong guesses count towards the
    same lockout (django-axes) as failed logins.
    """

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and my personal data will be deleted and that this "
            "cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Accounts created through the identity provider confirm through allauth's
            # reauthentication step instead (see views.DeleteAccountView).
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password
