"""Numbers that are not quantities: years, dates, ages, durations, clock times, parts of names, "one" as a
pronoun, and weak vague words that count nothing."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.stages.quantities.cues import cues, is_people, lower
from eventwire.stages.quantities.numbers import Phrase
from eventwire.stages.quantities.tuning import TUNING

# A four-digit number in this range is a year unless it counts people.
YEAR_MIN = int(TUNING["year_min"])
YEAR_MAX = int(TUNING["year_max"])


def skip_reason(doc: Doc, ph: Phrase, head: Token, counted: Token | None, sent: SpacySpan) -> str | None:
    """Why this phrase is not a quantity (a year, a date, an age, a duration, part of a name), if it is not."""
    prev = doc[ph.start - 1] if ph.start > sent.start else None
    nxt = doc[ph.end] if ph.end < sent.end else None
    return (
        _calendar_reason(doc, ph, counted, prev, nxt, sent)
        or _name_reason(doc, ph, head, counted, prev, sent)
        or _pronoun_reason(doc, ph, head, prev, nxt)
        or ("weak" if ph.weak and counted is None else None)
    )


def _calendar_reason(
    doc: Doc, ph: Phrase, counted: Token | None, prev: Token | None, nxt: Token | None, sent: SpacySpan
) -> str | None:
    """A date, a year, a duration, an age or a clock time: numbers the times stage reads."""
    c = cues()
    first = doc[ph.start]
    months = c["months"]
    if prev is not None and lower(prev).rstrip(".") in months:
        return "date"
    if nxt is not None and lower(nxt).rstrip(".") in months:
        return "date"
    if ph.digits and ph.end - ph.start == 1 and re.fullmatch(r"\d{4}", first.text):
        year = int(first.text)
        if YEAR_MIN <= year <= YEAR_MAX and not (counted is not None and is_people(counted)):
            return "year"
    if counted is not None and counted.lemma_.lower() in c["time_units"]:
        return "duration"
    if nxt is not None and nxt.text in ("-",) and ph.end + 1 < sent.end and lower(doc[ph.end + 1]) == "year":
        return "age"
    if prev is not None and lower(prev) in c["age_words"]:
        return "age"
    if nxt is not None and lower(nxt) in ("am", "pm", "a.m.", "p.m.", "gmt", "utc", ":"):
        return "time"
    return None


def _name_reason(
    doc: Doc, ph: Phrase, head: Token, counted: Token | None, prev: Token | None, sent: SpacySpan
) -> str | None:
    """A number that is part of a name: "Resolution 2254", "F-16", "No. 10", "#3"."""
    if (
        prev is not None
        and prev.pos_ in ("PROPN", "NOUN")
        and prev.is_title
        and (head.head.i == prev.i or counted is None)
    ):
        return "name"
    if prev is not None and prev.text == "-" and ph.start - 2 >= sent.start and doc[ph.start - 2].is_alpha:
        return "name"
    if prev is not None and prev.text == "." and ph.start - 2 >= sent.start and doc[ph.start - 2].text == "No":
        return "name"
    if prev is not None and prev.text in ("#", "No", "No.", "no."):
        return "name"
    return None


def _pronoun_reason(doc: Doc, ph: Phrase, head: Token, prev: Token | None, nxt: Token | None) -> str | None:
    """ "one" as a pronoun ("one of them", "the one", "one another"), not a count."""
    first = doc[ph.start]
    if lower(first) == "one" and ph.end - ph.start == 1:
        after = lower(nxt) if nxt is not None else ""
        before = lower(prev) if prev is not None else ""
        if (
            after in ("of", "another")
            or before in ("the", "this", "that", "no", "any", "every")
            or head.dep_
            not in (
                "nummod",
                "nsubj",
                "nsubjpass",
                "dobj",
            )
        ):
            return "pronoun"
    return None
