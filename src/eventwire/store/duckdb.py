"""The DuckDB store: records in an embedded file, one transaction per batch, idempotent by article id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from eventwire.store.base import BaseStore, QueryMixin, StoreError
from eventwire.store.connection import scalar
from eventwire.store.queries import EventFilter


class ReadView(QueryMixin):
    """The read queries over one DuckDB cursor: several threads read side by side, each through its own view."""

    con: duckdb.DuckDBPyConnection

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path


class Store(BaseStore):
    """A DuckDB file holding the tables of DESIGN.md."""

    con: duckdb.DuckDBPyConnection
    # DuckDB lets cursors of one connection read in parallel threads while another writes (MVCC).
    concurrent_reads = True

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open database ({str(exc).splitlines()[0]})") from None
        if not read_only:
            self._migrate()

    def reader(self) -> ReadView:
        """A view for one thread's reads, on a cursor of its own."""
        return ReadView(self.con.cursor(), self.path)

    def write_parquet(self, path: str | Path, flt: EventFilter) -> int:
        """Write the matching events to a Parquet file with DuckDB's own writer (streams; no rows in Python)."""
        sql, params = self.export_sql(flt)
        self.con.sql(sql, params=params).write_parquet(str(path))
        return int(scalar(self.con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)])))

    def _append(self, table: str, items: list[dict[str, Any]]) -> None:
        """Append rows to a table through an Arrow table (one statement, columns named)."""
        import pyarrow as pa  # type: ignore[import-untyped]

        columns = list(items[0])
        arrow = pa.table({c: [row[c] for row in items] for c in columns})
        name = f"_rows_{table}"
        self.con.register(name, arrow)
        try:
            cols = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")  # noqa: S608 - fixed names
        finally:
            self.con.unregister(name)
