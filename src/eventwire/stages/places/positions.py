"""From decisions to places: resolve the recognised names (and doubtful ones near them), drop stray readings and
readings outside the unit the text names, give names the gazetteer lacks an approximate position, and write one
:class:`~eventwire.analysis.Place` per place into the analysis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from eventwire.analysis import Analysis, Place
from eventwire.knowledge.gazetteer import Candidate, get_gazetteer, haversine_km, lookup_key
from eventwire.stages.places.mention import Mention, inside, point
from eventwire.stages.places.proximity import among
from eventwire.stages.places.qualifiers import attach_qualifiers
from eventwire.stages.places.resolution import Decision, resolve
from eventwire.stages.places.tuning import TUNING

# Distance (km) from the article's main local place beyond which a stem's namesake is not the feature's place,
# and the confidences of a position taken from a namesake and from the main local place.
STEM_KM = TUNING["stem_km"]
STEM_CONF = TUNING["stem_conf"]
APPROXIMATE_CONF = TUNING["approximate_conf"]
# A town smaller than this, alone in its country among an article's names while this many names lie in
# one other country (or alone in its state while that many lie in one other state), is a namesake of a
# place the gazetteer lacks.
STRAY_POP = TUNING["stray_pop"]
STRAY_FOCUS = TUNING["stray_focus"]
STATE_STRAY_FOCUS = TUNING["state_stray_focus"]

# An approximate position: the reading it is taken from, its confidence and where it comes from.
Position = tuple[Candidate, float, str]
StateKey = tuple[str | None, str | None]


def place(analysis: Analysis, mentions: list[Mention], pending: list[Mention]) -> None:
    """Resolve the recognised ``mentions`` (and ``pending`` ones near them) into ``analysis.places``."""
    attach_qualifiers(analysis.text, mentions)
    decided = resolve(mentions, analysis)
    # A name the NER called a person or organisation, with no place cue of its own, is still a place
    # when one of its readings lies among the places the article names ("Bulacan" beside Pandi).
    near = [c for c, _conf in decided.values() if c is not None and c.level in ("place", "admin2") and c.lat]
    taken = [(m.start, m.end) for m in mentions]
    extra = [m for m in pending if not any(m.start < e and s < m.end for s, e in taken) and among(m.candidates, near)]
    if extra:
        mentions = sorted(mentions + extra, key=lambda m: m.start)
        attach_qualifiers(analysis.text, mentions)
        decided = resolve(mentions, analysis)
    # A stray reading is dropped: the name is kept as unknown (no geonameid) and placed by the article.
    for key in strays(decided):
        decided[key] = (None, APPROXIMATE_CONF)
    units = _units(mentions, decided)
    _write_places(analysis, mentions, decided, approximate(mentions, decided, units))


def _units(mentions: list[Mention], decided: dict[str, Decision]) -> dict[str, Candidate]:
    """The unit each unknown name lies in, as the text says, dropping the readings outside it."""
    # "Stroud, Ontario" where the gazetteer holds no Stroud in Ontario: the name is a place there that it
    # lacks, not its far namesake (Stroud, England).
    units = {lookup_key(m.text): m.unheld for m in mentions if m.unheld is not None}
    for key, unit in units.items():
        cand = decided[key][0]
        if cand is not None and not inside(cand, unit):
            decided[key] = (None, APPROXIMATE_CONF)
    # "Abu Shok camp in Al-Fashir": a name the gazetteer lacks lies in (or by) the known place named with it.
    for m in mentions:
        if m.within is not None and decided[lookup_key(m.text)][0] is None:
            host = decided[lookup_key(m.within.text)][0]
            if host is not None and host.lat is not None:
                units.setdefault(lookup_key(m.text), host)
    return units


def _write_places(
    analysis: Analysis,
    mentions: list[Mention],
    decided: dict[str, Decision],
    near_of: dict[str, Position],
) -> None:
    """Append one place per gazetteer reading (or per unknown name) to the analysis, with all its mentions."""
    by_identity: dict[object, Place] = {}
    start = len(analysis.places)
    for m in mentions:
        key = lookup_key(m.text)
        cand, conf = decided[key]
        if key in near_of:
            conf = near_of[key][1]
        exact = cand if key not in near_of else None
        ident: object = ("ref", exact.ref) if exact is not None else ("name", key)
        found = by_identity.get(ident)
        if found is None:
            found = _new_place(f"P{start + len(by_identity) + 1}", m, conf, exact, near_of.get(key))
            by_identity[ident] = found
            analysis.places.append(found)
        found.confidence = max(found.confidence, conf)
        found.mentions.append(analysis.span(m.start, m.end))


def _new_place(ident: str, m: Mention, conf: float, exact: Candidate | None, near: Position | None) -> Place:
    """The place of the mention ``m``: its gazetteer reading ``exact``, else the approximate position ``near``."""
    found = Place(id=ident, name=m.text, confidence=conf)
    if exact is not None:
        found.name = exact.name if exact.level in ("country", "region") else m.text
        found.geonameid = exact.geonameid
        found.level = exact.level
        found.population = exact.population
    # An unknown name keeps ``geonameid`` null and takes the position (and country) it most likely has: its
    # namesake's for "Salinas Valley", else the article's main local place; ``position`` says which, so a map
    # can tell an approximate point from a gazetteer one.
    at: Candidate | None = None
    if near is not None:
        at, _conf, found.position = near
    elif exact is not None:
        at, found.position = exact, "gazetteer"
    if at is not None:
        found.country, found.admin1 = at.country, at.admin1
        found.lat, found.lon = at.lat, at.lon
    return found


def strays(decided: dict[str, Decision]) -> list[str]:
    """Names read as a small town alone in its country (or state) among the article's names, while several
    of them lie in one other country (or state): the gazetteer lacks the local place ("Piccadilly" in a
    London story, "Meadow Grove" in Nebraska), and its far namesake is no reading of it."""
    countries: Counter[str | None] = Counter()
    states: Counter[StateKey] = Counter()
    for cand, _conf in decided.values():
        if cand is not None:
            countries.update(set((cand.country,) if cand.country else cand.countries))
            if cand.admin1 and cand.level in ("place", "admin2", "admin1"):
                states[(cand.country, cand.admin1)] += 1

    def elsewhere(counts: Counter, own: object) -> int:
        return max((n for unit, n in counts.items() if unit != own), default=0)

    out = []
    for key, (cand, _conf) in decided.items():
        if cand is None or cand.level != "place" or cand.population >= STRAY_POP:
            continue
        state = (cand.country, cand.admin1)
        if countries[cand.country] <= 1:
            if elsewhere(countries, cand.country) >= STRAY_FOCUS:
                out.append(key)
        elif states[state] <= 1 and elsewhere(states, state) >= STATE_STRAY_FOCUS:
            out.append(key)
    return out


def approximate(
    mentions: list[Mention],
    decided: dict[str, Decision],
    units: dict[str, Candidate] | None = None,
) -> dict[str, Position]:
    """Positions for names the gazetteer does not hold: the namesake of a stem ("Kiser Lake") when it lies near
    the article's main local place, else that place (local news names the lakes and parks of its own town);
    a name the text puts in a country or state (``units``) takes the main place in there, else its centre."""
    units = units or {}
    stems = {lookup_key(m.text) for m in mentions if m.stem}
    # A stem's namesake, also where the stem recurs alone, is no evidence of where the article is.
    doubtful = stems | {lookup_key(m.stem) for m in mentions if m.stem}
    counts = Counter(key for m in mentions if (key := lookup_key(m.text)) not in doubtful)
    local = _LocalPlaces(decided, counts)
    # The subdivisions the article's own names lie in: a namesake in one of them is near enough.
    regions = {(c.country, c.admin1) for k, (c, _) in decided.items() if c is not None and k in counts and c.admin1}
    anchor = local.anchor
    out: dict[str, Position] = {}
    for key, (cand, conf) in decided.items():
        if key in stems and cand is not None and cand.lat is not None:
            if (
                anchor is not None
                and (cand.country, cand.admin1) not in regions
                and haversine_km(*point(cand), *point(anchor)) > STEM_KM
            ):
                out[key] = (anchor, APPROXIMATE_CONF, "article")
            else:
                out[key] = (cand, min(conf, STEM_CONF), "namesake")
        elif cand is None and key in units and units[key].lat is not None:
            out[key] = (local.anchor_in(units[key]), APPROXIMATE_CONF, "article")
        elif cand is None and anchor is not None:
            out[key] = (anchor, APPROXIMATE_CONF, "article")
    return out


class _LocalPlaces:
    """The article's local places ranked by support: the main one (``anchor``) and the main one in a unit."""

    def __init__(self, decided: dict[str, Decision], counts: Counter[str]) -> None:
        self.decided = decided
        # The main local place lies in the subdivision most of the article's mentions lie in, so that one
        # misread name ("Golden Gate", Florida, among Californian places) does not carry the unknown ones off.
        self.support: Counter[StateKey] = Counter()
        for key, n in counts.items():
            cand = decided[key][0]
            if cand is not None and cand.country:
                self.support[(cand.country, None)] += n
                if cand.admin1 and cand.level in ("place", "admin2", "admin1"):
                    self.support[(cand.country, cand.admin1)] += n
        self.ranked = counts.most_common()
        self.anchor = self._anchor()

    def _anchor(self) -> Candidate | None:
        """The best-supported local place, else admin1, with coordinates."""
        support, decided, ranked = self.support, self.decided, self.ranked
        for levels in (("place", "admin2"), ("admin1",)):
            best = max(
                (
                    (support[(cand.country, cand.admin1)], support[(cand.country, None)], n, -k)
                    for k, (key, n) in enumerate(ranked)
                    if (cand := decided[key][0]) is not None and cand.level in levels and cand.lat is not None
                ),
                default=None,
            )
            if best is not None:
                return decided[ranked[-best[3]][0]][0]
        return None

    def anchor_in(self, unit: Candidate) -> Candidate:
        """The article's best-supported local place inside ``unit``, else where the unit's people live; a town
        or county ``unit`` itself."""
        if unit.level not in ("country", "admin1"):
            return unit
        within = [
            (self.support[(c.country, c.admin1)], n, -k, c)
            for k, (key, n) in enumerate(self.ranked)
            if (c := self.decided[key][0]) is not None
            and c.level in ("place", "admin2")
            and c.lat is not None
            and inside(c, unit)
        ]
        if within:
            return max(within, key=lambda t: t[:3])[3]
        # Not the unit's centre: an unknown place in Ontario most likely lies near its towns, in the south.
        at = get_gazetteer().populated_point(unit)
        return unit if at is None else replace(unit, lat=at[0], lon=at[1])
