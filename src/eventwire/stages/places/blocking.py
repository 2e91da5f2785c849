"""Names the NER gave to persons and organisations: whether a span lies inside a person's or an organisation's
name (and so is no place), office titles after a name, and the words of the article's person names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from eventwire.analysis import Analysis
from eventwire.data import read_tsv_rows
from eventwire.knowledge.gazetteer import lookup_key
from eventwire.stages.places.cues import JURISDICTION_OF, jurisdiction

_STRICT_BEFORE = re.compile(r"\b(?:in|near|outside|inside|around|across|throughout|within|nearby)\s+$")


def in_full_name(analysis: Analysis, start: int, end: int) -> bool:
    """True when the span is part of a longer person's name ("Jack London")."""
    for ent in analysis.entities:
        if ent.kind == "PERSON":
            for m in ent.mentions:
                if m.start <= start and end <= m.end and (m.start, m.end) != (start, end):
                    return True
    return False


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """First words of office titles (``data/titles.tsv``) and their news abbreviations."""
    _header, rows = read_tsv_rows("titles.tsv")
    words = {row[0].split()[0].casefold() for row in rows}
    return frozenset(words | {"gov", "sen", "rep", "atty", "lt"})


def _title_follows(text: str, end: int) -> bool:
    """True when an office title follows the name ("U.S. Magistrate Judge", "UK Secretary of Health")."""
    m = re.match(r"(?:['’]s|\.)?\s+([A-Za-z][\w-]*)", text[end : end + 30])
    return bool(m and m.group(1).casefold() in _title_words())


def _lone_person(analysis: Analysis, start: int, end: int, person_words: set[str]) -> bool:
    """True when the span is exactly a one-word "person" that no full name in the article explains."""
    surface = analysis.text[start:end]
    return " " not in surface and lookup_key(surface) not in person_words


class EntitySpans:
    """The mentions of persons and organisations, sorted by start, for overlap queries (built once per article:
    scanning every mention for every candidate name cost O(names x mentions))."""

    def __init__(self, analysis: Analysis) -> None:
        self.items = sorted(
            (m.start, m.end, ent.kind)
            for ent in analysis.entities
            if ent.kind in ("PERSON", "ORG", "ARMED_GROUP")
            for m in ent.mentions
        )
        self.starts = [start for start, _, _ in self.items]
        self.longest = max((end - start for start, end, _ in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The mentions sharing a character with ``[start, end)``."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m[0] < end and start < m[1]]


def blocked_by_entity(
    analysis: Analysis,
    start: int,
    end: int,
    person_words: set[str] | None = None,
    spans: EntitySpans | None = None,
) -> bool:
    """True when the span lies in a person's name, or inside (not at the head of) an organisation's name.

    A toponym that opens an organisation name ("Alexandria Police", "Borno State Government") still
    names the place, as in the LGL and GeoNames conventions; "Jack London" and "Bank of England" do not.
    Generic noun phrases ("Georgia authorities", "an Arlington woman") never block their modifiers.
    ``spans``: the article's :class:`EntitySpans`, when the caller asks about many spans.
    """
    # Any one blocking mention decides, so the order in which mentions are looked at does not matter.
    for m_start, m_end, kind in (spans or EntitySpans(analysis)).overlapping(start, end):
        if m_start == start and _title_follows(analysis.text, end):
            continue  # "United States President George W. Bush", "Ohio Gov. Ted Strickland"
        if kind == "PERSON":
            # The small NER calls many towns persons ("Alexandria woman"); a lone word that no full
            # name explains is left to the place-context checks, as is a jurisdiction before an
            # institution ("Rapides Parish Fire District").
            if person_words is not None and m_start == start:
                if (m_end == end and _lone_person(analysis, start, end, person_words)) or (
                    jurisdiction(analysis.text, start, end)
                ):
                    continue
                # Nobody lives "in Glen Allen" the person: after "in"/"near" a known name is a place.
                if m_end == end and _STRICT_BEFORE.search(analysis.text[max(0, start - 12) : start]):
                    continue
            return True
        if m_start < start and _named(analysis.text[m_start:m_end]):
            if JURISDICTION_OF.search(analysis.text[max(0, start - 20) : start]):
                continue
            return True
    return False


def _named(text: str) -> bool:
    """True for a proper name (every content word capitalised), not a generic phrase."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text) if w.casefold() not in _NAME_LINKS]
    return bool(words) and all(w[0].isupper() for w in words)


_NAME_LINKS = {"of", "the", "and", "for", "de", "la", "du", "al", "el"}


def person_name_words(analysis: Analysis, given: bool = True) -> set[str]:
    """Words of multi-word person names, so a lone "Henry" after "John Henry" stays a person.

    With ``given`` false, only the words after the first (surnames, not given names or titles).
    """
    words: set[str] = set()
    for ent in analysis.entities:
        if ent.kind != "PERSON":
            continue
        for m in ent.mentions:
            parts = m.text.split()
            if len(parts) >= 2:
                words.update(lookup_key(p) for p in parts[(0 if given else 1) :])
    return words
