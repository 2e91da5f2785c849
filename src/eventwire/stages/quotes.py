"""Quotes: direct quotes and reported speech, each with its cue, content and speaker.

Direct quotes are found from the quotation marks of each paragraph (curly, straight, or the doubled
apostrophe some archives use; an opening mark left open at the end of a paragraph runs to its end, the news
convention for a quote that continues in the next paragraph). Marks inside running text (a mixed quote's
fragment, a title, a scare quote) are not direct quotes: a direct quote follows a paragraph or sentence
start, a lead-in (colon, comma, dash) or a speech verb or "that" when it runs to the end of its sentence.
Each is attributed by the speech verb next to it ("...," Okon said), a transcript label ("WALLACE: ..."),
a credit line ("..." - Jane Doe), "in X's words", the speech verb it hangs from in the parse, "according to
X", a colon lead-in ("Trump: ...", "X responded: ..."), else by the quote it continues, else by a speech verb
in the sentence or paragraph before it. Reported speech is a speech verb with a clausal complement
("officials warned that ...") or "according to X". Speakers are linked to entities by overlap, and pronouns
and descriptions to the nearest compatible entity before them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from eventwire.analysis import Analysis, Entity, Quote, Span
from eventwire.nlp import indices_where
from eventwire.stages import stage

_OPEN = ("“", "„", "«", "``")
_CLOSE = ("”", "»")
# Straight marks, and the doubled apostrophe some news archives use for them, both open and close.
_MARKS = re.compile(r"''|``|[“”„«»\"]")
_TERMINAL = {".", "!", "?", ";"}
_SINGLE = re.compile(r"(?<![\w’'])['‘](?=\w)([^'‘’\n]{1,200}?[^\s'‘’])['’](?!\w)")
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):\s")
_GROUP_KINDS = {"ORG", "ARMED_GROUP", "STATE_FORCE", "GOVERNMENT", "COLLECTIVE", "COUNTRY"}
_DROP_RIGHT = {"relcl", "acl", "appos", "punct", "advcl", "parataxis"}


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The speech vocabulary from ``data/speech_cues.json``."""
    text = resources.files("eventwire.data").joinpath("speech_cues.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass
class _Direct:
    """A quoted stretch: content ``[start, end)`` and its marks ``[open, close)``."""

    start: int
    end: int
    open: int
    close: int
    para: int
    unclosed: bool = False
    single: bool = False
    cue: Token | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue_span: Span | None = None
    chain: list[int] = field(default_factory=list)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-empty line: news paragraphs are lines."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _trim(text: str, start: int, end: int, extra: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace (and ``extra`` characters) at both ends."""
    strip = " \t\r\n\u00a0" + extra
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _double_quotes(text: str, paras: list[tuple[int, int]]) -> list[_Direct]:
    """Quoted stretches between double quotation marks, paragraph by paragraph."""
    found: list[_Direct] = []
    for pi, (ps, pe) in enumerate(paras):
        opened: re.Match[str] | None = None
        for m in _MARKS.finditer(text, ps, pe):
            # A closing mark that starts a word with nothing open is a mistyped opening one.
            typo = m.group() in _CLOSE and opened is None and m.end() < pe and text[m.end()].isalnum()
            if m.group() in _OPEN or (m.group() not in _CLOSE and opened is None) or typo:
                opened = m
                continue
            if opened is None:
                continue
            s, e = _trim(text, opened.end(), m.start(), ",")
            if e > s:
                found.append(_Direct(s, e, opened.start(), m.end(), pi))
            opened = None
        if opened is not None:
            s, e = _trim(text, opened.end(), pe, ",")
            if e > s:
                found.append(_Direct(s, e, opened.start(), pe, pi, unclosed=True))
    return found


def _single_quotes(text: str, paras: list[tuple[int, int]], doubles: list[_Direct]) -> list[_Direct]:
    """Single-quoted stretches outside double quotes (kept later only when a speech cue follows)."""
    found = []
    for pi, (ps, pe) in enumerate(paras):
        for m in _SINGLE.finditer(text, ps, pe):
            if any(d.open <= m.start() < d.close for d in doubles):
                continue
            found.append(_Direct(m.start(1), m.end(1), m.start(), m.end(), pi, single=True))
    return found


def _is_cue(tok: Token, direct: bool) -> bool:
    """True when ``tok`` is a speech verb (direct-only verbs such as "continued" only next to a quote)."""
    c = cues()
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "put" and any(ch.dep_ == "dobj" and ch.lower_ == "it" for ch in tok.children):
        return True  # "as X put it"
    if lemma not in c["verbs"]:
        return False
    return direct or lemma not in c["direct_only_verbs"]


def _np_span(analysis: Analysis, tok: Token) -> Span:
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


def _subject(tok: Token, allow_it: bool = False) -> Token | None:
    """The subject of speech verb ``tok``, borrowed from the verb it is coordinated with if need be."""
    skip = {"that", "which", "who"} | (set() if allow_it else {"it"})
    node: Token | None = tok
    for _ in range(3):
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


def _speaker_token(cue: Token, allow_it: bool = False) -> Token | None:
    """The speaker of ``cue``: its subject, else a noun right after it ("said the spokesman")."""
    subj = _subject(cue, allow_it)
    if subj is not None:
        return subj
    if cue.lemma_.lower() == "tell":
        return None  # the object of "told" is the listener
    for child in cue.children:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and child.i > cue.i and child.i - cue.i <= 4:
            if child.pos_ in ("NOUN", "PROPN"):
                return child
    return None


def _according(doc: Doc, start: int, end: int) -> tuple[Token, Token] | None:
    """An "according to X" cue in the token range: the "according" token and the head of X."""
    for tok in doc[start:end]:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for child in doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    return tok, child
            nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                return tok, nxt
    return None


class _Resolver:
    """Links speaker spans to entities: by overlap, then pronouns and descriptions to the nearest fitting entity."""

    def __init__(self, analysis: Analysis, paras: list[tuple[int, int]]) -> None:
        self.analysis = analysis
        self.paras = paras
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            (m.start, m.end, ent) for ent in analysis.entities for m in ent.mentions
        )

    def _para_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.paras):
            if s <= pos < e + 1:
                return i
        return -1

    def _nearest(self, before: int, kinds: set[str] | None, lemma: str | None = None, floor: int = 0) -> Entity | None:
        for s, e, ent in reversed(self.mentions):
            if e > before or s < floor:
                continue
            if kinds is not None and ent.kind not in kinds:
                continue
            if lemma is not None and lemma not in self.analysis.text[s:e].lower():
                continue
            return ent
        return None

    def resolve(self, speaker: Span, head: Token | None) -> str | None:
        """Entity id for the speaker mention, or None when it cannot be told."""
        a = self.analysis
        if not a.entities:
            return None
        if head is not None:
            ent = a.entity_at(head.idx, head.idx + len(head.text))
            if ent is not None:
                return ent.id
        ent = a.entity_at(speaker.start, speaker.end)
        if ent is not None:
            return ent.id
        c = cues()
        low = speaker.text.lower()
        if low in c["first_person"]:
            return None
        if low in c["pronouns"]["person"]:
            ent = self._nearest(speaker.start, {"PERSON"})
        elif low in c["pronouns"]["group"]:
            ent = self._nearest(speaker.start, _GROUP_KINDS)
        elif low in c["pronouns"]["org"]:
            ent = self._nearest(speaker.start, _GROUP_KINDS - {"COLLECTIVE"})
        else:
            ent = self._describe(speaker, head)
        return ent.id if ent is not None else None

    def _describe(self, speaker: Span, head: Token | None) -> Entity | None:
        """A description ("the spokesman", "officials"): an earlier mention with the same head word, else nearby kin."""
        if head is None:
            return None
        c = cues()
        word = head.lower_
        lemma = head.lemma_.lower()
        if word in c["group_descriptions"]:
            kinds = _GROUP_KINDS
        elif lemma in c["person_descriptions"]:
            kinds = {"PERSON"}
        else:
            return None
        ent = self._nearest(speaker.start, None, lemma=word)
        if ent is not None:
            return ent
        # Without a matching mention, only a fitting entity in this or the previous paragraph will do.
        para = self._para_of(speaker.start)
        floor = self.paras[max(para - 1, 0)][0] if para >= 0 else 0
        return self._nearest(speaker.start, kinds, floor=floor)


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying inside the character range ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return list(span)


def _cue_after(doc: Doc, text: str, q: _Direct, gap_end: int) -> Token | None:
    """A speech verb in the clause right after the closing mark ("...," Okon said)."""
    if q.unclosed:
        return None
    content_last = text[q.end - 1] if q.end > q.start else ""
    gap = text[q.close : gap_end]
    stripped = gap.lstrip(" \u00a0")
    if content_last == "." and not stripped[:1].islower():
        return None
    for n, tok in enumerate(_tokens_between(doc, q.close, gap_end)):
        if tok.text in _TERMINAL or n > 30:
            break
        if _is_cue(tok, direct=True):
            return tok
    return None


def _cue_before(doc: Doc, text: str, q: _Direct, gap_start: int) -> Token | None:
    """A speech verb in the clause that leads into the opening mark (Okon said: "...")."""
    gap = text[gap_start : q.open].rstrip(" \u00a0")
    if not gap or gap[-1] in ".!?;":
        return None
    toks = [t for t in _tokens_between(doc, gap_start, q.open) if not t.is_space]
    # Lead-ins end in a colon or comma ("said:", "said,") or put the verb right before the mark;
    # otherwise the marks sit inside a reported clause and are more likely scare quotes.
    leads_in = gap[-1] in ":,"
    for n, tok in enumerate(reversed(toks)):
        if tok.text in _TERMINAL or (not leads_in and n > 3):
            break
        if _is_cue(tok, direct=True):
            return tok
    return None


def _noun_between(doc: Doc, start: int, end: int) -> Token | None:
    """The first noun or pronoun in the character range (the head of its phrase)."""
    tok = next((t for t in _tokens_between(doc, start, end) if _could_speak(t)), None)
    return _phrase_head(tok) if tok is not None else None


def _phrase_head(tok: Token) -> Token:
    """The head of the name or noun phrase ``tok`` is part of ("Gene" -> "Sperling")."""
    while tok.dep_ in ("compound", "flat", "amod", "det", "poss") and tok.head.i > tok.i and tok.head.i - tok.i <= 4:
        tok = tok.head
    return tok


def _governing_cue(doc: Doc, q: _Direct) -> Token | None:
    """The speech verb the quote hangs from in the parse ("X told reporters ... that "...""), within its sentence."""
    inside = _tokens_between(doc, q.start, q.end)
    if not inside:
        return None
    top = next((t for t in inside if not (q.open <= t.head.idx < q.close)), None)
    node = top.head if top is not None else None
    for _ in range(3):
        if node is None or node.sent.start != inside[0].sent.start:
            return None
        if _is_cue(node, direct=True):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _could_speak(tok: Token) -> bool:
    """A noun or pronoun that is not a date or time ("Tuesday", "last December")."""
    return tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.ent_type_ not in ("DATE", "TIME") and tok.dep_ != "npadvmod"


def _words_of(doc: Doc, text: str, q: _Direct, gap_start: int) -> Token | None:
    """The owner of "in X's words" right before the quote."""
    toks = [t for t in _tokens_between(doc, gap_start, q.open) if not t.is_space and not t.is_punct][-4:]
    for n, tok in enumerate(toks):
        if tok.lower_ != "words" or n < 2:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and toks[n - 1].tag_ == "POS":
            owner = toks[n - 2] if n >= 3 else None
        elif owner is None:
            owner = toks[n - 1]
        if owner is not None and _could_speak(owner) and any(t.lower_ == "in" for t in toks[max(0, n - 3) : n]):
            return owner
    return None


def _noun_after(cue: Token) -> Token | None:
    """A name or noun right after an inverted cue ("said David Brock, ...")."""
    for tok in cue.doc[cue.i + 1 : min(cue.i + 4, cue.sent.end)]:
        if _could_speak(tok) and tok.pos_ != "PRON":
            return _phrase_head(tok)
        if tok.pos_ not in ("DET", "ADJ", "ADV"):
            break
    return None


def _noun_before(cue: Token) -> Token | None:
    """The nearest name (else noun) before ``cue`` in its sentence, for a leading cue left without a subject."""
    sent = cue.sent
    # Nouns inside a prepositional phrase ("under Mr. Putin", "to the Observer") are not the speaker.
    toks = [
        t
        for t in cue.doc[sent.start : cue.i]
        if _could_speak(t) and not any(a.dep_ in ("prep", "agent") for a in t.ancestors)
    ]
    pick = next((t for t in reversed(toks) if t.pos_ == "PROPN"), None) or (toks[-1] if toks else None)
    return _phrase_head(pick) if pick is not None else None


def _dash_credit(doc: Doc, text: str, q: _Direct, gap_end: int) -> Token | None:
    """A credit line after the quote ("..." — Jane Doe, a voter): the name, when no verb follows the dash."""
    gap = text[q.close : gap_end]
    stripped = gap.lstrip(" \u00a0")
    if q.unclosed or not stripped[:1] or stripped[0] not in "―—–-":
        return None
    start = q.close + len(gap) - len(stripped) + 1
    end = text.find("\n", start)
    toks = [t for t in _tokens_between(doc, start, gap_end if end < 0 else min(end, gap_end)) if not t.is_space]
    if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks[:6]):
        return None
    first = next((t for t in toks[:4] if t.pos_ in ("PROPN", "NOUN")), None)
    return _phrase_head(first) if first is not None else None


def _lead_speaker(toks: list[Token]) -> Token | None:
    """The speaker of a lead-in (tokens before a colon): the subject of its last verb, else its head noun."""
    for tok in reversed(toks):
        if tok.pos_ in ("VERB", "AUX"):
            subj = _subject(tok, allow_it=True)
            if subj is not None and subj.lower_ not in cues()["first_person"]:
                return subj
            break
    root = toks[-1]
    while root.head.i != root.i and root.head.i >= toks[0].i:
        root = root.head
    return root if root.pos_ in ("PROPN", "NOUN") else None


def _colon_lead(doc: Doc, text: str, q: _Direct, gap_start: int) -> Token | None:
    """The speaker of a lead-in ending in a colon right before the quote ("Trump: ...", "X responded: ...")."""
    gap = text[gap_start : q.open].rstrip(" \u00a0\n")
    if not gap.endswith(":"):
        return None
    toks = [t for t in _tokens_between(doc, gap_start, q.open) if not t.is_space and not t.is_punct]
    if not toks:
        return None
    toks = [t for t in toks if t.i >= toks[-1].sent.start]
    return _lead_speaker(toks)


def _runs_to_end(text: str, q: _Direct) -> bool:
    """True when the quote closes its sentence (or paragraph)."""
    if q.unclosed:
        return True
    after = text[q.close : q.close + 3].lstrip(" \u00a0")
    return not after or after[0] in ".!?\n" or (text[q.end - 1] in ".!?" and not after[0].islower())


def _embedded(doc: Doc, text: str, q: _Direct, para_start: int) -> bool:
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
    return _cue_before(doc, text, q, para_start) is None


def _direct_quotes(analysis: Analysis, paras: list[tuple[int, int]], res: _Resolver) -> list[_Direct]:
    """Direct quotes with their cues and speakers."""
    text, doc = analysis.text, analysis.doc
    assert doc is not None
    doubles = _double_quotes(text, paras)
    singles = _single_quotes(text, paras, doubles)
    quotes = sorted(doubles + singles, key=lambda q: q.open)
    quotes = [
        q for q in quotes if not analysis.is_excluded(q.open, q.close) and not _embedded(doc, text, q, paras[q.para][0])
    ]

    def attribute(q: _Direct, cue: Token) -> None:
        q.cue = cue
        q.cue_span = analysis.span(cue.idx, cue.idx + len(cue.text))
        who = _speaker_token(cue, allow_it=True)
        if who is None or q.open <= who.idx < q.close:
            # No subject, or the parser took a word of the quote for it ("... #tag," he wrote): the
            # noun phrase between the quote and a following cue, or the nearest one before a leading cue.
            if cue.idx >= q.close:
                who = _noun_between(doc, q.close, cue.idx) or _noun_after(cue)
            else:
                who = _noun_before(cue)
        if who is not None:
            set_speaker(q, who)

    def set_speaker(q: _Direct, who: Token) -> None:
        q.speaker = _np_span(analysis, who)
        q.speaker_entity = res.resolve(q.speaker, who)

    for k, q in enumerate(quotes):
        ps, pe = paras[q.para]
        nxt = next((o.open for o in quotes[k + 1 :] if o.para == q.para), pe)
        prv = next((o.close for o in reversed(quotes[:k]) if o.para == q.para), ps)
        # Single quotes are usually scare quotes; only a cue right after them makes them speech.
        cue = _cue_after(doc, text, q, nxt) or (None if q.single else _cue_before(doc, text, q, prv))
        if cue is not None:
            attribute(q, cue)
            continue
        if q.single:
            continue
        label = _TRANSCRIPT.match(text, q.start, q.end)
        if label is not None:
            # A transcript turn ("WALLACE: Do you ..."): the speaker is the label, the words follow it.
            q.speaker = analysis.span(label.start(1), label.end(1))
            q.speaker_entity = res.resolve(q.speaker, None)
            q.cue_span = analysis.span(label.end(1), label.end(1) + 1)
            q.start = label.end()
            continue
        dash = _dash_credit(doc, text, q, nxt)
        if dash is not None:
            set_speaker(q, dash)
            continue
        owner = _words_of(doc, text, q, prv)
        if owner is not None:
            set_speaker(q, owner)
            continue
        gov = _governing_cue(doc, q)
        if gov is not None:
            attribute(q, gov)
            continue
        acc = _according(doc, *_token_range(doc, q.close, nxt)) or _according(doc, *_token_range(doc, prv, q.open))
        if acc is None:
            lead = _colon_lead(doc, text, q, prv)
            if lead is not None:
                set_speaker(q, lead)
                continue
        if acc is not None:
            q.cue_span = analysis.span(acc[0].idx, acc[0].idx + len("according to"))
            q.speaker = _np_span(analysis, acc[1])
            q.speaker_entity = res.resolve(q.speaker, acc[1])
    quotes = [q for q in quotes if not q.single or q.cue_span is not None]
    # A paragraph left open and continued by a quote opening the next paragraph is one chain.
    chains: list[list[_Direct]] = []
    for q in quotes:
        prev_chain = chains[-1] if chains else None
        last = prev_chain[-1] if prev_chain else None
        if last is not None and last.unclosed and q.para == last.para + 1 and q.open == paras[q.para][0]:
            prev_chain.append(q)
        elif last is not None and q.para == last.para and not q.single and not last.single:
            prev_chain.append(q)  # interrupted quote: both parts share one speaker
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
    # Stand-alone quoted paragraphs: continuation of the previous quote, else a cue in the sentence before.
    for k, q in enumerate(quotes):
        if q.speaker is not None or q.cue_span is not None:
            continue
        before = _previous_sentence_speaker(analysis, q, quotes) or _paragraph_speaker(doc, q, quotes, paras)
        if before is not None:
            q.cue_span = analysis.span(before[0].idx, before[0].idx + len(before[0].text))
            set_speaker(q, before[1])
            continue
        prev = quotes[k - 1] if k else None
        if prev is not None and prev.speaker is not None and q.para - prev.para <= 1 and not prev.single:
            q.speaker, q.speaker_entity = prev.speaker, prev.speaker_entity
    # A short unattributed stretch in quotation marks is a scare quote, not speech.
    return [
        q for q in quotes if q.cue_span is not None or q.speaker is not None or len(text[q.start : q.end].split()) > 3
    ]


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token indices covering the character range ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return 0, 0
    return span.start, span.end


def _paragraph_speaker(
    doc: Doc, q: _Direct, quotes: list[_Direct], paras: list[tuple[int, int]]
) -> tuple[Token, Token] | None:
    """The last speech verb with a subject earlier in the quote's paragraph (outside quotes)."""
    toks = [
        t for t in _tokens_between(doc, paras[q.para][0], q.open) if not any(o.open <= t.idx < o.close for o in quotes)
    ]
    for tok in reversed(toks):
        if _is_cue(tok, direct=True):
            who = _subject(tok, allow_it=True)
            if who is not None:
                return tok, who
    return None


def _previous_sentence_speaker(analysis: Analysis, q: _Direct, quotes: list[_Direct]) -> tuple[Token, Token] | None:
    """Cue and speaker from the sentence just before a stand-alone quote: a colon lead-in or a speech verb."""
    doc = analysis.doc
    assert doc is not None
    sents = [s for s in analysis.sentences() if s.end_char <= q.open and s.text.strip()]
    if not sents:
        return None
    sent = sents[-1]
    if analysis.text[sent.end_char : q.open].count("\n") > 2 or analysis.is_excluded(sent.start_char, sent.end_char):
        return None
    outside = [t for t in sent if not any(o.open <= t.idx < o.close for o in quotes)]
    if sent.text.rstrip().endswith(":") and outside:
        lead = _lead_speaker(outside)
        if lead is not None:
            return outside[-1], lead
    found = [t for t in outside if _is_cue(t, direct=True) and _subject(t, allow_it=True) is not None]
    cue = next((t for t in found if t.dep_ == "ROOT"), None) or (found[-1] if found else None)
    if cue is None:
        return None
    who = _subject(cue, allow_it=True)
    return (cue, who) if who is not None else None


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


@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset[str]:
    """Lemmas that may cue reported speech: speech verbs and nouns, and "put" ("as X put it")."""
    c = cues()
    return frozenset(c["verbs"]) | frozenset(c["nouns"]) | {"put"}


_ACCORDING = frozenset({"according"})


def _cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that may cue reported speech: speech verbs and nouns, "put", "according".

    A filter on the attribute columns, so that Python token objects are made only for the few candidates.
    """
    return sorted(
        set(indices_where(doc, "LEMMA", _cue_lemmas(), fold=True)) | set(indices_where(doc, "LOWER", _ACCORDING))
    )


def _reported(analysis: Analysis, direct: list[_Direct], res: _Resolver) -> list[Quote]:
    """Reported speech: speech verbs with a clausal complement, speech nouns with a "that" clause, "according to"."""
    doc = analysis.doc
    assert doc is not None
    c = cues()
    out: list[Quote] = []

    def inside_direct(pos: int) -> bool:
        return any(q.open <= pos < q.close for q in direct)

    def add(content: tuple[int, int], cue: Span, who: Token | None) -> None:
        s, e = content
        if analysis.is_excluded(s, e):
            return
        covered = sum(max(0, min(e, q.end) - max(s, q.start)) for q in direct)
        if covered > (e - s) / 2:
            return
        speaker = _np_span(analysis, who) if who is not None else None
        ent = res.resolve(speaker, who) if speaker is not None else None
        out.append(Quote("", False, analysis.span(s, e), cue, speaker, ent))

    # Token by token, not by analysis.sentences(): the splitter may glue furniture to a sentence.
    for i in _cue_candidates(doc):
        tok = doc[i]
        if inside_direct(tok.idx) or analysis.is_excluded(tok.idx, tok.idx + len(tok)):
            continue
        sent = tok.sent
        low = tok.lower_
        if _is_cue(tok, direct=False):
            clause = next((ch for ch in tok.children if ch.dep_ == "ccomp"), None)
            if clause is None or inside_direct(clause.idx):
                continue
            span = _clause_span(analysis, clause)
            if span is not None:
                add(span, analysis.span(tok.idx, tok.idx + len(tok.text)), _subject(tok))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in c["nouns"]:
            clause = next(
                (
                    ch
                    for ch in tok.children
                    if ch.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in ch.children)
                ),
                None,
            )
            if clause is None or inside_direct(clause.idx):
                continue
            span = _clause_span(analysis, clause)
            who = next((ch for ch in tok.children if ch.dep_ == "poss"), None)
            if who is None:
                for prep in tok.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
                        who = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if span is not None:
                add(span, analysis.span(tok.idx, tok.idx + len(tok.text)), who)
        elif low == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            found = _according(doc, tok.i, tok.i + 1)
            if found is None:
                continue
            phrase = doc[tok.i + 1]
            prep_toks = sorted({tok.i, phrase.i} | {t.i for t in found[1].subtree})
            lo, hi = prep_toks[0], prep_toks[-1] + 1
            left = (sent.start_char, doc[lo].idx)
            right = (doc[hi - 1].idx + len(doc[hi - 1].text), sent.end_char)
            side = max(left, right, key=lambda r: len(analysis.text[r[0] : r[1]].strip(" ,.\n")))
            s, e = _trim(analysis.text, side[0], side[1], ",.;:—–-")
            if e - s < 3:
                continue
            cue = analysis.span(tok.idx, phrase.idx + len(phrase.text))
            add((s, e), cue, found[1])
    return out


def find_quotes(analysis: Analysis) -> list[Quote]:
    """Every direct quote and reported speech in the article, in text order, with ids U1, U2, ..."""
    if analysis.doc is None:
        return []
    paras = _paragraphs(analysis.text)
    res = _Resolver(analysis, paras)
    direct = _direct_quotes(analysis, paras, res)
    quotes = [Quote("", True, analysis.span(q.start, q.end), q.cue_span, q.speaker, q.speaker_entity) for q in direct]
    quotes.extend(_reported(analysis, direct, res))
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"U{n}"
    return quotes


@stage("quotes", requires=("doc", "entities"), assigns=("quotes",))
def quotes(analysis: Analysis) -> None:
    """Append the article's quotes to ``analysis.quotes``."""
    found = find_quotes(analysis)
    for n, q in enumerate(found, len(analysis.quotes) + 1):
        q.id = f"U{n}"
    analysis.quotes.extend(found)
