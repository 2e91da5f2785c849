"""``/api/events``: pages of events in JSON, or every format the registry offers the API; one event by id."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from eventwire import formats
from eventwire.server.filters import Filter
from eventwire.server.responses import json_response
from eventwire.server.service import ServiceDep
from eventwire.store import SORT_KEYS

router = APIRouter()

# The choices are the registry's formats, known at run time; type checkers see a plain StrEnum.
if TYPE_CHECKING:
    Format = StrEnum
else:
    # "json", the default, is the page itself; the other formats come from the registry.
    Format = formats.choices("Format", ["json", *formats.offered("api")], "Response formats of ``GET /api/events``.")

DEFAULT_FORMAT = Format("json")


def _formatted(name: str, rows: list[formats.Row], total: int) -> Response:
    """The matching events in a registered format, their total in a header."""
    fmt = formats.FORMATS[name]
    source = formats.Source.of_rows(rows)
    headers = {"X-Total-Count": str(total)}
    if fmt.download:
        headers = {"Content-Disposition": f'attachment; filename="events.{fmt.name}"', **headers}
    if fmt.document is not None:
        return JSONResponse(fmt.document(source), media_type=fmt.media_type, headers=headers)
    return Response(formats.render(fmt, source), media_type=fmt.media_type, headers=headers)


@router.get("/api/events", tags=["events"])
def list_events(
    flt: Filter,
    service: ServiceDep,
    format: Format = DEFAULT_FORMAT,
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
    if format != "json":
        return _formatted(format, rows, total)
    return json_response({"total": total, "limit": limit, "offset": offset, "events": rows})


@router.get("/api/events/{event_id}", tags=["events"])
def get_event(event_id: str, service: ServiceDep) -> Response:
    """One event with its actors and its record entry (trigger, sentence and evidence spans)."""
    with service.reading() as store:
        row = store.event(event_id)
    if row is None:
        raise HTTPException(404, f"no event with id {event_id!r} (ids look like 0123456789abcdef-V1)")
    return json_response(row)
