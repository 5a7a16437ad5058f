"""The search backend for the database in use (see base.SearchBackend)."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .base import SearchBackend


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend()
    # Ventanilla supports SQLite (embedded) and PostgreSQL (production); any other database is a
    # deployment error, reported as such rather than as a missing feature.
    raise ImproperlyConfigured(
        f"The catalog search supports SQLite and PostgreSQL, not {connection.vendor}: set DATABASE_URL."
    )
