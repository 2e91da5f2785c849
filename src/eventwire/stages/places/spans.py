"""Toponym spans mended where the NER (or an entity ruler) cut them badly: grown over adjacent capitalised words
into a longer known name ("New Jersey", "Gulf of Mexico", "Rio Grande do Sul"), cut into the known names inside
an unknown span ("Henderson County Jail"), and abbreviations taken with their dot ("Ill.", "B.C.").
"""

from __future__ import annotations

import re

from eventwire.knowledge.gazetteer import Gazetteer, get_gazetteer, lookup_key
from eventwire.stages.places.cues import feature_end, known_name, opens_name, trim, word_spans
from eventwire.stages.places.words import GENERIC_WORDS, stoplist

_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_CAP_WORD_AFTER = re.compile(r" ([A-Z][\w'’]*)")
_CAP_WORD_BEFORE = re.compile(r"([A-Z][\w'’]*) $")
_OF_HEAD = re.compile(r"([A-Z][a-z]+) of $")
# "Rio Grande| do Sul": a particle of a Portuguese, Spanish or Italian name joins the next word.
_GROW_RIGHT = re.compile(r"(?: (?:do|dos|das|da|de|del|di))? ([A-Z][\w'’]*)")


def _word_ends(text: str, end: int, word: re.Pattern[str], window: int) -> list[int]:
    """Where the next one and two words after ``end`` end, each read by ``word`` within ``window`` characters."""
    ends: list[int] = []
    pos = end
    for _ in range(2):
        m = word.match(text[pos : pos + window])
        if not m:
            break
        pos += m.end()
        ends.append(pos)
    return ends


def longer_name(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest other known name that ``text[start:end]`` opens ("Kansas" in "Kansas City Power"), if any.

    The longer name must be some entry's own name: "Ohio State" (an alternate name of Ohio) is not another
    name, "Charleston County" is, though "Charleston" is also its alternate name.
    """
    ends = _word_ends(text, end, _CAP_WORD_AFTER, 40)
    if not ends:
        return None
    own = {c.ref for c in gaz.lookup(text[start:end]) if c.primary}
    for e in reversed(ends):
        cands = gaz.lookup(text[start:e])
        if any(c.primary and c.ref not in own for c in cands) and lookup_key(text[start:e]) not in stoplist():
            return start, e
    return None


def place_spans(text: str, start: int, end: int, gaz: Gazetteer, stop: frozenset[str]) -> list[tuple[int, int]]:
    """The toponym spans of an NER place span, mended where the NER (or an entity ruler) cut them badly.

    A span grows over adjacent capitalised words into a longer known name ("Jersey" in "New Jersey",
    "Mexico" in "Mexico City"); a span the gazetteer does not know yields the known names inside it
    ("Henderson County" in "Henderson County Jail", both names of "Greenbrier-Pocahontas County").
    """
    left = list(_CAP_WORD_BEFORE.finditer(text[max(0, start - 30) : start]))
    grow_left: list[int] = []
    if left:
        grow_left.append(max(0, start - 30) + left[-1].start(1))
        before = max(0, start - 60)
        more = _CAP_WORD_BEFORE.search(text[before : grow_left[0]])
        if more:
            grow_left.append(before + more.start(1))
    # "the Gulf of Mexico", "Sea of Japan": a known name whose head sits before "of".
    of_head = _OF_HEAD.search(text[max(0, start - 20) : start])
    if of_head:
        grow_left.append(max(0, start - 20) + of_head.start(1))
    grow_right = _word_ends(text, end, _GROW_RIGHT, 60)
    options = [(ls, re_) for ls in [start, *grow_left] for re_ in [end, *grow_right] if (ls, re_) != (start, end)]
    options.sort(key=lambda se: -(se[1] - se[0]))
    for s, e in options:
        if known_name(gaz, stop, text, s, e):
            return [(s, e)]
    if gaz.lookup(text[start:end]):
        return [(start, end)]
    # The whole span is unknown: keep the known names inside it, longest first, left to right.
    words = word_spans(text, start, end)
    if len(words) < 2:
        return [(start, end)]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            s, e = words[i][0], words[j - 1][1]
            s, e = trim(text, s, e)
            if (
                e > s
                and text[s].isupper()
                and opens_name(text, start, s)
                and known_name(gaz, stop, text, s, e)
                and (j - i > 1 or e - s > 3)
                and not (s > start and _generic(text, s, e))
            ):
                # "Kiser Lake": the known stem with its feature words is one unknown name.
                e = feature_end(text, e, end)
                found.append((s, e))
                i = j
                while i < len(words) and words[i][0] < e:
                    i += 1
                break
        else:
            i += 1
    return found or [(start, end)]


def _generic(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` is only feature or direction words ("Delta", "Plateau", "Occidental"): inside a
    longer unknown name ("the Danube Delta", "Kasai Occidental") it is part of that name, not the province or
    town so called elsewhere."""
    return all(w.casefold().rstrip(".") in GENERIC_WORDS for w in text[s:e].split())


def with_abbreviation_dot(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "Ill" to "Ill." and "B.C" to "B.C." when the dot follows, so abbreviations match whole."""
    if end < len(text) and text[end] == ".":
        surface = text[start:end]
        if _DOTTED.fullmatch(surface) or (surface.isalpha() and get_gazetteer().is_abbreviation(surface + ".")):
            return start, end + 1
    return start, end
