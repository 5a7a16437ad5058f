"""Index upkeep that follows changes outside the sheets themselves (see signals.py).

- Popularity: after catalog.popularity stores view counts, `refresh_popularity_of` copies the new
  totals of those procedures onto their index rows (and only theirs).
"""

from django.apps import apps

from . import documents


def refresh_popularity_of(translation_keys) -> None:
    """Copy the stored view counts of these procedures (every language) onto their index rows."""
    ServiceSheet = apps.get_model("catalog", "ServiceSheet")
    sheet_ids = list(
        ServiceSheet.objects.filter(live=True, translation_key__in=list(translation_keys)).values_list(
            "pk", flat=True
        )
    )
    if sheet_ids:
        from .backends import get_backend

        get_backend().set_popularity(documents.popularity_counts(sheet_ids))
