"""What a number phrase counts and the role it plays, read from its clause: the governing verb ("killed 49
people"), a predicate word ("49 dead"), the counted noun ("10,000 troops") or a tally ("the death toll rose to 30")."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.stages.quantities.cues import cues, is_people, lower
from eventwire.stages.quantities.numbers import Phrase
from eventwire.stages.quantities.tuning import TUNING

# Tokens after a number phrase in which a plural noun is taken for what it counts ("a dozen armed soldiers").
COUNTED_NOUN_REACH = int(TUNING["counted_noun_reach"])
# Links followed up from a number to the verb that governs it (coordination, apposition, "including").
VERB_CHAIN_DEPTH = int(TUNING["verb_chain_depth"])
# Prepositions followed up from a number to the tally noun it hangs from ("the toll rose to 30").
TALLY_CHAIN_DEPTH = int(TUNING["tally_chain_depth"])
_OBJECT_DEPS = {"dobj", "nsubjpass", "oprd", "attr", "dative"}


def phrase_head(doc: Doc, ph: Phrase) -> Token:
    """The token of the phrase whose head lies outside it."""
    for t in doc[ph.start : ph.end]:
        if not (ph.start <= t.head.i < ph.end) or t.head.i == t.i:
            return t
    return doc[ph.end - 1]


def counted_noun(doc: Doc, ph: Phrase, head: Token, sent: SpacySpan) -> Token | None:
    """The noun the phrase counts ("people" in "49 people", "protesters" in "thousands of protesters")."""
    h = head.head
    if head.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "advmod") and h.i >= ph.end and h.i < sent.end:
        if h.pos_ in ("NOUN", "PROPN") or h.lemma_.lower() in cues()["adjectives"]:
            if h.pos_ != "ADJ":
                return h
    for child in head.children:
        if child.dep_ == "prep" and lower(child) == "of" and child.i == ph.end:
            for p in child.children:
                if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                    return p
    # Parse-independent fallback: a plural noun right after the phrase ("a dozen soldiers").
    j = ph.end
    if j < sent.end and lower(doc[j]) == "of":
        j += 1
        while j < sent.end and doc[j].pos_ == "DET":
            j += 1
    while j < sent.end and j < ph.end + COUNTED_NOUN_REACH:
        t = doc[j]
        if t.tag_ in ("NNS", "NNPS") or (t.pos_ == "NOUN" and t.lemma_.lower() in cues()["people_nouns"]):
            return t
        if t.pos_ in ("ADJ", "PROPN") or t.tag_ == "HYPH" or t.dep_ == "compound":
            j += 1
            continue
        break
    return None


def verb_role(arg: Token, counted: Token | None) -> str | None:
    """Role given by the verb that governs ``arg`` as patient (killed 12) or agent (12 died)."""
    verbs = cues()["verbs"]
    t = _governed(arg)
    v = t.head
    entry = verbs.get(v.lemma_.lower()) if v.pos_ in ("VERB", "AUX", "ADJ") else None
    if entry:
        people_only = len(entry) > 2
        if people_only and not is_people(counted):
            return None
        role = _entry_role(entry, t, v)
        if role is not None:
            return role
    # Participles and relative clauses on the counted noun: "49 people killed", "people who fled".
    return _participle_role(verbs, {arg, t} | ({counted} if counted is not None else set()))


def _governed(arg: Token) -> Token:
    """The word that stands for ``arg`` before its verb: up through coordination, appositions and "including"."""
    t = arg
    for _ in range(VERB_CHAIN_DEPTH):
        if t.dep_ == "conj" and t.head.pos_ in ("NOUN", "NUM", "PROPN"):
            t = t.head
        elif t.dep_ == "appos":
            t = t.head
        elif t.dep_ == "pobj" and lower(t.head) in ("including", "among") and t.head.head.pos_ in ("NOUN", "PROPN"):
            t = t.head.head
        else:
            break
    return t


def _entry_role(entry: list[str], t: Token, v: Token) -> str | None:
    """The role of a verb's lexicon entry when ``t`` fills the argument it names (object or subject)."""
    role, kind = entry[0], entry[1]
    if kind == "object":
        if t.dep_ in _OBJECT_DEPS:
            return role
        active = any(c.lemma_ == "have" and c.dep_ == "aux" for c in v.children)
        if t.dep_ == "nsubj" and v.tag_ == "VBN" and not active:
            return role
    elif t.dep_ == "nsubj":
        return role
    return None


def _participle_role(verbs: dict[str, list[str]], nodes: set[Token]) -> str | None:
    """Role given by a participle or relative clause on one of ``nodes`` ("49 people killed", "people who fled")."""
    for node in nodes:
        for child in node.children:
            if child.dep_ not in ("acl", "relcl", "amod"):
                continue
            entry = verbs.get(child.lemma_.lower())
            if not entry:
                continue
            passive = child.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in child.children)
            if entry[1] == "object" and passive:
                return entry[0]
            if entry[1] == "subject" and child.dep_ == "relcl":
                return entry[0]
    return None


def adjective_role(doc: Doc, ph: Phrase, arg: Token, counted: Token | None, sent: SpacySpan) -> str | None:
    """Role given by a predicate word: "49 dead", "left 12 wounded", "12 wounded soldiers"."""
    adjs = cues()["adjectives"]
    end = counted.i + 1 if counted is not None and counted.i >= ph.end else ph.end
    if end < sent.end and lower(doc[end]) in adjs:
        return adjs[lower(doc[end])]
    if lower(arg.head) in adjs and arg.head.i >= ph.end and (arg.head.pos_ in ("ADJ", "NOUN") or arg.dep_ == "nsubj"):
        return adjs[lower(arg.head)]
    for sib in arg.head.children:
        if sib.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and lower(sib) in adjs and arg.dep_ in ("dobj", "nsubj"):
            return adjs[lower(sib)]
    for node in (arg, counted):
        if node is None:
            continue
        for child in node.children:
            if child.dep_ == "amod" and lower(child) in adjs:
                return adjs[lower(child)]
    return None


def tally(doc: Doc, ph: Phrase, arg: Token, sent: SpacySpan) -> tuple[str | None, Token | None]:
    """Role and counted noun from a tally: "the death toll rose to 30", "the number of fighters ... at 30,000"."""
    c = cues()
    # The noun or verb the number hangs from (through "at"/"to"/"of").
    t = arg
    for _ in range(TALLY_CHAIN_DEPTH):
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
        else:
            break
    got = _tally_in_parse(c, t, arg)
    if got is not None:
        return got
    got = _tally_earlier(c, doc, ph, sent)
    if got is not None:
        return got
    # "militants - numbered at 5,000": the tally verb's subject, or the noun just before it.
    if t.i == arg.i and arg.head.pos_ == "VERB":
        t = arg.head
    return _tally_verb(c, doc, ph, t, sent)


def _tally_noun(c: dict[str, Any], noun: Token) -> tuple[str | None, Token | None] | None:
    """Role and counted noun of a tally noun ("the death toll", "the number of fighters"); None for other words."""
    tolls = c["toll_nouns"]
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in tolls or lemma.startswith("_"):
        return None
    for child in noun.children:
        if child.dep_ == "prep" and lower(child) == "of":
            for p in child.children:
                if p.dep_ == "pobj":
                    role = c["nouns"].get(p.lemma_.lower()) or c["adjectives"].get(lower(p))
                    return role, p
    return tolls[lemma], None


def _tally_in_parse(c: dict[str, Any], t: Token, arg: Token) -> tuple[str | None, Token | None] | None:
    """A tally noun the number hangs from, or the subject or object of the verb it hangs from."""
    candidates = [t] + [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for cand in candidates:
        if cand.i == arg.i:
            continue
        got = _tally_noun(c, cand)
        if got is not None:
            return got
    return None


def _tally_earlier(c: dict[str, Any], doc: Doc, ph: Phrase, sent: SpacySpan) -> tuple[str | None, Token | None] | None:
    """Parse-independent fallback: a tally noun earlier in the same sentence, number after "at"/"to"."""
    prev = doc[ph.start - 1] if ph.start - 1 >= sent.start else None
    if prev is not None and lower(prev) in ("at", "to", "of", "was", "is", "stood", "reached"):
        for tok in doc[sent.start : ph.start]:
            if tok.pos_ == "NOUN":
                got = _tally_noun(c, tok)
                if got is not None and (got[0] or got[1] is not None):
                    return got
    return None


def _tally_verb(c: dict[str, Any], doc: Doc, ph: Phrase, t: Token, sent: SpacySpan) -> tuple[str | None, Token | None]:
    """A tally verb before the number ("militants numbered at 5,000"): its subject, or the noun just before it."""
    if t.pos_ == "VERB" and t.lemma_.lower() in ("number", "total") and t.i < ph.start:
        for ch in t.children:
            if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ in ("NOUN", "PROPN"):
                return c["nouns"].get(ch.lemma_.lower()), ch
        if t.dep_ in ("acl", "relcl") and t.head.pos_ == "NOUN":
            return c["nouns"].get(t.head.lemma_.lower()), t.head
        for tok in reversed(doc[sent.start : t.i]):
            if tok.pos_ == "NOUN" and tok.tag_ == "NNS":
                return c["nouns"].get(tok.lemma_.lower()), tok
    return None, None
