"""``POST /api/analyse`` (a record, nothing stored) and ``POST /api/articles`` (analyse and store)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException
from fastapi.responses import JSONResponse, Response

from eventwire.server.models import INGEST_SCHEMA, ArticleIn, articles_of
from eventwire.server.security import authorise
from eventwire.server.service import ServiceDep

router = APIRouter()


@router.post("/api/analyse", tags=["analysis"])
def analyse(article: ArticleIn, service: ServiceDep) -> Response:
    """Analyse one article and return its record; nothing is stored."""
    return JSONResponse(service.analyse([article])[0])


@router.post(
    "/api/articles",
    tags=["articles"],
    dependencies=[Depends(authorise)],
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": INGEST_SCHEMA}}}},
)
def ingest(
    body: Annotated[Any, Body(description="One article, a list, or {'articles': [...]}.")], service: ServiceDep
) -> Response:
    """Analyse and store one article or many (``{"articles": [...]}`` or a list); stored ones are skipped."""
    if service.read_only:
        raise HTTPException(403, "the server was started with --read-only; ingest is disabled")
    items = articles_of(body)
    out: list[dict[str, Any]] = []
    for record in service.analyse(items):
        with service.lock:
            stored = service.store.add(record)
        out.append({"id": record["article"]["id"], "stored": stored, "events": len(record["events"])})
    new = sum(o["stored"] for o in out)
    return JSONResponse(
        {"stored": new, "already_stored": len(out) - new, "articles": out}, status_code=201 if new else 200
    )
