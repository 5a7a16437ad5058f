import pytest

from ventanilla.catalog.tests.factories import ServiceSheetFactory, english_locale


@pytest.fixture
def make_sheet(db):
    """A published sheet with only the words a test is about (no shared default keywords)."""

    def make(name, *, summary="Información del servicio.", english=False, **kwargs):
        extra = {"locale": english_locale()} if english else {}
        return ServiceSheetFactory(
            name=name,
            summary=summary,
            description=kwargs.pop("description", ""),
            keywords=kwargs.pop("keywords", ""),
            when_applicable="",
            result_document="",
            steps=kwargs.pop("steps", []),
            requirements=kwargs.pop("requirements", []),
            **extra,
            **kwargs,
        )

    return make
