"""Each agency's images and documents, in a Wagtail collection of its own.

Wagtail guards images and documents by collection (GroupCollectionPermission), outside
government.access. Staff get their image and document permissions from groups kept in step
with their roles (content migration 0003 grants the "Catalog editors" group add and choose on
the root collection), which alone would let an editor of one agency browse, choose and reuse
every other agency's uploads. So:

- every agency has a collection (`Agency.collection`, a child of the root named after the
  agency), created when the agency is and renamed with it; `ensure_collections()` gives one to
  agencies that have none (run after every `migrate`);
- `AgencyMediaPolicy`, Wagtail's collection-ownership policy for images and documents with
  one change: a permission a group holds on the root collection counts, for staff who are
  not platform administrators, only in the collections of the agencies where they edit
  content (government.access, Action.EDIT_CONTENT, sub-agencies included). Permissions a
  platform administrator grants on another collection (a shared one outside every agency's)
  are kept as granted; one inside another agency's collection does not reach the user.

The upload forms then offer only the user's agencies' collections, choosers and listings show
only the files in them, and opening another agency's file by its URL is refused. Files
uploaded before an agency had a collection stay in the root, which only platform
administrators manage (they can move them with Wagtail's "Add to collection" bulk action).
"""

import dataclasses

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models.signals import post_migrate, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import access
from .access import Action
from .models import Agency

COLLECTION_NAME_LENGTH = 255


def _collection_name(agency: Agency) -> str:
    return agency.name[:COLLECTION_NAME_LENGTH]


@transaction.atomic
def ensure_collection(agency: Agency) -> Collection:
    """The agency's collection, created under the root if it has none."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.collection_id is not None:
        return agency.collection
    # Wagtail's migrations create the root; a database emptied since (a flush) has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.add_child(name=_collection_name(agency))
    Agency.objects.filter(pk=agency.pk).update(collection=collection)
    return collection


def ensure_collections() -> int:
    """Give every agency without a collection one; returns how many were created."""
    created = 0
    for agency in Agency.objects.filter(collection__isnull=True).order_by("pk"):
        ensure_collection(agency)
        created += 1
    return created


def _agency_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if instance.collection_id is None:
        instance.collection = ensure_collection(instance)
    elif not created:
        Collection.objects.filter(pk=instance.collection_id).exclude(name=_collection_name(instance)).update(
            name=_collection_name(instance)
        )


def _ensure_after_migrate(sender, **kwargs):
    ensure_collections()


@dataclasses.dataclass(frozen=True)
class ScopedGrant:
    """A root-collection GroupCollectionPermission as it applies to one agency's collection
    (what Wagtail's collection policies read of one: permission, collection, collection_id)."""

    group_id: int
    collection: Collection
    permission: Permission

    @property
    def collection_id(self) -> int:
        return self.collection.pk


class AgencyMediaPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, with root-collection grants narrowed to the
    collections of the user's agencies (see the module)."""

    def get_all_permissions_for_user(self, user):
        granted = list(super().get_all_permissions_for_user(user))
        if not granted or access.is_platform_admin(user):
            return granted
        agency_ids = access.agency_ids_for(user, Action.EDIT_CONTENT)
        agency_collections = list(Collection.objects.filter(agency__isnull=False).select_related("agency"))
        own = [collection for collection in agency_collections if collection.agency.pk in agency_ids]
        others = [collection for collection in agency_collections if collection.agency.pk not in agency_ids]
        narrowed = []
        for grant in granted:
            if grant.collection.is_root():
                narrowed += [ScopedGrant(grant.group_id, collection, grant.permission) for collection in own]
            elif not any(_within(grant.collection, collection) for collection in others):
                narrowed.append(grant)
        return narrowed


def _within(collection: Collection, ancestor: Collection) -> bool:
    return collection.pk == ancestor.pk or collection.path.startswith(ancestor.path)


def register() -> None:
    """Called once from GovernmentConfig.ready()."""
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = AgencyMediaPolicy(model, auth_model=auth_model, owner_field_name="uploaded_by_user")
        register_permission_policy(model, policy, exact_class=True)
    post_save.connect(_agency_saved, sender=Agency, dispatch_uid="government_agency_collection")


def connect_post_migrate(app_config) -> None:
    post_migrate.connect(_ensure_after_migrate, sender=app_config, dispatch_uid="government_collections")
