"""Source and target of an event: entities read off the parse (subjects, agents, objects, complements, the
prepositions of a pattern), personal pronouns resolved in the sentence, a fallback source from the clause above,
and whom a demand is made of.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventwire.analysis import Analysis, Entity
from eventwire.stages.events.cues import OBJ, PASSIVE_SUBJ, PRONOUNS, SUBJ, VERB_TARGET_PREPS, cue_lists
from eventwire.stages.events.syntax import (
    clause_verb,
    governing_objects,
    governing_subjects,
    prep_objects,
    subjects_of,
)

_TARGET_PREPS = {"against", "on", "of", "upon", "at"}


# Who a noun's act comes from or bears on ("calls by X", "an appeal from X", "action against X", "resignation of X").
_NOUN_PARTY_PREPS = {"by", "from", "against", "with", "to", "on", "of"}


# Nouns for people who speak or act for a group ("leaders of the coalition").
_SPOKES = {"leader", "member", "official", "representative", "spokesman", "spokeswoman", "delegate", "envoy"}


def _antecedent(analysis: Analysis, tok: Token) -> Entity | None:
    """What a personal pronoun refers to: the subject of a clause above it ("Hungary said it will"), else the
    nearest earlier actor of a fitting kind in the sentence."""
    kinds = PRONOUNS[tok.lower_]
    for anc in tok.ancestors:
        for subj in (c for c in anc.children if c.dep_ in SUBJ and c.i < tok.i and c.pos_ != "PRON"):
            ent = entity_of(analysis, subj)
            if ent is not None and ent.kind in kinds:
                return ent
    sent_start = tok.sent.start_char
    best: tuple[int, Entity] | None = None
    for ent in analysis.entities:
        if ent.kind not in kinds:
            continue
        for m in ent.mentions:
            if sent_start <= m.start and m.end <= tok.idx and (best is None or m.start > best[0]):
                best = (m.start, ent)
    return best[1] if best else None


def entity_of(analysis: Analysis, tok: Token | None) -> Entity | None:
    """The entity a token (or the phrase it heads) mentions; personal pronouns are resolved in the sentence."""
    if tok is None:
        return None
    if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
        return _antecedent(analysis, tok)
    ent = analysis.entity_at(tok.idx, tok.idx + len(tok))
    if ent is not None and (ent.country or ent.kind == "PERSON"):
        return ent
    # "Leaders of the opposition coalition": an uncoded group noun speaks for the named group after it.
    of_group = _of_entity(analysis, tok)
    if ent is not None:
        return of_group if of_group is not None and tok.lemma_.lower() in _SPOKES else ent
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss"}:
            # "US Predator attacks": the actor may sit one compound further out.
            for t in [child, *(c for c in child.children if c.dep_ == "compound")]:
                ent = analysis.entity_at(t.idx, t.idx + len(t))
                if ent is not None:
                    return ent
    # "the alliance of Shia militias", "members of the group": the group is the actor.
    return of_group


def _of_entity(analysis: Analysis, tok: Token) -> Entity | None:
    """The entity named in an "of" phrase on a noun ("members of the group")."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = analysis.entity_at(pobj.idx, pobj.idx + len(pobj))
            if ent is not None:
                return ent
    return None


def entity_ids(analysis: Analysis, toks: Iterable[Token]) -> list[str]:
    """Entity ids for the given head tokens and their conjuncts, without repeats."""
    out: list[str] = []
    for tok in toks:
        for t in [tok, *tok.conjuncts]:
            ent = entity_of(analysis, t)
            if ent is not None and ent.id not in out:
                out.append(ent.id)
    return out


def _complement_targets(verb: Token) -> list[Token]:
    """The other party named in a verb's complement: "threatened to break relations with Russia", "refused to meet
    X", "rejected calls by X", "threatened action against Russia"."""
    out: list[Token] = []
    nouns = [c for c in verb.children if c.dep_ in OBJ] + prep_objects(verb, {"on", "to", "over", "about"})
    for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}):
        out += [c for c in comp.children if c.dep_ in OBJ | {"dative"}] + prep_objects(comp, VERB_TARGET_PREPS)
        nouns += [c for c in comp.children if c.dep_ in OBJ]
    for noun in nouns:
        # "denounced Serbia's suppression", "complained over Israeli air raids": whose act is condemned.
        out += [c for c in noun.children if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.ent_type_)]
        out += prep_objects(noun, _NOUN_PARTY_PREPS)
    return out


def trigger_parties(analysis: Analysis, tok: Token, more: list[Token]) -> tuple[list[str], list[str]]:
    """Source and target entity ids of a trigger, the words of its pattern (``more``) taken into account."""
    source, target = _arguments(analysis, tok)
    if not target and more:
        # "fired at protesters", "opened fire on worshippers": the pattern's preposition names the target.
        pobjs = [c for t in more if t.pos_ == "ADP" for c in t.children if c.dep_ == "pobj"]
        target = [e for e in entity_ids(analysis, pobjs) if e not in source]
    if more:
        # "used excessive force": a word of the pattern is no party to it.
        words = [(t.idx, t.idx + len(t)) for t in more]
        target = [t for t in target if not _mentioned_in(analysis, t, words)]
    return source, target


def _mentioned_in(analysis: Analysis, ent_id: str, spans: list[tuple[int, int]]) -> bool:
    """True when every mention of an entity ends on one of the given character spans (its head is that word)."""
    ent = next((e for e in analysis.entities if e.id == ent_id), None)
    if ent is None:
        return False
    return all(any(s < m.end <= e for s, e in spans) for m in ent.mentions)


def _arguments(analysis: Analysis, tok: Token) -> tuple[list[str], list[str]]:
    """Source and target entity ids of a trigger."""
    if tok.pos_ in {"VERB", "AUX"}:
        source = entity_ids(analysis, prep_objects(tok, {"by"}))
        passive = [c for c in tok.children if c.dep_ in PASSIVE_SUBJ]
        if passive and not source:
            # "was shot and killed by officers": coordinated passives share their agent.
            source = entity_ids(analysis, [o for c in tok.conjuncts for o in prep_objects(c, {"by"})])
        if passive and not source and tok.lemma_.lower() in cue_lists()["stative_passives"]:
            source, passive = entity_ids(analysis, passive), []
        target = entity_ids(analysis, passive)
        if not source and not passive and any(c.dep_ == "auxpass" for c in tok.children):
            # "died after being beaten": whoever the bare passive inherits underwent it.
            target = entity_ids(analysis, subjects_of(tok))
        elif not source and not passive:
            source = entity_ids(analysis, subjects_of(tok))
        elif not source and tok.dep_ == "relcl":
            source = []
        target += [
            e for e in entity_ids(analysis, [c for c in tok.children if c.dep_ in OBJ | {"dative"}]) if e not in target
        ]
        for particle in (c for c in tok.children if c.dep_ == "prt"):
            target += [
                e for e in entity_ids(analysis, [c for c in particle.children if c.dep_ in OBJ]) if e not in target
            ]
        target += [e for e in entity_ids(analysis, prep_objects(tok, VERB_TARGET_PREPS)) if e not in target]
        if not target:
            target = entity_ids(analysis, _complement_targets(tok))
        if tok.lemma_.lower() in cue_lists()["readings"]["victim_subject_verbs"]:
            source, target = [], source + [t for t in target if t not in source]  # "a man died in custody"
        return source, [t for t in target if t not in source]
    source = entity_ids(analysis, [c for c in tok.children if c.dep_ in {"poss", "compound", "amod"}])
    source += [e for e in entity_ids(analysis, prep_objects(tok, {"by"})) if e not in source]
    if not source:
        # "launched an offensive", "Israel reimposed blockades": whoever does the governing verb does the event.
        source = entity_ids(analysis, governing_subjects(tok))
    target = [e for e in entity_ids(analysis, prep_objects(tok, _TARGET_PREPS | VERB_TARGET_PREPS)) if e not in source]
    if not target:
        # "gave a warm welcome to X", "will give Tanzania a grant": the governing verb names the other party.
        target = [e for e in entity_ids(analysis, governing_objects(tok)) if e not in source]
    if not target:
        # "an attack by rebels on soldiers": the parser often hangs "on soldiers" from the agent.
        for agent in prep_objects(tok, {"by"}):
            target += [e for e in entity_ids(analysis, prep_objects(agent, {"on", "against"})) if e not in source]
    return source, target


def fallback_source(analysis: Analysis, tok: Token, target: list[str]) -> list[str]:
    """Last resort for a source: the subject of a clause above, else the actor just before a subjectless main verb.

    "US authorities said that removing the sanctions ...": the subject of the clause above; "With the signing of
    ..., the government and the rebels have agreed" (the parser left the main verb without a subject): the actor
    named just before that verb.
    """
    doers = [
        c for c in clause_verb(tok).children if c.dep_ in SUBJ | PASSIVE_SUBJ and c.i != tok.i and c.pos_ != "PRON"
    ]
    if doers and not entity_ids(analysis, doers):
        return []  # "a roadside bombing killed ...": the clause names its doer, who is no known actor
    for anc in tok.ancestors:
        found = [e for e in entity_ids(analysis, [c for c in anc.children if c.dep_ in SUBJ]) if e not in target]
        if found:
            return found
    root = tok.sent.root
    if root.pos_ != "VERB" or any(c.dep_ in SUBJ | PASSIVE_SUBJ | {"expl"} for c in root.children):
        return []
    if not any(c.dep_ == "aux" for c in root.children) and root.tag_ not in {"VBD", "VBZ", "VBP"}:
        return []
    before = [t for t in tok.sent if t.i < root.i and t.pos_ in {"NOUN", "PROPN"}]
    for cand in reversed(before):
        found = [e for e in entity_ids(analysis, [cand]) if e not in target]
        if found:
            return found
    return []


def demand_target(analysis: Analysis, tok: Token) -> list[str]:
    """Whom a demand is made of: the addressee of the speech verb, else the subject of the demanded clause."""
    addressee = [c for c in tok.children if c.dep_ in {"dative", "dobj", "iobj"}]
    if addressee:
        return entity_ids(analysis, addressee)
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        return entity_ids(analysis, [c for c in clause.children if c.dep_ in SUBJ | PASSIVE_SUBJ])
    return []
