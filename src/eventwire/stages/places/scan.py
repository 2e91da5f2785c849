"""The state of one article's recognition: the mentions found so far, the characters they cover, the names taken
firmly enough to recur, and the place context of a span (a locative word before it, a place noun or a containing
state after it, a dateline, a list it joins).
"""

from __future__ import annotations

import re

from eventwire.analysis import Analysis
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, lookup_key
from eventwire.stages.places.blocking import EntitySpans, person_name_words
from eventwire.stages.places.cues import dateline, jurisdiction
from eventwire.stages.places.mention import Mention, containing
from eventwire.stages.places.words import LOCATIVE, PLACE_NOUNS, STRICT_LOCATIVE, stoplist

# A legislator's party and home place: "Rep. Earl Pomeroy, D-N.D.", "Westrom, R-Elbow Lake".
_PARTY = re.compile(r"\b(?:R|D|I|DFL)-$")
_LIST_BEFORE = re.compile(r"(?:,|,?\s+(?:and|or))\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+(?:the\s+)?$")
_LOWER_AFTER = re.compile(r"\s+([a-z]+)")
_QUALIFIER_AFTER = re.compile(r",\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")


class Scan:
    """The toponym mentions of one article as the scans of recognition find them, and what they learn on the way."""

    def __init__(self, analysis: Analysis, gaz: Gazetteer, pending: list[Mention]) -> None:
        self.analysis = analysis
        self.gaz = gaz
        self.text = analysis.text
        self.stop = stoplist()
        self.out: list[Mention] = []
        # Names the NER gave another label, kept aside when unsure (the stage may take them later).
        self.pending = pending
        # One byte per character, set where a mention lies: whether a span is free is one search, however many
        # mentions the article has.
        self.occupied = bytearray(len(self.text))
        self.strong: set[str] = set()  # names taken on the NER's word or on place context, not on size alone
        self.stems: dict[str, list[Candidate]] = {}  # unknown names with a known stem, and the stem's candidates
        # Words of the article's person names, the NER's blocking entities and the names it calls places.
        self.person_words = person_name_words(analysis)
        self.blockers: list[tuple[int, int, str]] = []
        self.ner_places: set[str] = set()
        self.spans = EntitySpans(analysis)  # the entities do not change while places are read

    def free(self, s: int, e: int) -> bool:
        """True when no mention found so far covers a character of ``[s, e)``."""
        return self.occupied.find(1, s, e) < 0

    def accept(self, s: int, e: int, from_ner: bool, cands: list[Candidate], sure: bool = True, stem: int = 0) -> None:
        """Add the mention ``[s, e)``; ``stem`` is the end of its known stem when the whole name is unknown."""
        text = self.text
        self.out.append(Mention(s, e, text[s:e], from_ner, cands, stem=text[s:stem] if stem else ""))
        self.occupied[s:e] = b"\x01" * (e - s)
        if sure and cands:
            # The stem recurs alone for the same place ("Pleasant Township" ... "Pleasant and Madison townships").
            self.strong.add(text[s : stem or e])
            if stem:
                self.stems[text[s:e]] = cands

    def coordinated(self, s: int) -> bool:
        """True when the name follows a place taken already, joined by a comma or "and"/"or" ("Darfur and Malakal")."""
        gap = _LIST_BEFORE.search(self.text[max(0, s - 8) : s])
        if gap is None:
            return False
        joint = s - len(gap.group())
        return any(m.end == joint for m in self.out)

    def context(self, s: int, e: int, cands: list[Candidate], strict: bool = False) -> bool:
        """Locative preposition before, a place noun or a containing admin1/country after, or a same-name place.

        ``strict`` asks for evidence that holds for recurring mentions too: "in"/"near", not "of"/"to".
        """
        text = self.text
        prev = _WORD_BEFORE.search(text[max(0, s - 25) : s])
        if prev and prev.group(1).casefold() in (STRICT_LOCATIVE if strict else LOCATIVE):
            return True
        if _PARTY.search(text[max(0, s - 5) : s]) or jurisdiction(text, s, e):
            return True
        if dateline(text, s, e) or (not strict and self.coordinated(s)):
            return True
        after = text[e : e + 40]
        nxt = _LOWER_AFTER.match(after)
        if nxt and nxt.group(1) in PLACE_NOUNS:
            return True
        qual = _QUALIFIER_AFTER.match(after)
        if qual:
            outer = [c for c in self.gaz.lookup(qual.group(1)) if c.level in ("country", "admin1")]
            if outer and containing(cands, outer):
                return True
        return lookup_key(text[s:e]) in self.ner_places
