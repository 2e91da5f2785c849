"""Tense of the times stage: whether the verb that governs a calendar word puts it before or after the report.

Bare weekdays, months and seasons ("on Tuesday", "in March") take their direction from this tense.
"""

from __future__ import annotations

from typing import Any

from eventwire.stages.times.normalise import vocab
from eventwire.stages.times.tuning import TUNING

# How many heads a calendar word climbs to reach its verb, and how many governing clauses are then read.
VERB_SEARCH_HOPS = int(TUNING["verb_search_hops"])
CLAUSE_CLIMB_HOPS = int(TUNING["clause_climb_hops"])

UNPLACED = "unplaced"
_REPORTING = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "deny", "note", "be", "have"}


def governing_tense(tok: Any) -> str | None:
    """'past', 'future' or 'present' from the verb governing the token ``tok`` (or the clauses above it), else None."""
    verb = tok
    for _ in range(VERB_SEARCH_HOPS):
        if verb.pos_ in ("VERB", "AUX") and verb.i != tok.i:
            break
        if verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    first = True
    for _ in range(CLAUSE_CLIMB_HOPS):
        t = verb_tense(verb, first)
        if t is not None:
            return None if t == UNPLACED else t
        first = False
        head = verb.head
        if head.i == verb.i or verb.dep_ not in ("xcomp", "ccomp", "advcl", "acomp", "conj", "relcl"):
            return None
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        verb = head
    return None


def verb_tense(v: Any, first: bool) -> str | None:
    """The tense a single verb shows (with its auxiliaries), or None when it shows none.

    ``UNPLACED`` means the verb is an infinitive after another verb: later than that one, but not
    placed against the report date, so the caller should stop looking further up the parse.
    """
    cues = set(vocab()["future_cues"])
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    lemmas = words | {a.lemma_.lower() for a in auxes}
    past = v.tag_ == "VBD" or bool(words & {"had", "did", "was", "were"}) or any(a.tag_ == "VBD" for a in auxes)
    if lemmas & {"will", "shall", "'ll", "wo"}:
        return "future"
    if words & {"would", "may", "might", "should", "must", "can"} and "have" not in lemmas:
        return "future"
    if v.lemma_.lower() in cues:
        # "planned to leave" still looks ahead; only the pluperfect puts the plan behind.
        return "past" if "had" in words else "future"
    if "going" in words or (v.lower_ == "going" and any(c.lower_ == "to" for c in v.children)):
        return "future"
    if "to" in words and v.tag_ in ("VB", "VBN"):
        return _infinitive_tense(v, cues)
    if v.lemma_.lower() in ("set", "slate") and any(c.lower_ == "for" for c in v.children):
        return "future"  # "a summit set for April"
    if past:
        return "past"
    if v.tag_ == "VBN" and (not words or words & {"have", "has", "'ve"}):
        return "past"
    if v.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "future"
    if first and v.tag_ == "VBN" and words and words <= {"is", "are", "be"}:
        return "present"  # "when the case is heard in May": a scheduled event
    if first and v.tag_ in ("VBP", "VBZ") and not lemmas and v.lemma_.lower() not in _REPORTING:
        return "present"
    return None


def _infinitive_tense(v: Any, cues: set[str]) -> str | None:
    """The tense of the infinitive ``v`` ("to leave"), taken from what governs it; ``UNPLACED`` when not placed."""
    # An infinitive takes its time from what governs it; one that qualifies a noun looks ahead.
    gov = v.head
    if gov.i == v.i:
        return None
    if gov.pos_ in ("NOUN", "PROPN"):
        return "future"
    if gov.pos_ == "ADJ" and gov.dep_ == "acomp" and gov.head.i != gov.i:
        word, gov = gov.lemma_.lower(), gov.head  # "had been due to expire": the tense is on the copula
    else:
        word = gov.lemma_.lower()
    g_aux = {c.lower_ for c in gov.children if c.dep_ in ("aux", "auxpass")}
    if word in cues | {"set", "suppose"}:
        return "past" if "had" in g_aux else "future"
    if word in ("be", "ready", "due", "likely", "about"):
        return "past" if gov.tag_ == "VBD" or g_aux & {"had", "was", "were"} else "future"
    return UNPLACED
