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
    """One entry of the event trigger lexicon (a lemma, or a multi-word pattern such as "call for")."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None

    @property
    def words(self) -> tuple[str, ...]:
        """The lemmas of a multi-word pattern, in order."""
        return tuple(self.lemma.split())

    @property
    def head(self) -> str:
        """The word that carries the pattern: the first for verbs ("carry out"), the last for nouns ("air strike")."""
        words = self.words
        return words[0] if self.pos == "VERB" else words[-1]


def _trigger_rows() -> list[Trigger]:
    """Every row of ``triggers.tsv``."""
    return [
        Trigger(
            lemma=" ".join(row["lemma"].lower().split()),
            pos=row["pos"],
            type=row["type"],
            mode=row["mode"] or None,
            acled_event_type=row["acled_event_type"] or None,
            acled_sub_event_type=row["acled_sub_event_type"] or None,
            cameo=row["cameo"] or None,
        )
        for row in read_tsv("triggers.tsv")
    ]


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """The one-word trigger lexicon keyed by ``(lemma, pos)``, pos being VERB, NOUN or ANY."""
    return {(t.lemma, t.pos): t for t in _trigger_rows() if " " not in t.lemma}


@lru_cache(maxsize=1)
def phrase_triggers() -> dict[str, list[Trigger]]:
    """Multi-word trigger patterns keyed by their head lemma, longest first."""
    out: dict[str, list[Trigger]] = {}
    for t in _trigger_rows():
        if " " in t.lemma:
            out.setdefault(t.head, []).append(t)
    for entries in out.values():
        entries.sort(key=lambda t: -len(t.words))
    return out


def trigger_for(lemma: str, pos: str) -> Trigger | None:
    """The one-word trigger entry for a lemma used as ``pos`` (VERB or NOUN), if any."""
    table = triggers()
    return table.get((lemma, pos)) or table.get((lemma, "ANY"))
