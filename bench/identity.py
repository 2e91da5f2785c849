"""Byte-identity of records across a change: save the records of N corpus articles, then check them later.

A refactor that must not change behaviour is checked by saving the records before it and comparing after:

    python bench/identity.py save /tmp/before.jsonl          # on the old commit
    python bench/identity.py check /tmp/before.jsonl         # on the new one: exit 1 and a diff when any differ

The articles are spread evenly over the corpus of ``bench/corpus.py`` (LGL, GeoVirus and PolNeAR texts), plus
``examples/``. The spaCy parses are cached in a DocBin beside the saved file (the parse is most of the time and is
not what a refactor of the stages changes); ``--reparse`` parses afresh.

Usage: python bench/identity.py save|check FILE [--n 400] [--reparse]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SHARED, load_corpus  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def articles(n: int) -> list[dict[str, str]]:
    """``n`` corpus articles spread evenly over all sources, then the example files."""
    pool = load_corpus(10_000)
    unique = list({a["text"]: a for a in pool}.values())
    step = max(1, len(unique) // n)
    chosen = unique[::step][:n]
    for path in sorted(EXAMPLES.glob("*.txt")):
        chosen.append({"text": path.read_text(encoding="utf-8"), "published": "2024-03-12", "id": path.name})
    seed = SHARED / "seed"
    for path in sorted(seed.glob("*.txt")) if seed.is_dir() else []:
        chosen.append({"text": path.read_text(encoding="utf-8"), "published": "2016-06-23", "id": path.name})
    return chosen


class CachedNLP:
    """A spaCy pipeline whose parses come from a cache of Docs keyed by text (everything else is the real one)."""

    def __init__(self, nlp: Any, docs: dict[str, Any]) -> None:
        self._nlp = nlp
        self._docs = docs

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def __call__(self, text: str) -> Any:
        return self._docs.get(text) or self._nlp(text)

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        for text in texts:
            yield self(text)


def pipeline_for(items: list[dict[str, str]], cache: Path, reparse: bool) -> Any:
    """An eventwire Pipeline whose parses of ``items`` are read from (or written to) ``cache``."""
    from spacy.tokens import DocBin

    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    nlp = pipeline.nlp
    texts = [pipeline_text(item) for item in items]
    if cache.exists() and not reparse:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=32))
        DocBin(docs=docs, store_user_data=False).to_disk(cache)
    pipeline.nlp = CachedNLP(nlp, {doc.text: doc for doc in docs})
    return pipeline


def pipeline_text(item: dict[str, str]) -> str:
    """The text the pipeline parses for ``item`` (the article body after page-furniture recognition)."""
    from eventwire.pipeline import to_article

    return to_article(dict(item)).text


def records(n: int, cache: Path, reparse: bool) -> list[str]:
    """The JSON records of the ``n`` identity articles, one string each."""
    items = articles(n)
    pipeline = pipeline_for(items, cache, reparse)
    out = []
    for i, record in enumerate(pipeline.pipe([dict(item) for item in items], batch_size=16), 1):
        out.append(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=False))
        if i % 50 == 0:
            print(f"  {i}/{len(items)}", file=sys.stderr)
    return out


OUTPUTS = {
    "export-csv": ["export", "-f", "csv"],
    "export-geojson": ["export", "-f", "geojson"],
    "export-acled": ["export", "-f", "acled"],
    "export-plover": ["export", "-f", "plover"],
    "events-json": ["events", "--format", "json", "--limit", "100000"],
    "events-csv": ["events", "--format", "csv", "--limit", "100000"],
}


# Columns that hold the time of writing, not the record.
VOLATILE = {"ingested_at"}


def store_outputs(lines: list[str], workdir: Path) -> dict[str, str]:
    """Every table of a DuckDB store holding the records, and the CLI's exports and listings of it, as text."""
    import subprocess

    import duckdb

    from eventwire.store import open_store

    db = workdir / "identity.duckdb"
    db.unlink(missing_ok=True)
    with open_store(db) as store:
        store.add_many([json.loads(line) for line in lines])
    out: dict[str, str] = {}
    con = duckdb.connect(str(db), read_only=True)
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
        cur = con.execute(f'SELECT * FROM "{table}" ORDER BY ALL')  # noqa: S608 - names from the catalogue
        cols = [d[0] for d in cur.description]
        rows = [
            json.dumps({c: v for c, v in zip(cols, row, strict=True) if c not in VOLATILE}, default=str)
            for row in cur.fetchall()
        ]
        out[f"table-{table}"] = "\n".join(rows)
    con.close()
    for name, args in OUTPUTS.items():
        cmd = [sys.executable, "-m", "eventwire", *args, "--db", str(db)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        out[name] = f"exit {done.returncode}\n{done.stdout}"
    db.unlink(missing_ok=True)
    return out


def first_difference(a: Any, b: Any, path: str = "") -> str:
    """Where two JSON values first differ, as a path and both values."""
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{path}: keys {list(a)} != {list(b)}"
        for key in a:
            if a[key] != b[key]:
                return first_difference(a[key], b[key], f"{path}.{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {a!r} != {b!r}"


def main() -> None:
    """Save or check the identity records."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--no-store", action="store_true", help="compare the records only, not the store and exports")
    parser.add_argument("--reparse", action="store_true", help="parse afresh instead of reading the DocBin cache")
    args = parser.parse_args()
    cache = args.file.with_suffix(".spacy")
    lines = records(args.n, cache, args.reparse)
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    with tempfile.TemporaryDirectory(prefix="eventwire-identity-") as tmp:
        outputs = {} if args.no_store else store_outputs(lines, Path(tmp))
    sidecar = args.file.with_suffix(".outputs.json")
    if args.action == "save":
        args.file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if outputs:
            sidecar.write_text(json.dumps(outputs, ensure_ascii=False, indent=0), encoding="utf-8")
        print(json.dumps({"records": len(lines), "sha256": digest, "outputs": sorted(outputs)}))
        return
    changed = []
    if outputs:
        before = json.loads(sidecar.read_text(encoding="utf-8"))
        changed = sorted(k for k in before.keys() | outputs.keys() if before.get(k) != outputs.get(k))
        for key in changed:
            old, new = (before.get(key) or "").split("\n"), (outputs.get(key) or "").split("\n")
            at = next((i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y), min(len(old), len(new)))
            print(f"{key}: line {at}: {old[at : at + 1]} != {new[at : at + 1]}", file=sys.stderr)
    saved = args.file.read_text(encoding="utf-8").split("\n")[:-1]
    differ = [i for i, (x, y) in enumerate(zip(saved, lines, strict=False)) if x != y]
    if len(saved) != len(lines):
        print(f"{len(saved)} saved records, {len(lines)} now", file=sys.stderr)
    for i in differ[:5]:
        print(f"record {i}: {first_difference(json.loads(saved[i]), json.loads(lines[i]))}", file=sys.stderr)
    print(json.dumps({"records": len(lines), "differ": len(differ), "outputs_differ": changed, "sha256": digest}))
    sys.exit(1 if differ or changed or len(saved) != len(lines) else 0)


if __name__ == "__main__":
    main()
