"""The small, shared rows a service sheet's page shows besides the sheet: its topics, audience
segments and offices (with their opening hours), kept per process.

A sheet page read them with four prefetch queries, each building model instances of rows that
hardly ever change and that every sheet shares (a few dozen topics and segments, the agencies'
offices). Here one query reads which of them the sheet has (the three link tables together) and
the rows themselves come from this process's memory, loaded on first use.

They are dropped whenever the page cache's generation changes (catalog.cache): saving or
deleting a topic, segment, office or opening hours bumps it, as does publishing a sheet, so an
edit shows on the next page, in every process, exactly as it does for cached pages. The sheet's
own row and its links are always read from the database.
"""

import threading

from django.db import connection
from django.db.models import Prefetch

from ventanilla.government.models import Office, OpeningHours

from .cache import GenerationMemo
from .models import Segment, ServiceSheet, Topic

RELATIONS = ("topics", "segments", "offices")
_lock = threading.Lock()
_memo = GenerationMemo()


def link_tables():
    """(relation, quoted link table, quoted sheet column, quoted target column) of each relation."""
    for relation in RELATIONS:
        field = ServiceSheet._meta.get_field(relation)
        through = field.remote_field.through._meta
        yield (
            relation,
            connection.ops.quote_name(through.db_table),
            connection.ops.quote_name(field.m2m_column_name()),
            connection.ops.quote_name(field.m2m_reverse_name()),
        )


def _links_sql() -> str:
    """SELECT relation, target id for one sheet from its three link tables, in one statement."""
    return " UNION ALL ".join(
        f"SELECT '{relation}', {target} FROM {table} WHERE {source} = %s"
        for relation, table, source, target in link_tables()
    )


def _rows() -> dict:
    """{relation: {pk: instance}} for this generation, filled with what is missing on demand."""
    return {relation: _memo.get(relation, dict) for relation in RELATIONS}


def _load(relation: str, ids: set[int]) -> dict:
    if relation == "topics":
        queryset = Topic.objects.all()
    elif relation == "segments":
        queryset = Segment.objects.all()
    else:
        queryset = Office.objects.prefetch_related(
            Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
        )
    return {row.pk: row for row in queryset.filter(pk__in=ids)}


def attach(sheet, links=None) -> None:
    """Give `sheet` its topics, segments and offices (with hours) as prefetched relations: what
    `sheet.topics.all()`, `sheet.offices.all()`, `office.hours.all()` then return, in the order
    the prefetches gave (topics and segments in their own order, offices by name). `links`, the
    sheet's [(relation, id)] when the caller read them already (page_queries.live_sheet), saves
    the query."""
    if links is None:
        with connection.cursor() as cursor:
            cursor.execute(_links_sql(), [sheet.pk] * len(RELATIONS))
            links = cursor.fetchall()
    known = _rows()
    wanted = {relation: {pk for kind, pk in links if kind == relation} for relation in RELATIONS}
    for relation, ids in wanted.items():
        missing = ids - known[relation].keys()
        if missing:
            loaded = _load(relation, missing)
            with _lock:
                known[relation].update(loaded)
    if not hasattr(sheet, "_prefetched_objects_cache"):
        sheet._prefetched_objects_cache = {}
    for relation, ids in wanted.items():
        rows = [known[relation][pk] for pk in ids if pk in known[relation]]
        if relation == "offices":
            rows.sort(key=lambda office: (office.name, office.pk))
        else:
            ordering = rows[0]._meta.ordering if rows else []
            rows.sort(key=lambda row: tuple(getattr(row, name.lstrip("-")) for name in ordering) + (row.pk,))
        # As Django's prefetch_related stores it: the relation's queryset, already evaluated.
        queryset = getattr(sheet, relation).get_live_queryset()
        queryset._result_cache = rows
        queryset._prefetch_done = True
        sheet._prefetched_objects_cache[relation] = queryset
