"""User accounts: e-mail is the login, for citizens and staff alike.

The citizen profile (CURP, RFC, contact details, preferences, privacy-notice acceptance) lives
on the user row itself: it is one-to-one, always read with the user, and deleting the account
(ARCO cancellation) must take all of it in one statement.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import normalize_curp, normalize_rfc, validate_curp, validate_phone, validate_rfc


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("a superuser must have is_staff and is_superuser")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Language(models.TextChoices):
    """The interface languages (settings.LANGUAGES), as choices a migration can freeze."""

    SPANISH = "es-mx", _("Spanish")
    ENGLISH = "en", _("English")


def default_channels() -> list[str]:
    return ["email"]


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS text message")
    WHATSAPP = "whatsapp", _("WhatsApp")


class User(AbstractBaseUser, PermissionsMixin):
    # Stored lower-cased (the manager and clean() normalise), so unique means case-insensitive unique.
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("given names"), max_length=150, blank=True)
    last_name = models.CharField(_("surnames"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("Whether the user can enter the back office.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    # Identity. Optional at sign-up; unique when set (NULL, not "", so many users may lack one).
    curp = models.CharField(
        "CURP", max_length=18, unique=True, null=True, blank=True, validators=[validate_curp],
        help_text=_("Clave Única de Registro de Población, 18 characters."),
    )
    rfc = models.CharField(
        "RFC", max_length=13, blank=True, validators=[validate_rfc],
        help_text=_("Registro Federal de Contribuyentes, with homoclave (13 characters, 12 for companies)."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    # Postal address, in the order Mexican forms ask for it.
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    neighbourhood = models.CharField(_("neighbourhood (colonia)"), max_length=120, blank=True)
    municipality = models.CharField(_("municipality or borough"), max_length=120, blank=True)
    state = models.CharField(_("state"), max_length=60, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A postal code has 5 digits."))],
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=Language.choices, default=Language.SPANISH
    )
    # A list of NotificationChannel values; a list (not booleans) so new channels need no migration.
    notification_channels = models.JSONField(_("notification channels"), default=default_channels, blank=True)
    privacy_notice_accepted_at = models.DateTimeField(_("privacy notice accepted at"), null=True, blank=True)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        self.curp = normalize_curp(self.curp) or None
        self.rfc = normalize_rfc(self.rfc)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email
