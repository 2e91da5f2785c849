"""The shape of the events stage package: one-way imports, private names kept private, short modules, a tuning
table whose every number is read, and the small helpers its steps share."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from eventwire.data import read_json
from eventwire.knowledge.lexicon import trigger_for
from eventwire.stages.events import categories, cues, setting, tuning

PACKAGE = Path(setting.__file__).parent
PREFIX = "eventwire.stages.events."
# The order the package docstring draws: a module may import only modules before it.
ORDER = [
    "tuning",
    "cues",
    "syntax",
    "triggers",
    "readings",
    "parties",
    "place_parties",
    "setting",
    "modality",
    "categories",
    "assembly",
    "__init__",
]


def _imports(name: str) -> list[ast.ImportFrom]:
    """The ``from eventwire.stages.events.X import ...`` statements of a module of the package."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    found = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    # Absolute imports of single modules only, so that the checks below see every import inside the package.
    assert not [n for n in found if n.level or n.module == PREFIX.rstrip(".")]
    return [n for n in found if (n.module or "").startswith(PREFIX)]


def test_every_module_is_in_the_documented_order():
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(ORDER)


@pytest.mark.parametrize("name", ORDER)
def test_modules_import_only_modules_before_them(name):
    for node in _imports(name):
        assert node.module is not None
        imported = node.module.removeprefix(PREFIX)
        assert ORDER.index(imported) < ORDER.index(name), f"{name} imports {imported}"


@pytest.mark.parametrize("name", ORDER)
def test_no_private_name_is_imported_from_another_module(name):
    private = [a.name for node in _imports(name) for a in node.names if a.name.startswith("_")]
    assert private == []


def test_the_cue_lists_are_the_data_file():
    assert cues.cue_lists() is read_json("modality.json")


def test_place_reason_follows_how_the_place_was_found():
    assert setting.place_reason(tuning.PLACE_ATTACHED) == "attached"
    assert setting.place_reason(tuning.PLACE_IN_SENTENCE) == "sentence"
    assert setting.place_reason(tuning.PLACE_OF_ARTICLE) == "article"


def test_a_category_implies_a_mode():
    bombing = trigger_for("bombing", "NOUN")
    protest = trigger_for("protest", "VERB")
    assert bombing is not None and protest is not None
    violent = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    assert categories.mode_by_category(bombing, bombing.type, {}, "suicide").mode == "suicide-attack"
    assert categories.mode_by_category(protest, "PROTEST", violent, "rioters").mode == "riot"
    assert categories.mode_by_category(protest, "PROTEST", {}, "lexicon") == protest
