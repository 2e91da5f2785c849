"""The entities, quantities and quotes stage packages: data flows one way through their modules, none is too long."""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path

import pytest

# Each package's modules in the order of its docstring: a module may import only modules before it.
ORDER = {
    "entities": ["tuning", "mentions", "countries", "persons", "groups", "collectives", "merging", "coding"],
    "quantities": ["tuning", "cues", "numbers", "roles", "skips", "finding", "victims"],
    "quotes": ["tuning", "ranges", "cues", "speakers", "resolution", "marks", "clues", "direct", "reported", "finding"],
}


def _package_dir(stage: str) -> Path:
    module = import_module(f"eventwire.stages.{stage}")
    assert module.__file__ is not None
    return Path(module.__file__).parent


def _imported_siblings(path: Path, stage: str) -> set[str]:
    """The modules of the same package that ``path`` imports."""
    prefix = f"eventwire.stages.{stage}."
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(prefix):
            out.add(node.module.removeprefix(prefix))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path.name}: relative import")
    return out


@pytest.mark.parametrize("stage", sorted(ORDER))
def test_modules_import_only_earlier_modules(stage: str) -> None:
    folder = _package_dir(stage)
    order = ORDER[stage]
    assert sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__") == sorted(order)
    for k, name in enumerate(order):
        later = _imported_siblings(folder / f"{name}.py", stage) - set(order[:k])
        assert not later, f"{stage}.{name} imports {sorted(later)}, which come after it"
