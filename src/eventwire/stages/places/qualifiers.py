"""What the text says about a name's readings before any scoring: the country or state that qualifies it
("Paris, Texas"), the unit that holds no place of its name ("Stroud, Ontario"), the known place an unknown name
lies in ("Abu Shok camp in Al-Fashir"), and lists of names of one kind ("Alberta, Manitoba, Ontario").
"""

from __future__ import annotations

import re
from collections import Counter

from eventwire.knowledge.gazetteer import Candidate, lookup_key
from eventwire.stages.places.mention import Mention, containing, inside, is_big
from eventwire.stages.places.words import DIRECTIONS, PLACE_NOUNS


def attach_qualifiers(text: str, mentions: list[Mention]) -> None:
    """Mark "Y" in "X, Y" / "X in Y" as X's qualifier when Y is a country or admin1 that holds an X."""
    for a, b, after in zip(mentions, mentions[1:], [*mentions[2:], None], strict=False):
        gap = text[a.end : b.start]
        if b.candidates and _within(text, a, b, gap, after):
            a.within = b  # used only if ``a`` stays unread: unknown, or a stray namesake
        if gap not in (", ", " in ", ",") or not b.candidates or not a.candidates:
            continue
        # "California, Pennsylvania" in a list of states is two states, not the Pennsylvania town; an
        # abbreviated state after the comma is an address ("Washington, D.C.", "Washington, Ga.").
        abbreviated = b.text.endswith(".") and b.text[:1].isupper()
        if (
            gap != " in "
            and not abbreviated
            and any(c.primary and c.level in ("country", "admin1") for c in a.candidates)
        ):
            continue
        if containing(a.candidates, b.candidates):
            a.qualifier = b
        elif _unheld_by(text, a, b, gap, after):
            a.unheld = b.candidates[0]


# "X in Y", "X district of Y", "X refugee camp near Y": the words between an unknown name and a known one
# that put the first inside (or just by) the second.
_WITHIN_GAP = re.compile(r"(?:\s+[a-z]+){0,3}\s+(?:in|of|near|outside)\s+(?:the\s+)?")
_WITHIN_NOUNS = PLACE_NOUNS | {"camp", "refugee", "state", "game", "national", "wildlife", "settlement"}


def _within(text: str, a: Mention, b: Mention, gap: str, after: Mention | None) -> bool:
    """True when the text puts the unknown name ``a`` inside or by the known name ``b``."""
    if _WITHIN_GAP.fullmatch(gap):
        return all(w in _WITHIN_NOUNS for w in gap.split()[:-1] if w not in ("in", "of", "near", "outside", "the"))
    return gap in (", ", ",") and _unheld_by(text, a, b, gap, after)


def _unheld_by(text: str, a: Mention, b: Mention, gap: str, after: Mention | None) -> bool:
    """True for "Stroud, Ontario[, Canada]": a town name, then a country or state closing the phrase (not one
    more name of a list) that holds no place of the name in the gazetteer."""
    if gap == " in " or not is_big(b.candidates) or b.candidates[0].level not in ("country", "admin1"):
        return False
    unit = b.candidates[0]
    if b.text.casefold() in DIRECTIONS or any(c.level in ("country", "admin1", "region") for c in a.candidates):
        return False
    if re.match(r"\s*(?:,\s*[A-Z]|(?:and|or|&)\b)", text[b.end : b.end + 8]):
        # A list goes on ("Ontario, Quebec"), unless the next name is the state's own country.
        own_country = (
            after is not None
            and bool(after.candidates)
            and after.candidates[0].level == "country"
            and after.candidates[0].country == unit.country
            and text[b.end : after.start] == ", "
        )
        if not own_country:
            return False
    return not any(inside(c, unit) for c in a.candidates)


# Gaps between the names of a list ("Alberta, Manitoba, Ontario and New Brunswick").
_LIST_GAP = re.compile(r"\s*(?:,|/|,?\s+(?:and|or|&))\s*")


def _list_runs(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of names joined by commas and "and"/"or", of three names, or of two joined by a conjunction.

    "X, Y" that closes a run, where Y holds a place named X, is a qualifier ("Texas and Washington, D.C."):
    neither name is a member of the list.
    """
    joins = [bool(_LIST_GAP.fullmatch(text[a.end : b.start])) for a, b in zip(mentions, mentions[1:], strict=False)]
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    conj = False
    for k, m in enumerate(mentions):
        run.append(m)
        if k < len(joins) and joins[k]:
            gap = text[m.end : mentions[k + 1].start]
            last = k + 1 >= len(joins) or not joins[k + 1]
            places = [c for c in m.candidates if c.level == "place"]
            if not (last and not gap.strip(", ") and containing(places, mentions[k + 1].candidates)):
                conj = conj or bool(gap.strip(", /"))
                continue
            run.pop()
        if len(run) >= 3 or (len(run) == 2 and conj):
            runs.append(run)
        run, conj = [], False
    return runs


def list_readings(text: str, mentions: list[Mention]) -> dict[str, list[Candidate]]:
    """Readings of listed names that agree with most of the list on a subdivision level and country.

    A list names things of one kind: "British Columbia, Alberta, Manitoba, Ontario and New Brunswick" are
    Canadian provinces, so Ontario is the province, not the Californian city.
    """
    out: dict[str, list[Candidate]] = {}
    for run in _list_runs(text, mentions):
        kinds: Counter[tuple[str, str | None]] = Counter()
        for m in run:
            kinds.update({(c.level, c.country) for c in m.candidates if c.primary and c.level == "admin1"})
        if not kinds:
            continue
        (level, cc), n = kinds.most_common(1)[0]
        if n < 2 or 2 * n <= len(run):
            continue
        for m in run:
            agree = [c for c in m.candidates if c.primary and c.level == level and c.country == cc]
            if agree:
                out.setdefault(lookup_key(m.text), agree)
    return out
