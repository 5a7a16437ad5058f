"""`manage.py load_demo`: complete, idempotent, and refused in production."""

import pytest

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from ventanilla.audit.models import AuditEntry
from ventanilla.core.channels import Channel
from ventanilla.government import access
from ventanilla.government.access import Action
from ventanilla.government.demo_data import DEMO_PASSWORD
from ventanilla.government.models import (
    AdministrativeUnit,
    Agency,
    Holiday,
    Jurisdiction,
    Level,
    Membership,
    Office,
    OpeningException,
    OpeningHours,
)

pytestmark = pytest.mark.django_db
MODELS = [Jurisdiction, Agency, AdministrativeUnit, Office, OpeningHours, OpeningException, Holiday,
          Membership, EmailAddress, AuditEntry]


def counts():
    return {model.__name__: model.objects.count() for model in [*MODELS, get_user_model()]}


def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first["Agency"] >= 12
    assert set(Agency.objects.values_list("jurisdiction__level", flat=True)) == set(Level.values)
    assert all(Office.objects.filter(agency=agency).count() >= 2 for agency in Agency.objects.all())
    assert first["Holiday"] >= 14  # two years of LFT art. 74 rest days
    assert "Demo-Ventanilla-2026" in capsys.readouterr().out


def test_demo_changes_are_audited_as_system():
    call_command("load_demo")
    channels = set(AuditEntry.objects.values_list("channel", flat=True))
    assert channels == {Channel.SYSTEM}
    assert not AuditEntry.objects.filter(actor__isnull=False).exists()


def test_demo_accounts_can_sign_in_at_once_with_their_roles():
    call_command("load_demo")
    User = get_user_model()
    for role in ("editor", "agency-admin", "ciudadano"):
        email = f"{role}@demo.ventanilla.mx"
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    admin = User.objects.get(email="agency-admin@demo.ventanilla.mx")
    assert admin.has_perm("wagtailadmin.access_admin")
    managed = access.agencies_for(admin, Action.MANAGE_STAFF).values_list("slug", flat=True)
    assert list(managed) == ["sefiplan"]
    assert access.is_platform_admin(User.objects.get(email="platform-admin@demo.ventanilla.mx"))
    citizen = User.objects.get(email="ciudadano@demo.ventanilla.mx")
    assert not citizen.is_staff and not citizen.has_perm("wagtailadmin.access_admin")


def test_refused_where_demo_data_is_not_allowed(settings):
    settings.VENTANILLA_ALLOW_DEMO_DATA = False
    with pytest.raises(CommandError, match="VENTANILLA_ALLOW_DEMO_DATA"):
        call_command("load_demo")
    assert not Agency.objects.exists()
