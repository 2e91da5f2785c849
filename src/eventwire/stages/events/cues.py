"""Shared cues of the events stage: the ``data/modality.json`` cue lists (and sets of them), sentence lemma sets,
dependency labels and the actor kinds personal pronouns can stand for.
"""

from __future__ import annotations

import threading
from typing import Any

from spacy.tokens import Span as SpacySpan

from eventwire.data import read_json

CASUALTY_ROLES = {"killed", "injured", "kidnapped", "arrested", "displaced", "missing"}


SUBJ = {"nsubj", "csubj"}


PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}


OBJ = {"dobj", "obj", "attr"}


# The other party of a verb ("granted asylum to X", "met with X").
VERB_TARGET_PREPS = {"against", "on", "upon", "to", "with"}


def cue_lists() -> dict[str, Any]:
    """The cue lists of ``data/modality.json`` (modality, readings, reversals, ACLED cues), read once; never changed."""
    return read_json("modality.json")


_SETS: dict[int, tuple[list[str], frozenset[str]]] = {}


def set_of(words: list[str]) -> frozenset[str]:
    """A cue list of ``cue_lists()`` as a set, built once: the rules test words against them for every event."""
    hit = _SETS.get(id(words))
    if hit is None or hit[0] is not words:  # the list is kept with its set, so its id cannot be reused
        hit = _SETS[id(words)] = (words, frozenset(words))
    return hit[1]


PRONOUNS = {
    "it": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COUNTRY", "STATE_FORCE"},
    "its": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COUNTRY", "STATE_FORCE"},
    "he": {"PERSON"},
    "his": {"PERSON"},
    "she": {"PERSON"},
    "her": {"PERSON"},
    "they": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COLLECTIVE", "STATE_FORCE", "COUNTRY"},
    "their": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COLLECTIVE", "STATE_FORCE", "COUNTRY"},
    "we": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COLLECTIVE", "STATE_FORCE", "COUNTRY"},
}


# The sentence word sets of the last doc (rules ask for them several times per event), one per thread: threads
# sharing a pipeline each analyse their own document.
_LEMMA_SETS = threading.local()


def sentence_lemmas(sent: SpacySpan) -> frozenset[str]:
    """Lower-case lemmas and words of a sentence, dates left out ("On 12 March" is no march)."""
    if getattr(_LEMMA_SETS, "doc", None) is not sent.doc:
        _LEMMA_SETS.doc, _LEMMA_SETS.sets = sent.doc, {}
    sets: dict[tuple[int, int], frozenset[str]] = _LEMMA_SETS.sets
    key = (sent.start, sent.end)
    found = sets.get(key)
    if found is None:
        words = [t for t in sent if t.ent_type_ not in {"DATE", "TIME"}]
        found = sets[key] = frozenset({t.lemma_.lower() for t in words} | {t.lower_ for t in words})
    return found
