"""The speaker of a cue: its subject, a noun after it ("said the spokesman"), or the name before it, as a token and
as the span of its noun phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.analysis import Analysis, Span
from eventwire.stages.quotes.cues import cues
from eventwire.stages.quotes.ranges import tokens_between
from eventwire.stages.quotes.tuning import TUNING

# Links followed up from a coordinated or subordinate cue ("..., saying ...") to the verb whose subject speaks.
SUBJECT_CHAIN_DEPTH = int(TUNING["subject_chain_depth"])
# Tokens after an inverted cue in which its speaker may stand ("said the spokesman").
SPEAKER_AFTER_CUE_REACH = int(TUNING["speaker_after_cue_reach"])
# Tokens after an inverted cue in which a name or noun is taken for its speaker when the parse gives none.
NOUN_AFTER_CUE_REACH = int(TUNING["noun_after_cue_reach"])
# Tokens between a name's first word and the head of its phrase ("Gene" -> "Sperling").
NAME_HEAD_REACH = int(TUNING["name_head_reach"])

_DROP_RIGHT = {"relcl", "acl", "appos", "punct", "advcl", "parataxis"}


def np_span(analysis: Analysis, tok: Token) -> Span:
    """The noun phrase headed by ``tok``, without relative clauses, appositions and trailing punctuation."""
    keep = {tok.i}
    for child in tok.children:
        if child.i > tok.i and child.dep_ in _DROP_RIGHT:
            continue
        keep.update(t.i for t in child.subtree)
    doc = tok.doc
    lo, hi = min(keep), max(keep)
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > tok.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return analysis.span(doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def subject(tok: Token, allow_it: bool = False) -> Token | None:
    """The subject of speech verb ``tok``, borrowed from the verb it is coordinated with if need be."""
    skip = {"that", "which", "who"} | (set() if allow_it else {"it"})
    node: Token | None = tok
    for _ in range(SUBJECT_CHAIN_DEPTH):
        if node is None:
            break
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in skip:
                return child if child.dep_ == "nsubj" else None
            if child.dep_ == "nsubj":
                if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
                    return node.head  # "Flynn, who said ...": the speaker is the noun the clause describes
                return None
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and node.tag_ == "VBD":
            return node.head  # a misparse of "Smith, a senator, said ...", where the verb hangs from the name

        # "..., saying ...", "and added ...": the speaker is the subject of the verb the cue hangs from.
        node = node.head if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i else None
    return None


def speaker_token(cue: Token, allow_it: bool = False) -> Token | None:
    """The speaker of ``cue``: its subject, else a noun right after it ("said the spokesman")."""
    subj = subject(cue, allow_it)
    if subj is not None:
        return subj
    if cue.lemma_.lower() == "tell":
        return None  # the object of "told" is the listener
    for child in cue.children:
        if (
            child.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
            and child.i > cue.i
            and child.i - cue.i <= SPEAKER_AFTER_CUE_REACH
        ):
            if child.pos_ in ("NOUN", "PROPN"):
                return child
    return None


def phrase_head(tok: Token) -> Token:
    """The head of the name or noun phrase ``tok`` is part of ("Gene" -> "Sperling")."""
    while (
        tok.dep_ in ("compound", "flat", "amod", "det", "poss")
        and tok.head.i > tok.i
        and tok.head.i - tok.i <= NAME_HEAD_REACH
    ):
        tok = tok.head
    return tok


def could_speak(tok: Token) -> bool:
    """A noun or pronoun that is not a date or time ("Tuesday", "last December")."""
    return tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.ent_type_ not in ("DATE", "TIME") and tok.dep_ != "npadvmod"


def noun_between(doc: Doc, start: int, end: int) -> Token | None:
    """The first noun or pronoun in the character range (the head of its phrase)."""
    tok = next((t for t in tokens_between(doc, start, end) if could_speak(t)), None)
    return phrase_head(tok) if tok is not None else None


def noun_after(cue: Token) -> Token | None:
    """A name or noun right after an inverted cue ("said David Brock, ...")."""
    for tok in cue.doc[cue.i + 1 : min(cue.i + 1 + NOUN_AFTER_CUE_REACH, cue.sent.end)]:
        if could_speak(tok) and tok.pos_ != "PRON":
            return phrase_head(tok)
        if tok.pos_ not in ("DET", "ADJ", "ADV"):
            break
    return None


def noun_before(cue: Token) -> Token | None:
    """The nearest name (else noun) before ``cue`` in its sentence, for a leading cue left without a subject."""
    sent = cue.sent
    # Nouns inside a prepositional phrase ("under Mr. Putin", "to the Observer") are not the speaker.
    toks = [
        t
        for t in cue.doc[sent.start : cue.i]
        if could_speak(t) and not any(a.dep_ in ("prep", "agent") for a in t.ancestors)
    ]
    pick = next((t for t in reversed(toks) if t.pos_ == "PROPN"), None) or (toks[-1] if toks else None)
    return phrase_head(pick) if pick is not None else None


def lead_speaker(toks: list[Token]) -> Token | None:
    """The speaker of a lead-in (tokens before a colon): the subject of its last verb, else its head noun."""
    for tok in reversed(toks):
        if tok.pos_ in ("VERB", "AUX"):
            subj = subject(tok, allow_it=True)
            if subj is not None and subj.lower_ not in cues()["first_person"]:
                return subj
            break
    root = toks[-1]
    while root.head.i != root.i and root.head.i >= toks[0].i:
        root = root.head
    return root if root.pos_ in ("PROPN", "NOUN") else None
