"""The audit log of who may do what in the back office: Wagtail groups and their permissions.

Wagtail's group screens (platform administrators only, see policies.py) save these rows
themselves, with no hook before or after, and some of the changes are many-to-many additions
and removals that no model save reports. So the entries come from the models' signals,
whatever screen, command or shell made the change (migrations use historical models, which
send none):

- accounts.group.create / update / delete: a group and its name;
- accounts.group.permissions: model permissions added to or removed from a group;
- accounts.group.collection_permission / page_permission: image, document and page
  permissions granted or withdrawn (with the collection or page they apply to).

Which groups a user is in is audited where it is changed by hand, on Wagtail's user screen
(wagtail_hooks: the "groups" of accounts.user.update). Staff roles also move users in and out
of groups (government.services, catalog.permissions), but a role change has its own entry.

The actor is the request's user (core.context), or the system for commands and migrations.
Each entry is written in the transaction of the change when there is one (a savepoint), so a
change that rolls back leaves no entry.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from ventanilla.audit.services import record

from .editorial import acting_user


def _record(action: str, target, changes: dict) -> None:
    with transaction.atomic():
        record(action, actor=acting_user(), target=target, changes=changes)


def _permission_names(pks) -> list[str]:
    rows = Permission.objects.filter(pk__in=pks).values_list("content_type__app_label", "codename")
    return sorted(f"{app_label}.{codename}" for app_label, codename in rows)


# ---------------------------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------------------------
def _remember_group_name(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_previous_name = None
        return
    stored = Group.objects.filter(pk=instance.pk).values_list("name", flat=True)
    instance._audit_previous_name = stored.first()


def _group_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        _record("accounts.group.create", instance, {"name": [None, instance.name]})
        return
    previous = getattr(instance, "_audit_previous_name", None)
    if previous is not None and previous != instance.name:
        _record("accounts.group.update", instance, {"name": [previous, instance.name]})


def _group_deleted(sender, instance, **kwargs):
    _record("accounts.group.delete", instance, {"name": [instance.name, None]})


def _group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Group.permissions: the group's side (group.permissions.add) or the permission's side."""
    if action == "pre_clear":
        # A clear reports no primary keys: remember what is about to go.
        if reverse:
            instance._audit_cleared = list(instance.group_set.values_list("pk", flat=True))
        else:
            instance._audit_cleared = list(instance.permissions.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pks = getattr(instance, "_audit_cleared", []) if action == "post_clear" else list(pk_set or ())
    if not pks:
        return
    key = "added" if action == "post_add" else "removed"
    if reverse:  # permission.group_set.add(group...): one entry per group
        for group in Group.objects.filter(pk__in=pks):
            _record("accounts.group.permissions", group, {key: _permission_names([instance.pk])})
    else:
        _record("accounts.group.permissions", instance, {key: _permission_names(pks)})


# ---------------------------------------------------------------------------------------------
# Collection and page permissions (Wagtail's own rows)
# ---------------------------------------------------------------------------------------------
def _collection_permission(instance) -> dict:
    return {
        "permission": f"{instance.permission.content_type.app_label}.{instance.permission.codename}",
        "collection": str(instance.collection),
        "collection_id": instance.collection_id,
    }


def _page_permission(instance) -> dict:
    return {
        "permission": f"{instance.permission.content_type.app_label}.{instance.permission.codename}",
        "page": str(instance.page),
        "page_id": instance.page_id,
    }


def _granted(describe, action):
    def handler(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            _record(action, instance.group, {"added": describe(instance)})

    return handler


def _withdrawn(describe, action):
    def handler(sender, instance, **kwargs):
        # Deleting a group deletes its grants first, each logged as withdrawn beside the
        # group's own delete entry; a grant whose group row is already gone has no target.
        group = Group.objects.filter(pk=instance.group_id).first()
        if group is not None:
            _record(action, group, {"removed": describe(instance)})

    return handler


def connect() -> None:
    """Called once from GovernmentConfig.ready()."""
    uid = "ventanilla_permission_audit"
    pre_save.connect(_remember_group_name, sender=Group, dispatch_uid=f"{uid}_group_pre")
    post_save.connect(_group_saved, sender=Group, dispatch_uid=f"{uid}_group_saved")
    post_delete.connect(_group_deleted, sender=Group, dispatch_uid=f"{uid}_group_deleted")
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through,
                        dispatch_uid=f"{uid}_group_permissions")
    for model, describe, action in (
        (GroupCollectionPermission, _collection_permission, "accounts.group.collection_permission"),
        (GroupPagePermission, _page_permission, "accounts.group.page_permission"),
    ):
        post_save.connect(_granted(describe, action), sender=model, weak=False,
                          dispatch_uid=f"{uid}_{model._meta.model_name}_saved")
        post_delete.connect(_withdrawn(describe, action), sender=model, weak=False,
                            dispatch_uid=f"{uid}_{model._meta.model_name}_deleted")
