"""Rank-ordered index: matches are read most popular first and searches stop early.

The index is derived data. This migration empties it and reshapes it: rank_key and facets on
the rows; on SQLite, FTS tables whose rowid is rank_key (every field with facet tokens, and
names and keywords apart for the name tier); on PostgreSQL, a narrow table keyed by rank_key
with the tsvectors (all fields, name and keywords, name words) and the facet array, each with a
GIN index; no more SearchFacet table. The search app refills it after
`migrate` (apps.refill_empty_index: an empty index with live sheets is rebuilt at post_migrate).
"""

from django.db import migrations, models

# Kept here, not imported, so the migration stays what it was when later code changes.
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "name, keywords, summary, body, facets, tokenize = 'unicode61')",
    # The name tier apart: its doclists hold only name and keyword words, so a query whose words
    # are common in texts but absent from names costs nothing here.
    "CREATE VIRTUAL TABLE search_fts_names USING fts5("
    "name, keywords, name_words, tokenize = 'unicode61', prefix = '2 3')",
]
SQLITE_OLD = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "name, keywords, summary, body, name_words, tokenize = 'unicode61', prefix = '2 3')"
)
POSTGRES_CREATE = [
    # The generated columns move to a narrow table of their own: searches walk it in rank_key
    # order and stop early, and a narrow row means few pages per row walked.
    "DROP INDEX IF EXISTS search_doc_vector_idx",
    "DROP INDEX IF EXISTS search_doc_name_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS name_vector",
    """CREATE TABLE search_searchvector (
          rank_key bigint PRIMARY KEY,
          search_vector tsvector NOT NULL,
          name_keywords_vector tsvector NOT NULL,
          name_vector tsvector NOT NULL,
          facet_array text[] NOT NULL
        )""",
    "CREATE INDEX search_vector_text_idx ON search_searchvector USING GIN (search_vector)",
    "CREATE INDEX search_vector_nk_idx ON search_searchvector USING GIN (name_keywords_vector)",
    "CREATE INDEX search_vector_name_idx ON search_searchvector USING GIN (name_vector)",
    "CREATE INDEX search_vector_facet_idx ON search_searchvector USING GIN (facet_array)",
]
LANGUAGE_CONFIG = "CASE WHEN language = 'en' THEN 'ventanilla_en'::regconfig ELSE 'ventanilla_es'::regconfig END"
POSTGRES_DROP = [
    "DROP TABLE IF EXISTS search_searchvector",
    f"""ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector({LANGUAGE_CONFIG}, name), 'A')
          || setweight(to_tsvector({LANGUAGE_CONFIG}, keywords), 'B')
          || setweight(to_tsvector({LANGUAGE_CONFIG}, summary), 'C')
          || setweight(to_tsvector({LANGUAGE_CONFIG}, body), 'D')
        ) STORED""",
    """ALTER TABLE search_searchdocument ADD COLUMN name_vector tsvector GENERATED ALWAYS AS (
          to_tsvector('ventanilla_simple'::regconfig, name)) STORED""",
    "CREATE INDEX search_doc_vector_idx ON search_searchdocument USING GIN (search_vector)",
    "CREATE INDEX search_doc_name_vector_idx ON search_searchdocument USING GIN (name_vector)",
]


def empty_index(apps, schema_editor):
    for model in ("SearchFacet", "SearchDocument", "SearchTerm", "SearchFacetTotal"):
        apps.get_model("search", model).objects.all().delete()
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


def reshape(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def unshape(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_names")
        schema_editor.execute(SQLITE_OLD)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_totals")]

    operations = [
        migrations.RunPython(empty_index, migrations.RunPython.noop),
        migrations.DeleteModel(name="SearchFacet"),
        migrations.AddField(
            model_name="searchdocument",
            name="rank_key",
            field=models.BigIntegerField(default=0, unique=True),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["language", "rank_key"], name="search_doc_rank_idx"),
        ),
        migrations.RunPython(reshape, unshape),
    ]
