"""Keep the index current with no manual step.

- Wagtail's `published` (a sheet goes live, including scheduled publication) indexes the row in
  the same transaction; `unpublished` (including expiry, which unpublishes) removes it.
- A sheet created already live outside the back office (data loaders, generate_catalog) is
  indexed when its transaction commits, once its topics and other relations are saved.
- Deleting a sheet removes its row.
- Synonyms need nothing: queries are expanded with the groups as they are when the query runs
  (one small query), so an edited group applies at once, in every process, with no reindex.
- Renaming an agency, topic, life event or segment, moving an agency to another jurisdiction or
  changing a jurisdiction's level rewrites the rows of the live sheets that show it, through the
  task queue once the change is committed (tasks.WATCHED lists the fields).
- Stored view counts (catalog.popularity.views_stored) refresh those sheets' popularity.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
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


def _watched_fields(instance) -> tuple:
    from .tasks import WATCHED

    fields, _relation = WATCHED[instance._meta.label]
    return tuple(getattr(instance, field) for field in fields)


def _before_watched_save(sender, instance, raw=False, **kwargs):
    """Remember what the index copies from the record as stored (one query, on saves only)."""
    from .tasks import WATCHED

    instance._search_stored = None
    if raw or instance._state.adding or instance.pk is None:
        return
    fields, _relation = WATCHED[sender._meta.label]
    instance._search_stored = sender._default_manager.filter(pk=instance.pk).values_list(*fields).first()


def _after_watched_save(sender, instance, created, raw=False, **kwargs):
    stored = getattr(instance, "_search_stored", None)
    if raw or created or stored is None or tuple(stored) == _watched_fields(instance):
        return
    from .tasks import reindex_sheets_showing

    label, pk = sender._meta.label, instance.pk
    transaction.on_commit(lambda: reindex_sheets_showing.enqueue(label, pk))


def _views_stored(sender, translation_keys, **kwargs):
    from .tasks import refresh_popularity_of

    refresh_popularity_of(translation_keys)


def connect() -> None:
    from ventanilla.catalog.models import ServiceSheet
    from ventanilla.catalog.popularity import views_stored

    from .tasks import WATCHED

    uid = "ventanilla.search"
    published.connect(_sheet_published, sender=ServiceSheet, dispatch_uid=f"{uid}.published")
    unpublished.connect(_sheet_unpublished, sender=ServiceSheet, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(_sheet_deleted, sender=ServiceSheet, dispatch_uid=f"{uid}.deleted")
    post_save.connect(_sheet_saved, sender=ServiceSheet, dispatch_uid=f"{uid}.created")
    for label in WATCHED:
        model = apps.get_model(label)
        pre_save.connect(_before_watched_save, sender=model, dispatch_uid=f"{uid}.before.{label}")
        post_save.connect(_after_watched_save, sender=model, dispatch_uid=f"{uid}.after.{label}")
    views_stored.connect(_views_stored, dispatch_uid=f"{uid}.views")
