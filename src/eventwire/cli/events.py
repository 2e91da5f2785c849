"""``eventwire events``: list stored events, filtered as the HTTP API filters them."""

from __future__ import annotations

import io
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire import formats
from eventwire.cli.common import DB_HELP, DEFAULT_DB, date_option, fail, require_database, table_console
from eventwire.filters import FILTER_HELP, event_filter

# The choices are the registry's formats, known at run time; type checkers see a plain StrEnum.
if TYPE_CHECKING:
    ListFormat = StrEnum
else:
    # The terminal table, then the registry's formats that write event rows.
    ListFormat = formats.choices("ListFormat", ["table", *formats.offered("events")], "Output formats of ``events``.")

DEFAULT_FORMAT = ListFormat("table")


def events(
    db: Annotated[str, typer.Option(help=DB_HELP)] = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help=FILTER_HELP["type"])] = None,
    actor: Annotated[str | None, typer.Option(help=FILTER_HELP["actor"])] = None,
    country: Annotated[str | None, typer.Option(help=FILTER_HELP["country"])] = None,
    actor_country: Annotated[str | None, typer.Option(help=FILTER_HELP["actor_country"])] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, csv or json.")] = DEFAULT_FORMAT,
) -> None:
    """List stored events, newest first."""
    # The store (and DuckDB) is imported by the commands that use it, not by every command.
    from eventwire.store import StoreError, open_store

    require_database(db)
    flt = event_filter(
        type=type_,
        actor=actor,
        country=country,
        actor_country=actor_country,
        since=date_option(since, "--since"),
        until=date_option(until, "--until"),
    )
    flt.limit = limit
    try:
        with open_store(db, read_only=True) as store:
            rows = store.events(flt)
    except StoreError as exc:
        raise fail(str(exc)) from None
    if fmt.value == "table":
        from eventwire.cli.summary import events_table

        table_console().print(events_table(rows))
        return
    buf = io.StringIO()
    formats.FORMATS[fmt.value].write(formats.Source.of_rows(rows), buf)
    typer.echo(buf.getvalue(), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``events`` to the ``eventwire`` command."""
    app.command("events")(events)
