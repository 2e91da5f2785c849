"""The layout rules of issue 18, checked on the source tree: short modules, one-way imports, private stays private."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import eventwire
from eventwire.stages import REGISTRY, STAGE_ORDER, get_stages

SRC = Path(eventwire.__file__).resolve().parent
MAX_LINES = 400


def modules() -> Iterator[tuple[str, Path]]:
    """Every module of the package as (dotted name, path)."""
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), path


def package_of(module: str, path: Path) -> str:
    """The package a module belongs to (a package's ``__init__`` belongs to the package itself)."""
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def imports(module: str, path: Path) -> Iterator[tuple[str, list[str]]]:
    """``(imported module, imported names)`` for every ``from ... import`` of a module, relative ones resolved."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_of(module, path).split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


MODULES = dict(modules())


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_no_private_name_is_imported_from_another_module() -> None:
    found = []
    for module, path in MODULES.items():
        for target, names in imports(module, path):
            if target.startswith("eventwire") and target != module:
                private = [n for n in names if n.startswith("_") and not n.endswith("__")]  # dunders are public
                found += [f"{module} imports {name} from {target}" for name in private]
    assert not found, "\n".join(found)


def test_no_stage_imports_another_stage() -> None:
    found = []
    for module, path in MODULES.items():
        if not module.startswith("eventwire.stages."):
            continue
        own = module.split(".")[2]
        for target, _ in imports(module, path):
            if target.startswith("eventwire.stages.") and target.split(".")[2] != own:
                found.append(f"{module} imports {target}")
    assert not found, "\n".join(found)


def test_imports_inside_each_package_flow_one_way() -> None:
    """Within a package, modules import each other without a cycle (``__init__`` may gather the others)."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        if path.name == "__init__.py":
            continue
        package = package_of(module, path)
        graph[module] = {
            target
            for target, _ in imports(module, path)
            if target in MODULES
            and target != module
            and package_of(target, MODULES[target]) == package
            and MODULES[target].name != "__init__.py"
        }
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(node) :] + [node]))
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, trail + [node])
        state[node] = 2

    for node in sorted(graph):
        visit(node, [])


@pytest.mark.parametrize("name", STAGE_ORDER)
def test_each_stage_is_a_package_whose_init_registers_it(name: str) -> None:
    [info] = get_stages((name,))
    assert REGISTRY[name] is info
    assert info.func.__module__ == f"eventwire.stages.{name}"
    assert (SRC / "stages" / name / "__init__.py").is_file()
    assert info.func.__doc__ and info.func.__doc__.strip()
