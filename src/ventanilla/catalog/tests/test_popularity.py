"""Views are counted in the cache (no database write while serving a page), flushed into
SheetPopularity without losing or double-counting any, and feed the "most requested" lists."""

from datetime import timedelta

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ventanilla.catalog import popularity, tasks
from ventanilla.catalog.models import ServiceSheet, SheetPopularity

from .factories import ServiceSheetFactory, english_locale

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def views_of(sheet) -> int:
    row = SheetPopularity.objects.filter(translation_key=sheet.translation_key).first()
    return row.views if row else 0


def test_recording_a_view_touches_no_database():
    sheet = ServiceSheetFactory()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            popularity.record_view(sheet)
    assert queries.captured_queries == []
    assert popularity.pending_views(sheet) == 3


def test_flush_moves_counts_into_the_database_once():
    sheet, other = ServiceSheetFactory(), ServiceSheetFactory()
    for _ in range(4):
        popularity.record_view(sheet)
    popularity.record_view(other)
    assert tasks.flush_sheet_views.call() == 5
    assert views_of(sheet) == 4 and views_of(other) == 1
    assert popularity.pending_views(sheet) == 0
    # A second flush has nothing left to move; new views add to the stored count.
    assert popularity.flush_views() == 0
    popularity.record_view(sheet)
    popularity.flush_views()
    assert views_of(sheet) == 5


def test_views_recorded_during_a_flush_are_kept(monkeypatch):
    sheet = ServiceSheetFactory()
    popularity.record_view(sheet)
    popularity.record_view(sheet)
    real_write = popularity._write

    def write_while_a_view_arrives(counts):
        popularity.record_view(sheet)  # a request served between the read and the write
        real_write(counts)

    monkeypatch.setattr(popularity, "_write", write_while_a_view_arrives)
    assert popularity.flush_views() == 2
    assert views_of(sheet) == 2
    assert popularity.pending_views(sheet) == 1
    monkeypatch.setattr(popularity, "_write", real_write)
    popularity.flush_views()
    assert views_of(sheet) == 3


def test_a_failed_write_gives_the_views_back(monkeypatch):
    sheet = ServiceSheetFactory()
    popularity.record_view(sheet)

    def broken(counts):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(popularity, "_write", broken)
    with pytest.raises(RuntimeError):
        popularity.flush_views()
    assert popularity.pending_views(sheet) == 1
    assert views_of(sheet) == 0


def test_both_languages_count_for_the_same_procedure():
    sheet = ServiceSheetFactory()
    english = sheet.copy_for_translation(english_locale())
    english.slug = "driving-licence"
    english.save()
    popularity.record_view(sheet)
    popularity.record_view(english)
    popularity.flush_views()
    assert views_of(sheet) == 2


def test_most_requested_lists_live_sheets_of_the_language_by_views(django_assert_max_num_queries):
    popular, middling, unseen = ServiceSheetFactory(), ServiceSheetFactory(), ServiceSheetFactory()
    hidden = ServiceSheetFactory(publish=False)
    # Still live (Wagtail's expiry job has not run) but past its expiry time: gone all the same.
    expired = ServiceSheetFactory()
    ServiceSheet.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    for sheet, views in ((popular, 5), (middling, 2), (hidden, 9), (expired, 7)):
        for _ in range(views):
            popularity.record_view(sheet)
    popularity.flush_views()
    # Fewer viewed sheets than asked for: the candidates, then the whole catalog ranked.
    with django_assert_max_num_queries(2):
        result = popularity.most_requested("es-mx", limit=3)
        names = [(sheet.name, sheet.agency.name) for sheet in result]
    assert [sheet.pk for sheet in result] == [popular.pk, middling.pk, unseen.pk]
    assert result[0].view_count == 5
    assert hidden.name not in [name for name, _agency in names]
    assert expired.pk not in [sheet.pk for sheet in popularity.most_requested("es-mx", limit=10)]
    # Only the columns asked for are read (a card's), still with the agency and the views.
    cards = popularity.most_requested("es-mx", limit=3, columns=("name", "slug", "agency__name"))
    assert [sheet.pk for sheet in cards] == [popular.pk, middling.pk, unseen.pk]
    assert cards[0].view_count == 5 and cards[0].agency.name == popular.agency.name
    assert {"summary", "steps", "requirements"} <= cards[0].get_deferred_fields()
    assert popularity.most_requested("en", limit=3) == []
    assert popularity.most_requested("es-mx", limit=0) == []  # no query, no IndexError


def test_most_requested_reads_the_most_viewed_first(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(popularity, "TOP_CANDIDATES", 3)
    sheets = [ServiceSheetFactory(name=f"Sheet {n}") for n in range(6)]
    for sheet, views in zip(sheets, (9, 7, 7, 5, 1, 0), strict=True):
        for _ in range(views):
            popularity.record_view(sheet)
    popularity.flush_views()
    with django_assert_num_queries(1):  # the 2nd has more views than the 3rd candidate: exact
        assert [s.pk for s in popularity.most_requested("es-mx", limit=1)] == [sheets[0].pk]
    # The 3rd candidate ties with the 3rd sheet found: the whole catalog decides, same order.
    assert [s.pk for s in popularity.most_requested("es-mx", limit=3)] == [s.pk for s in sheets[:3]]
    assert [s.pk for s in popularity.most_requested("es-mx", limit=6)] == [s.pk for s in sheets]


# -------------------------------------------------------------------------------------------------
# Each web process hands its own counters over (the default local-memory cache is per process)
# -------------------------------------------------------------------------------------------------
class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def process(clock=None, **every) -> popularity.ViewCounter:
    """A web process: its own local-memory cache, as each granian worker has by default."""
    import uuid

    from django.core.cache.backends.locmem import LocMemCache

    own_cache = LocMemCache(f"process-{uuid.uuid4()}", {})  # the name selects the storage
    return popularity.ViewCounter(own_cache, clock=clock or Clock(), **every)


def test_counts_of_two_processes_reach_the_database_and_the_search_ranking():
    from ventanilla.search.services import search

    quiet = ServiceSheetFactory(name="Permiso de construcción menor", keywords="", description="")
    popular = ServiceSheetFactory(name="Permiso de construcción mayor", keywords="", description="")
    first, second = process(every_seconds=60), process(every_seconds=60)
    for _ in range(3):
        first.record(popular.translation_key)
    second.record(popular.translation_key)
    second.record(popular.translation_key)
    second.record(quiet.translation_key)
    # Neither process's counters are visible to the other, nor to the default cache the catalog
    # jobs flush: only each process can hand its own over.
    assert popularity.flush_views() == 0
    assert views_of(popular) == 0

    assert first.hand_off() == 3
    assert second.hand_off() == 3
    assert (views_of(popular), views_of(quiet)) == (5, 1)
    assert first.hand_off() == second.hand_off() == 0  # nothing is stored twice

    # The index rows carry the new totals: the popular sheet ranks first among equal matches.
    from ventanilla.search.models import SearchDocument

    assert dict(SearchDocument.objects.values_list("sheet_id", "popularity")) == {popular.pk: 5, quiet.pk: 1}
    assert [hit.sheet_id for hit in search("permiso construccion", language="es-mx").hits] == [
        popular.pk,
        quiet.pk,
    ]
    for _ in range(10):
        second.record(quiet.translation_key)
    second.hand_off()
    assert [hit.sheet_id for hit in search("permiso construccion", language="es-mx").hits] == [
        quiet.pk,
        popular.pk,
    ]


def test_a_process_hands_over_after_its_interval_or_its_view_count():
    sheet = ServiceSheetFactory()
    clock = Clock()
    counter = process(clock, every_seconds=30, every_views=5)
    assert not counter.due()  # nothing counted yet
    counter.record(sheet.translation_key)
    assert not counter.due()
    clock.now += 30
    assert counter.due()
    counter.hand_off()
    assert not counter.due()
    for _ in range(5):
        counter.record(sheet.translation_key)
    assert counter.due()  # by count, before the interval
    counter.hand_off()
    assert views_of(sheet) == 6


def test_views_counted_during_a_hand_off_stay_for_the_next(monkeypatch):
    sheet = ServiceSheetFactory()
    counter = process(every_seconds=0)
    counter.record(sheet.translation_key)
    counter.record(sheet.translation_key)
    real_write = popularity._write

    def write_while_a_view_arrives(counts):
        counter.record(sheet.translation_key)  # a request served meanwhile, in another thread
        real_write(counts)

    monkeypatch.setattr(popularity, "_write", write_while_a_view_arrives)
    assert counter.hand_off() == 2
    monkeypatch.setattr(popularity, "_write", real_write)
    assert counter.due()
    assert counter.hand_off() == 1
    assert views_of(sheet) == 3


def test_a_failed_hand_off_keeps_the_counts(monkeypatch):
    sheet = ServiceSheetFactory()
    counter = process(every_seconds=0)
    counter.record(sheet.translation_key)

    class QueueDown:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("task queue unavailable")

    monkeypatch.setattr(tasks, "store_sheet_views", QueueDown())
    with pytest.raises(RuntimeError):
        counter.hand_off()
    monkeypatch.undo()
    assert counter.due()
    assert counter.hand_off() == 1
    assert views_of(sheet) == 1


def test_storing_is_one_upsert_without_reading_the_totals():
    sheet = ServiceSheetFactory()
    SheetPopularity.objects.create(translation_key=sheet.translation_key, views=40)
    new = ServiceSheetFactory()
    with CaptureQueriesContext(connection) as queries:
        popularity._write({str(sheet.translation_key): 2, str(new.translation_key): 3})
    # Django logs an executemany() as "N times: <statement>".
    statements = [query["sql"].split(" times: ", 1)[-1] for query in queries.captured_queries]
    written = [sql.upper() for sql in statements if "catalog_sheetpopularity" in sql]
    assert len(written) == 1
    assert written[0].startswith("INSERT") and "ON CONFLICT" in written[0] and "SELECT" not in written[0]
    assert (views_of(sheet), views_of(new)) == (42, 3)


def test_malformed_counts_are_skipped():
    sheet = ServiceSheetFactory()
    assert popularity.store_views({"not-a-uuid": 3, str(sheet.translation_key): "2", "x": None}) == 2
    assert views_of(sheet) == 2


@pytest.mark.django_db(transaction=True)
def test_the_web_process_hands_over_after_the_response(client, settings):
    """Through the real request cycle: views of sheet pages (page cache hits included) reach
    SheetPopularity after a response, without a query while the page is served."""
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="es-mx")
    sheet = ServiceSheetFactory(slug="licencia")
    settings.VIEW_COUNTS_HANDOFF_SECONDS = None
    settings.VIEW_COUNTS_HANDOFF_VIEWS = 3
    client.get("/accesibilidad/")  # the first page creates the branding row (emptying the page cache)
    client.get("/tramites/licencia/")  # rendered and cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tramites/licencia/")["X-Page-Cache"] == "hit"
    assert queries.captured_queries == []
    assert views_of(sheet) == 0 and popularity.pending_views(sheet) == 2
    client.get("/tramites/licencia/")  # the third view: handed over once its response has gone
    assert views_of(sheet) == 3 and popularity.pending_views(sheet) == 0
