"""Records flattened into table rows: one source of truth for every store backend."""

from __future__ import annotations

import json
from typing import Any

Rows = dict[str, list[dict[str, Any]]]

TABLES = ("articles", "entities", "mentions", "places", "times", "quantities", "quotes", "events", "event_actors")


def record_rows(record: dict[str, Any]) -> Rows:
    """Rows of every table for one ``eventwire/1`` record (dicts keyed by column name)."""
    art = record["article"]
    aid = art["id"]
    ents = {e["id"]: e for e in record["entities"]}
    places = {p["id"]: p for p in record["places"]}
    rows: Rows = {t: [] for t in TABLES}
    rows["articles"].append(
        {
            "id": aid,
            "ref": art.get("ref"),
            "title": art.get("title"),
            "published": art.get("published"),
            "url": art.get("url"),
            "source": art.get("source"),
            "language": art.get("language"),
            "metadata": json.dumps(art.get("metadata") or {}),
            "text": record["text"],
            "record": json.dumps(record),
        }
    )
    for e in ents.values():
        rows["entities"].append(
            {
                "article_id": aid,
                "id": e["id"],
                "name": e["name"],
                "kind": e["kind"],
                "country": e.get("country"),
                "sector": e.get("sector"),
                "code": e.get("code"),
                "roles": json.dumps(e.get("roles", [])),
            }
        )
        for m in e["mentions"]:
            rows["mentions"].append(
                {
                    "article_id": aid,
                    "entity_id": e["id"],
                    "start_char": m["start"],
                    "end_char": m["end"],
                    "text": m["text"],
                }
            )
    for p in places.values():
        rows["places"].append(
            {
                "article_id": aid,
                "id": p["id"],
                "name": p["name"],
                "geonameid": p.get("geonameid"),
                "country": p.get("country"),
                "admin1": p.get("admin1"),
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "level": p.get("level"),
                "mentions": json.dumps(p["mentions"]),
            }
        )
    for t in record["times"]:
        rows["times"].append(
            {
                "article_id": aid,
                "id": t["id"],
                "type": t["type"],
                "value": t["value"],
                "date_from": t.get("from"),
                "date_to": t.get("to"),
                "precision": t.get("precision"),
                "start_char": t["mention"]["start"],
                "end_char": t["mention"]["end"],
                "text": t["mention"]["text"],
            }
        )
    for q in record["quantities"]:
        rows["quantities"].append(
            {
                "article_id": aid,
                "id": q["id"],
                "value": q.get("value"),
                "low": q.get("low"),
                "high": q.get("high"),
                "approximate": q.get("approximate", False),
                "counts": q.get("counts"),
                "role": q.get("role"),
                "start_char": q["mention"]["start"],
                "end_char": q["mention"]["end"],
                "text": q["mention"]["text"],
            }
        )
    for u in record["quotes"]:
        rows["quotes"].append(
            {
                "article_id": aid,
                "id": u["id"],
                "direct": u["direct"],
                "content": u["content"]["text"],
                "content_start": u["content"]["start"],
                "content_end": u["content"]["end"],
                "speaker": (u.get("speaker") or {}).get("text"),
                "speaker_entity": u.get("speaker_entity"),
            }
        )
    for v in record["events"]:
        p = places.get(v.get("place")) or {}
        d = v.get("date") or {}
        acled = v.get("acled") or {}
        rows["events"].append(
            {
                "article_id": aid,
                "id": v["id"],
                "type": v["type"],
                "mode": v.get("mode"),
                "acled_event_type": acled.get("event_type"),
                "acled_sub_event_type": acled.get("sub_event_type"),
                "cameo": v.get("cameo"),
                "place_id": v.get("place"),
                "place_name": p.get("name"),
                "country": p.get("country"),
                "admin1": p.get("admin1"),
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "time_id": v.get("time"),
                "date_from": d.get("from"),
                "date_to": d.get("to"),
                "date_precision": d.get("precision"),
                "fatalities": v.get("fatalities"),
                "modality": v["modality"],
                "attributed_to": v.get("attributed_to"),
                "trigger": v["trigger"]["text"],
                "trigger_start": v["trigger"]["start"],
                "trigger_end": v["trigger"]["end"],
                "sentence": v["sentence"]["text"],
                "sentence_start": v["sentence"]["start"],
                "sentence_end": v["sentence"]["end"],
                "confidence": v.get("confidence"),
                "because": json.dumps(v.get("because")),
            }
        )
        roles = [(eid, "source") for eid in v.get("source", [])] + [(eid, "target") for eid in v.get("target", [])]
        for eid, role in roles:
            e = ents.get(eid, {})
            rows["event_actors"].append(
                {
                    "article_id": aid,
                    "event_id": v["id"],
                    "entity_id": eid,
                    "role": role,
                    "name": e.get("name"),
                    "country": e.get("country"),
                    "sector": e.get("sector"),
                }
            )
    return rows


def merge_rows(batch: list[Rows]) -> Rows:
    """Rows of several records, table by table."""
    out: Rows = {t: [] for t in TABLES}
    for rows in batch:
        for table, items in rows.items():
            out[table].extend(items)
    return out
