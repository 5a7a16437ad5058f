"""The search backend interface, and what every backend shares.

A backend stores the rows of `documents.Entry` and answers three questions: which rows match a
query (in rank order, a bounded number of them, with scores for the first ones), which sheet
names start with a prefix, and which indexed word is closest to a misspelt one. SearchDocument
(the row as shown), SearchFacetTotal and SearchTerm (the vocabulary) are ordinary tables on
every database; only the full-text part is vendor-specific:

- sqlite.SQLiteBackend: an FTS5 table of Snowball-stemmed text (FTS5 has no Spanish stemmer)
  whose rowid is the row's rank_key, with the facet values as tokens of their own column.
- postgresql.PostgreSQLBackend: tsvectors with Spanish/English configurations that also strip
  accents, with the facet values as lexemes, in a table keyed by rank_key and cut into
  tranches in rank order, one GIN index per tranche.

An external engine (OpenSearch) would be a third subclass that overrides `write`, `delete`,
`move`, `candidates` and `autocomplete`, selected by `backends.get_backend()`.

How a search stays cheap whatever the catalog size
    Every row has a rank_key: its language, its popularity band (half a power of two of views)
    and its sheet id, so that ascending rank_key is "most viewed first". The full-text indexes
    yield matches in that order (FTS5 by rowid; PostgreSQL by sorting the matches of the most
    popular tranches, going on to the next only while it has too few), so a search reads at
    most a few hundred matches and stops:

    1. Name tier: up to RANK_DEPTH matches of the words in the name or keywords, scored with
       name above keywords (by field weights, in Python, on the rows' stemmed text: the same on
       every backend, and the database only finds and reads rows) and sorted by score times
       popularity.
    2. Everything else: up to FACET_SAMPLE matches in any field; the first RANK_DEPTH of them
       not already in the name tier are scored the same way and follow the name tier; the rest
       follow in popularity order. Facet counts come from this sample (exact whenever a search
       has fewer matches than FACET_SAMPLE), one more sample per facet group with a selection.
    3. The total is exact up to FACET_SAMPLE matches; beyond, it is shown as "more than
       FACET_SAMPLE" (nothing counts every match: the sample reads one row more to know).

    A sheet whose words are in its name therefore always ranks above one that only mentions
    them in its text ("prefers name and keywords over body text"), popular sheets rise within
    each tier, and the cost is bounded by the constants below rather than by the number of
    matches.
"""

import abc
import collections
import contextlib
import dataclasses
import difflib
import math

from django.db import connection, transaction
from django.db.models.functions import Length

from ventanilla.search.models import SearchDocument, SearchFacetTotal, SearchTerm
from ventanilla.search.text import stem

FACETS = ("agency", "level", "topic", "segment", "life_event", "channel", "cost", "online")
# score * (1 + ln(1 + views) / POPULARITY_DAMPING): a sheet with 1,000 views ranks about 1.7
# times higher than an equal match nobody opens, never enough to lift a body-text match over a
# name match.
POPULARITY_DAMPING = 10.0
# Matches scored per tier, and the size of the sample of matches (facets, total; see above).
RANK_DEPTH = 200
FACET_SAMPLE = 500

# rank_key layout: language (bits 56+), 63 - popularity band (bits 40-55), sheet id (bits 0-39).
LANGUAGE_CODES = {"es-mx": 0, "en": 1}
LANGUAGE_SHIFT = 56
BAND_SHIFT = 40
MAX_BAND = 63
SHEET_ID_LIMIT = 1 << BAND_SHIFT
NAME_TIER = "name"
ALL_FIELDS = "all"


def popularity_band(views: int) -> int:
    """0 for no views, then one more every half power of two (1, 2, 3, 5, 7, 11, 15... views)."""
    return min(MAX_BAND, int(2 * math.log2(1 + max(0, views))))


def rank_key(language: str, views: int, sheet_id: int) -> int:
    if not 0 <= sheet_id < SHEET_ID_LIMIT:
        raise ValueError(f"sheet id {sheet_id} does not fit in a rank key")
    band = MAX_BAND - popularity_band(views)
    return (LANGUAGE_CODES[language] << LANGUAGE_SHIFT) | (band << BAND_SHIFT) | sheet_id


def language_range(language: str) -> tuple[int, int]:
    """[low, high) of the rank keys of a language."""
    code = LANGUAGE_CODES[language]
    return code << LANGUAGE_SHIFT, (code + 1) << LANGUAGE_SHIFT


def popularity_boost(key: int) -> float:
    """1 + ln(1 + views) / POPULARITY_DAMPING, with the views the key's band stands for."""
    band = MAX_BAND - ((key >> BAND_SHIFT) & 0xFFFF)
    return 1 + band * math.log(2) / 2 / POPULARITY_DAMPING


def facet_string(facets) -> str:
    """"facet=value ..." as stored on the rows (values never contain spaces)."""
    return " ".join(f"{facet}={str(value).replace(' ', '_')}" for facet, value in facets)


def facet_pairs(text: str):
    for token in text.split():
        facet, _sep, value = token.partition("=")
        yield facet, value


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
    # True when more rows than `total` match (the total is then the sample size).
    capped: bool = False


@dataclasses.dataclass
class Candidate:
    rank_key: int
    score: float | None
    # The row's facet values as stored on SearchDocument: "facet=value ..." (facet_string).
    facets: str


# Scoring, the same on every backend, in Python on the stemmed text of the rows that get ranked
# (see the module's docstring). The weights of a query word found in the name, the keywords, the
# summary, or only the body.
NAME_WEIGHT, KEYWORDS_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 6.0, 3.0, 1.0


def name_score(alternatives: list[list[str]], name: str, keywords: str) -> float:
    """The best alternative's words weighted by where they are, a long name weighing less."""
    # Called for every row of the name tier (up to RANK_DEPTH a search): plain loops, and the
    # keywords split only when a word is not in the name.
    name_stems = name.split()
    in_name = set(name_stems)
    keyword_stems = None
    best = 0.0
    for alternative in alternatives:
        if not alternative:
            continue
        found, weight = 0, 0.0
        for stem_ in alternative:
            if stem_ in in_name:
                found += 1
                weight += NAME_WEIGHT
            else:
                if keyword_stems is None:
                    keyword_stems = set(keywords.split())
                if stem_ in keyword_stems:
                    weight += KEYWORDS_WEIGHT
        extra_words = max(0, len(name_stems) - found)
        best = max(best, weight / len(alternative) / (1 + 0.1 * extra_words))
    return best


def text_score(alternatives: list[list[str]], summary: str) -> float:
    """For rows outside the name tier: words in the summary weigh more than words in the body."""
    summary_stems = set(summary.split())
    best = 0.0
    for alternative in alternatives:
        if alternative:
            found = sum(stem_ in summary_stems for stem_ in alternative)
            weight = SUMMARY_WEIGHT * found + BODY_WEIGHT * (len(alternative) - found)
            best = max(best, weight / len(alternative))
    return best


def query_stems(query: Query) -> list[list[str]]:
    """The query's alternatives as stems, as the stemmed text of the rows has them."""
    return [[stem(word, query.language) for word in alternative] for alternative in query.alternatives]


def name_tier_candidates(alternatives: list[list[str]], rows) -> list[Candidate]:
    """Rows (rank_key, stemmed name, stemmed keywords) of the name tier, scored."""
    return [Candidate(key, name_score(alternatives, name, keywords), "") for key, name, keywords in rows]


def text_candidates(alternatives: list[list[str]], rows, scored: bool) -> list[Candidate]:
    """Rows (rank_key, facets, stemmed summary) matching in any field, in rank order; when
    `scored`, the first RANK_DEPTH are scored by their text and the rest follow by popularity."""
    if not scored:
        return [Candidate(key, None, facets) for key, facets, _summary in rows]
    top, rest = rows[:RANK_DEPTH], rows[RANK_DEPTH:]
    ranked = [Candidate(key, text_score(alternatives, summary), facets) for key, facets, summary in top]
    return ranked + [Candidate(key, None, facets) for key, facets, _summary in rest]


ROW_COLUMNS = "d.sheet_id, d.translation_key, d.name, d.slug, d.summary, d.agency_id, d.agency_name"


class SearchBackend(abc.ABC):
    vendor = ""

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
                        rank_key=rank_key(entry.language, entry.popularity, entry.sheet_id),
                        facets=facet_string(entry.facets),
                        vocabulary=" ".join(entry.vocabulary()),
                    )
                    for entry in entries
                ],
                batch_size=2000,
            )
            self.write(list(zip(documents, entries, strict=True)))
            self._count_vocabulary(documents, +1)
            self._count_facets(documents, +1)

    def remove(self, sheet_ids) -> None:
        sheet_ids = list(sheet_ids)
        if not sheet_ids:
            return
        with transaction.atomic():
            documents = list(
                SearchDocument.objects.filter(sheet_id__in=sheet_ids).only(
                    "id", "language", "vocabulary", "facets", "rank_key"
                )
            )
            if not documents:
                return
            self._count_vocabulary(documents, -1)
            self._count_facets(documents, -1)
            self.delete([document.rank_key for document in documents])
            SearchDocument.objects.filter(pk__in=[document.pk for document in documents]).delete()

    def clear(self) -> None:
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            SearchTerm.objects.all().delete()
            SearchFacetTotal.objects.all().delete()

    def set_popularity(self, counts: dict[int, int]) -> None:
        """Copy stored view counts (sheet id -> views) onto the rows, moving the rows whose
        popularity band changed to their new place in rank order."""
        if not counts:
            return
        with transaction.atomic():
            rows = SearchDocument.objects.filter(sheet_id__in=list(counts)).values_list(
                "sheet_id", "language", "rank_key", "popularity"
            )
            changed, moves = [], []
            for sheet_id, language, old_key, old_views in rows:
                views = counts[sheet_id]
                new_key = rank_key(language, views, sheet_id)
                if views != old_views or new_key != old_key:
                    changed.append((views, new_key, sheet_id))
                if new_key != old_key:
                    moves.append((old_key, new_key))
            if not changed:
                return
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE search_searchdocument SET popularity = %s, rank_key = %s WHERE sheet_id = %s",
                    changed,
                )
            if moves:
                self.move(moves)

    def _count_facets(self, documents, sign: int) -> None:
        counts = collections.Counter()
        for document in documents:
            counts[(document.language, "*", "*")] += 1
            for facet, value in facet_pairs(document.facets):
                counts[(document.language, facet, value)] += 1
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

    @abc.abstractmethod
    def write(self, pairs) -> None:
        """Store the full-text part of freshly inserted documents: [(SearchDocument, Entry)]."""

    @abc.abstractmethod
    def delete(self, rank_keys) -> None:
        """Drop the full-text part of the rows with these rank keys (before the rows go)."""

    @abc.abstractmethod
    def move(self, moves) -> None:
        """The full-text part of rows whose rank key changed: [(old key, new key)]."""

    def rebalance(self) -> int:
        """Reorganise the full-text part for reading after many rows changed rank; returns how
        many rows it touched. Only PostgreSQL's tranches need it."""
        return 0

    @contextlib.contextmanager
    def bulk(self):
        """Many rows written at once (a rebuild): a backend may finish part of the writing at
        the end, inside the caller's transaction."""
        yield

    # ---------------------------------------------------------------------------------------
    # Reading
    # ---------------------------------------------------------------------------------------
    @abc.abstractmethod
    def candidates(
        self, query: Query, fields: str | None, filters: dict[str, list[str]], limit: int, scored: bool
    ) -> list[Candidate]:
        """Up to `limit` rows of the query's language matching its words in `fields` (NAME_TIER,
        ALL_FIELDS, or None for no word condition) and `filters`, in rank_key order, with their
        facets, and with scores (higher is better; name above keywords above summary above
        body) when `scored` (at least for the first RANK_DEPTH rows)."""

    def search(self, query: Query) -> Matches:
        """The page of ranked matches, their (possibly capped) total, and the facet counts, in a
        bounded number of statements (see the module's docstring)."""
        if not query.alternatives and not query.filters:
            return self._browse(query)
        window = query.offset + query.limit
        words = ALL_FIELDS if query.alternatives else None
        order: list[int] = []
        scores: dict[int, float] = {}
        if words:
            top = self.candidates(query, NAME_TIER, query.filters, RANK_DEPTH, scored=True)
            top = top[:RANK_DEPTH]
            for candidate in top:
                scores[candidate.rank_key] = (candidate.score or 0.0) * popularity_boost(candidate.rank_key)
            order = sorted(scores, key=lambda key: (-scores[key], key))
        # A full name tier answers every page the tiers can rank; the rest follows by popularity.
        score_rest = bool(words) and len(order) < RANK_DEPTH
        sample_size = max(FACET_SAMPLE, window)
        # One row more than the sample: it tells whether there are more matches, without counting.
        sample = self.candidates(query, words, query.filters, sample_size + 1, scored=score_rest)
        capped = len(sample) > sample_size
        sample = sample[:sample_size]
        in_top = set(order)
        rest = [candidate for candidate in sample if candidate.rank_key not in in_top]
        scored_rest = rest[:RANK_DEPTH] if score_rest else []
        for candidate in scored_rest:
            scores[candidate.rank_key] = (candidate.score or 0.0) * popularity_boost(candidate.rank_key)
        order += sorted((c.rank_key for c in scored_rest), key=lambda key: (-scores[key], key))
        order += [candidate.rank_key for candidate in rest[len(scored_rest):]]
        total = len(sample)
        page = order[query.offset:window]
        rows = self._rows(page, scores)
        facets = self._facets(query, sample, words) if sample else {}
        return Matches(rows=rows, total=total, facets=facets, capped=capped)

    def _rows(self, keys: list[int], scores: dict[int, float]) -> list[Row]:
        if not keys:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {ROW_COLUMNS}, d.rank_key FROM search_searchdocument d "
                f"WHERE d.rank_key IN ({', '.join(['%s'] * len(keys))})",
                keys,
            )
            by_key = {record[-1]: record for record in cursor.fetchall()}
        return [self._row((*by_key[key][:-1], scores.get(key, 0.0))) for key in keys if key in by_key]

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

    def _facets(self, query: Query, sample: list[Candidate], words: str | None) -> dict[str, dict[str, int]]:
        """Counts per facet value among the sample of matches.

        A group with a selection is counted as if its own selection were not applied, so its
        other values stay visible with their counts: over a sample of its own (one more
        statement per selected group, each bounded by FACET_SAMPLE).
        """
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        selected = {facet for facet in FACETS if query.filters.get(facet)}
        for (facet, value), count in self._tally(sample).items():
            if facet in counts and facet not in selected:
                counts[facet][value] = count
        for facet in selected:
            others = {name: values for name, values in query.filters.items() if name != facet}
            if not words and not others:
                # Nothing else narrows the catalog: the exact totals kept with the index.
                counts[facet] = dict(
                    SearchFacetTotal.objects.filter(language=query.language, facet=facet).values_list(
                        "value", "count"
                    )
                )
                continue
            group_sample = self.candidates(query, words, others, FACET_SAMPLE, scored=False)
            counts[facet] = {
                value: count for (name, value), count in self._tally(group_sample).items() if name == facet
            }
        return counts

    def _tally(self, candidates: list[Candidate]) -> dict[tuple[str, str], int]:
        """How many candidates carry each (facet, value): tokens counted as strings, and only
        the distinct ones split (a sample has thousands of tokens and a few dozen values)."""
        tokens = collections.Counter(" ".join(candidate.facets for candidate in candidates).split())
        return {token.partition("=")[::2]: count for token, count in tokens.items()}

    @abc.abstractmethod
    def autocomplete(self, language: str, words: list[str], prefix: str, limit: int) -> list[tuple[str, str]]:
        """(name, slug) of live sheets whose name has `words` and a word starting with `prefix`."""

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
