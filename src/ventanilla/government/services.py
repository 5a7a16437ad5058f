"""Changes to the government structure, and the opening-hours questions citizens ask.

Every change is a function here: it runs in one transaction, asks `access` whether the actor
may make it (in the agency the record belongs to now *and* the one it will belong to, so
nobody moves a record out of or into an agency they do not manage), validates the record
(`full_clean`), saves it and appends one audit entry with the fields that changed. Saving a
record with no change writes nothing, so re-running an import is silent.

Records are deactivated, not deleted, because cases, appointments and the audit log point at
them; only holidays and staff roles are removed outright.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ventanilla.audit.services import diff, record, snapshot

from . import access
from .access import Action
from .models import (
    AdministrativeUnit,
    Agency,
    Holiday,
    Jurisdiction,
    Membership,
    Office,
    OpeningException,
    Role,
)

# Created by migration 0003: holds `wagtailadmin.access_admin`, the permission to enter /admin/.
BACK_OFFICE_GROUP = "Back office"

# Agency fields only a platform administrator may change: they move the agency in the structure.
AGENCY_STRUCTURAL_FIELDS = ("jurisdiction", "parent", "is_active")


# ---------------------------------------------------------------------------------------------
# Shared machinery
# ---------------------------------------------------------------------------------------------
def _agency_id(instance):
    """The agency a record belongs to, for permission checks and the audit log (None: platform-wide)."""
    if isinstance(instance, Agency):
        return instance.pk
    return getattr(instance, "agency_id", None)


def _snapshot(instance) -> dict:
    data = snapshot(instance)
    if isinstance(instance, Office):
        # Read through the cluster, so unsaved hours and exceptions of a form count too.
        data["hours"] = sorted(
            f"{h.weekday} {h.opens:%H:%M}-{h.closes:%H:%M}" for h in instance.hours.all()
        )
        data["exceptions"] = sorted(
            f"{e.date:%Y-%m-%d} " + (f"{e.opens:%H:%M}-{e.closes:%H:%M}" if e.opens else "closed")
            + (f" {e.reason}" if e.reason else "")
            for e in instance.exceptions.all()
        )
    return data


def _stored(instance):
    """The record as the database holds it, before the change being made to `instance`."""
    return type(instance)._default_manager.get(pk=instance.pk)


def _full_clean(instance) -> None:
    instance.full_clean()
    if isinstance(instance, Office):
        for child in [*instance.hours.all(), *instance.exceptions.all()]:
            child.full_clean(exclude=["office"], validate_constraints=False)


def _write(instance, *, actor, verb: str, before: dict):
    """Validate, save and audit `instance`; nothing is saved or recorded if nothing changed."""
    _full_clean(instance)
    if before and not diff(before, _snapshot(instance)):
        return instance
    instance.save()
    record(
        f"government.{instance._meta.model_name}.{verb}",
        actor=actor,
        target=instance,
        changes=diff(before, _snapshot(instance)),
        agency=_agency_id(instance),
    )
    return instance


def _create(instance, *, actor, action: Action):
    access.require(actor, action, _agency_id(instance))
    return _write(instance, actor=actor, verb="create", before={})


def _update(instance, *, actor, action: Action, verb: str = "update"):
    stored = _stored(instance)
    for agency_id in {_agency_id(stored), _agency_id(instance)}:
        access.require(actor, action, agency_id)
    return _write(instance, actor=actor, verb=verb, before=_snapshot(stored))


def _deactivate(instance, *, actor, action: Action):
    instance.is_active = False
    return _update(instance, actor=actor, action=action, verb="deactivate")


# ---------------------------------------------------------------------------------------------
# Jurisdictions (levels of government) and holidays: platform administrators
# ---------------------------------------------------------------------------------------------
@transaction.atomic
def create_jurisdiction(jurisdiction: Jurisdiction, *, actor) -> Jurisdiction:
    return _create(jurisdiction, actor=actor, action=Action.MANAGE_PLATFORM)


@transaction.atomic
def update_jurisdiction(jurisdiction: Jurisdiction, *, actor) -> Jurisdiction:
    return _update(jurisdiction, actor=actor, action=Action.MANAGE_PLATFORM)


@transaction.atomic
def deactivate_jurisdiction(jurisdiction: Jurisdiction, *, actor) -> Jurisdiction:
    return _deactivate(jurisdiction, actor=actor, action=Action.MANAGE_PLATFORM)


@transaction.atomic
def create_holiday(holiday: Holiday, *, actor) -> Holiday:
    return _create(holiday, actor=actor, action=Action.MANAGE_PLATFORM)


@transaction.atomic
def update_holiday(holiday: Holiday, *, actor) -> Holiday:
    return _update(holiday, actor=actor, action=Action.MANAGE_PLATFORM)


@transaction.atomic
def delete_holiday(holiday: Holiday, *, actor) -> None:
    access.require(actor, Action.MANAGE_PLATFORM)
    record(
        "government.holiday.delete", actor=actor, target=holiday, changes=diff(_snapshot(holiday), {})
    )
    holiday.delete()


# ---------------------------------------------------------------------------------------------
# Agencies: created and moved by platform administrators, described by their own administrators
# ---------------------------------------------------------------------------------------------
@transaction.atomic
def create_agency(agency: Agency, *, actor) -> Agency:
    return _create(agency, actor=actor, action=Action.MANAGE_PLATFORM)


@transaction.atomic
def update_agency(agency: Agency, *, actor) -> Agency:
    structural = list(AGENCY_STRUCTURAL_FIELDS)
    if snapshot(_stored(agency), structural) != snapshot(agency, structural):
        access.require(actor, Action.MANAGE_PLATFORM)
    return _update(agency, actor=actor, action=Action.MANAGE_AGENCY)


@transaction.atomic
def deactivate_agency(agency: Agency, *, actor) -> Agency:
    access.require(actor, Action.MANAGE_PLATFORM)
    return _deactivate(agency, actor=actor, action=Action.MANAGE_AGENCY)


# ---------------------------------------------------------------------------------------------
# Administrative units and offices: the agency's administrators (offices also supervisors)
# ---------------------------------------------------------------------------------------------
@transaction.atomic
def create_unit(unit: AdministrativeUnit, *, actor) -> AdministrativeUnit:
    return _create(unit, actor=actor, action=Action.MANAGE_AGENCY)


@transaction.atomic
def update_unit(unit: AdministrativeUnit, *, actor) -> AdministrativeUnit:
    return _update(unit, actor=actor, action=Action.MANAGE_AGENCY)


@transaction.atomic
def deactivate_unit(unit: AdministrativeUnit, *, actor) -> AdministrativeUnit:
    return _deactivate(unit, actor=actor, action=Action.MANAGE_AGENCY)


@transaction.atomic
def create_office(office: Office, *, actor) -> Office:
    """Create an office; hours and exceptions set on it (modelcluster) are saved with it."""
    return _create(office, actor=actor, action=Action.MANAGE_OFFICES)


@transaction.atomic
def update_office(office: Office, *, actor) -> Office:
    """Save an office with its hours and exceptions as now set on the instance."""
    return _update(office, actor=actor, action=Action.MANAGE_OFFICES)


@transaction.atomic
def deactivate_office(office: Office, *, actor) -> Office:
    return _deactivate(office, actor=actor, action=Action.MANAGE_OFFICES)


# ---------------------------------------------------------------------------------------------
# Staff roles
# ---------------------------------------------------------------------------------------------
def _require_staff_manager(actor, membership: Membership) -> None:
    if membership.role == Role.PLATFORM_ADMIN or membership.agency_id is None:
        access.require(actor, Action.MANAGE_PLATFORM)
    else:
        access.require(actor, Action.MANAGE_STAFF, membership.agency_id)


def _sync_back_office_access(user) -> None:
    """Staff with at least one role enter the back office; without roles they leave it."""
    group = Group.objects.get(name=BACK_OFFICE_GROUP)
    has_roles = Membership.objects.filter(user=user).exists()
    if has_roles:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    is_staff = has_roles or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    access.forget(user)


@transaction.atomic
def grant_membership(*, actor, user, agency: Agency | None, role: str) -> Membership:
    """Give `user` a role in `agency` (no agency for platform administrators)."""
    membership = Membership(user=user, agency=agency, role=role)
    _require_staff_manager(actor, membership)
    _write(membership, actor=actor, verb="create", before={})
    _sync_back_office_access(user)
    return membership


@transaction.atomic
def change_membership(membership: Membership, *, actor) -> Membership:
    """Save a changed role or agency of a membership (checked against the old and new agency)."""
    stored = _stored(membership)
    _require_staff_manager(actor, stored)
    _require_staff_manager(actor, membership)
    if membership.user_id != stored.user_id:
        raise ValidationError({"user": _("A staff role cannot be moved to another person.")})
    return _write(membership, actor=actor, verb="update", before=_snapshot(stored))


@transaction.atomic
def revoke_membership(membership: Membership, *, actor) -> None:
    _require_staff_manager(actor, membership)
    # Nobody locks themselves out: another administrator must revoke an administrator role.
    if membership.user_id == getattr(actor, "pk", None) and membership.role in (
        Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN
    ):
        raise PermissionDenied("administrators cannot revoke their own administrator role")
    record(
        "government.membership.delete",
        actor=actor,
        target=membership,
        changes=diff(_snapshot(membership), {}),
        agency=membership.agency_id,
    )
    user = membership.user
    membership.delete()
    _sync_back_office_access(user)


# ---------------------------------------------------------------------------------------------
# Opening hours
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DaySchedule:
    """One day of an office: its opening periods (empty when closed) and why it differs."""

    date: datetime.date
    periods: tuple[tuple[datetime.time, datetime.time], ...]
    note: str = ""  # the holiday's name or the exception's reason, in the active language
    is_special: bool = False  # an exception or a holiday changed the regular hours

    @property
    def is_open(self) -> bool:
        return bool(self.periods)


def _jurisdiction_chain(jurisdiction: Jurisdiction) -> list[int]:
    ids, current = [], jurisdiction
    while current is not None and current.pk not in ids:
        ids.append(current.pk)
        current = current.parent
    return ids


def opening_schedule(office: Office, date_from: datetime.date, days: int = 7) -> list[DaySchedule]:
    """The office's hours for `days` days from `date_from`.

    Precedence: an exception for the date (closed, or other hours) wins, since an office may
    open on a holiday for a campaign; else a holiday of the agency's jurisdiction or of a
    jurisdiction above it closes the office; else the regular weekly hours apply.
    """
    date_to = date_from + datetime.timedelta(days=days - 1)
    weekly: dict[int, list[tuple[datetime.time, datetime.time]]] = {}
    for hours in sorted(office.hours.all(), key=lambda h: (h.weekday, h.opens)):
        weekly.setdefault(hours.weekday, []).append((hours.opens, hours.closes))
    in_range = {"date__range": (date_from, date_to)}
    exceptions = {e.date: e for e in OpeningException.objects.filter(office=office, **in_range)}
    # Federation > state > municipality: three levels, fetched in one query.
    jurisdiction = Jurisdiction.objects.select_related("parent__parent").get(agencies__offices=office)
    holidays = {
        h.date: h
        for h in Holiday.objects.filter(
            jurisdiction_id__in=_jurisdiction_chain(jurisdiction), **in_range
        )
    }
    schedule = []
    for offset in range(days):
        day = date_from + datetime.timedelta(days=offset)
        if (exception := exceptions.get(day)) is not None:
            periods = () if exception.is_closed else ((exception.opens, exception.closes),)
            schedule.append(DaySchedule(day, periods, exception.localized("reason"), True))
        elif (holiday := holidays.get(day)) is not None:
            schedule.append(DaySchedule(day, (), holiday.localized("name"), True))
        else:
            schedule.append(DaySchedule(day, tuple(weekly.get(day.weekday(), ()))))
    return schedule


def office_is_open(office: Office, at: datetime.datetime) -> bool:
    """Is the office open at the aware datetime `at` (read in the site's time zone)?"""
    local = timezone.localtime(at)
    (today,) = opening_schedule(office, local.date(), days=1)
    now = local.time()
    return any(opens <= now < closes for opens, closes in today.periods)

