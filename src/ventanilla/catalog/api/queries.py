"""The sheets the API and exports publish: live, not expired, in one language."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from ventanilla.catalog.models import ServiceSheet


def live_sheets(language: str) -> QuerySet[ServiceSheet]:
    return (
        ServiceSheet.objects.filter(live=True, locale__language_code=language)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .select_related("agency__jurisdiction", "locale")
    )


def with_details(queryset: QuerySet[ServiceSheet]) -> QuerySet[ServiceSheet]:
    """Everything a full sheet shows, in a fixed number of queries whatever its size."""
    return queryset.select_related("unit").prefetch_related(
        "offices__hours", "topics", "life_events", "segments"
    )
