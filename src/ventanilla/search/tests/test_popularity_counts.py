import pytest

from ventanilla.catalog.models import SheetPopularity
from ventanilla.catalog.tests.factories import ServiceSheetFactory
from ventanilla.search import documents

pytestmark = pytest.mark.django_db


def test_counts_come_from_the_catalog_popularity_of_the_sheets_translation_key():
    popular = ServiceSheetFactory()
    unseen = ServiceSheetFactory()
    SheetPopularity.objects.create(translation_key=popular.translation_key, views=42)

    assert documents.popularity_counts([popular.pk, unseen.pk]) == {popular.pk: 42, unseen.pk: 0}


def test_an_unsupported_database_is_a_configuration_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured
    from django.db import connection

    from ventanilla.search.backends import get_backend

    monkeypatch.setattr(connection, "vendor", "mysql")
    with pytest.raises(ImproperlyConfigured, match="SQLite and PostgreSQL, not mysql"):
        get_backend()
