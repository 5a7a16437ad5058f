"""SQLite: FTS5 over Snowball-stemmed text, in rank order.

FTS5's tokenizers know no Spanish, so the index stores each field already normalised and
stemmed in Python (text.stemmed_text) and queries go through the same function: "licencias
de conducir" and "Licencia de conducir" both become "licenci conduc".

Two FTS5 tables, both with the row's rank_key as rowid (see base), so that `ORDER BY rowid
LIMIT n` reads the n most popular matches of a language (a rowid range) and stops:

- search_fts: name, keywords, summary, body, and `facets` (one token per facet value, so a
  facet filter is part of the full-text query);
- search_fts_names: name and keywords alone (the name tier: its doclists stay short however
  common a word is in texts), and `name_words`, the unstemmed name for autocomplete prefixes.

The FTS tables only match. What a search reads of each match (its facet values, and the
stemmed name, keywords and summary it is scored on) comes from search_fts_rows, a narrow
table with the same rowid, joined to the matches: FTS5 would fetch each column through a
lookup of its own of the whole stored row (migration 0006: 2.6 ms against 1 ms for the facets
of 501 matches).

Scores are computed in Python from the stemmed text of the few rows that get ranked, not with
bm25(): bm25's document frequencies cost a pass over every match of every phrase (facet tokens
included), and within a tier, where every row has every word of the query, they hardly tell
rows apart. What does is where the words are (name, keywords, summary) and how much else the
field holds.
"""

from django.db import connection

from ventanilla.search.text import stemmed_text, words

from .base import (
    NAME_TIER,
    SearchBackend,
    facet_pairs,
    language_range,
    name_tier_candidates,
    query_stems,
    text_candidates,
)

FTS_TABLE = "search_fts"
NAMES_TABLE = "search_fts_names"
ROWS_TABLE = "search_fts_rows"


def facet_token(facet: str, value: str) -> str:
    """One FTS5 token per facet value: hexadecimal, so no tokenizer splits or folds it."""
    return "f" + f"{facet}={value}".encode().hex()


def _tokens(text: str) -> str:
    return " ".join(facet_token(facet, value) for facet, value in facet_pairs(text))


def _quoted(tokens) -> str:
    # Tokens are [^\W_]+ after normalisation: quoting makes each one a literal FTS5 string.
    return " AND ".join(f'"{token}"' for token in tokens)


def _passes(facets: str, filters: dict[str, list[str]]) -> bool:
    """Whether a row's "facet=value ..." satisfies the filters (OR within a facet, AND across)."""
    values = set(facets.split())
    return all(
        any(f"{facet}={value}" in values for value in wanted) for facet, wanted in filters.items() if wanted
    )


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def write(self, pairs) -> None:
        rows = [
            (
                document.rank_key,
                stemmed_text(entry.name, entry.language),
                stemmed_text(entry.keywords, entry.language),
                stemmed_text(entry.summary, entry.language),
                entry,
                document,
            )
            for document, entry in pairs
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, name, keywords, summary, body, facets) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        key, name, keywords, summary,
                        stemmed_text(entry.body, entry.language),
                        _tokens(document.facets),
                    )
                    for key, name, keywords, summary, entry, document in rows
                ],
            )
            cursor.executemany(
                f"INSERT INTO {NAMES_TABLE} (rowid, name, keywords, name_words) VALUES (%s, %s, %s, %s)",
                [
                    (key, name, keywords, " ".join(words(entry.name, entry.language)))
                    for key, name, keywords, _summary, entry, _document in rows
                ],
            )
            cursor.executemany(
                f"INSERT INTO {ROWS_TABLE} (rank_key, facets, name, keywords, summary) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (key, document.facets, name, keywords, summary)
                    for key, name, keywords, summary, _entry, document in rows
                ],
            )

    def delete(self, rank_keys) -> None:
        keys = [(key,) for key in rank_keys]
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", keys)
            cursor.executemany(f"DELETE FROM {NAMES_TABLE} WHERE rowid = %s", keys)
            cursor.executemany(f"DELETE FROM {ROWS_TABLE} WHERE rank_key = %s", keys)

    def clear(self) -> None:
        super().clear()
        with connection.cursor() as cursor:
            for table in (FTS_TABLE, NAMES_TABLE, ROWS_TABLE):
                cursor.execute(f"DELETE FROM {table}")

    def move(self, moves) -> None:
        pairs = [(new, old) for old, new in moves]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, name, keywords, summary, body, facets) "
                f"SELECT %s, name, keywords, summary, body, facets FROM {FTS_TABLE} WHERE rowid = %s",
                pairs,
            )
            cursor.executemany(
                f"INSERT INTO {NAMES_TABLE} (rowid, name, keywords, name_words) "
                f"SELECT %s, name, keywords, name_words FROM {NAMES_TABLE} WHERE rowid = %s",
                pairs,
            )
            cursor.executemany(
                f"INSERT INTO {ROWS_TABLE} (rank_key, facets, name, keywords, summary) "
                f"SELECT %s, facets, name, keywords, summary FROM {ROWS_TABLE} WHERE rank_key = %s",
                pairs,
            )
        self.delete([old for old, _new in moves])

    def _expression(self, query, fields, filters) -> str:
        parts = []
        if fields:
            alternatives = " OR ".join(f"({_quoted(alternative)})" for alternative in query_stems(query))
            # Query words never match the facet tokens' column.
            parts.append(f"{{name keywords summary body}} : ({alternatives})")
        for facet, values in sorted(filters.items()):
            if values:
                tokens = " OR ".join(f'"{facet_token(facet, value)}"' for value in values)
                parts.append(f"facets : ({tokens})")
        return " AND ".join(f"({part})" for part in parts)

    def _matching(self, query, fields, filters) -> tuple[str, list]:
        low, high = language_range(query.language)
        return f"{FTS_TABLE} MATCH %s AND rowid >= %s AND rowid < %s", [
            self._expression(query, fields, filters), low, high,
        ]

    def candidates(self, query, fields, filters, limit, scored):
        if fields == NAME_TIER:
            return self._name_tier(query, filters, limit)
        condition, params = self._matching(query, fields, filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.rank_key, r.facets, {'r.summary' if scored else 'NULL'} "
                f"FROM (SELECT rowid FROM {FTS_TABLE} WHERE {condition} ORDER BY rowid LIMIT %s) m "
                f"JOIN {ROWS_TABLE} r ON r.rank_key = m.rowid ORDER BY r.rank_key",
                [*params, limit],
            )
            rows = cursor.fetchall()
        return text_candidates(query_stems(query), rows, scored and bool(fields))

    def _name_tier(self, query, filters, limit):
        """The most popular rows with every word of an alternative in the name or keywords;
        with facet filters, those of them that pass (checked on their stored facets)."""
        low, high = language_range(query.language)
        alternatives = query_stems(query)
        expression = " OR ".join(f"({_quoted(alternative)})" for alternative in alternatives)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.rank_key, r.name, r.keywords, r.facets FROM (SELECT rowid FROM {NAMES_TABLE} "
                f"WHERE {NAMES_TABLE} MATCH %s AND rowid >= %s AND rowid < %s ORDER BY rowid LIMIT %s) m "
                f"JOIN {ROWS_TABLE} r ON r.rank_key = m.rowid ORDER BY r.rank_key",
                ["{name keywords} : " + f"({expression})", low, high, limit],
            )
            rows = cursor.fetchall()
        if filters:
            rows = [row for row in rows if _passes(row[3], filters)]
        return name_tier_candidates(alternatives, [row[:3] for row in rows])

    def autocomplete(self, language, words, prefix, limit):
        terms = [f'"{word}"' for word in words] + ([f'"{prefix}" *'] if prefix else [])
        if not terms:
            return []
        low, high = language_range(language)
        with connection.cursor() as cursor:
            # The most popular names with these words (rowid order), then the best of them.
            cursor.execute(
                f"SELECT d.name, d.slug FROM (SELECT rowid AS key FROM {NAMES_TABLE} "
                f"WHERE {NAMES_TABLE} MATCH %s AND rowid >= %s AND rowid < %s ORDER BY rowid LIMIT %s) m "
                "CROSS JOIN search_searchdocument d ON d.rank_key = m.key "
                "ORDER BY d.popularity DESC, length(d.name), d.name LIMIT %s",
                [f"name_words : ({' AND '.join(terms)})", low, high, max(limit * 5, 50), limit],
            )
            return cursor.fetchall()
