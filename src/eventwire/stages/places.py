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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from eventwire.analysis import Analysis, Place
from eventwire.knowledge.gazetteer import (
    DATA_DIR,
    EARTH_RADIUS_KM,
    Candidate,
    Gazetteer,
    country_iso2,
    get_gazetteer,
    haversine_km,
    lookup_key,
)
from eventwire.stages import stage

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# NER labels whose spans are not places: a gazetteer-only match inside them is a false positive.
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT"}
NON_PLACE_KINDS = {"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "GOVERNMENT", "COLLECTIVE", "OTHER"}
LOCATIVE = {
    "in", "near", "at", "from", "to", "into", "outside", "inside", "around", "across", "towards", "toward",
    "through", "throughout", "between", "within", "via", "nearby", "north", "south", "east", "west", "of",
}  # fmt: skip
# Prepositions that mark a place firmly enough for the name to count as a place wherever it recurs.
STRICT_LOCATIVE = {"in", "near", "outside", "inside", "around", "across", "throughout", "within", "nearby"}
# Nouns after a name that make it a place ("Laurel County residents", "the Alexandria area").
PLACE_NOUNS = {
    "area", "areas", "county", "city", "town", "village", "township", "resident", "residents", "native", "natives",
    "man", "woman", "men", "women", "boy", "girl", "police", "officials", "neighborhood", "region",
    "province", "district", "suburb", "suburbs", "campus", "metro", "parish", "borough", "community", "airport",
}  # fmt: skip
# Capitalised words after a jurisdiction's name that make the name a place ("Alexandria Police Department").
INSTITUTION_WORDS = {
    "police", "fire", "sheriff", "sheriff's", "sheriff’s", "city", "county", "township", "town", "village",
    "public", "high", "school", "schools", "elementary", "council", "board", "department", "court", "courthouse",
    "hospital", "library", "chamber", "mayor", "municipal", "regional", "community", "medical", "health",
    "parks", "park", "jail", "district", "area", "airport", "metro", "memorial", "civic", "superior", "circuit",
    "volunteer", "ems", "fair", "fairgrounds",
}  # fmt: skip
# Weight and distance scale (km) of the nearness of a candidate to the article's other places.
PROXIMITY_WEIGHT = 1.0
PROXIMITY_KM = 150.0
# Share of the local evidence a town keeps against a country or admin1 of the same name.
BIG_NAME_LOCAL = 0.6
# Weight of the nearness of a candidate to any reading of the other names, and readings kept per name.
COHERENCE_WEIGHT = 0.5
# Growth of a named state's focus with the log of its mentions.
STATE_REPEAT = 1.0
# Log10 population below which an admin1 loses its bonus over a namesake, gaining it all ten times larger.
ADMIN1_SMALL_LOG = 5.0
READINGS = 12
# Resolution rounds: the first reads the unambiguous names, the later ones settle the rest.
ROUNDS = 3
# Distance (km) within which a reading of a doubtful name counts as among the article's places.
AMONG_KM = 60.0
# Words that continue a place's own name ("Walker County"), so the shorter name before them is not the place.
NAME_SUFFIXES = {"county", "city", "township", "town", "village", "parish", "borough"}
# Generic words of a feature's own name ("Kiser Lake", "Griffith Park", "Tennessee Colony"): a known name
# before them is only the stem of another, unknown place, which at best lies near its namesake.
FEATURE_WORDS = {
    "lake", "lakes", "river", "creek", "park", "island", "islands", "mountain", "mountains", "bay", "delta",
    "plateau", "valley", "colony", "grove", "square", "beach", "falls", "hills", "hill", "heights",
    "canyon", "forest", "reservoir", "dam", "pass", "peak", "harbor", "harbour", "mile", "township", "twp",
    "springs", "sound", "strait", "range", "coast", "desert", "basin", "peninsula",
}  # fmt: skip
# Distance (km) from the article's main local place beyond which a stem's namesake is not the feature's place,
# and the confidences of a position taken from a namesake and from the main local place.
STEM_KM = 100.0
STEM_CONF = 0.5
APPROXIMATE_CONF = 0.2
# A town smaller than this, alone in its country among an article's names while this many names lie in
# one other country (or alone in its state while that many lie in one other state), is a namesake of a
# place the gazetteer lacks.
STRAY_POP = 50_000
STRAY_FOCUS = 2
STATE_STRAY_FOCUS = 3
# A gazetteer-only match with no locative cue must be a big, unambiguous kind of place.
BIG_PLACE = 100_000
_CAP_RUN = re.compile(r"[A-Z][\w'’]*(?:(?:[ \-]+|[ \-](?:al|el|de|du|da|del|la|of|and|upon)[ \-])[A-Z][\w'’]*)*")
# A legislator's party and home place: "Rep. Earl Pomeroy, D-N.D.", "Westrom, R-Elbow Lake".
_PARTY = re.compile(r"\b(?:R|D|I|DFL)-$")
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,3}\.\s?)?[A-Z][a-z]{0,4}\.")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_JURISDICTION_OF = re.compile(r"\b(?:State|Commonwealth|Province|City|County|Town|Village|Borough) of $")
_WORD = re.compile(r"[A-Za-z]+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_METRO = re.compile(r"(?:Greater|Metro|Metropolitan) (?=[A-Z])")
_STRICT_BEFORE = re.compile(r"\b(?:in|near|outside|inside|around|across|throughout|within|nearby)\s+$")


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Normalised keys of capitalised words that are not toponyms (``data/toponym_stoplist.txt``)."""
    lines = (DATA_DIR / "toponym_stoplist.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(lookup_key(w) for w in lines if w.strip() and not w.startswith("#"))


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    from_ner: bool
    candidates: list[Candidate] = field(default_factory=list)
    qualifier: _Mention | None = None
    # The country or state named after this name ("Stroud, Ontario") that holds no place of the name.
    unheld: Candidate | None = None
    stem: str = ""  # the known name that opens this unknown one ("Kiser" in "Kiser Lake"), whose candidates it has


_FEATURE_WORD = re.compile(r" ([A-Z][a-z]+\.?)")


def _feature_end(text: str, end: int, limit: int | None = None) -> int:
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


def _stem_end(text: str, start: int, end: int) -> int | None:
    """The end of the name before the trailing feature words of ``text[start:end]``, when it has both."""
    words = list(re.finditer(r"\S+", text[start:end]))
    k = len(words)
    while k > 0 and words[k - 1].group().rstrip(".").casefold() in FEATURE_WORDS and words[k - 1].group()[0].isupper():
        k -= 1
    if k == 0 or k == len(words):
        return None
    return start + words[k - 1].end()


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
    cands = gaz.lookup(text[start:end])
    metro = _METRO.match(text, start, end)
    if not cands and metro:
        # "Greater Manchester", "Metro Vancouver": the area of a city, so its big namesakes only.
        rest = [c for c in gaz.lookup(text[metro.end() : end]) if c.level == "place"]
        cands = [c for c in rest if c.population >= BIG_PLACE] or rest
    return cands


def _located(cands: list[Candidate]) -> list[Candidate]:
    """The readings that have coordinates, when some do: a reading without them can only be wrong."""
    if all(c.lat is not None for c in cands):
        return cands
    with_coords = [c for c in cands if c.lat is not None]
    return with_coords or cands


def _institution_follows(text: str, end: int) -> bool:
    """True when a civic institution word follows ("Mansfield Police", "Henry County Sheriff's Office")."""
    m = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
    return bool(m and m.group(1).casefold() in INSTITUTION_WORDS and m.group(1).casefold() not in NAME_SUFFIXES)


# Dashes after a dateline, with the em dash some feeds carry as the Windows-1252 byte \x97.
_DATELINE_DASH = re.compile(r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*(?:—|–|--|-|\x97|\(AP\))\s")


def _dateline(text: str, start: int, end: int) -> bool:
    """True for an upper-case place before a dash opening the text, a sentence or a byline's date.

    "ROSWELL - A man ...", "March 29, 2009 PATASKALA -- City officials ...".
    """
    if not text[start:end].isupper():
        return False
    before = text[max(0, start - 3) : start]
    if start > 0 and not re.search(r"(?:^|[.!?\n]|\d)\s*$", before):
        return False
    return bool(_DATELINE_DASH.match(text[end : end + 30]))


def _jurisdiction(text: str, start: int, end: int) -> bool:
    """True for an explicit jurisdiction ("Laurel County", "the State of Ohio") or a name before an institution."""
    last = text[start:end].rsplit(None, 1)[-1].casefold()
    if last in ("county", "parish") or _institution_follows(text, end):
        return True
    return bool(_JURISDICTION_OF.search(text[max(0, start - 20) : start]))


def _org_edge(text: str, org_start: int, org_end: int, start: int, end: int) -> bool:
    """True when the span opens the organisation's name, or closes it after "of"."""
    head = _trim(text, org_start, org_end)[0]
    if head == start and end < org_end:
        return True
    return end >= org_end - 2 and text[max(0, start - 4) : start] == " of "


def _locative_tail(text: str, org_start: int, org_end: int, start: int, end: int) -> bool:
    """True when the span closes an entity after "in"/"near": the NER glued a place onto a name
    ("Lutheran School in Lombard", "Sheldon Peck Homestead in Lombard")."""
    if not (org_start < start and end >= org_end - 1):
        return False
    prev = re.search(r"([a-z]+)\s+$", text[org_start:start])
    return bool(prev and prev.group(1) in STRICT_LOCATIVE)


def _in_full_name(analysis: Analysis, start: int, end: int) -> bool:
    """True when the span is part of a longer person's name ("Jack London")."""
    for ent in analysis.entities:
        if ent.kind == "PERSON":
            for m in ent.mentions:
                if m.start <= start and end <= m.end and (m.start, m.end) != (start, end):
                    return True
    return False


def _capital_or_state(cands: list[Candidate]) -> bool:
    """True when the best reading is a national capital, a country or a first-level subdivision."""
    best = cands[0] if cands else None
    return bool(best and best.primary and (best.capital or best.level in ("country", "admin1")))


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """First words of office titles (``data/titles.tsv``) and their news abbreviations."""
    lines = (DATA_DIR / "titles.tsv").read_text(encoding="utf-8").splitlines()
    words = {line.split("\t", 1)[0].split()[0].casefold() for line in lines[1:] if line.strip() and line[0] != "#"}
    return frozenset(words - {"title"} | {"gov", "sen", "rep", "atty", "lt"})


def _title_follows(text: str, end: int) -> bool:
    """True when an office title follows the name ("U.S. Magistrate Judge", "UK Secretary of Health")."""
    m = re.match(r"(?:['’]s|\.)?\s+([A-Za-z][\w-]*)", text[end : end + 30])
    return bool(m and m.group(1).casefold() in _title_words())


def _lone_person(analysis: Analysis, start: int, end: int, person_words: set[str]) -> bool:
    """True when the span is exactly a one-word "person" that no full name in the article explains."""
    surface = analysis.text[start:end]
    return " " not in surface and lookup_key(surface) not in person_words


def _blocked_by_entity(analysis: Analysis, start: int, end: int, person_words: set[str] | None = None) -> bool:
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
                if m.start == start and _title_follows(analysis.text, end):
                    continue  # "United States President George W. Bush", "Ohio Gov. Ted Strickland"
                if ent.kind == "PERSON":
                    # The small NER calls many towns persons ("Alexandria woman"); a lone word that no full
                    # name explains is left to the place-context checks, as is a jurisdiction before an
                    # institution ("Rapides Parish Fire District").
                    if person_words is not None and m.start == start:
                        if (m.end == end and _lone_person(analysis, start, end, person_words)) or (
                            _jurisdiction(analysis.text, start, end)
                        ):
                            continue
                        # Nobody lives "in Glen Allen" the person: after "in"/"near" a known name is a place.
                        if m.end == end and _STRICT_BEFORE.search(analysis.text[max(0, start - 12) : start]):
                            continue
                    return True
                if m.start < start and _named(analysis.text[m.start : m.end]):
                    if _JURISDICTION_OF.search(analysis.text[max(0, start - 20) : start]):
                        continue
                    return True
    return False


def _named(text: str) -> bool:
    """True for a proper name (every content word capitalised), not a generic phrase."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text) if w.casefold() not in _NAME_LINKS]
    return bool(words) and all(w[0].isupper() for w in words)


_NAME_LINKS = {"of", "the", "and", "for", "de", "la", "du", "al", "el"}


def _person_words(analysis: Analysis, given: bool = True) -> set[str]:
    """Words of multi-word person names, so a lone "Henry" after "John Henry" stays a person.

    With ``given`` false, only the words after the first (surnames, not given names or titles).
    """
    words: set[str] = set()
    for ent in analysis.entities:
        if ent.kind != "PERSON":
            continue
        for m in ent.mentions:
            parts = m.text.split()
            if len(parts) >= 2:
                words.update(lookup_key(p) for p in parts[(0 if given else 1) :])
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


def _recognise(analysis: Analysis, gaz: Gazetteer, pending: list[_Mention]) -> list[_Mention]:
    """Toponym mentions of the article; names the NER gave another label go to ``pending`` when unsure."""
    doc = analysis.doc
    text = analysis.text
    stop = stoplist()
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    strong: set[str] = set()  # names taken on the NER's word or on place context, not on size alone

    stems: dict[str, list[Candidate]] = {}  # unknown names with a known stem, and the stem's candidates

    def accept(s: int, e: int, from_ner: bool, cands: list[Candidate], sure: bool = True, stem: int = 0) -> None:
        out.append(_Mention(s, e, text[s:e], from_ner, cands, stem=text[s:stem] if stem else ""))
        taken.append((s, e))
        if sure and cands:
            # The stem recurs alone for the same place ("Pleasant Township" ... "Pleasant and Madison townships").
            strong.add(text[s : stem or e])
            if stem:
                stems[text[s:e]] = cands

    if doc is None:
        return out
    person_words = _person_words(analysis)
    blockers: list[tuple[int, int, str]] = []
    ner_places: set[str] = set()
    ner_big: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            blockers.append((ent.start_char, ent.end_char, ent.label_))
        if ent.label_ not in PLACE_LABELS:
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        if e <= s or analysis.is_excluded(s, e) or _blocked_by_entity(analysis, s, e):
            continue
        s0, e0 = _with_abbreviation_dot(text, s, e)
        for s, e in _place_spans(text, s0, e0, gaz, stop):
            if not free(s, e):
                continue
            surface = text[s:e]
            cands = _lookup(gaz, text, s, e)
            stem = None if cands else _stem_end(text, s, e)
            if stem is not None:
                cands = _lookup(gaz, text, s, stem)
            if _demonym(gaz, surface, cands):
                continue
            if lookup_key(surface) in stop and not (cands and cands[0].level == "region") and not _is_big(cands):
                continue
            if not _WORD.search(surface) or not surface[0].isupper():
                continue
            accept(s, e, True, cands, stem=stem if stem and cands else 0)
            ner_places.add(lookup_key(surface))
            if _is_big(cands) and stem is None:
                ner_big.add(lookup_key(surface))
    # A word the NER calls a place somewhere in the article is no person's name word when it only opens
    # multi-word "persons" ("Alexandria Commonwealth's [Attorney]") or names a big place ("Village Malakal");
    # a surname ("Barack Obama") stays one.
    person_words -= (ner_places - _person_words(analysis, given=False)) | ner_big

    def coordinated(s: int) -> bool:
        """True when the name follows a place taken already, joined by a comma or "and"/"or" ("Darfur and Malakal")."""
        gap = re.search(r"(?:,|,?\s+(?:and|or))\s+$", text[max(0, s - 8) : s])
        return bool(gap) and any(te == s - len(gap.group()) for _ts, te in taken)

    def context(s: int, e: int, cands: list[Candidate], strict: bool = False) -> bool:
        """Locative preposition before, a place noun or a containing admin1/country after, or a same-name place.

        ``strict`` asks for evidence that holds for recurring mentions too: "in"/"near", not "of"/"to".
        """
        prev = re.search(r"([A-Za-z]+)\s+(?:the\s+)?$", text[max(0, s - 25) : s])
        if prev and prev.group(1).casefold() in (STRICT_LOCATIVE if strict else LOCATIVE):
            return True
        if _PARTY.search(text[max(0, s - 5) : s]) or _jurisdiction(text, s, e):
            return True
        if _dateline(text, s, e) or (not strict and coordinated(s)):
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
        return lookup_key(text[s:e]) in ner_places

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
                key = lookup_key(surface)
                if (
                    key in stop
                    or len(key) < 2
                    or analysis.is_excluded(s, e)
                    or _blocked_by_entity(analysis, s, e, person_words)
                ):
                    continue
                cands = _lookup(gaz, text, s, e)
                if not cands or _demonym(gaz, surface, cands):
                    continue
                overlapping = [
                    (bs, be, lab)
                    for bs, be, lab in blockers
                    if s < be and bs < e and not _locative_tail(text, bs, be, s, e)
                ]
                # A nationality word opening a longer known name ("British Columbia") does not block it.
                if all(lab == "NORP" and s <= bs and be < e for bs, be, lab in overlapping):
                    overlapping = []
                # A jurisdiction opening an institution's name ("the Mansfield Police Department").
                if overlapping and _jurisdiction(text, s, e):
                    heads = [_trim(text, bs, be)[0] for bs, be, _ in overlapping]
                    if all(h == s for h in heads) or _JURISDICTION_OF.search(text[max(0, s - 20) : s]):
                        overlapping = []
                # A state or country that opens an organisation's name or closes it after "of" names the
                # place ("the Ohio Supreme Court", "the University of Texas"), as both gold standards count it.
                if overlapping and _is_big(cands) and cands[0].level in ("country", "admin1"):
                    if all(lab == "ORG" and _org_edge(text, bs, be, s, e) for bs, be, lab in overlapping):
                        longer = _longer_name(gaz, text, s, e)
                        if longer is not None and _is_big(_lookup(gaz, text, *longer)):
                            # "Kansas City Power & Light" opens with Kansas City, not Kansas.
                            s, e = longer
                            surface, key, cands = text[s:e], lookup_key(text[s:e]), _lookup(gaz, text, s, e)
                        overlapping = []
                if overlapping:
                    # The small NER often calls towns persons or organisations; take them back only with
                    # place context, and never a word of a person's full name.
                    exact = any(bs == s and be == e for bs, be, _ in blockers)
                    if not exact or key in person_words:
                        continue
                    if not (context(s, e, cands) or _capital_or_state(cands)):
                        if len(key) > 3 and not _in_full_name(analysis, s, e):
                            pending.append(_Mention(s, e, text[s:e], False, cands))
                        continue
                    sure = True
                else:
                    if not (context(s, e, cands) or _is_big(cands)):
                        continue
                    sure = context(s, e, cands, strict=True)
                fe = _feature_end(text, e, m.end())
                accept(s, fe, False, cands, sure, stem=e if fe > e else 0)
                i = j
                while i < n and m.start() + words[i].start() < fe:
                    i += 1
                found = True
                break
            if not found:
                i += 1
    # One sense per article, for recognition too: a name taken as a place on the NER's word or on place
    # context is a place wherever it recurs, though the NER called that mention a person or organisation.
    for surface in sorted(name for name in strong | set(stems) if len(name) > 3):
        if lookup_key(surface) in person_words or lookup_key(surface) in stop:
            continue
        for s, e in _occurrences(text, surface):
            if not free(s, e) or analysis.is_excluded(s, e) or _in_full_name(analysis, s, e):
                continue
            # After an initial, "St." or a word of a person's name it is part of a longer name
            # ("Tyrise M. Bell", "St. Patrick's Day").
            before = re.search(r"(\S+)\s+$", text[max(0, s - 20) : s])
            word = before.group(1) if before else ""
            if re.fullmatch(r"[A-Z]\.|St\.?|Saint", word) or (word[:1].isupper() and lookup_key(word) in person_words):
                continue
            longer = _longer_name(gaz, text, s, e)
            if longer is not None:
                # "Charleston" in "Charleston County" is another place, named in full.
                s, e = longer
                if not free(s, e) or analysis.is_excluded(s, e):
                    continue
            if longer is None and surface in stems:
                accept(s, e, False, stems[surface], stem=_stem_end(text, s, e) or e)
            else:
                accept(s, e, False, _lookup(gaz, text, s, e))
    # Dotted state abbreviations the word scan splits ("D-N.D.", "Charleston, W. Va.").
    for m in _ABBREVIATION.finditer(text):
        s, e = m.start(), m.end()
        surface = text[s:e]
        # Only dotted pairs ("N.D.") and indexed abbreviations ("Pa."): "St." or "Ms." are no places.
        if not free(s, e) or analysis.is_excluded(s, e) or not (gaz.is_abbreviation(surface) or "." in surface[:-1]):
            continue
        cands = [c for c in gaz.lookup(surface) if c.level in ("country", "admin1")]
        # A dotted pair opening a name ("U.S. Supreme Court", "S.C. Highway Patrol") names the place, as a
        # spelled-out state opening an organisation's name does.
        opens = "." in surface[:-1] and re.match(r"\s+[A-Z][a-z]", text[e : e + 4])
        if cands and (
            opens or re.search(r"(?:,|\b(?:R|D|I|DFL)-)\s*$", text[max(0, s - 5) : s]) or context(s, e, cands)
        ):
            accept(s, e, False, cands)
    _shared_suffix(analysis, gaz, out, free, accept)
    out.sort(key=lambda x: x.start)
    return out


# "Douglas, Sarpy and Lancaster counties": names sharing one plural jurisdiction noun after the last of them.
_NAME = r"[A-Z][\w'’]*(?: [A-Z][\w'’]*)?"
_SHARED_SUFFIX = re.compile(rf"\b({_NAME}(?:(?:,\s+|,?\s+(?:and|or|&)\s+){_NAME})+)\s+(counties|parishes)\b")
_SUFFIX_OF = {"counties": "County", "parishes": "Parish"}


def _shared_suffix(
    analysis: Analysis,
    gaz: Gazetteer,
    out: list[_Mention],
    free: Callable[[int, int], bool],
    accept: Callable[..., None],
) -> None:
    """Take each name of "X, Y and Z counties" as the county it names, found or not by the scans before."""
    text = analysis.text
    for m in _SHARED_SUFFIX.finditer(text):
        suffix = _SUFFIX_OF[m.group(2)]
        for w in re.finditer(_NAME, m.group(1)):
            s, e = m.start(1) + w.start(), m.start(1) + w.end()
            cands = [c for c in gaz.lookup(f"{text[s:e]} {suffix}") if c.level == "admin2"]
            if not cands or analysis.is_excluded(s, e):
                continue
            known = [x for x in out if x.start == s and x.end == e]
            if known:
                known[0].candidates = cands
            elif free(s, e):
                accept(s, e, False, cands)


def _word_char(c: str) -> bool:
    """What the pattern ``\\w`` matches: letters, digits (Unicode) and the underscore."""
    return c.isalnum() or c == "_"


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
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


def _longer_name(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest other known name that ``text[start:end]`` opens ("Kansas" in "Kansas City Power"), if any.

    The longer name must be some entry's own name: "Ohio State" (an alternate name of Ohio) is not another
    name, "Charleston County" is, though "Charleston" is also its alternate name.
    """
    ends = []
    pos = end
    for _ in range(2):
        m = re.match(r" ([A-Z][\w'’]*)", text[pos : pos + 40])
        if not m:
            break
        pos += m.end()
        ends.append(pos)
    if not ends:
        return None
    own = {c.ref for c in gaz.lookup(text[start:end]) if c.primary}
    for e in reversed(ends):
        cands = gaz.lookup(text[start:e])
        if any(c.primary and c.ref not in own for c in cands) and lookup_key(text[start:e]) not in stoplist():
            return start, e
    return None


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the words of ``text[start:end]``, split on spaces and hyphens."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\s\-‐–—]+", text[start:end])]


def _known(gaz: Gazetteer, stop: frozenset[str], text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` is a gazetteer name and not a stop word."""
    surface = text[s:e].rstrip(".,;:")
    return bool(surface) and lookup_key(surface) not in stop and bool(_lookup(gaz, text, s, e))


def _place_spans(text: str, start: int, end: int, gaz: Gazetteer, stop: frozenset[str]) -> list[tuple[int, int]]:
    """The toponym spans of an NER place span, mended where the NER (or an entity ruler) cut them badly.

    A span grows over adjacent capitalised words into a longer known name ("Jersey" in "New Jersey",
    "Mexico" in "Mexico City"); a span the gazetteer does not know yields the known names inside it
    ("Henderson County" in "Henderson County Jail", both names of "Greenbrier-Pocahontas County").
    """
    left = [m for m in re.finditer(r"([A-Z][\w'’]*) $", text[max(0, start - 30) : start])]
    grow_left: list[int] = []
    if left:
        grow_left.append(max(0, start - 30) + left[-1].start(1))
        before = max(0, start - 60)
        more = re.search(r"([A-Z][\w'’]*) $", text[before : grow_left[0]])
        if more:
            grow_left.append(before + more.start(1))
    # "the Gulf of Mexico", "Sea of Japan": a known name whose head sits before "of".
    of_head = re.search(r"([A-Z][a-z]+) of $", text[max(0, start - 20) : start])
    if of_head:
        grow_left.append(max(0, start - 20) + of_head.start(1))
    grow_right: list[int] = []
    pos = end
    for _ in range(2):
        m = re.match(r" ([A-Z][\w'’]*)", text[pos:])
        if not m:
            break
        pos += m.end()
        grow_right.append(pos)
    options = [(ls, re_) for ls in [start, *grow_left] for re_ in [end, *grow_right] if (ls, re_) != (start, end)]
    options.sort(key=lambda se: -(se[1] - se[0]))
    for s, e in options:
        if _known(gaz, stop, text, s, e):
            return [(s, e)]
    if gaz.lookup(text[start:end]):
        return [(start, end)]
    # The whole span is unknown: keep the known names inside it, longest first, left to right.
    words = _words(text, start, end)
    if len(words) < 2:
        return [(start, end)]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            s, e = words[i][0], words[j - 1][1]
            s, e = _trim(text, s, e)
            if (
                e > s
                and text[s].isupper()
                and _opens_name(text, start, s)
                and _known(gaz, stop, text, s, e)
                and (j - i > 1 or e - s > 3)
            ):
                # "Kiser Lake": the known stem with its feature words is one unknown name.
                e = _feature_end(text, e, end)
                found.append((s, e))
                i = j
                while i < len(words) and words[i][0] < e:
                    i += 1
                break
        else:
            i += 1
    return found or [(start, end)]


_DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
    "southeast", "southwest", "central", "downtown", "greater", "metro", "upper", "lower", "the",
}  # fmt: skip
_CONNECTORS = {"and", "to", "of", "in", "at", "near", "from"}


def _opens_name(text: str, span_start: int, start: int) -> bool:
    """True when a known name inside an unknown span starts a name of its own there.

    It opens the span, follows a hyphen or a connective ("Greenbrier-Pocahontas County", "Norman to
    D.C."), or follows only directions ("South Philadelphia"); "Occidental" in "Kasai Occidental" or
    "Delta" in "Danube Delta" is a word of the unknown name, not a place.
    """
    if start == span_start or text[start - 1] in "-‐–":
        return True
    before = [w.casefold() for w in re.findall(r"[\w']+", text[span_start:start])]
    return bool(before) and (before[-1] in _CONNECTORS or all(w in _DIRECTIONS for w in before))


def _with_abbreviation_dot(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "Ill" to "Ill." and "B.C" to "B.C." when the dot follows, so abbreviations match whole."""
    if end < len(text) and text[end] == ".":
        surface = text[start:end]
        if _DOTTED.fullmatch(surface) or (surface.isalpha() and get_gazetteer().is_abbreviation(surface + ".")):
            return start, end + 1
    return start, end


def _attach_qualifiers(text: str, mentions: list[_Mention]) -> None:
    """Mark "Y" in "X, Y" / "X in Y" as X's qualifier when Y is a country or admin1 that holds an X."""
    for a, b, after in zip(mentions, mentions[1:], [*mentions[2:], None], strict=False):
        gap = text[a.end : b.start]
        if gap not in (", ", " in ", ",") or not b.candidates or not a.candidates:
            continue
        # "California, Pennsylvania" in a list of states is two states, not the Pennsylvania town.
        if gap != " in " and any(c.primary and c.level in ("country", "admin1") for c in a.candidates):
            continue
        if _containing(a.candidates, b.candidates):
            a.qualifier = b
        elif _unheld_by(text, a, b, gap, after):
            a.unheld = b.candidates[0]


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
    if c.capital and c.primary:
        # Only under its own name: Amman is no bare "Philadelphia".
        score += 0.6
    return score


# "Washington state", "the state of Washington": the admin1 of that name.
_STATE_CUE = re.compile(r"\bstate of \||\| state\b", re.IGNORECASE)


def _around(text: str, m: _Mention) -> str:
    """The mention between ``|`` marks, with the words just before and after it."""
    return f"{text[max(0, m.start - 12) : m.start]}|{m.text}|{text[m.end : m.end + 8]}"


def _kin(a: str, b: str) -> bool:
    """True for one name or its longer form ("Hanover", "Hanover Town"): namesakes lie together, proving nothing."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _km_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) from one point to points given in radians: :func:`haversine_km` for arrays."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats - p1) / 2) ** 2 + math.cos(p1) * np.cos(lats) * np.sin((lons - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


class _Points:
    """The local places chosen so far, for the proximity of each candidate to the others."""

    def __init__(self, chosen: list[tuple[str, Candidate, int]]) -> None:
        self.keys = [k for k, _, _ in chosen]
        self.cands = [c for _, c, _ in chosen]
        self.weights = np.array([w for _, _, w in chosen], dtype=float)
        self.lat = np.radians(np.array([c.lat for c in self.cands], dtype=float))
        self.lon = np.radians(np.array([c.lon for c in self.cands], dtype=float))
        self.others: dict[str, tuple[np.ndarray, float]] = {}
        self.inside: dict[tuple[str | None, ...], np.ndarray] = {}

    def proximity(self, c: Candidate, key: str) -> float:
        """Share of the article's other local places that lie near ``c`` (local news names neighbouring towns).

        A country or admin1 candidate counts the places inside it as near, so that the big unit a bare name
        may mean ("Mexico") keeps its footing against a city of that name among its own places.
        """
        if not self.keys:
            return 0.0
        # The masks depend only on the name and the unit, and every candidate of a name asks for them.
        if key not in self.others:
            other = np.array([not _kin(k, key) for k in self.keys])
            self.others[key] = (other, float(self.weights[other].sum()))
        other, total = self.others[key]
        if not total:
            return 0.0
        if c.level in ("country", "admin1"):
            unit = (c.level, c.country, c.admin1)
            if unit not in self.inside:
                self.inside[unit] = np.array(
                    [p.country == c.country and (c.level == "country" or p.admin1 == c.admin1) for p in self.cands]
                )
            inside = self.inside[unit]
        elif c.lat is not None and c.lon is not None and c.level in ("place", "admin2"):
            near = np.exp(-_km_many(c.lat, c.lon, self.lat, self.lon) / PROXIMITY_KM)
            return float((near * self.weights)[other].sum()) / total
        else:
            return 0.0
        return float(self.weights[other & inside].sum()) / total

    def proximity_many(self, cands: list[Candidate], key: str) -> list[float]:
        """:meth:`proximity` of each candidate of one name, the distances of its towns computed in one array."""
        towns = [
            j
            for j, c in enumerate(cands)
            if self.keys and c.lat is not None and c.lon is not None and c.level in ("place", "admin2")
        ]
        if len(towns) < 2:
            return [self.proximity(c, key) for c in cands]
        self.proximity(cands[towns[0]], key)  # fills the mask of the name
        other, total = self.others[key]
        if not total:
            return [0.0] * len(cands)
        p1 = np.array([math.radians(cands[j].lat) for j in towns])  # type: ignore[arg-type]
        l1 = np.array([math.radians(cands[j].lon) for j in towns])  # type: ignore[arg-type]
        cos_p1 = np.array([math.cos(v) for v in p1.tolist()])
        # The same operations as _km_many, row by row: the same numbers.
        a = (
            np.sin((self.lat[None, :] - p1[:, None]) / 2) ** 2
            + cos_p1[:, None] * np.cos(self.lat)[None, :] * np.sin((self.lon[None, :] - l1[:, None]) / 2) ** 2
        )
        near = np.exp(-(2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))) / PROXIMITY_KM)
        by_town = {j: float((near[row] * self.weights)[other].sum()) / total for row, j in enumerate(towns)}
        return [by_town[j] if j in by_town else self.proximity(c, key) for j, c in enumerate(cands)]


class _Readings:
    """The local readings of every name in an article, for the coherence of a candidate with the others.

    Two ambiguous neighbours (Alexandria and Douglas County) pick the pair of readings that lie together.
    Distances are computed once per candidate, vectorised over all readings of all names.
    """

    def __init__(self, groups: dict[str, list[_Mention]]) -> None:
        self.keys: list[str] = []
        self.weights: list[int] = []
        self.members: list[list[Candidate]] = []
        starts, lats, lons = [], [], []
        for key, ms in groups.items():
            local = [c for c in ms[0].candidates if c.level in ("place", "admin2") and c.lat is not None]
            if not local:
                continue
            local = local[:READINGS]
            self.keys.append(key)
            self.weights.append(len(ms))
            self.members.append(local)
            starts.append(len(lats))
            lats += [c.lat for c in local]
            lons += [c.lon for c in local]
        self.starts = np.array(starts, dtype=np.intp)
        self.lat = np.radians(np.array(lats, dtype=float))
        self.lon = np.radians(np.array(lons, dtype=float))
        self.cache: dict[tuple[str, int], float] = {}
        self.by_key: dict[str, tuple[list[int], int]] = {}

    def coherence(self, c: Candidate, key: str) -> float:
        """Share of the other names that have some local reading near ``c`` (or inside it, for a country/admin1)."""
        hit = self.cache.get((key, c.ref))
        if hit is None:
            hit = self.cache[(key, c.ref)] = self._coherence(c, key)
        return hit

    def prefill(self, cands: list[Candidate], key: str) -> None:
        """Compute the coherence of a name's town readings at once: their distances in one array."""
        towns = [
            c
            for c in cands
            if (key, c.ref) not in self.cache
            and c.level in ("place", "admin2")
            and c.lat is not None
            and c.lon is not None
        ]
        if len(towns) < 2 or not self.keys:
            return
        others, total = self._others(key)
        if not total:
            return
        p1 = np.array([math.radians(c.lat) for c in towns])  # type: ignore[arg-type]
        l1 = np.array([math.radians(c.lon) for c in towns])  # type: ignore[arg-type]
        cos_p1 = np.array([math.cos(v) for v in p1.tolist()])
        # The same operations as _km_many, row by row: the same numbers.
        a = (
            np.sin((self.lat[None, :] - p1[:, None]) / 2) ** 2
            + cos_p1[:, None] * np.cos(self.lat)[None, :] * np.sin((self.lon[None, :] - l1[:, None]) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        for row, c in enumerate(towns):
            best = np.minimum.reduceat(km[row], self.starts)
            near = sum(self.weights[i] * math.exp(-float(best[i]) / PROXIMITY_KM) for i in others)
            self.cache[(key, c.ref)] = near / total

    def _others(self, key: str) -> tuple[list[int], int]:
        """The names that are not ``key`` (nor its kin), and their weight."""
        if key not in self.by_key:
            others = [i for i, k in enumerate(self.keys) if not _kin(k, key)]
            self.by_key[key] = (others, sum(self.weights[i] for i in others))
        return self.by_key[key]

    def _coherence(self, c: Candidate, key: str) -> float:
        others, total = self._others(key)
        if not total:
            return 0.0
        if c.level == "country":
            near = sum(self.weights[i] for i in others if any(d.country == c.country for d in self.members[i]))
        elif c.level == "admin1":
            near = sum(
                self.weights[i]
                for i in others
                if any(d.country == c.country and d.admin1 == c.admin1 for d in self.members[i])
            )
        elif c.level in ("place", "admin2") and c.lat is not None and c.lon is not None:
            best = np.minimum.reduceat(_km_many(c.lat, c.lon, self.lat, self.lon), self.starts)
            near = sum(self.weights[i] * math.exp(-float(best[i]) / PROXIMITY_KM) for i in others)
        else:
            return 0.0
        return near / total


def _among(cands: list[Candidate], places: list[Candidate]) -> bool:
    """True when some local reading in ``cands`` lies within ``AMONG_KM`` of one of ``places``."""
    for c in cands[:READINGS]:
        if c.lat is None or c.lon is None or c.level not in ("place", "admin2", "admin1"):
            continue
        for p in places:
            if haversine_km(c.lat, c.lon, p.lat, p.lon) <= AMONG_KM:  # type: ignore[arg-type]
                return True
    return False


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

    # Country focus: countries named outright, unambiguous places, and actors' countries.
    base_focus: Counter[str] = Counter()
    for ent in analysis.entities:
        if ent.country:
            iso2 = country_iso2(ent.country)
            if iso2:
                base_focus[iso2] += 0.5
    decided: dict[str, tuple[Candidate | None, float]] = {}
    readings = _Readings(groups)
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
            if not qualified and any(_STATE_CUE.search(_around(analysis.text, m)) for m in ms):
                qualified = [c for c in cands if c.level == "admin1"]
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
            top = max(cands, key=lambda c: _prior(c, cands))
            big_name = not qualified and top.primary and top.level in ("country", "admin1")
            scored = []
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
                scored.append((_prior(c, cands) + 1.2 * share + local, c))
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


@stage("places", requires=("doc", "entities"), assigns=("places",))
def places(analysis: Analysis) -> None:
    """Find and resolve the article's toponyms into ``analysis.places``."""
    gaz = get_gazetteer()
    pending: list[_Mention] = []
    mentions = _recognise(analysis, gaz, pending)
    if not mentions:
        return
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
        """The article's best-supported local place inside ``unit``, else the unit itself."""
        inside = [
            (support[(c.country, c.admin1)], n, -k, c)
            for k, (key, n) in enumerate(ranked)
            if (c := decided[key][0]) is not None
            and c.level in ("place", "admin2")
            and c.lat is not None
            and _inside(c, unit)
        ]
        return max(inside, key=lambda t: t[:3])[3] if inside else unit

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
