"""Dask versus local ingest of the benchmark corpus: the same events, and the wall time of each.

Writes the first N corpus articles to a JSONL file, ingests it three ways into fresh DuckDB stores (one local
process, two local processes, a Dask local cluster of two workers) through the real CLI, and compares every
stored event row. Prints JSON; exits 1 when the stores differ.

Usage: python bench/bench_dask.py [--n 300]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load_corpus  # noqa: E402

RUNS = {
    "local_1": ["--workers", "1"],
    "local_2": ["--workers", "2"],
    "dask_local_2": ["--dask", "local", "--workers", "2"],
}


def _events(db: Path) -> list[tuple]:
    """Every stored event row of a store, in a fixed order."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT * FROM events ORDER BY article_id, id").fetchall()
    finally:
        con.close()


def main() -> None:
    """Ingest the corpus each way and compare."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    args = parser.parse_args()
    out: dict = {"articles": args.n}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        # Distinct articles only: the corpus is cycled when N exceeds its size, and ingest skips repeats.
        seen: set[str] = set()
        with src.open("w", encoding="utf-8") as fh:
            for art in load_corpus(args.n):
                if art["text"] not in seen:
                    seen.add(art["text"])
                    fh.write(json.dumps(art) + "\n")
        rows = {}
        for name, opts in RUNS.items():
            db = Path(tmp) / f"{name}.duckdb"
            cmd = [sys.executable, "-m", "eventwire", "ingest", str(src), "--db", str(db), *opts]
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            out[f"{name}_seconds"] = round(time.perf_counter() - t, 1)
            rows[name] = _events(db)
        out["events"] = len(rows["local_1"])
        out["same_events"] = {name: rows[name] == rows["local_1"] for name in RUNS if name != "local_1"}
    print(json.dumps(out, indent=1))
    sys.exit(0 if all(out["same_events"].values()) else 1)


if __name__ == "__main__":
    main()
