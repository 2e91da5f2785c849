"""Event filters by name: an option of the command line and a parameter of the HTTP API with the same name mean
the same thing, because both build their :class:`~eventwire.store.EventFilter` here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.store import EventFilter

# What each filter means, in the words both the CLI's help and the API's OpenAPI description use.
FILTER_HELP = {
    "type": "PLOVER type (ASSAULT) or ACLED event type.",
    "acled_type": "ACLED event type or sub-event type.",
    "actor": "Actor name (substring) or PLOVER sector code.",
    "actor_country": "Country of an actor: code or name.",
    "actor_sector": "PLOVER sector of an actor (MIL, REB, CVL…).",
    "country": "Country of the event's place: code or name.",
    "admin1": "First-level subdivision of the event's place.",
    "since": "Events on or after this date.",
    "until": "Events on or before this date.",
    "modality": "asserted, reported, alleged, possible, future, negated.",
    "q": "Text search in sentence, title, place and actor names.",
}


def event_filter(
    *,
    type: str | None = None,
    acled_type: str | None = None,
    actor: str | None = None,
    actor_country: str | None = None,
    actor_sector: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    since: date | None = None,
    until: date | None = None,
    modality: str | None = None,
    q: str | None = None,
) -> EventFilter:
    """The store's filter for the named filters (``country`` is the country of the event's place)."""
    # Imported here: the command line reads FILTER_HELP for every command, and only some open the store.
    from eventwire.store import EventFilter

    return EventFilter(
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
        text=q,
    )
