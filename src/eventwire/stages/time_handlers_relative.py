"""Handlers of the times stage for relative dates and durations: days and weekdays, parts of the day, "last week",
"the year before", "three years ago", "the past two months", bare durations and past, present and future references.
"""

from __future__ import annotations

import re
from datetime import timedelta

from eventwire.stages.time_context import _Ctx, _Found
from eventwire.stages.time_values import _date_found, _is_cap, _mod, _num, _resolve_weekday, _unit, _weekday
from eventwire.stages.timexnorm import duration, fmt, interval, shift, unknown, vocab


def _h_dayrel2(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """The day before yesterday or after tomorrow: a day DATE two days from publication."""
    n = -2 if m["dir"].lower().startswith("before") else 2
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", "XXXX-XX-XX")
    return _date_found(m, (ctx.pub + timedelta(days=n)).isoformat())


def _h_dayrel(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """Today, tomorrow, yesterday or tonight ("yesterday morning"): a day DATE, or a TIME with a part of day."""
    rel = m["rel"].lower()
    n = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[rel]
    part = vocab()["day_parts"].get((m["part"] or ("tonight" if rel == "tonight" else "")).lower())
    typ = "TIME" if part else "DATE"
    if ctx.pub is None:
        return _Found(m.start(), m.end(), typ, "XXXX-XX-XX" + (f"T{part}" if part else ""))
    d = (ctx.pub + timedelta(days=n)).isoformat()
    f = _date_found(m, d + (f"T{part}" if part else ""), typ)
    f.mod = _mod(m["mod"])
    return f


def _h_partday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
        return _Found(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{part}")
    if rel == "last":
        base = base - timedelta(days=1) if part in ("NI", "EV") else base - timedelta(days=1)
    return _date_found(m, f"{base.isoformat()}T{part}", "TIME")


def _h_overnight(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """Overnight: a TIME for the night before publication, or None when an adjective ("overnight trading")."""
    tok = ctx.token(m.start())
    if tok is not None and tok.pos_ == "ADJ":
        return None
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "TIME", "XXXX-XX-XXTNI")
    return _date_found(m, f"{(ctx.pub - timedelta(days=1)).isoformat()}TNI", "TIME")


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A weekday ("last Friday", "Monday night", "Mondays"): a day DATE or TIME, a SET for plurals, or None."""
    if not _is_cap(m["wd"]):
        return None
    tok = ctx.token(m.start("wd"))
    if tok is not None and tok.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "FAC"):
        return None
    wd = _weekday(m["wd"])
    rel = " ".join((m["rel"] or "").lower().split())
    part = vocab()["day_parts"].get((m["part"] or "").lower())
    if m["pl"] or (m["part"] and m.group(0).endswith("s")):
        return _Found(m.start(), m.end(), "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), anchor=False)
    mod = _mod(rel) if rel in ("early", "late") else None
    typ = "TIME" if part else "DATE"
    if rel in ("the following", "the previous"):
        base = ctx.anchor_for("day")
    else:
        base = ctx.pub
    if base is None:
        return _Found(m.start(), m.end(), typ, f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), mod)
    d = _resolve_weekday(base, wd, rel, ctx.tense(m.start("wd")))
    f = _date_found(m, d.isoformat() + (f"T{part}" if part else ""), typ)
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


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A unit from now or the anchor ("last week", "the following year"): a DATE, a DURATION for "the past year"."""
    rel = " ".join(m["rel"].lower().split())
    unit = _unit(m["unit"].split()[-1])
    mod_word = " ".join((m["mod"] or "").lower().split())
    if rel == "the" and unit != "weekend" and not mod_word:
        return None
    if rel in ("the next", "the coming") and unit == "day":
        rel = "the following"
    if rel in ("the past", "the last", "the coming") and unit not in ("weekend",) and not mod_word:
        # "the past year" spans the year up to publication: a duration, not a calendar unit.
        f = _Found(m.start(), m.end(), "DURATION", duration(1, unit), anchor=False)
        if ctx.pub is not None:
            other = shift(ctx.pub, unit, _REL_SHIFT[rel])
            f.lo, f.hi = min(other, ctx.pub), max(other, ctx.pub)
            f.precision = "fuzzy"
        return f
    gran = unit
    if rel in _ANAPHORIC and rel != "that":
        base = ctx.anchor_for(unit)
    elif rel == "that":
        base = ctx.anchor_for(unit)
    else:
        base = ctx.pub
    if rel == "the" and unit == "weekend":
        tense = ctx.tense(m.start("unit"))
        rel = "next" if tense == "future" else "last"
        if base is not None and base.isoweekday() >= 6 and tense != "future":
            rel = "this"
    if base is None:
        return _Found(m.start(), m.end(), "DATE", unknown(gran), _mod(mod_word))
    n = _REL_SHIFT.get(rel, 0)
    d = shift(base, unit, n)
    value = fmt(d, gran)
    if mod_word in ("earlier", "later") and n == 0 and rel == "this" and ctx.pub is not None:
        lo, hi, _ = interval(value)
        if lo and hi:
            if mod_word == "earlier":
                hi = max(lo, ctx.pub - timedelta(days=1))
            else:
                lo = min(hi, ctx.pub + timedelta(days=1))
            return _Found(m.start(), m.end(), "DATE", value, _mod(mod_word), lo, hi, "fuzzy")
    if mod_word == "the rest of" and ctx.pub is not None:
        lo, hi, _ = interval(value)
        return _Found(m.start(), m.end(), "DATE", value, "END", ctx.pub, hi, "fuzzy")
    if mod_word.startswith("the first half") or mod_word.startswith("the second half"):
        f = _date_found(m, value)
        if f.lo and f.hi:
            mid = f.lo + (f.hi - f.lo) / 2
            f.lo, f.hi = (f.lo, mid) if "first" in mod_word else (mid + timedelta(days=1), f.hi)
            f.precision = "fuzzy"
        return f
    return _date_found(m, value, mod=_mod(mod_word))


def _h_unitrel(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A unit before or after the anchor ("the day before", "the year after"): a DATE one unit from the anchor."""
    unit = m["unit"].lower()
    n = -1 if m["dir"].lower() in ("before", "earlier") else 1
    base = ctx.anchor_for(unit)
    if base is None:
        return _Found(m.start(), m.end(), "DATE", unknown(unit))
    return _date_found(m, fmt(shift(base, unit, n), unit))


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A count of units away ("three years ago", "two days later"): a DATE, DURATION or PAST/FUTURE_REF, or None."""
    unit = _unit(m["unit"])
    if unit == "second" and not re.match(r"\d", m["num"]):
        return None
    n = _num(m["num"])
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
        return _Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    if n is None:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        f = _Found(m.start(), m.end(), "DATE", value, anchor=False)
        if ctx.pub is not None:
            # "a few years ago": somewhere between two and about seven units away.
            ends = (shift(ctx.pub, unit, sign * 2), shift(ctx.pub, unit, sign * 7))
            f.lo, f.hi, f.precision = min(ends), max(ends), "fuzzy"
        return f
    if base is None:
        return _Found(m.start(), m.end(), "DATE", unknown(gran))
    if unit == "fortnight":
        unit, n = "week", n * 2
    if unit in ("hour", "minute", "second"):
        return _Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    if not float(n).is_integer():
        return _Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    target = shift(base, unit, sign * int(n))
    mod = "APPROX" if m["approx"] else None
    f = _date_found(m, fmt(target, gran))
    f.mod = mod
    # A comparison point ("a year earlier") is not what later anaphora refer to.
    f.anchor = gran in ("day", "week")
    return f


def _h_yearago(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
        return _Found(m.start(), m.end(), "DATE", unknown(gran))
    if m["head"]:
        q = vocab()["ordinals"][m["head"].lower()]
        f = _date_found(m, f"{base.year - 1:04d}-Q{q}")
    elif ctx.pub is not None and unit == gran == "year" and base.year < ctx.pub.year:
        # The period just mentioned is already the year-ago one ("the 1988 period. The year-ago results").
        f = _date_found(m, fmt(base, gran))
    else:
        f = _date_found(m, fmt(shift(base, unit, -1), gran))
    f.anchor = False
    return f


def _h_durrel(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A duration up to or from now ("the past three years", "the next few months"): a DURATION, or None."""
    unit = _unit(m["unit"])
    rel = m["rel"].lower()
    n = _num(m["num"]) if m["num"] else None
    if m["num"] is None and not m["det"] and rel not in ("coming", "past", "next", "last"):
        return None
    if unit == "second" and m["num"] and not re.match(r"\d", m["num"]):
        return None
    start = m.start()
    if m["approx"] and m["det"] and m["approx"].lower() in ("over", "under", "up to"):
        start = m.start("det")  # "over the past year": here "over" is a preposition
    f = _Found(start, m.end(), "DURATION", duration(n, unit), anchor=False)
    if ctx.pub is not None and rel in ("past", "last", "previous", "preceding", "next", "coming", "following"):
        sign = -1 if rel in ("past", "last", "previous", "preceding") else 1
        k = int(n) if n is not None and float(n).is_integer() else 3
        if unit in ("hour", "minute", "second"):
            k = 1
            unit_for_shift = "day"
        else:
            unit_for_shift = unit
        other = shift(ctx.pub, unit_for_shift, sign * k)
        f.lo, f.hi = min(other, ctx.pub), max(other, ctx.pub)
        f.precision = "fuzzy"
    return f


def _h_ahead(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """Units ahead ("the years ahead", "the months to come"): a DURATION of unstated length from publication on."""
    unit = _unit(m["unit"])
    f = _Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    if ctx.pub is not None:
        f.lo, f.hi, f.precision = ctx.pub, shift(ctx.pub, unit, 3), "fuzzy"
    return f


def _h_recent(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """Recent units ("recent weeks", "the most recent three months"): a DURATION ending at publication."""
    unit = _unit(m["unit"])
    n = _num(m["num"]) if m["num"] else None
    f = _Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    if ctx.pub is not None:
        k = int(n) if n is not None and float(n).is_integer() else (7 if unit == "day" else 3)
        f.lo, f.hi, f.precision = shift(ctx.pub, unit, -k), ctx.pub, "fuzzy"
    return f


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A duration ("three weeks", "day-long", "for years"): a DURATION, SET ("5% a year"), FUTURE_REF or None."""
    unit = _unit(m["unit"])
    raw = m["num"]
    n = _num(raw) if raw else None
    if raw is not None and raw.lower() == "one" and unit == "day" and not m["pl"]:
        if ctx.prev_word(m.start()) in ("will", "would", "could", "may", "might", "can", "shall"):
            return _Found(m.start(), m.end(), "DATE", "FUTURE_REF", anchor=False)  # "will one day be"
    if m["half"] and raw is not None and n is not None:
        return _Found(m.start(), m.end(), "DURATION", duration(n + 0.5, unit), anchor=False)
    if m["adj"] and raw is not None and raw.lower() in ("a", "an"):
        # "a day-long meeting": the article belongs to the noun phrase, not to the duration
        return _Found(m.start("unit"), m.end(), "DURATION", duration(1, unit), anchor=False)
    if raw is None and m["adj"] and not m["extra"]:
        # "a day-long meeting", "a decades-long battle"
        return _Found(m.start(), m.end(), "DURATION", duration(None if m["pl"] else 1, unit), anchor=False)
    if raw is None and not m["extra"]:
        # Bare plural units ("for years") only after a preposition of duration.
        if not m["pl"] or ctx.prev_word(m.start()) not in ("for", "over", "within", "in", "than", "after", "past"):
            return None
        return _Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    if raw is not None:
        low = " ".join(raw.lower().split())
        if unit == "second" and not re.match(r"\d", low):
            return None
        if unit == "quarter" and low in ("a", "an", "one") and ctx.next_word(m.end()) != "century":
            return None
        if unit == "quarter" and "-" in m.group(0) and m["pl"]:
            return None  # "three-quarters" is a fraction
        if low in ("a", "an") and unit in ("day", "week", "month", "year"):
            prev = ctx.prev_word(m.start())
            tok = ctx.token(m.start())
            ptok = tok.doc[tok.i - 1] if tok is not None and tok.i > 0 else None
            if ptok is not None and (ptok.like_num or ptok.lower_ in ("million", "billion", "times", "%", "percent")):
                return _Found(m.start(), m.end(), "SET", duration(1, unit), anchor=False)
            if prev in ("per",):
                return None
        if low in ("some", "many") and ctx.next_word(m.end()) == "of":
            return None
    if raw is None:
        n = 1
    # A range ("two to three weeks") keeps its lower bound, as TimeML does.
    nxt = ctx.next_word(m.end())
    if nxt in ("of",) and raw and raw.lower() in ("a", "an", "the"):
        return None
    return _Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
        f = _Found(m.start(), m.end(), "DATE", "PRESENT_REF", anchor=False)
        if ctx.pub is not None:
            f.lo = f.hi = ctx.pub
            f.precision = "fuzzy"
        return f
    if w in v["past_ref"]:
        f = _Found(m.start(), m.end(), "DATE", "PAST_REF", anchor=False)
        if ctx.pub is not None and w in ("recently", "lately"):
            # "recently" reaches back a few weeks at most in news reporting.
            f.lo, f.hi, f.precision = shift(ctx.pub, "month", -1), ctx.pub, "fuzzy"
        return f
    return _Found(m.start(), m.end(), "DATE", "FUTURE_REF", anchor=False)


def _h_inthe(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """Earlier or later in a unit ("later in the week"): the current (for "day", the anchor) unit's DATE with a mod."""
    unit = m["unit"].lower()
    base = ctx.anchor_for(unit) if unit == "day" else ctx.pub
    if base is None:
        return _Found(m.start(), m.end(), "DATE", unknown(unit), _mod(m["mod"]))
    return _date_found(m, fmt(base, unit), "DATE", _mod(m["mod"]))
