"""PostgreSQL: the vector table's rows are cut into tranches in rank order, each vector gets one
partial index per tranche, and a search reads the tranches in order and stops at the first that
completes it (backends/postgresql.py says why: a RUM scan reads every posting list whole).

search_searchtranche keeps where each tranche begins. The index is derived data: as migrations
0004 and 0005 did, this one empties it and the search app refills it after `migrate`
(apps.refill_empty_index), which writes every row straight into its tranche. SQLite's
index does not change.
"""

from django.db import migrations

# Kept here, not imported, so the migration stays what it was when later code changes.
TRANCHES = 4
VECTORS = {"text": "search_vector", "nk": "name_keywords_vector"}


def _has_index(schema_editor, name: str) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE tablename = 'search_searchvector' AND indexname = %s", [name])
        return cursor.fetchone() is not None


def empty_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite's index does not change
    for model in ("SearchDocument", "SearchTerm", "SearchFacetTotal"):
        apps.get_model("search", model).objects.all().delete()
    # Not DELETE: the deleted rows, still in the table until this transaction ends, would go
    # into the new indexes below (all of them into the first tranche's).
    schema_editor.execute("TRUNCATE search_searchvector")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    rum = _has_index(schema_editor, "search_vector_text_rum")  # migration 0005
    schema_editor.execute("CREATE TABLE search_searchtranche (first_key bigint PRIMARY KEY, tranche smallint NOT NULL)")
    schema_editor.execute("ALTER TABLE search_searchvector ADD COLUMN tranche smallint NOT NULL DEFAULT 0")
    for short, column in VECTORS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_rum")
        schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_idx")
        for tranche in range(TRANCHES):
            if rum:
                schema_editor.execute(
                    f"CREATE INDEX search_vector_{short}_rum_{tranche} ON search_searchvector "
                    f"USING rum ({column} rum_tsvector_addon_ops, rank_key) "
                    f"WITH (attach = 'rank_key', to = '{column}', order_by_attach = 't') WHERE tranche = {tranche}"
                )
            else:
                schema_editor.execute(
                    f"CREATE INDEX search_vector_{short}_idx_{tranche} ON search_searchvector "
                    f"USING GIN ({column}) WHERE tranche = {tranche}"
                )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    rum = _has_index(schema_editor, "search_vector_text_rum_0")
    for short, column in VECTORS.items():
        for tranche in range(TRANCHES):
            schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_rum_{tranche}")
            schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_idx_{tranche}")
        if rum:
            schema_editor.execute(
                f"CREATE INDEX search_vector_{short}_rum ON search_searchvector "
                f"USING rum ({column} rum_tsvector_addon_ops, rank_key) "
                f"WITH (attach = 'rank_key', to = '{column}', order_by_attach = 't')"
            )
        else:
            schema_editor.execute(f"CREATE INDEX search_vector_{short}_idx ON search_searchvector USING GIN ({column})")
    schema_editor.execute("ALTER TABLE search_searchvector DROP COLUMN tranche")
    schema_editor.execute("DROP TABLE search_searchtranche")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_sqlite_row_table")]

    operations = [
        migrations.RunPython(empty_index, empty_index),
        migrations.RunPython(forwards, backwards),
    ]
