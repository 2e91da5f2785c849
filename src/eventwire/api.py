"""HTTP API and dashboard: a FastAPI app over the store, and the ``eventwire serve`` command."""

from __future__ import annotations

import csv
import hmac
import io
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.store import SORT_KEYS, EventFilter, QueryMixin, StoreError, is_url, open_store

log = logging.getLogger("eventwire.api")

MAX_TEXT_CHARS = 1_000_000
MAX_BATCH = 500
# A request body larger than this is refused with 413 before it is read into memory.
MAX_BODY_BYTES = 16 * 1024 * 1024
TOKEN_ENV = "EVENTWIRE_TOKEN"
# The dashboard loads only its own files; inline scripts and remote hosts are refused by the browser as well.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class Format(StrEnum):
    """Response formats of ``GET /api/events``."""

    json = "json"
    csv = "csv"
    geojson = "geojson"


class ArticleIn(BaseModel):
    """One article to analyse or ingest."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article body.")
    published: date | None = Field(None, description="Publication date, the anchor for relative times.")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = Field(None, description="Your own reference for the article (kept as `article.ref`).")

    @field_validator("text", "title", "url", "source", "id")
    @classmethod
    def _no_lone_surrogates(cls, value: str | None) -> str | None:
        """Refuse text that cannot be stored or sent as UTF-8 (a lone UTF-16 surrogate from a JSON escape)."""
        if value is not None and any("\ud800" <= c <= "\udfff" for c in value):
            raise ValueError("contains a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape)")
        return value


_INGEST_SCHEMA = {
    "anyOf": [
        {"$ref": "#/components/schemas/ArticleIn"},
        {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}, "maxItems": MAX_BATCH},
        {
            "type": "object",
            "properties": {"articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}},
            "required": ["articles"],
        },
    ]
}
_ARTICLE_LIST = TypeAdapter(list[ArticleIn])


def _articles(body: Any) -> list[ArticleIn]:
    """The articles of an ingest body: one object, a list, or ``{"articles": [...]}``."""
    if isinstance(body, dict) and "articles" in body:
        body = body["articles"]
    elif isinstance(body, dict):
        body = [body]
    if not isinstance(body, list):
        raise HTTPException(422, 'send an article object, a list of them, or {"articles": [...]}')
    if not 1 <= len(body) <= MAX_BATCH:
        raise HTTPException(422, f"send between 1 and {MAX_BATCH} articles")
    try:
        return _ARTICLE_LIST.validate_python(body)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


def event_filter(
    type: Annotated[str | None, Query(description="PLOVER type (ASSAULT) or ACLED event type.")] = None,
    acled_type: Annotated[str | None, Query(description="ACLED event type or sub-event type.")] = None,
    actor: Annotated[str | None, Query(description="Actor name (substring) or PLOVER sector code.")] = None,
    actor_country: Annotated[str | None, Query(description="Country of an actor: code or name.")] = None,
    actor_sector: Annotated[str | None, Query(description="PLOVER sector of an actor (MIL, REB, CVL…).")] = None,
    country: Annotated[str | None, Query(description="Country of the event's place: code or name.")] = None,
    admin1: Annotated[str | None, Query(description="First-level subdivision of the event's place.")] = None,
    since: Annotated[date | None, Query(description="Events on or after this date.")] = None,
    until: Annotated[date | None, Query(description="Events on or before this date.")] = None,
    modality: Annotated[
        str | None, Query(description="asserted, reported, alleged, possible, future, negated.")
    ] = None,
    q: Annotated[str | None, Query(description="Text search in sentence, title, place and actor names.")] = None,
) -> EventFilter:
    """The event filter of a request's query string."""
    return EventFilter(
        type=type,
        acled_type=acled_type,
        actor=actor,
        actor_country=actor_country,
        actor_sector=actor_sector,
        place_country=country,
        admin1=admin1,
        since=since,
        until=until,
        modality=modality,
        text=q,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    """The JSON body of every error: a status and a message."""
    return JSONResponse({"status": status, "message": message, **extra}, status_code=status)


def _json(data: Any) -> JSONResponse:
    """JSON of store rows (dates as ISO strings)."""
    return JSONResponse(jsonable_encoder(data))


class _Service:
    """The store and the lazily loaded pipeline.

    Reads go through a per-thread DuckDB cursor, so requests read side by side; writes (and every
    PostgreSQL query, which share one connection and its transactions) take the store lock.
    """

    def __init__(self, db: str, read_only: bool) -> None:
        self.store = open_store(db, read_only=read_only)
        self.read_only = read_only
        self.lock = threading.Lock()
        self.pipeline_lock = threading.Lock()
        self._pipeline: Any = None
        self._local = threading.local()

    @contextmanager
    def reading(self) -> Iterator[QueryMixin]:
        """The store's read queries for the current thread."""
        if not self.store.concurrent_reads:
            with self.lock:
                yield self.store
            return
        view = getattr(self._local, "view", None)
        if view is None:
            view = self._local.view = self.store.reader()
        # One snapshot per request: a page and its total agree even while articles are being stored.
        view.con.execute("BEGIN TRANSACTION")
        try:
            yield view
        finally:
            view.con.execute("ROLLBACK")

    def pipeline(self) -> Any:
        """The analysis pipeline, loaded on first use (loading takes seconds)."""
        with self.pipeline_lock:
            if self._pipeline is None:
                from eventwire.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline

    def analyse(self, items: list[ArticleIn]) -> list[dict[str, Any]]:
        """Records of the given articles."""
        pipeline = self.pipeline()
        dicts = [
            {**i.model_dump(exclude_none=True), "published": i.published and i.published.isoformat()} for i in items
        ]
        with self.pipeline_lock:
            return [r.to_dict() for r in pipeline.pipe(dicts)]


def web_dir() -> Path | None:
    """The built dashboard inside the package, or None when it was not built."""
    path = Path(str(resources.files("eventwire").joinpath("web")))
    return path if (path / "index.html").is_file() else None


def _docs_static() -> Path | None:
    """Swagger UI files shipped by the ``fastapi-offline`` package, when it is installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).parent / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def create_app(
    db: str | Path, token: str | None = None, read_only: bool = False, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """The FastAPI app over the store at ``db`` (DuckDB file or PostgreSQL URL); ``token`` guards ingest."""
    # An empty token, given or in the environment, means no token: ingest is open as on an unguarded server.
    token = (token if token is not None else os.environ.get(TOKEN_ENV)) or None
    service = _Service(str(db), read_only)
    app = FastAPI(
        title="eventwire",
        summary="News articles about conflict and politics as structured, evidence-linked event records.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    _add_error_handlers(app)
    _add_docs(app)

    def authorise(request: Request) -> None:
        if token is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a bearer token is required to ingest (Authorization: Bearer <token>)")

    @app.get("/api/events", tags=["events"])
    def list_events(
        flt: Filter,
        format: Format = Format.json,
        sort: Annotated[str, Query(description=f"One of {', '.join(SORT_KEYS)}.")] = "date",
        order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Response:
        """Events matching the filters: a JSON page, CSV or a GeoJSON FeatureCollection of located events."""
        if sort not in SORT_KEYS:
            raise HTTPException(400, f"cannot sort by {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        flt.sort, flt.descending, flt.limit, flt.offset = sort, order == "desc", limit, offset
        with service.reading() as store:
            total, rows = store.search_events(flt)
        if format is Format.csv:
            return Response(
                to_csv(rows),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="events.csv"', "X-Total-Count": str(total)},
            )
        if format is Format.geojson:
            return JSONResponse(
                to_geojson(rows), media_type="application/geo+json", headers={"X-Total-Count": str(total)}
            )
        return _json({"total": total, "limit": limit, "offset": offset, "events": rows})

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: str) -> Response:
        """One event with its actors and its record entry (trigger, sentence and evidence spans)."""
        with service.reading() as store:
            row = store.event(event_id)
        if row is None:
            raise HTTPException(404, f"no event with id {event_id!r} (ids look like 0123456789abcdef-V1)")
        return _json(row)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: str) -> Response:
        """The full eventwire/1 record of a stored article (by id, bare hash or a unique prefix of 8+ hex)."""
        with service.reading() as store:
            record = store.article(article_id)
        if record is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return JSONResponse(record)

    @app.get("/api/actors", tags=["aggregates"])
    def list_actors(flt: Filter, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
        """Actors of the matching events, most events first."""
        with service.reading() as store:
            return _json({"actors": store.top_actors(flt, limit)})

    @app.get("/api/places", tags=["aggregates"])
    def list_places(flt: Filter, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
        """Places of the matching events, most events first."""
        with service.reading() as store:
            return _json({"places": store.top_places(flt, limit)})

    @app.get("/api/stats", tags=["aggregates"])
    def get_stats(flt: Filter) -> Response:
        """Totals, breakdowns and events per day and type of the matching events, and the filters' values."""
        with service.reading() as store:
            out = store.stats(flt)
            out["timeline"] = store.timeline(flt)
            out["facets"] = store.facets()
        return _json(out)

    @app.post("/api/analyse", tags=["analysis"])
    def analyse(article: ArticleIn) -> Response:
        """Analyse one article and return its record; nothing is stored."""
        return JSONResponse(service.analyse([article])[0])

    @app.post(
        "/api/articles",
        tags=["articles"],
        dependencies=[Depends(authorise)],
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _INGEST_SCHEMA}}}},
    )
    def ingest(body: Annotated[Any, Body(description="One article, a list, or {'articles': [...]}.")]) -> Response:
        """Analyse and store one article or many (``{"articles": [...]}`` or a list); stored ones are skipped."""
        if service.read_only:
            raise HTTPException(403, "the server was started with --read-only; ingest is disabled")
        items = _articles(body)
        out = []
        for record in service.analyse(items):
            with service.lock:
                stored = service.store.add(record)
            out.append({"id": record["article"]["id"], "stored": stored, "events": len(record["events"])})
        stored = sum(o["stored"] for o in out)
        return JSONResponse(
            {"stored": stored, "already_stored": len(out) - stored, "articles": out}, status_code=201 if stored else 200
        )

    _add_dashboard(app)
    return app


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``, by Content-Length or while it streams in.

    The body is read here (at most ``max_bytes`` of it) and replayed to the app, so no handler ever
    holds more than the limit in memory.
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = _error(413, f"request body larger than {self.max_bytes} bytes")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await too_big(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await too_big(scope, receive, send)
                return
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _add_error_handlers(app: FastAPI) -> None:
    """Every error is ``{"status": …, "message": …}``; internal errors are logged, never sent."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's words for a body its JSON parser gave up on (for example, nested too deeply).
            return _error(422, "body: not valid JSON", problems=[{"where": "body", "problem": "not valid JSON"}])
        response = _error(exc.status_code, str(exc.detail))
        if exc.status_code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"where": "body", "problem": "not valid JSON"}
            if e.get("type") == "json_invalid"
            else {"where": ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body", "problem": e.get("msg")}
            for e in exc.errors()
        ]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        return _error(422, message, problems=problems)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return _error(400, str(exc).splitlines()[0] if str(exc) else "invalid value")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "internal error; the server log has the details")


def _add_docs(app: FastAPI) -> None:
    """OpenAPI at /docs with Swagger UI served from local files, so it works offline."""
    from fastapi.openapi.docs import get_swagger_ui_html

    static = _docs_static()
    if static is not None:
        app.mount("/docs-static", StaticFiles(directory=static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if static is None:
            # Without a local Swagger UI there is still the machine-readable schema; never a CDN.
            body = (
                "<!doctype html><title>eventwire API</title><p>The interactive API page needs the "
                "<code>fastapi-offline</code> package. The OpenAPI schema is at "
                '<a href="/openapi.json">/openapi.json</a>.</p>'
            )
            return HTMLResponse(body)
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )


def _add_dashboard(app: FastAPI) -> None:
    """The static dashboard at /, with a strict content security policy."""
    root = web_dir()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        path = request.url.path
        if not (path.startswith("/docs") or path.startswith("/api/")):
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response

    if root is None:

        @app.get("/", include_in_schema=False)
        def no_dashboard() -> Response:
            return _error(
                404, "the dashboard was not built into this installation (run `make web`); the API is at /api"
            )

        return

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=root), name="static")


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header line."""
    buf = io.StringIO()
    fields = list(rows[0]) if rows else ["id"]
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def to_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Located event rows as a GeoJSON FeatureCollection (longitude first, as GeoJSON requires)."""
    features = []
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": jsonable_encoder(props),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _version() -> str:
    """The package version."""
    from eventwire import __version__

    return __version__


def serve(
    db: Annotated[
        str,
        typer.Option(help="DuckDB file written by `eventwire ingest` (created if missing) or a postgresql://... URL."),
    ] = "eventwire.duckdb",
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
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    if read_only and not is_url(db) and not Path(db).exists():
        err.print(f"[bold red]error:[/] {db}: no such database; create it with `eventwire ingest PATH --db {db}`")
        raise typer.Exit(1)
    try:
        app = create_app(db, read_only=read_only)
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        raise typer.Exit(1) from None
    shown = f"[{host}]" if ":" in host else host
    err.print(f"eventwire: dashboard at http://{shown}:{port}/  API docs at http://{shown}:{port}/docs  (Ctrl+C stops)")
    if os.environ.get(TOKEN_ENV):
        err.print(f"ingest (POST /api/articles) needs the bearer token in ${TOKEN_ENV}")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``eventwire`` command."""
    app.command("serve")(serve)


__all__ = ["create_app", "register", "serve", "to_csv", "to_geojson", "web_dir"]
