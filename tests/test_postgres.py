"""PostgreSQL store: the same tables and the same answers as the DuckDB store (needs a real server).

Set ``EVENTWIRE_TEST_POSTGRES=postgresql://user:password@host/dbname`` (``.ci/run`` starts one from Debian's
packages); without it these tests skip.
"""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.pipeline import Pipeline
from eventwire.store import EventFilter, Store, StoreError, open_store

URL = os.environ.get("EVENTWIRE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="no PostgreSQL server: set EVENTWIRE_TEST_POSTGRES to a database URL")

TEXTS = [
    {"text": "Soldiers killed 12 rebels in clashes near Kidal on Monday.", "published": "2023-02-08"},
    {"text": "Police arrested 40 protesters in Karachi on Friday.", "published": "2023-03-04"},
    {
        "text": "A car bomb killed 5 civilians at a market in Mogadishu on Sunday, police said.",
        "published": "2023-03-06",
    },
]
TABLES = ("event_actors", "events", "quotes", "quantities", "times", "places", "mentions", "entities", "articles")


@pytest.fixture(scope="module")
def records():
    return [r.to_dict() for r in Pipeline().pipe(TEXTS)]


@pytest.fixture
def pg():
    store = open_store(URL)
    for table in TABLES:
        store.con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
    yield store
    store.close()


def _norm(value):
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def test_same_answers_as_duckdb(tmp_path, records, pg):
    with Store(tmp_path / "d.duckdb") as duck:
        assert duck.add_many(records) == pg.add_many(records) == 3
        assert pg.add_many(records) == 0
        assert duck.counts() == pg.counts()
        filters = (
            EventFilter(),
            EventFilter(any_country="Pakistan"),
            EventFilter(country="Pakistan"),
            EventFilter(text="market"),
            EventFilter(type="FIGHT"),
        )
        for flt in filters:
            assert _norm(duck.search_events(flt)) == _norm(pg.search_events(flt))
            assert _norm(duck.stats(flt)) == _norm(pg.stats(flt))
            assert _norm(duck.timeline(flt)) == _norm(pg.timeline(flt))
            assert _norm(duck.top_actors(flt)) == _norm(pg.top_actors(flt))
            assert _norm(duck.top_places(flt)) == _norm(pg.top_places(flt))
        assert duck.facets() == pg.facets()
        assert list(duck.records()) == list(pg.records())
        uid = duck.search_events(EventFilter())[1][0]["id"]
        assert _norm(duck.event(uid)) == _norm(pg.event(uid))
        assert pg.events(EventFilter(actor="x' OR '1'='1")) == []


def test_failed_batch_leaves_nothing(records, pg):
    broken = json.loads(json.dumps(records[1]))
    broken["events"][0]["trigger"] = None
    with pytest.raises(TypeError):
        pg.add_many([records[0], broken])
    assert pg.counts()["articles"] == 0


def test_cli_ingest_and_events(tmp_path, pg):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(t) for t in TEXTS))
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(src), "--db", URL])
    assert r.exit_code == 0, r.output
    password = URL.split("//", 1)[1].split("@", 1)[0].partition(":")[2]
    assert f":{password}@" not in r.stderr.replace("\n", "")
    r = runner.invoke(app, ["events", "--db", URL, "--format", "json", "--country", "ML"])
    rows = json.loads(r.stdout)
    assert rows and all(row["country"] == "ML" for row in rows)


def test_bad_url_is_a_clear_error():
    with pytest.raises(StoreError, match=r"cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


def test_export_and_api_read_postgres(tmp_path, records, pg):
    """`eventwire export` and the HTTP API work on a PostgreSQL store as on DuckDB."""
    import pyarrow.parquet as pq
    from fastapi.testclient import TestClient

    from eventwire.server import create_app

    with Store(tmp_path / "d.duckdb") as duck:
        duck.add_many(records)
    pg.add_many(records)
    runner = CliRunner()
    for db in (str(tmp_path / "d.duckdb"), URL):
        r = runner.invoke(app, ["export", "--db", db, "--format", "geojson"])
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)["type"] == "FeatureCollection"
    r = runner.invoke(app, ["export", "--db", URL, "--format", "csv"])
    duck_csv = runner.invoke(app, ["export", "--db", str(tmp_path / "d.duckdb"), "--format", "csv"])
    assert r.stdout == duck_csv.stdout
    out = tmp_path / "e.parquet"
    r = runner.invoke(app, ["export", "--db", URL, "--format", "parquet", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert pq.read_table(out).num_rows == pg.counts()["events"] > 0
    with TestClient(create_app(URL, read_only=True), raise_server_exceptions=False) as client:
        page = client.get("/api/events", params={"country": "PK"}).json()
        assert page["total"] >= 1 and all(e["country"] == "PK" for e in page["events"])
        assert client.get("/api/stats").json()["events"] == pg.counts()["events"]


def test_rows_fill_the_columns_the_migrations_build(pg):
    """As on DuckDB: the derived columns are the migrated database's, with PostgreSQL's names for the types."""
    from eventwire.store.rows import TABLES, table_columns

    spelled = {"character varying": "VARCHAR", "double precision": "DOUBLE", "timestamp without time zone": "TIMESTAMP"}
    built = {}
    for table in TABLES:
        cur = pg.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
            " AND table_schema = current_schema() ORDER BY ordinal_position",
            [table],
        )
        built[table] = {name: spelled.get(kind, kind.upper()) for name, kind in cur.fetchall()}
    assert built["articles"].pop("ingested_at") == "TIMESTAMP"
    assert built == table_columns()
