"""Direct quotes: the quoted stretches that are speech, each with its cue and speaker."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from eventwire.analysis import Analysis
from eventwire.stages.quotes.clues import (
    colon_lead,
    cue_after,
    cue_before,
    dash_credit,
    governing_cue,
    paragraph_speaker,
    previous_sentence_speaker,
    words_of,
)
from eventwire.stages.quotes.cues import according
from eventwire.stages.quotes.marks import Direct, double_quotes, single_quotes
from eventwire.stages.quotes.ranges import token_range
from eventwire.stages.quotes.resolution import Resolver
from eventwire.stages.quotes.speakers import noun_after, noun_before, noun_between, np_span, speaker_token
from eventwire.stages.quotes.tuning import TUNING

# An unattributed quoted stretch of this many words or fewer is a scare quote, not speech.
SCARE_QUOTE_WORDS = int(TUNING["scare_quote_words"])
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):\s")


def _runs_to_end(text: str, q: Direct) -> bool:
    """True when the quote closes its sentence (or paragraph)."""
    if q.unclosed:
        return True
    after = text[q.close : q.close + 3].lstrip(" \u00a0")
    return not after or after[0] in ".!?\n" or (text[q.end - 1] in ".!?" and not after[0].islower())


def _embedded(doc: Doc, text: str, q: Direct, para_start: int) -> bool:
    """True for marks inside running text: a mixed quote's fragment, a title, a scare quote or a markup value.

    A quote counts as direct only after a paragraph or sentence start, a lead-in (colon, comma, dash), or a
    speech verb or "that" right before it when it runs to the end of the sentence (Carson said that "...").
    """
    before = text[para_start : q.open].rstrip(" \u00a0")
    if not before:
        return False
    if before[-1] == "=":
        return True
    if not before[-1].isalnum() or q.single:
        return False
    if not _runs_to_end(text, q):
        return True
    if before.split()[-1].lower() == "that":
        return False
    return cue_before(doc, text, q, para_start) is None


def direct_quotes(analysis: Analysis, paras: list[tuple[int, int]], res: Resolver) -> list[Direct]:
    """Direct quotes with their cues and speakers."""
    text, doc = analysis.text, analysis.doc
    assert doc is not None
    doubles = double_quotes(text, paras)
    singles = single_quotes(text, paras, doubles)
    quotes = sorted(doubles + singles, key=lambda q: q.open)
    quotes = [
        q for q in quotes if not analysis.is_excluded(q.open, q.close) and not _embedded(doc, text, q, paras[q.para][0])
    ]
    attributor = _Attributor(analysis, doc, res)
    for k, q in enumerate(quotes):
        ps, pe = paras[q.para]
        nxt = next((o.open for o in quotes[k + 1 :] if o.para == q.para), pe)
        prv = next((o.close for o in reversed(quotes[:k]) if o.para == q.para), ps)
        attributor.attribute(q, nxt, prv)
    quotes = [q for q in quotes if not q.single or q.cue_span is not None]
    _share_in_chains(quotes, paras)
    _attribute_standalone(attributor, quotes, paras)
    # A short unattributed stretch in quotation marks is a scare quote, not speech.
    return [
        q
        for q in quotes
        if q.cue_span is not None or q.speaker is not None or len(text[q.start : q.end].split()) > SCARE_QUOTE_WORDS
    ]


class _Attributor:
    """Gives a quoted stretch its cue and speaker from the clues around it."""

    def __init__(self, analysis: Analysis, doc: Doc, res: Resolver) -> None:
        self.analysis = analysis
        self.doc = doc
        self.res = res

    def attribute(self, q: Direct, nxt: int, prv: int) -> None:
        """Attribute ``q`` from the text between the previous quote's close ``prv`` and the next one's open ``nxt``."""
        analysis, doc, text = self.analysis, self.doc, self.analysis.text
        # Single quotes are usually scare quotes; only a cue right after them makes them speech.
        cue = cue_after(doc, text, q, nxt) or (None if q.single else cue_before(doc, text, q, prv))
        if cue is not None:
            self.by_cue(q, cue)
            return
        if q.single or self._transcript(q):
            return
        dash = dash_credit(doc, text, q, nxt)
        if dash is not None:
            self.set_speaker(q, dash)
            return
        owner = words_of(doc, text, q, prv)
        if owner is not None:
            self.set_speaker(q, owner)
            return
        gov = governing_cue(doc, q)
        if gov is not None:
            self.by_cue(q, gov)
            return
        acc = according(doc, *token_range(doc, q.close, nxt)) or according(doc, *token_range(doc, prv, q.open))
        if acc is None:
            lead = colon_lead(doc, text, q, prv)
            if lead is not None:
                self.set_speaker(q, lead)
            return
        q.cue_span = analysis.span(acc[0].idx, acc[0].idx + len("according to"))
        q.speaker = np_span(analysis, acc[1])
        q.speaker_entity = self.res.resolve(q.speaker, acc[1])

    def _transcript(self, q: Direct) -> bool:
        """A transcript turn ("WALLACE: Do you ..."): the speaker is the label, the words follow it."""
        label = _TRANSCRIPT.match(self.analysis.text, q.start, q.end)
        if label is None:
            return False
        q.speaker = self.analysis.span(label.start(1), label.end(1))
        q.speaker_entity = self.res.resolve(q.speaker, None)
        q.cue_span = self.analysis.span(label.end(1), label.end(1) + 1)
        q.start = label.end()
        return True

    def by_cue(self, q: Direct, cue: Token) -> None:
        """Attribute ``q`` to speech verb ``cue`` and its speaker."""
        doc = self.doc
        q.cue = cue
        q.cue_span = self.analysis.span(cue.idx, cue.idx + len(cue.text))
        who = speaker_token(cue, allow_it=True)
        if who is None or q.open <= who.idx < q.close:
            # No subject, or the parser took a word of the quote for it ("... #tag," he wrote): the
            # noun phrase between the quote and a following cue, or the nearest one before a leading cue.
            if cue.idx >= q.close:
                who = noun_between(doc, q.close, cue.idx) or noun_after(cue)
            else:
                who = noun_before(cue)
        if who is not None:
            self.set_speaker(q, who)

    def set_speaker(self, q: Direct, who: Token) -> None:
        """Make the noun phrase of ``who`` the speaker of ``q``, linked to its entity."""
        q.speaker = np_span(self.analysis, who)
        q.speaker_entity = self.res.resolve(q.speaker, who)


def _share_in_chains(quotes: list[Direct], paras: list[tuple[int, int]]) -> None:
    """Quotes of one chain share the first speaker (or cue) found in it: a paragraph left open and continued by a
    quote opening the next paragraph, or an interrupted quote within one paragraph."""
    chains: list[list[Direct]] = []
    for q in quotes:
        if chains and _continues(chains[-1][-1], q, paras):
            chains[-1].append(q)
        else:
            chains.append([q])
    for chain in chains:
        src = next((q for q in chain if q.speaker is not None), None) or next(
            (q for q in chain if q.cue_span is not None), None
        )
        if src is None:
            continue
        for q in chain:
            if q.speaker is None and q.cue_span is None:
                q.speaker, q.speaker_entity, q.cue_span = src.speaker, src.speaker_entity, src.cue_span


def _continues(last: Direct, q: Direct, paras: list[tuple[int, int]]) -> bool:
    """True when ``q`` continues the chain that ``last`` ends."""
    if last.unclosed and q.para == last.para + 1 and q.open == paras[q.para][0]:
        return True
    return q.para == last.para and not q.single and not last.single  # interrupted quote: both parts share one speaker


def _attribute_standalone(attributor: _Attributor, quotes: list[Direct], paras: list[tuple[int, int]]) -> None:
    """Stand-alone quoted paragraphs: continuation of the previous quote, else a cue in the sentence before."""
    analysis, doc = attributor.analysis, attributor.doc
    for k, q in enumerate(quotes):
        if q.speaker is not None or q.cue_span is not None:
            continue
        before = previous_sentence_speaker(analysis, q, quotes) or paragraph_speaker(doc, q, quotes, paras)
        if before is not None:
            q.cue_span = analysis.span(before[0].idx, before[0].idx + len(before[0].text))
            attributor.set_speaker(q, before[1])
            continue
        prev = quotes[k - 1] if k else None
        if prev is not None and prev.speaker is not None and q.para - prev.para <= 1 and not prev.single:
            q.speaker, q.speaker_entity = prev.speaker, prev.speaker_entity
