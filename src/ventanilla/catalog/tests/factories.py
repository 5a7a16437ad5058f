"""Test data for the catalog. `ServiceSheetFactory()` builds a valid, fully filled sheet (every
LGMR art. 46 field) in the default locale (Spanish) and publishes it through a revision, the way
the back office does, so it is live with a live revision. `ServiceSheetFactory(publish=False)`
leaves a draft (a revision, not live).

Other catalog tests import these: keep the defaults valid (`full_clean` passes).
"""

import datetime

import factory

from wagtail.models import Locale

from ventanilla.catalog.models import (
    Applicant,
    DayType,
    Kind,
    LifeEvent,
    Segment,
    ServiceSheet,
    SilenceEffect,
    SubmissionFormat,
    Synonym,
    Topic,
)
from ventanilla.government.tests.factories import (
    AgencyFactory,
    OfficeFactory,
    OpeningHoursFactory,
    UnitFactory,
)


def english_locale() -> Locale:
    """The English locale (created by a catalog migration; get_or_create keeps tests independent)."""
    return Locale.objects.get_or_create(language_code="en")[0]


class _TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    name = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    slug_en = factory.Sequence(lambda n: f"topic-{n}")
    description = "Trámites relacionados."
    description_en = "Related procedures."


class TopicFactory(_TaxonomyFactory):
    class Meta:
        model = Topic


class LifeEventFactory(_TaxonomyFactory):
    class Meta:
        model = LifeEvent

    name = factory.Sequence(lambda n: f"Momento {n}")
    name_en = factory.Sequence(lambda n: f"Life event {n}")
    slug = factory.Sequence(lambda n: f"momento-{n}")
    slug_en = factory.Sequence(lambda n: f"life-event-{n}")


class SegmentFactory(_TaxonomyFactory):
    class Meta:
        model = Segment

    name = factory.Sequence(lambda n: f"Público {n}")
    name_en = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.Sequence(lambda n: f"publico-{n}")
    slug_en = factory.Sequence(lambda n: f"audience-{n}")


class SynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Synonym

    language = "es-mx"
    terms = "licencia de manejo\nlicencia de conducir"


def _legal_basis():
    return [{"type": "law", "value": {
        "instrument": "Ley General de Mejora Regulatoria", "article": "Artículo 46",
        "url": "https://www.diputados.gob.mx/LeyesBiblio/pdf/LGMR.pdf",
    }}]


def _steps():
    return [
        {"type": "step", "value": {"channel": "online", "text": "Llene la solicitud en línea."}},
        {"type": "step", "value": {"channel": "in_person", "text": "Acuda a la oficina con sus documentos."}},
        {"type": "step", "value": {"channel": "call_centre", "text": "Llame para resolver sus dudas."}},
    ]


def _requirements():
    return [
        {"type": "requirement", "value": {
            "document": "Identificación oficial vigente", "details": "INE, pasaporte o cédula profesional.",
            "original": True, "copies": 1, "issuer": "Instituto Nacional Electoral",
            "required_procedure": None,
        }},
        {"type": "requirement", "value": {
            "document": "Comprobante de domicilio", "details": "De no más de tres meses.",
            "original": False, "copies": 1, "issuer": "", "required_procedure": None,
        }},
    ]


def _forms():
    return [{"type": "form", "value": {
        "title": "Formato de solicitud", "document": None, "url": "https://www.gob.mx/formato.pdf",
        "published_on": "2026-01-15",
    }}]


def _fees():
    return [{"type": "fee", "value": {
        "concept": "Derecho por expedición", "amount": "250.00", "formula": "",
        "legal_basis": "Ley Federal de Derechos, artículo 20",
        "where_to_pay": "En ventanilla bancaria o en línea con la hoja de ayuda.",
    }}]


def _contacts():
    return [
        {"type": "contact", "value": {
            "kind": "questions", "label": "Atención ciudadana", "phone": "800 123 4567",
            "email": "atencion@example.gob.mx", "url": "https://www.gob.mx/contacto", "address": "",
        }},
        {"type": "contact", "value": {
            "kind": "complaints", "label": "Órgano Interno de Control", "phone": "800 765 4321",
            "email": "quejas@example.gob.mx", "url": "", "address": "Av. Juárez 100, Xalapa",
        }},
    ]


class ServiceSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceSheet
        skip_postgeneration_save = True

    locale = factory.LazyFunction(Locale.get_default)
    name = factory.Sequence(lambda n: f"Licencia de prueba {n}")
    slug = factory.Sequence(lambda n: f"licencia-de-prueba-{n}")
    summary = "Permiso que le autoriza a realizar la actividad. Lo obtiene en línea o en la oficina."
    description = "Descripción completa del trámite, en lenguaje claro."
    keywords = "licencia, permiso, autorización"
    homoclave = factory.Sequence(lambda n: f"SEC-00-{n:04d}")
    kind = Kind.PROCEDURE
    modality = "Expedición"
    applicant = Applicant.INDIVIDUAL
    legal_basis = factory.LazyFunction(_legal_basis)
    when_applicable = "Cuando necesite realizar la actividad por primera vez."
    steps = factory.LazyFunction(_steps)
    requirements = factory.LazyFunction(_requirements)
    submission_format = SubmissionFormat.BOTH
    forms = factory.LazyFunction(_forms)
    inspection_required = True
    inspection_purpose = "Verificar que el domicilio declarado existe."
    agency = factory.SubFactory(AgencyFactory)
    unit = factory.SubFactory(UnitFactory, agency=factory.SelfAttribute("..agency"))
    max_response_time = 10
    response_day_type = DayType.WORKING
    immediate_response = False
    silence_effect = SilenceEffect.NEGATIVE
    prevention_agency_days = 5
    prevention_applicant_days = 10
    is_free = False
    fees = factory.LazyFunction(_fees)
    result_document = "Licencia"
    result_validity = "Tres años"
    resolution_criteria = "Se otorga cuando se cumplen todos los requisitos."
    contacts = factory.LazyFunction(_contacts)
    records_to_keep = "Comprobante de pago y acuse de la solicitud."
    can_apply_online = True
    online_url = "https://www.gob.mx/tramite"
    can_book_appointment = True
    can_pay_online = True
    last_reviewed_on = datetime.date(2026, 10, 1)

    @factory.post_generation
    def offices(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            office = OfficeFactory(agency=obj.agency, unit=obj.unit)
            OpeningHoursFactory(office=office)
            extracted = [office]
        obj.offices.set(extracted)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            obj.topics.set(extracted if extracted is not None else [TopicFactory()])

    @factory.post_generation
    def life_events(obj, create, extracted, **kwargs):
        if create:
            obj.life_events.set(extracted if extracted is not None else [LifeEventFactory()])

    @factory.post_generation
    def segments(obj, create, extracted, **kwargs):
        if create:
            obj.segments.set(extracted if extracted is not None else [SegmentFactory()])

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        """Save the relations and a first revision; publish it unless `publish=False`."""
        if not create:
            return
        obj.full_clean()
        if extracted is False:
            obj.live = False
            obj.save()
            obj.save_revision()
        else:
            obj.save()
            obj.save_revision().publish()
        obj.refresh_from_db()
