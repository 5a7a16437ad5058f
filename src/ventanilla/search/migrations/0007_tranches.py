"""PostgreSQL: the vector table's rows are cut into tranches in rank order, each vector gets one
GIN index per tranche (partial), and a search reads the tranches in order and stops at the
first that completes it (backends/postgresql.py says why). The RUM indexes of migration 0005 go:
their scans read every posting list whole before the first row, and their rank order proved
unreliable once the index held dead entries (rows updated or rolled back), while a GIN bitmap
sorted by rank_key is exact.

search_searchtranche keeps where each tranche begins. The index is derived data: as migrations
0004 and 0005 did, this one empties it and the search app refills it after `migrate`
(apps.refill_empty_index), which writes every row straight into its tranche. SQLite's index
does not change.
"""

from django.db import migrations

# Kept here, not imported, so the migration stays what it was when later code changes.
TRANCHES = 4
VECTORS = {"text": "search_vector", "nk": "name_keywords_vector"}


def empty_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in ("SearchDocument", "SearchTerm", "SearchFacetTotal"):
        apps.get_model("search", model).objects.all().delete()
    # Not DELETE: the deleted rows, still in the table until this transaction ends, would go
    # into the new indexes below.
    schema_editor.execute("TRUNCATE search_searchvector")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE TABLE search_searchtranche (first_key bigint PRIMARY KEY, tranche smallint NOT NULL)")
    schema_editor.execute("ALTER TABLE search_searchvector ADD COLUMN tranche smallint NOT NULL DEFAULT 0")
    for short, column in VECTORS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_rum")
        schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_idx")
        for tranche in range(TRANCHES):
            schema_editor.execute(
                f"CREATE INDEX search_vector_{short}_idx_{tranche} ON search_searchvector "
                f"USING GIN ({column}) WHERE tranche = {tranche}"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for short, column in VECTORS.items():
        for tranche in range(TRANCHES):
            schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{short}_idx_{tranche}")
        # As migration 0005 leaves the table where RUM is not installed (the code before this
        # migration reads it so).
        schema_editor.execute(f"CREATE INDEX search_vector_{short}_idx ON search_searchvector USING GIN ({column})")
    schema_editor.execute("ALTER TABLE search_searchvector DROP COLUMN tranche")
    schema_editor.execute("DROP TABLE search_searchtranche")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_sqlite_row_table")]

    operations = [
        migrations.RunPython(empty_index, empty_index),
        migrations.RunPython(forwards, backwards),
    ]
