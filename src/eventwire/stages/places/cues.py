"""Shared cues of the places stage: the labels, word lists, weights and patterns it reads text with, the
``_Mention`` record, and the cues around a name (feature words, datelines, jurisdictions, the words of a span, a
name's gazetteer readings and the country or admin1 readings that contain them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.knowledge.gazetteer import DATA_DIR, Candidate, Gazetteer, lookup_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}


# NER labels whose spans are not places: a gazetteer-only match inside them is a false positive.
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT"}


NON_PLACE_KINDS = {"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "GOVERNMENT", "COLLECTIVE", "OTHER"}


# Verbs of taking or striking a place, whose object the NER often leaves untagged in conflict news ("retook
# Tikrit", "shelled Marjah"): a gazetteer name right after one is a place as after "in". Verbs that as often
# take a person ("visited", "attacked") are left out: "visited Smith" is no visit to Smith, Nevada.
PLACE_VERBS = {
    "captured", "recaptured", "retook", "seized", "shelled", "bombed", "besieged", "stormed", "overran",
    "liberated", "raided", "entered", "evacuated",
}  # fmt: skip


LOCATIVE = {
    "in", "near", "at", "from", "to", "into", "outside", "inside", "around", "across", "towards", "toward",
    "through", "throughout", "between", "within", "via", "nearby", "north", "south", "east", "west", "of",
} | PLACE_VERBS  # fmt: skip


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


# Population from which a city's own name is read as that city unless the text says otherwise, and its
# prior bonus (chosen on the development three quarters of LGL and GeoVirus: 500,000 and 0.3).
BIG_CITY_POP = 500_000
BIG_CITY_PRIOR = 0.3
# Local support (nearness to the article's places) under which a namesake of such a city gains nothing from
# lying in the article's country.
BIG_CITY_NEAR = 0.2


# Country focus a demonym adds for its country, as much as an actor of that country (the entities' weight).
DEMONYM_FOCUS = 0.5


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


# The dot of "St."/"Ste."/"Mt."/"Ft." stays inside a run ("Sault Ste. Marie", where the NER sees a person).
_CAP_RUN = re.compile(
    r"[A-Z][\w'’]*(?:(?:[ \-]+|(?:(?<=\bSt)|(?<=\bSte)|(?<=\bMt)|(?<=\bFt))\. +"
    r"|[ \-](?:al|el|de|do|dos|das|du|da|del|di|la|of|and|upon)[ \-])[A-Z][\w'’]*)*"
)


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
    # For a name the gazetteer lacks, the known name the text puts it in ("Abu Shok camp in Al-Fashir").
    within: _Mention | None = None


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


def _capital_or_state(cands: list[Candidate]) -> bool:
    """True when the best reading is a national capital, a country or a first-level subdivision."""
    best = cands[0] if cands else None
    return bool(best and best.primary and (best.capital or best.level in ("country", "admin1")))


def _is_big(cands: list[Candidate]) -> bool:
    best = cands[0] if cands else None
    return bool(
        best
        and best.primary
        and (best.level in ("country", "admin1", "region") or (best.level == "place" and best.population >= BIG_PLACE))
    )


def _demonym(gaz: Gazetteer, surface: str, cands: list[Candidate]) -> bool:
    """True when ``surface`` names a people ("Saudi", "West Virginian"), not one of its place readings."""
    if any(c.level == "country" for c in cands):
        return False
    return gaz.place_of_demonym(surface) is not None


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


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the words of ``text[start:end]``, split on spaces and hyphens."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\s\-‐–—]+", text[start:end])]


def _known(gaz: Gazetteer, stop: frozenset[str], text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` is a gazetteer name and not a stop word."""
    surface = text[s:e].rstrip(".,;:")
    return bool(surface) and lookup_key(surface) not in stop and bool(_lookup(gaz, text, s, e))


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
