"""PostgreSQL: the vector table carries what a search reads of each match, as SQLite's
search_fts_rows does (migration 0006), and the database no longer scores.

- `facets` ("facet=value ..." as on SearchDocument) replaces `facet_array` (text[]), which every
  match turned back into a string with array_to_string (0.3 ms of a 501-row sample);
- `name_stems`, `keyword_stems`, `summary_stems`: the stemmed text the matches are scored on, in
  Python, as on SQLite. ts_rank_cd over the 200 rows of a name tier cost 1.9 ms of the database
  server's time (3.1 ms for the statement, 1.3 without it, at 100,000 sheets): the one shared
  machine of a deployment, while application processes are added at will;
- `parallel_workers = 0`: the tranches must be read in order, which a parallel plan would not
  do. Set on the table, it replaces a per-search transaction with set_config (three more
  statements a search).

The index is derived data: as migrations 0004, 0005 and 0007 did, this one empties it, and the
search app refills it after `migrate` (apps.refill_empty_index). SQLite's index does not change.
"""

from django.db import migrations


def empty_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in ("SearchDocument", "SearchTerm", "SearchFacetTotal"):
        apps.get_model("search", model).objects.all().delete()
    schema_editor.execute("TRUNCATE search_searchvector")
    schema_editor.execute("DELETE FROM search_searchtranche")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_searchvector DROP COLUMN facet_array, "
        "ADD COLUMN facets text NOT NULL, ADD COLUMN name_stems text NOT NULL, "
        "ADD COLUMN keyword_stems text NOT NULL, ADD COLUMN summary_stems text NOT NULL"
    )
    schema_editor.execute("ALTER TABLE search_searchvector SET (parallel_workers = 0)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchvector RESET (parallel_workers)")
    schema_editor.execute(
        "ALTER TABLE search_searchvector DROP COLUMN facets, DROP COLUMN name_stems, "
        "DROP COLUMN keyword_stems, DROP COLUMN summary_stems, ADD COLUMN facet_array text[] NOT NULL"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0007_tranches")]

    operations = [
        migrations.RunPython(empty_index, empty_index),
        migrations.RunPython(forwards, backwards),
    ]
