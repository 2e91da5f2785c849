"""``eventwire extract``: analyse articles and print their records."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire import formats
from eventwire.cli.common import Echo, date_option, error, fail, load_pipeline, table_console
from eventwire.ingest import Item, iter_items, read_stdin

# The choices are the registry's formats, known at run time; type checkers see a plain StrEnum.
if TYPE_CHECKING:
    ExtractFormat = StrEnum
else:
    # The registry's formats that write records, then the terminal summary.
    ExtractFormat = formats.choices(
        "ExtractFormat", [*formats.offered("extract"), "table"], "Output formats of ``extract``."
    )


def _read(path: str, published: str | None) -> list[Item]:
    """The input items of ``path`` (a file, or ``-`` for standard input)."""
    anchor = date_option(published, "--published")
    if path == "-":
        return list(read_stdin(sys.stdin.buffer.read(), anchor))
    p = Path(path)
    if not p.exists():
        raise fail(f"{path}: no such file or directory")
    if p.is_dir():
        raise fail(f"{path}: is a directory; use `eventwire ingest` for directories")
    return list(iter_items([p], anchor))


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
    items = _read(path, published)
    good = [i.article for i in items if i.article is not None]
    bad = [i for i in items if i.error is not None]
    for item in bad:
        error(str(item.error))
    if not good:
        raise typer.Exit(1)
    name = fmt.value if fmt is not None else "jsonl" if len(items) > 1 else "json"
    records = (r.to_dict() for r in load_pipeline().pipe(good))
    if name == "table":
        from eventwire.cli.summary import print_summary

        out = table_console()
        for record in records:
            print_summary(record, out)
    else:
        formats.FORMATS[name].write(formats.Source.of_records(records, single=True), Echo())
    if bad:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the ``eventwire`` command."""
    app.command("extract")(extract)
