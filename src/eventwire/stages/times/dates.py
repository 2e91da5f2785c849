"""Handlers of the times stage for calendar dates: written dates, months, years, decades and centuries, quarters
and halves, seasons, reporting periods and spoken years.
"""

from __future__ import annotations

import re
from datetime import date

from eventwire.stages.times.context import Ctx, Found
from eventwire.stages.times.normalise import duration, fmt, shift, unknown, vocab
from eventwire.stages.times.tuning import TUNING
from eventwire.stages.times.values import (
    date_found,
    is_cap,
    mod_of,
    month_of,
    number_of,
    ok_month_token,
    resolve_month_day,
)

# The year a decade word ("the nineties") is read from when the article has no date.
UNDATED_REFERENCE_YEAR = int(TUNING["undated_reference_year"])


def handle_iso(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Numeric date ("1998-02-13", "2/13/98"): a day DATE (month and day swapped if needed), or None if invalid."""
    y = int(m["y"])
    if len(m["y"]) == 2:
        y += 2000 if y < 50 else 1900
    mo, d = int(m["m"]), int(m["d"])
    if mo > 12 and d <= 12:
        mo, d = d, mo
    try:
        return date_found(m, date(y, mo, d).isoformat())
    except ValueError:
        return None


def handle_mdy(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Month and day ("Aug. 3, 1998", "3rd of August"): a day DATE, its year from tense when unwritten, or None."""
    if not ok_month_token(ctx, m):
        return None
    named = m.groupdict().get("dayw")
    mo = month_of(m["mon"])
    d = vocab()["day_ordinals"][named.lower()] if named else int(m["day"])
    if not 1 <= d <= 31:
        return None
    if m["wd"] and not is_cap(m["wd"]):
        return None
    if m["year"]:
        try:
            return date_found(m, date(int(m["year"]), mo, d).isoformat())
        except ValueError:
            return None
    rel = (m.groupdict().get("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or ctx.tense(m.start())
    resolved = resolve_month_day(ctx.pub, mo, d, tense)
    if resolved is None:
        return Found(m.start(), m.end(), "DATE", f"XXXX-{mo:02d}-{d:02d}")
    return date_found(m, resolved.isoformat())


def handle_monthyear(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Month and year ("August 1998", "May of last year"): a month DATE, or None when the word is no month."""
    if not ok_month_token(ctx, m):
        return None
    if m["year"]:
        y = int(m["year"])
    elif ctx.pub is not None:
        y = ctx.pub.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    else:
        return Found(m.start(), m.end(), "DATE", f"XXXX-{month_of(m['mon']):02d}", mod_of(m["mod"]))
    return date_found(m, f"{y:04d}-{month_of(m['mon']):02d}", mod=mod_of(m["mod"]))


def handle_month(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A month alone ("last March", "early May"): a month DATE, its year from "last"/"next" or tense, or None."""
    if not ok_month_token(ctx, m, standalone=True):
        return None
    mo = month_of(m["mon"])
    rel = " ".join((m["rel"] or "").lower().split())
    mod = mod_of(m["mod"])
    if ctx.pub is None:
        return Found(m.start(), m.end(), "DATE", f"XXXX-{mo:02d}", mod)
    if rel in ("last", "this past"):
        y = ctx.pub.year if mo < ctx.pub.month else ctx.pub.year - 1
    elif rel in ("next", "this coming"):
        y = ctx.pub.year if mo > ctx.pub.month else ctx.pub.year + 1
    elif rel == "this":
        y = ctx.pub.year
    else:
        resolved = resolve_month_day(ctx.pub, mo, None, ctx.tense(m.start("mon")))
        y = resolved.year if resolved else ctx.pub.year
    return date_found(m, f"{y:04d}-{mo:02d}", mod=mod)


def handle_year(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A year ("1998", "fiscal 1998"): a year DATE, or None for an amount, count ("1998 cars") or label ("No. 1998")."""
    tok = ctx.token(m.start("year"))
    if tok is not None:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return None
        counted = (
            nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in ("elections", "polls", "games", "olympics")
        )
        if counted and not (prev is not None and prev.lower_ in ("the", "its", "their", "his", "her", "in", "since")):
            return None
        if prev is not None and prev.lower_ in ("no", "no.", "number", "flight", "route", "resolution", "room", "page"):
            return None
    mod = mod_of(m["mod"])
    return date_found(m, m["year"], mod=mod)


def handle_decade(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A decade in digits ("the 1990s", "the early '80s"): a decade DATE ("199"), '80s in the latest century begun."""
    dec = m["dec"]
    if dec.startswith("'"):
        yy = int(dec[1:])
        century = 20 if ctx.pub is not None and 2000 + yy <= ctx.pub.year else 19
        value = f"{century}{yy // 10}"
    else:
        value = dec[:3]
    return date_found(m, value, mod=mod_of(m["mod"]))


def handle_century(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A century ("the 19th century", "the early twentieth century"): a century DATE ("18")."""
    word = " ".join(m["cent"].lower().split())
    n = vocab()["century_ordinals"].get(word) or int(re.sub(r"\D", "", word))
    return date_found(m, f"{n - 1:02d}", mod=mod_of(m["mod"]))


def handle_decadeword(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A decade in words ("the nineties", "the nineteen-sixties"): a decade DATE, the latest begun by publication."""
    d = vocab()["decade_words"][m["dw"].lower()]
    if m["c"]:
        century = {"nineteen": 19, "eighteen": 18}[m["c"].lower()]
    else:
        # The latest such decade that has begun by publication ("the nineties" in 2016 is the 1990s).
        year = ctx.pub.year if ctx.pub else UNDATED_REFERENCE_YEAR
        century = year // 100 if (year // 100) * 100 + d * 10 <= year else year // 100 - 1
    return date_found(m, f"{century * 10 + d:03d}", mod=mod_of(m["mod"]))


def handle_quarter(m: re.Match[str], ctx: Ctx) -> Found | None:
    """An ordinal quarter or half ("the third quarter of 1998", "the latest quarter"): a Qn/Hn DATE, or None."""
    ordw = m["ord"].lower()
    half = m["unit"].lower() == "half"
    year = m["year"] or m["year2"]
    if half and ordw not in ("first", "second", "1st", "2nd"):
        return None
    if year:
        y = int(year)
    elif m["yrel"] and ctx.pub is not None:
        y = ctx.pub.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    else:
        y = None
    if ordw in vocab()["ordinals"]:
        q = vocab()["ordinals"][ordw]
        if y is None and ctx.pub is not None:
            rel = (m["rel"] or "").lower()
            y = ctx.pub.year - (1 if "last" in rel else 0) + (1 if "next" in rel else 0)
            if not rel and not half:
                # A quarter not yet begun is last year's when the verb is past.
                cur = (ctx.pub.month - 1) // 3 + 1
                if q > cur and ctx.tense(m.start("ord")) != "future":
                    y -= 1
        if y is None:
            return Found(m.start(), m.end(), "DATE", f"XXXX-{'H' if half else 'Q'}{q}")
        return date_found(m, f"{y:04d}-{'H' if half else 'Q'}{q}")
    if half:
        return None
    if ctx.pub is None:
        return Found(m.start(), m.end(), "DATE", "XXXX-QX")
    shift_q = {"current": 0, "latest": -1, "last": -1, "previous": -1, "past": -1, "final": 0}.get(ordw)
    if ordw in ("year-earlier", "year-ago"):
        base = ctx.anchor_for("quarter") or ctx.pub
        return date_found(m, fmt(shift(base, "year", -1), "quarter"))
    if ordw == "final":
        return date_found(m, f"{y or ctx.pub.year:04d}-Q4")
    base = ctx.pub if y is None else date(y, ctx.pub.month, 1)
    return date_found(m, fmt(shift(base, "quarter", shift_q or 0), "quarter"))


def handle_halfyear(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Half of a given year ("the first half of 1998", "the second half of next year"): an H1/H2 DATE."""
    if m["year"]:
        y = int(m["year"])
    elif ctx.pub is not None:
        y = ctx.pub.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    else:
        return Found(m.start(), m.end(), "DATE", "XXXX-HX")
    return date_found(m, f"{y:04d}-H{1 if m['which'].lower() == 'first' else 2}")


def handle_yearperiod(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A year's period ("the 1988 period"): the quarter under discussion (or last reported) that year, or None."""
    # In results reporting "the 1988 period" is the same quarter as the one just discussed, in 1988.
    if (focus := ctx.quarter()) is not None:
        q = (focus.month - 1) // 3 + 1
    elif m["what"].lower() == "quarter" and ctx.pub is not None:
        q = (shift(ctx.pub, "quarter", -1).month - 1) // 3 + 1  # the quarter last reported
    else:
        return None
    f = date_found(m, f"{int(m['year']):04d}-Q{q}")
    f.anchor = False
    return f


def handle_qcode(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A quarter code ("Q3 1998", "Q3"): a quarter DATE, in the publication year when none is written."""
    y = int(m["year"]) if m["year"] else (ctx.pub.year if ctx.pub else None)
    if y is None:
        return Found(m.start(), m.end(), "DATE", f"XXXX-Q{m['q']}")
    return date_found(m, f"{y:04d}-Q{m['q']}")


def handle_season(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A season ("last summer", "spring 1998"): a season DATE, or None when bare, a verb or part of a name."""
    code = vocab()["seasons"][m["season"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    mod = mod_of(m["mod"])
    if not (rel or m["year"] or m["mod"]):
        return None
    tok = ctx.token(m.start("season"))
    if tok is not None and tok.pos_ == "VERB":
        return None
    if rel == "the" and not m["year"] and ctx.next_word(m.end()) == "of":
        return None
    if tok is not None and tok.i > 0 and is_cap(m["season"]) and tok.doc[tok.i - 1].pos_ == "PROPN":
        return None  # a named event ("the Arab Spring")
    if m["year"]:
        return date_found(m, f"{int(m['year']):04d}-{code}", mod=mod)
    if ctx.pub is None:
        return Found(m.start(), m.end(), "DATE", f"XXXX-{code}", mod)
    y = ctx.pub.year
    start_month = vocab()["season_months"][code][0]
    cur_start = start_month <= ctx.pub.month or (code == "WI" and ctx.pub.month <= 2)
    if code == "WI" and ctx.pub.month <= 2:
        y -= 1
    if rel in ("last", "this past"):
        y -= 1 if cur_start else 0
        if code != "WI" and not cur_start:
            y -= 1
        if code != "WI" and cur_start and start_month + 2 < ctx.pub.month:
            y += 1  # the season already finished this year
    elif rel in ("next", "this coming"):
        y += 1 if cur_start else 0
    elif rel in ("the",):
        tense = ctx.tense(m.start("season"))
        if tense == "past" and not cur_start:
            y -= 1
        elif tense == "future" and cur_start and start_month + 2 < ctx.pub.month:
            y += 1
    return date_found(m, f"{y:04d}-{code}", mod=mod)


def handle_period(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A reporting period ("the latest quarter", "the fiscal year"): a quarter/year DATE or DURATION, or None."""
    which = (m["which"] or "").lower()
    unit = m["unit"].lower().split()[-1]
    if unit == "period" and which != "latest":
        return None
    if m["ended"]:
        if unit == "period" or m["which"] in ("latest", "same"):
            return None
        if unit == "quarter":
            if ctx.pub is None:
                return None
            f = date_found(m, fmt(shift(ctx.pub, "quarter", -1), "quarter"))
            f.end = m.start("ended")  # "the quarter ended Sept. 30": the date that follows is its own expression
            return f
        return Found(
            m.start(), m.start() + len(m.group(0)) - len(m["ended"]), "DURATION", duration(1, unit), anchor=False
        )
    if ctx.pub is None:
        return Found(m.start(), m.end(), "DATE", unknown("quarter" if unit != "year" else "year"))
    if unit == "year":
        if which == "same":
            return None
        base = ctx.pub if which in ("full", "fiscal", "current") else (ctx.anchor_for("year") or ctx.pub)
        return date_found(m, fmt(base, "year"))
    if ctx.last is not None and ctx.last[1] == "quarter":
        return date_found(m, fmt(ctx.last[0], "quarter"))
    if which == "same":
        return None
    return date_found(m, fmt(shift(ctx.pub, "quarter", 0 if which == "current" else -1), "quarter"))


def handle_yearend(m: re.Match[str], ctx: Ctx) -> Found | None:
    """Year end ("year-end", "the year's end"): the publication year's DATE with mod END."""
    if ctx.pub is None:
        return Found(m.start(), m.end(), "DATE", "XXXX", "END")
    return date_found(m, fmt(ctx.pub, "year"), mod="END")


_SPOKEN_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}


def handle_spoken(m: re.Match[str], ctx: Ctx) -> Found | None:
    """A year in words ("nineteen ninety-eight", "the year two thousand"): a year DATE, or None for plain numbers."""
    c = " ".join(m["c"].lower().split())
    y = m["y"]
    if c == "two thousand":
        if not m.group(0).lower().startswith("the year") and not y:
            return None
        rest = 0
        if y:
            yw = " ".join(y.lower().split()).removeprefix("and ")
            rest = _SPOKEN_TEENS.get(yw) or int(number_of(yw) or 0)
        return date_found(m, f"{2000 + rest:04d}")
    if not y:
        return None
    yw = " ".join(y.lower().split())
    years = _SPOKEN_TEENS.get(yw)
    if years is None:
        if yw.startswith("and") or yw in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"):
            return None
        years = int(number_of(yw) or 0)
    century = {"nineteen": 19, "eighteen": 18, "twenty": 20}[c]
    return date_found(m, f"{century * 100 + years:04d}")
