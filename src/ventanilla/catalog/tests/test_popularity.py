"""Views are counted in the cache (no database write while serving a page), flushed into
SheetPopularity without losing or double-counting any, and feed the "most requested" lists."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ventanilla.catalog import popularity, tasks
from ventanilla.catalog.models import SheetPopularity

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
    for sheet, views in ((popular, 5), (middling, 2), (hidden, 9)):
        for _ in range(views):
            popularity.record_view(sheet)
    popularity.flush_views()
    with django_assert_max_num_queries(1):
        result = popularity.most_requested("es-mx", limit=3)
        names = [(sheet.name, sheet.agency.name) for sheet in result]
    assert [sheet.pk for sheet in result] == [popular.pk, middling.pk, unseen.pk]
    assert result[0].view_count == 5
    assert hidden.name not in [name for name, _agency in names]
    assert popularity.most_requested("en", limit=3) == []
