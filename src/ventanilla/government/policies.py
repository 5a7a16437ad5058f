"""Wagtail permission policies of the back office, all answering from government.access.

Registered from GovernmentConfig.ready(), before anything can ask Wagtail for one of these
models' policy (Wagtail refuses a registration once it has handed out a default policy).
Apps with their own back-office models add theirs in their AppConfig.ready() the same way.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.permissions import register_permission_policy

from ventanilla.audit.models import AuditEntry

from .access import Action
from .backoffice import AccessPolicy, PlatformOnlyPolicy
from .models import AdministrativeUnit, Agency, Holiday, Jurisdiction, Membership, Office


def register() -> None:
    view, platform = Action.VIEW_STRUCTURE, Action.MANAGE_PLATFORM
    user_model = get_user_model()
    policies = [
        AccessPolicy(Jurisdiction, view=view, add=platform, change=platform, platform_wide=True),
        AccessPolicy(Holiday, view=view, add=platform, change=platform, delete=platform, platform_wide=True),
        AccessPolicy(Agency, view=view, add=platform, change=Action.MANAGE_AGENCY, agency_field=None),
        AccessPolicy(AdministrativeUnit, view=view, add=Action.MANAGE_AGENCY, change=Action.MANAGE_AGENCY),
        AccessPolicy(Office, view=view, add=Action.MANAGE_OFFICES, change=Action.MANAGE_OFFICES),
        AccessPolicy(
            Membership, view=view, add=Action.MANAGE_STAFF, change=Action.MANAGE_STAFF,
            delete=Action.MANAGE_STAFF,
        ),
        # Read-only, in every agency's back office: there is no action to add, change or delete.
        AccessPolicy(AuditEntry, view=Action.VIEW_AUDIT),
        # Wagtail's user and group screens: platform administrators only. Agency administrators
        # manage their staff through staff roles and never list the site's users. Accounts are
        # deactivated here, never deleted: deletion is the citizen's ARCO right, handled (and
        # audited) by ventanilla.accounts.services.
        PlatformOnlyPolicy(user_model, excluded={"delete"}),
        PlatformOnlyPolicy(Group),
    ]
    for policy in policies:
        register_permission_policy(policy.model, policy, exact_class=True)
