"""PLOVER JSON records: one per event, with its id, date and article for provenance."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.formats.acled import entity_names

PLOVER_KEYS = ("actor", "recipient", "event", "mode", "event_loc", "dead", "injured", "text")


def _event_quantities(event: dict[str, Any], record: dict[str, Any], role: str) -> int | None:
    """The sum of the event's quantities with this role (lower bound of a range), or None."""
    by_id = {q["id"]: q for q in record["quantities"]}
    values = []
    for qid in event["quantities"]:
        q = by_id.get(qid) or {}
        value = q.get("value") if q.get("value") is not None else q.get("low")
        if q.get("role") == role and value is not None:
            values.append(value)
    return int(sum(values)) if values else None


def plover_records(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One PLOVER JSON record per event, with its id, date and article for provenance."""
    for record in records:
        ents = {e["id"]: e for e in record["entities"]}
        places = {p["id"]: p for p in record["places"]}
        for v in record["events"]:
            place = places.get(v.get("place"))
            loc = None
            if place:
                loc = {
                    k: place.get(k)
                    for k in ("name", "geonameid", "country", "admin1", "lat", "lon", "level", "position")
                }
            source = [ents[i] for i in v["source"] if i in ents]
            target = [ents[i] for i in v["target"] if i in ents]
            yield {
                "id": f"{record['article']['id'].removeprefix('sha256:')[:16]}-{v['id']}",
                "date": (v.get("date") or {}).get("from"),
                "actor": entity_names(v["source"], ents) or None,
                "actor_country": next((e["country"] for e in source if e.get("country")), None),
                "actor_sector": next((e["sector"] for e in source if e.get("sector")), None),
                "recipient": entity_names(v["target"], ents) or None,
                "recipient_country": next((e["country"] for e in target if e.get("country")), None),
                "recipient_sector": next((e["sector"] for e in target if e.get("sector")), None),
                "event": v["type"],
                "mode": v.get("mode"),
                "modality": v.get("modality"),
                "event_loc": loc,
                "dead": v.get("fatalities"),
                "injured": _event_quantities(v, record, "injured"),
                "text": v["sentence"]["text"],
                "article_id": record["article"]["id"],
            }
