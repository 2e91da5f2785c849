"""Every output format in one registry: CSV, JSON, Parquet, GeoJSON, ACLED, PLOVER and JSON lines.

The command line (``events --format``, ``extract --format``, ``export --format``) and the HTTP API
(``GET /api/events?format=``) all write through this registry, so a format is written one way everywhere.
Registering a format is one decorator, which also says which commands offer it::

    @output_format("tsv", "text/tab-separated-values", "events as TSV", offered=("events", "export"))
    def write_tsv(source: Source, out: TextOut) -> int:
        ...

A format reads a :class:`Source`: the event rows, the eventwire/1 records they come from, or (for a binary
format) the store itself; it writes text to ``out`` (or a file, for a binary format) and returns how many
items it wrote. Formats are offered in the order they are registered; the commands build their choices when
they are imported, so a format is registered here, before them.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import EnumType, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from eventwire.formats.acled import ACLED_COLUMNS, acled_rows
    from eventwire.formats.plover import PLOVER_KEYS, plover_records
    from eventwire.store import BaseStore, EventFilter

Row = dict[str, Any]
# The commands that offer formats; each format says which of them offer it.
Where = Literal["events", "extract", "export", "api"]


class TextOut(Protocol):
    """Where a text format writes: a file, standard output, a buffer."""

    def write(self, text: str, /) -> Any:
        """Write text."""


def _nothing() -> Iterable[Row]:
    """No items."""
    return ()


@dataclass
class Source:
    """What a format reads: event rows, the records they come from, and for exports the store's own writer.

    ``lists`` says what the command lists, which is what JSON and JSON lines write: event rows (``events``,
    ``export``, the API) or records (``extract``). ``single``: the caller asked for one document, so JSON
    writes a lone item bare instead of in a list.
    """

    rows: Callable[[], Iterable[Row]] = _nothing
    records: Callable[[], Iterable[Row]] = _nothing
    lists: Literal["rows", "records"] = "rows"
    single: bool = False
    parquet: Callable[[Path], int] | None = None

    def listed(self) -> Iterable[Row]:
        """The items the command lists."""
        return self.records() if self.lists == "records" else self.rows()

    @classmethod
    def of_rows(cls, rows: list[Row]) -> Source:
        """Event rows already fetched (a page, a listing)."""
        return cls(rows=lambda: rows)

    @classmethod
    def of_records(cls, records: Iterable[Row], single: bool = False) -> Source:
        """Records as they are made (``extract``); read once."""
        return cls(records=lambda: records, lists="records", single=single)

    @classmethod
    def of_store(cls, store: BaseStore, flt: EventFilter) -> Source:
        """Every event of a store matching ``flt``, the store's records and its Parquet writer."""
        return cls(
            rows=lambda: store.event_rows(flt),
            records=store.records,
            parquet=lambda path: store.write_parquet(path, flt),
        )


Writer = Callable[[Source, Any], int]


@dataclass(frozen=True)
class OutputFormat:
    """A registered format: how to write it, its media type, and which commands offer it."""

    name: str
    write: Writer
    media_type: str
    description: str
    offered: frozenset[str] = field(default_factory=frozenset)
    # Binary formats are written to a file (``write(source, path)``), never to standard output.
    binary: bool = False
    # JSON formats: the document, for the API to send as its JSON body.
    document: Callable[[Source], Any] | None = None
    # The API offers the response as a download named ``events.<name>``.
    download: bool = False


FORMATS: dict[str, OutputFormat] = {}


def output_format(
    name: str,
    media_type: str,
    description: str,
    offered: Iterable[Where],
    binary: bool = False,
    document: Callable[[Source], Any] | None = None,
    download: bool = False,
) -> Callable[[Writer], Writer]:
    """Register the decorated ``write(source, out) -> count`` as the format ``name`` (decorator)."""

    def register(write: Writer) -> Writer:
        if name in FORMATS:
            raise ValueError(f"output format {name!r} is registered twice")
        FORMATS[name] = OutputFormat(
            name,
            write,
            media_type,
            description,
            frozenset(offered),
            binary=binary,
            document=document,
            download=download,
        )
        return write

    return register


def offered(where: Where) -> list[str]:
    """The names of the formats a command offers, in registration order."""
    return [name for name, fmt in FORMATS.items() if where in fmt.offered]


def render(fmt: OutputFormat, source: Source) -> str:
    """A text format's output as one string."""
    buf = io.StringIO()
    fmt.write(source, buf)
    return buf.getvalue()


def choices(name: str, values: Iterable[str], doc: str) -> type[StrEnum]:
    """An enum of format names, the parameter type Typer and FastAPI need (``doc`` describes it in OpenAPI)."""
    # The functional API with a name known only at run time (``StrEnum(name, ...)`` wants a literal name).
    enum = EnumType.__call__(StrEnum, name, [(value, value) for value in values])
    assert issubclass(enum, StrEnum)
    enum.__doc__ = doc
    return enum


# --- writers shared by the formats ------------------------------------------------------------------------


def write_csv(
    rows: Iterable[Row], out: TextOut, fields: Sequence[str] | None = None, lineterminator: str = "\r\n"
) -> int:
    """Rows as CSV with a header line (the one CSV writer); the fields are the first row's keys unless given."""
    items = iter(rows)
    first = next(items, None)
    if fields is None:
        fields = list(first) if first is not None else ["id"]
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator=lineterminator)
    writer.writeheader()
    n = 0
    for row in itertools.chain([] if first is None else [first], items):
        writer.writerow(row)
        n += 1
    return n


def write_json_lines(items: Iterable[Row], out: TextOut) -> int:
    """One JSON document per line."""
    n = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    return n


def _json_value(value: Any) -> Any:
    """A store value as JSON: dates as ISO strings."""
    return value.isoformat() if isinstance(value, date) else value


def to_geojson(rows: Iterable[Row]) -> dict[str, Any]:
    """Located event rows as a GeoJSON FeatureCollection (longitude first, as GeoJSON requires)."""
    features = []
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = {k: _json_value(v) for k, v in row.items() if k not in ("lat", "lon")}
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- the formats, in the order commands offer them ----------------------------------------------------------


@output_format(
    "csv", "text/csv; charset=utf-8", "events as CSV, one row each", offered=("events", "export", "api"), download=True
)
def csv_format(source: Source, out: TextOut) -> int:
    """Event rows as CSV."""
    return write_csv(source.rows(), out)


@output_format("json", "application/json", "the listed items as one JSON document", offered=("events", "extract"))
def json_format(source: Source, out: TextOut) -> int:
    """The listed items as one indented JSON array (one item alone when a single one was asked for)."""
    items = list(source.listed())
    document = items[0] if source.single and len(items) == 1 else items
    out.write(json.dumps(document, default=str, ensure_ascii=False, indent=1) + "\n")
    return len(items)


@output_format(
    "parquet", "application/vnd.apache.parquet", "events as a Parquet file", offered=("export",), binary=True
)
def parquet_format(source: Source, path: Path) -> int:
    """Event rows as a Parquet file, written by the store."""
    if source.parquet is None:
        raise ValueError("parquet is written from a store")
    return source.parquet(path)


def _geojson_document(source: Source) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of the source's located events."""
    return to_geojson(source.rows())


@output_format(
    "geojson",
    "application/geo+json",
    "located events as a GeoJSON FeatureCollection",
    offered=("export", "api"),
    document=_geojson_document,
)
def geojson_format(source: Source, out: TextOut) -> int:
    """Located events as GeoJSON."""
    rows = list(source.rows())
    json.dump(to_geojson(rows), out, ensure_ascii=False, default=str)
    out.write("\n")
    return len(rows)


@output_format("acled", "text/csv; charset=utf-8", "events in ACLED's columns (CSV)", offered=("export",))
def acled_format(source: Source, out: TextOut) -> int:
    """One row in ACLED's column layout per event."""
    from eventwire.formats.acled import ACLED_COLUMNS, acled_rows

    return write_csv(acled_rows(source.records()), out, fields=ACLED_COLUMNS, lineterminator="\n")


@output_format("plover", "application/x-ndjson", "PLOVER JSON records, one per line", offered=("export",))
def plover_format(source: Source, out: TextOut) -> int:
    """One PLOVER JSON record per event, one per line."""
    from eventwire.formats.plover import plover_records

    return write_json_lines(plover_records(source.records()), out)


@output_format("jsonl", "application/x-ndjson", "the listed items, one JSON document per line", offered=("extract",))
def jsonl_format(source: Source, out: TextOut) -> int:
    """The listed items as JSON lines."""
    return write_json_lines(source.listed(), out)


# The ACLED and PLOVER mappings are imported when first used: ``extract`` and ``events`` never write them.
_LAZY = {
    "ACLED_COLUMNS": "eventwire.formats.acled",
    "acled_rows": "eventwire.formats.acled",
    "PLOVER_KEYS": "eventwire.formats.plover",
    "plover_records": "eventwire.formats.plover",
}


def __getattr__(name: str) -> Any:
    """The ACLED and PLOVER names re-exported here, imported on first use."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "PLOVER_KEYS",
    "OutputFormat",
    "Source",
    "acled_rows",
    "offered",
    "output_format",
    "plover_records",
    "render",
    "to_geojson",
    "write_csv",
    "write_json_lines",
]
