"""The rank-ordered index: tiers, popularity, bounded totals and facet samples.

Rows are written straight through the backend (as the benchmark does), so a test can hold more
rows than the sample and count caps without creating thousands of sheets.
"""

import uuid

import pytest

from django.db import connection

from ventanilla.search.backends import get_backend
from ventanilla.search.backends.base import FACET_SAMPLE, RANK_DEPTH, popularity_band, rank_key
from ventanilla.search.documents import Entry
from ventanilla.search.models import SearchDocument
from ventanilla.search.services import autocomplete, search

pytestmark = pytest.mark.django_db

ES = "es-mx"


def entry(sheet_id, name, *, body="", keywords="", views=0, facets=(), language=ES):
    return Entry(
        sheet_id=sheet_id, translation_key=uuid.uuid4(), language=language, name=name,
        slug=f"ficha-{sheet_id}", summary="Información del servicio.", keywords=keywords, body=body,
        agency_id=1, agency_name="Dependencia", popularity=views, facets=list(facets),
    )


def names(results):
    return [hit.name for hit in results.hits]


def test_rank_key_orders_by_language_then_popularity():
    assert rank_key(ES, 1000, 7) < rank_key(ES, 10, 3) < rank_key(ES, 0, 1) < rank_key("en", 5000, 2)
    assert popularity_band(0) == 0 and popularity_band(1) == 2 and popularity_band(10**9) == 59
    with pytest.raises(ValueError):
        rank_key(ES, 0, 1 << 40)


def test_a_name_match_ranks_above_a_more_popular_body_match():
    get_backend().index([
        entry(1, "Constancia de estudios", body="Sin relación con permisos.", views=5000),
        entry(2, "Permiso de construcción", views=0),
        entry(3, "Registro de obra", keywords="permiso para construir", views=0),
    ])
    assert names(search("permiso", language=ES)) == [
        "Permiso de construcción", "Registro de obra", "Constancia de estudios",
    ]


def test_popularity_reorders_equal_matches_and_moves_the_row():
    backend = get_backend()
    backend.index([entry(1, "Licencia de conducir A"), entry(2, "Licencia de conducir B")])
    assert names(search("licencia", language=ES)) == ["Licencia de conducir A", "Licencia de conducir B"]
    before = SearchDocument.objects.get(sheet_id=2).rank_key
    backend.set_popularity({2: 500})
    document = SearchDocument.objects.get(sheet_id=2)
    assert (document.popularity, document.rank_key) == (500, rank_key(ES, 500, 2))
    assert document.rank_key != before
    # Found at its new place in the full-text index, and ranked first.
    assert names(search("licencia conducir", language=ES)) == [
        "Licencia de conducir B", "Licencia de conducir A",
    ]
    assert [item["name"] for item in autocomplete("licen", language=ES)][0] == "Licencia de conducir B"
    backend.remove([2])
    assert names(search("licencia", language=ES)) == ["Licencia de conducir A"]


def test_totals_are_exact_up_to_the_sample_and_capped_above():
    backend = get_backend()
    many = FACET_SAMPLE * 2 + 50
    backend.index([
        entry(number, f"Permiso {number}", facets=[("cost", "free" if number % 10 == 0 else "paid")])
        for number in range(1, many + 1)
    ])
    everything = search("permiso", language=ES)
    assert (everything.total, everything.total_capped) == (FACET_SAMPLE, True)
    assert everything.num_pages == FACET_SAMPLE // 20
    free = search("permiso", language=ES, filters={"cost": ["free"]})
    assert (free.total, free.total_capped) == (many // 10, False)
    # A selected group keeps its other values, counted without its own selection among the
    # FACET_SAMPLE most popular matches (equal popularity: in sheet order, one in ten free).
    assert {value.value: value.count for value in free.facets["cost"]} == {
        "free": FACET_SAMPLE // 10, "paid": FACET_SAMPLE - FACET_SAMPLE // 10,
    }
    paid = search("", language=ES, filters={"cost": ["paid"]})
    assert (paid.total, paid.total_capped) == (FACET_SAMPLE, True)
    # Exactly as many matches as the sample holds is not "more than".
    backend.remove(range(FACET_SAMPLE + 1, many + 1))
    exact = search("permiso", language=ES)
    assert (exact.total, exact.total_capped) == (FACET_SAMPLE, False)


def test_pages_never_repeat_or_skip_a_row():
    get_backend().index([
        entry(number, f"Trámite {number}", body="trámite" if number % 2 else "", views=number % 7)
        for number in range(1, RANK_DEPTH + 60)
    ])
    first = search("tramite", language=ES, per_page=50)
    seen = []
    for page in range(1, first.num_pages + 1):
        seen += [hit.sheet_id for hit in search("tramite", language=ES, per_page=50, page=page).hits]
    assert len(seen) == len(set(seen)) == first.total == RANK_DEPTH + 59


def test_query_cost_does_not_grow_with_matches(django_assert_max_num_queries):
    get_backend().index([entry(number, f"Permiso {number}") for number in range(1, FACET_SAMPLE + 100)])
    search("otra cosa", language=ES)  # loads this process's synonyms and facet labels
    # The name tier, the sample and the page, on every database.
    with django_assert_max_num_queries(3):
        results = search("permiso", language=ES)
    assert (results.total, results.total_capped) == (FACET_SAMPLE, True)


def test_words_and_facet_filters_are_one_condition():
    """Facet values are lexemes (PostgreSQL) or tokens (SQLite) of the same index as the words:
    groups ANDed, values of a group ORed."""
    get_backend().index([
        entry(number, f"Permiso {number}", body="trámite en línea", views=number % 5,
              facets=[("cost", "free" if number % 3 else "paid"), ("topic", str(number % 4))])
        for number in range(1, 80)
    ])
    narrowed = search("tramite en linea", language=ES, filters={"cost": ["free"], "topic": ["1", "2"]})
    assert narrowed.total == len([n for n in range(1, 80) if n % 3 and n % 4 in (1, 2)])
    browsed = search("", language=ES, filters={"topic": ["3"]})
    assert browsed.total == len([n for n in range(1, 80) if n % 4 == 3])
    # A facet value is a quoted lexeme: quotes and backslashes in it are data, never syntax.
    assert search("permiso", language=ES, filters={"cost": ["it's\\"]}).total == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's tranches")
def test_postgresql_tranches_stay_in_rank_order_and_answer_as_one(monkeypatch):
    """Each tranche must be a range of rank keys (read in order, they give rank order) through
    a rebuild, moves by popularity, rows written one by one and a rebalance; and a search must
    answer the same however the rows are cut."""
    from django.core.cache import cache
    from django.db import transaction

    from ventanilla.search.backends import base, postgresql

    monkeypatch.setattr(postgresql, "TRANCHE_SIZES", (4, 8, 16))
    # Samples smaller than the matches, so that which rows a search reads first matters.
    monkeypatch.setattr(base, "FACET_SAMPLE", 10)
    monkeypatch.setattr(base, "RANK_DEPTH", 5)
    backend = get_backend()

    def tranches():
        """[(tranche, rows, lowest key, highest key)] of the Spanish rows, in tranche order."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tranche, count(*), min(rank_key), max(rank_key) FROM search_searchvector "
                "WHERE rank_key < %s GROUP BY tranche ORDER BY tranche", [1 << 56],
            )
            found = cursor.fetchall()
        for (_t, _n, _low, high), (_t2, _n2, next_low, _h2) in zip(found, found[1:], strict=False):
            assert high < next_low
        return found

    def answers():
        return [
            (names(result), result.total, {facet: [(v.value, v.count) for v in values]
                                          for facet, values in result.facets.items()})
            for result in [
                search("permiso", language=ES),
                search("permiso", language=ES, page=2),
                search("permiso", language=ES, filters={"cost": ["paid"]}),
                search("tramite", language=ES),
            ]
        ]

    def facets(number):
        return [("cost", "free" if number % 3 else "paid")]

    with transaction.atomic(), backend.bulk():
        backend.index([
            entry(number, f"Permiso {number}", body="trámite" if number % 4 == 0 else "",
                  views=number * 7 % 50, facets=facets(number))
            for number in range(1, 60)
        ])
    assert [rows for _t, rows, _low, _high in tranches()] == [4, 8, 16, 31]
    cut = answers()

    cache.set("search:tranches-cut", True)  # moves without the hourly rebalance
    backend.set_popularity({number: 1000 + number for number in range(50, 60)})
    backend.index([entry(100, "Permiso 100", views=3, facets=facets(100))])
    uneven = tranches()
    assert [rows for _t, rows, _low, _high in uneven] != [4, 8, 16, 32]
    moved = answers()

    assert backend.rebalance() > 0
    assert [rows for _t, rows, _low, _high in tranches()] == [4, 8, 16, 32]
    assert answers() == moved
    monkeypatch.setattr(postgresql, "TRANCHE_SIZES", (1000, 1000, 1000))
    backend.rebalance()
    assert [tranche for tranche, *_rest in tranches()] == [0]
    assert answers() == moved
    # A page of 20 reads a sample of 20 (and one more row to know there are more).
    assert cut != moved and moved[0][1] == 20

    # Moves by popularity cut the tranches again, at most once an interval.
    monkeypatch.setattr(postgresql, "TRANCHE_SIZES", (4, 8, 16))
    cache.delete("search:tranches-cut")
    backend.set_popularity({number: 5000 + number for number in range(1, 6)})
    assert [rows for _t, rows, _low, _high in tranches()] == [4, 8, 16, 32]
    backend.set_popularity({number: 9000 + number for number in range(20, 26)})
    assert [rows for _t, rows, _low, _high in tranches()] != [4, 8, 16, 32]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's tranches")
def test_postgresql_never_plans_a_search_in_parallel():
    """A parallel plan would interleave the tranches' branches and lose rank order: the vector
    table's parallel_workers = 0 (migration 0008) rules it out however cheap the planner is told
    parallelism is. Checked against the same table without the setting, where the plan is
    parallel, so the test shows the setting is what prevents it."""
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    get_backend().index([
        entry(number, f"Permiso {number}", body="trámite", views=number % 7) for number in range(1, 300)
    ])
    with CaptureQueriesContext(connection) as captured:
        search("tramite", language=ES)
    statements = [query["sql"] for query in captured.captured_queries if "UNION ALL" in query["sql"]]
    assert statements

    def parallel_plans():
        with connection.cursor() as cursor:
            for setting in ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size",
                            "min_parallel_index_scan_size"):
                cursor.execute(f"SET LOCAL {setting} = 0")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 4")
            plans = []
            for sql in statements:
                cursor.execute("EXPLAIN " + sql)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        return [plan for plan in plans if "Parallel" in plan or "Gather" in plan]

    with transaction.atomic():
        assert parallel_plans() == []
        sid = transaction.savepoint()
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE search_searchvector RESET (parallel_workers)")
        assert parallel_plans() != []
        transaction.savepoint_rollback(sid)
        assert parallel_plans() == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="search_fts_rows is the SQLite backend's table")
def test_sqlite_row_table_follows_index_move_remove_and_clear():
    """Searches read facets and scoring text from search_fts_rows (migration 0006): it must hold
    exactly the rows of the index, under their current rank keys."""
    backend = get_backend()

    def rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT rank_key, facets FROM search_fts_rows ORDER BY rank_key")
            return cursor.fetchall()

    def documents():
        return sorted(SearchDocument.objects.values_list("rank_key", "facets"))

    backend.index([entry(1, "Licencia A", facets=[("cost", "free")]), entry(2, "Licencia B")])
    assert rows() == documents() and len(rows()) == 2
    backend.set_popularity({2: 900})
    assert rows() == documents()
    backend.index([entry(1, "Licencia A", facets=[("cost", "paid")])])
    assert rows() == documents() and ("cost=paid" in dict(rows()).values())
    backend.remove([1])
    assert rows() == documents() and len(rows()) == 1
    backend.clear()
    assert rows() == []
