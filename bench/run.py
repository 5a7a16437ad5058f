#!/usr/bin/env python
"""Benchmark: requests/s and p50/p99 latency of Ventanilla under granian, on SQLite and PostgreSQL.

    make bench                       # or: .venv/bin/python bench/run.py [options]
    .venv/bin/python bench/run.py --duration 5 --databases sqlite

For each database it prepares a throw-away one (SQLite: a file in a temporary directory;
PostgreSQL: a database named ventanilla_bench, dropped afterwards), migrates it, loads the demo
data, starts granian with the bench settings profile (DEBUG off, persistent connections, the bare
/bench/hello view) on a free loopback port, and measures each URL for a fixed time with a fixed
number of connections: with wrk when it is installed (apt-get install wrk), otherwise with a
bounded Python load generator in a separate process. /bench/hello is the baseline: the same
server and middleware, no template and no query.

Everything stays on 127.0.0.1 and every run stops by itself. The table goes to standard output
and to bench/results/latest.md.
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
URLS = ["/bench/hello", "/", "/en/"]
BENCH_DATABASE = "ventanilla_bench"
HOST = "127.0.0.1"


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

    def __init__(self, workdir: Path):
        self.url = f"sqlite:///{workdir / 'bench.sqlite3'}"

    def create(self) -> None:
        """The file is created by migrate."""

    def drop(self) -> None:
        """The file goes with the temporary directory."""


class PostgreSQL:
    name = "PostgreSQL"

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        base = admin_url.rsplit("/", 1)[0]
        self.url = f"{base}/{BENCH_DATABASE}"

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    def available(self) -> str | None:
        try:
            self._execute("SELECT 1")
        except Exception as exc:  # any connection failure means "skip PostgreSQL", with the reason
            return f"{type(exc).__name__}: {exc}".strip()
        return None

    def create(self) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        self._execute(f"CREATE DATABASE {BENCH_DATABASE}")

    def drop(self) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


# -------------------------------------------------------------------------------------------------
# The server
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


def manage(env: dict[str, str], *args: str) -> None:
    command = [str(PYTHON), "manage.py", *args]
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


class Server:
    """granian serving the WSGI application, as scripts/serve.sh does, on a free loopback port."""

    def __init__(self, env: dict[str, str], workers: int, workdir: Path):
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        (workdir / "prometheus").mkdir(exist_ok=True)
        self.log = (workdir / "granian.log").open("w")
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
                raise RuntimeError(f"granian exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.base_url + "/bench/hello", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"granian did not answer within {timeout:.0f} s; see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def check_urls(base_url: str, paths: list[str]) -> None:
    """Every measured URL must answer 200 (a benchmark of error pages would mean nothing); warms up too."""
    for path in paths:
        for _ in range(5):
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                if response.status != 200:
                    raise RuntimeError(f"{path} answered {response.status}")
                response.read()


# -------------------------------------------------------------------------------------------------
# Load generators
# -------------------------------------------------------------------------------------------------
_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _wrk_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _WRK_UNITS[unit]


def measure_with_wrk(url: str, duration: int, connections: int, threads: int) -> dict:
    out = subprocess.run(
        ["wrk", "--latency", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", url],
        capture_output=True, text=True, check=True, timeout=duration + 60,
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


def python_load(url: str, duration: int, connections: int) -> dict:
    """The fallback generator: `connections` keep-alive clients, each sending GETs for `duration` s."""
    host, port_path = url.removeprefix("http://").split(":", 1)
    port, path = port_path.split("/", 1)
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.monotonic() + duration

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", "/" + path)
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


def measure_with_python(url: str, duration: int, connections: int) -> dict:
    # A separate process, so the generator does not share a GIL with this script.
    result = subprocess.run(
        [sys.executable, __file__, "--load-generator", url, "--duration", str(duration),
         "--connections", str(connections)],
        capture_output=True, text=True, check=True, timeout=duration + 60,
    )
    return json.loads(result.stdout)


# -------------------------------------------------------------------------------------------------
# The run
# -------------------------------------------------------------------------------------------------
def bench_database(database, args, generator: str) -> list[dict]:
    workdir = Path(tempfile.mkdtemp(prefix="ventanilla-bench-"))
    rows = []
    try:
        database.create()
        env = server_env(database.url, workdir)
        log(f"{database.name}: migrate and load_demo")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        server = Server(env, args.workers, workdir)
        try:
            server.wait_ready()
            check_urls(server.base_url, args.urls)
            for path in args.urls:
                url = server.base_url + path
                log(f"{database.name}: {path}, {args.duration} s, {args.connections} connections")
                if generator == "wrk":
                    result = measure_with_wrk(url, args.duration, args.connections, args.threads)
                else:
                    result = measure_with_python(url, args.duration, args.connections)
                rows.append({"database": database.name, "url": path, **result})
        finally:
            server.stop()
    finally:
        database.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def render(rows: list[dict], notes: list[str], args, generator: str) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    lines = [
        f"# Ventanilla benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Commit {commit.stdout.strip() or '?'}; {os.cpu_count()} CPUs; granian WSGI, {args.workers} workers "
        f"(1 blocking thread each), settings `ventanilla.settings.bench` (DEBUG off); load generator: "
        f"{generator}, {args.connections} connections, {args.duration} s per URL, loopback. "
        "Server and load generator share the machine.",
        "",
        "| Database | URL | Requests/s | p50 (ms) | p99 (ms) | Requests | Errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['database']} | `{row['url']}` | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
            f"| {row['requests']} | {row['errors']} |"
        )
    lines += [""] + [f"- {note}" for note in notes]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes (default 2)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite,postgresql (default both)")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="an administrative connection, used to create and drop the ventanilla_bench database")
    parser.add_argument("--urls", nargs="+", default=URLS, help=f"paths (default {' '.join(URLS)})")
    parser.add_argument("--python-generator", action="store_true", help="the Python generator even with wrk")
    parser.add_argument("--load-generator", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 120 or not 1 <= args.connections <= 256:
        parser.error("--duration must be 1-120 s and --connections 1-256")

    if args.load_generator:
        print(json.dumps(python_load(args.load_generator, args.duration, args.connections)))
        return 0

    generator = "wrk" if shutil.which("wrk") and not args.python_generator else "python"
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

    rows = []
    for database in databases:
        if database is SQLite:
            with tempfile.TemporaryDirectory(prefix="ventanilla-bench-sqlite-") as tmp:
                rows += bench_database(SQLite(Path(tmp)), args, generator)
        else:
            rows += bench_database(database, args, generator)

    table = render(rows, notes, args, generator)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)
    print(table)
    log(f"written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
