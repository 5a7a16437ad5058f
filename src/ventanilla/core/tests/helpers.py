"""Running Django in a child process, for settings that are fixed once a process has started
(another settings profile, a database that is down, Redis instead of the local cache)."""

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]
# Variables that choose a database, cache or profile: a child gets only those its test sets.
_CHOOSERS = {
    "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "LOG_FORMAT",
}


def child_env(settings: str, env: dict[str, str] | None = None) -> dict[str, str]:
    result = {key: value for key, value in os.environ.items() if key not in _CHOOSERS}
    result.update(env or {})
    result["DJANGO_SETTINGS_MODULE"] = settings
    result["PYTHONPATH"] = str(REPO_ROOT / "src")
    return result


def run_django(code: str, *, settings: str, env: dict[str, str] | None = None) -> tuple[dict, str]:
    """Run `code` after django.setup() under `settings`; it prints one JSON object last.

    Returns that object and the child's standard error (where its logs go).
    """
    result = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + textwrap.dedent(code)],
        cwd=REPO_ROOT,
        env=child_env(settings, env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"child process failed:\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def closed_port() -> int:
    """A loopback TCP port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """What the production profile requires, with a fresh random key and a throw-away var dir."""
    return {
        "SECRET_KEY": os.urandom(48).hex(),
        "ALLOWED_HOSTS": "ventanilla.example,testserver",
        "VENTANILLA_VAR_DIR": str(tmp_path),
        **extra,
    }
