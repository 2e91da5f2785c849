"""The event trigger lexicon of ``data/triggers.tsv``: one-word triggers and multi-word trigger patterns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.data import read_tsv


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
