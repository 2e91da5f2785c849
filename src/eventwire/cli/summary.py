"""Readable summaries of records and event lists for the terminal (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _table(title: str, *columns: str) -> Table:
    """A compact table with a title."""
    table = Table(title=title, title_justify="left", title_style="bold", show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _short(text: str, n: int = 90) -> str:
    """Text cut to ``n`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_summary(record: dict[str, Any], console: Console) -> None:
    """Print one record as tables: article, entities, places, times, quantities, quotes, events."""
    art = record["article"]
    console.print(f"[bold]{art.get('title') or '(untitled)'}[/]  published {art.get('published') or 'unknown'}")
    ents = {e["id"]: e for e in record["entities"]}
    places = {p["id"]: p for p in record["places"]}
    times = {t["id"]: t for t in record["times"]}

    t = _table("Entities", "id", "name", "kind", "country", "sector", "roles", "mentions")
    for e in record["entities"]:
        names = sorted({m["text"] for m in e["mentions"]})
        t.add_row(
            e["id"],
            e["name"],
            e["kind"],
            e.get("country") or "",
            e.get("sector") or "",
            ", ".join(e.get("roles", [])),
            _short(" | ".join(names), 70),
        )
    console.print(t)

    t = _table("Places", "id", "name", "geonameid", "country", "admin1", "level", "lat, lon", "mentions")
    for p in record["places"]:
        coords = f"{p['lat']:.2f}, {p['lon']:.2f}" if p.get("lat") is not None else ""
        t.add_row(
            p["id"],
            p["name"],
            str(p.get("geonameid") or "—"),
            p.get("country") or "",
            p.get("admin1") or "",
            p.get("level") or "",
            coords,
            str(len(p["mentions"])),
        )
    console.print(t)

    t = _table("Times", "id", "text", "type", "value", "from", "to", "precision")
    for x in record["times"]:
        t.add_row(
            x["id"],
            x["mention"]["text"],
            x["type"],
            x["value"],
            x.get("from") or "",
            x.get("to") or "",
            x.get("precision") or "",
        )
    console.print(t)

    t = _table("Quantities", "id", "text", "value", "range", "counts", "role")
    for q in record["quantities"]:
        rng = (
            f"{q.get('low')}–{q.get('high')}" if q.get("high") is not None else (f"≥{q['low']}" if q.get("low") else "")
        )
        t.add_row(
            q["id"],
            q["mention"]["text"],
            str(q.get("value")),
            rng + (" ~" if q.get("approximate") else ""),
            q.get("counts") or "",
            q.get("role") or "",
        )
    console.print(t)

    t = _table("Quotes", "id", "direct", "speaker", "entity", "content")
    for u in record["quotes"]:
        speaker = (u.get("speaker") or {}).get("text", "")
        ent = ents.get(u.get("speaker_entity") or "", {}).get("name", "")
        t.add_row(u["id"], "yes" if u["direct"] else "no", speaker, ent, _short(u["content"]["text"]))
    console.print(t)

    t = _table("Events", "id", "type", "trigger", "source", "target", "place", "when", "dead", "modality", "by")
    for v in record["events"]:
        when = v.get("date") or {}
        span = when.get("from") if when.get("from") == when.get("to") else f"{when.get('from')}..{when.get('to')}"
        t.add_row(
            v["id"],
            v["type"] + (f"/{v['mode']}" if v.get("mode") else ""),
            v["trigger"]["text"],
            "; ".join(ents[i]["name"] for i in v["source"] if i in ents),
            "; ".join(ents[i]["name"] for i in v["target"] if i in ents),
            places.get(v.get("place") or "", {}).get("name", ""),
            f"{span} ({when.get('precision')})" if when else (times.get(v.get("time") or "", {}).get("value", "")),
            str(v["fatalities"]) if v.get("fatalities") is not None else "",
            v["modality"],
            ents.get(v.get("attributed_to") or "", {}).get("name", ""),
        )
    console.print(t)


def events_table(rows: list[dict[str, Any]]) -> Table:
    """Stored events as a table."""
    t = _table(
        f"{len(rows)} events", "date", "type", "acled", "source", "target", "place", "dead", "modality", "trigger"
    )
    for r in rows:
        when = str(r["date_from"]) if r["date_from"] == r["date_to"] else f"{r['date_from']}..{r['date_to']}"
        t.add_row(
            when,
            r["type"],
            r.get("acled_sub_event_type") or "",
            r.get("source") or "",
            r.get("target") or "",
            ", ".join(x for x in (r.get("place_name"), r.get("country")) if x),
            "" if r.get("fatalities") is None else str(r["fatalities"]),
            r["modality"],
            r["trigger"],
        )
    return t
