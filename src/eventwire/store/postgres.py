"""PostgreSQL store for multi-user deployments: the same tables and queries as the DuckDB store (psycopg 3)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from eventwire.store.base import BaseStore, StoreError

if TYPE_CHECKING:  # pragma: no cover
    import psycopg


def _pg_sql(sql: str) -> str:
    """DuckDB-style SQL (``?`` parameters) in psycopg's form (``%s``); the SQL holds no literal ``?``."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresConnection:
    """The store's :class:`~eventwire.store.connection.Connection` over a psycopg connection."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, params: list[Any] | None = None, /) -> psycopg.Cursor[Any]:
        """Run one statement and return its cursor."""
        cur = self.conn.cursor()
        cur.execute(_pg_sql(sql), params or None)
        return cur

    def executemany(self, sql: str, rows: list[list[Any]]) -> None:
        """Run one statement for many parameter rows."""
        with self.conn.cursor() as cur:
            cur.executemany(_pg_sql(sql), rows)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


class PostgresStore(BaseStore):
    """A PostgreSQL database holding the tables of DESIGN.md."""

    con: PostgresConnection

    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg
        from psycopg.types.json import set_json_loads

        # Show the URL without its password in messages.
        self.path = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect ({str(exc).strip().splitlines()[0]})") from None
        # Records are stored as JSON text and parsed by the caller, as with DuckDB.
        set_json_loads(lambda data: data.decode() if isinstance(data, bytes) else data, conn)
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
        self.con = PostgresConnection(conn)
        if not read_only:
            self._migrate()

    def _ddl(self, sql: str) -> str:
        """DuckDB's DOUBLE is PostgreSQL's DOUBLE PRECISION; every other column type is spelled alike."""
        return re.sub(r"\bDOUBLE\b", "DOUBLE PRECISION", sql)

    def _append(self, table: str, items: list[dict[str, Any]]) -> None:
        """Append rows with one multi-row statement per table."""
        columns = list(items[0])
        marks = ", ".join("?" for _ in columns)
        self.con.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608 - fixed names
            [[row[c] for c in columns] for row in items],
        )
