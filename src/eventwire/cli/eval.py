"""``eventwire eval TASK PATH``: score eventwire against gold datasets in their native formats (JSON out)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.common import fail

eval_app = typer.Typer(
    help="Score eventwire against gold datasets in their native formats; prints metrics as JSON.",
    no_args_is_help=True,
)

PathArg = Annotated[Path, typer.Argument(help="Gold data: a file or a directory in the task's native format.")]
LimitOpt = Annotated[int | None, typer.Option(help="Score only the first N documents (sorted), for quick checks.")]


def _emit(result: dict[str, Any]) -> None:
    """Print metrics as JSON."""
    typer.echo(json.dumps(result, indent=1, ensure_ascii=False))


def _check(path: Path) -> None:
    """Exit with a clear message when the gold path does not exist."""
    if not path.exists():
        raise fail(f"{path}: no such file or directory")


@eval_app.command("time")
def eval_time(path: PathArg, limit: LimitOpt = None) -> None:
    """TimeML (.tml, TimeBank/AQUAINT): strict and relaxed extent F1, value F1, type accuracy."""
    from eventwire.evaluate.timeml import evaluate_timeml

    _check(path)
    _emit(evaluate_timeml(path, limit=limit))


@eval_app.command("quotes")
def eval_quotes(path: PathArg, limit: LimitOpt = None) -> None:
    """PolNeAR brat standoff: quote content P/R/F1 (direct, indirect) and speaker accuracy."""
    from eventwire.evaluate.polnear import evaluate_polnear

    _check(path)
    _emit(evaluate_polnear(path, limit=limit))


@eval_app.command("geo")
def eval_geo(path: PathArg, limit: LimitOpt = None) -> None:
    """LGL or GeoVirus XML: toponym recognition P/R/F1 and accuracy within 161 km.

    Place and demonym mentions both count as found toponyms (LGL's gold tags demonyms such as "Iraqi");
    "places_only" in the output gives the same scores from place mentions alone.
    """
    from eventwire.evaluate.geo import evaluate_geo

    _check(path)
    _emit(evaluate_geo(path, limit=limit))


@eval_app.command("events")
def eval_events(path: PathArg, limit: LimitOpt = None) -> None:
    """PLOVER gold-standard records (JSON): event type, actors, mode and casualty counts."""
    from eventwire.evaluate.plover import evaluate_plover

    _check(path)
    _emit(evaluate_plover(path, limit=limit))


def register(app: typer.Typer) -> None:
    """Mount ``eventwire eval``."""
    app.add_typer(eval_app, name="eval")
