"""``eventwire version``: the versions of eventwire and its language model."""

from __future__ import annotations

import json

import typer


def version() -> None:
    """Print the versions of eventwire and its language model."""
    from eventwire.nlp import model_name
    from eventwire.record import generator_info

    typer.echo(json.dumps({**generator_info(model_name(), None)}, indent=1))


def register(app: typer.Typer) -> None:
    """Add ``version`` to the ``eventwire`` command."""
    app.command("version")(version)
