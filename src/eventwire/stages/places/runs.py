"""Gazetteer-only matches over the capitalised runs of the text that the NER did not label (or mislabelled): the
longest known name of up to four words at each word of a run, taken when place context or its size vouches for
it, unless it lies in a person's or organisation's name.
"""

from __future__ import annotations

import re

from eventwire.knowledge.gazetteer import Candidate, lookup_key
from eventwire.stages.places.blocking import blocked_by_entity, in_full_name
from eventwire.stages.places.cues import (
    JURISDICTION_OF,
    feature_end,
    is_demonym,
    jurisdiction,
    locative_tail,
    lookup,
    org_edge,
    trim,
)
from eventwire.stages.places.mention import Mention, capital_or_state, is_big
from eventwire.stages.places.scan import Scan
from eventwire.stages.places.spans import longer_name, with_abbreviation_dot
from eventwire.stages.places.words import FOREIGN_DIRECTIONS

# The dot of "St."/"Ste."/"Mt."/"Ft." stays inside a run ("Sault Ste. Marie", where the NER sees a person).
CAP_RUN = re.compile(
    r"[A-Z][\w'’]*(?:(?:[ \-]+|(?:(?<=\bSt)|(?<=\bSte)|(?<=\bMt)|(?<=\bFt))\. +"
    r"|[ \-](?:al|el|de|do|dos|das|du|da|del|di|la|of|and|upon)[ \-])[A-Z][\w'’]*)*"
)
_RUN_WORD = re.compile(r"[\w'’]+")

Blocker = tuple[int, int, str]


def read_run(scan: Scan, run: re.Match[str]) -> None:
    """Take the known names of one capitalised run, longest first at each word, left to right."""
    words = list(_RUN_WORD.finditer(run.group()))
    n = len(words)
    i = 0
    while i < n:
        taken = None
        for j in range(min(n, i + 4), i, -1):
            taken = _take(scan, run, run.start() + words[i].start(), run.start() + words[j - 1].end())
            if taken is not None:
                break
        if taken is None:
            i += 1
            continue
        # Go on after the mention, which may have grown over feature words ("Kiser Lake").
        i = j
        while i < n and run.start() + words[i].start() < taken:
            i += 1


def _take(scan: Scan, run: re.Match[str], s: int, e: int) -> int | None:
    """Take the known name of the words ``[s, e)`` of ``run`` as a mention; the mention's end, else None."""
    found = _known_name(scan, run, s, e)
    if found is None:
        return None
    s, e, key, cands = found
    overlapping, longer = _blocking(scan, s, e, cands)
    if longer is not None:
        # "Kansas City Power & Light" opens with Kansas City, not Kansas.
        s, e = longer
        key, cands = lookup_key(scan.text[s:e]), lookup(scan.gaz, scan.text, s, e)
    sure = _sure(scan, s, e, key, cands, overlapping)
    if sure is None:
        return None
    fe = feature_end(scan.text, e, run.end())
    scan.accept(s, fe, False, cands, sure, stem=e if fe > e else 0)
    return fe


def _known_name(scan: Scan, run: re.Match[str], s: int, e: int) -> tuple[int, int, str, list[Candidate]] | None:
    """The span, key and readings of the words ``[s, e)`` when they are a free known name, not a stop word, a
    demonym or a foreign direction word; else None."""
    text, analysis = scan.text, scan.analysis
    s, e = trim(text, s, e)
    if e <= s or not scan.free(s, e) or not text[s].isupper():
        return None
    s, e = with_abbreviation_dot(text, s, e)
    surface = text[s:e]
    key = lookup_key(surface)
    if key in scan.stop or len(key) < 2:
        return None
    # Most capitalised words are no known name: the gazetteer says so before the costlier checks.
    cands = lookup(scan.gaz, text, s, e)
    if (
        not cands
        or analysis.is_excluded(s, e)
        or blocked_by_entity(analysis, s, e, scan.person_words, scan.spans)
        or is_demonym(scan.gaz, surface, cands)
    ):
        return None
    if s > run.start() and surface.casefold() in FOREIGN_DIRECTIONS:
        return None  # "Kasai Occidental": the direction of a longer name, not Occidental, California
    return s, e, key, cands


def _blocking(scan: Scan, s: int, e: int, cands: list[Candidate]) -> tuple[list[Blocker], tuple[int, int] | None]:
    """The NER's blocking entities that overlap ``[s, e)`` and still block it, and the longer known name the span
    opens when a state or country opens an organisation's name ("Kansas City Power & Light")."""
    text = scan.text
    overlapping = [
        (bs, be, lab) for bs, be, lab in scan.blockers if s < be and bs < e and not locative_tail(text, bs, be, s, e)
    ]
    # A nationality word opening a longer known name ("British Columbia") does not block it.
    if all(lab == "NORP" and s <= bs and be < e for bs, be, lab in overlapping):
        overlapping = []
    # A jurisdiction opening an institution's name ("the Mansfield Police Department").
    if overlapping and jurisdiction(text, s, e):
        heads = [trim(text, bs, be)[0] for bs, be, _ in overlapping]
        if all(h == s for h in heads) or JURISDICTION_OF.search(text[max(0, s - 20) : s]):
            overlapping = []
    longer = None
    # A state or country that opens an organisation's name or closes it after "of" names the place ("the Ohio
    # Supreme Court", "the University of Texas"), as both gold standards count it.
    if overlapping and is_big(cands) and cands[0].level in ("country", "admin1"):
        if all(lab == "ORG" and org_edge(text, bs, be, s, e) for bs, be, lab in overlapping):
            found = longer_name(scan.gaz, text, s, e)
            if found is not None and is_big(lookup(scan.gaz, text, *found)):
                longer = found
            overlapping = []
    return overlapping, longer


def _sure(scan: Scan, s: int, e: int, key: str, cands: list[Candidate], overlapping: list[Blocker]) -> bool | None:
    """Whether the known name ``[s, e)`` is taken firmly (True), on size alone (False) or not at all (None)."""
    if overlapping:
        # The small NER often calls towns persons or organisations; take them back only with place context,
        # and never a word of a person's full name.
        exact = any(bs == s and be == e for bs, be, _ in scan.blockers)
        if not exact or key in scan.person_words:
            return None
        if not (scan.context(s, e, cands) or capital_or_state(cands)):
            if len(key) > 3 and not in_full_name(scan.analysis, s, e):
                scan.pending.append(Mention(s, e, scan.text[s:e], False, cands))
            return None
        return True
    if not (scan.context(s, e, cands) or is_big(cands)):
        return None
    return scan.context(s, e, cands, strict=True)
