"""The command line, run in-process with Typer's runner and once as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from helpers import check_record

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_extract_json(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Rebels ambushed a patrol near Beni on Friday, killing 4 soldiers.")
    result = runner.invoke(app, ["extract", str(p), "--published", "2022-06-13"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    check_record(rec)
    assert rec["article"]["published"] == "2022-06-13"


def test_extract_jsonl_order_and_bad_line(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "x", "text": "Police arrested 5 men in Lahore."}),
        "oops",
        json.dumps({"id": "y", "text": "Troops shelled Idlib."}),
    ]
    p.write_text("\n".join(lines))
    result = runner.invoke(app, ["extract", str(p), "--format", "jsonl"])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["article"]["ref"] for r in out] == ["x", "y"]
    assert f"{p}:2: not valid JSON" in result.stderr.replace("\n", "")


def test_extract_bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = runner.invoke(app, ["extract", str(empty)])
    assert r.exit_code == 1 and "empty.txt: file is empty" in r.stderr.replace("\n", "")
    r = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "no such file" in r.stderr
    r = runner.invoke(app, ["extract", str(empty), "--published", "someday"])
    assert r.exit_code == 2 and "not a date" in r.stderr


def test_extract_table_stdin():
    r = runner.invoke(
        app,
        ["extract", "-", "--format", "table", "--published", "2020-02-02"],
        input="Protesters rallied in Santiago on Saturday, police said.",
    )
    assert r.exit_code == 0, r.output
    assert "Events" in r.stdout and "PROTEST" in r.stdout


def test_ingest_then_events(tmp_path):
    db = tmp_path / "e.duckdb"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    r = runner.invoke(app, ["ingest", str(EXAMPLES), str(bad), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "skipped" in r.stderr and "bad.txt" in r.stderr
    again = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert "0 stored" in again.stderr and "5 already stored" in again.stderr
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    rows = json.loads(r.stdout)
    assert len(rows) >= 5
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--type", "PROTEST"])
    assert r.stdout.splitlines()[0].startswith("article_id,") and "PROTEST" in r.stdout
    r = runner.invoke(app, ["events", "--db", str(db), "--since", "2024-13-01"])
    assert r.exit_code == 2


def test_python_dash_m_help():
    out = subprocess.run([sys.executable, "-m", "eventwire", "--help"], capture_output=True, text=True, check=True)
    for cmd in ("extract", "ingest", "events"):
        assert cmd in out.stdout


def test_command_uses_one_blas_thread_unless_told_otherwise():
    """The CLI sets one BLAS thread before numpy loads (faster for small models, no oversubscription)."""
    import os
    import subprocess
    import sys

    code = "import os, eventwire.cli, numpy; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "1"
    env["OPENBLAS_NUM_THREADS"] = "4"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "4"


def test_events_filters_mean_what_the_api_parameters_mean(tmp_path):
    """`events --country` is the country of the event's place and `--actor-country` an actor's, as in the API."""
    import duckdb
    from fastapi.testclient import TestClient

    from eventwire.server import create_app

    db = tmp_path / "e.duckdb"
    # Actors from two countries at a place in a third: "place or actor" and "place" give different answers.
    abroad = tmp_path / "abroad.txt"
    abroad.write_text("Kenyan police arrested 12 Somali protesters in Kampala on Monday, witnesses said.\n")
    r = runner.invoke(app, ["ingest", str(EXAMPLES), str(abroad), "--db", str(db), "--published", "2024-05-06"])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(db), read_only=True)
    places = [c for (c,) in con.execute("SELECT DISTINCT country FROM events WHERE country IS NOT NULL").fetchall()]
    actors = [
        c for (c,) in con.execute("SELECT DISTINCT country FROM event_actors WHERE country IS NOT NULL").fetchall()
    ]
    con.close()
    assert places and actors

    def cli(*args: str) -> set[tuple[str, str]]:
        r = runner.invoke(app, ["events", "--db", str(db), "--format", "json", "--limit", "10000", *args])
        assert r.exit_code == 0, r.output
        return {(row["article_id"], row["id"]) for row in json.loads(r.stdout)}

    with TestClient(create_app(db, read_only=True)) as client:

        def api(**params: str) -> set[tuple[str, str]]:
            body = client.get("/api/events", params={"limit": 10000, **params}).json()
            return {(e["article_id"], e["event_id"]) for e in body["events"]}

        for code in places:
            assert cli("--country", code) == api(country=code)
        for code in actors:
            assert cli("--actor-country", code) == api(actor_country=code)
        assert cli("--country", places[0], "--actor-country", actors[0]) == api(
            country=places[0], actor_country=actors[0]
        )
        kenyans_in_uganda = cli("--country", "UG") & cli("--actor-country", "KE")
        assert kenyans_in_uganda and not kenyans_in_uganda & cli("--country", "KE")
        assert cli("--country", "Uganda") == cli("--country", "UG")
        assert cli("--actor-country", "Kenya") == cli("--actor-country", "KEN") == cli("--actor-country", "KE")
