"""The ``eventwire`` command line: extract, ingest, events."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire.article import Article
from eventwire.ingest import InputError, expand, iter_items, parse_date, read_stdin

# One BLAS thread per process: the small spaCy models multiply small matrices, where OpenBLAS's threads
# cost more than they give (about 11% slower here), and worker processes would oversubscribe the cores.
# This module does not import numpy, so this comes first; a value already in the environment wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

app = typer.Typer(
    help="eventwire: news articles into structured, evidence-linked event records (offline).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


def _add_eval() -> None:
    """Mount ``eventwire eval``."""
    from eventwire.evaluate.cli import eval_app

    app.add_typer(eval_app, name="eval")


def _add_web() -> None:
    """Mount ``serve`` and ``export``."""
    from eventwire import api, export

    api.register(app)
    export.register(app)


_add_eval()
_add_web()


DB_HELP = "DuckDB file (created if missing) or a postgresql://user:password@host/dbname URL."


class ExtractFormat(StrEnum):
    """Output formats of ``extract``."""

    json = "json"
    jsonl = "jsonl"
    table = "table"


class ListFormat(StrEnum):
    """Output formats of ``events``."""

    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the exit to raise."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def _published(value: str | None) -> date | None:
    """The --published option as a date."""
    try:
        return parse_date(value, "--published")
    except InputError as exc:
        raise _fail(str(exc), 2) from None


def _pipeline():
    """Load the analysis pipeline, turning a missing model into a clear error."""
    from eventwire.nlp import ModelNotFound
    from eventwire.pipeline import Pipeline

    try:
        with err.status("loading language model and knowledge…"):
            return Pipeline()
    except ModelNotFound as exc:
        raise _fail(str(exc)) from None


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A .txt, .html or .jsonl file, or - for standard input.")],
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option("--format", "-f", help="json (one record), jsonl (one record per line) or table (summary)."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD, the anchor for relative times, if the input has none."),
    ] = None,
) -> None:
    """Analyse articles and print their records."""
    anchor = _published(published)
    if path == "-":
        items = list(read_stdin(sys.stdin.buffer.read(), anchor))
    else:
        p = Path(path)
        if not p.exists():
            raise _fail(f"{path}: no such file or directory")
        if p.is_dir():
            raise _fail(f"{path}: is a directory; use `eventwire ingest` for directories")
        items = list(iter_items([p], anchor))
    good = [i for i in items if i.article is not None]
    bad = [i for i in items if i.error is not None]
    for item in bad:
        err.print(f"[bold red]error:[/] {item.error}", soft_wrap=True)
    if not good:
        raise typer.Exit(1)
    fmt = fmt or (ExtractFormat.jsonl if len(items) > 1 else ExtractFormat.json)
    pipeline = _pipeline()
    records = pipeline.pipe([i.article for i in good])
    if fmt is ExtractFormat.json:
        recs = [r.to_dict() for r in records]
        typer.echo(json.dumps(recs[0] if len(recs) == 1 else recs, ensure_ascii=False, indent=1))
    elif fmt is ExtractFormat.jsonl:
        for r in records:
            typer.echo(r.to_json())
    else:
        from eventwire.summary import print_summary

        out = _table_console()
        for r in records:
            print_summary(r.to_dict(), out)
    if bad:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, directories (.txt, .html, .jsonl) to analyse and store.")],
    db: Annotated[str, typer.Option(help=DB_HELP)] = "eventwire.duckdb",
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that have none.")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles parsed per batch and written per transaction.")] = 32,
    workers: Annotated[int, typer.Option(help="Local worker processes (each loads the model once).")] = 1,
    dask: Annotated[
        str | None,
        typer.Option(help="Run on Dask: 'local' (a local cluster of --workers processes) or tcp://scheduler:8786."),
    ] = None,
    parquet: Annotated[
        Path | None, typer.Option(help="With --dask: directory for the Parquet partitions (default DB.parts/).")
    ] = None,
) -> None:
    """Analyse articles into a DuckDB store; already stored articles are skipped, bad items reported and skipped."""
    from eventwire.scale import dask_analyse, read_partitions, store_in_batches
    from eventwire.store import StoreError, is_url, open_store

    anchor = _published(published)
    if workers < 1 or batch_size < 1:
        raise _fail("--workers and --batch-size must be at least 1", 2)
    files = list(expand(paths))
    try:
        store = open_store(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    stats = {"stored": 0, "already stored": 0, "skipped (bad input)": 0, "failed to store": 0}
    with store, _progress() as progress:
        task = progress.add_task("ingest", total=None)

        def fresh_articles() -> Iterator[Article]:
            # Streamed, so memory stays bounded however many articles the input holds.
            for item in iter_items(files, anchor):
                if item.error is not None:
                    stats["skipped (bad input)"] += 1
                    progress.console.print(f"[yellow]skipped:[/] {item.error}", soft_wrap=True)
                elif store.has_article(item.article.id):
                    stats["already stored"] += 1
                else:
                    yield item.article

        def done(record: dict, stored: bool) -> None:
            stats["stored" if stored else "already stored"] += 1
            if not dask:
                progress.advance(task)

        def failed(record: dict, exc: Exception) -> None:
            stats["failed to store"] += 1
            where = record["article"].get("ref") or record["article"]["id"][:20]
            progress.console.print(f"[red]not stored:[/] {where}: {exc}", soft_wrap=True)

        if dask:
            fresh = list(fresh_articles())
            progress.update(task, total=len(fresh))
            out = parquet or Path("eventwire.parts" if is_url(db) else db + ".parts")
            parts = dask_analyse(
                fresh, out, scheduler=dask, workers=workers, progress=lambda n: progress.advance(task, n)
            )
            records = read_partitions(parts)
        else:
            pipeline = _pipeline()
            records = (r.to_dict() for r in pipeline.pipe(fresh_articles(), batch_size=batch_size, n_process=workers))
        store_in_batches(store, records, batch_size=batch_size, on_done=done, on_error=failed)
        totals = store.counts()
    summary = ", ".join(f"{v} {k}" for k, v in stats.items() if v or k == "stored")
    err.print(f"{summary}. {store.path} now holds {totals['articles']} articles, {totals['events']} events.")
    if (
        stats["stored"] == 0
        and stats["already stored"] == 0
        and (stats["skipped (bad input)"] or stats["failed to store"])
    ):
        raise typer.Exit(1)


@app.command()
def load(
    parquet: Annotated[Path, typer.Argument(help="Directory of Parquet partitions written by `ingest --dask`.")],
    db: Annotated[str, typer.Option(help=DB_HELP)] = "eventwire.duckdb",
) -> None:
    """Load records from Parquet partitions into the store (idempotent)."""
    from eventwire.scale import read_partitions, store_in_batches
    from eventwire.store import StoreError, open_store

    parts = sorted(parquet.glob("*.parquet")) if parquet.is_dir() else [parquet]
    if not parts or not parts[0].exists():
        raise _fail(f"{parquet}: no Parquet partitions found")
    stats = {"stored": 0, "already stored": 0}
    try:
        with open_store(db) as store:
            store_in_batches(
                store,
                read_partitions(parts),
                on_done=lambda r, s: stats.__setitem__(
                    "stored" if s else "already stored", stats["stored" if s else "already stored"] + 1
                ),
            )
    except StoreError as exc:
        raise _fail(str(exc)) from None
    err.print(f"{stats['stored']} stored, {stats['already stored']} already stored from {len(parts)} partitions.")


def _progress():
    """A progress bar on standard error."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        console=err,
    )


@app.command()
def events(
    db: Annotated[str, typer.Option(help=DB_HELP)] = "eventwire.duckdb",
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (ASSAULT) or ACLED event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (substring) or PLOVER sector code.")] = None,
    country: Annotated[str | None, typer.Option(help="Country of the place or an actor: code or name.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, csv or json.")] = ListFormat.table,
) -> None:
    """List stored events, newest first."""
    from eventwire.store import EventFilter, StoreError, is_url, open_store

    if not is_url(db) and not Path(db).exists():
        raise _fail(f"{db}: no such database; create it with `eventwire ingest PATH --db {db}`")
    flt = EventFilter(
        type=type_,
        actor=actor,
        country=country,
        since=_date_opt(since, "--since"),
        until=_date_opt(until, "--until"),
        limit=limit,
    )
    try:
        with open_store(db, read_only=True) as store:
            rows = store.events(flt)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if fmt is ListFormat.json:
        typer.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=1))
    elif fmt is ListFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
        typer.echo(buf.getvalue(), nl=False)
    else:
        from eventwire.summary import events_table

        _table_console().print(events_table(rows))


def _table_console() -> Console:
    """A console for tables: the terminal's width, or a wide page when output is piped to a file."""
    return Console() if sys.stdout.isatty() else Console(width=200)


def _date_opt(value: str | None, name: str) -> date | None:
    """A date option, or a clear error."""
    try:
        return parse_date(value, name)
    except InputError as exc:
        raise _fail(str(exc), 2) from None


@app.command()
def version() -> None:
    """Print the versions of eventwire and its language model."""
    from eventwire.nlp import model_name
    from eventwire.record import generator_info

    typer.echo(json.dumps({**generator_info(model_name(), None)}, indent=1))


def main() -> None:
    """Entry point of the ``eventwire`` command."""
    app()
