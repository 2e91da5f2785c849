"""Tuned numbers: every weight, threshold and distance a stage was tuned with, in one table per stage.

A stage declares its table once, in ``stages/<stage>/tuning.py``, and reads the values from it by name::

    TUNING = Tuning(
        "places",
        Param("big_city_prior", 0.3, "LGL+GeoVirus development part: `eventwire eval geo ...`, +12 toponyms"),
    )
    BIG_CITY_PRIOR = TUNING["big_city_prior"]

Each value keeps where it came from: a measurement with the command that made it, or a published source, or,
when nothing better is known, the commit that set it by hand. ``eventwire tuning`` prints every table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

Number = int | float

REGISTRY: dict[str, Tuning] = {}


@dataclass(frozen=True)
class Param:
    """One tuned number: its name, its value and where the value came from."""

    name: str
    value: Number
    source: str


class Tuning:
    """The tuned numbers of one stage, looked up by name; registered so that tools can list them."""

    def __init__(self, stage: str, *params: Param) -> None:
        self.stage = stage
        self.params: dict[str, Param] = {}
        for param in params:
            if param.name in self.params:
                raise ValueError(f"tuning {stage}: {param.name} is declared twice")
            if not param.source.strip():
                raise ValueError(f"tuning {stage}: {param.name} needs a source")
            self.params[param.name] = param
        REGISTRY[stage] = self

    def __getitem__(self, name: str) -> Number:
        """The value of the parameter ``name``."""
        try:
            return self.params[name].value
        except KeyError:
            raise KeyError(f"tuning {self.stage} has no parameter {name!r}") from None

    def __iter__(self) -> Iterator[Param]:
        """The parameters in declaration order."""
        return iter(self.params.values())

    def __len__(self) -> int:
        """How many parameters the table holds."""
        return len(self.params)
