"""PostgreSQL: native full-text search.

Migration 0002 creates text search configurations that strip accents before stemming
(`ventanilla_es`: unaccent + Spanish Snowball, `ventanilla_en`: unaccent + English,
`ventanilla_simple`: unaccent only, for name prefixes), and two generated tsvector columns on
search_searchdocument with GIN indexes: `search_vector` (name A, keywords B, summary C, body D,
in the row's language) and `name_vector` (unstemmed name words). Generated columns follow every
insert and update, so writing needs nothing beyond the ordinary rows.
"""

from django.db import connection

from .base import SearchBackend, popularity_boost

CONFIGS = {"es-mx": "ventanilla_es", "en": "ventanilla_en"}
# ts_rank_cd weights in the order {D, C, B, A}: body, summary, keywords, name.
WEIGHTS = "'{0.1, 0.3, 0.8, 1.0}'"


class PostgreSQLBackend(SearchBackend):
    vendor = "postgresql"
    _trigrams: bool | None = None

    def write(self, pairs) -> None:
        """The generated columns are computed by PostgreSQL on insert."""

    def delete(self, document_ids) -> None:
        """The full-text columns go with their rows."""

    def match(self, query):
        config = CONFIGS[query.language]
        # One plainto_tsquery per alternative (words ANDed), alternatives ORed with ||.
        tsquery = " || ".join([f"plainto_tsquery('{config}', %s)"] * len(query.alternatives))
        return (
            f"search_searchdocument d CROSS JOIN ({'SELECT ' + tsquery} AS query) q",
            "d.search_vector @@ q.query",
            [" ".join(alternative) for alternative in query.alternatives],
            popularity_boost(f"ts_rank_cd({WEIGHTS}, d.search_vector, q.query)"),
        )

    def autocomplete(self, language, words, prefix, limit):
        # Words are normalised [^\W_]+ tokens, safe as tsquery lexemes.
        terms = list(words) + ([f"{prefix}:*"] if prefix else [])
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.name, d.slug FROM search_searchdocument d "
                "WHERE d.name_vector @@ to_tsquery('ventanilla_simple', %s) AND d.language = %s "
                "ORDER BY d.popularity DESC, length(d.name), d.name LIMIT %s",
                [" & ".join(terms), language, limit],
            )
            return cursor.fetchall()

    def closest_term(self, language, word):
        if not self._has_trigrams():
            return super().closest_term(language, word)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE language = %s AND term %% %s "
                "ORDER BY similarity(term, %s) DESC, document_count DESC LIMIT 1",
                [language, word, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None

    def _has_trigrams(self) -> bool:
        if PostgreSQLBackend._trigrams is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                PostgreSQLBackend._trigrams = cursor.fetchone() is not None
        return PostgreSQLBackend._trigrams
