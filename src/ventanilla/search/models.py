"""The search index of the catalog: one row per live service sheet and language.

The rows are derived data, rebuilt from the sheets at any time (`manage.py
rebuild_catalog_index`) and kept current by the signals in signals.py. The full-text part is
vendor-specific and created by migration 0002: an FTS5 table beside SearchDocument on SQLite,
a tsvector column with a GIN index on PostgreSQL (see backends/).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import ENGLISH, SPANISH

LANGUAGES = [(SPANISH, _("Spanish")), (ENGLISH, _("English"))]


class SearchDocument(models.Model):
    # A plain integer, not a foreign key: the index can be filled without sheets (benchmarks),
    # and deleting a sheet removes its row through the post_delete signal.
    sheet_id = models.BigIntegerField(unique=True)
    translation_key = models.UUIDField()
    language = models.CharField(max_length=8, choices=LANGUAGES)
    name = models.CharField(max_length=255)
    slug = models.CharField(max_length=120)
    summary = models.TextField()
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    agency_id = models.BigIntegerField()
    agency_name = models.CharField(max_length=255)
    popularity = models.PositiveIntegerField(default=0)
    # The row's place in "most popular first" order, which is the order the full-text index
    # yields matches in (backends.base.rank_key): language, popularity band, sheet id. Searches
    # read matches in this order and stop after a bounded number, instead of scoring them all.
    rank_key = models.BigIntegerField(unique=True)
    # The row's facet values, "facet=value" separated by spaces ("topic=12 cost=free ...").
    facets = models.TextField(blank=True, default="")
    # The distinct normalised words of the row, to keep SearchTerm's document counts exact.
    vocabulary = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["language", "-popularity", "name"], name="search_doc_browse_idx"
            ),
            models.Index(fields=["language", "rank_key"], name="search_doc_rank_idx"),
        ]

    def __str__(self):
        return self.name


class SearchFacetTotal(models.Model):
    """How many rows of a language carry a facet value, kept with the rows: browsing the whole
    catalog shows its facet counts without counting every row. facet "*" holds the row total."""

    language = models.CharField(max_length=8, choices=LANGUAGES)
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=64)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "facet", "value"], name="search_facet_total_unique"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}: {self.count}"


class SearchTerm(models.Model):
    """A word found in the index, with how many rows contain it: the "did you mean" vocabulary."""

    language = models.CharField(max_length=8, choices=LANGUAGES)
    term = models.CharField(max_length=64)
    document_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="search_term_unique"),
        ]

    def __str__(self):
        return self.term


class ZeroResultSearch(models.Model):
    """A query that found nothing: what citizens look for and the catalog does not answer."""

    query = models.CharField(_("search"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    count = models.PositiveIntegerField(_("times searched"), default=0)
    first_seen = models.DateTimeField(_("first searched"))
    last_seen = models.DateTimeField(_("last searched"))

    class Meta:
        verbose_name = _("search with no results")
        verbose_name_plural = _("searches with no results")
        ordering = ["-count", "-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="search_zero_result_unique"),
        ]

    def __str__(self):
        return self.query
