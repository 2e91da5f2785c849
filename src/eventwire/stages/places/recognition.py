"""Recognition of the places stage: the toponym mentions of an article, from the NER's place spans (mended where
it cut them badly), capitalised runs the gazetteer knows, recurring names, dotted state abbreviations and the
names of "X, Y and Z counties". Each scan is one step of :func:`recognise`, in that order, over one :class:`Scan`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from eventwire.analysis import Analysis
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, lookup_key
from eventwire.stages.places.blocking import blocked_by_entity, in_full_name, person_name_words
from eventwire.stages.places.cues import is_demonym, lookup, occurrences, stem_end, trim
from eventwire.stages.places.mention import Mention, is_big
from eventwire.stages.places.runs import CAP_RUN, read_run
from eventwire.stages.places.scan import Scan
from eventwire.stages.places.spans import longer_name, place_spans, with_abbreviation_dot
from eventwire.stages.places.words import BLOCKING_LABELS, PLACE_LABELS

_WORD = re.compile(r"[A-Za-z]+")
_TOKEN_BEFORE = re.compile(r"(\S+)\s+$")
_INITIAL_OR_SAINT = re.compile(r"[A-Z]\.|St\.?|Saint")
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,3}\.\s?)?[A-Z][a-z]{0,4}\.")
# "Douglas, Sarpy and Lancaster counties": names sharing one plural jurisdiction noun after the last of them.
_NAME = r"[A-Z][\w'’]*(?: [A-Z][\w'’]*)?"
_SHARED_SUFFIX = re.compile(rf"\b({_NAME}(?:(?:,\s+|,?\s+(?:and|or|&)\s+){_NAME})+)\s+(counties|parishes)\b")
_SUFFIX_OF = {"counties": "County", "parishes": "Parish"}


def recognise(analysis: Analysis, gaz: Gazetteer, pending: list[Mention]) -> list[Mention]:
    """Toponym mentions of the article; names the NER gave another label go to ``pending`` when unsure."""
    scan = Scan(analysis, gaz, pending)
    if analysis.doc is None:
        return scan.out
    _read_ner(scan, analysis.doc)
    for run in CAP_RUN.finditer(scan.text):
        read_run(scan, run)
    _read_recurring(scan)
    _read_abbreviations(scan)
    _read_shared_suffix(scan)
    scan.out.sort(key=lambda x: x.start)
    return scan.out


def _read_ner(scan: Scan, doc: Doc) -> None:
    """Take the NER's place spans, mended, and note its blocking entities and the names it calls places."""
    big: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in BLOCKING_LABELS:
            scan.blockers.append((ent.start_char, ent.end_char, ent.label_))
        if ent.label_ in PLACE_LABELS:
            _read_ner_place(scan, ent, big)
    # A word the NER calls a place somewhere in the article is no person's name word when it only opens
    # multi-word "persons" ("Alexandria Commonwealth's [Attorney]") or names a big place ("Village Malakal");
    # a surname ("Barack Obama") stays one.
    scan.person_words -= (scan.ner_places - person_name_words(scan.analysis, given=False)) | big


def _read_ner_place(scan: Scan, ent: Span, big: set[str]) -> None:
    """Take the toponyms of one NER place span; the keys of big places among them go to ``big``."""
    text, gaz = scan.text, scan.gaz
    s, e = trim(text, ent.start_char, ent.end_char)
    if e <= s or scan.analysis.is_excluded(s, e) or blocked_by_entity(scan.analysis, s, e, spans=scan.spans):
        return
    s0, e0 = with_abbreviation_dot(text, s, e)
    for s, e in place_spans(text, s0, e0, gaz, scan.stop):
        if not scan.free(s, e):
            continue
        surface = text[s:e]
        cands = lookup(gaz, text, s, e)
        stem = None if cands else stem_end(text, s, e)
        if stem is not None:
            cands = lookup(gaz, text, s, stem)
        if not _ner_toponym(scan, surface, cands):
            continue
        scan.accept(s, e, True, cands, stem=stem if stem and cands else 0)
        scan.ner_places.add(lookup_key(surface))
        if is_big(cands) and stem is None:
            big.add(lookup_key(surface))


def _ner_toponym(scan: Scan, surface: str, cands: list[Candidate]) -> bool:
    """True when an NER place span is a toponym: no demonym, no stop word (unless a region or a big place), a
    capitalised word."""
    if is_demonym(scan.gaz, surface, cands):
        return False
    if lookup_key(surface) in scan.stop and not (cands and cands[0].level == "region") and not is_big(cands):
        return False
    return bool(_WORD.search(surface)) and surface[0].isupper()


def _read_recurring(scan: Scan) -> None:
    """One sense per article, for recognition too: a name taken as a place on the NER's word or on place context
    is a place wherever it recurs, though the NER called that mention a person or organisation."""
    for surface in sorted(name for name in scan.strong | set(scan.stems) if len(name) > 3):
        if lookup_key(surface) in scan.person_words or lookup_key(surface) in scan.stop:
            continue
        for s, e in occurrences(scan.text, surface):
            _read_recurrence(scan, surface, s, e)


def _read_recurrence(scan: Scan, surface: str, s: int, e: int) -> None:
    """Take the occurrence ``[s, e)`` of the recurring name ``surface``, or the longer name it opens."""
    text, analysis = scan.text, scan.analysis
    if not scan.free(s, e) or analysis.is_excluded(s, e) or in_full_name(analysis, s, e):
        return
    # After an initial, "St." or a word of a person's name it is part of a longer name
    # ("Tyrise M. Bell", "St. Patrick's Day").
    before = _TOKEN_BEFORE.search(text[max(0, s - 20) : s])
    word = before.group(1) if before else ""
    if _INITIAL_OR_SAINT.fullmatch(word) or (word[:1].isupper() and lookup_key(word) in scan.person_words):
        return
    longer = longer_name(scan.gaz, text, s, e)
    if longer is not None:
        # "Charleston" in "Charleston County" is another place, named in full.
        s, e = longer
        if not scan.free(s, e) or analysis.is_excluded(s, e):
            return
    if longer is None and surface in scan.stems:
        scan.accept(s, e, False, scan.stems[surface], stem=stem_end(text, s, e) or e)
    else:
        scan.accept(s, e, False, lookup(scan.gaz, text, s, e))


def _read_abbreviations(scan: Scan) -> None:
    """Dotted state abbreviations the word scan splits ("D-N.D.", "Charleston, W. Va.")."""
    text, gaz = scan.text, scan.gaz
    for m in _ABBREVIATION.finditer(text):
        s, e = m.start(), m.end()
        surface = text[s:e]
        if not scan.free(s, e) or scan.analysis.is_excluded(s, e):
            continue
        # Only dotted pairs ("N.D.") and indexed abbreviations ("Pa."): "St." or "Ms." are no places.
        if not (gaz.is_abbreviation(surface) or "." in surface[:-1]):
            continue
        cands = [c for c in gaz.lookup(surface) if c.level in ("country", "admin1")]
        # A dotted pair opening a name ("U.S. Supreme Court", "S.C. Highway Patrol") names the place, as a
        # spelled-out state opening an organisation's name does.
        opens = "." in surface[:-1] and re.match(r"\s+[A-Z][a-z]", text[e : e + 4])
        if cands and (
            opens or re.search(r"(?:,|\b(?:R|D|I|DFL)-)\s*$", text[max(0, s - 5) : s]) or scan.context(s, e, cands)
        ):
            scan.accept(s, e, False, cands)


def _read_shared_suffix(scan: Scan) -> None:
    """Take each name of "X, Y and Z counties" as the county it names, found or not by the scans before."""
    text = scan.text
    for m in _SHARED_SUFFIX.finditer(text):
        suffix = _SUFFIX_OF[m.group(2)]
        for w in re.finditer(_NAME, m.group(1)):
            s, e = m.start(1) + w.start(), m.start(1) + w.end()
            cands = [c for c in scan.gaz.lookup(f"{text[s:e]} {suffix}") if c.level == "admin2"]
            if not cands or scan.analysis.is_excluded(s, e):
                continue
            known = [x for x in scan.out if x.start == s and x.end == e]
            if known:
                known[0].candidates = cands
            elif scan.free(s, e):
                scan.accept(s, e, False, cands)
