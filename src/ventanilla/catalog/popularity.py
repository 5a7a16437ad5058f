"""How often each service sheet is viewed, counted without slowing page serving.

`record_view(sheet)` adds one to a counter in the cache (one atomic increment, no database
write on the request path). `flush_views()` — run every minute by the catalog jobs, see
catalog.tasks — moves the counters into SheetPopularity with `UPDATE ... views = views + n`.
Counts are per procedure, not per language: both languages of a sheet share its
translation_key, so the Spanish and English pages add to the same number.

Concurrency: the flush reads a counter, subtracts what it read with an atomic decrement (views
recorded meanwhile stay in the cache for the next flush) and only then writes the database; if
the write fails the amount is added back, so a batch is neither lost nor counted twice.

The counters must live in a cache every process shares (Redis in production, see settings);
with the per-process local-memory cache of development, views counted by the web server are
invisible to the process that flushes them.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import ServiceSheet, SheetPopularity

logger = logging.getLogger(__name__)

KEY_PREFIX = "catalog:views:"
BATCH = 1000


def _key(translation_key) -> str:
    return f"{KEY_PREFIX}{translation_key}"


def record_view(sheet: ServiceSheet) -> None:
    """Count one view of `sheet` (any language)."""
    key = _key(sheet.translation_key)
    try:
        cache.incr(key)
    except ValueError:  # no counter yet: create it, unless another request just did
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)


def pending_views(sheet: ServiceSheet) -> int:
    """Views counted in the cache and not flushed yet."""
    return cache.get(_key(sheet.translation_key), 0)


def _write(counts: dict) -> None:
    with transaction.atomic():
        for translation_key, views in counts.items():
            updated = SheetPopularity.objects.filter(translation_key=translation_key).update(
                views=F("views") + views
            )
            if not updated:
                SheetPopularity.objects.create(translation_key=translation_key, views=views)


def flush_views() -> int:
    """Move every cached counter into the database; returns the number of views moved."""
    translation_keys = (
        ServiceSheet.objects.order_by().values_list("translation_key", flat=True).distinct().iterator()
    )
    moved = 0
    batch = []
    for translation_key in translation_keys:
        batch.append(translation_key)
        if len(batch) == BATCH:
            moved += _flush_batch(batch)
            batch = []
    if batch:
        moved += _flush_batch(batch)
    return moved


def _flush_batch(translation_keys: list) -> int:
    keys = {_key(k): k for k in translation_keys}
    counts = {keys[key]: n for key, n in cache.get_many(list(keys)).items() if n}
    if not counts:
        return 0
    for translation_key, n in counts.items():
        cache.decr(_key(translation_key), n)
    try:
        _write(counts)
    except Exception:
        for translation_key, n in counts.items():  # give the views back for the next flush
            try:
                cache.incr(_key(translation_key), n)
            except ValueError:
                cache.add(_key(translation_key), n, timeout=None)
        raise
    return sum(counts.values())


def most_requested(language: str, limit: int = 10):
    """The live sheets of `language` (a locale code such as "es-mx" or "en"), most viewed first."""
    views = SheetPopularity.objects.filter(translation_key=OuterRef("translation_key")).values("views")[:1]
    return list(
        ServiceSheet.objects.filter(live=True, locale__language_code=language)
        .select_related("agency")
        .annotate(view_count=Coalesce(Subquery(views), Value(0)))
        .order_by("-view_count", "name")[:limit]
    )
