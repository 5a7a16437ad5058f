"""Who may do what with the catalog in the back office, answered by government.access.

- Service sheets: editors of an agency (Action.EDIT_CONTENT) see, create, change, delete and
  lock its sheets; only its reviewers (Action.REVIEW_CONTENT) publish, unpublish and unlock
  someone else's lock. Platform administrators may do everything.
- Topics, life events and segments: platform administrators; every editor sees them.
- Search synonyms: every editor.

Wagtail asks the permission policies registered here (from CatalogConfig.ready(), before
anything asks Wagtail for one), but a few of its screens and wagtail-localize's still ask
Django's model permissions (`user.has_perm("catalog.publish_servicesheet")`) to decide which
buttons to show. Migration 0003 creates two groups holding those permissions, and
`sync_catalog_groups` keeps each staff member in the groups their roles call for whenever a
role is granted or revoked. The groups only show buttons: every view and service still asks
the policy (and so the agency), so a reviewer of one agency never publishes another's sheet.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from wagtail.permissions import register_permission_policy

from ventanilla.government.access import ROLE_ACTIONS, Action
from ventanilla.government.backoffice import AccessPolicy
from ventanilla.government.editorial import EditorialPolicy
from ventanilla.government.models import Membership, Role

from .models import LifeEvent, Segment, ServiceSheet, Synonym, Topic

EDITORS_GROUP = "Catalog editors"
REVIEWERS_GROUP = "Catalog reviewers"


class SheetPolicy(EditorialPolicy):
    """The editorial policy (government.editorial) of service sheets."""

    def __init__(self):
        super().__init__(ServiceSheet)


def register() -> None:
    edit, platform = Action.EDIT_CONTENT, Action.MANAGE_PLATFORM
    policies = [SheetPolicy()]
    for model in (Topic, LifeEvent, Segment):
        policies.append(
            AccessPolicy(model, view=edit, add=platform, change=platform, delete=platform, platform_wide=True)
        )
    policies.append(AccessPolicy(Synonym, view=edit, add=edit, change=edit, delete=edit, platform_wide=True))
    for policy in policies:
        register_permission_policy(policy.model, policy, exact_class=True)


def _roles_with(action: Action) -> set[str]:
    return {role for role, actions in ROLE_ACTIONS.items() if action in actions}


def sync_catalog_groups(user) -> None:
    """Put `user` in the catalog groups their current roles call for, and out of the others."""
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    platform = Role.PLATFORM_ADMIN in roles
    wanted = {
        EDITORS_GROUP: platform or bool(roles & _roles_with(Action.EDIT_CONTENT)),
        REVIEWERS_GROUP: platform or bool(roles & _roles_with(Action.REVIEW_CONTENT)),
    }
    groups = {group.name: group for group in Group.objects.filter(name__in=wanted)}
    for name, should_belong in wanted.items():
        if (group := groups.get(name)) is None:
            continue  # before migration 0003 has run
        if should_belong:
            user.groups.add(group)
        else:
            user.groups.remove(group)


def _membership_changed(sender, instance, **kwargs):
    sync_catalog_groups(instance.user)


def connect_signals() -> None:
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="catalog_groups_saved")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="catalog_groups_deleted")
