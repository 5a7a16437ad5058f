"""Changes to Wagtail groups and their permissions are in the audit log, with who made them."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from ventanilla.audit.models import AuditEntry
from ventanilla.core.context import channel_context
from ventanilla.government.models import Role

from .factories import staff

pytestmark = pytest.mark.django_db


_start = {"pk": 0}


def entries(action):
    """This test's entries (the log is append-only: earlier ones stay)."""
    return list(AuditEntry.objects.filter(action=action, pk__gt=_start["pk"]).order_by("pk"))


def start_here():
    _start["pk"] = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def admin():
    """A platform administrator acting in a back-office request (as the middleware sets it)."""
    user = staff(Role.PLATFORM_ADMIN)
    start_here()
    with channel_context("web", user_id=user.pk):
        yield user


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_group_created_renamed_and_deleted(admin):
    group = Group.objects.create(name="Revisores externos")
    group.name = "Revisores invitados"
    group.save()
    group.save()  # nothing changed: no entry
    group_pk = group.pk
    group.delete()
    created, = entries("accounts.group.create")
    assert (created.actor, created.object_id, created.changes) == (admin, str(group_pk), {
        "name": [None, "Revisores externos"],
    })
    renamed, = entries("accounts.group.update")
    assert renamed.changes == {"name": ["Revisores externos", "Revisores invitados"]}
    deleted, = entries("accounts.group.delete")
    assert (deleted.actor, deleted.changes) == (admin, {"name": ["Revisores invitados", None]})
    assert deleted.channel == "web"


def test_model_permissions_added_removed_and_cleared(admin):
    group = Group.objects.create(name="Editores de catálogo B")
    publish = permission("catalog", "publish_servicesheet")
    change = permission("catalog", "change_servicesheet")
    group.permissions.add(publish, change)
    group.permissions.remove(change)
    group.permissions.clear()
    added, removed, cleared = entries("accounts.group.permissions")
    assert added.changes == {"added": ["catalog.change_servicesheet", "catalog.publish_servicesheet"]}
    assert removed.changes == {"removed": ["catalog.change_servicesheet"]}
    assert cleared.changes == {"removed": ["catalog.publish_servicesheet"]}
    assert {entry.actor for entry in (added, removed, cleared)} == {admin}
    # From the permission's side too.
    publish.group_set.add(group)
    assert entries("accounts.group.permissions")[-1].changes == {"added": ["catalog.publish_servicesheet"]}


def test_collection_and_page_permissions_granted_and_withdrawn(admin):
    group = Group.objects.create(name="Fotógrafos")
    root_collection = Collection.get_first_root_node()
    grant = GroupCollectionPermission.objects.create(
        group=group, collection=root_collection, permission=permission("wagtailimages", "add_image"),
    )
    page_grant = GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission=permission("wagtailcore", "publish_page"),
    )
    grant.delete()
    page_grant.delete()
    # Deleting the group withdraws what it still holds, each grant logged, then the group.
    GroupCollectionPermission.objects.create(
        group=group, collection=root_collection, permission=permission("wagtaildocs", "add_document"),
    )
    group_pk = group.pk
    group.delete()
    assert entries("accounts.group.collection_permission")[-1].changes["removed"]["permission"] == (
        "wagtaildocs.add_document"
    )
    assert len(entries("accounts.group.delete")) == 1
    granted, withdrawn = entries("accounts.group.collection_permission")[:2]
    assert granted.changes == {"added": {
        "permission": "wagtailimages.add_image", "collection": str(root_collection),
        "collection_id": root_collection.pk,
    }}
    assert withdrawn.changes["removed"]["permission"] == "wagtailimages.add_image"
    page_granted, page_withdrawn = entries("accounts.group.page_permission")
    assert page_granted.changes["added"]["permission"] == "wagtailcore.publish_page"
    assert page_withdrawn.changes["removed"]["page_id"] == Page.get_first_root_node().pk
    assert all(entry.object_id == str(group_pk) and entry.actor == admin
               for entry in entries("accounts.group.page_permission"))


def test_a_change_that_rolls_back_leaves_no_entry(admin):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        Group.objects.create(name="Efímero")
        raise RuntimeError
    assert not entries("accounts.group.create")


def test_without_a_request_the_system_is_the_actor():
    start_here()
    Group.objects.create(name="Creado por un comando")
    entry, = entries("accounts.group.create")
    assert entry.actor is None and entry.actor_label == "system"


def test_the_group_screen_logs_only_the_permissions_it_changed(admin, client):
    """Wagtail's group form removes the permissions its screen does not show and adds them
    back; the audited form sets shown and hidden ones at once, so the log has the change only."""
    from ventanilla.government.groups import AuditedGroupForm

    group = Group.objects.create(name="Editores de prueba")
    form = AuditedGroupForm(instance=group)
    shown = form.registered_permissions.order_by("pk")
    hidden = Permission.objects.exclude(pk__in=shown).order_by("pk").first()
    kept, added = shown[0], shown[1]
    group.permissions.add(hidden, kept)
    start_here()
    form = AuditedGroupForm({"name": group.name, "permissions": [kept.pk, added.pk]}, instance=group)
    assert form.is_valid(), form.errors
    form.save()
    assert set(group.permissions.all()) == {hidden, kept, added}
    changed, = entries("accounts.group.permissions")
    assert changed.changes == {"added": [f"{added.content_type.app_label}.{added.codename}"]}
    # The back office's group screens use it.
    client.force_login(admin)
    response = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    assert isinstance(response.context["form"], AuditedGroupForm)
