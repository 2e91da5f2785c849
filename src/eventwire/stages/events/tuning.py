"""Tuned numbers of the events stage: the confidence of an event, how its place was found, and how far the
parse walks reach (``eventwire tuning`` prints this table).

No value here was measured on its own. Where the commit that set it reported figures, they are those of the whole
change it belonged to (``eventwire eval events`` on the PLOVER gold records), and are quoted as such.
"""

from __future__ import annotations

from eventwire.tuning import Tuning

TUNING = Tuning.load("events")

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
