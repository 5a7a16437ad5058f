"""Renaming what index rows copy (agency name and acronym, jurisdiction level, topic names...)
rewrites the rows of the live sheets that show it, through the task queue, after the commit."""

import pytest

from ventanilla.catalog.tests.factories import LifeEventFactory, SegmentFactory, TopicFactory
from ventanilla.government.models import Level
from ventanilla.government.tests.factories import AgencyFactory, JurisdictionFactory
from ventanilla.search import tasks
from ventanilla.search.models import SearchDocument
from ventanilla.search.services import search

ES = "es-mx"

pytestmark = pytest.mark.django_db


def agency_names() -> set[str]:
    return set(SearchDocument.objects.values_list("agency_name", flat=True))


def hits(query: str, **filters) -> list[int]:
    return [hit.sheet_id for hit in search(query, language=ES, filters=filters).hits]


@pytest.fixture
def enqueued(monkeypatch):
    """The reindexing tasks enqueued, run as they would be by the worker (ImmediateBackend)."""
    calls = []
    real = tasks.reindex_sheets_showing

    class Spy:
        def enqueue(self, *args):
            calls.append(args)
            return real.enqueue(*args)

    monkeypatch.setattr(tasks, "reindex_sheets_showing", Spy())
    return calls


def test_renaming_an_agency_reindexes_its_live_sheets_after_the_commit(
    make_sheet, django_capture_on_commit_callbacks, enqueued
):
    agency = AgencyFactory(name="Secretaría de Movilidad", acronym="SEMOV")
    other = AgencyFactory(name="Registro Civil")
    licence = make_sheet("Licencia de manejo", agency=agency)
    draft = make_sheet("Permiso provisional", agency=agency, publish=False)
    make_sheet("Acta de nacimiento", agency=other)
    assert hits("transporte") == []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        agency.name = "Secretaría de Transporte"
        agency.acronym = "SETRA"
        agency.save()
    assert enqueued == []  # nothing before the commit: the admin's save stays fast
    for callback in callbacks:
        callback()
    assert enqueued == [("government.Agency", agency.pk)]

    assert agency_names() == {"Secretaría de Transporte", "Registro Civil"}
    assert hits("transporte") == [licence.pk]
    assert hits("setra") == [licence.pk]
    assert hits("movilidad") == []
    assert not SearchDocument.objects.filter(sheet_id=draft.pk).exists()


def test_saving_without_changing_what_the_index_copies_enqueues_nothing(
    make_sheet, django_capture_on_commit_callbacks, enqueued
):
    agency = AgencyFactory()
    make_sheet("Licencia de manejo", agency=agency)
    with django_capture_on_commit_callbacks(execute=True):
        agency.mission = "Servir."
        agency.save()
        AgencyFactory(name="Nueva")  # creating one: no sheet shows it yet
    assert enqueued == []


def test_moving_an_agency_or_changing_its_level_updates_the_level_facet(
    make_sheet, django_capture_on_commit_callbacks
):
    state = JurisdictionFactory(level=Level.STATE)
    municipality = JurisdictionFactory(level=Level.MUNICIPAL)
    agency = AgencyFactory(jurisdiction=state)
    sheet = make_sheet("Licencia de manejo", agency=agency)
    assert hits("licencia", level=["state"]) == [sheet.pk]

    with django_capture_on_commit_callbacks(execute=True):
        agency.jurisdiction = municipality
        agency.save()
    assert hits("licencia", level=["state"]) == []
    assert hits("licencia", level=["municipal"]) == [sheet.pk]

    with django_capture_on_commit_callbacks(execute=True):
        municipality.level = Level.FEDERAL
        municipality.save()
    assert hits("licencia", level=["federal"]) == [sheet.pk]


def test_renaming_a_topic_reindexes_the_sheets_in_it(make_sheet, django_capture_on_commit_callbacks):
    topic = TopicFactory(name="Movilidad", name_en="Transport")
    sheet = make_sheet("Licencia de manejo", topics=[topic])
    make_sheet("Acta de nacimiento")
    assert hits("vialidad") == []
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Vialidad"
        topic.save()
    assert hits("vialidad") == [sheet.pk]


@pytest.mark.parametrize(
    ("factory", "relation"), [(LifeEventFactory, "life_events"), (SegmentFactory, "segments")]
)
def test_renaming_a_life_event_or_segment_reindexes_its_sheets(
    make_sheet, django_capture_on_commit_callbacks, enqueued, factory, relation
):
    item = factory(name="Antes")
    make_sheet("Licencia de manejo", **{relation: [item]})
    with django_capture_on_commit_callbacks(execute=True):
        item.name = "Después"
        item.save()
    assert enqueued == [(item._meta.label, item.pk)]


def test_sheets_are_reindexed_in_bounded_batches(make_sheet, monkeypatch):
    agency = AgencyFactory(name="Antes")
    sheets = [make_sheet(f"Trámite {index}", agency=agency) for index in range(5)]
    batches = []
    real = tasks.reindex_sheets

    class Spy:
        def enqueue(self, sheet_ids):
            batches.append(list(sheet_ids))
            return real.enqueue(sheet_ids)

    monkeypatch.setattr(tasks, "REINDEX_BATCH", 2)
    monkeypatch.setattr(tasks, "reindex_sheets", Spy())
    type(agency).objects.filter(pk=agency.pk).update(name="Después")
    assert tasks.reindex_sheets_showing.call("government.Agency", agency.pk) == 5
    assert batches == [[sheet.pk for sheet in sheets[i:i + 2]] for i in range(0, 5, 2)]
    assert agency_names() == {"Después"}
