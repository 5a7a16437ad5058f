"""The vendor-specific full-text part of the index (see backends/).

SQLite: an FTS5 table of stemmed text keyed by search_searchdocument.id.
PostgreSQL: unaccent (and pg_trgm when it can be installed), text search configurations that
strip accents before stemming, two generated tsvector columns with GIN indexes, and a trigram
index on the vocabulary for "did you mean".
"""

from django.db import migrations, transaction

# Kept here, not imported, so the migration stays what it was when later code changes.
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "name, keywords, summary, body, name_words, tokenize = 'unicode61', prefix = '2 3')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"

CONFIGURATIONS = [
    ("ventanilla_es", "pg_catalog.spanish", "unaccent, spanish_stem"),
    ("ventanilla_en", "pg_catalog.english", "unaccent, english_stem"),
    ("ventanilla_simple", "pg_catalog.simple", "unaccent, simple"),
]


def _config(name: str, language: str) -> str:
    return f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
            CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {language[0]});
            ALTER TEXT SEARCH CONFIGURATION {name}
              ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart
              WITH {language[1]};
          END IF;
        END $$;"""


LANGUAGE_CONFIG = "CASE WHEN language = 'en' THEN 'ventanilla_en'::regconfig ELSE 'ventanilla_es'::regconfig END"
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(_config(name, (copy, mapping)) for name, copy, mapping in CONFIGURATIONS),
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
POSTGRES_DROP = [
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS name_vector",
    "DROP INDEX IF EXISTS search_term_trigram_idx",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name, _copy, _mapping in CONFIGURATIONS),
]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)
        _trigram_index(schema_editor)


def _trigram_index(schema_editor):
    """pg_trgm makes "did you mean" an index lookup; without it the backend compares in Python."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - an extension the role may not install is optional here
        return
    schema_editor.execute(
        "CREATE INDEX search_term_trigram_idx ON search_searchterm USING GIN (term gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
