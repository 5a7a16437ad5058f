"""The search backend for the database in use (see base.SearchBackend)."""

from django.db import connection

from .base import SearchBackend


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"No catalog search backend for the {connection.vendor} database.")
