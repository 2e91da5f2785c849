"""``eventwire serve``: the HTTP API and the dashboard of :mod:`eventwire.server` under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from eventwire.cli.common import DEFAULT_DB, err, fail, require_database


def serve(
    db: Annotated[
        str,
        typer.Option(help="DuckDB file written by `eventwire ingest` (created if missing) or a postgresql://... URL."),
    ] = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Open the store read-only; ingest is refused.")
    ] = False,
) -> None:
    """Serve the HTTP API (/api, OpenAPI at /docs) and the dashboard (/)."""
    import uvicorn

    from eventwire.server import TOKEN_ENV, create_app
    from eventwire.store import StoreError

    if read_only:
        require_database(db)
    try:
        app = create_app(db, read_only=read_only)
    except StoreError as exc:
        raise fail(str(exc)) from None
    shown = f"[{host}]" if ":" in host else host
    err.print(f"eventwire: dashboard at http://{shown}:{port}/  API docs at http://{shown}:{port}/docs  (Ctrl+C stops)")
    if os.environ.get(TOKEN_ENV):
        err.print(f"ingest (POST /api/articles) needs the bearer token in ${TOKEN_ENV}")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``eventwire`` command."""
    app.command("serve")(serve)
