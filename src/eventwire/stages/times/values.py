"""Values of the times stage: numbers, units, modifiers, month and weekday names read off a match; the year of a
month or day and the date of a weekday written without one; the month-looking words that are not months.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.stages.times.context import Ctx, Found
from eventwire.stages.times.normalise import modified_interval, vocab
from eventwire.stages.times.tuning import TUNING

# How far a month and day may lie on the wrong side of publication before the tense of its verb moves it.
TENSE_OVERRIDE_DAYS = TUNING["tense_override_days"]


def number_of(s: str | None) -> float | None:
    """The number a numeral or number word denotes (None for vague ones such as 'several')."""
    if not s:
        return None
    s = " ".join(s.lower().split())
    if s.endswith(("1/2", "½")):
        whole = number_of(s.removesuffix("1/2").removesuffix("½").strip() or "0")
        return None if whole is None else whole + 0.5
    try:
        return float(s)
    except ValueError:
        pass
    nums = vocab()["numbers"]
    if s in nums:
        return float(nums[s])
    m = re.fullmatch(r"([a-z]+)[\s-]([a-z]+)", s)
    if m and m[1] in nums and m[2] in nums:
        return float(nums[m[1]] + nums[m[2]])
    return None


def unit_of(s: str) -> str:
    """The singular unit name of ``s`` ('centuries' -> 'century')."""
    s = s.lower()
    s = vocab()["unit_plurals"].get(s, s)
    if s.startswith("centur"):
        return "century"
    return s[:-1] if s.endswith("s") and s[:-1] in vocab()["units"] else s


def mod_of(s: str | None) -> str | None:
    """The TIMEX3 mod code of a modifier word."""
    if not s:
        return None
    return vocab()["modifiers"].get(" ".join(s.lower().split()))


def month_of(s: str) -> int:
    """The month number of a month name or abbreviation."""
    return vocab()["months"][s.lower().rstrip(".")]


def weekday_of(s: str) -> int:
    """The ISO weekday number of a weekday name or abbreviation."""
    s = s.lower().rstrip(".")
    return vocab()["weekdays"].get(s) or vocab()["weekday_abbrevs"][s]


def is_cap(s: str) -> bool:
    """True when a calendar word is written as a name (capitalised)."""
    return s[:1].isupper()


def resolve_month_day(pub: date | None, month: int, day: int | None, tense: str | None) -> date | None:
    """The year for a month (and day) written without one, using tense, else the nearest one."""
    if pub is None:
        return None
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, month, day or 1))
        except ValueError:
            continue
    if not cands:
        return None
    ref = pub if day else date(pub.year, pub.month, 1)
    if tense == "present":
        tense = None
    if day:
        # A full month and day is usually the nearest one; tense only overrides a distant pick.
        near = min(cands, key=lambda c: abs((c - ref).days))
        if tense == "past" and (near - ref).days > TENSE_OVERRIDE_DAYS:
            past = [c for c in cands if c <= ref]
            return max(past) if past else near
        if tense == "future" and (ref - near).days > TENSE_OVERRIDE_DAYS:
            fut = [c for c in cands if c >= ref]
            return min(fut) if fut else near
        return near
    if tense == "past":
        past = [c for c in cands if c <= ref]
        return max(past) if past else None
    if tense == "future":
        fut = [c for c in cands if c >= ref]
        return min(fut) if fut else None
    return min(cands, key=lambda c: (abs((c - ref).days), c > ref))


def resolve_weekday(pub: date, wd: int, rel: str, tense: str | None) -> date:
    """The date of ISO weekday ``wd`` relative to ``pub`` ('last', 'next', 'this' or tense)."""
    back = (pub.isoweekday() - wd) % 7
    fwd = (wd - pub.isoweekday()) % 7
    if rel in ("last", "this past", "the previous"):
        return pub - timedelta(days=back or 7)
    if rel in ("next", "this coming", "the following"):
        return pub + timedelta(days=fwd or 7)
    if rel == "this":
        return pub + timedelta(days=wd - pub.isoweekday())
    if tense in ("future", "present"):
        return pub + timedelta(days=fwd)
    return pub - timedelta(days=back)


def date_found(m: re.Match[str], value: str, typ: str = "DATE", mod: str | None = None) -> Found:
    """A DATE/TIME found with its interval from the value (narrowed by ``mod``)."""
    lo, hi, prec = modified_interval(value.split("T")[0], mod)
    return Found(m.start(), m.end(), typ, value, mod, lo, hi, prec)


def ok_month_token(ctx: Ctx, m: re.Match[str], grp: str = "mon", standalone: bool = False) -> bool:
    """False when the month-looking word is a modal verb, a verb, or part of a name."""
    word = m.group(grp)
    if not is_cap(word):
        return False
    tok = ctx.token(m.start(grp))
    if tok is None:
        return True
    if tok.tag_ == "MD" or (tok.pos_ == "VERB" and word.lower() in vocab()["ambiguous"]):
        return False
    if standalone:
        if tok.ent_type_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "GPE"):
            return False
        if tok.i > 0:
            prev = tok.doc[tok.i - 1]
            if prev.pos_ == "PROPN" and is_cap(prev.text) and prev.lower_.rstrip(".") not in vocab()["months"]:
                return False
        if word.lower() in vocab()["ambiguous"] and tok.pos_ not in ("PROPN", "NOUN"):
            return False
        after = ctx.text[m.end(grp) : m.end(grp) + 30]
        if word.lower() in vocab()["ambiguous"] and re.match(r"\s+(?:of\s+the|for|on)\s+[A-Z]", after):
            return False  # a named march ("the March for Peace", "a March on Washington")
    return True
