"""What attributes a quoted stretch: a speech verb after or before it, the cue it hangs from in the parse, "in X's
words", a credit line, a colon lead-in, or a speech verb earlier in its paragraph or in the sentence before."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.analysis import Analysis
from eventwire.stages.quotes.cues import is_cue
from eventwire.stages.quotes.marks import Direct
from eventwire.stages.quotes.ranges import tokens_between
from eventwire.stages.quotes.speakers import could_speak, lead_speaker, phrase_head, subject
from eventwire.stages.quotes.tuning import TUNING

# Tokens after a closing mark beyond which no speech verb is looked for ("...," the minister of ... said).
CUE_AFTER_REACH = int(TUNING["cue_after_reach"])
# Tokens before an opening mark beyond which a speech verb is not looked for without a lead-in colon or comma.
LEAD_IN_REACH = int(TUNING["lead_in_reach"])
# Links followed up from a quote to the speech verb it hangs from in the parse.
GOVERNING_CHAIN_DEPTH = int(TUNING["governing_chain_depth"])
# A credit line after a dash holds no verb in this many tokens, and its name in this many.
CREDIT_VERB_REACH = int(TUNING["credit_verb_reach"])
CREDIT_NAME_REACH = int(TUNING["credit_name_reach"])
# More line breaks than this between the sentence before and a stand-alone quote part them.
STANDALONE_LINE_BREAKS = int(TUNING["standalone_line_breaks"])

_TERMINAL = {".", "!", "?", ";"}


def cue_after(doc: Doc, text: str, q: Direct, gap_end: int) -> Token | None:
    """A speech verb in the clause right after the closing mark ("...," Okon said)."""
    if q.unclosed:
        return None
    content_last = text[q.end - 1] if q.end > q.start else ""
    gap = text[q.close : gap_end]
    stripped = gap.lstrip(" \u00a0")
    if content_last == "." and not stripped[:1].islower():
        return None
    for n, tok in enumerate(tokens_between(doc, q.close, gap_end)):
        if tok.text in _TERMINAL or n > CUE_AFTER_REACH:
            break
        if is_cue(tok, direct=True):
            return tok
    return None


def cue_before(doc: Doc, text: str, q: Direct, gap_start: int) -> Token | None:
    """A speech verb in the clause that leads into the opening mark (Okon said: "...")."""
    gap = text[gap_start : q.open].rstrip(" \u00a0")
    if not gap or gap[-1] in ".!?;":
        return None
    toks = [t for t in tokens_between(doc, gap_start, q.open) if not t.is_space]
    # Lead-ins end in a colon or comma ("said:", "said,") or put the verb right before the mark;
    # otherwise the marks sit inside a reported clause and are more likely scare quotes.
    leads_in = gap[-1] in ":,"
    for n, tok in enumerate(reversed(toks)):
        if tok.text in _TERMINAL or (not leads_in and n > LEAD_IN_REACH):
            break
        if is_cue(tok, direct=True):
            return tok
    return None


def governing_cue(doc: Doc, q: Direct) -> Token | None:
    """The speech verb the quote hangs from in the parse ("X told reporters ... that "...""), within its sentence."""
    inside = tokens_between(doc, q.start, q.end)
    if not inside:
        return None
    top = next((t for t in inside if not (q.open <= t.head.idx < q.close)), None)
    node = top.head if top is not None else None
    for _ in range(GOVERNING_CHAIN_DEPTH):
        if node is None or node.sent.start != inside[0].sent.start:
            return None
        if is_cue(node, direct=True):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def words_of(doc: Doc, text: str, q: Direct, gap_start: int) -> Token | None:
    """The owner of "in X's words" right before the quote."""
    toks = [t for t in tokens_between(doc, gap_start, q.open) if not t.is_space and not t.is_punct][-4:]
    for n, tok in enumerate(toks):
        if tok.lower_ != "words" or n < 2:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and toks[n - 1].tag_ == "POS":
            owner = toks[n - 2] if n >= 3 else None
        elif owner is None:
            owner = toks[n - 1]
        if owner is not None and could_speak(owner) and any(t.lower_ == "in" for t in toks[max(0, n - 3) : n]):
            return owner
    return None


def dash_credit(doc: Doc, text: str, q: Direct, gap_end: int) -> Token | None:
    """A credit line after the quote ("..." — Jane Doe, a voter): the name, when no verb follows the dash."""
    gap = text[q.close : gap_end]
    stripped = gap.lstrip(" \u00a0")
    if q.unclosed or not stripped[:1] or stripped[0] not in "―—–-":
        return None
    start = q.close + len(gap) - len(stripped) + 1
    end = text.find("\n", start)
    toks = [t for t in tokens_between(doc, start, gap_end if end < 0 else min(end, gap_end)) if not t.is_space]
    if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks[:CREDIT_VERB_REACH]):
        return None
    first = next((t for t in toks[:CREDIT_NAME_REACH] if t.pos_ in ("PROPN", "NOUN")), None)
    return phrase_head(first) if first is not None else None


def colon_lead(doc: Doc, text: str, q: Direct, gap_start: int) -> Token | None:
    """The speaker of a lead-in ending in a colon right before the quote ("Trump: ...", "X responded: ...")."""
    gap = text[gap_start : q.open].rstrip(" \u00a0\n")
    if not gap.endswith(":"):
        return None
    toks = [t for t in tokens_between(doc, gap_start, q.open) if not t.is_space and not t.is_punct]
    if not toks:
        return None
    toks = [t for t in toks if t.i >= toks[-1].sent.start]
    return lead_speaker(toks)


def paragraph_speaker(
    doc: Doc, q: Direct, quotes: list[Direct], paras: list[tuple[int, int]]
) -> tuple[Token, Token] | None:
    """The last speech verb with a subject earlier in the quote's paragraph (outside quotes)."""
    toks = [
        t for t in tokens_between(doc, paras[q.para][0], q.open) if not any(o.open <= t.idx < o.close for o in quotes)
    ]
    for tok in reversed(toks):
        if is_cue(tok, direct=True):
            who = subject(tok, allow_it=True)
            if who is not None:
                return tok, who
    return None


def previous_sentence_speaker(analysis: Analysis, q: Direct, quotes: list[Direct]) -> tuple[Token, Token] | None:
    """Cue and speaker from the sentence just before a stand-alone quote: a colon lead-in or a speech verb."""
    doc = analysis.doc
    assert doc is not None
    sents = [s for s in analysis.sentences() if s.end_char <= q.open and s.text.strip()]
    if not sents:
        return None
    sent = sents[-1]
    if analysis.text[sent.end_char : q.open].count("\n") > STANDALONE_LINE_BREAKS or analysis.is_excluded(
        sent.start_char, sent.end_char
    ):
        return None
    outside = [t for t in sent if not any(o.open <= t.idx < o.close for o in quotes)]
    if sent.text.rstrip().endswith(":") and outside:
        lead = lead_speaker(outside)
        if lead is not None:
            return outside[-1], lead
    found = [t for t in outside if is_cue(t, direct=True) and subject(t, allow_it=True) is not None]
    cue = next((t for t in found if t.dep_ == "ROOT"), None) or (found[-1] if found else None)
    if cue is None:
        return None
    who = subject(cue, allow_it=True)
    return (cue, who) if who is not None else None
