"""The one access policy: what a staff member may see and do, and in which agencies.

Every back-office view, API endpoint and service asks this module; nothing else reads
Membership to decide permissions.

Model
    A user holds roles (government.models.Membership): editor, reviewer, officer, supervisor or
    agency_admin in one agency each, or platform_admin over everything. `ROLE_ACTIONS` below is
    the single table mapping roles to actions. A role in an agency also covers the agencies
    under it (a SEGOB role covers RENAPO, its decentralised body). Superusers and platform
    administrators may do every action in every agency. Inactive and anonymous users may do
    nothing. Citizens have no roles, hence no staff actions.

API
    agency_ids_for(user, action)      -> ALL or a frozenset of agency ids
    agencies_for(user, action)        -> QuerySet[Agency]
    scope(queryset, user, action, agency_field="agency") -> the rows the user may act on
        (agency_field=None when the queryset is of agencies themselves; rows with no agency,
        such as platform-wide audit entries, are visible to platform administrators only)
    can(user, action, agency=None)    -> bool; without an agency: "in at least one agency"
    require(user, action, agency=None)   raises PermissionDenied when `can` is False
    users_with(action, agency=None)   -> QuerySet of users who may (for notifications)

    `SYSTEM` is the actor for management commands and tasks: it may do everything, is never a
    request user, and the audit log records it as "system".

Cost
    The first question about a user loads their memberships (one query) and, when they hold an
    agency role, the agency tree (one query); the answer is kept on the user object, which
    Django builds once per request, so later checks in the same request cost nothing.
"""

from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from .models import Agency, Membership, Role


class Action(StrEnum):
    VIEW_STRUCTURE = "view_structure"  # see the agency, its units, offices and staff roles
    MANAGE_AGENCY = "manage_agency"  # edit the agency's profile and administrative units
    MANAGE_OFFICES = "manage_offices"  # edit offices, their hours and exceptions
    MANAGE_STAFF = "manage_staff"  # grant and revoke roles in the agency
    MANAGE_PLATFORM = "manage_platform"  # levels, agencies, holidays, every user
    VIEW_AUDIT = "view_audit"  # read the agency's audit log
    EDIT_CONTENT = "edit_content"  # draft pages, procedures and news
    REVIEW_CONTENT = "review_content"  # approve and publish content
    PROCESS_CASES = "process_cases"  # work on citizens' cases and appointments
    SUPERVISE = "supervise"  # reassign cases, see the team's workload


# The single table of who may do what. Roles are additive: a user with two roles may do
# the union. Platform administrators are handled separately (everything, everywhere).
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.EDITOR: frozenset({Action.VIEW_STRUCTURE, Action.EDIT_CONTENT}),
    Role.REVIEWER: frozenset({Action.VIEW_STRUCTURE, Action.EDIT_CONTENT, Action.REVIEW_CONTENT}),
    Role.OFFICER: frozenset({Action.VIEW_STRUCTURE, Action.PROCESS_CASES}),
    Role.SUPERVISOR: frozenset(
        {
            Action.VIEW_STRUCTURE,
            Action.PROCESS_CASES,
            Action.SUPERVISE,
            Action.MANAGE_OFFICES,
            Action.VIEW_AUDIT,
        }
    ),
    Role.AGENCY_ADMIN: frozenset(
        {
            Action.VIEW_STRUCTURE,
            Action.MANAGE_AGENCY,
            Action.MANAGE_OFFICES,
            Action.MANAGE_STAFF,
            Action.VIEW_AUDIT,
        }
    ),
}


class _All:
    """Marker: every agency, including rows that belong to none."""

    def __repr__(self):
        return "ALL"


ALL = _All()


class _System:
    """The actor of management commands and tasks. Never the user of a request."""

    is_authenticated = False
    is_active = True
    pk = None

    def __repr__(self):
        return "SYSTEM"


SYSTEM = _System()

_CACHE_ATTR = "_ventanilla_access"


def _has_everything(user) -> bool:
    if user is SYSTEM:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Role.PLATFORM_ADMIN in _grants(user)


def _grants(user) -> dict:
    """{role: frozenset(agency ids, sub-agencies included)}, cached on the user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    memberships = list(Membership.objects.filter(user=user).values_list("role", "agency_id"))
    grants: dict[str, set[int]] = {}
    children: dict[int | None, list[int]] = {}
    if any(agency_id for _role, agency_id in memberships):
        for agency_id, parent_id in Agency.objects.values_list("id", "parent_id"):
            children.setdefault(parent_id, []).append(agency_id)
    for role, agency_id in memberships:
        ids = grants.setdefault(role, set())
        stack = [agency_id] if agency_id else []
        while stack:  # the agency and everything under it
            current = stack.pop()
            if current not in ids:
                ids.add(current)
                stack.extend(children.get(current, ()))
    result = {role: frozenset(ids) for role, ids in grants.items()}
    setattr(user, _CACHE_ATTR, result)
    return result


def forget(user) -> None:
    """Drop the cached answers for `user` (after their roles change in the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_platform_admin(user) -> bool:
    return _has_everything(user)


def agency_ids_for(user, action: Action) -> _All | frozenset[int]:
    """ALL when the user may do `action` everywhere, else the ids of the agencies where they may."""
    if _has_everything(user):
        return ALL
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    ids: set[int] = set()
    for role, agency_ids in _grants(user).items():
        if action in ROLE_ACTIONS.get(role, ()):
            ids |= agency_ids
    return frozenset(ids)


def agencies_for(user, action: Action) -> QuerySet:
    ids = agency_ids_for(user, action)
    if ids is ALL:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=ids)


def scope(queryset: QuerySet, user, action: Action, agency_field: str | None = "agency") -> QuerySet:
    """The rows of `queryset` the user may do `action` on; `agency_field` leads to their agency."""
    ids = agency_ids_for(user, action)
    if ids is ALL:
        return queryset
    if not ids:
        return queryset.none()
    lookup = "pk__in" if agency_field is None else f"{agency_field}__in"
    return queryset.filter(**{lookup: ids})


def can(user, action: Action, agency=None) -> bool:
    """May `user` do `action` in `agency` (an Agency or its id)? Without an agency: in any."""
    ids = agency_ids_for(user, action)
    if ids is ALL:
        return True
    if agency is None:
        return bool(ids)
    return getattr(agency, "pk", agency) in ids


def require(user, action: Action, agency=None) -> None:
    if not can(user, action, agency):
        raise PermissionDenied(f"{action} not allowed")


def users_with(action: Action, agency=None) -> QuerySet:
    """Active users who may do `action` (in `agency`, or anywhere), superusers included."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if action in actions]
    held = Q(memberships__role__in=roles)
    if agency is not None:
        ancestors = []
        current = agency if isinstance(agency, Agency) else Agency.objects.get(pk=agency)
        while current is not None:  # a role in a parent agency covers this one
            ancestors.append(current.pk)
            current = current.parent
        held &= Q(memberships__agency__in=ancestors)
    condition = Q(is_superuser=True) | Q(memberships__role=Role.PLATFORM_ADMIN) | held
    return get_user_model().objects.filter(condition, is_active=True).distinct()
