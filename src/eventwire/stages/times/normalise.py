"""Normalisation of the times stage: TIMEX3 value arithmetic, the temporal vocabulary, calendar shifts, value
formatting and value intervals.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from eventwire.data import read_json

# Granularities from fine to coarse; the order matters for "at least as fine as" checks.
GRANS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


def vocab() -> dict[str, Any]:
    """The temporal vocabulary from ``data/temporal.json`` (parsed once and shared: never change it)."""
    return read_json("temporal.json")


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, clamping the day to the month length."""
    idx = d.year * 12 + (d.month - 1) + n
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, month, quarter, season, half, year, decade, century)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return d
    return add_months(d, n * months)


def season_of(d: date) -> tuple[int, str]:
    """The (year, code) of the meteorological season containing ``d``; December counts to next year's winter."""
    if d.month in (3, 4, 5):
        return d.year, "SP"
    if d.month in (6, 7, 8):
        return d.year, "SU"
    if d.month in (9, 10, 11):
        return d.year, "FA"
    return (d.year if d.month == 12 else d.year - 1), "WI"


def fmt(d: date, gran: str) -> str:
    """The TIMEX3 value of the ``gran`` unit containing ``d``."""
    if gran == "day":
        return d.isoformat()
    if gran in ("week", "weekend"):
        iy, iw, _ = d.isocalendar()
        return f"{iy:04d}-W{iw:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "season":
        y, code = season_of(d)
        return f"{y:04d}-{code}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(gran)


def unknown(gran: str) -> str:
    """The underspecified TIMEX3 value used when there is no anchor date."""
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "season": "XXXX-XX",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }.get(gran, "XXXX-XX-XX")


_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")


def interval(value: str) -> tuple[date | None, date | None, str | None]:
    """The closed interval ``(start, end)`` and precision a TIMEX3 date value denotes."""
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6), "week"
            return monday, monday + timedelta(days=6), "week"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        if m := _PART.match(value):
            y, part = int(m[1]), m[2]
            if part[0] == "Q":
                q = int(part[1])
                first = date(y, 3 * q - 2, 1)
                return first, add_months(first, 3) - timedelta(days=1), "quarter"
            if part[0] == "H":
                first = date(y, 1 if part == "H1" else 7, 1)
                return first, add_months(first, 6) - timedelta(days=1), "fuzzy"
            lo, hi = vocab()["season_months"][part]
            first = date(y, lo, 1)
            return first, add_months(first, hi - lo + 1) - timedelta(days=1), "season"
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return date(y, 1, 1), date(y, 12, 31), "year"
        if re.fullmatch(r"\d{3}", value):
            y = int(value) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31), "decade"
        if re.fullmatch(r"\d{2}", value):
            y = int(value) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31), "fuzzy"
    except ValueError:
        pass
    return None, None, None


def modified_interval(value: str, mod: str | None) -> tuple[date | None, date | None, str | None]:
    """The interval of ``value`` narrowed to its start, middle or end third by ``mod``."""
    start, end, prec = interval(value)
    if start is None or end is None or not mod:
        return start, end, prec
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if mod == "START":
        return start, start + timedelta(days=third - 1), "fuzzy"
    if mod == "MID":
        return start + timedelta(days=third), end - timedelta(days=third), "fuzzy"
    if mod == "END":
        return end - timedelta(days=third - 1), end, "fuzzy"
    return start, end, prec


def gran_of(value: str) -> str | None:
    """The granularity of a calendar value, or None for references and durations."""
    if _DAY.match(value):
        return "day"
    if m := _WEEK.match(value):
        return "weekend" if m[3] else "week"
    if _MONTH.match(value):
        return "month"
    if m := _PART.match(value):
        return {"Q": "quarter", "H": "half"}.get(m[2][0], "season")
    return {4: "year", 3: "decade", 2: "century"}.get(len(value)) if value.isdigit() else None


# A fractional amount is written with the next smaller unit: "2 1/2 years" is P2Y6M.
_SUBUNIT = {
    "year": (12, "month"),
    "month": (30, "day"),
    "week": (7, "day"),
    "day": (24, "hour"),
    "hour": (60, "minute"),
    "minute": (60, "second"),
}


def duration(n: float | None, unit: str) -> str:
    """The TIMEX3 duration value for ``n`` ``unit``s (``n`` None means unspecified)."""
    if unit == "decade":
        # TimeML corpora write decades in years ("two decades" = P20Y).
        return duration(None if n is None else n * 10, "year")
    code = vocab()["units"].get(unit, "X")
    if code == "W2":
        code, n = "W", (None if n is None else n * 2)
    time = "T" if unit in ("second", "minute", "hour") else ""
    if n is None:
        return f"P{time}X{code}"
    if float(n).is_integer():
        return f"P{time}{int(n)}{code}"
    whole, frac = int(n), n - int(n)
    if unit in _SUBUNIT:
        per, sub = _SUBUNIT[unit]
        rest = frac * per
        if float(rest).is_integer():
            sub_code = vocab()["units"][sub]
            head = f"{whole}{code}" if whole else ""
            sub_t = "T" if sub in ("second", "minute", "hour") and not time else ""
            return f"P{time}{head}{sub_t}{int(rest)}{sub_code}"
    return f"P{time}{n}{code}"
