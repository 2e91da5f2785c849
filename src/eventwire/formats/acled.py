"""ACLED's column layout: one row per event, with ACLED's interaction, time and geo precision codes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

ACLED_COLUMNS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "inter1",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

# ACLED interaction codes by PLOVER sector: 1 state forces, 2 rebel groups, 3 political militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces (ACLED codebook, "Interaction codes").
_INTER = {
    "MIL": 1,
    "COP": 1,
    "GOV": 1,
    "SPY": 1,
    "JUD": 1,
    "LEG": 1,
    "REB": 2,
    "UAF": 3,
    "PRM": 3,
    "PTY": 3,
    "OPP": 7,
    "CVL": 7,
    "JRN": 7,
    "EDU": 7,
    "MED": 7,
    "REL": 7,
    "REF": 7,
    "AGR": 7,
    "BUS": 7,
    "LAB": 7,
    "SOC": 7,
    "ELI": 7,
    "IGO": 8,
    "NGO": 8,
}
# ACLED time precision: 1 the day is known, 2 the week or a few days, 3 a month or broader.
_TIME_PRECISION = {"day": 1, "week": 2}
# ACLED geo precision: 1 the town itself, 2 a part of a region near it, 3 only the region or country.
_GEO_PRECISION = {"place": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}


@cache
def _country_name(code: str) -> str:
    """A country's common name for an ISO alpha-2 or alpha-3 code (the code itself when unknown)."""
    import pycountry

    try:
        c = pycountry.countries.lookup(code)
    except LookupError:
        return code
    return getattr(c, "common_name", None) or c.name


def entity_names(ids: list[str], entities: dict[str, dict[str, Any]]) -> str:
    """Names of entities, '; '-separated."""
    return "; ".join(entities[i]["name"] for i in ids if i in entities)


def _inter(ids: list[str], entities: dict[str, dict[str, Any]], acled_type: str | None) -> int | str:
    """ACLED interaction code of the first actor that has one; protesters and rioters follow the event type."""
    if ids and acled_type in ("Protests", "Riots"):
        return 6 if acled_type == "Protests" else 5
    for i in ids:
        code = _INTER.get((entities.get(i) or {}).get("sector") or "")
        if code is not None:
            return code
    return ""


def acled_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row in ACLED's column layout per event."""
    for record in records:
        ents = {e["id"]: e for e in record["entities"]}
        places = {p["id"]: p for p in record["places"]}
        art = record["article"]
        for v in record["events"]:
            place = places.get(v.get("place")) or {}
            acled = v.get("acled") or {}
            when = v.get("date") or {}
            yield {
                "event_date": when.get("from") or art.get("published") or "",
                "time_precision": _TIME_PRECISION.get(when.get("precision") or "", 3),
                "event_type": acled.get("event_type") or "",
                "sub_event_type": acled.get("sub_event_type") or "",
                "actor1": entity_names(v["source"], ents),
                "actor2": entity_names(v["target"], ents),
                "inter1": _inter(v["source"], ents, acled.get("event_type")),
                "inter2": _inter(v["target"], ents, None),
                "country": _country_name(place["country"]) if place.get("country") else "",
                "admin1": place.get("admin1") or "",
                "location": place.get("name") or "",
                "latitude": place.get("lat") if place.get("lat") is not None else "",
                "longitude": place.get("lon") if place.get("lon") is not None else "",
                "geo_precision": _GEO_PRECISION.get(place.get("level") or "", 3) if place else "",
                "source": art.get("source") or art.get("url") or art.get("title") or "",
                "notes": v["sentence"]["text"],
                "fatalities": v.get("fatalities") or 0,
            }
