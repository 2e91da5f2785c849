"""The event filters of a request's query string: the same names and meanings as the command line's options."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from eventwire import filters
from eventwire.filters import FILTER_HELP
from eventwire.store import EventFilter


def event_filter(
    type: Annotated[str | None, Query(description=FILTER_HELP["type"])] = None,
    acled_type: Annotated[str | None, Query(description=FILTER_HELP["acled_type"])] = None,
    actor: Annotated[str | None, Query(description=FILTER_HELP["actor"])] = None,
    actor_country: Annotated[str | None, Query(description=FILTER_HELP["actor_country"])] = None,
    actor_sector: Annotated[str | None, Query(description=FILTER_HELP["actor_sector"])] = None,
    country: Annotated[str | None, Query(description=FILTER_HELP["country"])] = None,
    admin1: Annotated[str | None, Query(description=FILTER_HELP["admin1"])] = None,
    since: Annotated[date | None, Query(description=FILTER_HELP["since"])] = None,
    until: Annotated[date | None, Query(description=FILTER_HELP["until"])] = None,
    modality: Annotated[str | None, Query(description=FILTER_HELP["modality"])] = None,
    q: Annotated[str | None, Query(description=FILTER_HELP["q"])] = None,
) -> EventFilter:
    """The event filter of a request's query string."""
    return filters.event_filter(
        type=type,
        acled_type=acled_type,
        actor=actor,
        actor_country=actor_country,
        actor_sector=actor_sector,
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        modality=modality,
        q=q,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
