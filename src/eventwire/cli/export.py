"""``eventwire export``: every stored event in one of the registry's export formats."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire import formats
from eventwire.cli.common import DEFAULT_DB, err, fail, require_database

# The choices are the registry's formats, known at run time; type checkers see a plain StrEnum.
if TYPE_CHECKING:
    from eventwire.store import BaseStore

    ExportFormat = StrEnum
else:
    ExportFormat = formats.choices("ExportFormat", formats.offered("export"), "Formats of ``eventwire export``.")

DEFAULT_FORMAT = ExportFormat("csv")


def write_export(store: BaseStore, fmt: str, output: Path | None) -> int:
    """Write every stored event in ``fmt`` to ``output`` (standard output when None); returns how many."""
    from eventwire.store import EventFilter

    writer = formats.FORMATS[fmt]
    source = formats.Source.of_store(store, EventFilter())
    if writer.binary:
        if output is None:
            raise ValueError(f"{fmt} needs --output PATH")
        return writer.write(source, output)
    if output is None:
        return writer.write(source, sys.stdout)
    with output.open("w", encoding="utf-8", newline="") as fh:
        return writer.write(source, fh)


def export(
    db: Annotated[
        str, typer.Option(help="DuckDB file written by `eventwire ingest` or a postgresql://... URL.")
    ] = DEFAULT_DB,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="csv, parquet, geojson, acled (ACLED columns, CSV) or plover (JSON lines)."
        ),
    ] = DEFAULT_FORMAT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; standard output when omitted (not parquet).")
    ] = None,
) -> None:
    """Export every stored event."""
    # The store (and DuckDB) is imported by the commands that use it, not by every command.
    import duckdb

    from eventwire.store import StoreError, open_store

    require_database(db)
    if formats.FORMATS[fmt.value].binary and output is None:
        raise fail(f"{fmt.value} is binary: give a file with --output PATH", 2)
    try:
        with open_store(db, read_only=True) as store:
            n = write_export(store, fmt.value, output)
    except BrokenPipeError:
        # A reader such as `head` closed the pipe: stop quietly, as other command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream until exit
        raise typer.Exit(0) from None
    except (StoreError, duckdb.Error) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    err.print(f"exported {n} events as {fmt.value}" + (f" to {output}" if output else ""))


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``eventwire`` command."""
    app.command("export")(export)
