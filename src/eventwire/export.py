"""Exports of stored events: CSV, Parquet, GeoJSON, ACLED's column layout and PLOVER JSON records."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TextIO

import duckdb
import typer

from eventwire.store import BaseStore, EventFilter, StoreError, is_url, open_store

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
PLOVER_KEYS = ("actor", "recipient", "event", "mode", "event_loc", "dead", "injured", "text")

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


class ExportFormat(StrEnum):
    """Formats of ``eventwire export``."""

    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"
    acled = "acled"
    plover = "plover"


@cache
def _country_name(code: str) -> str:
    """A country's common name for an ISO alpha-2 or alpha-3 code (the code itself when unknown)."""
    import pycountry

    try:
        c = pycountry.countries.lookup(code)
    except LookupError:
        return code
    return getattr(c, "common_name", None) or c.name


def _names(ids: list[str], entities: dict[str, dict[str, Any]]) -> str:
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


def acled_rows(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
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
                "actor1": _names(v["source"], ents),
                "actor2": _names(v["target"], ents),
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


def plover_records(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
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
                "actor": _names(v["source"], ents) or None,
                "actor_country": next((e["country"] for e in source if e.get("country")), None),
                "actor_sector": next((e["sector"] for e in source if e.get("sector")), None),
                "recipient": _names(v["target"], ents) or None,
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


def write_export(store: BaseStore, fmt: ExportFormat, out: TextIO | None, path: Path | None) -> int:
    """Write every stored event in ``fmt`` to ``out`` (text formats) or ``path``; returns the number written."""
    if fmt is ExportFormat.parquet:
        if path is None:
            raise ValueError("parquet needs --output PATH")
        return store.write_parquet(path, EventFilter())
    assert out is not None
    if fmt is ExportFormat.acled:
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        n = 0
        for row in acled_rows(store.records()):
            writer.writerow(row)
            n += 1
        return n
    if fmt is ExportFormat.plover:
        n = 0
        for rec in plover_records(store.records()):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    from eventwire.api import to_csv, to_geojson

    dicts = list(store.event_rows(EventFilter()))
    if fmt is ExportFormat.csv:
        out.write(to_csv(dicts))
    else:
        json.dump(to_geojson(dicts), out, ensure_ascii=False, default=str)
        out.write("\n")
    return len(dicts)


def export(
    db: Annotated[
        str, typer.Option(help="DuckDB file written by `eventwire ingest` or a postgresql://... URL.")
    ] = "eventwire.duckdb",
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="csv, parquet, geojson, acled (ACLED columns, CSV) or plover (JSON lines)."
        ),
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; standard output when omitted (not parquet).")
    ] = None,
) -> None:
    """Export every stored event."""
    from rich.console import Console

    err = Console(stderr=True, highlight=False)

    def fail(message: str, code: int = 1) -> typer.Exit:
        err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
        return typer.Exit(code)

    if not is_url(db) and not Path(db).exists():
        raise fail(f"{db}: no such database; create it with `eventwire ingest PATH --db {db}`")
    if fmt is ExportFormat.parquet and output is None:
        raise fail("parquet is binary: give a file with --output PATH", 2)
    try:
        with open_store(db, read_only=True) as store:
            if output is None:
                n = write_export(store, fmt, sys.stdout, None)
            elif fmt is ExportFormat.parquet:
                n = write_export(store, fmt, None, output)
            else:
                with output.open("w", encoding="utf-8", newline="") as fh:
                    n = write_export(store, fmt, fh, None)
    except BrokenPipeError:
        # A reader such as `head` closed the pipe: stop quietly, as other command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream until exit
        raise typer.Exit(0) from None
    except (StoreError, duckdb.Error) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    err.print(f"exported {n} events as {fmt.value}" + (f" to {output}" if output else ""))


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``eventwire`` command."""
    app.command("export")(export)
