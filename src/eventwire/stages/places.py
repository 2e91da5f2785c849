"""The ``places`` stage: find toponyms and resolve them against the offline gazetteer.

Recognition takes spaCy GPE/LOC/FAC entities, plus capitalised spans the NER missed that the gazetteer
knows, when a locative preposition precedes them or they name a country, admin1 or large place.
Resolution scores each name's candidates by population, level, the article's country focus, a
qualifier next to the name ("Paris, Texas") and one sense per article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.analysis import Analysis, Place
from eventwire.knowledge.gazetteer import DATA_DIR, Candidate, Gazetteer, country_iso2, get_gazetteer, normalise
from eventwire.stages import stage

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# NER labels whose spans are not places: a gazetteer-only match inside them is a false positive.
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT"}
NON_PLACE_KINDS = {"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "GOVERNMENT", "COLLECTIVE", "OTHER"}
LOCATIVE = {
    "in", "near", "at", "from", "to", "into", "outside", "inside", "around", "across", "towards", "toward",
    "through", "throughout", "between", "within", "via", "nearby", "north", "south", "east", "west", "of",
}  # fmt: skip
# Nouns after a name that make it a place ("Laurel County residents", "the Alexandria area").
PLACE_NOUNS = {
    "area", "areas", "county", "city", "town", "village", "township", "resident", "residents", "native", "natives",
    "man", "woman", "men", "women", "boy", "girl", "police", "officials", "neighborhood", "region",
    "province", "district", "suburb", "suburbs", "campus", "metro", "parish", "borough", "community", "airport",
}  # fmt: skip
# A gazetteer-only match with no locative cue must be a big, unambiguous kind of place.
BIG_PLACE = 100_000
_CAP_RUN = re.compile(r"[A-Z][\w'’]*(?:(?:[ \-]+|[ \-](?:al|el|de|du|da|del|la|of|and|upon)[ \-])[A-Z][\w'’]*)*")
_WORD = re.compile(r"[A-Za-z]+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Normalised keys of capitalised words that are not toponyms (``data/toponym_stoplist.txt``)."""
    lines = (DATA_DIR / "toponym_stoplist.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(w) for w in lines if w.strip() and not w.startswith("#"))


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    from_ner: bool
    candidates: list[Candidate] = field(default_factory=list)
    qualifier: _Mention | None = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
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


def _lookup(gaz: Gazetteer, text: str, start: int, end: int) -> list[Candidate]:
    """Candidates for the mention, trying "the West" before "West"."""
    if start >= 4 and text[start - 4 : start].casefold() == "the ":
        with_article = gaz.lookup(text[start - 4 : end])
        if any(c.level == "region" for c in with_article):
            return [c for c in with_article if c.level == "region"]
    return gaz.lookup(text[start:end])


def _blocked_by_entity(analysis: Analysis, start: int, end: int) -> bool:
    """True when the span lies in a person's name, or inside (not at the head of) an organisation's name.

    A toponym that opens an organisation name ("Alexandria Police", "Borno State Government") still
    names the place, as in the LGL and GeoNames conventions; "Jack London" and "Bank of England" do not.
    Generic noun phrases ("Georgia authorities", "an Arlington woman") never block their modifiers.
    """
    for ent in analysis.entities:
        if ent.kind not in ("PERSON", "ORG", "ARMED_GROUP"):
            continue
        for m in ent.mentions:
            if m.start < end and start < m.end:
                if ent.kind == "PERSON":
                    return True
                if m.start < start and _named(analysis.text[m.start : m.end]):
                    return True
    return False


def _named(text: str) -> bool:
    """True for a proper name (every content word capitalised), not a generic phrase."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text) if w.casefold() not in _NAME_LINKS]
    return bool(words) and all(w[0].isupper() for w in words)


_NAME_LINKS = {"of", "the", "and", "for", "de", "la", "du", "al", "el"}


def _person_words(analysis: Analysis) -> set[str]:
    """Words of multi-word person names, so a lone "Henry" after "John Henry" stays a person."""
    words: set[str] = set()
    for ent in analysis.entities:
        if ent.kind != "PERSON":
            continue
        for m in ent.mentions:
            parts = m.text.split()
            if len(parts) >= 2:
                words.update(normalise(p) for p in parts)
    return words


def _is_big(cands: list[Candidate]) -> bool:
    best = cands[0] if cands else None
    return bool(
        best
        and best.primary
        and (best.level in ("country", "admin1", "region") or (best.level == "place" and best.population >= BIG_PLACE))
    )


def _demonym(gaz: Gazetteer, surface: str, cands: list[Candidate]) -> bool:
    if any(c.level == "country" for c in cands):
        return False
    return gaz.country_of_demonym(surface) is not None


def _recognise(analysis: Analysis, gaz: Gazetteer) -> list[_Mention]:
    doc = analysis.doc
    text = analysis.text
    stop = stoplist()
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    def accept(s: int, e: int, from_ner: bool, cands: list[Candidate]) -> None:
        out.append(_Mention(s, e, text[s:e], from_ner, cands))
        taken.append((s, e))

    if doc is None:
        return out
    person_words = _person_words(analysis)
    blockers: list[tuple[int, int, str]] = []
    ner_places: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            blockers.append((ent.start_char, ent.end_char, ent.label_))
        if ent.label_ not in PLACE_LABELS:
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        if e <= s or analysis.is_excluded(s, e) or _blocked_by_entity(analysis, s, e):
            continue
        s, e = _with_abbreviation_dot(text, s, e)
        surface = text[s:e]
        cands = _lookup(gaz, text, s, e)
        if _demonym(gaz, surface, cands):
            continue
        if normalise(surface) in stop and not (cands and cands[0].level == "region") and not _is_big(cands):
            continue
        if not _WORD.search(surface):
            continue
        accept(s, e, True, cands)
        ner_places.add(normalise(surface))

    def context(s: int, e: int, cands: list[Candidate]) -> bool:
        """Locative preposition before, a place noun or a containing admin1/country after, or a same-name place."""
        prev = re.search(r"([A-Za-z]+)\s+(?:the\s+)?$", text[max(0, s - 25) : s])
        if prev and prev.group(1).casefold() in LOCATIVE:
            return True
        after = text[e : e + 40]
        nxt = re.match(r"\s+([a-z]+)", after)
        if nxt and nxt.group(1) in PLACE_NOUNS:
            return True
        qual = re.match(r",\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)", after)
        if qual:
            outer = [c for c in gaz.lookup(qual.group(1)) if c.level in ("country", "admin1")]
            if outer and _containing(cands, outer):
                return True
        return normalise(text[s:e]) in ner_places

    # Gazetteer-only matches over capitalised runs that the NER did not label (or mislabelled).
    for m in _CAP_RUN.finditer(text):
        words = [w for w in re.finditer(r"[\w'’]+", m.group())]
        n = len(words)
        i = 0
        while i < n:
            found = False
            for j in range(min(n, i + 4), i, -1):
                s = m.start() + words[i].start()
                e = m.start() + words[j - 1].end()
                s, e = _trim(text, s, e)
                if e <= s or not free(s, e) or not text[s].isupper():
                    continue
                s, e = _with_abbreviation_dot(text, s, e)
                surface = text[s:e]
                key = normalise(surface)
                if key in stop or len(key) < 2 or analysis.is_excluded(s, e) or _blocked_by_entity(analysis, s, e):
                    continue
                cands = _lookup(gaz, text, s, e)
                if not cands or _demonym(gaz, surface, cands):
                    continue
                overlapping = [lab for bs, be, lab in blockers if s < be and bs < e]
                if overlapping:
                    # The small NER often calls towns persons or organisations; take them back only with
                    # place context, and never a word of a person's full name.
                    exact = any(bs == s and be == e for bs, be, _ in blockers)
                    if not exact or key in person_words or not context(s, e, cands):
                        continue
                elif not (context(s, e, cands) or _is_big(cands)):
                    continue
                accept(s, e, False, cands)
                i = j
                found = True
                break
            if not found:
                i += 1
    out.sort(key=lambda x: x.start)
    return out


def _with_abbreviation_dot(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "Ill" to "Ill." when the dot follows, so state abbreviations can match."""
    if (
        end < len(text)
        and text[end] == "."
        and text[start:end].isalpha()
        and get_gazetteer().is_abbreviation(text[start : end + 1])
    ):
        return start, end + 1
    return start, end


def _attach_qualifiers(text: str, mentions: list[_Mention]) -> None:
    """Mark "Y" in "X, Y" / "X in Y" as X's qualifier when Y is a country or admin1 that holds an X."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if gap not in (", ", " in ", ",") or not b.candidates or not a.candidates:
            continue
        if _containing(a.candidates, b.candidates):
            a.qualifier = b


def _containing(inner: list[Candidate], outer: list[Candidate]) -> list[Candidate]:
    """The candidates of ``inner`` that lie in one of the ``outer`` country/admin1 candidates."""
    hits = []
    for c in inner:
        for q in outer:
            if q.level == "country" and c.country == q.country and c.level != "country":
                hits.append(c)
                break
            if q.level == "admin1" and c.country == q.country and c.admin1 == q.admin1 and c.level == "place":
                hits.append(c)
                break
    return hits


def _prior(c: Candidate, cands: list[Candidate]) -> float:
    """Context-free plausibility of a candidate: size, kind of place, own name."""
    score = math.log10(c.population + 1) / 10
    if c.level == "country":
        score += 0.6
    elif c.level == "region":
        score += 0.7
    elif c.level == "admin1":
        score += 0.35
    elif c.level == "place" and c.primary:
        # A city as big as the province it names (Baghdad) is what a bare mention means.
        for o in cands:
            if o.level == "admin1" and o.primary and o.country == c.country and c.population >= 0.25 * o.population:
                score += 0.45
                break
    if c.primary:
        score += 0.3
    if c.capital:
        score += 0.6
    return score


def _resolve(mentions: list[_Mention], analysis: Analysis, gaz: Gazetteer) -> dict[str, tuple[Candidate | None, float]]:
    """Pick one candidate per normalised surface (one sense per article)."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        groups.setdefault(normalise(m.text), []).append(m)

    # Country focus: countries named outright, unambiguous places, and actors' countries.
    base_focus: Counter[str] = Counter()
    for ent in analysis.entities:
        if ent.country:
            iso2 = country_iso2(ent.country)
            if iso2:
                base_focus[iso2] += 0.5
    decided: dict[str, tuple[Candidate | None, float]] = {}
    for _round in range(3):
        focus = Counter(base_focus)
        # Admin1 focus: local news names many small places in one state or province.
        afocus: Counter[tuple[str | None, str | None]] = Counter()
        for key, (cand, _conf) in decided.items():
            if cand is not None:
                members = (cand.country,) if cand.country else cand.countries
                for cc in members:
                    focus[cc] += len(groups[key]) / len(members)
                if cand.admin1 and cand.level in ("admin1", "admin2", "place"):
                    afocus[(cand.country, cand.admin1)] += len(groups[key]) * (2 if cand.level == "admin1" else 1)
        if not decided:
            for ms in groups.values():
                cands = ms[0].candidates
                if cands and (cands[0].level == "country" or len({c.country for c in cands}) == 1):
                    focus[cands[0].country or ""] += len(ms)
                if cands and cands[0].level == "admin1" and cands[0].primary:
                    afocus[(cands[0].country, cands[0].admin1)] += 2 * len(ms)
        total = sum(focus.values()) or 1.0
        atotal = sum(afocus.values()) or 1.0
        result: dict[str, tuple[Candidate | None, float]] = {}
        for key, ms in groups.items():
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
            pool = qualified or cands
            own: Counter[str | None] = Counter()
            own_a: Counter[tuple[str | None, str | None]] = Counter()
            prev = decided.get(key, (None, 0))[0]
            if prev is not None:
                own[prev.country] += len(ms)
                if prev.admin1 and prev.level in ("admin1", "admin2", "place"):
                    own_a[(prev.country, prev.admin1)] += len(ms) * (2 if prev.level == "admin1" else 1)
            scored = []
            for c in pool:
                share = ashare = 0.0
                if c.country:
                    share = max(0.0, focus.get(c.country, 0) - own.get(c.country, 0)) / total
                elif c.countries:
                    share = sum(focus.get(cc, 0) for cc in c.countries) / total / 2
                if c.admin1 and c.level in ("admin2", "place"):
                    a = (c.country, c.admin1)
                    ashare = max(0.0, afocus.get(a, 0) - own_a.get(a, 0)) / atotal
                scored.append((_prior(c, cands) + 1.2 * share + 1.0 * ashare, c))
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
        decided = result
    return decided


@stage("places", requires=("doc", "entities"), assigns=("places",))
def places(analysis: Analysis) -> None:
    """Find and resolve the article's toponyms into ``analysis.places``."""
    gaz = get_gazetteer()
    mentions = _recognise(analysis, gaz)
    if not mentions:
        return
    _attach_qualifiers(analysis.text, mentions)
    decided = _resolve(mentions, analysis, gaz)
    by_identity: dict[object, Place] = {}
    start = len(analysis.places)
    for m in mentions:
        key = normalise(m.text)
        cand, conf = decided[key]
        ident: object = ("ref", cand.ref) if cand is not None else ("name", key)
        place = by_identity.get(ident)
        if place is None:
            place = Place(id=f"P{start + len(by_identity) + 1}", name=m.text, confidence=conf)
            if cand is not None:
                place.name = cand.name if cand.level in ("country", "region") else m.text
                place.geonameid = cand.geonameid
                place.country = cand.country
                place.admin1 = cand.admin1
                place.lat = cand.lat
                place.lon = cand.lon
                place.level = cand.level
                place.population = cand.population
            by_identity[ident] = place
            analysis.places.append(place)
        place.confidence = max(place.confidence, conf)
        place.mentions.append(analysis.span(m.start, m.end))
