"""Handlers of the times stage for clock times, recurring times (sets) and holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.stages.times.context import Ctx, Found
from eventwire.stages.times.normalise import duration, shift, vocab
from eventwire.stages.times.values import (
    date_found,
    is_cap,
    month_of,
    number_of,
    resolve_month_day,
    resolve_weekday,
    unit_of,
    weekday_of,
)


def handle_set(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A recurrence ("daily", "every Monday", "twice a year", "per week"): a SET, or None ("the party daily")."""
    if m["adv"]:
        tok = ctx.token(m.start())
        if tok is not None and tok.pos_ in ("NOUN", "PROPN"):
            return None  # "the party daily" is a newspaper
        return Found(m.start(), m.end(), "SET", vocab()["set_adverbs"][m["adv"].lower()], anchor=False)
    u = m["unit"] or m["unit2"] or m["unit3"]
    low = u.lower().rstrip(".")
    if low.endswith("s") and low[:-1] in vocab()["weekdays"] | vocab()["units"] | vocab()["seasons"]:
        low = low[:-1]
    if low in vocab()["weekdays"]:
        return Found(m.start(), m.end(), "SET", f"XXXX-WXX-{vocab()['weekdays'][low]}", anchor=False)
    if low in vocab()["months"]:
        return Found(m.start(), m.end(), "SET", f"XXXX-{vocab()['months'][low]:02d}", anchor=False)
    if low in vocab()["seasons"]:
        return Found(m.start(), m.end(), "SET", f"XXXX-{vocab()['seasons'][low]}", anchor=False)
    if low in vocab()["day_parts"]:
        return Found(m.start(), m.end(), "SET", f"TXX{vocab()['day_parts'][low]}"[1:], anchor=False)
    if low == "weekend":
        return Found(m.start(), m.end(), "SET", "XXXX-WXX-WE", anchor=False)
    unit = unit_of(low)
    n = number_of(m["num"]) if m["num"] else 1
    if unit == "second" and m["num"] is None and m["unit3"] is None and m["unit2"] is None:
        return None
    return Found(m.start(), m.end(), "SET", duration(n or 1, unit), anchor=False)


def _day_base(ctx: Ctx, m: re.Match[str]) -> date | None:
    """The day a clock time or noon/midnight belongs to."""
    if m.groupdict().get("dmon") and ctx.pub is not None:
        mo, d = month_of(m["dmon"]), int(m["dday"])
        if 1 <= d <= 31:
            return resolve_month_day(ctx.pub, mo, d, ctx.tense(m.start("dmon"), m.start()))
    if m["day"]:
        dw = m["day"].lower()
        if ctx.pub is None:
            return None
        if dw in ("today", "yesterday", "tomorrow"):
            return ctx.pub + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[dw])
        return resolve_weekday(ctx.pub, weekday_of(dw), "", ctx.tense(m.start("day"), m.start()))
    if ctx.last is not None and ctx.last[1] == "day":
        return ctx.last[0]
    return ctx.pub


def handle_clock(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A clock time ("3:30 p.m. Monday", "14:00 GMT"): a TIME on the day it belongs to, or None for a bad hour."""
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "") if "ap" in m.re.groupindex else ""
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap == "pm" else 0)
    elif h > 24:
        return None
    base = _day_base(ctx, m)
    day = base.isoformat() if base else "XXXX-XX-XX"
    return date_found(m, f"{day}T{h:02d}:{mi:02d}", "TIME")


def handle_noon(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Noon or midnight ("noon Friday", "midnight"): a TIME at 12:00 or 24:00 of the day it belongs to."""
    word = m["word"].lower()
    base = _day_base(ctx, m)
    day = base.isoformat() if base else "XXXX-XX-XX"
    hh = "24:00" if word == "midnight" else "12:00"
    return date_found(m, f"{day}T{hh}", "TIME")


def _holiday_date(name: str, year: int) -> date | None:
    """The date of the named holiday in ``year`` (fixed or on the nth weekday of a month)."""
    v = vocab()
    if name in v["holidays"]:
        md = v["holidays"][name]
        return date(year, int(md[:2]), int(md[3:]))
    if name == "election day":
        mo, wd, _ = v["election_day"]
        first = date(year, mo, 2)
        return first + timedelta(days=(wd - first.isoweekday()) % 7)
    if name not in v["floating_holidays"]:
        return None
    mo, wd, n = v["floating_holidays"][name]
    if n > 0:
        first = date(year, mo, 1)
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    last = shift(date(year, mo, 1), "month", 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - wd) % 7)


def handle_holiday(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A holiday ("Christmas", "last Labor Day", "Thanksgiving 1998"): a day DATE, or None when lower-case."""
    if not is_cap(m["hol"]):
        return None
    name = " ".join(m["hol"].lower().split())
    if m["year"]:
        d = _holiday_date(name, int(m["year"]))
        return date_found(m, d.isoformat()) if d else None
    pub = ctx.pub
    if pub is None:
        return Found(m.start(), m.end(), "DATE", "XXXX-XX-XX")
    rel = (m["rel"] or "").lower()
    tense = {"last": "past", "next": "future", "this": None}.get(rel, ctx.tense(m.start("hol")))
    options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _holiday_date(name, y))]
    past = [d for d in options if d <= pub]
    future = [d for d in options if d >= pub]
    if tense == "past" and past:
        d = max(past)
    elif tense == "future" and future:
        d = min(future)
    else:
        d = min(options, key=lambda o: abs((o - pub).days))
    return date_found(m, d.isoformat())
