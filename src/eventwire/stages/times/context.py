"""Context of the times stage: the found expression before it becomes a ``TimeExpr``, and what handlers read
around a match (the parse, the words either side, the tense of the governing verb, the last date mentioned).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.stages.times.normalise import GRANS, gran_of, interval, shift
from eventwire.stages.times.tense import governing_tense


@dataclass
class Found:
    """A normalised expression before it becomes a :class:`TimeExpr`."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    lo: date | None = None
    hi: date | None = None
    precision: str | None = None
    anchor: bool = True  # may serve as the anchor of later anaphoric expressions
    extra: dict[str, Any] = field(default_factory=dict)


# Words that may stand between a preposition and the calendar word it governs ("until mid-November").
_TIME_MODIFIERS = frozenset({"mid", "early", "late", "the", "end", "of", "beginning", "start", "middle"})


def _reporting_quarters(pub: date) -> tuple[date, date]:
    """The first days of the quarter before ``pub``'s and of its own: the ones results are reported for."""
    cur = date(pub.year, 3 * ((pub.month - 1) // 3) + 1, 1)
    return shift(cur, "quarter", -1), cur


class Ctx:
    """What handlers need: the text, the parse, the publication date, the last mentioned date."""

    def __init__(self, text: str, doc: Any, published: date | None, starts: list[int] | None = None) -> None:
        """Keep the text, parse and publication date; ``starts`` are the token offsets when already computed."""
        self.text = text
        self.doc = doc
        self.pub = published
        self.last: tuple[date, str] | None = None
        self.focus_quarter: date | None = None  # the latest quarter a results story would report on
        # Token start offsets, for finding the token at a character by bisection.
        self.starts = starts if starts is not None else (doc.to_array("IDX").tolist() if doc is not None else [])

    def token(self, char: int) -> Any:
        """The spaCy token covering character ``char`` (None without a parse)."""
        i = bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if char < tok.idx + len(tok.text) else None

    def prev_word(self, char: int, skip: frozenset[str] = frozenset()) -> str:
        """The word just before character ``char``, lower-cased, passing over words in ``skip``."""
        end = char
        while True:
            m = re.search(r"([A-Za-z']+)\W*$", self.text[max(0, end - 40) : end])
            if not m:
                return ""
            w = m.group(1).lower()
            if w not in skip:
                return w
            end = max(0, end - 40) + m.start(1)

    def next_word(self, char: int) -> str:
        """The word just after character ``char``, lower-cased."""
        m = re.match(r"\s*([A-Za-z']+)", self.text[char : char + 40])
        return m.group(1).lower() if m else ""

    def tense(self, char: int, expr_start: int | None = None) -> str | None:
        """'past', 'future' or 'present' (simple present, often scheduled) from the governing verb, else None.

        ``char`` is the calendar word; ``expr_start`` the start of the whole expression when it differs
        ("9 a.m. Tuesday"), which is where a governing preposition is looked for.
        """
        tok = self.token(char)
        if tok is None:
            return None
        at = char if expr_start is None else expr_start
        prev = self.prev_word(at, skip=_TIME_MODIFIERS)
        if prev == "effective":
            return None  # an effective date is as often just past as just ahead: take the nearest
        before = self.text[max(0, at - 12) : at].lower()
        if prev in ("until", "till", "payable") or before.endswith(("soon as ", "early as ")):
            # A deadline or a limit lies ahead of the report, unless told in the pluperfect.
            sent = tok.sent if tok.doc.has_annotation("SENT_START") else tok.doc
            if not any(t.lower_ == "had" for t in sent):
                return "future"
        if self.text[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 2] in ("'s", "’s"):
            return "past"  # "Tuesday's vote" names an event already reported
        return governing_tense(tok)

    def remember(self, found: Found) -> None:
        """Make ``found`` the anchor for later anaphoric expressions."""
        g = gran_of(found.value.split("T")[0])
        lo, _, _ = interval(found.value.split("T")[0])
        if g and lo and found.type in ("DATE", "TIME") and found.anchor:
            self.last = (lo, g)
            if g == "quarter" and self.pub is not None and lo in _reporting_quarters(self.pub):
                self.focus_quarter = lo

    def quarter(self) -> date | None:
        """The quarter comparisons refer to: the reported one if named, else the last one mentioned."""
        if self.focus_quarter is not None:
            return self.focus_quarter
        return self.last[0] if self.last is not None and self.last[1] == "quarter" else None

    def anchor_for(self, unit: str) -> date | None:
        """The previously mentioned date if it is at least as fine as ``unit``, else the publication date."""
        if self.last is not None:
            d, g = self.last
            gi = GRANS.index(g if g != "weekend" else "week")
            ui = GRANS.index(unit if unit in GRANS else "day")
            if gi <= ui:
                return d
        return self.pub
