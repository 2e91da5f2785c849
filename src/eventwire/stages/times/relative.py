"""Handlers of the times stage for relative dates: days and weekdays, parts of the day, "last week", "the year
before", "three years ago", "later in the week", and past, present and future references.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.stages.times.context import Ctx, Found
from eventwire.stages.times.normalise import duration, fmt, interval, shift, unknown, vocab
from eventwire.stages.times.tuning import TUNING
from eventwire.stages.times.values import date_found, is_cap, mod_of, number_of, resolve_weekday, unit_of, weekday_of

# "A few years ago" (or "from now") lies this many units (nearest, farthest) away from publication.
FEW_UNITS_NEAREST = int(TUNING["few_units_nearest"])
FEW_UNITS_FARTHEST = int(TUNING["few_units_farthest"])
# How many months back "recently" and "lately" reach.
RECENTLY_MONTHS = int(TUNING["recently_months"])


def handle_dayrel2(m: re.Match[str], ctx: Ctx) -> Found | None:
    """The day before yesterday or after tomorrow: a day DATE two days from publication."""
    n = -2 if m["dir"].lower().startswith("before") else 2
    if ctx.pub is None:
        return Found(m.start(), m.end(), "DATE", "XXXX-XX-XX")
    return date_found(m, (ctx.pub + timedelta(days=n)).isoformat())


def handle_dayrel(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Today, tomorrow, yesterday or tonight ("yesterday morning"): a day DATE, or a TIME with a part of day."""
    rel = m["rel"].lower()
    n = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[rel]
    part = vocab()["day_parts"].get((m["part"] or ("tonight" if rel == "tonight" else "")).lower())
    typ = "TIME" if part else "DATE"
    if ctx.pub is None:
        return Found(m.start(), m.end(), typ, "XXXX-XX-XX" + (f"T{part}" if part else ""))
    d = (ctx.pub + timedelta(days=n)).isoformat()
    f = date_found(m, d + (f"T{part}" if part else ""), typ)
    f.mod = mod_of(m["mod"])
    return f


def handle_partday(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A part of a day ("this morning", "the next evening"): a TIME on the publication or anchor day, or None."""
    rel = " ".join(m["rel"].lower().split())
    part = vocab()["day_parts"][m["part"].lower()]
    if rel == "the" and not m["mod"]:
        return None
    base = ctx.pub if rel in ("this", "last") else ctx.anchor_for("day")
    if base is not None and rel in ("the next", "the following"):
        base = base + timedelta(days=1)
    elif base is not None and rel == "the previous":
        base = base - timedelta(days=1)
    if base is None:
        return Found(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{part}")
    if rel == "last":
        base = base - timedelta(days=1) if part in ("NI", "EV") else base - timedelta(days=1)
    return date_found(m, f"{base.isoformat()}T{part}", "TIME")


def handle_overnight(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Overnight: a TIME for the night before publication, or None when an adjective ("overnight trading")."""
    tok = ctx.token(m.start())
    if tok is not None and tok.pos_ == "ADJ":
        return None
    if ctx.pub is None:
        return Found(m.start(), m.end(), "TIME", "XXXX-XX-XXTNI")
    return date_found(m, f"{(ctx.pub - timedelta(days=1)).isoformat()}TNI", "TIME")


def handle_weekday(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A weekday ("last Friday", "Monday night", "Mondays"): a day DATE or TIME, a SET for plurals, or None."""
    if not is_cap(m["wd"]):
        return None
    tok = ctx.token(m.start("wd"))
    if tok is not None and tok.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "FAC"):
        return None
    wd = weekday_of(m["wd"])
    rel = " ".join((m["rel"] or "").lower().split())
    part = vocab()["day_parts"].get((m["part"] or "").lower())
    if m["pl"] or (m["part"] and m.group(0).endswith("s")):
        return Found(m.start(), m.end(), "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), anchor=False)
    mod = mod_of(rel) if rel in ("early", "late") else None
    typ = "TIME" if part else "DATE"
    if rel in ("the following", "the previous"):
        base = ctx.anchor_for("day")
    else:
        base = ctx.pub
    if base is None:
        return Found(m.start(), m.end(), typ, f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), mod)
    d = resolve_weekday(base, wd, rel, ctx.tense(m.start("wd")))
    f = date_found(m, d.isoformat() + (f"T{part}" if part else ""), typ)
    f.mod = mod
    return f


_REL_SHIFT = {
    "this": 0,
    "last": -1,
    "next": 1,
    "this past": -1,
    "this coming": 1,
    "the previous": -1,
    "the preceding": -1,
    "the prior": -1,
    "the coming": 1,
    "the next": 1,
    "the following": 1,
    "the current": 0,
    "the same": 0,
    "that": 0,
    "the": 0,
    "the past": -1,
    "the last": -1,
}
_ANAPHORIC = {"the previous", "the preceding", "the prior", "the next", "the following", "the same", "that"}


def handle_relunit(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A unit from now or the anchor ("last week", "the following year"): a DATE, a DURATION for "the past year"."""
    rel = " ".join(m["rel"].lower().split())
    unit = unit_of(m["unit"].split()[-1])
    mod_word = " ".join((m["mod"] or "").lower().split())
    if rel == "the" and unit != "weekend" and not mod_word:
        return None
    if rel in ("the next", "the coming") and unit == "day":
        rel = "the following"
    if rel in ("the past", "the last", "the coming") and unit not in ("weekend",) and not mod_word:
        return _unit_to_publication(m, ctx, rel, unit)
    base = ctx.anchor_for(unit) if rel in _ANAPHORIC else ctx.pub
    if rel == "the" and unit == "weekend":
        rel = _weekend_rel(m, ctx, base)
    if base is None:
        return Found(m.start(), m.end(), "DATE", unknown(unit), mod_of(mod_word))
    n = _REL_SHIFT.get(rel, 0)
    value = fmt(shift(base, unit, n), unit)
    return _modified_unit(m, ctx, value, mod_word, n == 0 and rel == "this")


def _unit_to_publication(m: re.Match[str], ctx: Ctx, rel: str, unit: str) -> Found:
    """A DURATION of one unit up to or from publication ("the past year", "the coming week")."""
    # "the past year" spans the year up to publication: a duration, not a calendar unit.
    f = Found(m.start(), m.end(), "DURATION", duration(1, unit), anchor=False)
    if ctx.pub is not None:
        other = shift(ctx.pub, unit, _REL_SHIFT[rel])
        f.lo, f.hi = min(other, ctx.pub), max(other, ctx.pub)
        f.precision = "fuzzy"
    return f


def _weekend_rel(m: re.Match[str], ctx: Ctx, base: date | None) -> str:
    """Which weekend "the weekend" is: 'next' in the future tense, else 'last', or 'this' when ``base`` is in one."""
    tense = ctx.tense(m.start("unit"))
    rel = "next" if tense == "future" else "last"
    if base is not None and base.isoweekday() >= 6 and tense != "future":
        rel = "this"
    return rel


def _modified_unit(m: re.Match[str], ctx: Ctx, value: str, mod_word: str, this_unit: bool) -> Found:
    """The DATE ``value`` with its modifier ("earlier this month", "the rest of the year", "the first half of")."""
    if mod_word in ("earlier", "later") and this_unit and ctx.pub is not None:
        lo, hi, _ = interval(value)
        if lo and hi:
            if mod_word == "earlier":
                hi = max(lo, ctx.pub - timedelta(days=1))
            else:
                lo = min(hi, ctx.pub + timedelta(days=1))
            return Found(m.start(), m.end(), "DATE", value, mod_of(mod_word), lo, hi, "fuzzy")
    if mod_word == "the rest of" and ctx.pub is not None:
        lo, hi, _ = interval(value)
        return Found(m.start(), m.end(), "DATE", value, "END", ctx.pub, hi, "fuzzy")
    if mod_word.startswith("the first half") or mod_word.startswith("the second half"):
        f = date_found(m, value)
        if f.lo and f.hi:
            mid = f.lo + (f.hi - f.lo) / 2
            f.lo, f.hi = (f.lo, mid) if "first" in mod_word else (mid + timedelta(days=1), f.hi)
            f.precision = "fuzzy"
        return f
    return date_found(m, value, mod=mod_of(mod_word))


def handle_unitrel(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A unit before or after the anchor ("the day before", "the year after"): a DATE one unit from the anchor."""
    unit = m["unit"].lower()
    n = -1 if m["dir"].lower() in ("before", "earlier") else 1
    base = ctx.anchor_for(unit)
    if base is None:
        return Found(m.start(), m.end(), "DATE", unknown(unit))
    return date_found(m, fmt(shift(base, unit, n), unit))


def handle_ago(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A count of units away ("three years ago", "two days later"): a DATE, DURATION or PAST/FUTURE_REF, or None."""
    unit = unit_of(m["unit"])
    if unit == "second" and not re.match(r"\d", m["num"]):
        return None
    n = number_of(m["num"])
    d = " ".join(m["dir"].lower().split())
    sign = -1 if d in ("ago", "earlier", "before", "previously") else 1
    anaphoric = d in ("earlier", "later", "before", "after")
    base = ctx.anchor_for(unit) if anaphoric else ctx.pub
    if anaphoric and ctx.last is None:
        base = ctx.pub
    gran = {"hour": "day", "minute": "day", "second": "day", "fortnight": "week"}.get(unit, unit)
    if ctx.last is not None and ctx.last[1] == "quarter" and unit == "year":
        # Financial comparisons: "a year ago" after a quarter means that quarter a year back.
        gran = "quarter"
        base = ctx.quarter() or ctx.last[0]
    if n is None and anaphoric:
        return Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    if n is None:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        f = Found(m.start(), m.end(), "DATE", value, anchor=False)
        if ctx.pub is not None:
            # "a few years ago": somewhere between two and about seven units away.
            ends = (shift(ctx.pub, unit, sign * FEW_UNITS_NEAREST), shift(ctx.pub, unit, sign * FEW_UNITS_FARTHEST))
            f.lo, f.hi, f.precision = min(ends), max(ends), "fuzzy"
        return f
    if base is None:
        return Found(m.start(), m.end(), "DATE", unknown(gran))
    if unit == "fortnight":
        unit, n = "week", n * 2
    if unit in ("hour", "minute", "second"):
        return Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    if not float(n).is_integer():
        return Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    target = shift(base, unit, sign * int(n))
    mod = "APPROX" if m["approx"] else None
    f = date_found(m, fmt(target, gran))
    f.mod = mod
    # A comparison point ("a year earlier") is not what later anaphora refer to.
    f.anchor = gran in ("day", "week")
    return f


def handle_yearago(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A year-ago comparison ("the year-ago quarter", "year-earlier period"): a DATE one unit before the anchor."""
    unit = m["unit"].lower()
    what = (m["what"] or "").lower()
    gran = what if what in ("quarter", "month", "year") else None
    if gran is None and ctx.last is not None:
        gran = ctx.last[1] if ctx.last[1] in ("quarter", "month", "year") else unit
    gran = gran or unit
    base = ctx.anchor_for(gran) or ctx.pub
    if gran == "quarter" and ctx.quarter() is not None:
        base = ctx.quarter()
    if base is None:
        return Found(m.start(), m.end(), "DATE", unknown(gran))
    if m["head"]:
        q = vocab()["ordinals"][m["head"].lower()]
        f = date_found(m, f"{base.year - 1:04d}-Q{q}")
    elif ctx.pub is not None and unit == gran == "year" and base.year < ctx.pub.year:
        # The period just mentioned is already the year-ago one ("the 1988 period. The year-ago results").
        f = date_found(m, fmt(base, gran))
    else:
        f = date_found(m, fmt(shift(base, unit, -1), gran))
    f.anchor = False
    return f


def handle_ref(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A vague reference ("now", "recently", "the future"): a PRESENT_REF, PAST_REF or FUTURE_REF DATE, or None."""
    w = " ".join(m["ref"].lower().split())
    v = vocab()
    tok = ctx.token(m.start())
    prev = ctx.prev_word(m.start())
    if w in ("recently", "recent") and prev in ("most", "more"):
        return None
    if w == "soon" and prev == "as":
        return None
    if w == "current" and (tok is None or tok.pos_ != "ADJ"):
        return None
    if w == "future" and (tok is None or tok.pos_ != "ADJ"):
        return None
    if w in v["present_ref"]:
        f = Found(m.start(), m.end(), "DATE", "PRESENT_REF", anchor=False)
        if ctx.pub is not None:
            f.lo = f.hi = ctx.pub
            f.precision = "fuzzy"
        return f
    if w in v["past_ref"]:
        f = Found(m.start(), m.end(), "DATE", "PAST_REF", anchor=False)
        if ctx.pub is not None and w in ("recently", "lately"):
            # "recently" reaches back a few weeks at most in news reporting.
            f.lo, f.hi, f.precision = shift(ctx.pub, "month", -RECENTLY_MONTHS), ctx.pub, "fuzzy"
        return f
    return Found(m.start(), m.end(), "DATE", "FUTURE_REF", anchor=False)


def handle_inthe(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Earlier or later in a unit ("later in the week"): the current (for "day", the anchor) unit's DATE with a mod."""
    unit = m["unit"].lower()
    base = ctx.anchor_for(unit) if unit == "day" else ctx.pub
    if base is None:
        return Found(m.start(), m.end(), "DATE", unknown(unit), mod_of(m["mod"]))
    return date_found(m, fmt(base, unit), "DATE", mod_of(m["mod"]))
