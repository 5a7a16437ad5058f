"""Test data for editorial content. Each factory builds a valid item in the default locale
(Spanish) and publishes it through a revision, the way the back office does, so it is live with
a live revision; `publish=False` leaves a draft. `translate(item, **fields)` makes its published
English translation (same translation_key, its own row)."""

import datetime

import factory

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from ventanilla.catalog.tests.factories import english_locale
from ventanilla.content.models import (
    Banner,
    DocumentKind,
    HeadWelcome,
    LibraryDocument,
    NewsItem,
    ServiceCharter,
)
from ventanilla.government.tests.factories import AgencyFactory

# The smallest valid PDF a browser opens: one empty page.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_document(title="Folleto", filename="folleto.pdf"):
    return get_document_model().objects.create(title=title, file=ContentFile(TINY_PDF, name=filename))


def make_image(title="Foto"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def _publish_or_draft(obj, extracted):
    obj.full_clean()
    if extracted is False:
        obj.live = False
        obj.save()
        obj.save_revision()
    else:
        obj.save()
        obj.save_revision().publish()
    obj.refresh_from_db()


class _EditorialFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create:
            _publish_or_draft(obj, extracted)


class NewsItemFactory(_EditorialFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Noticia de prueba {n}")
    slug = factory.Sequence(lambda n: f"noticia-de-prueba-{n}")
    summary = "Resumen breve de la noticia para las listas."
    body = factory.LazyFunction(
        lambda: [
            {"type": "paragraph", "value": "<p>Texto de la noticia con <b>detalles</b>.</p>"},
            {"type": "quote", "value": {"text": "Trabajamos para usted.", "attribution": "La titular"}},
        ]
    )
    published_on = datetime.date(2026, 10, 1)
    agency = factory.SubFactory(AgencyFactory)


class BannerFactory(_EditorialFactory):
    class Meta:
        model = Banner

    title = factory.Sequence(lambda n: f"Plan de acción {n}")
    text = "Conozca las acciones del programa."
    link_url = "/tramites/"
    link_text = "Ver los trámites"
    starts_on = datetime.date(2026, 1, 1)
    agency = None


class HeadWelcomeFactory(_EditorialFactory):
    class Meta:
        model = HeadWelcome

    name = "María López"
    title = "Gobernadora del Estado"
    message = "Le damos la bienvenida a la ventanilla única.\n\nAquí encuentra todos los trámites."


class ServiceCharterFactory(_EditorialFactory):
    class Meta:
        model = ServiceCharter

    title = factory.Sequence(lambda n: f"Carta compromiso {n}")
    agency = factory.SubFactory(AgencyFactory)
    introduction = "Nos comprometemos con la calidad del servicio."
    commitments = factory.LazyFunction(
        lambda: [
            {"type": "commitment", "value": {
                "attribute": "Tiempo de respuesta", "standard": "5 días hábiles",
                "measurement": "Días entre la solicitud completa y la respuesta.",
            }},
        ]
    )
    valid_from = datetime.date(2026, 1, 1)
    complaints = "Llame al órgano interno de control."
    complaints_phone = "800 111 2222"

    @factory.post_generation
    def sheets(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sheets.set(extracted)

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create:
            _publish_or_draft(obj, extracted)


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryDocument
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Folleto informativo {n}")
    title_en = factory.Sequence(lambda n: f"Information pamphlet {n}")
    description = "Qué hacer y a dónde acudir."
    description_en = "What to do and where to go."
    document = factory.LazyFunction(make_document)
    kind = DocumentKind.PAMPHLET
    language = "es"
    published_on = datetime.date(2026, 9, 1)
    agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create:
            _publish_or_draft(obj, extracted)


def translate(item, **fields):
    """The item's published English translation (same translation_key, its own row)."""
    model = type(item)
    values = {
        field.name: getattr(item, field.name)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in (
            "locale", "live", "has_unpublished_changes", "latest_revision", "live_revision",
            "first_published_at", "last_published_at", "locked", "locked_at", "locked_by",
        )
    }
    values.update(locale=english_locale(), live=True, **fields)
    translated = model(**values)
    translated.full_clean()
    translated.save()
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
