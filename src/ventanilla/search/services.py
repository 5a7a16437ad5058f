"""Catalog search: the public entry points and the index maintenance.

    search(query, language=..., filters=..., page=..., per_page=...) -> SearchResults
    autocomplete(prefix, language=..., limit=...) -> [{"name": ..., "url": ...}]
    index_sheet(sheet) / remove_sheet(sheet_id) / rebuild_index()

Queries cost a bounded number of SQL statements, each reading a bounded number of rows,
whatever the catalog size (backends/base.py explains the rank-ordered index that makes it so):
two or three on the full-text index (the name tier, a sample of every match with its facets,
scores for the first of them), one that reads the page, and one more sample per facet group
with a selection. The synonyms and the facet labels (agency, topic, segment and life-event
names) come from this process's memory, reloaded whenever the page cache's generation changes
(saving any of them bumps it, see catalog.cache), so an edit shows on the next search in every
process. A search that finds nothing adds the "did you mean" lookups and the upsert of the
zero-result log.

Totals and facet counts are exact when a search matches at most backends.base.FACET_SAMPLE
(500) sheets; beyond that the page says "more than 500" and facets are counted among the 500
most popular matches, which keeps a one-word query
over a 100,000-sheet catalog as cheap as a precise one. Browsing the whole catalog (no query,
no filter) reads exact counts kept with the index.
"""

import dataclasses
import functools
import html
import math
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ventanilla.catalog.blocks import STEP_CHANNELS
from ventanilla.catalog.cache import GenerationMemo
from ventanilla.catalog.models import LifeEvent, Segment, ServiceSheet, Synonym, Topic
from ventanilla.government.models import Agency, Level

from . import documents
from .backends import get_backend
from .backends.base import FACETS, Query
from .models import SearchTerm, ZeroResultSearch
from .text import ENGLISH, language_key, normalise, stem, words

MAX_QUERY_LENGTH = 200
MAX_PER_PAGE = 100
MAX_ALTERNATIVES = 8
MAX_FILTER_VALUES = 20
_TOKEN = re.compile(r"([^\W_]+)")


@dataclasses.dataclass
class Hit:
    sheet_id: int
    translation_key: str
    name: str
    slug: str
    summary_html: SafeString
    agency_id: int
    agency_name: str
    score: float


@dataclasses.dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclasses.dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    # True when more than `total` sheets match: totals are counted up to a cap, not beyond.
    total_capped: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


# -------------------------------------------------------------------------------------------------
# Querying
# -------------------------------------------------------------------------------------------------
def search(
    query: str,
    *,
    language: str,
    filters: dict[str, list[str]] | None = None,
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    """Live sheets of `language` matching `query`, best first; an empty query browses them all
    (most viewed first). `filters` narrows by facet values (OR within a facet, AND across)."""
    language = language_key(language)
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    page = max(1, int(page))
    clean_filters = _clean_filters(filters)
    query_words = words(query, language)
    alternatives = _expand_synonyms(query_words, language) if query_words else []
    backend = get_backend()
    matches = backend.search(
        Query(
            language=language,
            alternatives=alternatives,
            filters=clean_filters,
            offset=(page - 1) * per_page,
            limit=per_page,
        )
    )
    highlight = {stem(word, language) for alternative in alternatives for word in alternative}
    hits = [
        Hit(
            sheet_id=row.sheet_id,
            translation_key=row.translation_key,
            name=row.name,
            slug=row.slug,
            summary_html=highlight_html(row.summary, highlight, language),
            agency_id=row.agency_id,
            agency_name=row.agency_name,
            score=row.score,
        )
        for row in matches.rows
    ]
    suggestion = None
    if matches.total == 0 and query_words:
        suggestion = _suggest(query_words, language, backend)
        if not clean_filters:
            record_zero_result(query, language)
    return SearchResults(
        query=query,
        hits=hits,
        total=matches.total,
        page=page,
        num_pages=max(1, math.ceil(matches.total / per_page)),
        facets=_facet_values(matches.facets, clean_filters, language),
        suggestion=suggestion,
        total_capped=matches.capped,
    )


def autocomplete(prefix: str, *, language: str, limit: int = 8) -> list[dict]:
    """Names of live sheets matching what the citizen has typed so far, with their addresses.

    Every complete word must appear in the name; the word being typed (the last one, unless
    the text ends with a space) matches as a prefix.
    """
    language = language_key(language)
    prefix = (prefix or "")[:MAX_QUERY_LENGTH]
    typed = _TOKEN.findall(normalise(prefix))
    if not typed or len(prefix.strip()) < 2:
        return []
    partial = "" if prefix[-1:].isspace() else typed.pop()
    complete = words(" ".join(typed), language)
    rows = get_backend().autocomplete(language, complete, partial, max(1, min(limit, 20)))
    with translation.override(language):
        return [{"name": name, "url": reverse("catalog:sheet", kwargs={"slug": slug})} for name, slug in rows]


def _clean_filters(filters) -> dict[str, list[str]]:
    clean = {}
    for facet, values in (filters or {}).items():
        if facet not in FACETS:
            continue
        if isinstance(values, str):
            values = [values]
        kept = sorted({str(value)[:64] for value in values if str(value).strip()})[:MAX_FILTER_VALUES]
        if kept:
            clean[facet] = kept
    return clean


def _expand_synonyms(query_words: list[str], language: str) -> list[list[str]]:
    """The query, plus the query with each synonym phrase it contains replaced by the others.

    Phrases are compared by their stems, so "licencias de manejo" contains "licencia de manejo".
    """
    alternatives = [query_words]
    query_stems = [stem(word, language) for word in query_words]
    for phrases in _synonym_groups(language):
        for phrase, phrase_stems in phrases:
            start = _find(query_stems, phrase_stems)
            if start is None:
                continue
            for other, _other_stems in phrases:
                if other is phrase:
                    continue
                alternative = query_words[:start] + other + query_words[start + len(phrase):]
                if alternative not in alternatives:
                    alternatives.append(alternative)
    return alternatives[:MAX_ALTERNATIVES]


def _synonym_language(language: str) -> str:
    return ENGLISH if language == ENGLISH else "es-mx"


def _find(sequence: list[str], part: list[str]) -> int | None:
    for start in range(len(sequence) - len(part) + 1):
        if sequence[start:start + len(part)] == part:
            return start
    return None


def highlight_html(text: str, highlight: set[str], language: str) -> SafeString:
    """`text` escaped, with the words whose stem was searched for in <mark>."""
    if not highlight:
        return mark_safe(html.escape(text))
    pieces, last = [], 0
    for match in _TOKEN.finditer(text):
        if _word_stem(match[0], language) in highlight:
            # Words are [^\W_]+ (nothing to escape); the text between marks is escaped in one go.
            pieces += [html.escape(text[last:match.start()]), f"<mark>{match[0]}</mark>"]
            last = match.end()
    pieces.append(html.escape(text[last:]))
    return mark_safe("".join(pieces))


@functools.lru_cache(maxsize=50_000)
def _word_stem(word: str, language: str) -> str:
    return stem(normalise(word), language)


def _suggest(query_words: list[str], language: str, backend) -> str | None:
    """The query with each word the index does not know replaced by the closest one it knows."""
    known = set(
        SearchTerm.objects.filter(language=language, term__in=query_words).values_list("term", flat=True)
    )
    replaced = []
    changed = False
    for word in query_words:
        closest = None if word in known or word.isdigit() else backend.closest_term(language, word)
        if closest and closest != word:
            changed = True
            replaced.append(closest)
        else:
            replaced.append(word)
    return " ".join(replaced) if changed else None


def _facet_values(counts, filters, language) -> dict[str, list[FacetValue]]:
    labels = _facet_labels(language)
    result = {}
    for facet in FACETS:
        selected = set(filters.get(facet, []))
        values = dict(counts.get(facet, {}))
        for value in selected:
            values.setdefault(value, 0)
        items = [
            FacetValue(value=value, label=labels[facet][value], count=count, selected=value in selected)
            for value, count in values.items()
            if value in labels[facet]
        ]
        items.sort(key=lambda item: (-item.count, item.label))
        result[facet] = items
    return result


def _facet_labels(language) -> dict[str, dict[str, str]]:
    """Labels in `language` of every facet value (the record names from this process's memory)."""
    names = _reference.get(("labels", language), lambda: _load_labels(language))
    with translation.override(language):
        return {
            **names,
            "level": {value: str(label) for value, label in Level.choices},
            "channel": {value: str(label) for value, label in STEP_CHANNELS},
            "cost": {"free": _("Free of charge"), "paid": _("With a fee")},
            "online": {"yes": _("Can apply online")},
        }


# -------------------------------------------------------------------------------------------------
# Synonyms and record names, kept per process for the page cache's generation
# -------------------------------------------------------------------------------------------------
_reference = GenerationMemo()


def _load_labels(language: str) -> dict[str, dict[str, str]]:
    def names(model):
        rows = model.objects.order_by().values_list("pk", "name", "name_en")
        return {str(pk): (name_en if language == ENGLISH and name_en else name) for pk, name, name_en in rows}

    return {
        "agency": names(Agency),
        "topic": names(Topic),
        "segment": names(Segment),
        "life_event": names(LifeEvent),
    }


def _synonym_groups(language: str) -> list[list[tuple[list[str], list[str]]]]:
    """Each synonym group of the language as its phrases: (words, their stems)."""
    synonym_language = _synonym_language(language)

    def load():
        groups = []
        for group in Synonym.objects.filter(language=synonym_language).values_list("terms", flat=True):
            phrases = [phrase for phrase in (words(line, language) for line in group.splitlines()) if phrase]
            groups.append([(phrase, [stem(word, language) for word in phrase]) for phrase in phrases])
        return groups

    return _reference.get(("synonyms", language), load)


# -------------------------------------------------------------------------------------------------
# The zero-result log
# -------------------------------------------------------------------------------------------------
def record_zero_result(query: str, language: str) -> None:
    """Count one more search for `query` that found nothing (an upsert, safe under concurrency)."""
    text = " ".join(normalise(query).split())[:MAX_QUERY_LENGTH]
    if not text:
        return
    now = timezone.now()
    rows = ZeroResultSearch.objects.filter(query=text, language=language)
    if rows.update(count=F("count") + 1, last_seen=now):
        return
    try:
        with transaction.atomic():
            ZeroResultSearch.objects.create(
                query=text, language=language, count=1, first_seen=now, last_seen=now
            )
    except IntegrityError:  # another request created it in between
        rows.update(count=F("count") + 1, last_seen=now)


# -------------------------------------------------------------------------------------------------
# Keeping the index current
# -------------------------------------------------------------------------------------------------
def index_sheet(sheet) -> None:
    """Index a sheet that has just gone live (or remove it if it is not live)."""
    index_sheet_by_id(sheet.pk)


def index_sheet_by_id(sheet_id: int) -> None:
    backend = get_backend()
    sheet = documents.sheet_queryset().filter(pk=sheet_id).first()
    if sheet is None:
        backend.remove([sheet_id])
        return
    backend.index([documents.entry_for(sheet, documents.popularity_counts([sheet.pk]).get(sheet.pk, 0))])


def remove_sheet(sheet_id: int) -> None:
    get_backend().remove([sheet_id])


def rebuild_index(batch_size: int = 500) -> int:
    """Rebuild the whole index from the live sheets; returns the number of rows indexed."""
    backend = get_backend()
    total = 0
    with transaction.atomic(), backend.bulk():
        backend.clear()
        sheet_ids = list(ServiceSheet.objects.filter(live=True).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(sheet_ids), batch_size):
            batch = sheet_ids[start:start + batch_size]
            popularity = documents.popularity_counts(batch)
            sheets = documents.sheet_queryset().filter(pk__in=batch)
            backend.index([documents.entry_for(sheet, popularity.get(sheet.pk, 0)) for sheet in sheets])
            total += len(batch)
    return total
