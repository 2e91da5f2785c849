"""Tuned numbers: every weight, threshold and distance a stage was tuned with, in one table per stage.

The tables are data files, ``eventwire/data/tuning/<stage>.tsv``, with the columns ``name``, ``value`` and
``source``. A stage loads its table once, in ``stages/<stage>/tuning.py``, and reads the values by name::

    TUNING = Tuning.load("places")
    BIG_CITY_PRIOR = TUNING["big_city_prior"]

Each value keeps where it came from: a measurement with the command that made it, or a published source, or,
when nothing better is known, the commit that set it by hand. ``eventwire tuning`` prints every table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.data import data_file, read_tsv

Number = int | float

REGISTRY: dict[str, Tuning] = {}
TABLES = "tuning"  # the folder of the tables inside eventwire/data
_INTEGER = re.compile(r"-?[0-9]+")


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

    @classmethod
    def load(cls, stage: str) -> Tuning:
        """The table of ``stage`` from ``data/tuning/<stage>.tsv`` (integers stay integers, decimals are floats)."""
        name = f"{TABLES}/{stage}.tsv"
        params = []
        for row in read_tsv(name):
            raw = row["value"]
            try:
                value: Number = int(raw) if _INTEGER.fullmatch(raw) else float(raw)
            except ValueError:
                raise ValueError(f"data file {name}: {row['name']} has value {raw!r}, which is not a number") from None
            params.append(Param(row["name"], value, row["source"]))
        return cls(stage, *params)

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


def table_names() -> list[str]:
    """The stages that have a table in ``data/tuning``, sorted."""
    return sorted(item.name.removesuffix(".tsv") for item in data_file(TABLES).iterdir() if item.name.endswith(".tsv"))
