"""What the index stores about a sheet: its searchable text, weighted by field, and its facets."""

import dataclasses
import uuid

from django.apps import apps
from django.db.models import Prefetch

from .text import ENGLISH, language_key, words

MIN_VOCABULARY_WORD = 3


@dataclasses.dataclass
class Entry:
    """One row of the index, independent of the database that stores it."""

    sheet_id: int
    translation_key: uuid.UUID
    language: str
    name: str
    slug: str
    summary: str
    keywords: str
    body: str
    agency_id: int
    agency_name: str
    popularity: int = 0
    facets: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def vocabulary(self) -> list[str]:
        """Distinct normalised words of the row, the candidates of "did you mean"."""
        found = set()
        for text in (self.name, self.keywords, self.summary, self.body):
            found.update(word for word in words(text, self.language) if len(word) >= MIN_VOCABULARY_WORD)
        return sorted(word for word in found if not word.isdigit() and len(word) <= 64)


def _localized(obj, field: str, language: str) -> str:
    if language == ENGLISH:
        return getattr(obj, f"{field}_en", "") or getattr(obj, field)
    return getattr(obj, field)


ENTRY_COLUMNS = (
    "translation_key", "locale", "agency", "name", "slug", "summary", "keywords", "description",
    "when_applicable", "result_document", "requirements", "steps", "is_free", "can_apply_online",
)


def _raw_blocks(stream) -> list[dict]:
    """The values of a StreamField's blocks as stored (dicts of plain JSON)."""
    return [item.get("value") or {} for item in stream.raw_data if isinstance(item.get("value"), dict)]


def sheet_queryset():
    """Live sheets with everything an entry needs, in a fixed number of queries."""
    ServiceSheet = apps.get_model("catalog", "ServiceSheet")
    return (
        ServiceSheet.objects.filter(live=True)
        .select_related("locale", "agency__jurisdiction")
        # Only the columns entry_for() reads: the other StreamFields are JSON to decode for nothing.
        .only(*ENTRY_COLUMNS, "locale__language_code", "agency__acronym", "agency__name",
              "agency__name_en", "agency__jurisdiction__level")
        .prefetch_related(
            Prefetch("topics"), Prefetch("segments"), Prefetch("life_events")
        )
    )


def entry_for(sheet, popularity: int = 0) -> Entry:
    language = language_key(sheet.locale.language_code)
    agency = sheet.agency
    topics = list(sheet.topics.all())
    segments = list(sheet.segments.all())
    life_events = list(sheet.life_events.all())
    body = [
        sheet.description,
        sheet.when_applicable,
        agency.acronym,
        _localized(agency, "name", language),
        sheet.result_document,
        # The names of its topics, audiences and life events: "tener un bebé" finds the sheets
        # of that life event even when their own text never says so.
        *(_localized(item, "name", language) for item in [*topics, *segments, *life_events]),
    ]
    channels = set()
    # The stored JSON, not the blocks: turning requirements into blocks looks up their linked
    # earlier procedures (a query per sheet), and the index needs only the text.
    for block in _raw_blocks(sheet.requirements):
        body.append(block.get("document") or "")
    for block in _raw_blocks(sheet.steps):
        body.append(block.get("text") or "")
        if block.get("channel"):
            channels.add(block["channel"])
    if sheet.can_apply_online:
        channels.add("online")
    facets = [
        ("agency", str(agency.pk)),
        ("level", agency.jurisdiction.level),
        ("cost", "free" if sheet.is_free else "paid"),
        *(("topic", str(topic.pk)) for topic in topics),
        *(("segment", str(segment.pk)) for segment in segments),
        *(("life_event", str(event.pk)) for event in life_events),
        *(("channel", channel) for channel in sorted(channels)),
    ]
    if sheet.can_apply_online:
        facets.append(("online", "yes"))
    return Entry(
        sheet_id=sheet.pk,
        translation_key=sheet.translation_key,
        language=language,
        name=sheet.name,
        slug=sheet.slug,
        summary=sheet.summary,
        keywords=sheet.keywords,
        body="\n".join(part for part in body if part),
        agency_id=agency.pk,
        agency_name=_localized(agency, "name", language),
        popularity=popularity,
        facets=facets,
    )


def popularity_counts(sheet_ids) -> dict[int, int]:
    """Stored view counts per sheet row: catalog.SheetPopularity counts all languages of a sheet
    together under its translation_key, so every language row gets the same count."""
    from ventanilla.catalog.models import ServiceSheet, SheetPopularity

    keys = dict(ServiceSheet.objects.filter(pk__in=list(sheet_ids)).values_list("pk", "translation_key"))
    views = dict(
        SheetPopularity.objects.filter(translation_key__in=set(keys.values())).values_list(
            "translation_key", "views"
        )
    )
    return {sheet_id: int(views.get(key, 0)) for sheet_id, key in keys.items()}

