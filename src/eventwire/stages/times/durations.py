"""Handlers of the times stage for durations: spans up to or from now ("the past three years", "the months ahead",
"recent weeks") and bare durations ("three weeks", "a day-long meeting", "for years").
"""

from __future__ import annotations

import re

from eventwire.stages.times.context import Ctx, Found
from eventwire.stages.times.normalise import duration, shift
from eventwire.stages.times.tuning import TUNING
from eventwire.stages.times.values import number_of, unit_of

# The units a duration of unstated length spans: "the past few years", "the years ahead", "recent days/weeks".
VAGUE_COUNT = int(TUNING["vague_count"])
AHEAD_UNITS = int(TUNING["ahead_units"])
RECENT_DAYS = int(TUNING["recent_days"])
RECENT_UNITS = int(TUNING["recent_units"])

_MODALS = ("will", "would", "could", "may", "might", "can", "shall")
_DURATION_PREPOSITIONS = ("for", "over", "within", "in", "than", "after", "past")
_RATE_WORDS = ("million", "billion", "times", "%", "percent")


def handle_durrel(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A duration up to or from now ("the past three years", "the next few months"): a DURATION, or None."""
    unit = unit_of(m["unit"])
    rel = m["rel"].lower()
    n = number_of(m["num"]) if m["num"] else None
    if m["num"] is None and not m["det"] and rel not in ("coming", "past", "next", "last"):
        return None
    if unit == "second" and m["num"] and not re.match(r"\d", m["num"]):
        return None
    start = m.start()
    if m["approx"] and m["det"] and m["approx"].lower() in ("over", "under", "up to"):
        start = m.start("det")  # "over the past year": here "over" is a preposition
    f = Found(start, m.end(), "DURATION", duration(n, unit), anchor=False)
    if ctx.pub is not None and rel in ("past", "last", "previous", "preceding", "next", "coming", "following"):
        sign = -1 if rel in ("past", "last", "previous", "preceding") else 1
        k = int(n) if n is not None and float(n).is_integer() else VAGUE_COUNT
        if unit in ("hour", "minute", "second"):
            k = 1
            unit_for_shift = "day"
        else:
            unit_for_shift = unit
        other = shift(ctx.pub, unit_for_shift, sign * k)
        f.lo, f.hi = min(other, ctx.pub), max(other, ctx.pub)
        f.precision = "fuzzy"
    return f


def handle_ahead(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Units ahead ("the years ahead", "the months to come"): a DURATION of unstated length from publication on."""
    unit = unit_of(m["unit"])
    f = Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    if ctx.pub is not None:
        f.lo, f.hi, f.precision = ctx.pub, shift(ctx.pub, unit, AHEAD_UNITS), "fuzzy"
    return f


def handle_recent(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Recent units ("recent weeks", "the most recent three months"): a DURATION ending at publication."""
    unit = unit_of(m["unit"])
    n = number_of(m["num"]) if m["num"] else None
    f = Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    if ctx.pub is not None:
        k = int(n) if n is not None and float(n).is_integer() else (RECENT_DAYS if unit == "day" else RECENT_UNITS)
        f.lo, f.hi, f.precision = shift(ctx.pub, unit, -k), ctx.pub, "fuzzy"
    return f


def handle_duration(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A duration ("three weeks", "day-long", "for years"): a DURATION, SET ("5% a year"), FUTURE_REF or None."""
    unit = unit_of(m["unit"])
    raw = m["num"]
    if raw is None:
        return _uncounted_duration(m, ctx, unit)
    return _counted_duration(m, ctx, unit, raw)


def _uncounted_duration(m: re.Match[str], ctx: Ctx, unit: str) -> Found | None:
    """A duration without a number ("a day-long meeting", "for years", "another week")."""
    if m["adj"] and not m["extra"]:
        # "a day-long meeting", "a decades-long battle"
        return Found(m.start(), m.end(), "DURATION", duration(None if m["pl"] else 1, unit), anchor=False)
    if not m["extra"]:
        # Bare plural units ("for years") only after a preposition of duration.
        if not m["pl"] or ctx.prev_word(m.start()) not in _DURATION_PREPOSITIONS:
            return None
        return Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    return Found(m.start(), m.end(), "DURATION", duration(1, unit), anchor=False)


def _counted_duration(m: re.Match[str], ctx: Ctx, unit: str, raw: str) -> Found | None:
    """A duration with a number or number word ``raw`` ("three weeks", "a year", "two and a half days")."""
    n = number_of(raw)
    if raw.lower() == "one" and unit == "day" and not m["pl"] and ctx.prev_word(m.start()) in _MODALS:
        return Found(m.start(), m.end(), "DATE", "FUTURE_REF", anchor=False)  # "will one day be"
    if m["half"] and n is not None:
        return Found(m.start(), m.end(), "DURATION", duration(n + 0.5, unit), anchor=False)
    if m["adj"] and raw.lower() in ("a", "an"):
        # "a day-long meeting": the article belongs to the noun phrase, not to the duration
        return Found(m.start("unit"), m.end(), "DURATION", duration(1, unit), anchor=False)
    low = " ".join(raw.lower().split())
    if _no_count_of_units(m, ctx, unit, low):
        return None
    if low in ("a", "an") and unit in ("day", "week", "month", "year"):
        if _after_amount(ctx, m.start()):
            return Found(m.start(), m.end(), "SET", duration(1, unit), anchor=False)  # "5% a year"
        if ctx.prev_word(m.start()) in ("per",):
            return None
    if ctx.next_word(m.end()) in ("of",) and raw.lower() in ("a", "an", "the"):
        return None
    # A range ("two to three weeks") keeps its lower bound, as TimeML does.
    return Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)


def _no_count_of_units(m: re.Match[str], ctx: Ctx, unit: str, low: str) -> bool:
    """True when the number word ``low`` counts no units ("a second time", "a quarter of", "three-quarters")."""
    if unit == "second" and not re.match(r"\d", low):
        return True
    if unit == "quarter" and low in ("a", "an", "one") and ctx.next_word(m.end()) != "century":
        return True
    if unit == "quarter" and "-" in m.group(0) and m["pl"]:
        return True  # "three-quarters" is a fraction
    return low in ("some", "many") and ctx.next_word(m.end()) == "of"


def _after_amount(ctx: Ctx, start: int) -> bool:
    """True when the token before ``start`` is a number or amount word: "a year" is then a rate ("5% a year")."""
    tok = ctx.token(start)
    ptok = tok.doc[tok.i - 1] if tok is not None and tok.i > 0 else None
    return ptok is not None and bool(ptok.like_num or ptok.lower_ in _RATE_WORDS)
