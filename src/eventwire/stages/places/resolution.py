"""Resolution of the places stage: the context-free prior of a reading, and the rounds that pick one reading per
name (one sense per article) from the article's country and state focus, the nearness of its places, and what the
text says about the name (qualifiers, level cues, lists).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from eventwire.analysis import Analysis
from eventwire.knowledge.gazetteer import Candidate, country_iso2, lookup_key
from eventwire.stages.places.mention import Mention, containing, located
from eventwire.stages.places.proximity import Points, Readings
from eventwire.stages.places.qualifiers import list_readings
from eventwire.stages.places.tuning import TUNING

# A decision per name: its reading (None when the gazetteer has none) and the confidence in it.
Decision = tuple[Candidate | None, float]
StateKey = tuple[str | None, str | None]
# What a name's decision reads that no round changes (see _Resolver.fixed).
_Fixed = tuple[list[Candidate], list[Candidate], bool, Candidate | None]

_POPULATION_DIVISOR = TUNING["population_divisor"]
_COUNTRY_PRIOR = TUNING["country_prior"]
_REGION_PRIOR = TUNING["region_prior"]
_ADMIN1_PRIOR = TUNING["admin1_prior"]
# Log10 population below which an admin1 loses its bonus over a namesake, gaining it all ten times larger.
_ADMIN1_SMALL_LOG = TUNING["admin1_small_log"]
_PROVINCE_CITY_SHARE = TUNING["province_city_share"]
_PROVINCE_CITY_PRIOR = TUNING["province_city_prior"]
_PRIMARY_PRIOR = TUNING["primary_prior"]
# Population from which a city's own name is read as that city unless the text says otherwise, and its bonus.
BIG_CITY_POP = TUNING["big_city_pop"]
_BIG_CITY_PRIOR = TUNING["big_city_prior"]
_CAPITAL_PRIOR = TUNING["capital_prior"]

# Country focus of an actor's country and of a demonym's (as much as an actor of that country).
_ACTOR_FOCUS = TUNING["actor_focus"]
_DEMONYM_FOCUS = TUNING["demonym_focus"]
_STATE_WEIGHT = TUNING["state_weight"]
# Growth of a named state's focus with the log of its mentions.
_STATE_REPEAT = TUNING["state_repeat"]
_REGION_COUNTRY_DIVISOR = TUNING["region_country_divisor"]
_COUNTRY_FOCUS_WEIGHT = TUNING["country_focus_weight"]
_STATE_FOCUS_WEIGHT = TUNING["state_focus_weight"]
_PROXIMITY_WEIGHT = TUNING["proximity_weight"]
_COHERENCE_WEIGHT = TUNING["coherence_weight"]
# Share of the local evidence a town keeps against a country or admin1 of the same name.
_BIG_NAME_LOCAL = TUNING["big_name_local"]
# Local support (nearness to the article's places) under which a namesake of a big city gains nothing from lying
# in the article's country.
_BIG_CITY_NEAR = TUNING["big_city_near"]
# Resolution rounds: the first reads the unambiguous names, the later ones settle the rest.
_ROUNDS = int(TUNING["rounds"])

_UNKNOWN_NER_CONF = TUNING["unknown_ner_conf"]
_UNKNOWN_CONF = TUNING["unknown_conf"]
_CONF_BASE = TUNING["conf_base"]
_CONF_MARGIN_CAP = TUNING["conf_margin_cap"]
_CONF_MARGIN_DIVISOR = TUNING["conf_margin_divisor"]
_QUALIFIED_CONF = TUNING["qualified_conf"]
_ALTERNATE_NAME_PENALTY = TUNING["alternate_name_penalty"]
_GAZETTEER_ONLY_PENALTY = TUNING["gazetteer_only_penalty"]
_CONF_FLOOR = TUNING["conf_floor"]
_CONF_CEILING = TUNING["conf_ceiling"]


def prior(c: Candidate, cands: list[Candidate]) -> float:
    """Context-free plausibility of a candidate: size, kind of place, own name."""
    score = math.log10(c.population + 1) / _POPULATION_DIVISOR
    if c.level == "country":
        score += _COUNTRY_PRIOR
    elif c.level == "region":
        # A curated region is the common sense of its name ("Luzon", "Red Sea"), over a namesake town.
        score += _REGION_PRIOR
    elif c.level == "admin1":
        # A small province (Berea, 85,000 people) is no likelier than a town of its name.
        score += _ADMIN1_PRIOR * min(1.0, max(0.0, math.log10(c.population + 1) - _ADMIN1_SMALL_LOG))
    elif c.level == "place" and c.primary and not c.capital:
        # A city as big as the province it names (Baghdad) is what a bare mention means; a capital has
        # that bonus already, and counting it twice let Dublin outweigh a named US state.
        for o in cands:
            if (
                o.level == "admin1"
                and o.primary
                and o.country == c.country
                and c.population >= _PROVINCE_CITY_SHARE * o.population
            ):
                score += _PROVINCE_CITY_PRIOR
                break
    if c.primary:
        score += _PRIMARY_PRIOR
    if c.level == "place" and c.primary and not c.capital and c.population >= BIG_CITY_POP:
        # A city known the world over (Toronto, Montreal, St. Petersburg) is what its bare name means in
        # most texts; a namesake town in the article's state needs more than the state's focus to win. A
        # capital has its own bonus below.
        score += _BIG_CITY_PRIOR
    if c.capital and c.primary:
        # Only under its own name: Amman is no bare "Philadelphia".
        score += _CAPITAL_PRIOR
    return score


# "Washington state", "the state of Washington": the admin1 of that name.
_STATE_CUE = re.compile(r"\bstate of \||\| state\b", re.IGNORECASE)


# "the city of Sao Paulo", "Sao Paulo city": the town of that name, not its state.
_CITY_CUE = re.compile(r"\bcity of \||\| city\b", re.IGNORECASE)
# Words around a name that ask for one level of reading, in the order they are tried.
_LEVEL_CUES = ((_STATE_CUE, "admin1"), (_CITY_CUE, "place"))


def _around(text: str, m: Mention) -> str:
    """The mention between ``|`` marks, with the words just before and after it."""
    return f"{text[max(0, m.start - 12) : m.start]}|{m.text}|{text[m.end : m.end + 8]}"


def _by_mentions(groups: dict[str, list[Mention]]) -> list[tuple[str, list[Mention]]]:
    """Names in update order: the most mentioned first (the article's subject settles its neighbours), then
    in the order they appear."""
    return sorted(groups.items(), key=lambda kv: -len(kv[1]))


def state_weight(cand: Candidate, mentions: int) -> float:
    """Weight of a reading in the article's state focus: a state named outright counts double, and more
    when it recurs (an article about Indiana says so again and again); a town counts once, however often
    it recurs, as its reading may be a guess."""
    if cand.level != "admin1":
        return 1.0
    return _STATE_WEIGHT * (1.0 + _STATE_REPEAT * math.log(mentions))


@dataclass
class Focus:
    """The article's country and admin1 focus and its local points, as the decisions so far give them."""

    countries: defaultdict[str, float]
    states: defaultdict[StateKey, float]
    total: float
    state_total: float
    points: Points


def resolve(mentions: list[Mention], analysis: Analysis) -> dict[str, Decision]:
    """Pick one candidate per normalised surface (one sense per article)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(lookup_key(m.text), []).append(m)
    resolver = _Resolver(analysis.text, groups, _base_focus(analysis), list_readings(analysis.text, mentions))
    # The first round reads the unambiguous names only; later rounds update one name at a time, each
    # reading the decisions made so far, so that two names cannot keep swapping their readings in step
    # (one in six LGL articles never settled when every name updated at once).
    decided: dict[str, Decision] = {}
    for _round in range(_ROUNDS):
        result = resolver.round(decided)
        if result == decided:
            break  # a round reads only the decisions before it: at a fixed point, more rounds change nothing
        decided = result
    return decided


def _base_focus(analysis: Analysis) -> defaultdict[str, float]:
    """Country focus before any name is read: actors' countries and demonyms."""
    base: defaultdict[str, float] = defaultdict(float)
    for ent in analysis.entities:
        if ent.country:
            iso2 = country_iso2(ent.country)
            if iso2:
                base[iso2] += _ACTOR_FOCUS
    # Demonyms too, once per country named so ("Belarusian and Polish border guards ... near Brest").
    for d in analysis.demonyms:
        if d.level == "country" and d.country:
            base[d.country] += _DEMONYM_FOCUS
    return base


class _Resolver:
    """The rounds of one article's resolution: its names, what the text says about them, and the caches that
    depend on the names only."""

    def __init__(
        self,
        text: str,
        groups: dict[str, list[Mention]],
        base_focus: defaultdict[str, float],
        listed: dict[str, list[Candidate]],
    ) -> None:
        self.text = text
        self.groups = groups
        self.base_focus = base_focus
        self.listed = listed
        self.readings = Readings(groups)
        # A candidate's prior depends only on it and its name's candidates (one list per name, alive while the
        # mentions are): computed once, not in every round.
        self.priors: dict[tuple[int, int], float] = {}
        self.fixed_by_key: dict[str, _Fixed] = {}
        # Decisions and focuses already computed in this article, by what they read (see round).
        self.answers: dict[tuple[str, int, tuple[tuple[str, int], ...]], tuple[Candidate, float]] = {}
        self.focuses: dict[tuple[tuple[str, int], ...], Focus] = {}

    def prior(self, c: Candidate, cands: list[Candidate]) -> float:
        """:func:`prior`, computed once per candidate of a name."""
        key = (id(cands), c.ref)
        found = self.priors.get(key)
        if found is None:
            found = self.priors[key] = prior(c, cands)
        return found

    def round(self, decided: dict[str, Decision]) -> dict[str, Decision]:
        """One round: every name in update order, each reading the decisions made before it in the round."""
        result: dict[str, Decision] = dict(decided)
        stepwise = bool(decided)
        focus, seen = self.focus_of(decided)
        for key, ms in _by_mentions(self.groups):
            cands = ms[0].candidates
            if not cands:
                result[key] = (None, _UNKNOWN_NER_CONF if any(m.from_ner for m in ms) else _UNKNOWN_CONF)
                continue
            prev = result.get(key, (None, 0))[0]
            # A name decided before from the same reading and the same decisions of the others (the round that
            # confirms a fixed point repeats many) is decided alike: decide reads nothing else.
            asked = (key, id(prev), seen)
            found = self.answers.get(asked)
            if found is None:
                found = self.answers[asked] = self.decide(key, ms, prev, focus)
            best, conf = found
            result[key] = (best, conf)
            if stepwise and best is not prev:
                focus, seen = self.focus_of(result)
        return result

    def focus_of(self, decided: dict[str, Decision]) -> tuple[Focus, tuple[tuple[str, int], ...]]:
        """:meth:`focus`, made once per set of decisions (in their order: the focus sums follow it), and its key."""
        seen = tuple((key, id(cand)) for key, (cand, _conf) in decided.items())
        focus = self.focuses.get(seen)
        if focus is None:
            focus = self.focuses[seen] = self.focus(decided)
        return focus, seen

    def focus(self, decided: dict[str, Decision]) -> Focus:
        """Country and admin1 focus and the local points, as the decisions so far give them."""
        countries = defaultdict(float, self.base_focus)
        # Country and admin1 focus count each name once, however often it recurs: repeating one ambiguous
        # name ("Logan", seven times) is no evidence for the state its guessed reading lies in.
        # Admin1 focus: local news names many small places in one state or province.
        states: defaultdict[StateKey, float] = defaultdict(float)
        for key, (cand, _conf) in decided.items():
            if cand is not None:
                members = (cand.country,) if cand.country else cand.countries
                for cc in members:
                    countries[cc] += 1 / len(members)
                if cand.admin1 and cand.level in ("admin1", "admin2", "place"):
                    states[(cand.country, cand.admin1)] += state_weight(cand, len(self.groups[key]))
        if not decided:
            self._first_focus(countries, states)
        # Local points: places and counties already chosen, for the proximity of each candidate.
        points = Points(
            [
                (key, cand, len(self.groups[key]))
                for key, (cand, _conf) in decided.items()
                if cand is not None
                and cand.level in ("place", "admin2")
                and cand.lat is not None
                and cand.lon is not None
            ]
        )
        return Focus(countries, states, sum(countries.values()) or 1.0, sum(states.values()) or 1.0, points)

    def _first_focus(self, countries: defaultdict[str, float], states: defaultdict[StateKey, float]) -> None:
        """Before any decision: the countries of names with one country, and the states named outright."""
        for ms in self.groups.values():
            cands = ms[0].candidates
            if cands and (cands[0].level == "country" or len({c.country for c in cands}) == 1):
                countries[cands[0].country or ""] += 1
            if cands and cands[0].level == "admin1" and cands[0].primary:
                states[(cands[0].country, cands[0].admin1)] += state_weight(cands[0], len(ms))

    def qualified(self, key: str, ms: list[Mention], cands: list[Candidate]) -> list[Candidate]:
        """The readings the text asks for: inside a qualifier ("Paris, Texas"), of the level a cue names ("the
        city of X"), or of the kind of the list the name is in; else none."""
        qualified: list[Candidate] = []
        for m in ms:
            if m.qualifier is not None:
                qualified = containing(cands, m.qualifier.candidates)
                if qualified:
                    break
        for cue, level in _LEVEL_CUES:
            if not qualified and any(cue.search(_around(self.text, m)) for m in ms):
                qualified = [c for c in cands if c.level == level]
        if not qualified:
            qualified = self.listed.get(key, [])
        return qualified

    def fixed(self, key: str, ms: list[Mention]) -> _Fixed:
        """What :meth:`decide` reads of the name ``key`` that no decision changes, computed in its first round: the
        qualified readings, the pool of readings scored, whether the name is itself a country or state, and the
        big city among its readings."""
        found = self.fixed_by_key.get(key)
        if found is None:
            cands = ms[0].candidates
            qualified = self.qualified(key, ms, cands)
            pool = located(qualified or cands)
            top = max(cands, key=lambda c: self.prior(c, cands))
            big_name = not qualified and top.primary and top.level in ("country", "admin1")
            big_city = next(
                (c for c in pool if c.level == "place" and c.primary and c.population >= BIG_CITY_POP), None
            )
            found = self.fixed_by_key[key] = (qualified, pool, big_name, big_city)
        return found

    def decide(self, key: str, ms: list[Mention], prev: Candidate | None, focus: Focus) -> tuple[Candidate, float]:
        """The best reading of the name ``key`` (mentions ``ms``) and the confidence in it."""
        cands = ms[0].candidates
        qualified, pool, big_name, big_city = self.fixed(key, ms)
        own: Counter[str | None] = Counter()
        own_states: defaultdict[StateKey, float] = defaultdict(float)
        if prev is not None:
            own[prev.country] += 1
            if prev.admin1 and prev.level in ("admin1", "admin2", "place"):
                own_states[(prev.country, prev.admin1)] += state_weight(prev, len(ms))
        # The name's own previous reading is left out of the state evidence for it, total included:
        # fifteen "Dublin" mentions must not dilute the one "Ohio" that places them.
        rest = max(focus.state_total - sum(own_states.values()), 1.0)
        proximity = focus.points.proximity_many(pool, key)
        self.readings.prefill(pool, key)
        scored = []
        for j, c in enumerate(pool):
            share = ashare = 0.0
            if c.country:
                share = max(0.0, focus.countries.get(c.country, 0) - own.get(c.country, 0)) / focus.total
            elif c.countries:
                share = sum(focus.countries.get(cc, 0) for cc in c.countries) / focus.total / _REGION_COUNTRY_DIVISOR
            if c.admin1 and c.level in ("admin2", "place"):
                a = (c.country, c.admin1)
                ashare = max(0.0, focus.states.get(a, 0) - own_states.get(a, 0)) / rest
            near = proximity[j] + _COHERENCE_WEIGHT * self.readings.coherence(c, key)
            local = _STATE_FOCUS_WEIGHT * ashare + _PROXIMITY_WEIGHT * near
            if big_name and c.level in ("place", "admin2"):
                # A bare name that is itself a country or state ("Iran", "Georgia") keeps that sense
                # unless the text qualifies it; nearby namesakes (Iran, Texas) do not outvote it.
                local *= _BIG_NAME_LOCAL
            if big_city is not None and c is not big_city and c.level in ("place", "admin2"):
                if ashare == 0 and near < _BIG_CITY_NEAR:
                    # A namesake with no state or nearby place behind it is no likelier than the world
                    # city for being in the article's country: Montreal, Wisconsin in a Tennessee story.
                    share = 0.0
            scored.append((self.prior(c, cands) + _COUNTRY_FOCUS_WEIGHT * share + local, c))
        scored.sort(key=lambda x: -x[0])
        best_score, best = scored[0]
        margin = best_score - scored[1][0] if len(scored) > 1 else 1.0
        return best, _confidence(margin, bool(qualified), best, ms)


def _confidence(margin: float, qualified: bool, best: Candidate, ms: list[Mention]) -> float:
    """Confidence in the reading ``best`` of a name (mentions ``ms``), ahead of the next by ``margin``."""
    conf = _CONF_BASE + min(_CONF_MARGIN_CAP, margin / _CONF_MARGIN_DIVISOR)
    if qualified:
        conf = max(conf, _QUALIFIED_CONF)
    if not best.primary:
        conf -= _ALTERNATE_NAME_PENALTY
    if not any(m.from_ner for m in ms):
        conf -= _GAZETTEER_ONLY_PENALTY
    return round(max(_CONF_FLOOR, min(conf, _CONF_CEILING)), 2)
