"""Guard for the TimeML evaluation: value and extent F1 on a fixed slice of TimeBank and AQUAINT."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventwire.cli.eval import eval_app
from eventwire.evaluate.timeml import evaluate_timeml, parse_tml

# Measured on this slice when the guard was written: TimeBank value F1 0.848, relaxed 0.955;
# AQUAINT value F1 0.708, relaxed 0.942. The floors sit a little below, so only a regression fails.
SLICE = {"TimeBank": (40, 0.82, 0.93), "AQUAINT": (20, 0.68, 0.92)}


def _corpus(shared):
    return shared / "eval" / "time" / "timebank_tbaq"


def test_timeml_slice_stays_above_floors(shared):
    for name, (limit, value_floor, relaxed_floor) in SLICE.items():
        result = evaluate_timeml(_corpus(shared) / name, limit=limit)
        overall = result["overall"]
        assert overall["docs"] == limit
        assert overall["value"]["f1"] >= value_floor, (name, overall)
        assert overall["relaxed"]["f1"] >= relaxed_floor, (name, overall)


def test_parse_tml_reads_dct_and_offsets(shared):
    path = sorted((_corpus(shared) / "TimeBank").glob("*.tml"))[0]
    text, dct, gold = parse_tml(path)
    assert dct is not None and gold
    assert all(0 <= g.start < g.end <= len(text) for g in gold)
    assert all(g.type in ("DATE", "TIME", "DURATION", "SET") for g in gold)


def test_cli_prints_per_corpus_json_with_limit(shared):
    result = CliRunner().invoke(eval_app, ["time", str(_corpus(shared)), "--limit", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["docs"] == 2
    for key in ("strict", "relaxed", "value"):
        assert set(data["overall"][key]) == {"p", "r", "f1"}
    assert "type_accuracy" in data["overall"]


def test_errors_are_listed_by_kind(shared):
    errors: list[dict] = []
    evaluate_timeml(_corpus(shared) / "AQUAINT", limit=3, errors=errors)
    assert all(e["kind"] in ("fp", "fn", "value") for e in errors)
