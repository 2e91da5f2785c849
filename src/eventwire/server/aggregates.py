"""``/api/actors``, ``/api/places``, ``/api/stats``: counts over the events that match the filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from eventwire.server.filters import Filter
from eventwire.server.responses import json_response
from eventwire.server.service import ServiceDep

router = APIRouter()


@router.get("/api/actors", tags=["aggregates"])
def list_actors(flt: Filter, service: ServiceDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
    """Actors of the matching events, most events first."""
    with service.reading() as store:
        return json_response({"actors": store.top_actors(flt, limit)})


@router.get("/api/places", tags=["aggregates"])
def list_places(flt: Filter, service: ServiceDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
    """Places of the matching events, most events first."""
    with service.reading() as store:
        return json_response({"places": store.top_places(flt, limit)})


@router.get("/api/stats", tags=["aggregates"])
def get_stats(flt: Filter, service: ServiceDep) -> Response:
    """Totals, breakdowns and events per day and type of the matching events, and the filters' values."""
    with service.reading() as store:
        out = store.stats(flt)
        out["timeline"] = store.timeline(flt)
        out["facets"] = store.facets()
    return json_response(out)
