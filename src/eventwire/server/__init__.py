"""The HTTP app: a FastAPI app over the store, one module per resource, and the dashboard.

``create_app`` puts it together: ``security`` (limits, the bearer token, headers) and ``responses`` (JSON
bodies and errors) wrap the resources ``events``, ``articles``, ``aggregates`` and ``analyse``, which read
through ``service`` with ``filters``; ``dashboard`` serves the static files. Formats come from
:mod:`eventwire.formats`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from eventwire.server import aggregates, analyse, articles, events
from eventwire.server.dashboard import add_dashboard, add_docs, web_dir
from eventwire.server.responses import add_error_handlers
from eventwire.server.security import MAX_BODY_BYTES, TOKEN_ENV, BodyLimit, security_headers
from eventwire.server.service import Service

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline


def _version() -> str:
    """The package version."""
    from eventwire import __version__

    return __version__


def create_app(
    db: str | Path,
    token: str | None = None,
    read_only: bool = False,
    max_body_bytes: int = MAX_BODY_BYTES,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The FastAPI app over the store at ``db`` (DuckDB file or PostgreSQL URL); ``token`` guards ingest.

    ``pipeline`` analyses posted articles; by default the process's shared pipeline, loaded on first use.
    """
    app = FastAPI(
        title="eventwire",
        summary="News articles about conflict and politics as structured, evidence-linked event records.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    # An empty token, given or in the environment, means no token: ingest is open as on an unguarded server.
    app.state.token = (token if token is not None else os.environ.get(TOKEN_ENV)) or None
    app.state.service = Service(str(db), read_only, pipeline)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    add_error_handlers(app)
    add_docs(app)
    for resource in (events, articles, aggregates, analyse):
        app.include_router(resource.router)
    # Added after the body limit, so it wraps it: a refused body gets the same headers.
    app.middleware("http")(security_headers)
    add_dashboard(app)
    return app


__all__ = ["MAX_BODY_BYTES", "TOKEN_ENV", "create_app", "web_dir"]
