"""The ``eventwire`` command line: one Typer app, one module per command family.

Every command module has ``register(app)``; they share :mod:`eventwire.cli.common` (the console on standard
error, the error helper, the database check) and write through the :mod:`eventwire.formats` registry.
"""

from __future__ import annotations

import os

# One BLAS thread per process: the small spaCy models multiply small matrices, where OpenBLAS's threads
# cost more than they give (about 11% slower here), and worker processes would oversubscribe the cores.
# Nothing above imports numpy, so this comes first; a value already in the environment wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import typer  # noqa: E402

from eventwire.cli import eval as eval_command  # noqa: E402
from eventwire.cli import events, export, extract, ingest, serve, tuning, version  # noqa: E402

app = typer.Typer(
    help="eventwire: news articles into structured, evidence-linked event records (offline).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# In the order ``eventwire --help`` lists them (command groups such as ``eval`` come after the commands).
for _module in (eval_command, serve, export, extract, ingest, events, version, tuning):
    _module.register(app)


def main() -> None:
    """Entry point of the ``eventwire`` command."""
    app()


__all__ = ["app", "main"]
