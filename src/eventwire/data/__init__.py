"""The one way to read the lexicons and curated lists shipped in this folder.

Every data file starts with ``#`` lines that give its source and licence; blank lines are skipped. TSV files have
a header line after the comments. Readers are cached: each file is parsed once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def data_file(name: str) -> Traversable:
    """The data file ``name`` (a path relative to ``eventwire/data``)."""
    return resources.files(__name__).joinpath(name)


def data_text(name: str) -> str:
    """The whole text of the data file ``name``."""
    return data_file(name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """The lines of a data file that are neither blank nor ``#`` comments, without their line ends."""
    return [line for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=64)
def _tsv(name: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Header and rows of a TSV data file, cells stripped, short rows padded with empty cells."""
    lines = data_lines(name)
    if not lines:
        raise ValueError(f"data file {name} has no header line")
    header = tuple(cell.strip() for cell in lines[0].split("\t"))
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("\t")]
        rows.append(tuple(cells + [""] * (len(header) - len(cells))))
    return header, tuple(rows)


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by its header (cells stripped; a missing cell is ``""``)."""
    header, rows = _tsv(name)
    return [dict(zip(header, row, strict=False)) for row in rows]


def read_tsv_rows(name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a TSV data file as lists (cells stripped; short rows padded with ``""``)."""
    header, rows = _tsv(name)
    return list(header), [list(row) for row in rows]


@lru_cache(maxsize=64)
def read_json(name: str) -> Any:
    """A JSON data file, parsed once per process (callers must not change what it returns)."""
    return json.loads(data_text(name))


__all__ = ["data_file", "data_lines", "data_text", "read_json", "read_tsv", "read_tsv_rows"]
