"""Source and target of an event: entities read off the parse (subjects, agents, objects, complements), personal
pronouns resolved in the sentence, a fallback source from the clause above, and whom a demand is made of.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventwire.analysis import Analysis, Entity
from eventwire.stages.events.cues import _OBJ, _PASSIVE_SUBJ, _PRONOUNS, _SUBJ, _VERB_TARGET_PREPS, _cues
from eventwire.stages.events.syntax import (
    _clause_verb,
    _governing_objects,
    _governing_subjects,
    _prep_objects,
    _subjects,
)

_TARGET_PREPS = {"against", "on", "of", "upon", "at"}


# Who a noun's act comes from or bears on ("calls by X", "an appeal from X", "action against X", "resignation of X").
_NOUN_PARTY_PREPS = {"by", "from", "against", "with", "to", "on", "of"}


# Nouns for people who speak or act for a group ("leaders of the coalition").
_SPOKES = {"leader", "member", "official", "representative", "spokesman", "spokeswoman", "delegate", "envoy"}


def _antecedent(analysis: Analysis, tok: Token) -> Entity | None:
    """What a personal pronoun refers to: the subject of a clause above it ("Hungary said it will"), else the
    nearest earlier actor of a fitting kind in the sentence."""
    kinds = _PRONOUNS[tok.lower_]
    for anc in tok.ancestors:
        for subj in (c for c in anc.children if c.dep_ in _SUBJ and c.i < tok.i and c.pos_ != "PRON"):
            ent = _entity_of(analysis, subj)
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


def _entity_of(analysis: Analysis, tok: Token | None) -> Entity | None:
    """The entity a token (or the phrase it heads) mentions; personal pronouns are resolved in the sentence."""
    if tok is None:
        return None
    if tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS:
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


def _entities(analysis: Analysis, toks: Iterable[Token]) -> list[str]:
    """Entity ids for the given head tokens and their conjuncts, without repeats."""
    out: list[str] = []
    for tok in toks:
        for t in [tok, *tok.conjuncts]:
            ent = _entity_of(analysis, t)
            if ent is not None and ent.id not in out:
                out.append(ent.id)
    return out


def _complement_targets(verb: Token) -> list[Token]:
    """The other party named in a verb's complement: "threatened to break relations with Russia", "refused to meet
    X", "rejected calls by X", "threatened action against Russia"."""
    out: list[Token] = []
    nouns = [c for c in verb.children if c.dep_ in _OBJ] + _prep_objects(verb, {"on", "to", "over", "about"})
    for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}):
        out += [c for c in comp.children if c.dep_ in _OBJ | {"dative"}] + _prep_objects(comp, _VERB_TARGET_PREPS)
        nouns += [c for c in comp.children if c.dep_ in _OBJ]
    for noun in nouns:
        # "denounced Serbia's suppression", "complained over Israeli air raids": whose act is condemned.
        out += [c for c in noun.children if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.ent_type_)]
        out += _prep_objects(noun, _NOUN_PARTY_PREPS)
    return out


def _arguments(analysis: Analysis, tok: Token) -> tuple[list[str], list[str]]:
    """Source and target entity ids of a trigger."""
    if tok.pos_ in {"VERB", "AUX"}:
        source = _entities(analysis, _prep_objects(tok, {"by"}))
        passive = [c for c in tok.children if c.dep_ in _PASSIVE_SUBJ]
        if passive and not source:
            # "was shot and killed by officers": coordinated passives share their agent.
            source = _entities(analysis, [o for c in tok.conjuncts for o in _prep_objects(c, {"by"})])
        if passive and not source and tok.lemma_.lower() in _cues()["stative_passives"]:
            source, passive = _entities(analysis, passive), []
        target = _entities(analysis, passive)
        if not source and not passive and any(c.dep_ == "auxpass" for c in tok.children):
            # "died after being beaten": whoever the bare passive inherits underwent it.
            target = _entities(analysis, _subjects(tok))
        elif not source and not passive:
            source = _entities(analysis, _subjects(tok))
        elif not source and tok.dep_ == "relcl":
            source = []
        target += [
            e for e in _entities(analysis, [c for c in tok.children if c.dep_ in _OBJ | {"dative"}]) if e not in target
        ]
        for particle in (c for c in tok.children if c.dep_ == "prt"):
            target += [
                e for e in _entities(analysis, [c for c in particle.children if c.dep_ in _OBJ]) if e not in target
            ]
        target += [e for e in _entities(analysis, _prep_objects(tok, _VERB_TARGET_PREPS)) if e not in target]
        if not target:
            target = _entities(analysis, _complement_targets(tok))
        if tok.lemma_.lower() in _cues()["readings"]["victim_subject_verbs"]:
            source, target = [], source + [t for t in target if t not in source]  # "a man died in custody"
        return source, [t for t in target if t not in source]
    source = _entities(analysis, [c for c in tok.children if c.dep_ in {"poss", "compound", "amod"}])
    source += [e for e in _entities(analysis, _prep_objects(tok, {"by"})) if e not in source]
    if not source:
        # "launched an offensive", "Israel reimposed blockades": whoever does the governing verb does the event.
        source = _entities(analysis, _governing_subjects(tok))
    target = [e for e in _entities(analysis, _prep_objects(tok, _TARGET_PREPS | _VERB_TARGET_PREPS)) if e not in source]
    if not target:
        # "gave a warm welcome to X", "will give Tanzania a grant": the governing verb names the other party.
        target = [e for e in _entities(analysis, _governing_objects(tok)) if e not in source]
    if not target:
        # "an attack by rebels on soldiers": the parser often hangs "on soldiers" from the agent.
        for agent in _prep_objects(tok, {"by"}):
            target += [e for e in _entities(analysis, _prep_objects(agent, {"on", "against"})) if e not in source]
    return source, target


def _fallback_source(analysis: Analysis, tok: Token, target: list[str]) -> list[str]:
    """Last resort for a source: the subject of a clause above the trigger ("US authorities said that removing the
    sanctions ..."), else, when the parser left the main verb without a subject ("With the signing of ..., the
    government and the rebels have agreed"), the actor named just before that verb."""
    doers = [
        c for c in _clause_verb(tok).children if c.dep_ in _SUBJ | _PASSIVE_SUBJ and c.i != tok.i and c.pos_ != "PRON"
    ]
    if doers and not _entities(analysis, doers):
        return []  # "a roadside bombing killed ...": the clause names its doer, who is no known actor
    for anc in tok.ancestors:
        found = [e for e in _entities(analysis, [c for c in anc.children if c.dep_ in _SUBJ]) if e not in target]
        if found:
            return found
    root = tok.sent.root
    if root.pos_ != "VERB" or any(c.dep_ in _SUBJ | _PASSIVE_SUBJ | {"expl"} for c in root.children):
        return []
    if not any(c.dep_ == "aux" for c in root.children) and root.tag_ not in {"VBD", "VBZ", "VBP"}:
        return []
    before = [t for t in tok.sent if t.i < root.i and t.pos_ in {"NOUN", "PROPN"}]
    for cand in reversed(before):
        found = [e for e in _entities(analysis, [cand]) if e not in target]
        if found:
            return found
    return []


def _demand_target(analysis: Analysis, tok: Token) -> list[str]:
    """Whom a demand is made of: the addressee of the speech verb, else the subject of the demanded clause."""
    addressee = [c for c in tok.children if c.dep_ in {"dative", "dobj", "iobj"}]
    if addressee:
        return _entities(analysis, addressee)
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        return _entities(analysis, [c for c in clause.children if c.dep_ in _SUBJ | _PASSIVE_SUBJ])
    return []
