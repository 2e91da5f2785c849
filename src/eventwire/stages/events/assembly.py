"""One event from one fired trigger: its parties, categories, place, time, counts, modality and confidence, in
the order each step needs the ones before (a place-as-party actor, for one, is numbered when it is found).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.analysis import Analysis, Event, Quantity, TimeExpr
from eventwire.knowledge.lexicon import Trigger, trigger_for
from eventwire.stages.events.categories import acled_category, mode_by_category
from eventwire.stages.events.cues import CASUALTY_ROLES, cue_lists
from eventwire.stages.events.modality import attribution_of, modality_of
from eventwire.stages.events.parties import demand_target, fallback_source, trigger_parties
from eventwire.stages.events.place_parties import country_from_place, own_forces, place_party
from eventwire.stages.events.readings import official_protest
from eventwire.stages.events.setting import event_place, event_quantities, event_time, place_reason
from eventwire.stages.events.tuning import (
    CONFIDENCE_BASE,
    CONFIDENCE_PLACE,
    CONFIDENCE_SOURCE,
    CONFIDENCE_TARGET,
    PLACE_ATTACHED,
    PLACE_IN_SENTENCE,
)


def build_event(
    analysis: Analysis,
    sent: SpacySpan,
    tok: Token,
    entry: Trigger,
    rule: str,
    more: list[Token],
    candidates: list[Token],
) -> Event:
    """The event of one fired trigger in its sentence.

    ``tok`` is read as ``entry`` by ``rule``, with the other words of its pattern ``more``; ``candidates`` are the
    sentence's triggers, between which its counts are shared out.
    """
    source, target = trigger_parties(analysis, tok, more)
    if official_protest(analysis, tok, entry, source):
        entry, rule = trigger_for("complain", "VERB") or entry, rule + "+official"
    if rule.startswith("demand-by-speech") or (entry.type == "DEMAND" and not target):
        target = [t for t in demand_target(analysis, tok) if t not in source]
    ptype, acled, acled_rule = acled_category(entry, analysis, source, target, tok)
    entry = mode_by_category(entry, ptype, acled, acled_rule)
    # The confidence counts the parties the trigger names itself, not those the last resorts below supply.
    confidence = CONFIDENCE_BASE + CONFIDENCE_SOURCE * bool(source) + CONFIDENCE_TARGET * bool(target)
    source, target = _last_resort_parties(analysis, tok, source, target)
    place, place_conf = event_place(analysis, tok, sent, set())
    country_from_place(analysis, source + target, place if place_conf >= PLACE_ATTACHED else None)
    when = event_time(analysis, tok, sent)
    quantities = event_quantities(analysis, tok, sent, candidates)
    modality, cues = modality_of(tok)
    speaker, quoted = attribution_of(analysis, tok.idx, tok.idx + len(tok))
    if quoted and modality == "asserted":
        modality = "reported"
    fatalities = _fatalities(quantities)
    confidence += CONFIDENCE_PLACE * (place_conf >= PLACE_IN_SENTENCE)
    return Event(
        id=f"V{len(analysis.events) + 1}",
        type=ptype,
        mode=entry.mode,
        acled=acled or None,
        cameo=entry.cameo,
        trigger=analysis.span(tok.idx, tok.idx + len(tok)),
        # The sentence's text sliced from the article (``sent.text`` would rebuild it from its tokens).
        sentence=analysis.span(
            sent.start_char, sent.start_char + len(analysis.text[sent.start_char : sent.end_char].rstrip())
        ),
        source=source,
        target=target,
        place=place.id if place else None,
        time=when.id if when else None,
        fatalities=min(fatalities) if fatalities else None,
        quantities=[q.id for q in quantities if q.role in CASUALTY_ROLES | {"forces", "protesters"}],
        modality=modality,
        attributed_to=speaker,
        confidence=round(min(confidence, 1.0), 2),
        date=_event_date(when, analysis.published),
        because={
            "rule": rule,
            "lexicon": {"lemma": entry.lemma, "pos": entry.pos, "type": entry.type, "mode": entry.mode},
            "acled_rule": acled_rule,
            "cues": [tok.text, *cues],
            "place_from": place_reason(place_conf),
        },
    )


def _last_resort_parties(
    analysis: Analysis, tok: Token, source: list[str], target: list[str]
) -> tuple[list[str], list[str]]:
    """A source from the clause above when the trigger names none; a country, town or nationality as the target
    when it names none, or only the source's own forces."""
    if not source and tok.lemma_.lower() not in cue_lists()["readings"]["victim_subject_verbs"]:
        source = fallback_source(analysis, tok, target)
    if not target or own_forces(analysis, source, target):
        target = place_party(analysis, tok, source) or target
    return source, target


def _fatalities(quantities: list[Quantity]) -> list[int]:
    """The counts of the killed, the low end of a range."""
    out = []
    for q in (q for q in quantities if q.role == "killed"):
        count = q.low if q.low is not None else q.value
        assert count is not None  # the quantities stage gives every count a value or a range
        out.append(int(count))
    return out


def _event_date(when: TimeExpr | None, published: date | None) -> dict[str, Any] | None:
    """The event's date: the interval of its time expression, else the article's date, else none."""
    if when is not None:
        assert when.start is not None and when.end is not None  # event_time picks dated expressions only
        return {"from": when.start.isoformat(), "to": when.end.isoformat(), "precision": when.precision}
    if published is not None:
        return {"from": published.isoformat(), "to": published.isoformat(), "precision": "article"}
    return None
