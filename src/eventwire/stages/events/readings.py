"""Context readings of a fired trigger: which found triggers give way to others, and how the object, the
instrument or the act threatened picks the type and mode of the others ("seized the town", "killed in an air
strike", "threatened to shell towns").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.knowledge.actors import get_actor_kb
from eventwire.knowledge.lexicon import Trigger, trigger_for
from eventwire.stages.events.cues import OBJ, PASSIVE_SUBJ, cue_lists, sentence_lemmas, set_of
from eventwire.stages.events.syntax import clause_verb, governing_objects, prep_objects, subjects_of
from eventwire.stages.events.triggers import Found
from eventwire.stages.events.tuning import SEIZED_THING_HOPS


def gives_way(
    tok: Token, entry: Trigger, rule: str, found: list[Found], consumed: set[int], fired: list[Token]
) -> bool:
    """True when a found trigger makes no event of its own.

    It is a word of another trigger's pattern, restates the trigger that governs it, names the participants of
    another, a thing seized, or is part of a name for people.
    """
    if tok.i in consumed:
        return True
    # A noun trigger that only restates its governing trigger ("launched an attack") adds nothing.
    # A verb that only modifies the noun ("its long-threatened invasion") does not count as governing it.
    if tok.pos_ == "NOUN" and any(tok.head.i == f.i or (f.head.i == tok.i and f.dep_ != "amod") for f in fired):
        return True
    # A reversal already reads the verb with its object ("called off a strike").
    if not rule.startswith(("stop:", "suppress:")) and _light_verb_with_event(tok, entry, found, consumed):
        return True
    if _participant_of_same_event(tok, entry, found):
        return True
    if tok.pos_ == "NOUN" and _seized_thing(tok, found):
        return True  # "seized rifles and rocket launchers": the weapons are what was taken
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in cue_lists()["readings"]["not_weapon_heads"]:
        return True  # "bomb disposal experts", "mine clearance"
    # "aid groups", "protest leaders": the noun says who the actor is, not what happened.
    return tok.dep_ == "compound" and _names_agent(tok)


def read_in_context(
    analysis: Analysis, tok: Token, entry: Trigger, rule: str, found: list[Found]
) -> tuple[Trigger, str]:
    """The reading of a fired trigger its context picks: by instrument, by object and by the act threatened."""
    entry, rule = _instrument(tok, entry, rule, found)
    entry, rule = _refine(analysis, tok, entry, rule)
    entry, rule = _instrument(tok, entry, rule, found)  # a reading chosen by context may lack its manner
    return _threat_mode(tok, entry, rule, found)


def _light_verb_with_event(tok: Token, entry: Trigger, found: list[Found], consumed: set[int]) -> bool:
    """A light verb whose object is an event noun ("gave a welcome", "imposed sanctions"): the noun is the event.
    A verb of giving gives way only to a noun of another type ("granted amnesty", not "granted asylum")."""
    lemma = tok.lemma_.lower()
    cues = cue_lists()
    if tok.pos_ != "VERB" or (lemma not in cues["light_verbs"] and lemma not in cues["giving_verbs"]):
        return False
    # A noun a pattern took in ("held talks") is part of the verb's event, not one of its own.
    nouns = {t.i: e for t, e, _, _ in found if e is not None and t.pos_ in {"NOUN", "PROPN"} and t.i not in consumed}
    objects = [nouns[c.i] for c in tok.children if c.dep_ in OBJ | PASSIVE_SUBJ and c.i in nouns]
    if lemma in cues["light_verbs"]:
        return bool(objects)
    return any(o.type != entry.type for o in objects)


def _instrument(tok: Token, entry: Trigger, rule: str, found: list[Found]) -> tuple[Trigger, str]:
    """A violent verb without a manner takes it from the attack named with it ("killed in an air strike")."""
    if entry.type not in {"ASSAULT", "FIGHT"} or entry.mode is not None:
        return entry, rule
    entries = {t.i: e for t, e, _, _ in found if e is not None}
    heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    # "killed when their vehicle struck a landmine": the weapon may sit in a when-clause.
    for clause in (c for t in [tok, *tok.conjuncts] for c in t.children if c.dep_ == "advcl"):
        heads += [clause, *(c for c in clause.children if c.dep_ in {"nsubj", "dobj"})]
    preps = {"in", "with", "by", "during", "on"}
    for prep in (c for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in preps):
        heads += [c for c in prep.children if c.dep_ == "pobj"]
    for pobj in list(heads):
        # "attacked by militiamen armed with machetes": the weapon they carry.
        for acl in (c for c in pobj.children if c.dep_ == "acl" and c.lemma_.lower() == "arm"):
            heads += [o for p in acl.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for pobj in heads:
        inner = entries.get(pobj.i)
        for child in pobj.children:
            if inner is None or inner.mode is None:
                inner = entries.get(child.i) if child.dep_ == "compound" else inner
        if inner is not None and inner.type in {"ASSAULT", "FIGHT"} and inner.mode is not None:
            return inner, f"{rule}+instrument:{inner.lemma}"
    return entry, rule


def _threat_mode(tok: Token, entry: Trigger, rule: str, found: list[Found]) -> tuple[Trigger, str]:
    """A threat takes its mode from the act threatened ("threatened to shell towns" -> violence)."""
    if entry.type != "THREATEN" or entry.mode is not None:
        return entry, rule
    modes = cue_lists()["threat_modes"]
    entries = {t.i: e for t, e, _, _ in found if e is not None}
    for comp in (c for c in tok.children if c.dep_ in {"xcomp", "ccomp", "dobj", "prep"}):
        # The act itself, or the event noun it governs ("to institute a curfew", "of military action").
        for t in [comp, *comp.children]:
            inner = entries.get(t.i)
            if inner is None or t.i == tok.i:
                continue
            mode = modes.get(f"{inner.type}/{inner.mode}") or modes.get(inner.type)
            if mode is not None:
                return replace(entry, mode=mode), f"{rule}+threat:{inner.lemma}"
    return entry, rule


def official_protest(analysis: Analysis, tok: Token, entry: Trigger, source: list[str]) -> bool:
    """A protest made by a government or country ("China protested the visit") is diplomatic disapproval."""
    if entry.lemma != "protest" or tok.pos_ != "VERB" or not source:
        return False
    kinds = {e.id: (e.kind, e.sector) for e in analysis.entities}
    return all(
        kinds.get(s, ("", ""))[0] in {"COUNTRY", "GOVERNMENT"} or kinds.get(s, ("", ""))[1] == "GOV" for s in source
    )


def _is_place(analysis: Analysis, tok: Token) -> bool:
    """True when the token names a resolved or unresolved place."""
    return analysis.place_at(tok.idx, tok.idx + len(tok)) is not None


def _refine(analysis: Analysis, tok: Token, entry: Trigger, rule: str) -> tuple[Trigger, str]:
    """Context decides between readings of an ambiguous trigger (strike, welcome, send, protest, arrive)."""
    lemma = tok.lemma_.lower()
    cues = cue_lists()["readings"]
    if entry.lemma == "strike" and entry.pos == "NOUN" and sentence_lemmas(tok.sent) & set_of(cues["labour_strike"]):
        return trigger_for("strike", "VERB") or entry, rule + "+labour"
    if lemma == "welcome" and any(
        c.dep_ in OBJ and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") for c in tok.children
    ):
        return trigger_for("host", "VERB") or entry, rule + "+host"
    sending = entry.type == "AID" and lemma in cues["sending_verbs"]
    sent_what = [c for c in tok.children if c.dep_ in OBJ | PASSIVE_SUBJ]
    if sending and any(c.lemma_.lower() in cues["forces"] for c in sent_what):
        # Troops sent to a mission or force serve in it (peacekeeping); troops sent otherwise are deployed.
        if any(o.lemma_.lower() in cues["peacekeeping"] for o in prep_objects(tok, {"to", "for"})):
            return trigger_for("peacekeeping", "NOUN") or entry, rule + "+peacekeepers"
        return trigger_for("deploy", "VERB") or entry, rule + "+forces"
    if lemma in cues["dispatch_verbs"] and any(c.lemma_.lower() in cues["investigators"] for c in sent_what):
        # "dispatched inspectors": sending people to look into something is an investigation.
        return trigger_for("inspect", "VERB") or entry, rule + "+investigators"
    if lemma == "protest" and tok.pos_ == "VERB" and any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children):
        # "X protested that ...", "..., a rights group protested": a protest in words is disapproval.
        return trigger_for("complain", "VERB") or entry, rule + "+verbal"
    if lemma == "welcome" and tok.pos_ == "NOUN":
        guests = prep_objects(tok, {"to"}) + governing_objects(tok)
        if any(g.ent_type_ == "PERSON" or g.pos_ == "PROPN" for g in guests):
            return trigger_for("host", "VERB") or entry, rule + "+host"
    if entry.lemma == "raid":
        lemmas = sentence_lemmas(tok.sent)
        if lemmas & set_of(cues["raid_arrests"]) and not lemmas & set_of(cues["raid_violence"]):
            # ACLED codes a raid by what happens in it: arrests without violence.
            return trigger_for("arrest", "VERB") or entry, rule + "+arrests"
    if entry.mode == "visit" and tok.pos_ == "VERB":
        subjects = [t for s in subjects_of(tok) for t in s.subtree]
        if any(t.lemma_.lower() in cues["forces"] for t in subjects):
            # "Peacekeeping troops arrived in Bosnia": forces arriving are deployed, peacekeepers provide protection.
            if any(t.lemma_.lower() in cues["peacekeeping"] for t in subjects):
                return trigger_for("peacekeeping", "NOUN") or entry, rule + "+peacekeepers"
            return trigger_for("deploy", "VERB") or entry, rule + "+forces"
    return _refine_by_object(analysis, tok, entry, rule)


def _refine_by_object(analysis: Analysis, tok: Token, entry: Trigger, rule: str) -> tuple[Trigger, str]:
    """What a verb is done to decides its reading ("killed the governor", "seized the town", "struck a convoy")."""
    cues = cue_lists()["readings"]
    lemma = tok.lemma_.lower()
    objects = [c for c in tok.children if c.dep_ in OBJ]
    if not objects and not any(c.dep_ in PASSIVE_SUBJ for c in tok.children):
        return entry, rule
    if entry.lemma == "kill" and entry.mode is None and any(c.lemma_.lower() in cues["officials"] for c in objects):
        # Killing a named office-holder is a targeted killing.
        return trigger_for("assassinate", "VERB") or entry, rule + "+official"
    if entry.mode == "withdraw" and any(t.lemma_.lower() in cues["presence"] for c in objects for t in c.subtree):
        # "will withdraw weapons inspectors": pulling out a presence that serves the other side cuts relations.
        return trigger_for("recall", "VERB") or entry, rule + "+presence"
    if lemma == "strike" and entry.type == "PROTEST" and tok.pos_ == "VERB":
        # "struck a convoy", "struck him with a baton": a labour strike takes no object.
        return trigger_for("attack", "VERB") or entry, rule + "+hit"
    taken = objects + [c for c in tok.children if c.dep_ in PASSIVE_SUBJ]
    if lemma in {"capture", "seize"} and any(
        c.ent_type_ == "PERSON" or c.lemma_.lower() in cues["people_objects"] for c in taken
    ):
        # "Police captured the suspect", "rebels seized two soldiers": people taken, not ground.
        kb = get_actor_kb()
        agents = [kb.agent(t.lemma_.lower()) for s in subjects_of(tok) for t in s.subtree]
        police = any(a is not None and a.sector in {"COP", "MIL", "GOV", "JUD"} for a in agents)
        return trigger_for("arrest" if police else "abduct", "VERB") or entry, rule + "+people"
    territory = set_of(cues["territory_nouns"])
    if entry.lemma == "hand over" and any(c.lemma_.lower() in territory or _is_place(analysis, c) for c in objects):
        # "handed over the town to the rebels": ground given up without a fight.
        return trigger_for("cede", "VERB") or entry, rule + "+territory"
    weapons = set_of(cue_lists()["acled"]["weapons"])
    if entry.mode == "destroy" and any(t.lemma_.lower() in weapons for c in objects for t in c.subtree):
        # "destroyed an explosive device": a weapon made harmless, not property destroyed.
        return trigger_for("defuse", "VERB") or entry, rule + "+weapon"
    if entry.mode == "seize" and any(c.lemma_.lower() in territory or _is_place(analysis, c) for c in objects):
        # "Rebels seized the town": taking ground, not goods.
        return trigger_for("capture", "VERB") or entry, rule + "+territory"
    return entry, rule


def _names_agent(tok: Token) -> bool:
    """True when a noun modifies an agent noun ("aid group", "rebel leaders"), so it is part of a name for people."""
    kb = get_actor_kb()
    head = tok.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "bomb disposal experts"
    return kb.agent(head.lemma_.lower()) is not None or kb.agent(f"{tok.lower_} {tok.head.lower_}") is not None


def _seized_thing(tok: Token, found: list[Found]) -> bool:
    """A weapon noun inside the object of a seizure or defusal ("seized two rocket launchers")."""
    entries = {t.i: e for t, e, _, _ in found if e is not None}
    node = tok
    for _ in range(SEIZED_THING_HOPS):
        if node.dep_ not in {"compound", "conj", "dobj", "pobj", "prep", "nsubjpass", "amod"} or node.head.i == node.i:
            return False
        node = node.head
        entry = entries.get(node.i)
        if entry is not None and node.pos_ == "VERB":
            return entry.mode == "seize"
    return False


def _participant_of_same_event(tok: Token, entry: Trigger, found: list[Found]) -> bool:
    """A noun trigger naming the participants of a verb trigger of the same type ("protesters marched")."""
    # Only nouns for people ("protesters", "rioters"); "an attack ... killed" keeps its nominal event.
    if tok.pos_ not in {"NOUN", "PROPN"} or get_actor_kb().agent(tok.lemma_.lower()) is None:
        return False
    for other, other_entry, _, _ in found:
        if other_entry is None or other.i == tok.i or other.pos_ != "VERB" or other_entry.type != entry.type:
            continue
        if any(a.i == other.i for a in tok.ancestors) and clause_verb(tok).i == other.i:
            return True
    return False
