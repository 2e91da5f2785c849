"""Where, when and how many: the place, date expression and counts (casualties, forces) attached to an event."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.analysis import Analysis, Place, Quantity, TimeExpr
from eventwire.knowledge.actors import get_actor_kb
from eventwire.stages.events.cues import CASUALTY_ROLES
from eventwire.stages.events.syntax import clause_verb, in_subtree, prep_objects, tree_distance
from eventwire.stages.events.tuning import (
    CASUALTY_REACH,
    COUNT_REACH,
    PLACE_ATTACHED,
    PLACE_IN_SENTENCE,
    PLACE_OF_ARTICLE,
)

_PLACE_PREPS = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "on",
    "into",
    "from",
    "throughout",
    "within",
}


# Place levels from the most to the least specific; unknown levels come last.
_SPECIFICITY: dict[str | None, int] = {"place": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


def event_place(analysis: Analysis, tok: Token, sent: SpacySpan, taken: set[str]) -> tuple[Place | None, float]:
    """The place the event happened in: attached to the trigger, else in the sentence, else the article's.

    With how it was found, as its confidence: ``PLACE_ATTACHED``, ``PLACE_IN_SENTENCE`` or ``PLACE_OF_ARTICLE``.
    """
    anchors = [tok, clause_verb(tok)]
    for anchor in anchors:
        for pobj in prep_objects(anchor, _PLACE_PREPS):
            for t in pobj.subtree:
                place = analysis.place_at(t.idx, t.idx + len(t))
                if place is not None:
                    return place, PLACE_ATTACHED
    in_sentence = [
        p for p in analysis.places if any(sent.start_char <= m.start and m.end <= sent.end_char for m in p.mentions)
    ]
    in_sentence = [p for p in in_sentence if p.id not in taken]
    if in_sentence:
        # The most specific place named in the sentence.
        return sorted(in_sentence, key=lambda p: _SPECIFICITY.get(p.level, 5))[0], PLACE_IN_SENTENCE
    main = main_place(analysis)
    return main, PLACE_OF_ARTICLE


def main_place(analysis: Analysis) -> Place | None:
    """The article's most mentioned resolved place (ties: the most specific, then the first)."""
    # A name placed only approximately (at its namesake or at the article's main place) cannot be that place.
    resolved = [
        p
        for p in analysis.places
        if (p.geonameid is not None or p.lat is not None) and p.position not in {"namesake", "article"}
    ]
    if not resolved:
        return None
    return sorted(resolved, key=lambda p: (-len(p.mentions), _SPECIFICITY.get(p.level, 5)))[0]


def event_time(analysis: Analysis, tok: Token, sent: SpacySpan) -> TimeExpr | None:
    """The date expression attached to the trigger, else the first one in its sentence."""
    in_sentence = [
        t
        for t in analysis.times
        if t.type in {"DATE", "TIME", "DURATION"} and t.start and sent.start_char <= t.mention.start < sent.end_char
    ]
    verb = clause_verb(tok)
    for t in in_sentence:
        if in_subtree(t.mention.start, t.mention.end, tok) or in_subtree(t.mention.start, t.mention.end, verb):
            return t
    return in_sentence[0] if in_sentence else None


def event_quantities(analysis: Analysis, tok: Token, sent: SpacySpan, triggers: list[Token]) -> list[Quantity]:
    """Quantities in the sentence whose nearest trigger (in the parse) is this one."""
    out: list[Quantity] = []
    doc = sent.doc
    for q in analysis.quantities:
        if not (sent.start_char <= q.mention.start and q.mention.end <= sent.end_char):
            continue
        span = doc.char_span(q.mention.start, q.mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        pool = triggers
        victim = root.dep_ in {"nsubjpass", "dobj"}
        if q.role in CASUALTY_ROLES and victim and get_actor_kb().agent(root.lemma_.lower()) is not None:
            # "Two protesters were killed": the victims' own noun is not the event that killed them.
            pool = [t for t in triggers if t.i != root.i] or triggers
        nearest = min(pool, key=lambda t: (tree_distance(root, t), abs(t.i - root.i)))
        # Casualties reach a little further ("died as a result of torture"): victims rarely belong to a non-event.
        reach = CASUALTY_REACH if q.role in CASUALTY_ROLES else COUNT_REACH
        if nearest.i == tok.i and tree_distance(root, tok) <= reach:
            out.append(q)
    return out


def place_reason(conf: float) -> str:
    """How the event place was chosen, from the confidence :func:`event_place` gave it."""
    return "attached" if conf >= PLACE_ATTACHED else "sentence" if conf >= PLACE_IN_SENTENCE else "article"
