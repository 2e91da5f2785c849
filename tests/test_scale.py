"""Scaling out: a Dask local cluster gives the same records as a local run; batched writes stay all-or-nothing."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.pipeline import Pipeline
from eventwire.scale import dask_analyse, read_partitions, store_in_batches
from eventwire.store import Store

TEXTS = [
    {
        "id": "a",
        "text": "Rebels attacked an army post near Beni on Friday, killing 6 soldiers.",
        "published": "2021-03-08",
    },
    {"id": "b", "text": "Police arrested 40 protesters in Minsk on Sunday.", "published": "2021-03-08"},
    {"id": "c", "text": "Militants shelled Idlib on Monday, the army said.", "published": "2021-03-09"},
    {
        "id": "d",
        "text": "Thousands marched in Yangon on Saturday to demand the release of detainees.",
        "published": "2021-03-08",
    },
    {"id": "e", "text": "A roadside bomb wounded 3 police officers outside Kandahar.", "published": "2021-03-10"},
]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def test_dask_local_cluster_matches_local_run(tmp_path, pipeline):
    from eventwire.pipeline import to_article

    local = [r.to_dict() for r in pipeline.pipe(TEXTS)]
    parts = dask_analyse(
        [to_article(t) for t in TEXTS], tmp_path / "parts", scheduler="local-threads", partition_size=2
    )
    assert len(parts) == 3 and all(p.exists() for p in parts)
    assert list(read_partitions(parts)) == local


def test_store_in_batches_isolates_a_bad_record(tmp_path, pipeline):
    records = [r.to_dict() for r in pipeline.pipe(TEXTS)]
    broken = json.loads(json.dumps(records[2]))
    broken["events"][0]["trigger"] = None
    done, failed = [], []
    with Store(tmp_path / "s.duckdb") as store:
        store_in_batches(
            store,
            [records[0], records[1], broken, records[3], records[0]],
            batch_size=10,
            on_done=lambda r, s: done.append((r["article"]["ref"], s)),
            on_error=lambda r, e: failed.append(r["article"]["ref"]),
        )
        assert store.counts()["articles"] == 3
        assert not store.has_article(broken["article"]["id"])
    assert failed == ["c"]
    assert done == [("a", True), ("b", True), ("d", True), ("a", False)]


def test_cli_dask_ingest_equals_local_ingest(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(t) for t in TEXTS))
    runner = CliRunner()
    r1 = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "local.duckdb")])
    r2 = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "dask.duckdb"), "--dask", "local-threads"])
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    with Store(tmp_path / "local.duckdb", read_only=True) as a, Store(tmp_path / "dask.duckdb", read_only=True) as b:
        assert sorted(json.dumps(r, sort_keys=True) for r in a.records()) == sorted(
            json.dumps(r, sort_keys=True) for r in b.records()
        )
    r3 = runner.invoke(app, ["load", str(tmp_path / "dask.duckdb.parts"), "--db", str(tmp_path / "dask.duckdb")])
    assert r3.exit_code == 0 and "0 stored, 5 already stored" in r3.stderr
