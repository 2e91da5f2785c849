"""Analysis stages: small callables over one shared :class:`~eventwire.analysis.Analysis`.

Each stage is registered by name with what it requires and assigns, like spaCy
pipeline components. ``STAGE_ORDER`` is the order the pipeline runs them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from eventwire.analysis import Analysis

StageFn = Callable[[Analysis], None]


@dataclass(frozen=True)
class StageInfo:
    """A registered stage with its declared inputs and outputs."""

    name: str
    func: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


REGISTRY: dict[str, StageInfo] = {}
STAGE_ORDER = ("entities", "places", "times", "quantities", "quotes", "events")


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Callable[[StageFn], StageFn]:
    """Register ``func`` as the stage ``name`` (decorator)."""

    def register(func: StageFn) -> StageFn:
        REGISTRY[name] = StageInfo(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def get_stages(names: tuple[str, ...] = STAGE_ORDER) -> list[StageInfo]:
    """Import and return the registered stages ``names`` in order."""
    for name in names:
        if name not in REGISTRY:
            import_module(f"eventwire.stages.{name}")
    return [REGISTRY[name] for name in names]
