"""Checks shared by tests: schema validity and span integrity of records."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema

_SCHEMA = json.loads(resources.files("eventwire.schema").joinpath("eventwire-1.schema.json").read_text())


def iter_spans(node: Any):
    """Every ``{start, end, text}`` dict inside a record."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and isinstance(node.get("start"), int):
            yield node
        for value in node.values():
            yield from iter_spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from iter_spans(value)


def check_record(record: dict[str, Any]) -> None:
    """Assert the record follows the JSON schema and every span indexes its text."""
    jsonschema.validate(record, _SCHEMA)
    text = record["text"]
    body = {k: v for k, v in record.items() if k != "text"}
    for span in iter_spans(body):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span
    ids = {x["id"] for key in ("entities", "places", "times", "quantities", "quotes") for x in record[key]}
    for event in record["events"]:
        for ref in [*event["source"], *event["target"], event.get("place"), event.get("time"), *event["quantities"]]:
            assert ref is None or ref in ids, (event["id"], ref)


def examples_store(path, pipeline):
    """A DuckDB store at ``path`` holding the analysed ``examples/`` articles (closed when returned)."""
    from pathlib import Path

    from eventwire.ingest import expand, iter_items
    from eventwire.store import Store

    examples = Path(__file__).resolve().parents[1] / "examples"
    with Store(path) as store:
        for record in pipeline.pipe(i.article for i in iter_items(expand([examples]), None)):
            store.add(record.to_dict())
    return path
