"""Tuned numbers: one data table per stage, every value with its source, every value read by the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.data import read_tsv
from eventwire.tuning import Param, Tuning, table_names

SRC = Path(eventwire.__file__).resolve().parent
CODE = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("stage", table_names())
def test_every_table_loads_with_sources_and_numbers_of_their_written_kind(stage: str) -> None:
    table = Tuning.load(stage)
    rows = read_tsv(f"tuning/{stage}.tsv")
    assert len(table) == len(rows) > 0
    for param, row in zip(table, rows, strict=True):
        assert param.source.strip(), f"{stage}.{param.name} has no source"
        assert isinstance(param.value, int) == bool(re.fullmatch(r"-?\d+", row["value"])), param.name
        assert param.value == float(row["value"])


@pytest.mark.parametrize("stage", table_names())
def test_every_tuned_number_is_read_by_the_code(stage: str) -> None:
    unread = [p.name for p in Tuning.load(stage) if f'TUNING["{p.name}"]' not in CODE]
    assert not unread, f"{stage}: {unread} are in the table but never read"


def test_every_stage_has_a_table() -> None:
    from eventwire.stages import STAGE_ORDER

    assert set(STAGE_ORDER) <= set(table_names())


def test_a_table_refuses_duplicates_missing_sources_and_unknown_names() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        Tuning("zz", Param("a", 1, "x"), Param("a", 2, "y"))
    with pytest.raises(ValueError, match="needs a source"):
        Tuning("zz", Param("a", 1, " "))
    with pytest.raises(KeyError, match="no parameter 'b'"):
        Tuning("zz", Param("a", 1, "x"))["b"]


def test_the_tuning_command_prints_every_table() -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["tuning", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    expected = [(stage, p.name, p.value) for stage in table_names() for p in Tuning.load(stage)]
    assert sorted((row["stage"], row["name"], row["value"]) for row in rows) == sorted(expected)
    assert rows[0]["stage"] == "entities"  # pipeline order first
    r = runner.invoke(app, ["tuning"])
    assert r.exit_code == 0 and "confidence_base" in r.stdout and "source" in r.stdout
    assert runner.invoke(app, ["tuning", "--format", "xml"]).exit_code == 2
