"""The ``times`` stage: TIMEX3 temporal expressions, normalised against the publication date.

Expressions are found with regular expressions built from ``data/temporal.json`` and checked
against the spaCy parse (part of speech, entities) to drop words that only look like times
("may" the modal, "March" the verb, "2000 troops"). Extents follow TimeML: leading prepositions
are left out, determiners and modifiers ("the past three years", "earlier this month") are kept.
Relative values are resolved against the publication date, or against the previously mentioned
date for anaphoric ones ("the next day", "a year earlier"); bare weekdays and months take the
direction of the governing verb's tense.

This module holds the driver: it runs each rule around its anchor words, keeps the longest of overlapping
matches and normalises them in text order. The parts live next to it: ``time_patterns`` (the rules and their
anchor words), ``time_context`` (what a handler reads around a match), ``time_values`` (numbers, units, names and
dates without a year) and the handlers by kind, ``time_handlers_calendar``, ``time_handlers_relative`` and
``time_handlers_clock``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from eventwire.analysis import Analysis, Span, TimeExpr
from eventwire.stages import stage
from eventwire.stages.time_context import _Ctx, _Found
from eventwire.stages.time_handlers_calendar import (
    _h_century,
    _h_decade,
    _h_decadeword,
    _h_halfyear,
    _h_iso,
    _h_mdy,
    _h_month,
    _h_monthyear,
    _h_period,
    _h_qcode,
    _h_quarter,
    _h_season,
    _h_spoken,
    _h_year,
    _h_yearend,
    _h_yearperiod,
)
from eventwire.stages.time_handlers_clock import _h_clock, _h_holiday, _h_noon, _h_set
from eventwire.stages.time_handlers_relative import (
    _h_ago,
    _h_ahead,
    _h_dayrel,
    _h_dayrel2,
    _h_duration,
    _h_durrel,
    _h_inthe,
    _h_overnight,
    _h_partday,
    _h_recent,
    _h_ref,
    _h_relunit,
    _h_unitrel,
    _h_weekday,
    _h_yearago,
)
from eventwire.stages.time_patterns import _anchors, _build

Handler = Callable[[re.Match[str], _Ctx], "_Found | None"]


_HANDLERS: dict[str, Handler] = {
    "iso": _h_iso,
    "slash": _h_iso,
    "mdy": _h_mdy,
    "dmy": _h_mdy,
    "monthyear": _h_monthyear,
    "month": _h_month,
    "year": _h_year,
    "decade": _h_decade,
    "century": _h_century,
    "decadeword": _h_decadeword,
    "dayrel2": _h_dayrel2,
    "dayrel": _h_dayrel,
    "partday": _h_partday,
    "overnight": _h_overnight,
    "weekday": _h_weekday,
    "relunit": _h_relunit,
    "unitrel": _h_unitrel,
    "ago": _h_ago,
    "yearago": _h_yearago,
    "durrel": _h_durrel,
    "ahead": _h_ahead,
    "recent": _h_recent,
    "duration": _h_duration,
    "quarter": _h_quarter,
    "halfyear": _h_halfyear,
    "yearperiod": _h_yearperiod,
    "qcode": _h_qcode,
    "season": _h_season,
    "set": _h_set,
    "ref": _h_ref,
    "clock": _h_clock,
    "clock24": _h_clock,
    "noon": _h_noon,
    "period": _h_period,
    "yearend": _h_yearend,
    "inthe": _h_inthe,
    "spoken": _h_spoken,
    "holiday": _h_holiday,
}
_PRIORITY = {name: i for i, name in enumerate(_HANDLERS)}


_RULES: dict[str, tuple[re.Pattern[str], frozenset[str]]] | None = None
# How far a match may reach to the left and right of its anchor word, with room for look-arounds: the longest
# match of any rule over 1,256 news and TimeBank texts was 32 characters, so 64 leaves as much again.
_WINDOW = 64
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9]+")


def _rules() -> dict[str, tuple[re.Pattern[str], frozenset[str]]]:
    """The compiled rules with their anchor words (built once)."""
    global _RULES
    if _RULES is None:
        anchors = _anchors()
        _RULES = {name: (rx, anchors[name]) for name, rx in _build().items()}
    return _RULES


@lru_cache(maxsize=1)
def _all_anchors() -> frozenset[str]:
    """The anchor words of all rules together."""
    return frozenset(w for _, words in _rules().values() for w in words)


def _windows(text: str, rules: dict[str, tuple[re.Pattern[str], frozenset[str]]]) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged stretches of ``text`` around its anchor words: the only places it can match."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased: scan everything
        return {name: [(0, len(text))] for name in rules}
    anchors = _all_anchors()
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
        is_headline = bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
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
) -> list[_Found]:
    """Find and normalise the temporal expressions of ``text`` (the engine behind :func:`tag_times`)."""
    excluded = list(excluded)
    probe = _Ctx(text, doc, published)
    headline: dict[int, bool] = {}  # per line start: is the line a title-case headline
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    rules = _rules()
    for name, spans in _windows(text, rules).items():
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
    ctx = _Ctx(text, doc, published, starts=probe.starts)
    out: list[_Found] = []
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


@stage("times", requires=("doc",), assigns=("times",))
def times(analysis: Analysis) -> None:
    """Append the article's temporal expressions to ``analysis.times``."""
    if analysis.doc is None:
        return
    offset = len(analysis.times)
    for t in tag_times(analysis.doc, analysis.published, analysis.excluded, analysis.text):
        t.id = f"T{offset + int(t.id[1:])}"
        analysis.times.append(t)
