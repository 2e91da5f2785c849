"""``eventwire eval TASK PATH``: score eventwire against gold datasets in their native formats (JSON out)."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
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


# Each task: its scorer (module, function) and its help. The scorers live in eventwire.evaluate, one per gold format.
TASKS: dict[str, tuple[str, str, str]] = {
    "time": (
        "timeml",
        "evaluate_timeml",
        "TimeML (.tml, TimeBank/AQUAINT): strict and relaxed extent F1, value F1, type accuracy.",
    ),
    "quotes": (
        "polnear",
        "evaluate_polnear",
        "PolNeAR brat standoff: quote content P/R/F1 (direct, indirect) and speaker accuracy.",
    ),
    "geo": (
        "geo",
        "evaluate_geo",
        "LGL or GeoVirus XML: toponym recognition P/R/F1 and accuracy within 161 km.\n\n"
        'Place and demonym mentions both count as found toponyms (LGL\'s gold tags demonyms such as "Iraqi"); '
        '"places_only" in the output gives the same scores from place mentions alone.',
    ),
    "events": (
        "plover",
        "evaluate_plover",
        "PLOVER gold-standard records (JSON): event type, actors, mode and casualty counts.",
    ),
}


def scorer(task: str) -> Callable[..., dict[str, Any]]:
    """The scoring function of ``task`` (imported when first used: scorers load the pipeline)."""
    module, function, _ = TASKS[task]
    return getattr(import_module(f"eventwire.evaluate.{module}"), function)


def _command(task: str) -> Callable[..., None]:
    """The ``eval TASK`` command: check the gold path, score, print the metrics as JSON."""

    def run(path: PathArg, limit: LimitOpt = None) -> None:
        if not path.exists():
            raise fail(f"{path}: no such file or directory")
        typer.echo(json.dumps(scorer(task)(path, limit=limit), indent=1, ensure_ascii=False))

    run.__doc__ = TASKS[task][2]
    return run


for _task in TASKS:
    eval_app.command(_task)(_command(_task))


def register(app: typer.Typer) -> None:
    """Mount ``eventwire eval``."""
    app.add_typer(eval_app, name="eval")
