"""Reported speech: speech verbs with a clausal complement ("officials warned that ..."), speech nouns with a
"that" clause, and "according to X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.analysis import Analysis, Quote, Span
from eventwire.stages.quotes.cues import according, cue_candidates, cues, is_cue
from eventwire.stages.quotes.marks import Direct
from eventwire.stages.quotes.ranges import trim
from eventwire.stages.quotes.resolution import Resolver
from eventwire.stages.quotes.speakers import np_span, subject
from eventwire.stages.quotes.tuning import TUNING

# Reported content shorter than this many characters is no content.
REPORTED_MIN_CHARS = int(TUNING["reported_min_chars"])

# A report found: its content's characters, its cue and the token that says who speaks (if any).
_Report = tuple[tuple[int, int], Span, Token | None]


def _clause_span(analysis: Analysis, clause: Token) -> tuple[int, int] | None:
    """Characters of the clause headed by ``clause``, without a leading "that" and trailing punctuation."""
    toks = list(clause.subtree)
    while toks and (
        analysis.is_excluded(toks[0].idx, toks[0].idx + len(toks[0]))
        or toks[0].dep_ == "mark"
        or toks[0].is_punct
        or toks[0].is_space
    ):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if len(toks) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def reported(analysis: Analysis, direct: list[Direct], res: Resolver) -> list[Quote]:
    """Reported speech: speech verbs with a clausal complement, speech nouns with a "that" clause, "according to"."""
    doc = analysis.doc
    assert doc is not None
    c = cues()
    out: list[Quote] = []
    # Token by token, not by analysis.sentences(): the splitter may glue furniture to a sentence.
    for i in cue_candidates(doc):
        tok = doc[i]
        if _inside(direct, tok.idx) or analysis.is_excluded(tok.idx, tok.idx + len(tok)):
            continue
        found: _Report | None = None
        if is_cue(tok, direct=False):
            found = _verb_report(analysis, direct, tok)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in c["nouns"]:
            found = _noun_report(analysis, direct, tok)
        elif tok.lower_ == "according" and tok.i + 1 < tok.sent.end and doc[tok.i + 1].lower_ == "to":
            found = _according_report(analysis, doc, tok)
        if found is not None:
            quote = _quote(analysis, direct, res, *found)
            if quote is not None:
                out.append(quote)
    return out


def _inside(direct: list[Direct], pos: int) -> bool:
    """True when ``pos`` lies between the marks of a direct quote."""
    return any(q.open <= pos < q.close for q in direct)


def _verb_report(analysis: Analysis, direct: list[Direct], tok: Token) -> _Report | None:
    """A speech verb with a clausal complement ("officials warned that ...")."""
    clause = next((ch for ch in tok.children if ch.dep_ == "ccomp"), None)
    if clause is None or _inside(direct, clause.idx):
        return None
    span = _clause_span(analysis, clause)
    if span is None:
        return None
    return span, analysis.span(tok.idx, tok.idx + len(tok.text)), subject(tok)


def _noun_report(analysis: Analysis, direct: list[Direct], tok: Token) -> _Report | None:
    """A speech noun with a "that" clause ("the ministry's claim that ...", "a warning by X that ...")."""
    clause = next(
        (
            ch
            for ch in tok.children
            if ch.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in ch.children)
        ),
        None,
    )
    if clause is None or _inside(direct, clause.idx):
        return None
    span = _clause_span(analysis, clause)
    who = next((ch for ch in tok.children if ch.dep_ == "poss"), None)
    if who is None:
        for prep in tok.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
                who = next((p for p in prep.children if p.dep_ == "pobj"), None)
    if span is None:
        return None
    return span, analysis.span(tok.idx, tok.idx + len(tok.text)), who


def _according_report(analysis: Analysis, doc: Doc, tok: Token) -> _Report | None:
    """ "according to X": the content is the longer side of the sentence around the phrase."""
    found = according(doc, tok.i, tok.i + 1)
    if found is None:
        return None
    sent = tok.sent
    phrase = doc[tok.i + 1]
    prep_toks = sorted({tok.i, phrase.i} | {t.i for t in found[1].subtree})
    lo, hi = prep_toks[0], prep_toks[-1] + 1
    left = (sent.start_char, doc[lo].idx)
    right = (doc[hi - 1].idx + len(doc[hi - 1].text), sent.end_char)
    side = max(left, right, key=lambda r: len(analysis.text[r[0] : r[1]].strip(" ,.\n")))
    s, e = trim(analysis.text, side[0], side[1], ",.;:—–-")
    if e - s < REPORTED_MIN_CHARS:
        return None
    cue = analysis.span(tok.idx, phrase.idx + len(phrase.text))
    return (s, e), cue, found[1]


def _quote(
    analysis: Analysis, direct: list[Direct], res: Resolver, content: tuple[int, int], cue: Span, who: Token | None
) -> Quote | None:
    """The reported quote, unless its content is furniture or mostly inside direct quotes."""
    s, e = content
    if analysis.is_excluded(s, e):
        return None
    covered = sum(max(0, min(e, q.end) - max(s, q.start)) for q in direct)
    if covered > (e - s) / 2:
        return None
    speaker = np_span(analysis, who) if who is not None else None
    ent = res.resolve(speaker, who) if speaker is not None else None
    return Quote("", False, analysis.span(s, e), cue, speaker, ent)
