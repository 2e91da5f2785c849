"""``eventwire ingest`` and ``eventwire load``: analyse articles into the store, or load analysed partitions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventwire.article import Article
from eventwire.cli.common import DB_HELP, DEFAULT_DB, date_option, err, fail, load_pipeline
from eventwire.ingest import expand, iter_items

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from eventwire.store import BaseStore


def _progress() -> Progress:
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


def _open(db: str) -> BaseStore:
    """The store at ``db``, or exit with its error."""
    # The store (and DuckDB) is imported by the commands that use it, not by every command.
    from eventwire.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise fail(str(exc)) from None


class _Run:
    """One ingest: what happened to each input, reported on the progress bar as it goes."""

    def __init__(self, store: BaseStore, progress: Progress, task: TaskID, dask: bool) -> None:
        self.store = store
        self.progress = progress
        self.task = task
        self.dask = dask
        self.stats = {"stored": 0, "already stored": 0, "skipped (bad input)": 0, "failed to store": 0}

    def fresh_articles(self, files: list[Path], anchor: date | None) -> Iterator[Article]:
        """The readable articles not stored yet; streamed, so memory stays bounded however many the input holds."""
        for item in iter_items(files, anchor):
            if item.article is None:
                self.stats["skipped (bad input)"] += 1
                self.progress.console.print(f"[yellow]skipped:[/] {item.error}", soft_wrap=True)
            elif self.store.has_article(item.article.id):
                self.stats["already stored"] += 1
            else:
                yield item.article

    def done(self, record: dict[str, Any], stored: bool) -> None:
        """A record was written (or was there already)."""
        self.stats["stored" if stored else "already stored"] += 1
        if not self.dask:
            self.progress.advance(self.task)

    def failed(self, record: dict[str, Any], exc: Exception) -> None:
        """A record could not be written; the others go on."""
        self.stats["failed to store"] += 1
        where = record["article"].get("ref") or record["article"]["id"][:20]
        self.progress.console.print(f"[red]not stored:[/] {where}: {exc}", soft_wrap=True)

    def nothing_stored(self) -> bool:
        """True when every input was bad or failed: the command then exits 1."""
        s = self.stats
        return s["stored"] == 0 and s["already stored"] == 0 and bool(s["skipped (bad input)"] or s["failed to store"])

    def summary(self) -> str:
        """The counts, for the closing line."""
        return ", ".join(f"{v} {k}" for k, v in self.stats.items() if v or k == "stored")


def _dask_records(
    run: _Run, articles: list[Article], out: Path, scheduler: str, workers: int
) -> Iterator[dict[str, Any]]:
    """Analyse on Dask into Parquet partitions at ``out`` and read the records back in order."""
    from eventwire.scale import dask_analyse, read_partitions

    run.progress.update(run.task, total=len(articles))
    parts = dask_analyse(
        articles, out, scheduler=scheduler, workers=workers, progress=lambda n: run.progress.advance(run.task, n)
    )
    return read_partitions(parts)


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, directories (.txt, .html, .jsonl) to analyse and store.")],
    db: Annotated[str, typer.Option(help=DB_HELP)] = DEFAULT_DB,
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
    from eventwire.scale import store_in_batches

    anchor = date_option(published, "--published")
    if workers < 1 or batch_size < 1:
        raise fail("--workers and --batch-size must be at least 1", 2)
    files = list(expand(paths))
    store = _open(db)
    with store, _progress() as progress:
        run = _Run(store, progress, progress.add_task("ingest", total=None), dask=bool(dask))
        if dask:
            from eventwire.store import is_url

            out = parquet or Path("eventwire.parts" if is_url(db) else db + ".parts")
            records = _dask_records(run, list(run.fresh_articles(files, anchor)), out, dask, workers)
        else:
            pipeline = load_pipeline()
            analysed = pipeline.pipe(run.fresh_articles(files, anchor), batch_size=batch_size, n_process=workers)
            records = (r.to_dict() for r in analysed)
        store_in_batches(store, records, batch_size=batch_size, on_done=run.done, on_error=run.failed)
        totals = store.counts()
    err.print(f"{run.summary()}. {store.path} now holds {totals['articles']} articles, {totals['events']} events.")
    if run.nothing_stored():
        raise typer.Exit(1)


def load(
    parquet: Annotated[Path, typer.Argument(help="Directory of Parquet partitions written by `ingest --dask`.")],
    db: Annotated[str, typer.Option(help=DB_HELP)] = DEFAULT_DB,
) -> None:
    """Load records from Parquet partitions into the store (idempotent)."""
    from eventwire.scale import read_partitions, store_in_batches
    from eventwire.store import StoreError, open_store

    parts = sorted(parquet.glob("*.parquet")) if parquet.is_dir() else [parquet]
    if not parts or not parts[0].exists():
        raise fail(f"{parquet}: no Parquet partitions found")
    stats = {"stored": 0, "already stored": 0}

    def done(record: dict[str, Any], stored: bool) -> None:
        stats["stored" if stored else "already stored"] += 1

    try:
        with open_store(db) as store:
            store_in_batches(store, read_partitions(parts), on_done=done)
    except StoreError as exc:
        raise fail(str(exc)) from None
    err.print(f"{stats['stored']} stored, {stats['already stored']} already stored from {len(parts)} partitions.")


def register(app: typer.Typer) -> None:
    """Add ``ingest`` and ``load`` to the ``eventwire`` command."""
    app.command("ingest")(ingest)
    app.command("load")(load)
