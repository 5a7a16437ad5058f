"""How often each service sheet is viewed, counted without slowing page serving.

Counting: `record_view(sheet)` adds one to a counter in the cache (one atomic increment, no
database query) and notes the sheet in this process's `ViewCounter`. Counts are per procedure,
not per language: both languages of a sheet share its translation_key.

Moving the counts into SheetPopularity, two ways that may run side by side:

- Each web process hands its own counters over: after a response has been sent
  (`request_finished`), once `VIEW_COUNTS_HANDOFF_SECONDS` have passed or
  `VIEW_COUNTS_HANDOFF_VIEWS` views were counted since the last hand-over, it takes the
  counters of the sheets it saw out of the cache and enqueues one `store_sheet_views` task with
  them (one INSERT into the task queue). This is what makes the counts flow with the default
  local-memory cache, where every process keeps its own counters and no other process can read
  them. A process that stops loses at most the views of its last interval.
- `flush_views()`, run every minute by `manage.py catalog_jobs`, moves every counter it can see:
  with Redis (shared by every process) that covers the views of processes that went quiet.

Taking a counter reads it and subtracts what it read with an atomic decrement, so views counted
meanwhile stay for the next hand-over, and two processes taking the same shared counter never
count a view twice (the total in the database plus the counters is always the number of views).
If the hand-over fails the amounts are added back.

Storing (`store_views`) is one `INSERT ... ON CONFLICT DO UPDATE SET views = views + n` statement
per batch, safe when several workers store at once (no read-modify-write), then the
`views_stored` signal: the search app refreshes the popularity of those sheets' index rows.
"""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.signals import request_finished, setting_changed
from django.db import close_old_connections, connection, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone

from .models import ServiceSheet, SheetPopularity
from .page_queries import live_sheets

logger = logging.getLogger(__name__)

KEY_PREFIX = "catalog:views:"
BATCH = 1000
# Defaults of the settings of the same names: a web process hands its counters over after this
# many seconds or this many views, whichever comes first. None turns the hand-over off (the
# test settings do, so no test's query count depends on when another test counted a view).
VIEW_COUNTS_HANDOFF_SECONDS = 30.0
VIEW_COUNTS_HANDOFF_VIEWS = 500

# Sent after view counts were stored; `translation_keys` are the procedures whose count changed.
views_stored = Signal()


def _key(translation_key) -> str:
    return f"{KEY_PREFIX}{translation_key}"


def _add(cache, key: str, amount: int) -> None:
    try:
        cache.incr(key, amount)
    except ValueError:  # no counter yet: create it, unless another request just did
        if not cache.add(key, amount, timeout=None):
            cache.incr(key, amount)


def _take(cache, translation_keys) -> dict[str, int]:
    """Remove the positive counters of these procedures from `cache`: {translation_key: views}."""
    keys = {_key(translation_key): str(translation_key) for translation_key in translation_keys}
    counts = {keys[key]: n for key, n in cache.get_many(list(keys)).items() if n and n > 0}
    for translation_key, n in counts.items():
        cache.decr(_key(translation_key), n)
    return counts


def _give_back(cache, counts: dict[str, int]) -> None:
    for translation_key, n in counts.items():
        _add(cache, _key(translation_key), n)


class ViewCounter:
    """The views one process counts, and their hand-over to the database from that process.

    `cache` holds the counters (the default cache; tests give each "process" its own).
    Thread-safe: a process may serve requests from several threads.
    """

    def __init__(self, cache=None, *, every_seconds=None, every_views=None, clock=time.monotonic):
        self.cache = cache or default_cache
        self.every_seconds = every_seconds
        self.every_views = every_views
        self.clock = clock
        self._lock = threading.Lock()
        self._handing_off = threading.Lock()
        self._seen: set[str] = set()
        self._views = 0
        self._since = clock()

    def record(self, translation_key) -> None:
        _add(self.cache, _key(translation_key), 1)
        with self._lock:
            self._seen.add(str(translation_key))
            self._views += 1

    def due(self) -> bool:
        if not self._seen:
            return False
        if self.every_views is not None and self._views >= self.every_views:
            return True
        return self.every_seconds is not None and self.clock() - self._since >= self.every_seconds

    def hand_off(self) -> int:
        """Enqueue the storage of the counts of the sheets this process saw; returns the views.

        One thread at a time; another thread finding a hand-over under way skips it.
        """
        if not self._handing_off.acquire(blocking=False):
            return 0
        try:
            with self._lock:
                seen, self._seen = self._seen, set()
                self._views = 0
                self._since = self.clock()
            counts = {}
            try:
                for _start, batch in _batches(sorted(seen)):
                    counts.update(_take(self.cache, batch))
                if counts:
                    from .tasks import store_sheet_views

                    store_sheet_views.enqueue(counts)
            except Exception:
                _give_back(self.cache, counts)
                with self._lock:
                    self._seen |= seen
                raise
            return sum(counts.values())
        finally:
            self._handing_off.release()


def _batches(items: list):
    for start in range(0, len(items), BATCH):
        yield start, items[start:start + BATCH]


_counter: ViewCounter | None = None


def counter() -> ViewCounter:
    """This process's ViewCounter, with the intervals from the settings."""
    global _counter
    if _counter is None:
        _counter = ViewCounter(
            every_seconds=getattr(settings, "VIEW_COUNTS_HANDOFF_SECONDS", VIEW_COUNTS_HANDOFF_SECONDS),
            every_views=getattr(settings, "VIEW_COUNTS_HANDOFF_VIEWS", VIEW_COUNTS_HANDOFF_VIEWS),
        )
    return _counter


def record_view(sheet: ServiceSheet) -> None:
    """Count one view of `sheet` (any language)."""
    record_view_of(sheet.translation_key)


def record_view_of(translation_key) -> None:
    """Count one view of the procedure `translation_key` (what the page cache has at hand)."""
    counter().record(translation_key)


def pending_views(sheet: ServiceSheet) -> int:
    """Views counted in this process's cache and not stored yet."""
    return default_cache.get(_key(sheet.translation_key), 0)


def _hand_off_after_response(**kwargs) -> None:
    """request_finished: the response has gone; hand the counters over if it is time."""
    current = _counter
    if current is None or not current.due():
        return
    try:
        current.hand_off()
    except Exception:
        logger.exception("could not hand the view counts over; they stay for the next time")
    finally:
        # The hand-over may have opened a connection after Django closed the request's one.
        close_old_connections()


def _settings_changed(setting, **kwargs) -> None:
    global _counter
    if setting in ("VIEW_COUNTS_HANDOFF_SECONDS", "VIEW_COUNTS_HANDOFF_VIEWS", "CACHES"):
        _counter = None


def connect_signals() -> None:
    """Called from CatalogConfig.ready()."""
    request_finished.connect(_hand_off_after_response, dispatch_uid="catalog-views-hand-off")
    setting_changed.connect(_settings_changed, dispatch_uid="catalog-views-settings")


# -------------------------------------------------------------------------------------------------
# Storing
# -------------------------------------------------------------------------------------------------
def _write(counts: dict) -> None:
    """Add `counts` ({translation_key: views}) to SheetPopularity: one upsert per batch."""
    table = connection.ops.quote_name(SheetPopularity._meta.db_table)
    key_field = SheetPopularity._meta.get_field("translation_key")
    updated_field = SheetPopularity._meta.get_field("updated_at")
    now = updated_field.get_db_prep_value(timezone.now(), connection)
    rows = [
        (key_field.get_db_prep_value(uuid.UUID(str(translation_key)), connection), int(views), now)
        for translation_key, views in sorted(counts.items())
    ]
    sql = (
        f"INSERT INTO {table} (translation_key, views, updated_at) VALUES (%s, %s, %s) "
        f"ON CONFLICT (translation_key) DO UPDATE "
        f"SET views = {table}.views + excluded.views, updated_at = excluded.updated_at"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for _start, batch in _batches(rows):
            cursor.executemany(sql, batch)


def store_views(counts: dict) -> int:
    """Add `counts` ({translation_key: views}, keys as text or UUID) to the stored totals and
    tell the search index; returns the number of views stored. Malformed entries are skipped."""
    clean = {}
    for translation_key, views in counts.items():
        try:
            key, amount = str(uuid.UUID(str(translation_key))), int(views)
        except (TypeError, ValueError):
            logger.warning("skipped a malformed view count: %r=%r", translation_key, views)
            continue
        if amount > 0:
            clean[key] = clean.get(key, 0) + amount
    if not clean:
        return 0
    _write(clean)
    # The counts are stored: a receiver that fails (the search index) is logged, never undoes them.
    for receiver, result in views_stored.send_robust(sender=SheetPopularity, translation_keys=sorted(clean)):
        if isinstance(result, Exception):
            logger.error("views_stored receiver %r failed", receiver, exc_info=result)
    return sum(clean.values())


def flush_views() -> int:
    """Store every counter of the cache this process sees; returns the number of views moved.

    Run by the catalog jobs: with a shared cache (Redis) it stores the views of every process.
    """
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
    counts = _take(default_cache, translation_keys)
    try:
        return store_views(counts)
    except Exception:
        _give_back(default_cache, counts)  # for the next flush
        raise


# The most viewed procedures most_requested() looks among first (see there).
TOP_CANDIDATES = 200


def most_requested(language: str, limit: int = 10, columns=None):
    """The published sheets of `language` (a locale code such as "es-mx" or "en"), most viewed
    first (ties by name, unviewed sheets last), with their agency. `columns` limits what is read
    of each sheet (QuerySet.only): the candidates are sorted with every column they carry, and a
    sheet's JSON fields weigh kilobytes (at 100,000 sheets: 4.1 ms with every column, 2.7 with a
    card's).

    Ranking every sheet by its views costs a scan of the whole catalog (half a second at 100,000
    sheets). So the first query looks only among the TOP_CANDIDATES most viewed procedures (an
    index on views), and also reads the views of the last of them: when the `limit`-th sheet
    found has more views than that, no sheet outside the candidates can rank above or beside
    it, and the answer is exact. Otherwise (a language with few viewed sheets, a young catalog)
    a second query ranks the whole catalog as before.
    """
    if limit <= 0:
        return []
    views = SheetPopularity.objects.filter(translation_key=OuterRef("translation_key")).values("views")[:1]

    def ranked(queryset, **extra):
        queryset = queryset.select_related("agency")
        if columns:
            queryset = queryset.only(*columns)
        return list(
            queryset
            .annotate(view_count=Coalesce(Subquery(views), Value(0)), **extra)
            .order_by("-view_count", "name")[:limit]
        )

    viewed = SheetPopularity.objects.filter(views__gt=0).order_by("-views")
    found = ranked(
        live_sheets(language).filter(translation_key__in=Subquery(viewed.values("translation_key")[:TOP_CANDIDATES])),
        cutoff=Subquery(viewed.values("views")[TOP_CANDIDATES - 1:TOP_CANDIDATES]),
    )
    if len(found) == limit and (found[-1].cutoff is None or found[-1].view_count > found[-1].cutoff):
        return found
    return ranked(live_sheets(language))
