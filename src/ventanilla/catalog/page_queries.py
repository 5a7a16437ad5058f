"""The service-sheet page's reads, in SQL written once per process.

An uncached sheet page is the catalog's busiest page that the page cache cannot answer (a new
sheet, a new query string, a new generation). Measured on 10,000 sheets with SQLite, Django's ORM
spent 1.25 ms *compiling* the page's main query (52 columns, three select_related joins, the
locale subquery and the expiry condition) that then ran in 0.1 ms, and about 1.1 ms each on the
language links and the linked procedures, again mostly compiling: more than the template.

So here the reads are fixed SQL, built once from the models' own column names, run on a cursor
and turned into a ServiceSheet with the ORM's own value converters (worked out once per
connection). The sheet, its live translations and the ids it links are one statement. The
rows that every sheet shares, its agency (with its jurisdiction), unit, locale, topics,
segments and offices, come from this process's memory for the page cache's generation
(reference.py): saving any of them bumps the generation.

"Live" must mean here what `core.publishing.published()` means: live and not expired. The tests of the
page (unpublished, expired, scheduled sheets answer 404) hold both to it.
"""

import dataclasses
import functools

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Subquery
from django.db.models.sql import Query
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Locale

from ventanilla.core import publishing
from ventanilla.government.models import AdministrativeUnit, Agency

from . import reference
from .cache import GenerationMemo
from .models import ServiceSheet

TABLE = ServiceSheet._meta.db_table
_memo = GenerationMemo()


def published():
    """Live, unexpired sheets in every language (core.publishing)."""
    return publishing.published(ServiceSheet.objects.all())


def live_sheets(language: str | None = None):
    """Published, unexpired sheets in `language` (the active one by default): what every public
    list, export and the API start from.

    Expiry is checked here too (core.publishing), so a sheet disappears at its expiry time.
    """
    language = language or translation.get_language()
    # The locale's id as a one-row subquery, not a join on its language code: the planner then
    # reads the (locale, live, ...) indexes for one value, in order (PostgreSQL hash-joined the
    # whole catalog to find the home page's six newest sheets).
    locale = Locale.objects.filter(language_code=language).values("pk")[:1]
    return published().filter(locale=Subquery(locale))


@dataclasses.dataclass(frozen=True)
class SheetLink:
    """What the page shows of another sheet: its name, and its slug when it is live."""

    name: str
    slug: str
    translation_key: str


def _live(alias: str) -> str:
    """The condition of core.publishing.published() on the sheet `alias` (parameters: True, now)."""
    return f"{alias}.live = %s AND ({alias}.expire_at IS NULL OR {alias}.expire_at > %s)"


def _aggregate(vendor: str, expression: str) -> str:
    """The values of `expression` over a subquery's rows as one text, space-separated."""
    if vendor == "postgresql":
        return f"string_agg(({expression})::text, ' ')"
    return f"group_concat({expression}, ' ')"


@functools.cache
def _sheet_sql(vendor: str) -> str:
    """The sheet's own columns, and in the same statement (a round trip less each, which on a
    database server is most of a small query's cost): its live translations as "locale:slug"
    words (slugs have neither spaces nor colons) and the ids it links in each link table."""
    quote = connection.ops.quote_name
    columns = [f"s.{quote(field.column)}" for field in ServiceSheet._meta.concrete_fields]
    pair = "t.locale_id || ':' || t.slug" if vendor != "postgresql" else "t.locale_id::text || ':' || t.slug"
    columns.append(
        f"(SELECT {_aggregate(vendor, pair)} FROM {quote(TABLE)} t "
        f"WHERE t.translation_key = s.translation_key AND {_live('t')}) AS live_translation_words"
    )
    for relation, table, source, target in reference.link_tables():
        columns.append(
            f"(SELECT {_aggregate(vendor, target)} FROM {table} WHERE {source} = s.id) AS links_{relation}"
        )
    return (
        f"SELECT {', '.join(columns)} FROM {quote(TABLE)} s "
        f"WHERE s.locale_id = %s AND s.slug = %s AND {_live('s')}"
    )


def locales() -> dict[str, Locale]:
    """{language code: Locale}."""
    return _memo.get("locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()})


def live_sheet(slug: str, language: str) -> ServiceSheet | None:
    """The live, unexpired sheet of `language` with this slug, with its agency (and the agency's
    jurisdiction), unit and locale attached, its topics, segments and offices
    (reference.attach) and `live_translations` ({language: slug}); None if there is none. One
    query."""
    locale = locales().get(language)
    if locale is None:
        return None
    now = timezone.now()
    database = connections[DEFAULT_DB_ALIAS]
    with database.cursor() as cursor:
        cursor.execute(_sheet_sql(database.vendor), [True, now, locale.pk, slug, True, now])
        row = cursor.fetchone()
    if row is None:
        return None
    sheet = _instance(database, row)
    translation_words, *link_words = row[len(ServiceSheet._meta.concrete_fields):]
    codes = {locale.pk: code for code, locale in locales().items()}
    sheet.live_translations = {}
    for word in (translation_words or "").split():
        locale_id, _sep, translated_slug = word.partition(":")
        if locale_id.isdigit() and int(locale_id) in codes:
            sheet.live_translations[codes[int(locale_id)]] = translated_slug
    links = [
        (relation, int(pk))
        for relation, words in zip(reference.RELATIONS, link_words, strict=True)
        for pk in (words or "").split()
    ]
    reference.attach(sheet, links)
    sheet.locale = locale
    sheet.agency = _agency(sheet.agency_id)
    if sheet.unit_id is not None:
        sheet.unit = _unit(sheet.unit_id)
    return sheet


def _instance(database, row) -> ServiceSheet:
    """A ServiceSheet from the first columns of `row`, converted as the ORM converts them."""
    compiler, converters = _converters(database)
    values = next(compiler.apply_converters([row[: len(ServiceSheet._meta.concrete_fields)]], converters))
    return ServiceSheet.from_db(database.alias, None, values)


@functools.lru_cache(maxsize=16)
def _converters(database):
    """The ORM's value converters for the sheet's columns on this connection (what raw() works
    out again on every query: booleans and dates from SQLite, JSON, UUIDs...)."""
    compiler = Query(ServiceSheet).get_compiler(connection=database)
    columns = [field.get_col(TABLE) for field in ServiceSheet._meta.concrete_fields]
    return compiler, compiler.get_converters(columns)


def _agency(agency_id: int) -> Agency:
    agencies = _memo.get("agencies", dict)
    if agency_id not in agencies:
        agencies[agency_id] = Agency.objects.select_related("jurisdiction").get(pk=agency_id)
    return agencies[agency_id]


def _unit(unit_id: int) -> AdministrativeUnit:
    units = _memo.get("units", dict)
    if unit_id not in units:
        units[unit_id] = AdministrativeUnit.objects.get(pk=unit_id)
    return units[unit_id]


def linked_procedures(sheet_ids, language: str) -> dict[int, tuple[SheetLink, SheetLink | None]]:
    """{sheet id: (that sheet, its live translation in `language` or None)}, in one query: what a
    requirement shows of the earlier procedure it needs (the chooser stores any one row)."""
    sheet_ids = sorted(set(sheet_ids))
    locale = locales().get(language)
    if not sheet_ids or locale is None:
        return {}
    table = connection.ops.quote_name(TABLE)
    placeholders = ", ".join(["%s"] * len(sheet_ids))
    field = ServiceSheet._meta.get_field("translation_key")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, p.name, p.translation_key, t.name, t.slug FROM {table} p "
            f"LEFT JOIN {table} t ON t.translation_key = p.translation_key "
            f"AND t.locale_id = %s AND {_live('t')} "
            f"WHERE p.id IN ({placeholders})",
            [locale.pk, True, timezone.now(), *sheet_ids],
        )
        rows = cursor.fetchall()
    links = {}
    for pk, name, key, live_name, live_slug in rows:
        key = str(field.to_python(key))
        live = SheetLink(name=live_name, slug=live_slug, translation_key=key) if live_slug else None
        links[pk] = (SheetLink(name=name, slug="", translation_key=key), live)
    return links


def document_urls(document_ids) -> dict[int, str]:
    """{id: URL} of these Wagtail documents (the sheets' forms), from memory once loaded; saving
    or deleting a document bumps the generation."""
    ids = {pk for pk in document_ids if isinstance(pk, int)}
    urls = _memo.get("documents", dict)
    missing = ids - urls.keys()
    if missing:
        documents = get_document_model().objects.filter(pk__in=missing)
        urls.update({document.pk: document.url for document in documents})
    return {pk: urls[pk] for pk in ids if pk in urls}
