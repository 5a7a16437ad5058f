"""`manage.py generate_catalog --services N`: a large synthetic catalog for benchmarks.

Plausible sheets (a verb, an object and a qualifier, at one of the existing agencies, with
every art. 46 field filled, offices, topics, segments, several requirements and now and then an
earlier procedure required, and view counts with a long tail) written with bulk_create in
batches, published (live) without revisions or signals, then indexed by the search app's
rebuild when it is installed. English rows are translations of the Spanish ones (same
translation_key): for every sheet with --english, for one sheet in N with --english-every N (a
realistic, partly translated catalog). Each run adds N new sheets (random translation keys), so
it never collides with the demo or an earlier run. Needs the agencies and offices of
`manage.py load_demo` (or real ones).
"""

import datetime
import itertools
import random
import time
import uuid

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from ventanilla.catalog.models import LifeEvent, Segment, ServiceSheet, SheetPopularity, Topic
from ventanilla.government.models import Agency

VERBS = [
    ("Solicitud de", "Application for"),
    ("Renovación de", "Renewal of"),
    ("Reposición de", "Replacement of"),
    ("Expedición de", "Issue of"),
    ("Registro de", "Registration of"),
    ("Cancelación de", "Cancellation of"),
    ("Modificación de", "Amendment of"),
    ("Consulta de", "Enquiry about"),
    ("Aviso de", "Notice of"),
    ("Prórroga de", "Extension of"),
    ("Duplicado de", "Duplicate of"),
    ("Actualización de", "Update of"),
]
OBJECTS = [
    ("licencia de funcionamiento", "operating licence"),
    ("permiso de construcción", "building permit"),
    ("constancia de residencia", "residence certificate"),
    ("certificado de estudios", "school certificate"),
    ("licencia de conducir", "driving licence"),
    ("tarjeta de circulación", "vehicle registration card"),
    ("constancia de no adeudo", "clearance certificate"),
    ("permiso de anuncio", "sign permit"),
    ("dictamen de protección civil", "civil-protection report"),
    ("contrato de agua potable", "water contract"),
    ("registro patronal", "employer registration"),
    ("constancia de situación fiscal", "tax status certificate"),
    ("acta de nacimiento", "birth certificate"),
    ("acta de matrimonio", "marriage certificate"),
    ("cédula catastral", "cadastral record"),
    ("permiso de poda de árboles", "tree-pruning permit"),
    ("licencia de uso de suelo", "land-use licence"),
    ("permiso para evento público", "public event permit"),
    ("beca escolar", "school scholarship"),
    ("apoyo para vivienda", "housing grant"),
    ("credencial de discapacidad", "disability card"),
    ("permiso de carga y descarga", "loading permit"),
    ("constancia de origen", "certificate of origin"),
    ("registro de marca colectiva", "collective trademark"),
    ("licencia sanitaria", "health licence"),
    ("permiso de pesca deportiva", "sport-fishing permit"),
    ("registro de productor agrícola", "farmer registration"),
    ("cartilla militar", "military service card"),
    ("constancia de antigüedad", "seniority certificate"),
    ("permiso de ruta de transporte", "transport route permit"),
]
QUALIFIERS = [
    ("", ""),
    ("para personas físicas", "for individuals"),
    ("para personas morales", "for companies"),
    ("para personas adultas mayores", "for older adults"),
    ("para estudiantes", "for students"),
    ("en línea", "online"),
    ("con cita", "by appointment"),
    ("urgente", "express"),
    ("para comercio", "for businesses"),
    ("para zona rural", "for rural areas"),
    ("para personas con discapacidad", "for people with disabilities"),
    ("para industria", "for industry"),
    ("por primera vez", "first time"),
    ("por robo o extravío", "after theft or loss"),
    ("para mexicanos en el extranjero", "for Mexicans abroad"),
    ("temporal", "temporary"),
]

# (Spanish, English, issuer)
REQUIREMENTS = [
    ("Identificación oficial vigente", "Valid official ID", "INE"),
    ("Comprobante de domicilio", "Proof of address", ""),
    ("Clave Única de Registro de Población (CURP)", "Population registry code (CURP)", "RENAPO"),
    ("Acta de nacimiento", "Birth certificate", "Registro Civil"),
    ("Constancia de situación fiscal", "Tax status certificate", "SAT"),
    ("Comprobante de pago de derechos", "Receipt of the fee paid", ""),
    ("Fotografía tamaño infantil", "Passport-size photograph", ""),
    ("Poder notarial del representante legal", "Power of attorney of the legal representative", "Notaría"),
    ("Acta constitutiva", "Articles of incorporation", "Notaría"),
    ("Croquis de ubicación", "Location sketch", ""),
]


class Command(BaseCommand):
    help = "Generate N synthetic, published service sheets (for benchmarks) and index them."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, required=True, help="How many sheets (per language).")
        parser.add_argument(
            "--english", action="store_true", help="Also write the English row of each sheet."
        )
        parser.add_argument(
            "--english-every", type=int, default=0, metavar="N",
            help="Also write the English row of one sheet in N (e.g. 5: a fifth are translated).",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-index", action="store_true", help="Do not rebuild the search index.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same names).")

    def handle(self, *args, services, english, english_every, batch_size, no_index, seed, **options):
        if services < 1:
            raise CommandError("--services must be at least 1.")
        if english_every < 0:
            raise CommandError("--english-every must be 0 (none) or more.")
        if english:
            english_every = 1
        agencies = list(Agency.objects.filter(is_active=True).prefetch_related("offices"))
        if not agencies:
            raise CommandError("There are no agencies: run `manage.py load_demo` first.")
        started = time.monotonic()
        rng = random.Random(seed)
        run = uuid.uuid4().hex[:4].upper()
        languages = ["es-mx", "en"] if english_every else ["es-mx"]
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
        taxonomies = (list(Topic.objects.all()), list(Segment.objects.all()), list(LifeEvent.objects.all()))
        combos = list(itertools.product(VERBS, OBJECTS, QUALIFIERS))
        rng.shuffle(combos)
        # Earlier procedures a requirement may point to: sheets already in the catalog, then
        # this run's own as they are written.
        earlier = list(
            ServiceSheet.objects.filter(live=True, locale__language_code="es-mx")
            .order_by("-pk").values_list("pk", flat=True)[:500]
        )
        written = rows = 0
        for start in range(0, services, batch_size):
            count = min(batch_size, services - start)
            specs = [
                self.spec(start + i, run, rng, agencies, combos, taxonomies, earlier) for i in range(count)
            ]
            with transaction.atomic():
                for code, locale in locales.items():
                    chosen = specs if code == "es-mx" else [s for s in specs if s["n"] % english_every == 0]
                    sheets = ServiceSheet.objects.bulk_create(
                        [self.sheet(spec, code, locale) for spec in chosen], batch_size=batch_size
                    )
                    self.link(sheets, chosen)
                    rows += len(sheets)
                    if code == "es-mx":
                        earlier.extend(sheet.pk for sheet in sheets[:50])
                SheetPopularity.objects.bulk_create(
                    [
                        SheetPopularity(translation_key=spec["key"], views=spec["views"])
                        for spec in specs
                        if spec["views"]
                    ],
                    batch_size=batch_size,
                )
            written += count
            if options["verbosity"] > 1:
                self.stdout.write(f"  {written}/{services}")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Generated {services} sheets ({rows} rows in {len(languages)} language(s)) in {elapsed:.1f} s."
        )
        if not no_index and apps.is_installed("ventanilla.search"):
            started = time.monotonic()
            call_command("rebuild_catalog_index", verbosity=options["verbosity"], stdout=self.stdout)
            self.stdout.write(f"Indexed in {time.monotonic() - started:.1f} s.")

    def spec(self, n, run, rng, agencies, combos, taxonomies, earlier) -> dict:
        verb, obj, qualifier = combos[n % len(combos)]
        agency = agencies[n % len(agencies)]
        topics, segments, events = taxonomies
        days = rng.choice([0, 0, 3, 5, 10, 15, 20, 30, 45])
        amount = rng.choice([None, None, "158.00", "312.50", "645.00", "1026.00", "1825.00", "3480.00"])
        return {
            "n": n,
            "run": run,
            "agency": agency,
            "verb": verb,
            "obj": obj,
            "qualifier": qualifier,
            "days": days,
            "amount": amount,
            "online": rng.random() < 0.4,
            "appointment": rng.random() < 0.3,
            "kind": "servicio" if rng.random() < 0.25 else "tramite",
            "offices": list(agency.offices.all())[:2],
            "topic": topics[n % len(topics)] if topics else None,
            "segment": segments[n % len(segments)] if segments else None,
            "event": events[n % len(events)] if events and n % 3 == 0 else None,
            "key": uuid.uuid4(),
            # Views as the catalog counts them: a few sheets most people want, a long tail.
            "views": int(rng.paretovariate(1.2)) - 1,
            "requirements": rng.sample(range(len(REQUIREMENTS)), rng.randint(2, 4)),
            # One sheet in four needs an earlier procedure (the sheet page links its translation).
            "earlier": rng.choice(earlier) if earlier and rng.random() < 0.25 else None,
        }

    def sheet(self, spec: dict, language: str, locale) -> ServiceSheet:
        es = language == "es-mx"
        i = 0 if es else 1
        agency, days, amount = spec["agency"], spec["days"], spec["amount"]
        obj = spec["obj"][i]
        name = " ".join(part for part in (spec["verb"][i], obj, spec["qualifier"][i]) if part)
        name = f"{name} ({agency.acronym})"
        now = timezone.now()
        online_url = (
            f"{agency.website.rstrip('/')}/tramites/{spec['run'].lower()}-{spec['n']}"
            if spec["online"]
            else ""
        )
        fee = (
            [
                {
                    "type": "fee",
                    "value": {
                        "concept": name,
                        "amount": amount,
                        "formula": ""
                        if amount
                        else (
                            "Según la ley de ingresos vigente" if es else "As set by the current revenue law"
                        ),
                        "legal_basis": "Ley de Ingresos, art. 12" if es else "Revenue Law, art. 12",
                        "where_to_pay": "Bancos y cajas de la dependencia"
                        if es
                        else "Banks and the agency's cashiers",
                    },
                }
            ]
            if amount or spec["n"] % 2
            else []
        )
        return ServiceSheet(
            translation_key=spec["key"],
            locale=locale,
            agency=agency,
            name=name[:255],
            slug=f"{slugify(name)[:100]}-{spec['run'].lower()}{spec['n']}",
            summary=(
                f"{spec['verb'][0]} {obj} ante {agency.name}."
                if es
                else f"{spec['verb'][1]} {obj} from the {agency.name_en or agency.name}."
            ),
            description=(
                "Descripción generada para pruebas de rendimiento del catálogo."
                if es
                else "Description generated for catalog benchmarks."
            ),
            keywords=obj,
            homoclave=f"{agency.acronym[:10]}-G{spec['run']}-{spec['n']:06d}",
            kind=spec["kind"],
            modality="Única" if es else "Single modality",
            applicant="fisica",
            legal_basis=[
                {
                    "type": "law",
                    "value": {
                        "instrument": "Ley Orgánica de la Administración Pública",
                        "article": "art. 26",
                        "url": "",
                    },
                }
            ],
            when_applicable=("Cuando lo necesite." if es else "Whenever you need it."),
            steps=[
                {
                    "type": "step",
                    "value": {
                        "channel": "in_person",
                        "text": (
                            "Acuda a la oficina con sus documentos."
                            if es
                            else "Go to the office with your documents."
                        ),
                    },
                }
            ],
            requirements=[
                {
                    "type": "requirement",
                    "value": {
                        "document": REQUIREMENTS[index][i],
                        "details": "",
                        "original": index % 2 == 0,
                        "copies": 1 + index % 2,
                        "issuer": REQUIREMENTS[index][2],
                        # The first requirement carries the earlier procedure, if any.
                        "required_procedure": spec["earlier"] if position == 0 else None,
                    },
                }
                for position, index in enumerate(spec["requirements"])
            ],
            submission_format="formato",
            forms=[
                {
                    "type": "form",
                    "value": {
                        "title": name[:255],
                        "document": None,
                        "url": f"{agency.website.rstrip('/')}/formatos/{spec['n']}.pdf",
                        "published_on": "2025-01-15",
                    },
                }
            ],
            max_response_time=days or None,
            immediate_response=days == 0,
            silence_effect="negativa_ficta" if days else "ninguno",
            prevention_agency_days=max(1, days // 3),
            prevention_applicant_days=5,
            is_free=not fee,
            fees=fee,
            result_document=obj.capitalize(),
            result_validity="Un año" if es else "One year",
            resolution_criteria=(
                "Que se cumplan los requisitos." if es else "That the requirements are met."
            ),
            contacts=[
                {
                    "type": "contact",
                    "value": {
                        "kind": "questions",
                        "label": agency.name,
                        "phone": agency.phone,
                        "email": agency.email,
                        "url": agency.website,
                        "address": "",
                    },
                }
            ],
            records_to_keep=("El acuse y el documento obtenido." if es else "The receipt and the document."),
            can_apply_online=spec["online"],
            online_url=online_url,
            can_book_appointment=spec["appointment"],
            can_pay_online=spec["online"] and bool(fee),
            last_reviewed_on=datetime.date(2026, 1, 15),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )

    def link(self, sheets: list[ServiceSheet], specs: list[dict]) -> None:
        for relation, pick in (
            ("offices", lambda spec: spec["offices"]),
            ("topics", lambda spec: [spec["topic"]] if spec["topic"] else []),
            ("segments", lambda spec: [spec["segment"]] if spec["segment"] else []),
            ("life_events", lambda spec: [spec["event"]] if spec["event"] else []),
        ):
            through = getattr(ServiceSheet, relation).through
            target = getattr(ServiceSheet, relation).field.m2m_reverse_field_name()
            rows = [
                through(servicesheet_id=sheet.pk, **{f"{target}_id": obj.pk})
                for sheet, spec in zip(sheets, specs, strict=True)
                for obj in pick(spec)
            ]
            through.objects.bulk_create(rows, batch_size=5000)
