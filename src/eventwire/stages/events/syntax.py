"""Dependency-parse walks of the events stage: the clause verb, subjects, objects and preposition phrases of a word."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.stages.events.cues import OBJ, PASSIVE_SUBJ, SUBJ, VERB_TARGET_PREPS
from eventwire.stages.events.tuning import SUBJECT_HOPS

# Prepositions by which a verb frames a noun event its subject takes part in ("converged for a rally").
_FRAME_PREPS = {"for", "in", "into", "during", "to", "as"}


_RELATIVE = {"who", "which", "that", "whom"}


def clause_verb(tok: Token) -> Token:
    """The verb that governs a noun trigger (or the trigger itself when it is a verb)."""
    head = tok
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    return head


def subjects_of(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through xcomp/conj, relative clauses, adjectives and purpose clauses."""
    for _ in range(SUBJECT_HOPS):
        subj = [c for c in verb.children if c.dep_ in SUBJ]
        if subj and verb.dep_ == "relcl" and all(s.lower_ in _RELATIVE for s in subj):
            # "militants who attacked the base": the relative pronoun stands for the noun it modifies.
            return [verb.head] if verb.head.pos_ in {"NOUN", "PROPN", "PRON"} else []
        if subj:
            return subj
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return [verb.head]
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            # "an operation to retake X": the operation's agent is the subject of the verb that governs it.
            verb = clause_verb(verb.head)
            continue
        if verb.dep_ == "xcomp" and verb.head.i != verb.i:
            # "X was forced to withdraw", "X is prepared to lift": the passive subject controls the complement.
            controller = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJ]
            if controller and not any(c.dep_ == "agent" for c in verb.head.children):
                return controller
        if verb.dep_ in {"pcomp", "pobj"} and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            # "accused X of attacking", "prevented X from leaving": the governing verb's object does it;
            # "resorted to throwing stones": without an object, its subject does.
            governor = verb.head.head
            if governor.pos_ in {"NOUN", "PROPN"} and governor.dep_ in OBJ:
                return [governor]
            if governor.pos_ not in {"VERB", "AUX"}:
                break
            controller = [c for c in governor.children if c.dep_ in {"dobj"} | PASSIVE_SUBJ]
            if controller:
                return controller
            verb = governor
            continue
        if verb.dep_ in {"xcomp", "conj", "advcl", "acomp"} and verb.head.i != verb.i:
            # "Norway is willing to send": the complement of an adjective takes the subject of its copula.
            verb = verb.head
            continue
        break
    return []


def governing_objects(tok: Token) -> list[Token]:
    """The other party named on the verb that governs a noun trigger (its indirect object or "to/with" phrase)."""
    if tok.dep_ not in OBJ or tok.head.pos_ not in {"VERB", "AUX"}:
        return []
    verb = tok.head
    others = [c for c in verb.children if c.dep_ in {"dative", "dobj"} and c.i != tok.i]
    return others + prep_objects(verb, VERB_TARGET_PREPS)


def governing_subjects(tok: Token) -> list[Token]:
    """Who performs a noun trigger governed by a verb ("Israel reimposed blockades", "converged for a rally")."""
    node = tok
    while node.dep_ == "conj" and node.head.pos_ in {"NOUN", "PROPN"} and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _FRAME_PREPS:
        node, head = head, head.head
    elif node.dep_ not in OBJ:
        return []
    if head.pos_ not in {"VERB", "AUX"} or head.i == node.i:
        return []
    if any(c.dep_ in PASSIVE_SUBJ for c in head.children):
        return prep_objects(head, {"by"})
    return subjects_of(head)


def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``tok``."""
    out: list[Token] = []
    for child in tok.children:
        # "granted asylum to X": the parser marks a recipient "to" as a dative.
        if (child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")) and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "agent" and "by" in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def in_subtree(span_start: int, span_end: int, tok: Token) -> bool:
    """True when a character span lies within the subtree of ``tok``."""
    return tok.left_edge.idx <= span_start and span_end <= tok.right_edge.idx + len(tok.right_edge)


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return 99
