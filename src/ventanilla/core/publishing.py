"""What "published" means for every record with Wagtail's DraftStateMixin.

A row is public while it is live and its expiry, if any, is still ahead. Expiry is checked in
every query, not left to Wagtail's `publish_scheduled` command, so a row disappears at its
expiry time even when the command has not run yet. Pages, search, sitemaps, exports and the API
all filter through `published()` (`is_published()` for a row in memory); the one hand-written
SQL copy (catalog.page_queries) is held to the same answer by the pages' tests.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone


def published_condition(now=None) -> Q:
    """Live and not expired at `now` (the current time by default)."""
    now = now or timezone.now()
    return Q(live=True) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def published(queryset: QuerySet) -> QuerySet:
    """The published rows of `queryset`."""
    return queryset.filter(published_condition())


def is_published(obj, now=None) -> bool:
    """published_condition() for a row already in memory."""
    now = now or timezone.now()
    return obj.live and (obj.expire_at is None or obj.expire_at > now)
