"""Modality and attribution of an event: negation, modal, future and evidential cues in its clause, and reported
speech from the quotes stage.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.stages.events.cues import cue_lists, set_of
from eventwire.stages.events.tuning import CLAUSE_DEPTH

_CLAUSE_BOUNDARY = {"relcl", "acl", "ccomp", "advcl", "ROOT", "parataxis", "csubj"}


def _clause_chain(tok: Token) -> tuple[list[Token], Token | None]:
    """The trigger and the heads above it inside its clause, and the word that governs the clause."""
    chain = [tok]
    while chain[-1].dep_ not in _CLAUSE_BOUNDARY and chain[-1].head.i != chain[-1].i and len(chain) < CLAUSE_DEPTH:
        chain.append(chain[-1].head)
    top = chain[-1]
    governor = top.head if top.dep_ in {"ccomp", "acl", "advcl"} and top.head.i != top.i else None
    return chain, governor


def modality_of(tok: Token) -> tuple[str, list[str]]:
    """Modality of a trigger from negation, modal, future and evidential cues in its clause."""
    cues = cue_lists()
    chain, governor = _clause_chain(tok)
    marks = [c for t in chain for c in t.children if c.dep_ in {"aux", "auxpass", "neg", "advmod", "amod"}]
    words = {c.lower_ for c in marks}
    # Verbs that take the trigger as their complement: "failed to attack", "vowed to attack".
    # A verb coordinated with the trigger does not govern it ("foiled a plot and arrested suspects").
    controllers = [
        t.lemma_.lower()
        for below, t in zip(chain, chain[1:], strict=False)
        if t.pos_ in {"VERB", "AUX", "ADJ"} and below.dep_ != "conj"
    ]
    if tok.dep_ == "pobj" and tok.head.lower_ in cues["negating_preps"]:
        return "negated", [tok.head.text]  # "took the town without a fight"
    negation = words & set_of(cues["negation_words"])
    if negation or any(v in cues["negating_verbs"] for v in controllers):
        return "negated", sorted(negation) or [v for v in controllers if v in cues["negating_verbs"]][:1]
    if governor is not None and governor.lemma_.lower() in cues["negating_verbs"]:
        return "negated", [governor.text]
    if words & set_of(cues["future_words"]) or any(v in cues["future_verbs"] for v in controllers):
        return "future", sorted(words & set_of(cues["future_words"])) or ["intent"]
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in chain[-1].children)
    if infinitive and governor is not None and governor.lemma_.lower() in cues["future_verbs"]:
        # "have sworn to fight", parsed as an adverbial clause: still the complement of a verb of intent.
        return "future", ["intent"]
    if "would" in words and governor is not None and governor.lemma_.lower() in cues["reporting_verbs"]:
        return "future", ["would"]
    alleged = words & set_of(cues["alleged_words"])
    if alleged or any(v in cues["alleged_verbs"] for v in controllers):
        return "alleged", sorted(alleged) or ["alleged"]
    if governor is not None and (
        (governor.pos_ == "NOUN" and governor.lemma_.lower() in cues["alleged_nouns"])
        or governor.lemma_.lower() in cues["alleged_verbs"]
    ):
        return "alleged", [governor.text]
    possible = words & set(cues["possible_modals"] + cues["possible_words"])
    if possible or any(v in cues["possible_verbs"] for v in controllers):
        return "possible", sorted(possible) or [v for v in controllers if v in cues["possible_verbs"]][:1]
    if governor is not None and governor.lemma_.lower() in cues["possible_verbs"]:
        return "possible", [governor.text]
    return "asserted", []


def attribution_of(analysis: Analysis, start: int, end: int) -> tuple[str | None, bool]:
    """The speaker entity of a quote whose content covers the span, and whether one covers it."""
    for quote in analysis.quotes:
        if quote.content.start <= start and end <= quote.content.end:
            return quote.speaker_entity, True
    return None, False
