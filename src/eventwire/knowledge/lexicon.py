"""Loaders for the lexicon data files shipped in ``eventwire/data``."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    """The text of the data file ``name`` inside the package."""
    return resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts, skipping ``#`` comment lines."""
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


@lru_cache(maxsize=64)
def read_json(name: str) -> dict[str, Any]:
    """A JSON data file, parsed once per process."""
    return json.loads(data_text(name))


@dataclass(frozen=True)
class Trigger:
    """One entry of the event trigger lexicon."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """The trigger lexicon keyed by ``(lemma, pos)``, pos being VERB, NOUN or ANY."""
    out = {}
    for row in read_tsv("triggers.tsv"):
        t = Trigger(
            lemma=row["lemma"],
            pos=row["pos"],
            type=row["type"],
            mode=row["mode"] or None,
            acled_event_type=row["acled_event_type"] or None,
            acled_sub_event_type=row["acled_sub_event_type"] or None,
            cameo=row["cameo"] or None,
        )
        out[(t.lemma, t.pos)] = t
    return out


def trigger_for(lemma: str, pos: str) -> Trigger | None:
    """The trigger entry for a lemma used as ``pos`` (VERB or NOUN), if any."""
    table = triggers()
    return table.get((lemma, pos)) or table.get((lemma, "ANY"))
