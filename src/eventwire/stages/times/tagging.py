"""Tagging of the times stage: runs each rule around its anchor words, keeps the longest of overlapping matches
and normalises them in text order, each with the handler of its rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from eventwire.analysis import Span, TimeExpr
from eventwire.stages.times.clock import handle_clock, handle_holiday, handle_noon, handle_set
from eventwire.stages.times.context import Ctx, Found
from eventwire.stages.times.dates import (
    handle_century,
    handle_decade,
    handle_decadeword,
    handle_halfyear,
    handle_iso,
    handle_mdy,
    handle_month,
    handle_monthyear,
    handle_period,
    handle_qcode,
    handle_quarter,
    handle_season,
    handle_spoken,
    handle_year,
    handle_yearend,
    handle_yearperiod,
)
from eventwire.stages.times.durations import handle_ahead, handle_duration, handle_durrel, handle_recent
from eventwire.stages.times.patterns import Rules, anchor_words, rule_table
from eventwire.stages.times.relative import (
    handle_ago,
    handle_dayrel,
    handle_dayrel2,
    handle_inthe,
    handle_overnight,
    handle_partday,
    handle_ref,
    handle_relunit,
    handle_unitrel,
    handle_weekday,
    handle_yearago,
)
from eventwire.stages.times.tuning import TUNING

Handler = Callable[[re.Match[str], Ctx], "Found | None"]


_HANDLERS: dict[str, Handler] = {
    "iso": handle_iso,
    "slash": handle_iso,
    "mdy": handle_mdy,
    "dmy": handle_mdy,
    "monthyear": handle_monthyear,
    "month": handle_month,
    "year": handle_year,
    "decade": handle_decade,
    "century": handle_century,
    "decadeword": handle_decadeword,
    "dayrel2": handle_dayrel2,
    "dayrel": handle_dayrel,
    "partday": handle_partday,
    "overnight": handle_overnight,
    "weekday": handle_weekday,
    "relunit": handle_relunit,
    "unitrel": handle_unitrel,
    "ago": handle_ago,
    "yearago": handle_yearago,
    "durrel": handle_durrel,
    "ahead": handle_ahead,
    "recent": handle_recent,
    "duration": handle_duration,
    "quarter": handle_quarter,
    "halfyear": handle_halfyear,
    "yearperiod": handle_yearperiod,
    "qcode": handle_qcode,
    "season": handle_season,
    "set": handle_set,
    "ref": handle_ref,
    "clock": handle_clock,
    "clock24": handle_clock,
    "noon": handle_noon,
    "period": handle_period,
    "yearend": handle_yearend,
    "inthe": handle_inthe,
    "spoken": handle_spoken,
    "holiday": handle_holiday,
}
_PRIORITY = {name: i for i, name in enumerate(_HANDLERS)}


# How far a match may reach to the left and right of its anchor word, with room for look-arounds: the longest
# match of any rule over 1,256 news and TimeBank texts was 32 characters, so 64 leaves as much again.
_WINDOW = 64
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9]+")
# The share of a line's words that are capitalised from which the line is a title-case headline.
HEADLINE_CAPITALS = TUNING["headline_capitals"]


def windows(text: str, rules: Rules) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged stretches of ``text`` around its anchor words: the only places it can match."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased: scan everything
        return {name: [(0, len(text))] for name in rules}
    anchors = anchor_words()
    hits: dict[str, list[int]] = {}
    for m in _LETTERS.finditer(lowered):
        w = m.group()
        if w in anchors:
            hits.setdefault(w, []).append(m.start())
    for m in _DIGITS.finditer(lowered):
        # Every digit is an anchor; a window every _WINDOW digits and one at the last cover the same text.
        a, b = m.span()
        hits.setdefault("#", []).extend([*range(a, b - 1, _WINDOW), b - 1])
    out: dict[str, list[tuple[int, int]]] = {}
    by_words: dict[frozenset[str], list[tuple[int, int]]] = {}  # many rules share one set of anchors
    for name, (_, words) in rules.items():
        if words not in by_words:
            starts = sorted(p for w in words.intersection(hits) for p in hits[w])
            spans: list[tuple[int, int]] = []
            for p in starts:
                lo, hi = max(0, p - _WINDOW), min(len(text), p + _WINDOW)
                if spans and lo <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], hi)
                else:
                    spans.append((lo, hi))
            by_words[words] = spans
        out[name] = by_words[words]
    return out


_TIME_NOUNS = re.compile(
    r"(?:second|minute|hour|day|week|weekend|month|year|decade|centur(?:y|ie)|quarter|noon|midnight|"
    r"morning|afternoon|evening|night)s?",
    re.I,
)


def _in_title(text: str, m: re.Match[str], headline: dict[int, bool] | None = None) -> bool:
    """True when a capitalised time noun marks a name or title ("60 Minutes", "High Noon", "This Week")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    if headline is None or line_start not in headline:
        line_end = text.find("\n", m.end())
        words = re.findall(r"[A-Za-z]+", text[line_start : line_end if line_end >= 0 else len(text)])
        is_headline = bool(words) and sum(w[0].isupper() for w in words) >= HEADLINE_CAPITALS * len(words)
        if headline is None:
            headline = {}
        headline[line_start] = is_headline
    if headline[line_start]:
        return False  # a headline in title case
    before = text[max(line_start, m.start() - 3) : m.start()].strip(" \"'`\u201c\u201d\u2018\u2019")
    initial = not before or before[-1] in ".!?:;"
    for k, w in enumerate(re.finditer(r"\w+", m.group(0))):
        if w.group(0)[0].isupper() and _TIME_NOUNS.fullmatch(w.group(0)) and (k > 0 or not initial):
            return True
    return False


_ADJ_WITH_ARTICLE = re.compile(r"the\s+(\S+-(?:second|minute|hour|day|week|month|quarter|year))$", re.I)


def find_times(
    text: str, doc: Any = None, published: date | None = None, excluded: Iterable[tuple[int, int]] = ()
) -> list[Found]:
    """Find and normalise the temporal expressions of ``text`` (the engine behind :func:`tag_times`)."""
    excluded = list(excluded)
    probe = Ctx(text, doc, published)
    headline: dict[int, bool] = {}  # per line start: is the line a title-case headline
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    rules = rule_table()
    for name, spans in windows(text, rules).items():
        rx = rules[name][0]
        for m in (m for lo, hi in spans for m in rx.finditer(text, lo, hi)):
            if m.end() <= m.start():
                continue
            if any(m.start() < e and s < m.end() for s, e in excluded):
                continue
            if name != "holiday" and _in_title(text, m, headline):
                continue
            if _HANDLERS[name](m, probe) is None:
                continue
            cands.append((m.start(), m.end(), _PRIORITY[name], name, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    # Longest first; keep a candidate only when it overlaps none kept (kept spans are disjoint, sorted by start).
    chosen: list[tuple[int, int, int, str, re.Match[str]]] = []
    kept_starts: list[int] = []
    for c in cands:
        at = bisect_right(kept_starts, c[0])
        if at > 0 and chosen[at - 1][1] > c[0]:
            continue
        if at < len(chosen) and chosen[at][0] < c[1]:
            continue
        chosen.insert(at, c)
        kept_starts.insert(at, c[0])
    ctx = Ctx(text, doc, published, starts=probe.starts)
    out: list[Found] = []
    for _, _, _, name, m in chosen:
        found = _HANDLERS[name](m, ctx)
        if found is None:
            continue
        if adj := _ADJ_WITH_ARTICLE.match(text, found.start, found.end):
            found.start = adj.start(1)  # "the 30-day deadline": the article belongs to the noun, not the time
        out.append(found)
        if found.type in ("DATE", "TIME") and found.anchor:
            ctx.remember(found)
    return out


def tag_times(
    doc: Any, published: date | None, excluded: Iterable[tuple[int, int]] = (), text: str | None = None
) -> list[TimeExpr]:
    """Tag and normalise the temporal expressions of a parsed ``doc`` against ``published``.

    ``text``: the doc's text when the caller has it (``doc.text`` is rebuilt from the tokens at every call).
    """
    text = doc.text if text is None else text
    result = []
    for i, f in enumerate(find_times(text, doc, published, excluded), start=1):
        lo, hi, prec = f.lo, f.hi, f.precision
        result.append(TimeExpr(f"T{i}", f.type, f.value, Span(f.start, f.end, text[f.start : f.end]), lo, hi, prec))
    return result
