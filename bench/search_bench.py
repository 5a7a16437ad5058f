#!/usr/bin/env python
"""Benchmark: latency of catalog search (ventanilla.search.services.search) on SQLite and PostgreSQL.

    make bench-search                          # or: .venv/bin/python bench/search_bench.py [options]
    .venv/bin/python bench/search_bench.py --sheets 10000 --databases sqlite

For each database it prepares a throw-away one (SQLite: a file in a temporary directory;
PostgreSQL: a database named ventanilla_bench_search, dropped afterwards), migrates it, writes
N synthetic sheets straight into the search index (Spanish rows, plus one English row for every
fifth sheet) through the backend as a rebuild writes them, then calls search() for a fixed
list of realistic queries (with and without facet filters, browsing, paging, a misspelling)
and reports p50/p95/p99 per database. Search runs in-process: the figures are the cost of
search() itself (SQL and Python), without HTTP. Target: p95 at most 20 ms on both databases.

The table goes to standard output and to bench/results/search.md.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
RESULTS = REPO / "bench" / "results" / "search.md"
BENCH_DATABASE = "ventanilla_bench_search"
TARGET_P95_MS = 20.0

# What citizens type (Spanish first), and a few narrowed or paged variants.
QUERIES = [
    ("licencia de conducir", {}, 1),
    ("licencias de conducir", {}, 1),
    ("licencia de manejo", {}, 1),
    ("acta nacimiento", {}, 1),
    ("acta de nacimiento", {}, 2),
    ("pasaporte", {}, 1),
    ("curp", {}, 1),
    ("pago de predial", {}, 1),
    ("licencia de construcción", {"cost": ["paid"]}, 1),
    ("cita sat", {}, 1),
    ("beca", {"level": ["state"]}, 1),
    ("contrato de agua potable", {}, 1),
    ("registro de empresa", {"online": ["yes"]}, 1),
    ("multa de tránsito", {}, 1),
    ("cambio de clínica", {}, 1),
    ("uso de suelo", {}, 3),
    ("impuesto sobre nómina", {}, 1),
    ("bolsa de trabajo", {"channel": ["online"]}, 1),
    ("queja por cortes de luz", {}, 1),
    ("constancia", {"topic": ["1", "2"]}, 1),
    ("permiso", {}, 1),
    ("tramite en linea", {"cost": ["free"], "channel": ["online"]}, 1),
    ("", {}, 1),
    ("", {"topic": ["3"]}, 2),
    ("pasaprote", {}, 1),
]
ENGLISH_QUERIES = [("birth certificate", {}, 1), ("driving licences", {}, 1), ("", {}, 1)]

PROCEDURES = [
    ("Licencia de conducir", "licencia de manejo, permiso para conducir", "Driving licence"),
    ("Acta de nacimiento", "copia certificada de nacimiento, registro civil", "Birth certificate"),
    ("Pasaporte ordinario", "pasaporte mexicano, viajar", "Ordinary passport"),
    ("Clave Única de Registro de Población", "curp, identidad", "Population registry code"),
    ("Pago del impuesto predial", "predial, pago de predial, contribuciones", "Property tax payment"),
    ("Licencia de construcción", "obra, construir, ampliación", "Building permit"),
    ("Cita en el SAT", "cita sat, factura, rfc", "Tax office appointment"),
    ("Beca de educación básica", "beca, apoyo escolar, estudiantes", "Basic education scholarship"),
    ("Contrato de agua potable y drenaje", "agua, drenaje, toma de agua", "Water and drainage contract"),
    ("Registro de empresa", "apertura de empresa, negocio, sociedad", "Business registration"),
    ("Pago de multas de tránsito", "multa, infracción, tránsito", "Traffic fine payment"),
    ("Cambio de clínica familiar", "clínica, imss, unidad médica", "Family clinic change"),
    ("Constancia de uso de suelo", "uso de suelo, zonificación", "Land-use certificate"),
    ("Impuesto sobre nómina", "nómina, impuesto estatal", "Payroll tax registration"),
    ("Registro en la bolsa de trabajo", "empleo, bolsa de trabajo, vacantes", "Job-seeker registration"),
    ("Queja por cortes de energía eléctrica", "luz, apagón, cfe", "Power-cut complaint"),
    ("Constancia de situación fiscal", "constancia, rfc", "Tax status certificate"),
    ("Permiso de venta en vía pública", "comercio ambulante, permiso", "Street vending permit"),
    ("Licencia de funcionamiento", "negocio, apertura, permiso", "Business operating licence"),
    ("Certificado de estudios", "escuela, certificado", "School certificate"),
    ("Registro de marca", "marca, propiedad industrial", "Trademark registration"),
    ("Cartilla del Servicio Militar", "servicio militar, cartilla", "Military service card"),
    ("Alta de vehículo", "placas, tarjeta de circulación", "Vehicle registration"),
    ("Pensión para adultos mayores", "pensión, adultos mayores, apoyo", "Older adults' pension"),
    ("Certificado de no antecedentes penales", "antecedentes, carta", "Criminal record certificate"),
]
QUALIFIERS = [
    "", "por primera vez", "reposición", "renovación", "duplicado", "para menores de edad",
    "para personas morales", "en línea", "urgente", "con cita", "federal", "estatal", "municipal",
    "para extranjeros", "para adultos mayores",
]
SENTENCES = [
    "Presente su identificación oficial vigente y un comprobante de domicilio reciente.",
    "Puede hacer el trámite en línea o acudir a la oficina más cercana con cita previa.",
    "El pago se realiza en ventanilla bancaria o en línea con la hoja de ayuda.",
    "La resolución se entrega en un plazo máximo de diez días hábiles.",
    "Si no recibe respuesta en el plazo, se entiende que la solicitud fue negada.",
    "Llene el formato de solicitud y fírmelo en tinta azul.",
    "Las personas morales presentan además el acta constitutiva y el poder del representante.",
    "El servicio es gratuito para personas de escasos recursos.",
    "Conserve el acuse de recibo y el comprobante de pago.",
    "Las oficinas atienden de lunes a viernes de nueve a quince horas.",
    "Los menores de edad acuden acompañados de su madre, padre o tutor.",
    "La autoridad puede pedirle información faltante dentro de los cinco días siguientes.",
    "Se realiza una visita de verificación al domicilio declarado.",
    "El documento obtenido tiene vigencia de tres años.",
    "Consulte el estado de su solicitud con el número de folio.",
    "Necesita su Clave Única de Registro de Población y su correo electrónico.",
]
CHANNELS = ["online", "in_person", "call_centre", "kiosk"]


def log(message: str) -> None:
    print(f"[search-bench] {message}", file=sys.stderr, flush=True)


# -------------------------------------------------------------------------------------------------
# Inside the worker process (one per database): Django is configured for that database.
# -------------------------------------------------------------------------------------------------
def _taxonomy(sheets: int):
    """A few real agencies and labels, so facet labels are looked up as in production."""
    from ventanilla.catalog.models import LifeEvent, Segment, Topic
    from ventanilla.government.models import Agency, Jurisdiction, Level

    levels = [Level.FEDERAL, Level.STATE, Level.MUNICIPAL]
    jurisdictions = [
        Jurisdiction.objects.create(level=level, name=f"Jurisdicción {level}", slug=f"bench-{level}")
        for level in levels
    ]
    agencies = [
        Agency.objects.create(
            jurisdiction=jurisdictions[number % 3], name=f"Dependencia {number}", acronym=f"DEP{number}",
            slug=f"bench-dependencia-{number}",
        )
        for number in range(30)
    ]
    topics = [Topic.objects.create(name=f"Tema {n}", slug=f"bench-tema-{n}") for n in range(1, 21)]
    segments = [Segment.objects.create(name=f"Público {n}", slug=f"bench-publico-{n}") for n in range(8)]
    events = [LifeEvent.objects.create(name=f"Momento {n}", slug=f"bench-momento-{n}") for n in range(10)]
    return agencies, topics, segments, events


def _entries(count: int, rng: random.Random, taxonomy):
    import uuid

    from ventanilla.search.documents import Entry

    agencies, topics, segments, events = taxonomy
    for number in range(count):
        name_es, keywords, name_en = PROCEDURES[number % len(PROCEDURES)]
        qualifier = QUALIFIERS[(number // len(PROCEDURES)) % len(QUALIFIERS)]
        agency = agencies[rng.randrange(len(agencies))]
        channels = rng.sample(CHANNELS, rng.randint(1, 3))
        free = rng.random() < 0.3
        facets = [
            ("agency", str(agency.pk)),
            ("level", agency.jurisdiction.level),
            ("cost", "free" if free else "paid"),
            *(("topic", str(topic.pk)) for topic in rng.sample(topics, rng.randint(1, 2))),
            *(("segment", str(segment.pk)) for segment in rng.sample(segments, rng.randint(1, 2))),
            *(("life_event", str(event.pk)) for event in rng.sample(events, rng.randint(0, 1))),
            *(("channel", channel) for channel in channels),
        ]
        if "online" in channels:
            facets.append(("online", "yes"))
        popularity = int(rng.paretovariate(1.2)) - 1
        key = uuid.UUID(int=rng.getrandbits(128))
        yield Entry(
            sheet_id=number * 2 + 1, translation_key=key, language="es-mx",
            name=f"{name_es} {qualifier} ({number})".replace("  ", " "), slug=f"tramite-{number}",
            summary=f"{name_es} {qualifier}. " + " ".join(rng.sample(SENTENCES, 2)),
            keywords=keywords, body=" ".join(rng.sample(SENTENCES, 6)) + f" {agency.name} {agency.acronym}.",
            agency_id=agency.pk, agency_name=agency.name, popularity=popularity, facets=facets,
        )
        if number % 5 == 0:
            yield Entry(
                sheet_id=number * 2 + 2, translation_key=key, language="en",
                name=f"{name_en} ({number})", slug=f"procedure-{number}",
                summary=f"{name_en}. Bring an official ID and proof of address; apply online or in person.",
                keywords="", body="Pay at the bank or online. The answer arrives within ten working days.",
                agency_id=agency.pk, agency_name=agency.name, popularity=popularity, facets=facets,
            )


def worker(sheets: int, runs: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from ventanilla.search.backends import get_backend
    from ventanilla.search.models import SearchDocument
    from ventanilla.search.services import search

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(46)
    started = time.perf_counter()
    backend = get_backend()
    with transaction.atomic():
        taxonomy = _taxonomy(sheets)
    batch = []
    # As a rebuild (search.services.rebuild_index) writes them.
    with transaction.atomic(), backend.bulk():
        for entry in _entries(sheets, rng, taxonomy):
            batch.append(entry)
            if len(batch) == 5000:
                backend.index(batch)
                batch = []
        if batch:
            backend.index(batch)
    with connection.cursor() as cursor:
        # As bench/run.py: vacuumed and analysed, as autovacuum leaves a table in service, rather
        # than autovacuum working through the fresh rows while searches are timed.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    load_seconds = time.perf_counter() - started
    rows = SearchDocument.objects.count()
    log(f"{connection.vendor}: {rows} index rows in {load_seconds:.0f} s")

    plan = [(query, filters, page, "es-mx") for query, filters, page in QUERIES]
    plan += [(query, filters, page, "en") for query, filters, page in ENGLISH_QUERIES]
    for query, filters, page, language in plan:  # warm caches and connections, not measured
        search(query, language=language, filters=filters, page=page)
    timings, per_query = [], {}
    for run in range(runs):
        query, filters, page, language = plan[run % len(plan)]
        begin = time.perf_counter()
        results = search(query, language=language, filters=filters, page=page)
        elapsed = (time.perf_counter() - begin) * 1000
        timings.append(elapsed)
        per_query.setdefault(f"{language} {query!r} {filters or ''} p{page}", []).append(elapsed)
        if query == "licencias de conducir" and not results.total:
            raise RuntimeError("the benchmark index does not answer a known query")
    quantiles = statistics.quantiles(timings, n=100)
    slowest = sorted(((max(values), name) for name, values in per_query.items()), reverse=True)[:3]
    return {
        "rows": rows,
        "load_seconds": load_seconds,
        "runs": runs,
        "p50": statistics.median(timings),
        "p95": quantiles[94],
        "p99": quantiles[98],
        "max": max(timings),
        "slowest": [f"{name}: {ms:.1f} ms" for ms, name in slowest],
    }


# -------------------------------------------------------------------------------------------------
# The driver
# -------------------------------------------------------------------------------------------------
def run_worker(database_url: str, args) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="ventanilla.settings.bench", DATABASE_URL=database_url,
        PYTHONPATH=str(REPO / "src"), LOG_LEVEL="WARNING",
    )
    completed = subprocess.run(
        [str(PYTHON), __file__, "--worker", "--sheets", str(args.sheets), "--runs", str(args.runs)],
        cwd=REPO, env=env, check=True, capture_output=True, text=True,
    )
    sys.stderr.write(completed.stderr)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def postgres_execute(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheets", type=int, default=100_000, help="synthetic sheets (default 100000)")
    parser.add_argument("--runs", type=int, default=300, help="measured searches per database (default 300)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite,postgresql (default both)")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="an administrative connection, used to create and drop the benchmark database")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"the Markdown file (default {RESULTS})")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 100 <= args.sheets <= 1_000_000 or not 50 <= args.runs <= 100_000:
        parser.error("--sheets must be 100-1,000,000 and --runs 50-100,000")
    if args.worker:
        print(json.dumps(worker(args.sheets, args.runs)))
        return 0

    results, notes = [], []
    for name in args.databases.split(","):
        if name == "sqlite":
            with tempfile.TemporaryDirectory(prefix="ventanilla-search-bench-") as tmp:
                log(f"SQLite: {args.sheets} sheets")
                results.append(("SQLite", run_worker(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args)))
        elif name == "postgresql":
            base = args.postgres_url.rsplit("/", 1)[0]
            try:
                postgres_execute(args.postgres_url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
                postgres_execute(args.postgres_url, f"CREATE DATABASE {BENCH_DATABASE}")
            except Exception as exc:  # no server: skip PostgreSQL and say why
                notes.append(f"PostgreSQL skipped: {type(exc).__name__}: {exc}")
                log(notes[-1])
                continue
            try:
                log(f"PostgreSQL: {args.sheets} sheets")
                results.append(("PostgreSQL", run_worker(f"{base}/{BENCH_DATABASE}", args)))
            finally:
                postgres_execute(args.postgres_url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        else:
            parser.error(f"unknown database {name!r}")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    lines = [
        f"# Catalog search benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Commit {commit.stdout.strip() or '?'}; {os.cpu_count()} CPUs; {args.sheets} synthetic sheets "
        f"(Spanish, plus an English row for every fifth); {args.runs} calls of `search()` per database "
        f"over {len(QUERIES) + len(ENGLISH_QUERIES)} fixed queries (facets, paging, browsing, a "
        f"misspelling), in-process, after one warm-up pass; load average at the end "
        f"{os.getloadavg()[0]:.1f}. Target p95 ≤ {TARGET_P95_MS:.0f} ms.",
        "",
        "| Database | Index rows | Load (s) | p50 (ms) | p95 (ms) | p99 (ms) | Max (ms) | Target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, result in results:
        verdict = "met" if result["p95"] <= TARGET_P95_MS else "missed"
        lines.append(
            f"| {name} | {result['rows']} | {result['load_seconds']:.0f} | {result['p50']:.1f} "
            f"| {result['p95']:.1f} | {result['p99']:.1f} | {result['max']:.1f} | {verdict} |"
        )
    lines.append("")
    for name, result in results:
        lines.append(f"- {name}, slowest queries: " + "; ".join(result["slowest"]))
    lines += [f"- {note}" for note in notes]
    table = "\n".join(lines).rstrip() + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
