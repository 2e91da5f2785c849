"""The ``places`` stage: find toponyms and resolve them against the offline gazetteer.

Recognition takes spaCy GPE/LOC/FAC entities, plus capitalised spans the NER missed that the gazetteer
knows, when a locative preposition precedes them or they name a country, admin1 or large place.
Resolution scores each name's candidates by population, level, the article's country focus, a
qualifier next to the name ("Paris, Texas") and one sense per article.

This module runs the stage and places the names the gazetteer lacks; the parts live next to it:
``place_recognition`` (which spans are toponyms), ``place_blocking`` (names inside persons' and
organisations' names), ``place_resolution`` (one reading per name) and ``place_proximity`` (nearness of
readings to the article's places), built on the shared cues of ``place_cues``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from eventwire.analysis import Analysis, Place
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, get_gazetteer, haversine_km, lookup_key
from eventwire.stages import stage
from eventwire.stages.places.cues import (
    APPROXIMATE_CONF,
    STATE_STRAY_FOCUS,
    STEM_CONF,
    STEM_KM,
    STRAY_FOCUS,
    STRAY_POP,
    _Mention,
)
from eventwire.stages.places.demonyms import find_demonyms, link_places
from eventwire.stages.places.proximity import _among
from eventwire.stages.places.recognition import _recognise
from eventwire.stages.places.resolution import _attach_qualifiers, _inside, _resolve


@stage("places", requires=("doc", "entities"), assigns=("places", "demonyms"))
def places(analysis: Analysis) -> None:
    """Find and resolve the article's toponyms into ``analysis.places``, and its demonyms."""
    gaz = get_gazetteer()
    pending: list[_Mention] = []
    mentions = _recognise(analysis, gaz, pending)
    # Demonyms first: the countries they name are part of the article's country focus.
    find_demonyms(analysis, gaz, [(m.start, m.end) for m in mentions])
    if mentions:
        _place(analysis, gaz, mentions, pending)
    link_places(analysis)


def _place(analysis: Analysis, gaz: Gazetteer, mentions: list[_Mention], pending: list[_Mention]) -> None:
    """Resolve the recognised ``mentions`` (and ``pending`` ones near them) into ``analysis.places``."""
    _attach_qualifiers(analysis.text, mentions)
    decided = _resolve(mentions, analysis, gaz)
    # A name the NER called a person or organisation, with no place cue of its own, is still a place
    # when one of its readings lies among the places the article names ("Bulacan" beside Pandi).
    near = [c for c, _conf in decided.values() if c is not None and c.level in ("place", "admin2") and c.lat]
    taken = [(m.start, m.end) for m in mentions]
    extra = [m for m in pending if not any(m.start < e and s < m.end for s, e in taken) and _among(m.candidates, near)]
    if extra:
        mentions = sorted(mentions + extra, key=lambda m: m.start)
        _attach_qualifiers(analysis.text, mentions)
        decided = _resolve(mentions, analysis, gaz)
    # A stray reading is dropped: the name is kept as unknown (no geonameid) and placed by the article.
    for key in _strays(decided):
        decided[key] = (None, APPROXIMATE_CONF)
    # "Stroud, Ontario" where the gazetteer holds no Stroud in Ontario: the name is a place there that it
    # lacks, not its far namesake (Stroud, England).
    units = {lookup_key(m.text): m.unheld for m in mentions if m.unheld is not None}
    for key, unit in units.items():
        cand = decided[key][0]
        if cand is not None and not _inside(cand, unit):
            decided[key] = (None, APPROXIMATE_CONF)
    # "Abu Shok camp in Al-Fashir": a name the gazetteer lacks lies in (or by) the known place named with it.
    for m in mentions:
        if m.within is not None and decided[lookup_key(m.text)][0] is None:
            unit = decided[lookup_key(m.within.text)][0]
            if unit is not None and unit.lat is not None:
                units.setdefault(lookup_key(m.text), unit)
    near_of = _approximate(mentions, decided, units)
    by_identity: dict[object, Place] = {}
    start = len(analysis.places)
    for m in mentions:
        key = lookup_key(m.text)
        cand, conf = decided[key]
        if key in near_of:
            conf = near_of[key][1]
        exact = cand is not None and key not in near_of
        ident: object = ("ref", cand.ref) if exact else ("name", key)  # type: ignore[union-attr]
        place = by_identity.get(ident)
        if place is None:
            place = Place(id=f"P{start + len(by_identity) + 1}", name=m.text, confidence=conf)
            if exact:
                place.name = cand.name if cand.level in ("country", "region") else m.text  # type: ignore[union-attr]
                place.geonameid = cand.geonameid  # type: ignore[union-attr]
                place.level = cand.level  # type: ignore[union-attr]
                place.population = cand.population  # type: ignore[union-attr]
            if exact or key in near_of:
                # An unknown name keeps ``geonameid`` null and takes the position (and country) it most likely
                # has: its namesake's for "Salinas Valley", else the article's main local place; ``position``
                # says which, so a map can tell an approximate point from a gazetteer one.
                at, _conf, place.position = near_of.get(key, (cand, conf, "gazetteer"))
                place.country, place.admin1 = at.country, at.admin1  # type: ignore[union-attr]
                place.lat, place.lon = at.lat, at.lon  # type: ignore[union-attr]
            by_identity[ident] = place
            analysis.places.append(place)
        place.confidence = max(place.confidence, conf)
        place.mentions.append(analysis.span(m.start, m.end))


def _strays(decided: dict[str, tuple[Candidate | None, float]]) -> list[str]:
    """Names read as a small town alone in its country (or state) among the article's names, while several
    of them lie in one other country (or state): the gazetteer lacks the local place ("Piccadilly" in a
    London story, "Meadow Grove" in Nebraska), and its far namesake is no reading of it."""
    countries: Counter[str | None] = Counter()
    states: Counter[tuple[str | None, str | None]] = Counter()
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


def _approximate(
    mentions: list[_Mention],
    decided: dict[str, tuple[Candidate | None, float]],
    units: dict[str, Candidate] | None = None,
) -> dict[str, tuple[Candidate, float, str]]:
    """Positions for names the gazetteer does not hold: the namesake of a stem ("Kiser Lake") when it lies near
    the article's main local place, else that place (local news names the lakes and parks of its own town);
    a name the text puts in a country or state (``units``) takes the main place in there, else its centre."""
    units = units or {}
    stems = {lookup_key(m.text) for m in mentions if m.stem}
    # A stem's namesake, also where the stem recurs alone, is no evidence of where the article is.
    doubtful = stems | {lookup_key(m.stem) for m in mentions if m.stem}
    counts = Counter(key for m in mentions if (key := lookup_key(m.text)) not in doubtful)
    # The main local place lies in the subdivision most of the article's mentions lie in, so that one
    # misread name ("Golden Gate", Florida, among Californian places) does not carry the unknown ones off.
    support: Counter[tuple[str | None, str | None]] = Counter()
    for key, n in counts.items():
        cand = decided[key][0]
        if cand is not None and cand.country:
            support[(cand.country, None)] += n
            if cand.admin1 and cand.level in ("place", "admin2", "admin1"):
                support[(cand.country, cand.admin1)] += n
    ranked = counts.most_common()
    anchor = None
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
            anchor = decided[ranked[-best[3]][0]][0]
            break

    def anchor_in(unit: Candidate) -> Candidate:
        """The article's best-supported local place inside ``unit``, else where the unit's people live; a town
        or county ``unit`` itself."""
        if unit.level not in ("country", "admin1"):
            return unit
        inside = [
            (support[(c.country, c.admin1)], n, -k, c)
            for k, (key, n) in enumerate(ranked)
            if (c := decided[key][0]) is not None
            and c.level in ("place", "admin2")
            and c.lat is not None
            and _inside(c, unit)
        ]
        if inside:
            return max(inside, key=lambda t: t[:3])[3]
        # Not the unit's centre: an unknown place in Ontario most likely lies near its towns, in the south.
        point = get_gazetteer().populated_point(unit)
        return unit if point is None else replace(unit, lat=point[0], lon=point[1])

    # The subdivisions the article's own names lie in: a namesake in one of them is near enough.
    regions = {(c.country, c.admin1) for k, (c, _) in decided.items() if c is not None and k in counts and c.admin1}
    out: dict[str, tuple[Candidate, float, str]] = {}
    for key, (cand, conf) in decided.items():
        if key in stems and cand is not None and cand.lat is not None:
            far = (
                anchor is not None
                and (cand.country, cand.admin1) not in regions
                and haversine_km(cand.lat, cand.lon, anchor.lat, anchor.lon) > STEM_KM  # type: ignore[arg-type]
            )
            if far:
                out[key] = (anchor, APPROXIMATE_CONF, "article")  # type: ignore[assignment]
            else:
                out[key] = (cand, min(conf, STEM_CONF), "namesake")
        elif cand is None and key in units and units[key].lat is not None:
            out[key] = (anchor_in(units[key]), APPROXIMATE_CONF, "article")
        elif cand is None and anchor is not None:
            out[key] = (anchor, APPROXIMATE_CONF, "article")
    return out
