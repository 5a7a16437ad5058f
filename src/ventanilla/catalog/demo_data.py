"""The demo catalog loader, registered with `manage.py load_demo` (ventanilla.core.demo).

Reads catalog/demo/sheets.py and taxonomy.py and writes one Spanish and one English row per
sheet, sharing a translation_key derived from the sheet's stable id (uuid5), as wagtail-localize
would. Each row is published through a revision (`save_revision().publish()`), so the live
state, the revision history and the `published` signal the search index listens to all fire.
A second run finds every row unchanged and writes nothing.

What the data file leaves out is derived here from the agency: steps per channel, forms,
contacts, prevention terms (LFPA art. 17-A: a third of the response time; five days to answer),
records to keep and resolution criteria.
"""

import datetime
import json
import uuid
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from ventanilla.audit.services import record
from ventanilla.core.channels import Channel
from ventanilla.core.context import channel_context
from ventanilla.government.access import SYSTEM
from ventanilla.government.models import Agency

from .demo import sheets as data
from .demo import taxonomy
from .models import LifeEvent, Segment, ServiceSheet, Synonym, Topic

NAMESPACE = uuid.UUID("5f0d8c3e-6a57-4a8e-9a57-0c9e3a1b7d21")
LANGUAGES = ("es-mx", "en")
STREAM_FIELDS = ("legal_basis", "steps", "requirements", "forms", "fees", "contacts")
M2M_FIELDS = ("offices", "topics", "life_events", "segments")
LEVEL_CODES = {"federal": "01", "state": "02", "municipal": "03"}
REVIEWED_ON = datetime.date(2026, 10, 1)


def translation_key(sheet_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"ventanilla.catalog.demo:{sheet_id}")


@dataclass
class Spec:
    """One sheet to load: a procedure, or one modality of it."""

    id: str
    base: dict
    number: int
    modality: tuple | None  # (suffix, name es, name en, fee override or None)

    def text(self, key: str, lang: str, default=("", "")) -> str:
        value = self.base.get(key, default)
        return value[0] if lang == "es-mx" else value[1]


def expand() -> list[Spec]:
    """Every sheet, with a procedure referred to by a requirement loaded before the one referring to it."""
    specs, first_of, per_agency = [], {}, {}
    for base in data.SHEETS:
        number = per_agency[base["ag"]] = per_agency.get(base["ag"], 0) + 1
        modalities = base.get("modalities") or [None]
        for modality in modalities:
            sheet_id = base["id"] if modality is None else f"{base['id']}-{modality[0].lower()}"
            specs.append(Spec(sheet_id, base, number, modality))
            first_of.setdefault(base["id"], sheet_id)
    ordered, seen = [], set()

    def visit(spec):
        if spec.id in seen:
            return
        seen.add(spec.id)
        for ref in references(spec):
            visit(next(s for s in specs if s.id == first_of[ref]))
        ordered.append(spec)

    for spec in specs:
        visit(spec)
    return ordered, first_of


def references(spec: Spec) -> list[str]:
    refs = []
    for req in spec.base["reqs"]:
        ref = (data.DOCS[req] if isinstance(req, str) else req)[6]
        if ref and ref != spec.base["id"]:
            refs.append(ref)
    return refs


class Builder:
    """Field values of one sheet in one language."""

    def __init__(self, spec: Spec, lang: str, agency: Agency, first_of: dict, pks: dict):
        self.spec, self.lang, self.agency, self.first_of, self.pks = spec, lang, agency, first_of, pks
        self.es = lang == "es-mx"
        self.base = spec.base

    def t(self, es: str, en: str) -> str:
        return es if self.es else en

    def values(self) -> dict:
        spec, base = self.spec, self.base
        name = spec.text("name", self.lang)
        if spec.modality:
            name = f"{name} ({spec.modality[1] if self.es else spec.modality[2]})"
        days = base["days"]
        fees = self.fees()
        values = {
            "name": name,
            "slug": slugify(name)[:120].strip("-"),
            "summary": spec.text("summary", self.lang),
            "description": f"{spec.text('summary', self.lang)} {spec.text('when', self.lang)}",
            "keywords": ", ".join(self.keywords(name)),
            "homoclave": self.homoclave(),
            "kind": base.get("kind", "tramite"),
            "modality": (spec.modality[1] if self.es else spec.modality[2]).capitalize()
            if spec.modality
            else self.t("Única", "Single modality"),
            "applicant": base.get("who", "fisica"),
            "legal_basis": [
                {"type": "law", "value": {"instrument": instrument, "article": article, "url": url or ""}}
                for instrument, article, url in self.laws()
            ],
            "when_applicable": spec.text("when", self.lang),
            "steps": [
                {"type": "step", "value": {"channel": channel, "text": text}}
                for channel, text in self.steps()
            ],
            "requirements": [{"type": "requirement", "value": value} for value in self.requirements()],
            "submission_format": base["fmt"],
            "forms": [{"type": "form", "value": self.form()}],
            "inspection_required": "inspection" in base,
            "inspection_purpose": spec.text("inspection", self.lang),
            "agency": self.agency,
            "unit": self.agency.demo_units[base.get("unit", 0)],
            "max_response_time": days or None,
            "response_day_type": base.get("dtype", "habiles"),
            "immediate_response": days == 0,
            "silence_effect": base.get("silence")
            or ("negativa_ficta" if days and base.get("kind", "tramite") == "tramite" else "ninguno"),
            "prevention_agency_days": max(1, days // 3),
            "prevention_applicant_days": 5,
            "is_free": not fees,
            "fees": [{"type": "fee", "value": fee} for fee in fees],
            "result_document": spec.text("result", self.lang),
            "result_validity": spec.text("validity", self.lang),
            "resolution_criteria": self.criteria(),
            "contacts": [{"type": "contact", "value": value} for value in self.contacts()],
            "records_to_keep": self.records(),
            "can_apply_online": bool(base.get("url")),
            "online_url": base.get("url", ""),
            "can_book_appointment": bool(base.get("appt")),
            "can_pay_online": bool(base.get("pay")) and bool(fees),
            "last_reviewed_on": REVIEWED_ON - datetime.timedelta(days=(spec.number * 7) % 120),
        }
        return values

    def keywords(self, name: str) -> list[str]:
        words = [self.base["id"].replace("-", " ")]
        if self.spec.modality:
            words.append(self.spec.modality[1] if self.es else self.spec.modality[2])
        words.append(self.agency.acronym)
        return words

    def homoclave(self) -> str:
        code = f"{self.agency.acronym}-{LEVEL_CODES[self.agency.jurisdiction.level]}-{self.spec.number:03d}"
        return f"{code}-{self.spec.modality[0]}" if self.spec.modality else code

    def laws(self):
        laws = list(self.base["law"])
        if not any(url for _i, _a, url in laws):
            # Every sheet links at least one text: the agency's own regulations page.
            laws.append(
                (
                    self.t("Reglamento interior de ", "Internal regulations of ")
                    + self.agency.localized_name,
                    self.t("atribuciones de la unidad responsable", "powers of the responsible unit"),
                    f"{self.agency.website.rstrip('/')}/normateca",
                )
            )
        return laws

    def steps(self):
        base, t = self.base, self.t
        result = self.spec.text("result", self.lang)
        fees = bool(self.fees())
        docs = ", ".join(r["document"].split(" (")[0].lower() for r in self.requirements()[:3])
        office = self.agency.demo_offices[0]
        steps = []
        if base.get("url"):
            steps += [
                (
                    "online",
                    t(
                        f"Entre a {base['url']} e identifíquese con su CURP o con Llave MX.",
                        f"Go to {base['url']} and sign in with your CURP or Llave MX.",
                    ),
                ),
                (
                    "online",
                    t(
                        f"Llene la solicitud y adjunte en PDF: {docs}.",
                        f"Fill in the application and attach as PDF: {docs}.",
                    ),
                ),
            ]
            if fees and base.get("pay"):
                steps.append(
                    (
                        "online",
                        t(
                            "Pague en línea con tarjeta o genere la línea de captura para pagar en el banco.",
                            "Pay online by card, or print the payment reference to pay at a bank.",
                        ),
                    )
                )
            steps.append(
                (
                    "online",
                    t(
                        f"Descargue el acuse con su folio y, al resolverse, {result.lower()}.",
                        f"Download the receipt with your reference number and, once decided, "
                        f"{result[0].lower() + result[1:]}.",
                    ),
                )
            )
        if base.get("appt"):
            steps.append(
                (
                    "in_person",
                    t(
                        f"Agende una cita en línea o al teléfono {self.agency.phone}.",
                        f"Book an appointment online or on {self.agency.phone}.",
                    ),
                )
            )
        steps += [
            (
                "in_person",
                t(
                    f"Acuda a {office.name} ({office.street}, {office.municipality}) o a otra de las "
                    "oficinas indicadas, con sus documentos originales y copias.",
                    f"Go to {office.localized_name} ({office.street}, {office.municipality}) or another "
                    "listed office, with your original documents and copies.",
                ),
            ),
            (
                "in_person",
                t(
                    "Entregue la solicitud y los requisitos en ventanilla; el personal los revisa en ese "
                    "momento y le entrega un acuse con folio.",
                    "Hand in the application and "
                    "requirements at the counter; staff check them at once and give you a receipt "
                    "with a reference number.",
                ),
            ),
        ]
        if fees:
            steps.append(
                (
                    "in_person",
                    t(
                        "Pague los derechos en la caja de la oficina o en el banco con la "
                        "referencia que le entregan.",
                        "Pay the fee at the office cashier or at a bank with the reference you are given.",
                    ),
                )
            )
        when = (
            t("en ese momento", "there and then")
            if not base["days"]
            else t(f"en un plazo máximo de {base['days']} días", f"within {base['days']} days at most")
        )
        steps.append(
            (
                "in_person",
                t(
                    f"Reciba {result[0].lower() + result[1:]} {when}.",
                    f"Receive the {result[0].lower() + result[1:]} {when}.",
                ),
            )
        )
        if base.get("phone"):
            steps += [
                (
                    Channel.CALL_CENTRE.value,
                    t(
                        f"Llame al {self.agency.phone}, las 24 horas, y elija la opción del trámite.",
                        f"Call {self.agency.phone}, 24 hours a day, and choose "
                        "the option for this procedure.",
                    ),
                ),
                (
                    Channel.CALL_CENTRE.value,
                    t(
                        "Dé su nombre y los datos que le pidan; anote el número de reporte "
                        "para dar seguimiento.",
                        "Give your name and the details asked; note the report number to follow it up.",
                    ),
                ),
            ]
        if base.get("kiosk"):
            steps.append(
                (
                    Channel.KIOSK.value,
                    t(
                        f"En un kiosco de servicios, elija «{self.spec.text('name', self.lang)}», siga las "
                        "instrucciones en pantalla e imprima su comprobante.",
                        f"At a service kiosk, choose “{self.spec.text('name', self.lang)}”, follow the "
                        "on-screen instructions and print your receipt.",
                    ),
                )
            )
        return steps

    def requirements(self) -> list[dict]:
        result = []
        for req in self.base["reqs"]:
            doc_es, doc_en, original, copies, issuer_es, issuer_en, ref = (
                data.DOCS[req] if isinstance(req, str) else req
            )
            if original and copies:
                details = self.t(
                    f"Original para cotejo y {copies} copia{'s' if copies > 1 else ''}.",
                    f"Original for checking and {copies} cop{'ies' if copies > 1 else 'y'}.",
                )
            elif original:
                details = self.t("Original.", "Original.")
            elif copies:
                details = self.t(
                    f"{copies} copia{'s' if copies > 1 else ''} simple{'s' if copies > 1 else ''}.",
                    f"{copies} plain cop{'ies' if copies > 1 else 'y'}.",
                )
            else:
                details = self.t(
                    "Solo se le pedirá el dato al llenar la solicitud.",
                    "You only give it when filling in the application.",
                )
            ref_pk = None
            if ref and ref != self.base["id"]:
                ref_pk = self.pks[(self.first_of[ref], self.lang)]
            result.append(
                {
                    "document": self.t(doc_es, doc_en),
                    "details": details,
                    "original": original,
                    "copies": copies,
                    "issuer": self.t(issuer_es, issuer_en)
                    or self.t("La persona solicitante", "The applicant"),
                    "required_procedure": ref_pk,
                }
            )
        return result

    def form(self) -> dict:
        name = self.spec.text("name", self.lang)
        titles = {
            "en_linea": self.t(
                f"Solicitud en línea de {name} (versión para imprimir)",
                f"Online application for {name} (printable version)",
            ),
            "escrito_libre": self.t(f"Modelo de escrito libre: {name}", f"Model letter: {name}"),
            "ninguno": self.t(f"Guía rápida: {name}", f"Quick guide: {name}"),
        }
        title = titles.get(
            self.base["fmt"], self.t(f"Formato de solicitud: {name}", f"Application form: {name}")
        )
        number = self.spec.number
        return {
            "title": title,
            "document": None,
            "url": f"{self.agency.website.rstrip('/')}/formatos/{self.homoclave().lower()}.pdf",
            "published_on": datetime.date(
                2024 + number % 2, 1 + number % 12, 1 + (number * 3) % 28
            ).isoformat(),
        }

    def fees(self) -> list[dict]:
        fees = self.base.get("fee")
        override = self.spec.modality[3] if self.spec.modality else None
        if not fees or override == "0":
            return []
        result = []
        for index, fee in enumerate(fees):
            concept_es, concept_en, amount, legal_basis, *formula = fee
            if index == 0 and override:
                amount = override
            result.append(
                {
                    "concept": self.t(concept_es, concept_en),
                    "amount": amount,
                    "formula": self.t(*formula)
                    if formula
                    else self.t(
                        "Cuota fija actualizada cada año en la ley de ingresos.",
                        "Fixed amount updated every year in the revenue law.",
                    ),
                    "legal_basis": legal_basis,
                    "where_to_pay": self.where_to_pay(),
                }
            )
        return result

    def where_to_pay(self) -> str:
        level = self.agency.jurisdiction.level
        online = (
            self.t(" También puede pagar en línea con tarjeta.", " You can also pay online by card.")
            if self.base.get("pay")
            else ""
        )
        text = {
            "federal": self.t(
                "En ventanilla bancaria o banca en línea con la hoja de ayuda e5cinco.",
                "At a bank counter or through online banking with the e5cinco payment form.",
            ),
            "state": self.t(
                "En las cajas de la Oficina de Hacienda, bancos y tiendas de conveniencia con la "
                "línea de captura.",
                "At the state tax office cashiers, banks and convenience stores with the payment reference.",
            ),
            "municipal": self.t(
                "En las cajas de la Tesorería Municipal o en bancos con la referencia de pago.",
                "At the Municipal Treasury cashiers or at banks with the payment reference.",
            ),
        }[level]
        return text + online

    def criteria(self) -> str:
        text = self.t(
            "Se resuelve a favor cuando la solicitud está completa, los documentos son auténticos y "
            "vigentes y los datos coinciden entre sí",
            "The request is granted when it is complete, the documents are genuine and valid, and the "
            "details match each other",
        )
        if "inspection" in self.base:
            text += self.t(
                ", y la inspección confirma lo declarado", ", and the inspection confirms what was declared"
            )
        if self.fees():
            text += self.t(", y se acredita el pago de derechos", ", and payment of the fee is shown")
        return text + "."

    def contacts(self) -> list[dict]:
        agency, office = self.agency, self.agency.demo_offices[0]
        address = (
            f"{office.street}, {office.neighbourhood}, {office.postal_code} {office.municipality}, "
            f"{office.state}"
        )
        return [
            {
                "kind": "questions",
                "label": agency.localized_name,
                "phone": agency.phone,
                "email": agency.email,
                "url": agency.website,
                "address": address,
            },
            {
                "kind": "complaints",
                "label": self.t(
                    f"Órgano Interno de Control de {agency.acronym}",
                    f"{agency.acronym} Internal Control Body",
                ),
                "phone": agency.phone,
                "email": f"quejas@{agency.slug}.demo.ventanilla.mx",
                "url": f"{agency.website.rstrip('/')}/quejas",
                "address": address,
            },
        ]

    def records(self) -> str:
        result = self.spec.text("result", self.lang)
        text = self.t(
            f"Conserve {result[0].lower() + result[1:]} y el acuse con folio",
            f"Keep the {result[0].lower() + result[1:]} and the receipt with its reference number",
        )
        if self.fees():
            text += self.t(", junto con el comprobante de pago,", ", with the proof of payment,")
        return text + self.t(
            " durante al menos cinco años: la autoridad puede pedirlos en una verificación.",
            " for at least five years: the authority may ask for them in an inspection.",
        )


def _stream_raw(field, value) -> str:
    items = field.get_prep_value(field.to_python(value) if isinstance(value, list) else value)
    return json.dumps(
        [{"type": i["type"], "value": i["value"]} for i in items], cls=DjangoJSONEncoder, sort_keys=True
    )


def _unchanged(sheet: ServiceSheet, values: dict, relations: dict) -> bool:
    for name, value in values.items():
        if name in STREAM_FIELDS:
            field = ServiceSheet._meta.get_field(name)
            if _stream_raw(field, getattr(sheet, name)) != _stream_raw(field, value):
                return False
        elif name in ("agency", "unit"):
            if getattr(sheet, f"{name}_id") != value.pk:
                return False
        elif getattr(sheet, name) != value:
            return False
    return all(
        set(getattr(sheet, name).values_list("pk", flat=True)) == {obj.pk for obj in objs}
        for name, objs in relations.items()
    )


def load_taxonomy() -> dict:
    result = {}
    for model, rows in (
        (Topic, taxonomy.TOPICS),
        (LifeEvent, taxonomy.LIFE_EVENTS),
        (Segment, taxonomy.SEGMENTS),
    ):
        result[model] = {}
        for order, (slug, slug_en, name, name_en, description, description_en) in enumerate(rows):
            obj, _created = model.objects.update_or_create(
                slug=slug,
                defaults={
                    "slug_en": slug_en,
                    "name": name,
                    "name_en": name_en,
                    "description": description,
                    "description_en": description_en,
                    "sort_order": order,
                },
            )
            result[model][slug] = obj
    for language, phrases in taxonomy.SYNONYMS:
        terms = "\n".join(phrases)
        if not Synonym.objects.filter(language=language, terms=terms).exists():
            Synonym.objects.create(language=language, terms=terms)
    return result


def load(stdout) -> None:
    """The registered demo loader (catalog/apps.py)."""
    with channel_context(Channel.SYSTEM), transaction.atomic():
        taxonomies = load_taxonomy()
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        agencies = {}
        for agency in Agency.objects.select_related("jurisdiction"):
            agency.demo_units = list(agency.units.order_by("pk"))
            agency.demo_offices = list(agency.offices.order_by("pk"))
            agencies[agency.slug] = agency
        specs, first_of = expand()
        pks, written = {}, 0
        for spec in specs:
            agency = agencies[spec.base["ag"]]
            for lang in LANGUAGES:
                agency.localized_name = agency.name if lang == "es-mx" else (agency.name_en or agency.name)
                for office in agency.demo_offices:
                    office.localized_name = (
                        office.name if lang == "es-mx" else (office.name_en or office.name)
                    )
                values = Builder(spec, lang, agency, first_of, pks).values()
                relations = {
                    "offices": agency.demo_offices,
                    "topics": [taxonomies[Topic][slug] for slug in spec.base.get("topics", [])],
                    "life_events": [taxonomies[LifeEvent][slug] for slug in spec.base.get("events", [])],
                    "segments": [taxonomies[Segment][slug] for slug in spec.base.get("segments", [])],
                }
                sheet, changed = _upsert(spec, locales[lang], values, relations)
                pks[(spec.id, lang)] = sheet.pk
                written += changed
        stdout.write(f"Catalog: {len(specs)} sheets per language ({written} rows published).")


def _upsert(spec: Spec, locale: Locale, values: dict, relations: dict) -> tuple[ServiceSheet, bool]:
    key = translation_key(spec.id)
    sheet = ServiceSheet.objects.filter(translation_key=key, locale=locale).first()
    if sheet is not None and sheet.live and _unchanged(sheet, values, relations):
        return sheet, False
    created = sheet is None
    if created:
        sheet = ServiceSheet(translation_key=key, locale=locale)
    for name, value in values.items():
        setattr(sheet, name, value)
    for name, objs in relations.items():
        setattr(sheet, name, objs)
    sheet.full_clean()
    sheet.save()
    sheet.save_revision(user=None, log_action=True).publish(user=None)
    record(
        "catalog.sheet.publish" if created else "catalog.sheet.update",
        actor=SYSTEM,
        target=sheet,
        agency=sheet.agency,
        changes={"source": "demo"},
    )
    return sheet, True
