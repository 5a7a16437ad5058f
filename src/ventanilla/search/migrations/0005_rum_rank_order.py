"""PostgreSQL: facet values become lexemes of the vectors, and, where the RUM extension is
installed, the vectors get RUM indexes that hand matches over in rank_key order.

Measured at 100,000 sheets (bench/search_bench.py): a GIN index gives every match of a common
word as an unordered bitmap, so PostgreSQL visits each matching row to sort it by rank_key
(4,000 to 45,000 rows, 1 to 2 µs each, twice per search; p95 38.6 ms). A RUM index with the
rank_key attached and its posting lists ordered by it (`order_by_attach`) returns the first
matches in rank order, so `ORDER BY rank_key <=> 0 LIMIT n` reads n rows and stops. Facet
filters as lexemes ("topic=12", which the text parser never produces from words) make them
part of that one index condition rather than a filter applied row by row.

RUM is optional: Debian and Ubuntu ship it as postgresql-<version>-rum. Without it (or without
the right to create it) the GIN indexes stay and searches sort, as before; the backend looks up
which index it has. The index is derived data: this migration empties it and the search app
refills it after `migrate` (apps.refill_empty_index).
"""

from django.db import migrations, transaction

GIN_INDEXES = {
    "search_vector_text_idx": "search_vector",
    "search_vector_nk_idx": "name_keywords_vector",
}
RUM_INDEXES = {
    "search_vector_text_rum": "search_vector",
    "search_vector_nk_rum": "name_keywords_vector",
}


def _create_rum(schema_editor) -> bool:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return False
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except Exception:  # noqa: BLE001 - a role that may not create extensions keeps GIN
        return False
    return True


def empty_index(apps, schema_editor):
    for model in ("SearchDocument", "SearchTerm", "SearchFacetTotal"):
        apps.get_model("search", model).objects.all().delete()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DELETE FROM search_searchvector")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Facets are index conditions now (lexemes of the vectors), not array overlaps.
    schema_editor.execute("DROP INDEX IF EXISTS search_vector_facet_idx")
    if not _create_rum(schema_editor):
        return
    for name in GIN_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, column in RUM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON search_searchvector USING rum ({column} rum_tsvector_addon_ops, rank_key) "
            f"WITH (attach = 'rank_key', to = '{column}', order_by_attach = 't')"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in RUM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, column in GIN_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON search_searchvector USING GIN ({column})")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_vector_facet_idx ON search_searchvector USING GIN (facet_array)"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_rank_ordered_index")]

    operations = [
        migrations.RunPython(empty_index, empty_index),
        migrations.RunPython(forwards, backwards),
    ]
