"""The output format registry: one place that the CLI, the API and `export` all write through."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from eventwire import formats
from eventwire.formats import FORMATS, Source, offered, output_format, render

ROWS = [
    {"id": "ab-V1", "date_from": date(2024, 3, 1), "type": "PROTEST", "lat": 1.5, "lon": 36.8, "sentence": 'a "b", c'},
    {"id": "ab-V2", "date_from": None, "type": "ASSAULT", "lat": None, "lon": None, "sentence": "d\ne"},
]


def test_every_format_is_registered_once_and_offered_where_it_was():
    assert list(FORMATS) == ["csv", "json", "parquet", "geojson", "acled", "plover", "jsonl"]
    assert offered("export") == ["csv", "parquet", "geojson", "acled", "plover"]
    assert offered("events") == ["csv", "json"]
    assert offered("extract") == ["json", "jsonl"]
    assert offered("api") == ["csv", "geojson"]
    with pytest.raises(ValueError, match="registered twice"):
        output_format("csv", "text/csv", "again", offered=())(lambda source, out: 0)


def test_the_commands_offer_the_registry_formats():
    from eventwire.cli import events, export, extract
    from eventwire.server import events as api_events

    assert [f.value for f in export.ExportFormat] == offered("export")
    assert [f.value for f in events.ListFormat] == ["table", *offered("events")]
    assert [f.value for f in extract.ExtractFormat] == [*offered("extract"), "table"]
    assert [f.value for f in api_events.Format] == ["json", *offered("api")]


def test_one_decorator_registers_a_format():
    @output_format("tsv-test", "text/tab-separated-values", "rows as TSV", offered=("events",))
    def write_tsv(source: Source, out: formats.TextOut) -> int:
        rows = list(source.rows())
        for row in rows:
            out.write("\t".join(str(v) for v in row.values()) + "\n")
        return len(rows)

    try:
        assert "tsv-test" in offered("events") and "tsv-test" not in offered("export")
        assert render(FORMATS["tsv-test"], Source.of_rows(ROWS)).splitlines()[0].startswith("ab-V1\t2024-03-01")
    finally:
        FORMATS.pop("tsv-test")


def test_csv_is_one_writer_with_a_header_and_quoting():
    text = render(FORMATS["csv"], Source.of_rows(ROWS))
    assert text.startswith("id,date_from,type,lat,lon,sentence\r\n")
    assert list(csv.DictReader(io.StringIO(text)))[1]["sentence"] == "d\ne"
    assert render(FORMATS["csv"], Source.of_rows([])) == "id\r\n"
    out = io.StringIO()
    assert formats.write_csv(ROWS, out, fields=["type", "id"], lineterminator="\n") == 2
    assert out.getvalue() == "type,id\nPROTEST,ab-V1\nASSAULT,ab-V2\n"


def test_json_geojson_and_json_lines():
    assert json.loads(render(FORMATS["json"], Source.of_rows(ROWS)))[0]["date_from"] == "2024-03-01"
    record = {"article": {"id": "x"}, "text": "é"}
    assert json.loads(render(FORMATS["json"], Source.of_records([record], single=True))) == record
    assert json.loads(render(FORMATS["json"], Source.of_records([record, record], single=True))) == [record, record]
    assert (
        render(FORMATS["jsonl"], Source.of_records([record, record])) == 2 * '{"article": {"id": "x"}, "text": "é"}\n'
    )
    geo = FORMATS["geojson"]
    assert geo.document is not None and geo.media_type == "application/geo+json"
    document = geo.document(Source.of_rows(ROWS))
    assert [f["id"] for f in document["features"]] == ["ab-V1"]
    assert document["features"][0]["geometry"]["coordinates"] == [36.8, 1.5]
    assert document["features"][0]["properties"]["date_from"] == "2024-03-01"
    assert json.loads(render(geo, Source.of_rows(ROWS))) == document


def test_parquet_needs_a_store():
    parquet = FORMATS["parquet"]
    assert parquet.binary
    with pytest.raises(ValueError, match="store"):
        parquet.write(Source.of_rows(ROWS), "x.parquet")
