#!/usr/bin/env python
"""Benchmark: requests/s and p50/p99 latency of Ventanilla's public pages under granian, with a
large generated catalog, on SQLite and PostgreSQL, against the same server's bare hello view.

    make bench                                   # or: .venv/bin/python bench/run.py [options]
    .venv/bin/python bench/run.py --sheets 5000 --duration 5 --databases sqlite   # a quick look
    .venv/bin/python bench/run.py --keep         # keep the databases and reuse them next time

For each database it prepares a throw-away one (SQLite: a file in a temporary directory, or in
var/bench/ with --keep; PostgreSQL: a database named ventanilla_bench), migrates it, loads the
demo data, adds --sheets generated service sheets (`manage.py generate_catalog`, one in five
also in English) and indexes them for search. Then it starts granian with the bench settings
profile (DEBUG off, persistent connections, the bare /bench/hello view) on a free loopback port
and measures, for a fixed time with a fixed number of connections, with wrk (apt-get install
wrk; a bounded Python load generator in a separate process otherwise):

- /bench/hello, first and last: the same server and middleware, no template, no query. The
  ratios below are to the mean of the two.
- the home page, search results (a few realistic queries, one narrowed by a facet, one in
  English) and service sheets (a sample of the generated ones, both languages), each
  CACHED: the same few URLs over and over, all served from the page cache (catalog/cache.py)
  after a warm-up; and UNCACHED: every request carries a parameter never seen before
  (`_bench=<run>-<n>`, which the views ignore), so it misses the page cache and pays what a real
  miss pays: the cache lookup, the queries, the rendering and storing the page. The uncached
  sheets also rotate through thousands of different sheets, so no row stays hot.

Each measurement is preceded by a short warm-up with the same URLs. After it, a sample of its
URLs is fetched again and the X-Page-Cache header tells whether they were hits or misses (the
"Cache" column), so a "cached" figure that was not served from the cache shows. The server's
CPU time (all granian processes) divided by the requests gives "CPU ms/req": the cost of a page
independent of the load generator, which shares the machine's cores.

Targets (issue 3): cached pages at least 1/2 of hello's rate; uncached sheet and search-results
pages at least 1/12 of it. Everything stays on 127.0.0.1 and every run stops by itself. The
table goes to standard output and to bench/results/latest.md.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GRANIAN = REPO / ".venv" / "bin" / "granian"
RESULTS = REPO / "bench" / "results" / "latest.md"
KEEP_DIR = REPO / "var" / "bench"
BENCH_DATABASE = "ventanilla_bench"
HOST = "127.0.0.1"
HELLO = "/bench/hello"
TARGETS = {"cached": 1 / 2, "uncached": 1 / 12}

# What citizens type; one narrowed by a facet, one in English.
SEARCHES = [
    "/tramites/?q=licencia+de+conducir",
    "/tramites/?q=acta+de+nacimiento",
    "/tramites/?q=permiso+de+construcci%C3%B3n",
    "/tramites/?q=constancia+de+residencia",
    "/tramites/?q=beca+escolar",
    "/tramites/?q=licencia&cost=free",
    "/en/tramites/?q=birth+certificate",
]
HOME = ["/", "/en/"]
# Sheets: this many distinct URLs when cached, and this many when not (a sample of the catalog).
CACHED_SHEETS = 20
UNCACHED_SHEETS = 5000
PAGES = ("home", "search", "sheet")
PAGE_TITLES = {"home": "Home", "search": "Search results", "sheet": "Service sheet"}
# Targets apply to the cached pages and to the uncached search-results and sheet pages.
UNCACHED_TARGET_PAGES = {"search", "sheet"}

# A wrk script: rotate through the paths in $BENCH_PATHS; with $BENCH_UNIQUE=1, give every request
# a parameter it never had before, so it cannot be answered from the page cache.
WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local unique = os.getenv("BENCH_UNIQUE") == "1"
local run = os.getenv("BENCH_RUN")
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
request = function()
  n = n + 1
  local path = paths[(n - 1) % #paths + 1]
  if unique then
    local separator = "?"
    if string.find(path, "?", 1, true) then separator = "&" end
    path = path .. separator .. "_bench=" .. run .. "-" .. tostring(tid) .. "-" .. n
  end
  return wrk.format("GET", path)
end
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# -------------------------------------------------------------------------------------------------
# Databases
# -------------------------------------------------------------------------------------------------
class SQLite:
    name = "SQLite"

    def __init__(self, directory: Path):
        self.path = directory / "bench.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def exists(self) -> bool:
        return self.path.exists()

    def create(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def drop(self) -> None:
        self.create()


class PostgreSQL:
    name = "PostgreSQL"

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        base = admin_url.rsplit("/", 1)[0]
        self.url = f"{base}/{BENCH_DATABASE}"

    def _execute(self, sql: str, params=None):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall() if params else conn.execute(sql)

    def available(self) -> str | None:
        try:
            self._execute("SELECT 1")
        except Exception as exc:  # any connection failure means "skip PostgreSQL", with the reason
            return f"{type(exc).__name__}: {exc}".strip()
        return None

    def exists(self) -> bool:
        return bool(self._execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]))

    def create(self) -> None:
        self.drop()
        self._execute(f"CREATE DATABASE {BENCH_DATABASE}")

    def drop(self) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


# -------------------------------------------------------------------------------------------------
# Preparing the data
# -------------------------------------------------------------------------------------------------
def server_env(database_url: str, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="ventanilla.settings.bench",
        DATABASE_URL=database_url,
        VENTANILLA_VAR_DIR=str(workdir),
        PYTHONPATH=str(REPO / "src"),
        PROMETHEUS_MULTIPROC_DIR=str(workdir / "prometheus"),
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    command = [str(PYTHON), "manage.py", *args]
    return subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, text=True).stdout


def timed(label: str, steps: list[str], function, *args):
    started = time.monotonic()
    result = function(*args)
    steps.append(f"{label} {time.monotonic() - started:.0f} s")
    return result


# Run inside `manage.py shell`: the catalog's size, and a sample of live sheet URLs (both languages).
SAMPLE_SHEETS = """
import json, random
from django.urls import reverse
from django.utils import translation
from ventanilla.catalog.models import ServiceSheet
live = ServiceSheet.objects.filter(live=True)
ids = list(live.values_list("pk", flat=True))
picked = random.Random(2026).sample(ids, min(%d, len(ids)))
urls = []
for slug, language in live.filter(pk__in=picked).values_list("slug", "locale__language_code"):
    with translation.override(language):
        urls.append(reverse("catalog:sheet", kwargs={"slug": slug}))
random.Random(7).shuffle(urls)
counts = {code: live.filter(locale__language_code=code).count() for code in ("es-mx", "en")}
print(json.dumps({"urls": urls, "counts": counts}))
"""


def prepare(database, env: dict[str, str], args, steps: list[str]) -> None:
    timed("migrate", steps, manage, env, "migrate", "--noinput")
    timed("load_demo", steps, manage, env, "load_demo")
    if not args.sheets:
        return
    log(f"{database.name}: generating {args.sheets} sheets and indexing them")
    output = manage(env, "generate_catalog", "--services", str(args.sheets), "--english-every", "5")
    for line in output.splitlines():
        if line.startswith(("Generated", "Indexed in")):
            steps.append(line.rstrip("."))
    # Statistics and a vacuumed table, as a database in service has them: right after a bulk load
    # the planner would guess, and PostgreSQL's autovacuum would set about the 120,000 new rows
    # and their indexes during the measurements (seen: a third more CPU per uncached page).
    timed("VACUUM ANALYZE", steps, manage, env, "shell", "--verbosity", "0", "-c",
          "from django.db import connection; connection.cursor().execute("
          "'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')")


# -------------------------------------------------------------------------------------------------
# The server
# -------------------------------------------------------------------------------------------------
class Server:
    """granian serving the WSGI application, as scripts/serve.sh does, on a free loopback port."""

    def __init__(self, env: dict[str, str], workers: int, workdir: Path):
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        (workdir / "prometheus").mkdir(exist_ok=True)
        self.log_path = workdir / "granian.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(GRANIAN), "--interface", "wsgi", "--host", HOST, "--port", str(self.port),
             "--workers", str(workers), "--blocking-threads", "1", "--workers-kill-timeout", "10", "--no-ws",
             "--log-level", "warning",
             "ventanilla.wsgi:application"],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base_url + HELLO, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"granian did not answer within {timeout:.0f} s; see {self.log_path}")

    def cpu_seconds(self) -> float:
        """User + system CPU time of every process of the server (its process group)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            # After "pid (comm)": state ppid pgrp ... utime (12th) stime (13th).
            if int(fields[2]) == self.process.pid:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status, response.headers.get("X-Page-Cache", "")


def check_urls(base_url: str, paths: list[str]) -> None:
    """Every measured URL must answer 200 (a benchmark of error pages would mean nothing)."""
    for path in paths:
        status, _cache = fetch(base_url + path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")


def cache_check(base_url: str, paths: list[str], unique: bool, samples: int = 10) -> str:
    """What the page cache said for a sample of the scenario's URLs: "hit 100%", "miss 100%"..."""
    said = []
    for number, path in enumerate(paths[:samples] * 2):
        if unique:
            path += ("&" if "?" in path else "?") + f"_bench=check-{time.time_ns()}-{number}"
        status, cache = fetch(base_url + path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        said.append(cache or "none")
    top = max(set(said), key=said.count)
    return f"{top} {100 * said.count(top) / len(said):.0f}%"


# -------------------------------------------------------------------------------------------------
# Load generators
# -------------------------------------------------------------------------------------------------
_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _WRK_UNITS[unit]


def measure_with_wrk(base_url: str, paths: list[str], unique: bool, duration: int, args, run: str) -> dict:
    workdir = Path(args.scratch)
    script = workdir / "rotate.lua"
    script.write_text(WRK_SCRIPT)
    paths_file = workdir / f"paths-{run}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    env = {**os.environ, "BENCH_PATHS": str(paths_file), "BENCH_UNIQUE": "1" if unique else "0",
           "BENCH_RUN": run}
    out = subprocess.run(
        ["wrk", "--latency", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s",
         "--timeout", "10s", "-s", str(script), base_url],
        capture_output=True, text=True, check=True, timeout=duration + 60, env=env,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _wrk_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _wrk_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def python_load(base_url: str, paths: list[str], unique: bool, duration: int, connections: int,
                run: str) -> dict:
    """The fallback generator: `connections` keep-alive clients, each sending GETs for `duration` s."""
    host, port = base_url.removeprefix("http://").split(":", 1)
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.monotonic() + duration

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        number = 0
        while time.monotonic() < deadline:
            path = paths[(number * connections + index) % len(paths)]
            number += 1
            if unique:
                path += ("&" if "?" in path else "?") + f"_bench={run}-{index}-{number}"
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
                continue
            latencies[index].append((time.perf_counter() - started) * 1000)
        conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    samples = sorted(value for per_client in latencies for value in per_client)
    if len(samples) < 2:
        return {"requests": len(samples), "rps": 0.0, "p50": float("nan"), "p99": float("nan"),
                "errors": sum(errors)}
    cuts = statistics.quantiles(samples, n=100)
    return {"requests": len(samples), "rps": len(samples) / elapsed, "p50": cuts[49], "p99": cuts[98],
            "errors": sum(errors)}


def measure_with_python(base_url: str, paths: list[str], unique: bool, duration: int, args, run: str) -> dict:
    # A separate process, so the generator does not share a GIL with this script.
    paths_file = Path(args.scratch) / f"paths-{run}.json"
    paths_file.write_text(json.dumps(paths))
    result = subprocess.run(
        [sys.executable, __file__, "--load-generator", base_url, "--paths-file", str(paths_file),
         "--unique", "1" if unique else "0", "--run", run, "--duration", str(duration),
         "--connections", str(args.connections)],
        capture_output=True, text=True, check=True, timeout=duration + 60,
    )
    return json.loads(result.stdout)


# -------------------------------------------------------------------------------------------------
# The run
# -------------------------------------------------------------------------------------------------
def scenarios(args, sheet_urls: list[str]) -> list[tuple[str, str, list[str]]]:
    """(page, mode, paths) in the order measured, hello first and last."""
    paths = {"home": HOME, "search": SEARCHES}
    result = [("hello", "", [HELLO])]
    for page in args.pages:
        for mode in ("cached", "uncached"):
            if page == "sheet":
                chosen = sheet_urls[:CACHED_SHEETS] if mode == "cached" else sheet_urls[:UNCACHED_SHEETS]
            else:
                chosen = paths[page]
            result.append((page, mode, chosen))
    result.append(("hello", "", [HELLO]))
    return result


def bench_database(database, args, measure) -> tuple[list[dict], list[str]]:
    workdir = Path(tempfile.mkdtemp(prefix="ventanilla-bench-"))
    args.scratch = str(workdir)
    rows, steps = [], []
    reuse = args.keep and database.exists()
    try:
        env = server_env(database.url, workdir)
        if reuse:
            log(f"{database.name}: reusing the kept database (--keep)")
            timed("migrate", steps, manage, env, "migrate", "--noinput")
            steps.append("data kept from an earlier run")
        else:
            log(f"{database.name}: migrate and load_demo")
            database.create()
            prepare(database, env, args, steps)
        output = manage(env, "shell", "--verbosity", "0", "-c", SAMPLE_SHEETS % UNCACHED_SHEETS)
        sample = json.loads(output.strip().splitlines()[-1])
        counts = sample["counts"]
        steps.insert(0, f"{counts['es-mx']:,} live sheets in Spanish, {counts['en']:,} in English")
        server = Server(env, args.workers, workdir)
        try:
            server.wait_ready()
            load = os.getloadavg()
            for number, (page, mode, paths) in enumerate(scenarios(args, sample["urls"])):
                unique = mode == "uncached"
                check_urls(server.base_url, paths[:CACHED_SHEETS])
                label = PAGE_TITLES.get(page, HELLO) + (f", {mode}" if mode else "")
                log(f"{database.name}: {label} ({len(paths)} URL(s)), {args.duration} s")
                run = f"{os.getpid()}x{number}"
                measure(server.base_url, paths, unique, args.warmup, args, run + "w")
                cpu = server.cpu_seconds()
                result = measure(server.base_url, paths, unique, args.duration, args, run)
                cpu = server.cpu_seconds() - cpu
                rows.append({
                    "database": database.name, "page": page, "mode": mode, "urls": len(paths), **result,
                    "cpu_ms": 1000 * cpu / result["requests"] if result["requests"] else float("nan"),
                    "cache": cache_check(server.base_url, paths, unique) if mode else "—",
                })
            load_after = os.getloadavg()
            steps.append(
                f"load average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load)} before the measurements, "
                f"{' '.join(f'{x:.2f}' for x in load_after)} after"
            )
        finally:
            server.stop()
    finally:
        if not args.keep:
            database.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows, steps


def _ratio_cells(row: dict, hello: float) -> tuple[str, str]:
    if row["page"] == "hello":
        return "1.00", ""
    ratio = row["rps"] / hello if hello else float("nan")
    has_target = row["mode"] == "cached" or row["page"] in UNCACHED_TARGET_PAGES
    if not has_target:
        return f"{ratio:.3f}", "—"
    target = TARGETS[row["mode"]]
    wanted = "1/2" if row["mode"] == "cached" else "1/12"
    verdict = "met" if ratio >= target else "**not met**"
    return f"{ratio:.3f}", f"≥ {wanted} ({target:.3f}): {verdict}"


def render(rows: list[dict], notes: list[str], details: dict[str, list[str]], args, generator: str) -> str:
    # BENCH_COMMIT names the commit when the tree measured is an export of it (no .git).
    commit = os.environ.get("BENCH_COMMIT") or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = not os.environ.get("BENCH_COMMIT") and subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"# Ventanilla benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Commit {commit or '?'}{' (with uncommitted changes in the tree)' if dirty else ''}; "
        f"{os.cpu_count()} CPUs; granian WSGI, {args.workers} workers (1 blocking thread each), settings "
        f"`ventanilla.settings.bench` (DEBUG off, local-memory cache per worker); load generator: "
        f"{generator}, {args.connections} connections, {args.warmup} s warm-up then {args.duration} s"
        " per row, loopback. Server and load generator share the machine's cores.",
        "",
        "Ratio: requests/s divided by the mean of the two hello rows of the same database and run. "
        "Cached: the same few URLs, answered from the page cache. Uncached: each request has a parameter "
        "never seen before, so it misses the page cache and pays the lookup, the queries, the rendering "
        "and storing the page. Cache: what X-Page-Cache said for a sample of the row's URLs afterwards. "
        "CPU ms/req: CPU time of the server's processes per request.",
        "",
        "| Database | Page | Mode | URLs | Requests/s | p50 (ms) | p99 (ms) | Ratio to hello | Target "
        "| CPU ms/req | Cache | Requests | Errors |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: |",
    ]
    for database in dict.fromkeys(row["database"] for row in rows):
        mine = [row for row in rows if row["database"] == database]
        hellos = [row["rps"] for row in mine if row["page"] == "hello"]
        hello = statistics.mean(hellos) if hellos else 0.0
        for row in mine:
            ratio, target = _ratio_cells(row, hello)
            page = f"`{HELLO}`" if row["page"] == "hello" else PAGE_TITLES[row["page"]]
            lines.append(
                f"| {database} | {page} | {row['mode'] or '—'} | {row['urls']} | {row['rps']:.0f} "
                f"| {row['p50']:.1f} | {row['p99']:.1f} | {ratio} | {target} | {row['cpu_ms']:.2f} "
                f"| {row['cache']} | {row['requests']} | {row['errors']} |"
            )
    lines += ["", "Search URLs: " + ", ".join(f"`{path}`" for path in SEARCHES) + ".", ""]
    for database, steps in details.items():
        lines.append(f"- {database}: " + "; ".join(steps) + ".")
    lines += [f"- {note}" for note in notes]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheets", type=int, default=100_000,
                        help="generated sheets in Spanish, a fifth also in English (default 100000)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per row (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds before each row (default 2)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes (default 2)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite,postgresql (default both)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"of {','.join(PAGES)} (default all)")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="an administrative connection, used to create and drop the ventanilla_bench database")
    parser.add_argument("--keep", action="store_true",
                        help="keep the databases (SQLite in var/bench/) and reuse them when they exist")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the table goes")
    parser.add_argument("--python-generator", action="store_true", help="the Python generator even with wrk")
    parser.add_argument("--load-generator", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--paths-file", help=argparse.SUPPRESS)
    parser.add_argument("--unique", default="0", help=argparse.SUPPRESS)
    parser.add_argument("--run", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 120 or not 1 <= args.connections <= 256 or not 0 <= args.warmup <= 60:
        parser.error("--duration must be 1-120 s, --warmup 0-60 s and --connections 1-256")
    if args.sheets < 0:
        parser.error("--sheets must be 0 or more")
    args.pages = [page for page in args.pages.split(",") if page]
    if unknown := set(args.pages) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")

    if args.load_generator:
        paths = json.loads(Path(args.paths_file).read_text())
        print(json.dumps(python_load(args.load_generator, paths, args.unique == "1", args.duration,
                                     args.connections, args.run)))
        return 0

    generator = "wrk" if shutil.which("wrk") and not args.python_generator else "python"
    measure = measure_with_wrk if generator == "wrk" else measure_with_python
    databases, notes = [], []
    for name in args.databases.split(","):
        if name == "sqlite":
            databases.append(SQLite)
        elif name == "postgresql":
            postgresql = PostgreSQL(args.postgres_url)
            reason = postgresql.available()
            if reason:
                notes.append(f"PostgreSQL skipped: {reason}")
                log(notes[-1])
            else:
                databases.append(postgresql)
        else:
            parser.error(f"unknown database {name!r}")

    rows, details = [], {}
    for database in databases:
        if database is SQLite:
            if args.keep:
                KEEP_DIR.mkdir(parents=True, exist_ok=True)
                found, steps = bench_database(SQLite(KEEP_DIR), args, measure)
            else:
                with tempfile.TemporaryDirectory(prefix="ventanilla-bench-sqlite-") as tmp:
                    found, steps = bench_database(SQLite(Path(tmp)), args, measure)
            details["SQLite"] = steps
        else:
            found, steps = bench_database(database, args, measure)
            details[database.name] = steps
        rows += found

    table = render(rows, notes, details, args, generator)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table)
    print(table)
    log(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
