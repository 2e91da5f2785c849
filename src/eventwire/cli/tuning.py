"""``eventwire tuning``: every stage's tuned numbers, with where each value came from."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from eventwire.cli.common import table_console
from eventwire.tuning import REGISTRY, Tuning, table_names


class TuningFormat(StrEnum):
    """Output formats of ``tuning``."""

    table = "table"
    json = "json"


def tuning_tables() -> list[Tuning]:
    """Every tuning table of ``data/tuning``: the stages' own in pipeline order, then the others by name."""
    from eventwire.stages import STAGE_ORDER

    order = {name: i for i, name in enumerate(STAGE_ORDER)}
    names = sorted(table_names(), key=lambda name: (order.get(name, len(order)), name))
    return [REGISTRY.get(name) or Tuning.load(name) for name in names]


def tuning_rows() -> list[dict[str, Any]]:
    """One row per tuned number: stage, name, value, source."""
    return [
        {"stage": table.stage, "name": p.name, "value": p.value, "source": p.source}
        for table in tuning_tables()
        for p in table
    ]


def tuning(
    fmt: Annotated[TuningFormat, typer.Option("--format", "-f", help="table or json.")] = TuningFormat.table,
) -> None:
    """Print every stage's tuned numbers (weights, thresholds, priors) and where each came from."""
    rows = tuning_rows()
    if fmt is TuningFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} tuned numbers", title_justify="left", title_style="bold")
    for column in ("stage", "name", "value", "source"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["stage"], row["name"], str(row["value"]), row["source"])
    table_console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``tuning`` to the ``eventwire`` command."""
    app.command("tuning")(tuning)
