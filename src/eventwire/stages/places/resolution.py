"""Resolution of the places stage: qualifiers ("Paris, Texas") and the units that hold no place of a name
("Stroud, Ontario"), lists of names of one kind, the context-free prior of a reading, and the rounds that pick
one reading per name from the article's country and state focus and the nearness of its places.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from eventwire.analysis import Analysis
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, country_iso2, lookup_key
from eventwire.stages.places.cues import (
    _DIRECTIONS,
    ADMIN1_SMALL_LOG,
    BIG_CITY_NEAR,
    BIG_CITY_POP,
    BIG_CITY_PRIOR,
    BIG_NAME_LOCAL,
    COHERENCE_WEIGHT,
    DEMONYM_FOCUS,
    PLACE_NOUNS,
    PROXIMITY_WEIGHT,
    ROUNDS,
    STATE_REPEAT,
    _containing,
    _is_big,
    _located,
    _Mention,
)
from eventwire.stages.places.proximity import _Points, _Readings


def _attach_qualifiers(text: str, mentions: list[_Mention]) -> None:
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
        if _containing(a.candidates, b.candidates):
            a.qualifier = b
        elif _unheld_by(text, a, b, gap, after):
            a.unheld = b.candidates[0]


# "X in Y", "X district of Y", "X refugee camp near Y": the words between an unknown name and a known one
# that put the first inside (or just by) the second.
_WITHIN_GAP = re.compile(r"(?:\s+[a-z]+){0,3}\s+(?:in|of|near|outside)\s+(?:the\s+)?")
_WITHIN_NOUNS = PLACE_NOUNS | {"camp", "refugee", "state", "game", "national", "wildlife", "settlement"}


def _within(text: str, a: _Mention, b: _Mention, gap: str, after: _Mention | None) -> bool:
    """True when the text puts the unknown name ``a`` inside or by the known name ``b``."""
    if _WITHIN_GAP.fullmatch(gap):
        return all(w in _WITHIN_NOUNS for w in gap.split()[:-1] if w not in ("in", "of", "near", "outside", "the"))
    return gap in (", ", ",") and _unheld_by(text, a, b, gap, after)


def _unheld_by(text: str, a: _Mention, b: _Mention, gap: str, after: _Mention | None) -> bool:
    """True for "Stroud, Ontario[, Canada]": a town name, then a country or state closing the phrase (not one
    more name of a list) that holds no place of the name in the gazetteer."""
    if gap == " in " or not _is_big(b.candidates) or b.candidates[0].level not in ("country", "admin1"):
        return False
    unit = b.candidates[0]
    if b.text.casefold() in _DIRECTIONS or any(c.level in ("country", "admin1", "region") for c in a.candidates):
        return False
    if re.match(r"\s*(?:,\s*[A-Z]|(?:and|or|&)\b)", text[b.end : b.end + 8]):
        # A list goes on ("Ontario, Quebec"), unless the next name is the state's own country.
        country = after is not None and after.candidates and after.candidates[0].level == "country"
        if not (country and after.candidates[0].country == unit.country and text[b.end : after.start] == ", "):
            return False
    return not any(_inside(c, unit) for c in a.candidates)


def _inside(c: Candidate, unit: Candidate) -> bool:
    """True when ``c`` lies in the country or admin1 ``unit``."""
    return c.country == unit.country and c.level != unit.level and (unit.level == "country" or c.admin1 == unit.admin1)


# Gaps between the names of a list ("Alberta, Manitoba, Ontario and New Brunswick").
_LIST_GAP = re.compile(r"\s*(?:,|/|,?\s+(?:and|or|&))\s*")


def _list_runs(text: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Runs of names joined by commas and "and"/"or", of three names, or of two joined by a conjunction.

    "X, Y" that closes a run, where Y holds a place named X, is a qualifier ("Texas and Washington, D.C."):
    neither name is a member of the list.
    """
    joins = [bool(_LIST_GAP.fullmatch(text[a.end : b.start])) for a, b in zip(mentions, mentions[1:], strict=False)]
    runs: list[list[_Mention]] = []
    run: list[_Mention] = []
    conj = False
    for k, m in enumerate(mentions):
        run.append(m)
        if k < len(joins) and joins[k]:
            gap = text[m.end : mentions[k + 1].start]
            last = k + 1 >= len(joins) or not joins[k + 1]
            places = [c for c in m.candidates if c.level == "place"]
            if not (last and not gap.strip(", ") and _containing(places, mentions[k + 1].candidates)):
                conj = conj or bool(gap.strip(", /"))
                continue
            run.pop()
        if len(run) >= 3 or (len(run) == 2 and conj):
            runs.append(run)
        run, conj = [], False
    return runs


def _list_readings(text: str, mentions: list[_Mention]) -> dict[str, list[Candidate]]:
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


def _prior(c: Candidate, cands: list[Candidate]) -> float:
    """Context-free plausibility of a candidate: size, kind of place, own name."""
    score = math.log10(c.population + 1) / 10
    if c.level == "country":
        score += 0.6
    elif c.level == "region":
        # A curated region is the common sense of its name ("Luzon", "Red Sea"), over a namesake town.
        score += 1.0
    elif c.level == "admin1":
        # A small province (Berea, 85,000 people) is no likelier than a town of its name.
        score += 0.35 * min(1.0, max(0.0, math.log10(c.population + 1) - ADMIN1_SMALL_LOG))
    elif c.level == "place" and c.primary and not c.capital:
        # A city as big as the province it names (Baghdad) is what a bare mention means; a capital has
        # that bonus already, and counting it twice let Dublin outweigh a named US state.
        for o in cands:
            if o.level == "admin1" and o.primary and o.country == c.country and c.population >= 0.25 * o.population:
                score += 0.45
                break
    if c.primary:
        score += 0.3
    if c.level == "place" and c.primary and not c.capital and c.population >= BIG_CITY_POP:
        # A city known the world over (Toronto, Montreal, St. Petersburg) is what its bare name means in
        # most texts; a namesake town in the article's state needs more than the state's focus to win. A
        # capital has its own bonus below.
        score += BIG_CITY_PRIOR
    if c.capital and c.primary:
        # Only under its own name: Amman is no bare "Philadelphia".
        score += 0.6
    return score


# "Washington state", "the state of Washington": the admin1 of that name.
_STATE_CUE = re.compile(r"\bstate of \||\| state\b", re.IGNORECASE)


# "the city of Sao Paulo", "Sao Paulo city": the town of that name, not its state.
_CITY_CUE = re.compile(r"\bcity of \||\| city\b", re.IGNORECASE)
# Words around a name that ask for one level of reading, in the order they are tried.
_LEVEL_CUES = ((_STATE_CUE, "admin1"), (_CITY_CUE, "place"))


def _around(text: str, m: _Mention) -> str:
    """The mention between ``|`` marks, with the words just before and after it."""
    return f"{text[max(0, m.start - 12) : m.start]}|{m.text}|{text[m.end : m.end + 8]}"


def _by_mentions(groups: dict[str, list[_Mention]]) -> list[tuple[str, list[_Mention]]]:
    """Names in update order: the most mentioned first (the article's subject settles its neighbours), then
    in the order they appear."""
    return sorted(groups.items(), key=lambda kv: -len(kv[1]))


def _state_weight(cand: Candidate, mentions: int) -> float:
    """Weight of a reading in the article's state focus: a state named outright counts double, and more
    when it recurs (an article about Indiana says so again and again); a town counts once, however often
    it recurs, as its reading may be a guess."""
    if cand.level != "admin1":
        return 1.0
    return 2.0 * (1.0 + STATE_REPEAT * math.log(mentions))


def _resolve(mentions: list[_Mention], analysis: Analysis, gaz: Gazetteer) -> dict[str, tuple[Candidate | None, float]]:
    """Pick one candidate per normalised surface (one sense per article)."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        groups.setdefault(lookup_key(m.text), []).append(m)

    # Country focus: countries named outright, unambiguous places, actors' countries and demonyms.
    base_focus: Counter[str] = Counter()
    for ent in analysis.entities:
        if ent.country:
            iso2 = country_iso2(ent.country)
            if iso2:
                base_focus[iso2] += 0.5
    # Demonyms too, once per country named so ("Belarusian and Polish border guards ... near Brest").
    for d in analysis.demonyms:
        if d.level == "country" and d.country:
            base_focus[d.country] += DEMONYM_FOCUS
    decided: dict[str, tuple[Candidate | None, float]] = {}
    readings = _Readings(groups)
    # A candidate's prior depends only on it and its name's candidates (one list per name, alive while the
    # mentions are): computed once, not in every round.
    priors: dict[tuple[int, int], float] = {}

    def prior(c: Candidate, cands: list[Candidate]) -> float:
        key = (id(cands), c.ref)
        found = priors.get(key)
        if found is None:
            found = priors[key] = _prior(c, cands)
        return found

    listed = _list_readings(analysis.text, mentions)

    def context(decided: dict[str, tuple[Candidate | None, float]]) -> tuple[Counter, Counter, float, float, _Points]:
        """Country and admin1 focus and the local points, as the decisions so far give them."""
        focus = Counter(base_focus)
        # Country and admin1 focus count each name once, however often it recurs: repeating one ambiguous
        # name ("Logan", seven times) is no evidence for the state its guessed reading lies in.
        # Admin1 focus: local news names many small places in one state or province.
        afocus: Counter[tuple[str | None, str | None]] = Counter()
        for key, (cand, _conf) in decided.items():
            if cand is not None:
                members = (cand.country,) if cand.country else cand.countries
                for cc in members:
                    focus[cc] += 1 / len(members)
                if cand.admin1 and cand.level in ("admin1", "admin2", "place"):
                    afocus[(cand.country, cand.admin1)] += _state_weight(cand, len(groups[key]))
        if not decided:
            for ms in groups.values():
                cands = ms[0].candidates
                if cands and (cands[0].level == "country" or len({c.country for c in cands}) == 1):
                    focus[cands[0].country or ""] += 1
                if cands and cands[0].level == "admin1" and cands[0].primary:
                    afocus[(cands[0].country, cands[0].admin1)] += _state_weight(cands[0], len(ms))
        total = sum(focus.values()) or 1.0
        atotal = sum(afocus.values()) or 1.0
        # Local points: places and counties already chosen, for the proximity of each candidate.
        points = _Points(
            [
                (key, cand, len(groups[key]))
                for key, (cand, _conf) in decided.items()
                if cand is not None
                and cand.level in ("place", "admin2")
                and cand.lat is not None
                and cand.lon is not None
            ]
        )
        return focus, afocus, total, atotal, points

    # The first round reads the unambiguous names only; later rounds update one name at a time, each
    # reading the decisions made so far, so that two names cannot keep swapping their readings in step
    # (one in six LGL articles never settled when every name updated at once).
    for _round in range(ROUNDS):
        result: dict[str, tuple[Candidate | None, float]] = dict(decided)
        stepwise = bool(decided)
        focus, afocus, total, atotal, points = context(decided)
        for key, ms in _by_mentions(groups):
            cands = ms[0].candidates
            if not cands:
                result[key] = (None, 0.3 if any(m.from_ner for m in ms) else 0.2)
                continue
            qualified: list[Candidate] = []
            for m in ms:
                if m.qualifier is not None:
                    qualified = _containing(cands, m.qualifier.candidates)
                    if qualified:
                        break
            for cue, level in _LEVEL_CUES:
                if not qualified and any(cue.search(_around(analysis.text, m)) for m in ms):
                    qualified = [c for c in cands if c.level == level]
            if not qualified:
                qualified = listed.get(key, [])
            pool = _located(qualified or cands)
            own: Counter[str | None] = Counter()
            own_a: Counter[tuple[str | None, str | None]] = Counter()
            prev = result.get(key, (None, 0))[0]
            if prev is not None:
                own[prev.country] += 1
                if prev.admin1 and prev.level in ("admin1", "admin2", "place"):
                    own_a[(prev.country, prev.admin1)] += _state_weight(prev, len(ms))
            # The name's own previous reading is left out of the state evidence for it, total included:
            # fifteen "Dublin" mentions must not dilute the one "Ohio" that places them.
            arest = max(atotal - sum(own_a.values()), 1.0)
            top = max(cands, key=lambda c: prior(c, cands))
            big_name = not qualified and top.primary and top.level in ("country", "admin1")
            scored = []
            big_city = next(
                (c for c in pool if c.level == "place" and c.primary and c.population >= BIG_CITY_POP), None
            )
            proximity = points.proximity_many(pool, key)
            readings.prefill(pool, key)
            for j, c in enumerate(pool):
                share = ashare = 0.0
                if c.country:
                    share = max(0.0, focus.get(c.country, 0) - own.get(c.country, 0)) / total
                elif c.countries:
                    share = sum(focus.get(cc, 0) for cc in c.countries) / total / 2
                if c.admin1 and c.level in ("admin2", "place"):
                    a = (c.country, c.admin1)
                    ashare = max(0.0, afocus.get(a, 0) - own_a.get(a, 0)) / arest
                near = proximity[j] + COHERENCE_WEIGHT * readings.coherence(c, key)
                local = 1.0 * ashare + PROXIMITY_WEIGHT * near
                if big_name and c.level in ("place", "admin2"):
                    # A bare name that is itself a country or state ("Iran", "Georgia") keeps that sense
                    # unless the text qualifies it; nearby namesakes (Iran, Texas) do not outvote it.
                    local *= BIG_NAME_LOCAL
                if big_city is not None and c is not big_city and c.level in ("place", "admin2"):
                    if ashare == 0 and near < BIG_CITY_NEAR:
                        # A namesake with no state or nearby place behind it is no likelier than the world
                        # city for being in the article's country: Montreal, Wisconsin in a Tennessee story.
                        share = 0.0
                scored.append((prior(c, cands) + 1.2 * share + local, c))
            scored.sort(key=lambda x: -x[0])
            best_score, best = scored[0]
            margin = best_score - scored[1][0] if len(scored) > 1 else 1.0
            conf = 0.55 + min(0.4, margin / 2)
            if qualified:
                conf = max(conf, 0.9)
            if not best.primary:
                conf -= 0.05
            if not any(m.from_ner for m in ms):
                conf -= 0.1
            result[key] = (best, round(max(0.1, min(conf, 0.95)), 2))
            if stepwise and best is not prev:
                focus, afocus, total, atotal, points = context(result)
        if result == decided:
            break  # a round reads only the decisions before it: at a fixed point, more rounds change nothing
        decided = result
    return decided
