"""SQLite: FTS5 over Snowball-stemmed text.

FTS5's tokenizers know no Spanish, so the index stores each field already normalised and
stemmed in Python (text.stemmed_text) and queries go through the same function: "licencias
de conducir" and "Licencia de conducir" both become "licenci conduc". bm25() weighs the
columns; `name_words` keeps the unstemmed name for prefix (autocomplete) queries.
"""

from django.db import connection

from ventanilla.search.text import stem, stemmed_text, words

from .base import SearchBackend, popularity_boost

FTS_TABLE = "search_fts"
# The table is created by migration 0002: name, keywords, summary, body, name_words.
# bm25 column weights, in column order: name, keywords, summary, body, name_words (not ranked).
BM25 = f"bm25({FTS_TABLE}, 10.0, 6.0, 3.0, 1.0, 0.0)"


def _quoted(tokens) -> str:
    # Tokens are [^\W_]+ after normalisation: quoting makes each one a literal FTS5 string.
    return " AND ".join(f'"{token}"' for token in tokens)


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    driving_join = "CROSS JOIN"

    def write(self, pairs) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, name, keywords, summary, body, name_words) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        document.pk,
                        stemmed_text(entry.name, entry.language),
                        stemmed_text(entry.keywords, entry.language),
                        stemmed_text(entry.summary, entry.language),
                        stemmed_text(entry.body, entry.language),
                        " ".join(words(entry.name, entry.language)),
                    )
                    for document, entry in pairs
                ],
            )

    def delete(self, document_ids) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in document_ids])

    def clear(self) -> None:
        super().clear()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def match(self, query):
        alternatives = " OR ".join(
            f"({_quoted(stem(word, query.language) for word in alternative)})"
            for alternative in query.alternatives
        )
        return (
            # CROSS JOIN: run the full-text query once and look rows up by id, never the reverse.
            f"{FTS_TABLE} CROSS JOIN search_searchdocument d ON d.id = {FTS_TABLE}.rowid",
            f"{FTS_TABLE} MATCH %s",
            [f"{{name keywords summary body}} : ({alternatives})"],
            popularity_boost(f"-{BM25}"),
        )

    def autocomplete(self, language, words, prefix, limit):
        terms = [f'"{word}"' for word in words] + ([f'"{prefix}" *'] if prefix else [])
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.name, d.slug FROM {FTS_TABLE} CROSS JOIN search_searchdocument d "
                f"ON d.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND d.language = %s "
                "ORDER BY d.popularity DESC, length(d.name), d.name LIMIT %s",
                [f"name_words : ({' AND '.join(terms)})", language, limit],
            )
            return cursor.fetchall()
