"""The one query builder for events: a filter's conditions, with parameters, under any SELECT list.

Every read of events (the CLI listing, the API's pages, exports, aggregates, one event by id) is an
:class:`EventQuery` rendered by :meth:`EventQuery.sql`. Values are always parameters, never interpolated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass
class EventFilter:
    """Filters for listing events; every field is optional."""

    type: str | None = None
    actor: str | None = None
    # ``country`` is the country of the event's place, as in the CLI and the API; ``any_country`` also matches
    # an actor's country (for callers of the store that want either).
    any_country: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 100
    offset: int = 0
    acled_type: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    country: str | None = None
    admin1: str | None = None
    modality: str | None = None
    text: str | None = None
    sort: str = "date"
    descending: bool = True


# What the events are read from: each event with its article, or each actor of an event with both.
EVENTS = "events e JOIN articles ar ON ar.id = e.article_id"
ACTORS = (
    "event_actors a JOIN events e ON e.article_id = a.article_id AND e.id = a.event_id"
    " JOIN articles ar ON ar.id = e.article_id"
)
SORTS = {
    "date": "e.date_from",
    "type": "e.type",
    "acled": "e.acled_event_type",
    "modality": "e.modality",
    "fatalities": "e.fatalities",
    "country": "e.country",
    "admin1": "e.admin1",
    "place": "e.place_name",
    "confidence": "e.confidence",
    "title": "ar.title",
    "published": "ar.published",
}
SORT_KEYS = tuple(SORTS)
# The columns of an event for the API and exports: its public id ("<16 hex of the article id>-V3"), its fields,
# its actors' names (sorted) and its article.
EVENT_COLUMNS = (
    "substr(e.article_id, 8, 16) || '-' || e.id AS id, e.article_id, e.id AS event_id, e.date_from, e.date_to,"
    " e.date_precision, e.type, e.mode, e.acled_event_type, e.acled_sub_event_type, e.cameo, e.modality,"
    " e.fatalities, e.place_name, e.country, e.admin1, e.lat, e.lon,"
    " (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors a WHERE a.article_id = e.article_id"
    "   AND a.event_id = e.id AND a.role = 'source') AS source,"
    " (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors a WHERE a.article_id = e.article_id"
    "   AND a.event_id = e.id AND a.role = 'target') AS target,"
    " e.trigger, e.sentence, e.confidence, ar.title, ar.published, ar.url, ar.source AS article_source"
)
# The columns of the CLI's listing (``eventwire events``): its actors' names in the order the database keeps them.
LISTING_COLUMNS = (
    "e.article_id, e.id, e.date_from, e.date_to, e.date_precision, e.type, e.mode, e.acled_event_type,"
    " e.acled_sub_event_type, e.modality, e.fatalities, e.place_name, e.country, e.admin1, e.lat, e.lon,"
    " (SELECT string_agg(a.name, '; ') FROM event_actors a WHERE a.article_id = e.article_id"
    "   AND a.event_id = e.id AND a.role = 'source') AS source,"
    " (SELECT string_agg(a.name, '; ') FROM event_actors a WHERE a.article_id = e.article_id"
    "   AND a.event_id = e.id AND a.role = 'target') AS target,"
    " e.trigger, e.sentence, e.confidence, ar.title"
)
# Newest first; then by article and position in the text, so that pages never overlap.
NEWEST_FIRST = "e.date_from DESC NULLS LAST, e.article_id, e.trigger_start"
# Oldest first, for bulk export.
IN_DATE_ORDER = "e.date_from NULLS LAST, e.article_id, e.trigger_start"
_ACTOR_MATCH = "EXISTS (SELECT 1 FROM event_actors a WHERE a.article_id = e.article_id AND a.event_id = e.id AND ({}))"


@dataclass(frozen=True)
class EventQuery:
    """Events that meet every condition (SQL over ``events e`` and ``articles ar``, with its parameters)."""

    where: tuple[str, ...] = ()
    params: tuple[Any, ...] = ()

    @classmethod
    def of(cls, flt: EventFilter) -> EventQuery:
        """The events a filter selects (its page and sort are not conditions: pass them to :meth:`sql`)."""
        where, params = conditions(flt)
        return cls(tuple(where), tuple(params))

    def also(self, condition: str, *params: Any) -> EventQuery:
        """These events, narrowed by one more condition."""
        return EventQuery((*self.where, condition), (*self.params, *params))

    def sql(
        self,
        select: str,
        *,
        source: str = EVENTS,
        group_by: str | None = None,
        order_by: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> tuple[str, list[Any]]:
        """``SELECT select FROM source WHERE ... [GROUP BY] [ORDER BY] [LIMIT ?] [OFFSET ?]`` and its parameters."""
        sql = f"SELECT {select} FROM {source}"
        params = list(self.params)
        if self.where:
            sql += " WHERE " + " AND ".join(self.where)
        if group_by:
            sql += f" GROUP BY {group_by}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        if offset is not None:
            sql += " OFFSET ?"
            params.append(offset)
        return sql, params


def sort_order(flt: EventFilter) -> str:
    """The ORDER BY of a page of events: the filter's sort key, then newest first."""
    key = SORTS.get(flt.sort)
    if key is None:
        raise ValueError(f"cannot sort by {flt.sort!r}; choose one of {', '.join(SORT_KEYS)}")
    direction = "DESC" if flt.descending else "ASC"
    return f"{key} {direction} NULLS LAST, {NEWEST_FIRST}"


def _iso2(country: str) -> tuple[str | None, str | None]:
    """ISO alpha-2 and alpha-3 for a country code or name, when pycountry knows it."""
    import pycountry

    try:
        c = pycountry.countries.lookup(country)
    except LookupError:
        return None, None
    return c.alpha_2, c.alpha_3


def _like(value: str) -> str:
    """A LIKE pattern for text containing ``value``, its wildcards escaped: "50%" matches the text "50%"."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions (over ``events e`` and ``articles ar``) and their parameters for a filter."""
    where: list[str] = []
    params: list[Any] = []
    if flt.type:
        where.append("(upper(e.type) = upper(?) OR lower(e.acled_event_type) = lower(?))")
        params += [flt.type, flt.type]
    if flt.acled_type:
        where.append("(lower(e.acled_event_type) = lower(?) OR lower(e.acled_sub_event_type) = lower(?))")
        params += [flt.acled_type, flt.acled_type]
    if flt.actor:
        where.append(_ACTOR_MATCH.format("a.name ILIKE ? ESCAPE '\\' OR a.sector = upper(?)"))
        params += [_like(flt.actor), flt.actor]
    if flt.any_country:
        iso2, iso3 = _iso2(flt.any_country)
        where.append(f"(e.country = ? OR {_ACTOR_MATCH.format('a.country = ?')})")
        params += [iso2 or flt.any_country.upper(), iso3 or flt.any_country.upper()]
    if flt.country:
        iso2, _ = _iso2(flt.country)
        where.append("e.country = ?")
        params.append(iso2 or flt.country.upper())
    if flt.actor_country:
        _, iso3 = _iso2(flt.actor_country)
        where.append(_ACTOR_MATCH.format("a.country = ?"))
        params.append(iso3 or flt.actor_country.upper())
    if flt.actor_sector:
        where.append(_ACTOR_MATCH.format("a.sector = upper(?)"))
        params.append(flt.actor_sector)
    if flt.admin1:
        where.append("lower(e.admin1) = lower(?)")
        params.append(flt.admin1)
    if flt.modality:
        where.append("lower(e.modality) = lower(?)")
        params.append(flt.modality)
    if flt.since:
        where.append("e.date_to >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("e.date_from <= ?")
        params.append(flt.until)
    if flt.text:
        where.append(
            "(e.sentence ILIKE ? ESCAPE '\\' OR e.place_name ILIKE ? ESCAPE '\\' OR ar.title ILIKE ? ESCAPE '\\' OR "
            + _ACTOR_MATCH.format("a.name ILIKE ? ESCAPE '\\'")
            + ")"
        )
        params += [_like(flt.text)] * 4
    return where, params
