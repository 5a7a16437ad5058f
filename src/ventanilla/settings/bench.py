"""Benchmark profile (`make bench`, bench/run.py): production-like, served over plain HTTP on loopback.

Debug off, persistent connections and cached templates as in production, plus the bare
/bench/hello view that the benchmark compares the real pages with. Never deploy this profile.
"""

from .base import *  # noqa: F403
from .base import DATABASES
from .env import env_int, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "bench-only-insecure-key-the-server-listens-on-loopback-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
VENTANILLA_BENCH = True
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING["root"]["level"] = LOG_LEVEL  # noqa: F405
