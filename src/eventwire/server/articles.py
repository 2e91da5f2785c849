"""``/api/articles/{id}``: the full eventwire/1 record of a stored article."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse, Response

from eventwire.server.service import ServiceDep

router = APIRouter()


@router.get("/api/articles/{article_id}", tags=["articles"])
def get_article(article_id: str, service: ServiceDep) -> Response:
    """The full eventwire/1 record of a stored article (by id, bare hash or a unique prefix of 8+ hex)."""
    with service.reading() as store:
        record = store.article(article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return JSONResponse(record)
