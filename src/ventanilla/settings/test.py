"""Test profile: trades security for speed where it does not change behaviour."""

import jinja2

from .base import *  # noqa: F403
from .base import TEMPLATES
from .env import env_str

SECRET_KEY = "test-only-key"
DEBUG = False
# MD5 hashes in a fraction of the time of the production hasher; test passwords are not secrets.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run inline so a test sees their effects without a worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Static files are served from the app folders without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Web processes hand their view counters over on a timer (catalog.popularity); off in tests, so
# no test's query count depends on when an earlier test counted a view. Tests that need it set it.
VIEW_COUNTS_HANDOFF_SECONDS = None
VIEW_COUNTS_HANDOFF_VIEWS = None
# The tests exercise the templates' strict mode: an undefined variable is an error, not "".
# (The class itself: Django's Jinja2 backend passes options to jinja2.Environment unchanged.)
TEMPLATES[0]["OPTIONS"]["undefined"] = jinja2.StrictUndefined
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING["root"]["level"] = LOG_LEVEL  # noqa: F405 (base applied its own default already)
