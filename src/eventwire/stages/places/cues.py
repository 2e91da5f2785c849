"""Cues around a name in the text: its trimmed span and gazetteer readings, the feature words after it ("Kiser
Lake"), datelines, jurisdictions and institutions, its place at the edge of an organisation's name, its
occurrences as a whole name, and the words of a span.
"""

from __future__ import annotations

import re

from eventwire.knowledge.gazetteer import Candidate, Gazetteer, lookup_key
from eventwire.stages.places.mention import BIG_PLACE
from eventwire.stages.places.words import (
    CONNECTORS,
    DIRECTIONS,
    FEATURE_WORDS,
    INSTITUTION_WORDS,
    NAME_SUFFIXES,
    STRICT_LOCATIVE,
)

# "the State of Ohio", "City of Alexandria": a jurisdiction named before the place's own name.
JURISDICTION_OF = re.compile(r"\b(?:State|Commonwealth|Province|City|County|Town|Village|Borough) of $")


_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


_POSSESSIVE = re.compile(r"['’]s?$")


_METRO = re.compile(r"(?:Greater|Metro|Metropolitan) (?=[A-Z])")


_FEATURE_WORD = re.compile(r" ([A-Z][a-z]+\.?)")


def feature_end(text: str, end: int, limit: int | None = None) -> int:
    """The end of the feature words that follow ``end`` ("Kiser| Lake"), else ``end``.

    A longer name goes on after them ("Texas Forest Service", "Missouri Valley Blazers"): it names an
    institution of the place itself, so the feature words are not part of a place's name.
    """
    limit = len(text) if limit is None else limit
    pos = end
    while (m := _FEATURE_WORD.match(text, pos, limit)) and m.group(1).rstrip(".").casefold() in FEATURE_WORDS:
        pos = m.end()
    if pos > end and re.match(r" [A-Z]", text[pos : pos + 2]):
        return end
    return pos


def stem_end(text: str, start: int, end: int) -> int | None:
    """The end of the name before the trailing feature words of ``text[start:end]``, when it has both."""
    words = list(re.finditer(r"\S+", text[start:end]))
    k = len(words)
    while k > 0 and words[k - 1].group().rstrip(".").casefold() in FEATURE_WORDS and words[k - 1].group()[0].isupper():
        k -= 1
    if k == 0 or k == len(words):
        return None
    return start + words[k - 1].end()


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from ``text[start:end]``."""
    s = text[start:end]
    m = _LEADING_THE.match(s)
    if m and m.end() < len(s):
        start += m.end()
    s = text[start:end]
    m = _POSSESSIVE.search(s)
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def lookup(gaz: Gazetteer, text: str, start: int, end: int) -> list[Candidate]:
    """Candidates for the mention, trying "the West" before "West"."""
    if start >= 4 and text[start - 4 : start].casefold() == "the ":
        with_article = gaz.lookup(text[start - 4 : end])
        if any(c.level == "region" for c in with_article):
            return [c for c in with_article if c.level == "region"]
    cands = gaz.lookup(text[start:end])
    metro = _METRO.match(text, start, end)
    if not cands and metro:
        # "Greater Manchester", "Metro Vancouver": the area of a city, so its big namesakes only.
        rest = [c for c in gaz.lookup(text[metro.end() : end]) if c.level == "place"]
        cands = [c for c in rest if c.population >= BIG_PLACE] or rest
    return cands


def _institution_follows(text: str, end: int) -> bool:
    """True when a civic institution word follows ("Mansfield Police", "Henry County Sheriff's Office")."""
    m = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
    return bool(m and m.group(1).casefold() in INSTITUTION_WORDS and m.group(1).casefold() not in NAME_SUFFIXES)


# Dashes after a dateline, with the em dash some feeds carry as the Windows-1252 byte \x97.
_DATELINE_DASH = re.compile(r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*(?:—|–|--|-|\x97|\(AP\))\s")


def dateline(text: str, start: int, end: int) -> bool:
    """True for an upper-case place before a dash opening the text, a sentence or a byline's date.

    "ROSWELL - A man ...", "March 29, 2009 PATASKALA -- City officials ...".
    """
    if not text[start:end].isupper():
        return False
    before = text[max(0, start - 3) : start]
    if start > 0 and not re.search(r"(?:^|[.!?\n]|\d)\s*$", before):
        return False
    return bool(_DATELINE_DASH.match(text[end : end + 30]))


def jurisdiction(text: str, start: int, end: int) -> bool:
    """True for an explicit jurisdiction ("Laurel County", "the State of Ohio") or a name before an institution."""
    last = text[start:end].rsplit(None, 1)[-1].casefold()
    if last in ("county", "parish") or _institution_follows(text, end):
        return True
    return bool(JURISDICTION_OF.search(text[max(0, start - 20) : start]))


def org_edge(text: str, org_start: int, org_end: int, start: int, end: int) -> bool:
    """True when the span opens the organisation's name, or closes it after "of"."""
    head = trim(text, org_start, org_end)[0]
    if head == start and end < org_end:
        return True
    return end >= org_end - 2 and text[max(0, start - 4) : start] == " of "


def locative_tail(text: str, org_start: int, org_end: int, start: int, end: int) -> bool:
    """True when the span closes an entity after "in"/"near": the NER glued a place onto a name
    ("Lutheran School in Lombard", "Sheldon Peck Homestead in Lombard")."""
    if not (org_start < start and end >= org_end - 1):
        return False
    prev = re.search(r"([a-z]+)\s+$", text[org_start:start])
    return bool(prev and prev.group(1) in STRICT_LOCATIVE)


def is_demonym(gaz: Gazetteer, surface: str, cands: list[Candidate]) -> bool:
    """True when ``surface`` names a people ("Saudi", "West Virginian"), not one of its place readings."""
    if any(c.level == "country" for c in cands):
        return False
    return gaz.place_of_demonym(surface) is not None


def _word_char(c: str) -> bool:
    """What the pattern ``\\w`` matches: letters, digits (Unicode) and the underscore."""
    return c.isalnum() or c == "_"


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Spans of ``surface`` written as a whole name: not after a word character or ".", nor before a word
    character, apostrophe or hyphen. (A string search: a regex compiled per name cost more than the scan.)"""
    out = []
    size, n = len(surface), len(text)
    i = text.find(surface)
    while i >= 0:
        e = i + size
        before_ok = i == 0 or not (_word_char(text[i - 1]) or text[i - 1] == ".")
        after_ok = e == n or not (_word_char(text[e]) or text[e] in "’'-")
        if before_ok and after_ok:
            out.append((i, e))
            i = text.find(surface, e)
        else:
            i = text.find(surface, i + 1)
    return out


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the words of ``text[start:end]``, split on spaces and hyphens."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\s\-‐–—]+", text[start:end])]


def known_name(gaz: Gazetteer, stop: frozenset[str], text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` is a gazetteer name and not a stop word."""
    surface = text[s:e].rstrip(".,;:")
    return bool(surface) and lookup_key(surface) not in stop and bool(lookup(gaz, text, s, e))


def opens_name(text: str, span_start: int, start: int) -> bool:
    """True when a known name inside an unknown span starts a name of its own there.

    It opens the span, follows a hyphen or a connective ("Greenbrier-Pocahontas County", "Norman to
    D.C."), or follows only directions ("South Philadelphia"); "Occidental" in "Kasai Occidental" or
    "Delta" in "Danube Delta" is a word of the unknown name, not a place.
    """
    if start == span_start or text[start - 1] in "-‐–":
        return True
    before = [w.casefold() for w in re.findall(r"[\w']+", text[span_start:start])]
    return bool(before) and (before[-1] in CONNECTORS or all(w in DIRECTIONS for w in before))
