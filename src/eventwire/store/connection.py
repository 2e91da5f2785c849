"""The part of a database connection the store uses: DuckDB's connection has it, and so does the PostgreSQL adapter.

Statements are written in DuckDB's dialect with ``?`` parameters; a backend that speaks another translates them.
"""

from __future__ import annotations

from typing import Any, Protocol


class Cursor(Protocol):
    """The rows of one statement."""

    @property
    def description(self) -> Any:
        """One tuple per column, its name first."""

    def fetchone(self) -> tuple[Any, ...] | None:
        """The next row, or None."""

    def fetchall(self) -> list[tuple[Any, ...]]:
        """Every remaining row."""

    def fetchmany(self, size: int, /) -> list[tuple[Any, ...]]:
        """Up to ``size`` more rows."""


class Connection(Protocol):
    """Runs statements."""

    def execute(self, sql: str, params: list[Any] | None = None, /) -> Cursor:
        """Run one statement with its parameters; return its cursor."""

    def close(self) -> None:
        """Close the connection."""


def scalar(cur: Cursor) -> Any:
    """The first value of a statement that always returns one row (``SELECT count(*) ...``)."""
    row = cur.fetchone()
    assert row is not None, "the statement returned no row"
    return row[0]


def fetch_dicts(cur: Cursor) -> list[dict[str, Any]]:
    """A cursor's rows as dicts keyed by column name."""
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
