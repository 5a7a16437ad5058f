"""PostgreSQL: native full-text search, in rank order.

Migration 0002 creates text search configurations that strip accents before stemming
(`ventanilla_es`: unaccent + Spanish Snowball, `ventanilla_en`: unaccent + English,
`ventanilla_simple`: unaccent only, for name prefixes). Migration 0004 keeps the vectors in a
narrow table of their own, search_searchvector, keyed by the row's rank_key (see base):

- search_vector: name A, keywords B, summary C, body D, in the row's language;
- name_keywords_vector: name A, keywords B (the name tier);
- name_vector: the unstemmed name words (autocomplete prefixes, GIN);
- facets: the facet values as on SearchDocument ("topic=12 cost=free"), read with each match;
- name_stems, keyword_stems, summary_stems: the stemmed text (text.stemmed_text) the matches
  are scored on, in Python, as on SQLite (migration 0008).

Both search vectors also carry the facet values as lexemes ("topic=12": the parser never makes
one with "=" from words), so words and facet filters are one tsquery and one index condition
(migration 0005). The database finds and reads rows; it does not score them: ts_rank_cd over
a name tier's 200 rows was 1.9 ms of the database server's time a search, the one machine a
deployment shares, while scoring in the application (base.name_score) is the same on every
backend and runs where adding machines is adding processes.

Tranches (migration 0007). A GIN index answers a tsquery with a bitmap of every match, which
PostgreSQL sorts by rank_key to keep the first n: a common word (32,000 matches of
"nacimient" at 100,000 sheets) costs a visit to every matching row. (RUM indexes, which
migration 0005 added for their rank-ordered scans, read every posting list whole before their
first row as well, and returned rows out of rank order once they held dead entries.) So the
rows of each language are cut, in rank_key order, into TRANCHES of growing size (the 2,048
most popular, the next 8,192, the next 32,768, the rest), the `tranche` column, and each vector
has one partial GIN index per tranche. A search reads tranche 0 and goes on to the next only
while it has fewer rows than it needs (UNION ALL under one LIMIT: PostgreSQL never starts the
later branches), so a common word sorts the matches of the first few thousand rows, not of
every row, and a rare word opens every tranche, each with short posting lists.

Where each tranche begins is kept in search_searchtranche (the rank_key of its first row, per
language), and a row's tranche is always the one its rank_key falls in, so a tranche is a
range of rank keys and the tranches read in order give the rows in rank order. A new or moved
row takes the tranche of its key. New sheets (no views, the end of rank order) make the last
tranche grow and popular ones the first: `rebalance()` cuts the tranches again from the rows
(at most hourly, when popularity moves rows). A rebuild (`bulk()`) writes the vectors last,
once every row's rank_key is known, straight into their tranches.
"""

import contextlib
import itertools

from django.core.cache import cache
from django.db import connection, transaction

from ventanilla.search.models import SearchDocument
from ventanilla.search.text import stemmed_text

from .base import (
    ALL_FIELDS,
    LANGUAGE_SHIFT,
    NAME_TIER,
    SearchBackend,
    language_range,
    name_tier_candidates,
    query_stems,
    text_candidates,
)

CONFIGS = {"es-mx": "ventanilla_es", "en": "ventanilla_en"}
VECTORS = {NAME_TIER: "name_keywords_vector", ALL_FIELDS: "search_vector"}
LANGUAGE_CONFIG = (
    "CASE WHEN d.language = 'en' THEN 'ventanilla_en'::regconfig ELSE 'ventanilla_es'::regconfig END"
)
VECTOR_TABLE = "search_searchvector"
FACET_LEXEMES = "array_to_tsvector(string_to_array(d.facets, ' '))"
# Rows of a language per tranche, in rank order; the last tranche takes the rest. Migration
# 0007 made one partial index per tranche and vector: the number of tranches is fixed there.
TRANCHE_SIZES = (2_048, 8_192, 32_768)
TRANCHES = len(TRANCHE_SIZES) + 1
# How often, at most, moves by popularity lead to a rebalance (seconds).
REBALANCE_INTERVAL = 3600
TRANCHE_TABLE = "search_searchtranche"
# The tranche of rank key `{key}`: that of the last beginning at or before it in its language.
TRANCHE_OF = (
    f"COALESCE((SELECT t.tranche FROM {TRANCHE_TABLE} t WHERE t.first_key <= {{key}} "
    f"AND t.first_key >= ({{key}} >> {LANGUAGE_SHIFT}) << {LANGUAGE_SHIFT} "
    "ORDER BY t.first_key DESC LIMIT 1), 0)"
)
# Rows of a rebuild written per statement.
WRITE_BATCH = 5_000


def _tranche_starts() -> list[int]:
    """The positions in rank order (per language) where tranches 1, 2... begin."""
    return list(itertools.accumulate(TRANCHE_SIZES))


def tsquery_literal(lexemes) -> str:
    """A tsquery that matches any of these exact lexemes, quoted as the tsquery syntax wants."""
    quoted = ("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in lexemes)
    return " | ".join(quoted)


class PostgreSQLBackend(SearchBackend):
    vendor = "postgresql"
    _trigrams: bool | None = None

    # Document ids whose vectors wait for the end of bulk() (None outside it).
    _deferred: list[int] | None = None

    def write(self, pairs) -> None:
        ids = [document.pk for document, _entry in pairs]
        if self._deferred is not None:
            self._deferred.extend(ids)
        elif ids:
            self._write_vectors(ids)

    @contextlib.contextmanager
    def bulk(self):
        # Written first and moved to their tranches after, a rebuild's rows would be written
        # twice, and the first tranche's indexes would keep the size of the whole catalog.
        self._deferred = []
        try:
            yield
            ids = self._deferred
        finally:
            self._deferred = None
        self._cut_tranches()
        for start in range(0, len(ids), WRITE_BATCH):
            self._write_vectors(ids[start:start + WRITE_BATCH])

    def _write_vectors(self, ids: list[int]) -> None:
        """The vector rows of these SearchDocument rows: the vectors computed from them in SQL,
        the stemmed text in Python (text.stemmed_text, which also stems the queries)."""
        documents = SearchDocument.objects.filter(pk__in=ids).values_list(
            "pk", "language", "name", "keywords", "summary"
        )
        stemmed = [
            (pk, *(stemmed_text(text, language) for text in (name, keywords, summary)))
            for pk, language, name, keywords, summary in documents
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {VECTOR_TABLE} (rank_key, search_vector, name_keywords_vector, name_vector, "
                "facets, name_stems, keyword_stems, summary_stems, tranche) SELECT d.rank_key, "
                f"setweight(to_tsvector({LANGUAGE_CONFIG}, d.name), 'A') "
                f"|| setweight(to_tsvector({LANGUAGE_CONFIG}, d.keywords), 'B') "
                f"|| setweight(to_tsvector({LANGUAGE_CONFIG}, d.summary), 'C') "
                f"|| setweight(to_tsvector({LANGUAGE_CONFIG}, d.body), 'D') || {FACET_LEXEMES}, "
                f"setweight(to_tsvector({LANGUAGE_CONFIG}, d.name), 'A') "
                f"|| setweight(to_tsvector({LANGUAGE_CONFIG}, d.keywords), 'B') || {FACET_LEXEMES}, "
                "to_tsvector('ventanilla_simple'::regconfig, d.name), "
                "d.facets, s.name_stems, s.keyword_stems, s.summary_stems, "
                f"{TRANCHE_OF.format(key='d.rank_key')} "
                "FROM search_searchdocument d JOIN unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) "
                "AS s (id, name_stems, keyword_stems, summary_stems) ON s.id = d.id",
                [list(column) for column in zip(*stemmed, strict=True)],
            )

    def delete(self, rank_keys) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {VECTOR_TABLE} WHERE rank_key = ANY(%s)", [list(rank_keys)])

    def clear(self) -> None:
        super().clear()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {VECTOR_TABLE}")
            cursor.execute(f"DELETE FROM {TRANCHE_TABLE}")

    def move(self, moves) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {VECTOR_TABLE} SET rank_key = %(new)s, tranche = {TRANCHE_OF.format(key='%(new)s')} "
                "WHERE rank_key = %(old)s",
                [{"new": new, "old": old} for old, new in moves],
            )
        # Moves make the tranches uneven, never out of order: cut them again now and then.
        if cache.add("search:tranches-cut", True, REBALANCE_INTERVAL):
            self.rebalance()

    def rebalance(self) -> int:
        """Cut each language's rows into tranches of TRANCHE_SIZES again, in rank order, and
        move the rows whose tranche changed; returns how many moved."""
        tranche = TRANCHE_OF.format(key="v.rank_key")
        with transaction.atomic(), connection.cursor() as cursor:
            self._cut_tranches()
            cursor.execute(f"UPDATE {VECTOR_TABLE} v SET tranche = {tranche} WHERE v.tranche <> {tranche}")
            return cursor.rowcount

    def _cut_tranches(self) -> None:
        """Where each tranche begins, from the rank keys of the indexed rows (SearchDocument,
        which has every row's key even while bulk() defers the vectors). Inside the caller's
        transaction (LOCK TABLE needs one)."""
        starts = _tranche_starts()
        cases = " ".join(f"WHEN {start} THEN {tranche}" for tranche, start in enumerate(starts, start=1))
        with connection.cursor() as cursor:
            # One cut at a time (two would insert the same keys); rows written meanwhile read
            # the old beginnings, which at worst leaves a row ranked a little out of place
            # until the next cut moves it.
            cursor.execute(f"LOCK TABLE {TRANCHE_TABLE} IN EXCLUSIVE MODE")
            cursor.execute(f"DELETE FROM {TRANCHE_TABLE}")
            cursor.execute(
                f"INSERT INTO {TRANCHE_TABLE} (first_key, tranche) "
                f"SELECT rank_key, CASE position {cases} END FROM ("
                f"SELECT rank_key, row_number() OVER (PARTITION BY rank_key >> {LANGUAGE_SHIFT} "
                "ORDER BY rank_key) - 1 AS position "
                f"FROM search_searchdocument) p WHERE position IN ({', '.join(map(str, starts))})"
            )

    def _matching(self, query, fields, filters) -> tuple[str, str, list]:
        """(FROM clause, WHERE clause, parameters) for the rows matching words and filters; the
        FROM clause names the words' tsquery q.words (NULL without words)."""
        low, high = language_range(query.language)
        words, params = "NULL::tsquery", []
        if fields:
            config = CONFIGS[query.language]
            # One plainto_tsquery per alternative (words ANDed), alternatives ORed with ||.
            words = " || ".join([f"plainto_tsquery('{config}', %s)"] * len(query.alternatives))
            params = [" ".join(alternative) for alternative in query.alternatives]
        # Each facet group ORs its values; groups and words are ANDed: one index condition.
        parts = ["q.words"] if fields else []
        params += [low, high]
        for facet, values in sorted(filters.items()):
            if values:
                parts.append("%s::tsquery")
                params.append(tsquery_literal(f"{facet}={value}" for value in values))
        source = f"{VECTOR_TABLE} v CROSS JOIN (SELECT {words} AS words) q"
        clauses = ["v.rank_key >= %s AND v.rank_key < %s"]
        if parts:
            vector = VECTORS[fields] if fields else VECTORS[ALL_FIELDS]
            clauses.append(f"v.{vector} @@ ({' && '.join(parts)})")
        return source, " AND ".join(clauses), params

    def candidates(self, query, fields, filters, limit, scored):
        source, where, params = self._matching(query, fields, filters)
        if fields == NAME_TIER:
            columns = "v.name_stems, v.keyword_stems"
        else:
            columns = "v.facets, " + ("v.summary_stems" if scored and fields else "NULL")
        # One branch per tranche, each in rank order under its own LIMIT, appended in tranche
        # order under one LIMIT: once it has `limit` rows, the later branches never run. The
        # table's parallel_workers = 0 (migration 0008) keeps any parallel plan, which would
        # interleave the branches, away.
        branches = " UNION ALL ".join(
            f"(SELECT v.rank_key, {columns} FROM {source} "
            f"WHERE {where} AND v.tranche = {tranche} ORDER BY v.rank_key LIMIT %s)"
            for tranche in range(TRANCHES)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT * FROM ({branches} LIMIT %s) m ORDER BY m.rank_key",
                [*params, limit] * TRANCHES + [limit],
            )
            rows = cursor.fetchall()
        if fields == NAME_TIER:
            return name_tier_candidates(query_stems(query), rows)
        return text_candidates(query_stems(query), rows, scored and bool(fields))

    def autocomplete(self, language, words, prefix, limit):
        # Words are normalised [^\W_]+ tokens, safe as tsquery lexemes.
        terms = list(words) + ([f"{prefix}:*"] if prefix else [])
        if not terms:
            return []
        low, high = language_range(language)
        with connection.cursor() as cursor:
            # The most popular names with these words (rank order), then the best of them.
            cursor.execute(
                f"SELECT d.name, d.slug FROM (SELECT v.rank_key FROM {VECTOR_TABLE} v "
                "WHERE v.name_vector @@ to_tsquery('ventanilla_simple', %s) "
                "AND v.rank_key >= %s AND v.rank_key < %s ORDER BY v.rank_key LIMIT %s) m "
                "JOIN search_searchdocument d ON d.rank_key = m.rank_key "
                "ORDER BY d.popularity DESC, length(d.name), d.name LIMIT %s",
                [" & ".join(terms), low, high, max(limit * 5, 50), limit],
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
