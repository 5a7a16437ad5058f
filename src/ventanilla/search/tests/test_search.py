import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from ventanilla.catalog.models import ServiceSheet
from ventanilla.catalog.tests.factories import LifeEventFactory, SegmentFactory, SynonymFactory, TopicFactory
from ventanilla.search.backends import get_backend
from ventanilla.search.models import SearchDocument, ZeroResultSearch
from ventanilla.search.services import autocomplete, rebuild_index, search

pytestmark = pytest.mark.django_db

ES = "es-mx"
EN = "en"


def names(results):
    return [hit.name for hit in results.hits]


def test_plural_query_finds_singular_name(make_sheet):
    make_sheet("Licencia de conducir")
    make_sheet("Pasaporte ordinario")
    assert names(search("licencias de conducir", language=ES)) == ["Licencia de conducir"]


def test_accents_case_and_stopwords_do_not_matter(make_sheet):
    make_sheet("ACTA DE NACIMIENTO")
    make_sheet("Registro de trámite empresarial")
    assert names(search("acta nacimiento", language=ES)) == ["ACTA DE NACIMIENTO"]
    assert names(search("Acta de Nacimiento", language=ES)) == ["ACTA DE NACIMIENTO"]
    assert names(search("tramite", language=ES)) == ["Registro de trámite empresarial"]
    assert names(search("TRÁMITES", language=ES)) == ["Registro de trámite empresarial"]


def test_synonyms_expand_the_query(make_sheet):
    make_sheet("Licencia de conducir")
    make_sheet("Copia certificada de nacimiento")
    assert search("licencia de manejo", language=ES).total == 0
    SynonymFactory(terms="licencia de manejo\nlicencia de conducir")
    SynonymFactory(terms="acta de nacimiento\ncopia certificada de nacimiento")
    assert names(search("licencias de manejo", language=ES)) == ["Licencia de conducir"]
    assert names(search("acta de nacimiento", language=ES)) == ["Copia certificada de nacimiento"]
    # A group of the other language does not apply.
    SynonymFactory(language=EN, terms="driving licence\nlicencia de conducir")
    assert search("driving licence", language=ES).total == 0


def test_english_stemming_and_language_isolation(make_sheet):
    make_sheet("Driver's licence renewal", english=True)
    make_sheet("Renovación de licencia de conducir")
    assert names(search("renewing licences", language=EN)) == ["Driver's licence renewal"]
    assert search("renovacion", language=EN).total == 0
    assert search("renewal", language=ES).total == 0
    assert names(search("", language=EN)) == ["Driver's licence renewal"]


def test_name_match_ranks_above_body_match(make_sheet):
    make_sheet("Constancia de estudios", description="Sirve también como comprobante de pasaporte escolar.")
    make_sheet("Pasaporte mexicano")
    assert names(search("pasaporte", language=ES)) == ["Pasaporte mexicano", "Constancia de estudios"]


def test_popular_sheet_ranks_above_equal_match(make_sheet):
    quiet = make_sheet("Permiso de construcción menor")
    popular = make_sheet("Permiso de construcción mayor")
    get_backend().set_popularity({popular.pk: 800, quiet.pk: 0})
    assert names(search("permiso construccion", language=ES))[0] == "Permiso de construcción mayor"
    get_backend().set_popularity({popular.pk: 0, quiet.pk: 800})
    assert names(search("permiso construccion", language=ES))[0] == "Permiso de construcción menor"


def test_snippets_highlight_and_escape(make_sheet):
    make_sheet("Pasaporte", summary="Obtenga su <b>pasaporte</b> y sus pasaportes & más.")
    hit = search("pasaporte", language=ES).hits[0]
    assert hit.summary_html == (
        "Obtenga su &lt;b&gt;<mark>pasaporte</mark>&lt;/b&gt; y sus <mark>pasaportes</mark> &amp; más."
    )


def test_facets_count_and_narrow(make_sheet):
    health = TopicFactory(name="Salud")
    tax = TopicFactory(name="Impuestos")
    first = make_sheet("Registro en clínica", topics=[health], is_free=True, fees=[])
    make_sheet("Registro fiscal", topics=[tax], can_apply_online=False, online_url="")
    results = search("registro", language=ES)
    assert results.total == 2
    topics = {value.label: value.count for value in results.facets["topic"]}
    assert topics == {"Salud": 1, "Impuestos": 1}
    assert {value.value: value.count for value in results.facets["cost"]} == {"free": 1, "paid": 1}
    assert {value.value: value.count for value in results.facets["online"]} == {"yes": 1}
    assert {value.value for value in results.facets["level"]} == {"federal"}

    narrowed = search("registro", language=ES, filters={"topic": [str(health.pk)]})
    assert names(narrowed) == ["Registro en clínica"]
    # The selected group keeps counting its other values, marked unselected.
    topic_values = {value.label: (value.count, value.selected) for value in narrowed.facets["topic"]}
    assert topic_values == {"Salud": (1, True), "Impuestos": (1, False)}
    assert {value.value: value.count for value in narrowed.facets["cost"]} == {"free": 1}
    assert names(search("", language=ES, filters={"cost": ["free"]})) == [first.name]
    assert names(search("registro", language=ES, filters={"agency": [str(first.agency_id)]})) == [first.name]
    online = search("", language=ES, filters={"channel": ["online"]})
    assert "online" in {value.value for value in online.facets["channel"]}
    # Unknown facets are ignored, never an error.
    assert search("registro", language=ES, filters={"nope": ["1"]}).total == 2


def test_facet_labels_follow_the_language(make_sheet):
    topic = TopicFactory(name="Salud", name_en="Health")
    make_sheet("Health insurance", topics=[topic], english=True)
    assert [value.label for value in search("", language=EN).facets["topic"]] == ["Health"]
    assert [value.label for value in search("", language=EN).facets["cost"]] == ["With a fee"]
    # Labels are kept per process; an edit shows on the next search.
    topic.name_en = "Health care"
    topic.save()
    assert [value.label for value in search("", language=EN).facets["topic"]] == ["Health care"]


def test_pagination(make_sheet):
    for number in range(5):
        make_sheet(f"Permiso número {number}")
    first = search("permiso", language=ES, per_page=2)
    assert (first.total, first.num_pages, first.page, len(first.hits)) == (5, 3, 1, 2)
    last = search("permiso", language=ES, per_page=2, page=3)
    assert len(last.hits) == 1
    assert set(names(first)).isdisjoint(names(last))
    beyond = search("permiso", language=ES, per_page=2, page=9)
    assert (beyond.hits, beyond.total) == ([], 5)


def test_empty_query_browses_by_popularity_then_name(make_sheet):
    make_sheet("Beta")
    make_sheet("Alfa")
    gamma = make_sheet("Gamma")
    get_backend().set_popularity({gamma.pk: 10})
    assert names(search("  ", language=ES)) == ["Gamma", "Alfa", "Beta"]


def test_autocomplete(make_sheet):
    licence = make_sheet("Licencia de conducir", slug="licencia-de-conducir")
    make_sheet("Licencia de construcción")
    make_sheet("Driver's licence", english=True)
    assert [item["name"] for item in autocomplete("lic", language=ES)] == [
        "Licencia de conducir",
        "Licencia de construcción",
    ]
    items = autocomplete("licencia de cond", language=ES)
    assert [item["name"] for item in items] == ["Licencia de conducir"]
    assert items[0]["url"].endswith(f"/{licence.slug}/")
    assert autocomplete("l", language=ES) == []
    assert [item["name"] for item in autocomplete("LICÉ", language=EN)] == ["Driver's licence"]


def test_suggestion_and_zero_result_log(make_sheet):
    make_sheet("Pasaporte ordinario")
    results = search("pasaprote", language=ES)
    assert (results.total, results.suggestion) == (0, "pasaporte")
    search("Pasaprote ", language=ES)
    logged = ZeroResultSearch.objects.get()
    assert (logged.query, logged.language, logged.count) == ("pasaprote", ES, 2)
    assert search("pasaporte", language=ES).suggestion is None
    assert ZeroResultSearch.objects.count() == 1


def test_unpublish_expiry_and_delete_leave_the_index(make_sheet):
    kept = make_sheet("Pasaporte ordinario")
    unpublished = make_sheet("Pasaporte oficial")
    expired = make_sheet("Pasaporte diplomático")
    deleted = make_sheet("Pasaporte de emergencia")
    assert search("pasaporte", language=ES).total == 4
    unpublished.unpublish()
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save()
    call_command("publish_scheduled")
    deleted.delete()
    assert names(search("pasaporte", language=ES)) == [kept.name]
    assert SearchDocument.objects.count() == 1
    browse = search("", language=ES)
    assert (names(browse), browse.total) == ([kept.name], 1)
    assert {value.value: value.count for value in browse.facets["cost"]} == {"paid": 1}
    unpublished.refresh_from_db()
    unpublished.save_revision().publish()
    assert search("pasaporte", language=ES).total == 2


def test_draft_is_not_indexed(make_sheet):
    make_sheet("Pasaporte borrador", publish=False)
    assert search("pasaporte", language=ES).total == 0


def test_sheet_created_live_is_indexed_on_commit(db, django_capture_on_commit_callbacks, make_sheet):
    template = make_sheet("Pasaporte ordinario")
    with django_capture_on_commit_callbacks(execute=True):
        ServiceSheet.objects.create(
            locale=template.locale, name="Pasaporte cargado", slug="pasaporte-cargado", summary="Carga.",
            agency=template.agency, is_free=True,
        )
    assert search("cargado", language=ES).total == 1


def test_rebuild_command(make_sheet):
    make_sheet("Pasaporte ordinario")
    get_backend().clear()  # an index lost or emptied
    assert search("pasaporte", language=ES).total == 0
    call_command("rebuild_catalog_index", verbosity=0)
    assert search("pasaporte", language=ES).total == 1
    assert rebuild_index() == 1
    assert search("pasaporte", language=ES).total == 1


def test_the_index_refills_itself_after_migrate_but_not_after_a_migration_back(make_sheet):
    from ventanilla.search.apps import refill_empty_index

    make_sheet("Pasaporte ordinario")
    get_backend().clear()  # what a migration that reshapes the index leaves
    # Migrated back: the tables are older than the code, which must not fill them.
    refill_empty_index(sender=None, plan=[(object(), True)])
    assert search("pasaporte", language=ES).total == 0
    refill_empty_index(sender=None, plan=[(object(), False)])
    assert search("pasaporte", language=ES).total == 1


def test_query_count_is_bounded(make_sheet, django_assert_max_num_queries):
    topics = [TopicFactory() for _ in range(3)]
    for number in range(12):
        make_sheet(f"Permiso {number}", topics=topics[: number % 3 + 1])
    filters = {"topic": [str(topics[0].pk)], "cost": ["paid"]}
    search("otra cosa", language=ES)  # loads this process's synonyms and facet labels
    # The name tier, the sample of matches, the page, one sample per selected facet group (2), on
    # every database: the same for any catalog size.
    with django_assert_max_num_queries(5):
        results = search("permiso", language=ES, filters=filters, per_page=5)
    assert results.total == 12


def test_life_event_and_audience_names_find_their_sheets(make_sheet):
    baby = LifeEventFactory(name="Tener un bebé", name_en="Having a baby")
    elders = SegmentFactory(name="Personas adultas mayores", name_en="Older adults")
    make_sheet("Acta de nacimiento", life_events=[baby])
    make_sheet("Pensión universal", segments=[elders])
    make_sheet("Driver's licence", english=True, life_events=[baby])
    assert names(search("bebe", language=ES)) == ["Acta de nacimiento"]
    assert names(search("adultos mayores", language=ES)) == ["Pensión universal"]
    assert names(search("baby", language=EN)) == ["Driver's licence"]
