"""Tuned numbers of the events stage: the confidence of an event, how its place was found, and how far the
parse walks reach (``eventwire tuning`` prints this table).

No value here was measured on its own. Where the commit that set it reported figures, they are those of the whole
change it belonged to (``eventwire eval events`` on the PLOVER gold records), and are quoted as such.
"""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

_SKELETON = "set by hand in c8617e4 (eventwire skeleton: data model, furniture, readers, pipeline, record, store, CLI)"
_STAGES = "set by hand in 0842a92 (Stages end to end: entities, places, times, quantities, quotes, events ...)"
_LEXICON = "set by hand in 88fa135 (Events: PLOVER evaluation, 500-entry trigger lexicon with phrases ...)"

TUNING = Tuning(
    "events",
    # An event's confidence: a base, plus a share for each of source, target and a place in its sentence, added in
    # this order (the sum rounds the same way only so).
    Param("confidence_base", 0.4, f"{_SKELETON}; not measured"),
    Param("confidence_source", 0.15, f"{_SKELETON}; not measured"),
    Param("confidence_target", 0.15, f"{_SKELETON}; not measured"),
    Param("confidence_place", 0.2, f"{_SKELETON}; not measured"),
    # How the place of an event was found; the levels also rank the finds ("attached" >= this value, and so on).
    Param("place_attached", 0.9, f"{_SKELETON}; not measured"),
    Param("place_in_sentence", 0.7, f"{_SKELETON}; not measured"),
    Param("place_of_article", 0.3, f"{_SKELETON}; not measured"),
    # Parse and word distances: how many words a pattern may span, how many arcs a count may lie from its trigger
    # (casualties a little further), how many heads a clause, a subject or an object walk climbs.
    Param("phrase_window", 5, f"{_LEXICON}; not measured"),
    Param("count_reach", 4, f"{_STAGES}; not measured"),
    Param("casualty_reach", 6, f"{_LEXICON}; not measured"),
    Param("clause_depth", 8, f"{_STAGES}; not measured"),
    Param(
        "subject_hops",
        6,
        "set by hand in 82f6c84 (Events: sources through governing clauses, targets through complements, better "
        "actor coding); the commit's figures, PLOVER source code match 0.607 -> 0.738 (`eventwire eval events`), "
        "are for the whole change; this value not measured alone",
    ),
    Param(
        "party_anchors",
        8,
        "set by hand in d815f2d (Actors: place and nationality targets, last-resort sources, misspelt countries); "
        "the commit's figures, PLOVER target code match 0.33 -> 0.65, source 0.76 -> 0.80 (`eventwire eval "
        "events`), are for the whole change; this value not measured alone",
    ),
    Param(
        "seized_thing_hops",
        4,
        "set by hand in e0b1ba7 (Events: particle-only phrasal triggers, police killings and raids ...); the "
        "commit's figure, PLOVER dead count on the main event 0.733 -> 0.80 (`eventwire eval events`), is for the "
        "whole change; this value not measured alone",
    ),
    # A word stripped of a suffix ("raped" -> "rap") is tried as a lemma only when more than this many letters stay.
    Param("stem_longer_than", 2, f"{_LEXICON}; not measured"),
)

CONFIDENCE_BASE = float(TUNING["confidence_base"])
CONFIDENCE_SOURCE = float(TUNING["confidence_source"])
CONFIDENCE_TARGET = float(TUNING["confidence_target"])
CONFIDENCE_PLACE = float(TUNING["confidence_place"])
PLACE_ATTACHED = float(TUNING["place_attached"])
PLACE_IN_SENTENCE = float(TUNING["place_in_sentence"])
PLACE_OF_ARTICLE = float(TUNING["place_of_article"])
PHRASE_WINDOW = int(TUNING["phrase_window"])
COUNT_REACH = int(TUNING["count_reach"])
CASUALTY_REACH = int(TUNING["casualty_reach"])
CLAUSE_DEPTH = int(TUNING["clause_depth"])
SUBJECT_HOPS = int(TUNING["subject_hops"])
PARTY_ANCHORS = int(TUNING["party_anchors"])
SEIZED_THING_HOPS = int(TUNING["seized_thing_hops"])
STEM_LONGER_THAN = int(TUNING["stem_longer_than"])
