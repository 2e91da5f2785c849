"""Crash safety: `eventwire ingest` killed with SIGKILL and run again gives the store an uninterrupted run gives."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

EVENTWIRE = [sys.executable, "-m", "eventwire"]
TOWNS = ["Arvale", "Bexley", "Corran", "Dunmore", "Elsworth", "Farrow"]
ACTS = [
    "Soldiers fired on protesters in {town} on Monday, killing {n} people, witnesses said.",
    "Police arrested {n} demonstrators outside the governor's office in {town} on Tuesday.",
    "Rebels attacked an army checkpoint near {town} overnight, wounding {n} soldiers.",
    "Hundreds of workers marched through {town} on Friday to demand unpaid wages.",
    "An air strike hit a market in {town} last week, the interior ministry said.",
]


def _articles(directory: Path, count: int = 30) -> None:
    """``count`` short, distinct articles, a few of them in one JSONL file."""
    rng = random.Random(count)
    directory.mkdir()
    lines = []
    for i in range(count):
        body = " ".join(
            rng.choice(ACTS).format(town=rng.choice(TOWNS), n=rng.randint(2, 90)) for _ in range(rng.randint(2, 4))
        )
        text = f"Report {i}: {body}"
        if i % 6 == 5:
            lines.append(json.dumps({"id": f"j{i}", "text": text, "published": f"2023-03-{1 + i % 28:02d}"}))
        else:
            (directory / f"a{i:02d}.txt").write_text(text + "\n")
    (directory / "more.jsonl").write_text("\n".join(lines) + "\n")


def _ingest(src: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*EVENTWIRE, "ingest", str(src), "--db", str(db), "--batch-size", "3", "--published", "2023-03-15"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(proc: subprocess.Popen, timeout: float = 240) -> str:
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, out
    return out


def _snapshot(db: Path) -> dict:
    """What the store holds, and checks that no article is half-written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        ids = [r[0] for r in q("SELECT id FROM articles ORDER BY id")]
        assert len(ids) == len(set(ids)), "duplicate articles"
        for table, key in (("entities", "article_id, id"), ("events", "article_id, id"), ("places", "article_id, id")):
            assert q(f"SELECT count(*) - count(DISTINCT ({key})) FROM {table}")[0][0] == 0, f"duplicates in {table}"
            orphans = q(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")[0][0]
            assert orphans == 0, f"{table} rows without their article"
        # Each article's rows are exactly those of its stored record: nothing missing, nothing extra.
        per_article = q(
            "SELECT a.id, json_array_length(a.record->'$.events'), json_array_length(a.record->'$.entities'),"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.id),"
            " (SELECT count(*) FROM entities n WHERE n.article_id = a.id) FROM articles a"
        )
        for aid, rec_events, rec_entities, events, entities in per_article:
            assert (rec_events, rec_entities) == (events, entities), aid
        return {
            "ids": ids,
            "events": q("SELECT count(*) FROM events")[0][0],
            "entities": q("SELECT count(*) FROM entities")[0][0],
            "actors": q("SELECT count(*) FROM event_actors")[0][0],
        }
    finally:
        con.close()


def test_sigkill_at_random_points_then_rerun_equals_an_uninterrupted_run(tmp_path):
    src = tmp_path / "articles"
    _articles(src)
    reference = tmp_path / "reference.duckdb"
    started = time.monotonic()
    _finish(_ingest(src, reference))
    duration = time.monotonic() - started
    expected = _snapshot(reference)
    assert len(expected["ids"]) == 30 and expected["events"] > 0

    db = tmp_path / "killed.duckdb"
    rng = random.Random(11)
    kills, partial = 0, []
    for _ in range(3):
        proc = _ingest(src, db)
        # Anywhere from model loading to the last batch: the later points land in the middle of writes.
        time.sleep(rng.uniform(0.3, 0.95) * duration)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        if db.exists():
            partial.append(len(_snapshot(db)["ids"]))  # whatever survived a kill is whole
    print(f"killed {kills} times; articles stored after each kill: {partial}")
    out = _finish(_ingest(src, db))
    assert kills >= 1, f"the ingest finished before it could be killed; stored after each run: {partial}"
    assert _snapshot(db) == expected
    # A third run stores nothing new.
    again = _finish(_ingest(src, db))
    assert "0 stored" in again and "30 already stored" in again, (out, again)


def test_locked_database_is_named(tmp_path):
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        (tmp_path / "in.txt").write_text("Police arrested 12 protesters in the capital on Monday.\n")
        result = subprocess.run(
            [*EVENTWIRE, "ingest", str(tmp_path / "in.txt"), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    message = " ".join(result.stderr.split())
    assert f"{db}: cannot open database" in message and "lock" in message.lower()
    assert "Traceback" not in result.stderr


def test_read_only_database_is_named(tmp_path):
    home = Path(f"/tmp/eventwire-ro-{os.getpid()}")
    home.mkdir(mode=0o755, exist_ok=True)
    try:
        db = home / "ro.duckdb"
        duckdb.connect(str(db)).close()
        os.chmod(db, 0o444)
        article = home / "in.txt"
        article.write_text("Police arrested 12 protesters in the capital on Monday.\n")
        os.chmod(article, 0o644)
        cmd = [*EVENTWIRE, "ingest", str(article), "--db", str(db)]
        if os.geteuid() == 0:
            # root may write any file: run the command as an unprivileged user to see a read-only file
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root without setpriv: cannot make a file read-only to this process")
            cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(home)})
        message = " ".join(result.stderr.split())
        assert result.returncode == 1, message
        assert f"{db}: cannot open database" in message
        assert "Traceback" not in result.stderr
    finally:
        shutil.rmtree(home, ignore_errors=True)
