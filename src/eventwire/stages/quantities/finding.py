"""Every quantity of an article: number phrases widened, placed in their clause and given a role."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.analysis import Analysis, Quantity
from eventwire.stages.quantities.cues import cues, lower
from eventwire.stages.quantities.numbers import Phrase, may_start_at, modifier, range_partner, read_phrase
from eventwire.stages.quantities.roles import adjective_role, counted_noun, phrase_head, tally, verb_role
from eventwire.stages.quantities.skips import skip_reason
from eventwire.stages.quantities.tuning import TUNING

# A counted noun within this many tokens after the phrase closes its mention ("49 people").
COUNTED_SPAN_REACH = int(TUNING["counted_span_reach"])


def find_quantities(analysis: Analysis) -> list[Quantity]:
    """Every quantity in the article body, in text order, with ids Q1, Q2, ..."""
    doc = analysis.doc
    out: list[Quantity] = []
    if doc is None:
        return out
    may_start = may_start_at(doc)
    # Whole doc sentences, not analysis.sentences(): a sentence glued to furniture by the
    # splitter still carries facts; only the phrases overlapping furniture are skipped.
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            ph = read_phrase(doc, i, sent.end) if may_start[i] else None
            if ph is None:
                i += 1
                continue
            ph, start_tok = _widened(doc, ph, sent)
            i = ph.end
            quantity = _quantity(analysis, doc, ph, start_tok, sent)
            if quantity is not None:
                out.append(quantity)
    out.sort(key=lambda q: q.mention.start)
    for n, q in enumerate(out, 1):
        q.id = f"Q{n}"
    return out


def _widened(doc: Doc, ph: Phrase, sent: SpacySpan) -> tuple[Phrase, int]:
    """The phrase grown into a range ("10 to 20") or bounded by its modifier ("at least 10"), and its first token."""
    start_tok = ph.start
    partner = range_partner(doc, ph, sent.end)
    if partner is not None:
        ph = Phrase(ph.start, partner.end, None, ph.value, partner.value, approximate=False, digits=ph.digits)
        if ph.start > sent.start and lower(doc[ph.start - 1]) == "between":
            start_tok = ph.start - 1
        return ph, start_tok
    start_tok, kind = modifier(doc, ph.start, sent.start)
    if kind and ph.value is not None:
        if kind == "min":
            ph.low = ph.value
        elif kind.startswith("max"):
            ph.high = ph.value
        if kind in ("approx", "max_approx"):
            ph.approximate = True
    elif kind == "approx":
        ph.approximate = True
    return ph, start_tok


def _quantity(analysis: Analysis, doc: Doc, ph: Phrase, start_tok: int, sent: SpacySpan) -> Quantity | None:
    """The quantity a phrase states, with what it counts and its role; None for a year, a date, a name ..."""
    head = phrase_head(doc, ph)
    counted = counted_noun(doc, ph, head, sent)
    if skip_reason(doc, ph, head, counted, sent):
        return None
    start_tok, currency = _currency(doc, ph, start_tok, sent)
    arg = counted if counted is not None and head.head.i == counted.i else head
    role, counts, counted, end_tok = _reading(doc, ph, arg, counted, currency, sent)
    if end_tok is None:
        end_tok = ph.end
    if counted is not None and ph.end <= counted.i < ph.end + COUNTED_SPAN_REACH and counted.sent.start == sent.start:
        end_tok = counted.i + 1
    s_char, e_char = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    if analysis.is_excluded(s_char, e_char):
        return None
    return Quantity(
        id="",
        mention=analysis.span(s_char, e_char),
        value=ph.value,
        low=ph.low,
        high=ph.high,
        approximate=ph.approximate,
        counts=counts,
        role=role,
    )


def _currency(doc: Doc, ph: Phrase, start_tok: int, sent: SpacySpan) -> tuple[int, str | None]:
    """The currency sign or word before the phrase ("$5m", "US$ 20"), which then opens the mention."""
    c = cues()
    currency = None
    prev = doc[start_tok - 1] if start_tok > sent.start else None
    if prev is not None and prev.text in c["currencies"]:
        currency = c["currencies"][prev.text]
        start_tok -= 1
    elif doc[ph.start].text in c["currencies"]:
        currency = c["currencies"][doc[ph.start].text]
    return start_tok, currency


def _reading(
    doc: Doc, ph: Phrase, arg: Token, counted: Token | None, currency: str | None, sent: SpacySpan
) -> tuple[str | None, str | None, Token | None, int | None]:
    """Role, what is counted (word and token) and the mention's end token (None: the phrase's end) of a number:
    a percentage, a force's size ("a 5,000-strong force"), money, or a role read from the clause."""
    c = cues()
    counts: str | None = counted.text.lower() if counted is not None else None
    nxt_text = doc[ph.end].text.lower() if ph.end < sent.end else ""
    if nxt_text in ("%", "percent") or (nxt_text == "per" and ph.end + 1 < sent.end):
        return None, "percent", None, ph.end + (2 if nxt_text == "per" else 1)
    if nxt_text in ("-", "–") and ph.end + 1 < sent.end and lower(doc[ph.end + 1]) == "strong":
        # "a 5,000-strong force": a force's size
        if ph.end + 2 < sent.end and doc[ph.end + 2].pos_ == "NOUN":
            counted = doc[ph.end + 2]
            return "forces", counted.text.lower(), counted, ph.end + 3
        return "forces", counts, None, ph.end + 2
    if currency or (counted is not None and counted.lemma_.lower() in c["money_nouns"]):
        return "money", currency or counts, counted, None
    role, counts, counted = _clause_role(doc, ph, arg, counted, counts, sent)
    return role, counts, counted, None


def _clause_role(
    doc: Doc, ph: Phrase, arg: Token, counted: Token | None, counts: str | None, sent: SpacySpan
) -> tuple[str | None, str | None, Token | None]:
    """Role from the clause (verb, predicate word, counted noun, tally), with what is counted."""
    c = cues()
    role = verb_role(arg, counted) or adjective_role(doc, ph, arg, counted, sent)
    if role is None and counted is not None:
        role = c["nouns"].get(counted.lemma_.lower())
    if role is None and counted is None:
        role, tallied = tally(doc, ph, arg, sent)
        if tallied is not None:
            counts = tallied.text.lower()
            counted = tallied
    if role is None and counted is not None:
        lemma = counted.lemma_.lower()
        role = None if lemma in c["measure_units"] else "other"
    return role, counts, counted
