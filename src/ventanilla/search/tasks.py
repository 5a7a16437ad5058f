"""Index upkeep that follows changes outside the sheets themselves (see signals.py).

- Renames: an index row copies its agency's name, acronym and level, and its topics' names
  (documents.entry_for). Renaming one of them, or moving an agency to another jurisdiction,
  enqueues `reindex_sheets_showing`, which lists the live sheets that show the record and
  enqueues `reindex_sheets` for them in batches of REINDEX_BATCH: the back office's save stays
  fast and no task holds a transaction open for long, however many sheets an agency has.
- Popularity: after catalog.popularity stores view counts, `refresh_popularity_of` copies the new
  totals of those procedures onto their index rows (and only theirs).
"""

from django.apps import apps
from django.tasks import task

from . import documents

REINDEX_BATCH = 200

# What an index row copies from each kind of record, and how to find the sheets that show one.
# Life events and audience segments enter the rows as facet ids today, their names being read
# when a search shows them; they are watched too so a row never keeps a stale name once
# documents.entry_for indexes their names.
WATCHED = {
    "government.Agency": (("name", "name_en", "acronym", "jurisdiction_id"), "agency"),
    "government.Jurisdiction": (("level",), "agency__jurisdiction"),
    "catalog.Topic": (("name", "name_en"), "topics"),
    "catalog.LifeEvent": (("name", "name_en"), "life_events"),
    "catalog.Segment": (("name", "name_en"), "segments"),
}


@task
def reindex_sheets_showing(model_label: str, pk: int) -> int:
    """Enqueue the reindexing of the live sheets that show record `pk` of `model_label`; returns
    how many there are."""
    _fields, relation = WATCHED[model_label]
    ServiceSheet = apps.get_model("catalog", "ServiceSheet")
    sheet_ids = list(
        ServiceSheet.objects.filter(live=True, **{relation: pk})
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    for start in range(0, len(sheet_ids), REINDEX_BATCH):
        reindex_sheets.enqueue(sheet_ids[start:start + REINDEX_BATCH])
    return len(sheet_ids)


@task
def reindex_sheets(sheet_ids: list[int]) -> int:
    """Rewrite the index rows of these sheets from their current data (those still live; an
    unpublished one was already removed by its signal). Callers pass at most REINDEX_BATCH."""
    from .backends import get_backend

    sheet_ids = list(sheet_ids)
    popularity = documents.popularity_counts(sheet_ids)
    entries = [
        documents.entry_for(sheet, popularity.get(sheet.pk, 0))
        for sheet in documents.sheet_queryset().filter(pk__in=sheet_ids)
    ]
    if entries:
        get_backend().index(entries)
    return len(entries)


def refresh_popularity_of(translation_keys) -> None:
    """Copy the stored view counts of these procedures (every language) onto their index rows."""
    ServiceSheet = apps.get_model("catalog", "ServiceSheet")
    sheet_ids = list(
        ServiceSheet.objects.filter(live=True, translation_key__in=list(translation_keys)).values_list(
            "pk", flat=True
        )
    )
    if sheet_ids:
        from .backends import get_backend

        get_backend().set_popularity(documents.popularity_counts(sheet_ids))
