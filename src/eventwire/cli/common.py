"""What every command shares: the console on standard error, the one error helper, the database check, options."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from eventwire.ingest import InputError, parse_date

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

# Messages, progress and errors go to standard error; standard output carries only what a command prints.
err = Console(stderr=True, highlight=False)

DB_HELP = "DuckDB file (created if missing) or a postgresql://user:password@host/dbname URL."
DEFAULT_DB = "eventwire.duckdb"


def error(message: str) -> None:
    """Print a one-line error."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the exit to raise."""
    error(message)
    return typer.Exit(code)


def require_database(db: str) -> None:
    """Exit with a clear error when ``db`` names a DuckDB file that does not exist (a command would only read it)."""
    from eventwire.store import is_url

    if not is_url(db) and not Path(db).exists():
        raise fail(f"{db}: no such database; create it with `eventwire ingest PATH --db {db}`")


def date_option(value: str | None, name: str) -> date | None:
    """A date option (YYYY-MM-DD), or exit 2 with a clear error."""
    try:
        return parse_date(value, name)
    except InputError as exc:
        raise fail(str(exc), 2) from None


def load_pipeline() -> Pipeline:
    """The process's shared analysis pipeline, with a status line while it loads and a clear error without a model."""
    from eventwire.nlp import ModelNotFound
    from eventwire.pipeline import shared_pipeline

    try:
        with err.status("loading language model and knowledge…"):
            return shared_pipeline()
    except ModelNotFound as exc:
        raise fail(str(exc)) from None


def table_console() -> Console:
    """A console for tables: the terminal's width, or a wide page when output is piped to a file."""
    return Console() if sys.stdout.isatty() else Console(width=200)


class Echo:
    """Standard output as a text stream through ``typer.echo``, as the commands have always printed."""

    def write(self, text: str) -> int:
        """Print ``text`` as it is (no newline added)."""
        typer.echo(text, nl=False)
        return len(text)
