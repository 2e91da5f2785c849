"""Recognition of the places stage: the toponym mentions of an article, from the NER's place spans (mended where
it cut them badly), capitalised runs the gazetteer knows, recurring names, dotted state abbreviations and the
names of "X, Y and Z counties".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eventwire.analysis import Analysis
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, get_gazetteer, lookup_key
from eventwire.stages.places.blocking import EntitySpans, _blocked_by_entity, _in_full_name, _person_words
from eventwire.stages.places.cues import (
    _ABBREVIATION,
    _CAP_RUN,
    _DOTTED,
    _JURISDICTION_OF,
    _PARTY,
    _WORD,
    BLOCKING_LABELS,
    FEATURE_WORDS,
    LOCATIVE,
    PLACE_LABELS,
    PLACE_NOUNS,
    STRICT_LOCATIVE,
    _capital_or_state,
    _containing,
    _dateline,
    _demonym,
    _feature_end,
    _is_big,
    _jurisdiction,
    _known,
    _locative_tail,
    _lookup,
    _Mention,
    _occurrences,
    _opens_name,
    _org_edge,
    _stem_end,
    _trim,
    _words,
    stoplist,
)

# Patterns of the recognition loops, compiled once.
_LIST_BEFORE = re.compile(r"(?:,|,?\s+(?:and|or))\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+(?:the\s+)?$")
_LOWER_AFTER = re.compile(r"\s+([a-z]+)")
_QUALIFIER_AFTER = re.compile(r",\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
_RUN_WORD = re.compile(r"[\w'’]+")
_TOKEN_BEFORE = re.compile(r"(\S+)\s+$")
_INITIAL_OR_SAINT = re.compile(r"[A-Z]\.|St\.?|Saint")
_CAP_WORD_AFTER = re.compile(r" ([A-Z][\w'’]*)")
_CAP_WORD_BEFORE = re.compile(r"([A-Z][\w'’]*) $")
_OF_HEAD = re.compile(r"([A-Z][a-z]+) of $")
# "Rio Grande| do Sul": a particle of a Portuguese, Spanish or Italian name joins the next word.
_GROW_RIGHT = re.compile(r"(?: (?:do|dos|das|da|de|del|di))? ([A-Z][\w'’]*)")


def _recognise(analysis: Analysis, gaz: Gazetteer, pending: list[_Mention]) -> list[_Mention]:
    """Toponym mentions of the article; names the NER gave another label go to ``pending`` when unsure."""
    doc = analysis.doc
    text = analysis.text
    stop = stoplist()
    out: list[_Mention] = []
    # One byte per character, set where a mention lies: whether a span is free is one search, however many
    # mentions the article has.
    occupied = bytearray(len(text))

    def free(s: int, e: int) -> bool:
        return occupied.find(1, s, e) < 0

    strong: set[str] = set()  # names taken on the NER's word or on place context, not on size alone

    stems: dict[str, list[Candidate]] = {}  # unknown names with a known stem, and the stem's candidates

    def accept(s: int, e: int, from_ner: bool, cands: list[Candidate], sure: bool = True, stem: int = 0) -> None:
        out.append(_Mention(s, e, text[s:e], from_ner, cands, stem=text[s:stem] if stem else ""))
        occupied[s:e] = b"\x01" * (e - s)
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
    spans = EntitySpans(analysis)  # the entities do not change while places are read
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            blockers.append((ent.start_char, ent.end_char, ent.label_))
        if ent.label_ not in PLACE_LABELS:
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        if e <= s or analysis.is_excluded(s, e) or _blocked_by_entity(analysis, s, e, spans=spans):
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
        gap = _LIST_BEFORE.search(text[max(0, s - 8) : s])
        return bool(gap) and any(m.end == s - len(gap.group()) for m in out)

    def context(s: int, e: int, cands: list[Candidate], strict: bool = False) -> bool:
        """Locative preposition before, a place noun or a containing admin1/country after, or a same-name place.

        ``strict`` asks for evidence that holds for recurring mentions too: "in"/"near", not "of"/"to".
        """
        prev = _WORD_BEFORE.search(text[max(0, s - 25) : s])
        if prev and prev.group(1).casefold() in (STRICT_LOCATIVE if strict else LOCATIVE):
            return True
        if _PARTY.search(text[max(0, s - 5) : s]) or _jurisdiction(text, s, e):
            return True
        if _dateline(text, s, e) or (not strict and coordinated(s)):
            return True
        after = text[e : e + 40]
        nxt = _LOWER_AFTER.match(after)
        if nxt and nxt.group(1) in PLACE_NOUNS:
            return True
        qual = _QUALIFIER_AFTER.match(after)
        if qual:
            outer = [c for c in gaz.lookup(qual.group(1)) if c.level in ("country", "admin1")]
            if outer and _containing(cands, outer):
                return True
        return lookup_key(text[s:e]) in ner_places

    # Gazetteer-only matches over capitalised runs that the NER did not label (or mislabelled).
    for m in _CAP_RUN.finditer(text):
        words = list(_RUN_WORD.finditer(m.group()))
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
                if key in stop or len(key) < 2:
                    continue
                # Most capitalised words are no known name: the gazetteer says so before the costlier checks.
                cands = _lookup(gaz, text, s, e)
                if (
                    not cands
                    or analysis.is_excluded(s, e)
                    or _blocked_by_entity(analysis, s, e, person_words, spans)
                    or _demonym(gaz, surface, cands)
                ):
                    continue
                if s > m.start() and surface.casefold() in _FOREIGN_DIRECTIONS:
                    continue  # "Kasai Occidental": the direction of a longer name, not Occidental, California
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
            before = _TOKEN_BEFORE.search(text[max(0, s - 20) : s])
            word = before.group(1) if before else ""
            if _INITIAL_OR_SAINT.fullmatch(word) or (word[:1].isupper() and lookup_key(word) in person_words):
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


def _longer_name(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[int, int] | None:
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


def _place_spans(text: str, start: int, end: int, gaz: Gazetteer, stop: frozenset[str]) -> list[tuple[int, int]]:
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
                and not (s > start and _generic(text, s, e))
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


# Direction words of French, Spanish and Portuguese names ("Kasai Occidental", "Davao del Sur").
_FOREIGN_DIRECTIONS = {"occidental", "oriental", "orientale", "septentrional", "meridional", "norte", "sur", "sul"}
_GENERIC_WORDS = frozenset(FEATURE_WORDS | _FOREIGN_DIRECTIONS)


def _generic(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` is only feature or direction words ("Delta", "Plateau", "Occidental"): inside a
    longer unknown name ("the Danube Delta", "Kasai Occidental") it is part of that name, not the province or
    town so called elsewhere."""
    return all(w.casefold().rstrip(".") in _GENERIC_WORDS for w in text[s:e].split())


def _with_abbreviation_dot(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend "Ill" to "Ill." and "B.C" to "B.C." when the dot follows, so abbreviations match whole."""
    if end < len(text) and text[end] == ".":
        surface = text[start:end]
        if _DOTTED.fullmatch(surface) or (surface.isalpha() and get_gazetteer().is_abbreviation(surface + ".")):
            return start, end + 1
    return start, end
