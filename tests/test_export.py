"""``eventwire export``: CSV, Parquet, GeoJSON, ACLED columns and PLOVER records."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli.export import register
from eventwire.formats import ACLED_COLUMNS, PLOVER_KEYS, acled_rows, plover_records
from eventwire.pipeline import Pipeline
from eventwire.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    texts = [
        {"text": "Soldiers killed 12 rebels in clashes near Kidal on Monday.", "published": "2023-02-08"},
        {"text": "Thousands of protesters marched in Lagos on Friday.", "published": "2023-03-04"},
    ]
    path = tmp_path_factory.mktemp("export") / "x.duckdb"
    with Store(path) as store:
        for record in Pipeline().pipe(texts):
            store.add(record.to_dict())
        n = store.counts()["events"]
    return path, n


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    return app


def _run(cli, *args):
    r = runner.invoke(cli, ["export", *args])
    assert r.exit_code == 0, r.output
    return r.stdout


def test_csv_and_geojson(cli, db):
    path, n = db
    rows = list(csv.DictReader(io.StringIO(_run(cli, "--db", str(path), "--format", "csv"))))
    assert len(rows) == n and {"type", "date_from", "lat", "lon", "sentence"} <= rows[0].keys()
    geo = json.loads(_run(cli, "--db", str(path), "--format", "geojson"))
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == sum(1 for r in rows if r["lat"])
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])


def test_parquet(cli, db, tmp_path):
    path, n = db
    out = tmp_path / "events.parquet"
    _run(cli, "--db", str(path), "--format", "parquet", "--output", str(out))
    con = duckdb.connect()
    count, types = con.execute("SELECT count(*), list(DISTINCT type) FROM read_parquet(?)", [str(out)]).fetchone()
    assert count == n and {"FIGHT", "ASSAULT"} & set(types)
    r = runner.invoke(cli, ["export", "--db", str(path), "--format", "parquet"])
    assert r.exit_code == 2 and "--output" in r.output


def test_acled_layout(cli, db, tmp_path):
    path, n = db
    out = tmp_path / "acled.csv"
    _run(cli, "--db", str(path), "--format", "acled", "--output", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS and len(rows) == n
    protest = next(r for r in rows if r["event_type"] == "Protests")
    assert protest["country"] == "Nigeria" and protest["location"] == "Lagos" and protest["inter1"] == "6"
    assert protest["event_date"] == "2023-03-03" and protest["time_precision"] == "1"
    assert all(r["fatalities"].isdigit() for r in rows)
    assert any(r["fatalities"] == "12" for r in rows)


def test_plover_records(cli, db):
    path, n = db
    lines = _run(cli, "--db", str(path), "--format", "plover").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == n and all(set(PLOVER_KEYS) <= r.keys() for r in records)
    killed = next(r for r in records if r["dead"] == 12)
    assert killed["text"].startswith("Soldiers killed") and killed["event"] in ("ASSAULT", "FIGHT")
    protest = next(r for r in records if r["event"] == "PROTEST")
    assert protest["event_loc"]["name"] == "Lagos" and protest["event_loc"]["country"] == "NG"


def test_missing_database_is_named(cli, tmp_path):
    r = runner.invoke(cli, ["export", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "none.duckdb" in r.output


def _record(sector_a, sector_b, acled_type, level="place"):
    """A hand-made record with one event between two actors."""
    return {
        "article": {"id": "sha256:" + "ab" * 32, "published": "2022-01-05", "source": "Wire"},
        "text": "x",
        "entities": [
            {"id": "E1", "name": "A", "sector": sector_a, "country": "USA"},
            {"id": "E2", "name": "B", "sector": sector_b, "country": None},
        ],
        "places": [
            {"id": "P1", "name": "Town", "country": "FR", "admin1": "Region", "lat": 1.0, "lon": 2.0, "level": level}
        ],
        "quantities": [{"id": "Q1", "value": 3.0, "role": "injured"}, {"id": "Q2", "value": 2.0, "role": "killed"}],
        "events": [
            {
                "id": "V1",
                "type": "ASSAULT",
                "mode": None,
                "acled": {"event_type": acled_type, "sub_event_type": None},
                "source": ["E1"],
                "target": ["E2"],
                "place": "P1",
                "quantities": ["Q1", "Q2"],
                "fatalities": 2,
                "modality": "reported",
                "date": {"from": "2022-01-01", "to": "2022-01-31", "precision": "month"},
                "sentence": {"start": 0, "end": 1, "text": "x"},
            }
        ],
    }


def test_acled_codes_from_sectors_and_precision():
    row = next(acled_rows(iter([_record("MIL", "CVL", "Violence against civilians", "admin1")])))
    assert (row["inter1"], row["inter2"], row["time_precision"], row["geo_precision"]) == (1, 7, 3, 3)
    assert row["country"] == "France" and row["source"] == "Wire" and row["fatalities"] == 2
    row = next(acled_rows(iter([_record("REB", None, "Battles")])))
    assert (row["inter1"], row["inter2"], row["geo_precision"]) == (2, "", 1)


def test_plover_counts_and_actor_codes():
    rec = next(plover_records(iter([_record("MIL", "CVL", "Battles")])))
    assert (rec["dead"], rec["injured"], rec["actor"], rec["recipient"]) == (2, 3, "A", "B")
    assert rec["actor_country"] == "USA" and rec["actor_sector"] == "MIL" and rec["event_loc"]["name"] == "Town"
