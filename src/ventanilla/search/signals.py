"""Keep the index current with no manual step.

- Wagtail's `published` (a sheet goes live, including scheduled publication) indexes the row in
  the same transaction; `unpublished` (including expiry, which unpublishes) removes it.
- A sheet created already live outside the back office (data loaders, generate_catalog) is
  indexed when its transaction commits, once its topics and other relations are saved.
- Deleting a sheet removes its row.
- Synonyms need nothing: queries are expanded with the groups as they are when the query runs
  (one small query), so an edited group applies at once, in every process, with no reindex.
- Stored view counts (catalog.popularity.views_stored) refresh those sheets' popularity.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished


def _sheet_published(sender, instance, **kwargs):
    from .services import index_sheet

    index_sheet(instance)


def _sheet_unpublished(sender, instance, **kwargs):
    from .services import remove_sheet

    remove_sheet(instance.pk)


def _sheet_deleted(sender, instance, **kwargs):
    from .services import remove_sheet

    remove_sheet(instance.pk)


def _sheet_saved(sender, instance, created, **kwargs):
    if created and instance.live:
        from .services import index_sheet_by_id

        sheet_id = instance.pk
        transaction.on_commit(lambda: index_sheet_by_id(sheet_id))


def _views_stored(sender, translation_keys, **kwargs):
    from .tasks import refresh_popularity_of

    refresh_popularity_of(translation_keys)


def connect() -> None:
    from ventanilla.catalog.models import ServiceSheet
    from ventanilla.catalog.popularity import views_stored

    uid = "ventanilla.search"
    published.connect(_sheet_published, sender=ServiceSheet, dispatch_uid=f"{uid}.published")
    unpublished.connect(_sheet_unpublished, sender=ServiceSheet, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(_sheet_deleted, sender=ServiceSheet, dispatch_uid=f"{uid}.deleted")
    post_save.connect(_sheet_saved, sender=ServiceSheet, dispatch_uid=f"{uid}.created")
    views_stored.connect(_views_stored, dispatch_uid=f"{uid}.views")
