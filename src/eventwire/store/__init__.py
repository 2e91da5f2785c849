"""The store: analysed records in tables (DuckDB by default, PostgreSQL for multi-user deployments).

Modules, each importing only those before it: ``connection`` (the connection interface) -> ``queries`` (the event
filter and the one query builder) -> ``rows`` (records as rows, derived from ``eventwire.analysis``) and
``migrations`` (the versioned schema) -> ``base`` (the interface every backend shares) -> ``duckdb``, ``postgres``.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.store.base import BaseStore, QueryMixin, StoreError
from eventwire.store.duckdb import ReadView, Store
from eventwire.store.migrations import MIGRATIONS, SCHEMA_VERSION
from eventwire.store.postgres import PostgresStore
from eventwire.store.queries import SORT_KEYS, EventFilter


def is_url(db: str | Path) -> bool:
    """True for a PostgreSQL URL rather than a DuckDB file."""
    return str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path, read_only: bool = False) -> BaseStore:
    """A store for a DuckDB file path, or for a ``postgresql://`` URL (PostgreSQL, psycopg 3)."""
    if is_url(db):
        return PostgresStore(str(db), read_only=read_only)
    return Store(db, read_only=read_only)


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SORT_KEYS",
    "BaseStore",
    "EventFilter",
    "PostgresStore",
    "QueryMixin",
    "ReadView",
    "Store",
    "StoreError",
    "is_url",
    "open_store",
]
