"""The sheets the API and exports publish: live, not expired, in one language."""

from django.db.models import QuerySet

from ventanilla.catalog import page_queries
from ventanilla.catalog.models import ServiceSheet


def live_sheets(language: str) -> QuerySet[ServiceSheet]:
    """catalog.page_queries.live_sheets, with what every API answer shows of a sheet."""
    return page_queries.live_sheets(language).select_related("agency__jurisdiction", "locale")


def with_details(queryset: QuerySet[ServiceSheet]) -> QuerySet[ServiceSheet]:
    """Everything a full sheet shows, in a fixed number of queries whatever its size."""
    return queryset.select_related("unit").prefetch_related(
        "offices__hours", "topics", "life_events", "segments"
    )
