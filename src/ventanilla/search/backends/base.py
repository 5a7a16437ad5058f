"""The search backend interface, and what every backend shares.

A backend stores the rows of `documents.Entry` and answers three questions: which rows match a
query (ranked, filtered, counted, with facet counts), which sheet names start with a prefix,
and which indexed word is closest to a misspelt one. SearchDocument (the row as shown),
SearchFacet (one row per facet value) and SearchTerm (the vocabulary) are ordinary tables on
every database; only the full-text part is vendor-specific:

- sqlite.SQLiteBackend: an FTS5 table of Snowball-stemmed text (FTS5 has no Spanish stemmer).
- postgresql.PostgreSQLBackend: a generated tsvector column with Spanish/English configurations
  that also strip accents, ranked with ts_rank_cd.

An external engine (OpenSearch) would be a third subclass that overrides `write`, `delete`,
`clear` and the three queries, selected by `backends.get_backend()`.
"""

import collections
import dataclasses
import difflib

from django.db import connection, transaction
from django.db.models.functions import Length

from ventanilla.search.models import SearchDocument, SearchFacet, SearchFacetTotal, SearchTerm

FACETS = ("agency", "level", "topic", "segment", "life_event", "channel", "cost", "online")
# score * (1 + ln(1 + views) / POPULARITY_DAMPING): a sheet with 1,000 views ranks about 1.7
# times higher than an equal match nobody opens, never enough to lift a body-text match over a
# name match.
POPULARITY_DAMPING = 10.0
# Facet counts are computed among this many best matches (exact below it): the cost of a search
# stays bounded however many sheets match a common word.
FACET_SAMPLE = 500


@dataclasses.dataclass
class Query:
    """A parsed query: alternatives (OR) of word lists (AND), synonyms already expanded."""

    language: str
    alternatives: list[list[str]]
    filters: dict[str, list[str]]
    offset: int = 0
    limit: int = 20


@dataclasses.dataclass
class Row:
    sheet_id: int
    translation_key: str
    name: str
    slug: str
    summary: str
    agency_id: int
    agency_name: str
    score: float


@dataclasses.dataclass
class Matches:
    rows: list[Row]
    total: int
    facets: dict[str, dict[str, int]]


ROW_COLUMNS = "d.sheet_id, d.translation_key, d.name, d.slug, d.summary, d.agency_id, d.agency_name"


class SearchBackend:
    vendor = ""
    # The join that keeps its left side as the outer loop (SQLite's planner honours CROSS JOIN).
    driving_join = "JOIN"

    # ---------------------------------------------------------------------------------------
    # Writing
    # ---------------------------------------------------------------------------------------
    def index(self, entries) -> None:
        """Insert or replace the rows of these entries (one per sheet), in one transaction."""
        entries = list(entries)
        with transaction.atomic():
            self.remove([entry.sheet_id for entry in entries])
            documents = SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        sheet_id=entry.sheet_id,
                        translation_key=entry.translation_key,
                        language=entry.language,
                        name=entry.name,
                        slug=entry.slug,
                        summary=entry.summary,
                        keywords=entry.keywords,
                        body=entry.body,
                        agency_id=entry.agency_id,
                        agency_name=entry.agency_name,
                        popularity=entry.popularity,
                        vocabulary=" ".join(entry.vocabulary()),
                    )
                    for entry in entries
                ],
                batch_size=2000,
            )
            SearchFacet.objects.bulk_create(
                [
                    SearchFacet(document_id=document.pk, language=entry.language, facet=facet, value=value)
                    for document, entry in zip(documents, entries, strict=True)
                    for facet, value in entry.facets
                ],
                batch_size=5000,
            )
            self.write(list(zip(documents, entries, strict=True)))
            self._count_vocabulary(documents, +1)
            self._count_facets(
                [(entry.language, facet, value) for entry in entries for facet, value in entry.facets]
                + [(entry.language, "*", "*") for entry in entries],
                +1,
            )

    def remove(self, sheet_ids) -> None:
        sheet_ids = list(sheet_ids)
        if not sheet_ids:
            return
        with transaction.atomic():
            documents = list(
                SearchDocument.objects.filter(sheet_id__in=sheet_ids).only("id", "language", "vocabulary")
            )
            if not documents:
                return
            self._count_vocabulary(documents, -1)
            ids = [document.pk for document in documents]
            self._count_facets(
                [*SearchFacet.objects.filter(document_id__in=ids).values_list("language", "facet", "value")]
                + [(document.language, "*", "*") for document in documents],
                -1,
            )
            self.delete([document.pk for document in documents])
            SearchDocument.objects.filter(pk__in=[document.pk for document in documents]).delete()

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacet.objects.all().delete()
            SearchDocument.objects.all().delete()
            SearchTerm.objects.all().delete()
            SearchFacetTotal.objects.all().delete()

    def set_popularity(self, counts: dict[int, int]) -> None:
        """Copy stored view counts (sheet id -> views) onto the rows."""
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchdocument SET popularity = %s WHERE sheet_id = %s",
                [(views, sheet_id) for sheet_id, views in counts.items()],
            )

    def _count_facets(self, rows, sign: int) -> None:
        counts = collections.Counter(rows)
        if not counts:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_searchfacettotal (language, facet, value, count) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (language, facet, value) DO UPDATE "
                "SET count = search_searchfacettotal.count + excluded.count",
                [(*key, sign * count) for key, count in counts.items()],
            )
            if sign < 0:
                cursor.execute("DELETE FROM search_searchfacettotal WHERE count <= 0")

    def _count_vocabulary(self, documents, sign: int) -> None:
        counts = collections.Counter()
        for document in documents:
            for term in document.vocabulary.split():
                counts[(document.language, term)] += 1
        if not counts:
            return
        with connection.cursor() as cursor:
            if sign > 0:
                cursor.executemany(
                    "INSERT INTO search_searchterm (language, term, document_count) VALUES (%s, %s, %s) "
                    "ON CONFLICT (language, term) DO UPDATE "
                    "SET document_count = search_searchterm.document_count + excluded.document_count",
                    [(language, term, count) for (language, term), count in counts.items()],
                )
            else:
                cursor.executemany(
                    "UPDATE search_searchterm SET document_count = document_count - %s "
                    "WHERE language = %s AND term = %s",
                    [(count, language, term) for (language, term), count in counts.items()],
                )
                cursor.execute("DELETE FROM search_searchterm WHERE document_count <= 0")

    def write(self, pairs) -> None:
        """Store the full-text part of freshly inserted documents: [(SearchDocument, Entry)]."""
        raise NotImplementedError

    def delete(self, document_ids) -> None:
        """Drop the full-text part of these documents (before their rows are deleted)."""
        raise NotImplementedError

    # ---------------------------------------------------------------------------------------
    # Reading
    # ---------------------------------------------------------------------------------------
    def match(self, query: Query) -> tuple[str, str, list, str]:
        """(FROM clause, match condition, its parameters, score expression) for a non-empty query;
        the FROM clause names the document table `d`."""
        raise NotImplementedError

    def search(self, query: Query) -> Matches:
        """Ranked matches: one query ranks them (and counts them, in the same pass), one reads
        the page, and facets are counted among the FACET_SAMPLE best matches (exact whenever
        there are no more matches than that), so their cost does not grow with the catalog."""
        if not query.alternatives and not query.filters:
            return self._browse(query)
        if query.alternatives:
            source, condition, params, score = self.match(query)
        else:
            source, condition, params = "search_searchdocument d", None, []
            score = "d.popularity"
        where, where_params = self._where(query, condition, params, exclude=None)
        window = max(FACET_SAMPLE, query.offset + query.limit)
        with connection.cursor() as cursor:
            # COUNT(*) OVER () gives the total in the ranking pass; the inner query keeps FTS5's
            # bm25() out of the window's context.
            cursor.execute(
                f"SELECT m.id, m.score, COUNT(*) OVER () FROM (SELECT d.id AS id, {score} AS score, "
                f"d.name AS name FROM {source} WHERE {where}) m ORDER BY m.score DESC, m.name LIMIT %s",
                [*where_params, window],
            )
            ranked = cursor.fetchall()
            total = ranked[0][2] if ranked else 0
            page = ranked[query.offset:query.offset + query.limit]
            if page:
                placeholders = ", ".join(["%s"] * len(page))
                cursor.execute(
                    f"SELECT {ROW_COLUMNS}, d.id FROM search_searchdocument d WHERE d.id IN ({placeholders})",
                    [row_id for row_id, _score, _total in page],
                )
                by_id = {record[-1]: record for record in cursor.fetchall()}
                rows = [self._row((*by_id[row_id][:-1], row_score)) for row_id, row_score, _total in page]
            else:
                rows = []
            sample = [row_id for row_id, _score, _total in ranked[:FACET_SAMPLE]]
            facets = self._facets(cursor, query, sample, source, condition, params) if total else {}
        return Matches(rows=rows, total=total, facets=facets)

    def _browse(self, query: Query) -> Matches:
        """The whole catalog of a language: rows in index order, counts from SearchFacetTotal."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {ROW_COLUMNS}, d.popularity FROM search_searchdocument d WHERE d.language = %s "
                "ORDER BY d.popularity DESC, d.name LIMIT %s OFFSET %s",
                [query.language, query.limit, query.offset],
            )
            records = cursor.fetchall()
        facets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        total = 0
        for facet, value, count in SearchFacetTotal.objects.filter(language=query.language).values_list(
            "facet", "value", "count"
        ):
            if facet == "*":
                total = count
            elif facet in facets:
                facets[facet][value] = count
        return Matches(rows=[self._row(record) for record in records], total=total, facets=facets)

    @staticmethod
    def _row(record) -> Row:
        return Row(
            sheet_id=record[0],
            translation_key=str(record[1]),
            name=record[2],
            slug=record[3],
            summary=record[4],
            agency_id=record[5],
            agency_name=record[6],
            score=float(record[7] or 0),
        )

    def _where(self, query: Query, condition: str | None, params: list, exclude: str | None):
        clauses, where_params = ["d.language = %s"], [query.language]
        if condition:
            clauses.insert(0, condition)
            where_params[:0] = params
        for facet, values in query.filters.items():
            if facet == exclude or not values:
                continue
            placeholders = ", ".join(["%s"] * len(values))
            clauses.append(
                "d.id IN (SELECT f.document_id FROM search_searchfacet f "
                f"WHERE f.facet = %s AND f.value IN ({placeholders}))"
            )
            where_params.extend([facet, *values])
        return " AND ".join(clauses), where_params

    def _facets(self, cursor, query: Query, sample, source, condition, params) -> dict[str, dict[str, int]]:
        """Counts per facet value among the best matches (`sample`).

        The groups without a selection share one aggregate over the sample. A group with a
        selection is counted as if its own selection were not applied, so its other values
        stay visible with their counts: over the first FACET_SAMPLE rows matching the other
        filters. At most 1 + (number of selected groups) queries, each over a bounded set.
        """
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        selected = [facet for facet in FACETS if query.filters.get(facet)]
        unselected = [facet for facet in FACETS if facet not in selected]
        if sample and unselected:
            # Every facet of the sample (no condition on the facet name: it would tempt SQLite's
            # planner into the facet-first index and a scan of the whole table).
            cursor.execute(
                "SELECT f.facet, f.value, COUNT(*) FROM search_searchfacet f "
                f"WHERE f.document_id IN ({', '.join(['%s'] * len(sample))}) GROUP BY f.facet, f.value",
                sample,
            )
            for facet, value, count in cursor.fetchall():
                if facet in unselected:
                    counts[facet][value] = count
        for facet in selected:
            where, where_params = self._where(query, condition, params, exclude=facet)
            cursor.execute(
                f"SELECT f.value, COUNT(*) FROM (SELECT d.id FROM {source} WHERE {where} LIMIT %s) m "
                f"{self.driving_join} search_searchfacet f ON f.document_id = m.id "
                "WHERE f.facet = %s GROUP BY f.value",
                [*where_params, FACET_SAMPLE, facet],
            )
            counts[facet] = dict(cursor.fetchall())
        return counts

    def autocomplete(self, language: str, words: list[str], prefix: str, limit: int) -> list[tuple[str, str]]:
        """(name, slug) of live sheets whose name has `words` and a word starting with `prefix`."""
        raise NotImplementedError

    def closest_term(self, language: str, word: str) -> str | None:
        """The indexed word closest to `word` (a misspelling), preferring frequent words."""
        candidates = (
            SearchTerm.objects.filter(language=language, term__startswith=word[:1])
            .annotate(size=Length("term"))
            .filter(size__gte=len(word) - 2, size__lte=len(word) + 2)
            .order_by("-document_count")[:5000]
        )
        counts = dict(candidates.values_list("term", "document_count"))
        matches = difflib.get_close_matches(word, list(counts), n=5, cutoff=0.75)
        if not matches:
            return None
        def closeness(term):
            return difflib.SequenceMatcher(None, word, term).ratio(), counts[term]

        return max(matches, key=closeness)


def popularity_boost(score_sql: str) -> str:
    return f"({score_sql}) * (1 + ln(1 + d.popularity) / {POPULARITY_DAMPING})"

