"""Shared cues of the events stage: the ``data/modality.json`` cue lists (and sets of them), sentence lemma sets,
dependency labels and the actor kinds personal pronouns can stand for.
"""

from __future__ import annotations

import threading
from typing import Any

from spacy.strings import get_string_id
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
# sharing a pipeline each analyse their own document. The doc's entity-type, lemma and word columns are read once,
# so that its tokens never become Python objects here.
_LEMMA_SETS = threading.local()
_DATE_TIME = frozenset({get_string_id("DATE"), get_string_id("TIME")})


def sentence_lemmas(sent: SpacySpan) -> frozenset[str]:
    """Lower-case lemmas and words of a sentence, dates left out ("On 12 March" is no march)."""
    doc = sent.doc
    if getattr(_LEMMA_SETS, "doc", None) is not doc:
        _LEMMA_SETS.doc, _LEMMA_SETS.sets = doc, {}
        _LEMMA_SETS.rows = doc.to_array(["ENT_TYPE", "LEMMA", "LOWER"]).tolist()
    sets: dict[tuple[int, int], frozenset[str]] = _LEMMA_SETS.sets
    key = (sent.start, sent.end)
    found = sets.get(key)
    if found is None:
        strings = doc.vocab.strings
        rows = _LEMMA_SETS.rows[sent.start : sent.end]
        words = [(lemma, lower) for ent, lemma, lower in rows if ent not in _DATE_TIME]
        lemmas = {strings[lemma].lower() for lemma in {lemma for lemma, _ in words}}
        found = sets[key] = frozenset(lemmas | {strings[lower] for lower in {lower for _, lower in words}})
    return found
