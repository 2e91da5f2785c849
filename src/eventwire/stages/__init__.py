"""Analysis stages: small callables over one shared :class:`~eventwire.analysis.Analysis`.

Each stage is registered by name with what it requires and assigns, like spaCy
pipeline components. ``STAGE_ORDER`` is the order the pipeline runs them in, and
:func:`check_stages` verifies, when a pipeline is built, that every stage finds what it
requires: an :class:`~eventwire.analysis.Analysis` field that the pipeline itself gives
(``GIVEN``) or that an earlier stage assigns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
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
# Analysis fields the pipeline fills before any stage runs.
GIVEN = ("article", "doc", "excluded")


class StageError(ValueError):
    """A pipeline's stages do not fit together: an unknown stage, or a requirement no earlier stage assigns."""


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Callable[[StageFn], StageFn]:
    """Register ``func`` as the stage ``name`` (decorator)."""

    def register(func: StageFn) -> StageFn:
        REGISTRY[name] = StageInfo(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def get_stages(names: tuple[str, ...] = STAGE_ORDER) -> list[StageInfo]:
    """Import and return the registered stages ``names`` in order (:class:`StageError` for an unknown name)."""
    for name in names:
        if name not in REGISTRY:
            try:
                import_module(f"eventwire.stages.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"eventwire.stages.{name}":
                    raise
        if name not in REGISTRY:
            known = ", ".join(STAGE_ORDER)
            raise StageError(f"no stage is registered as {name!r} (the built-in stages are {known})")
    return [REGISTRY[name] for name in names]


def check_stages(stages: list[StageInfo]) -> None:
    """Check that each stage's ``requires`` is given by the pipeline or assigned by an earlier stage.

    Raises :class:`StageError` naming the stage, what it lacks, and which stage would assign it.
    """
    from eventwire.analysis import Analysis

    known = {f.name for f in fields(Analysis)}
    available = set(GIVEN)
    for position, info in enumerate(stages):
        unknown = sorted(set(info.requires + info.assigns) - known)
        if unknown:
            raise StageError(
                f"stage {info.name!r} declares {', '.join(map(repr, unknown))}, which is not a field of Analysis"
            )
        missing = [name for name in info.requires if name not in available]
        if missing:
            givers = {name: [s.name for s in REGISTRY.values() if name in s.assigns] for name in missing}
            hints = "; ".join(
                f"{name!r} is assigned by {' or '.join(map(repr, who))}" if who else f"no stage assigns {name!r}"
                for name, who in givers.items()
            )
            before = ", ".join(s.name for s in stages[:position]) or "none"
            raise StageError(
                f"stage {info.name!r} requires {', '.join(map(repr, missing))}, which no earlier stage assigns "
                f"(stages before it: {before}); {hints}: add it before {info.name!r}"
            )
        available.update(info.assigns)
