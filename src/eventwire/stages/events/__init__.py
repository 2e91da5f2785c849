"""Events stage: event mentions typed and linked to actors, place, time, counts and attribution.

Triggers come from the lexicon ``data/triggers.tsv`` (lemma and part of speech
to PLOVER type, mode, ACLED and CAMEO). Arguments are read off the dependency
parse: subjects and "by" agents are sources, objects and "against/on/of/to/with"
complements are targets. A trigger without a subject takes it from the clause that
governs it ("vowed to attack", "is willing to send", "reimposed blockades", "militants
who attacked", "accused X of attacking"); one without a target looks into its
complement ("threatened to break relations with X", "rejected calls by X").
Context picks the reading of a trigger (cue lists in ``data/modality.json``): a verb that stops or lifts the event
its object names takes its type from that event ("halted talks" SANCTION, "called off the strike" CONCEDE, "banned
the rally" COERCE); the object decides other readings ("seized the town" is territory, "captured the suspect" an
arrest, "withdraw inspectors" a cut in relations, "struck a convoy" an attack); a threat takes its mode from the act
threatened. Modality comes from the cues in ``data/modality.json`` ("would" under a verb of saying is a future) and
from the quotes stage (reported speech).

This module finds the triggers of each sentence and assembles their events; the parts live next to it:
``event_triggers`` (which words fire and how), ``event_readings`` (readings chosen by context),
``event_parties`` and ``event_place_parties`` (source and target), ``event_setting`` (place, time and counts),
``event_categories`` (PLOVER and ACLED categories) and ``event_modality`` (modality and attribution), built on the
parse walks of ``event_syntax`` and the shared cues of ``event_cues``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

import numpy as np
from spacy.tokens import Doc, Token

from eventwire.analysis import Analysis, Event
from eventwire.knowledge.lexicon import trigger_for
from eventwire.stages import stage
from eventwire.stages.events.categories import _acled
from eventwire.stages.events.cues import _CASUALTY_ROLES, _cues
from eventwire.stages.events.modality import _attribution, _modality
from eventwire.stages.events.parties import _arguments, _demand_target, _entities, _fallback_source
from eventwire.stages.events.place_parties import _country_from_place, _own_forces, _place_party
from eventwire.stages.events.readings import (
    _instrument,
    _light_verb_with_event,
    _names_agent,
    _official_protest,
    _participant_of_same_event,
    _refine,
    _seized_thing,
    _threat_mode,
)
from eventwire.stages.events.setting import _place, _quantities, _time
from eventwire.stages.events.triggers import _TRIGGER_POS, _may_trigger_hashes, _trigger

_TRIGGER_POS_IDS = sorted(_TRIGGER_POS)


def _possible_triggers(doc: Doc) -> list[int]:
    """Indices of the verbs and nouns whose word or lemma can fire a trigger, in text order.

    Read from the word-class and form columns, so most tokens never become Python objects.
    """
    cols = doc.to_array(["POS", "LOWER", "LEMMA"])
    pos = cols[:, 0]
    # Three comparisons cost less than np.isin on a few hundred tokens.
    idx = np.flatnonzero(np.logical_or.reduce([pos == p for p in _TRIGGER_POS_IDS]))
    strings = doc.vocab.strings
    rows = zip(idx.tolist(), cols[idx, 1].tolist(), cols[idx, 2].tolist(), strict=True)
    return [i for i, lower, lemma in rows if _may_trigger_hashes(lower, lemma, strings)]


@stage("events", requires=("doc", "entities", "places", "times", "quantities", "quotes"), assigns=("events",))
def events(analysis: Analysis) -> None:
    """Find event triggers and build evidence-linked events from their arguments."""
    published = analysis.published
    sentences = analysis.sentences()
    if not sentences:
        return
    doc = analysis.doc
    may = _possible_triggers(doc)
    for sent in sentences:
        fired: list[Token] = []
        found = []
        for i in may[bisect_left(may, sent.start) : bisect_left(may, sent.end)]:
            tok = doc[i]
            entry, rule, more = _trigger(tok, sent)
            if entry is not None:
                found.append((tok, entry, rule, more))
        consumed = {t.i for _, _, _, more in found for t in more}
        candidates = [tok for tok, _, _, _ in found]
        for tok, entry, rule, more in found:
            if tok.i in consumed:
                continue
            # A noun trigger that only restates its governing trigger ("launched an attack") adds nothing.
            # A verb that only modifies the noun ("its long-threatened invasion") does not count as governing it.
            if tok.pos_ == "NOUN" and any(tok.head.i == f.i or (f.head.i == tok.i and f.dep_ != "amod") for f in fired):
                continue
            # A reversal already reads the verb with its object ("called off a strike").
            if not rule.startswith(("stop:", "suppress:")) and _light_verb_with_event(tok, entry, found, consumed):
                continue
            if _participant_of_same_event(tok, entry, found):
                continue
            if tok.pos_ == "NOUN" and _seized_thing(tok, found):
                continue  # "seized rifles and rocket launchers": the weapons are what was taken
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in _cues()["readings"]["not_weapon_heads"]:
                continue  # "bomb disposal experts", "mine clearance"
            if tok.dep_ == "compound" and _names_agent(tok):
                continue  # "aid groups", "protest leaders": the noun says who the actor is, not what happened
            entry, rule = _instrument(tok, entry, rule, found)
            entry, rule = _refine(analysis, tok, entry, rule)
            entry, rule = _instrument(tok, entry, rule, found)  # a reading chosen by context may lack its manner
            entry, rule = _threat_mode(tok, entry, rule, found)
            fired.append(tok)
            source, target = _arguments(analysis, tok)
            if not target and more:
                # "fired at protesters", "opened fire on worshippers": the pattern's preposition names the target.
                pobjs = [c for t in more if t.pos_ == "ADP" for c in t.children if c.dep_ == "pobj"]
                target = [e for e in _entities(analysis, pobjs) if e not in source]
            if more:
                # "used excessive force": a word of the pattern is no party to it.
                words = [(t.idx, t.idx + len(t)) for t in more]
                target = [t for t in target if not _mentioned_in(analysis, t, words)]
            if _official_protest(analysis, tok, entry, source):
                entry, rule = trigger_for("complain", "VERB") or entry, rule + "+official"
            if rule.startswith("demand-by-speech") or (entry.type == "DEMAND" and not target):
                target = [t for t in _demand_target(analysis, tok) if t not in source]
            ptype, acled, acled_rule = _acled(entry, analysis, source, target, tok)
            if acled_rule == "suicide" and entry.mode in {None, "explosives"}:
                entry = replace(entry, mode="suicide-attack")
            elif (
                ptype == "PROTEST"
                and acled.get("sub_event_type") == "Violent demonstration"
                and entry.mode
                in {
                    "demo",
                    None,
                }
            ):
                entry = replace(entry, mode="riot")  # stones thrown or cars burned: the demonstration is a riot
            confidence = 0.4 + 0.15 * bool(source) + 0.15 * bool(target)
            if not source and tok.lemma_.lower() not in _cues()["readings"]["victim_subject_verbs"]:
                source = _fallback_source(analysis, tok, target)
            if not target or _own_forces(analysis, source, target):
                target = _place_party(analysis, tok, source) or target
            place, place_conf = _place(analysis, tok, sent, set())
            _country_from_place(analysis, source + target, place if place_conf >= 0.9 else None)
            when = _time(analysis, tok, sent)
            quantities = _quantities(analysis, tok, sent, candidates)
            modality, cues = _modality(tok)
            speaker, quoted = _attribution(analysis, tok.idx, tok.idx + len(tok))
            if quoted and modality == "asserted":
                modality = "reported"
            fatalities = [int(q.low if q.low is not None else q.value) for q in quantities if q.role == "killed"]
            if when is not None:
                date = {"from": when.start.isoformat(), "to": when.end.isoformat(), "precision": when.precision}
            elif published is not None:
                date = {"from": published.isoformat(), "to": published.isoformat(), "precision": "article"}
            else:
                date = None
            confidence += 0.2 * (place_conf >= 0.7)
            analysis.events.append(
                Event(
                    id=f"V{len(analysis.events) + 1}",
                    type=ptype,
                    mode=entry.mode,
                    acled=acled or None,
                    cameo=entry.cameo,
                    trigger=analysis.span(tok.idx, tok.idx + len(tok)),
                    sentence=analysis.span(sent.start_char, sent.start_char + len(sent.text.rstrip())),
                    source=source,
                    target=target,
                    place=place.id if place else None,
                    time=when.id if when else None,
                    fatalities=min(fatalities) if fatalities else None,
                    quantities=[q.id for q in quantities if q.role in _CASUALTY_ROLES | {"forces", "protesters"}],
                    modality=modality,
                    attributed_to=speaker,
                    confidence=round(min(confidence, 1.0), 2),
                    date=date,
                    because={
                        "rule": rule,
                        "lexicon": {"lemma": entry.lemma, "pos": entry.pos, "type": entry.type, "mode": entry.mode},
                        "acled_rule": acled_rule,
                        "cues": [tok.text, *cues],
                        "place_from": _place_reason(place_conf),
                    },
                )
            )


def _mentioned_in(analysis: Analysis, ent_id: str, spans: list[tuple[int, int]]) -> bool:
    """True when every mention of an entity ends on one of the given character spans (its head is that word)."""
    ent = next((e for e in analysis.entities if e.id == ent_id), None)
    if ent is None:
        return False
    return all(any(s < m.end <= e for s, e in spans) for m in ent.mentions)


def _place_reason(conf: float) -> str:
    """How the event place was chosen."""
    return "attached" if conf >= 0.9 else "sentence" if conf >= 0.7 else "article"
