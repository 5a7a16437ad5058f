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
