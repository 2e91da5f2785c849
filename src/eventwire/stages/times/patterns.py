"""Patterns of the times stage: the rule regexes built from ``data/temporal.json`` and, for each rule, the anchor
words one of which every match contains (so a rule only runs on the text around them).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache

from eventwire.stages.times.normalise import vocab


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, with flexible inner spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _month_rx(require_period: bool) -> str:
    """Month names; abbreviations need a full stop unless ``require_period`` is False."""
    v = vocab()
    full = [k for k in v["months"] if len(k) > 4 or k in ("may", "june", "july")]
    abbr = [k for k in v["months"] if k not in full]
    parts = [rf"{re.escape(k)}\b" for k in sorted(full, key=len, reverse=True)]
    for k in sorted(abbr, key=len, reverse=True):
        if require_period or k in v["month_abbrev_need_period"]:
            parts.append(rf"{k}\.")
        else:
            parts.append(rf"{k}(?:\.|\b)")
    return "(?:" + "|".join(parts) + ")"


class LazyPattern:
    """A rule's regex, compiled when the rule first runs.

    Compiling all ~40 rules costs about 15 ms at the start of every process; a short text runs only the few
    whose anchor words it holds.
    """

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled regex."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """The matches in ``text[pos:endpos]``, as :meth:`re.Pattern.finditer` gives them."""
        return self.compiled.finditer(text, pos, endpos)


def _build() -> dict[str, LazyPattern]:
    """The rule set from the vocabulary, each rule compiled when first used."""
    v = vocab()
    mon = _month_rx(False)
    mon_strict = _month_rx(True)
    wdn = "(?:" + _alt(v["weekdays"]) + ")"
    dayw = "(?:" + _alt(v["day_ordinals"]) + ")"
    decw = "(?:" + _alt(v["decade_words"]) + ")"

    wd_any = "(?:" + _alt(v["weekdays"]) + "|" + "|".join(rf"{k}\.?" for k in v["weekday_abbrevs"]) + r")\b\.?"
    season = "(?:" + _alt(v["seasons"]) + r")\b"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    words = [k for k in v["numbers"]] + v["vague_numbers"]
    num = rf"(?:\d{{1,3}}(?:\.\d+)?(?:\s+1/2|½)?(?![\d,/])|(?:{tens})[\s-](?:{ones})\b|(?:{_alt(words)})\b)"
    unit = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
    mods = r"(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
    approx = "(?:" + _alt(v["approximators"]) + ")"
    parts = "(?:morning|afternoon|evening|night)"
    cent = "(?:" + _alt(v["century_ordinals"]) + ")"
    refs = "(?:" + _alt(v["present_ref"] + v["past_ref"] + v["future_ref"]) + r")\b"
    holidays = "(?:" + _alt(list(v["holidays"]) + list(v["floating_holidays"]) + ["election day"]) + r")\b"
    year = r"(?:1[89]\d\d|20\d\d)"
    nodigit = r"(?<![\d$£€.,:/#-])"
    rules: list[tuple[str, str]] = [
        ("iso", rf"{nodigit}(?P<y>{year})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
        ("slash", rf"{nodigit}(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>{year}|\d\d)(?![\d/])"),
        (
            "mdy",
            rf"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>{wd_any}),?\s+)?(?P<mon>{mon})\s+"
            rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|(?:the\s+)?(?P<dayw>{dayw})\b)"
            rf"(?:,?\s+(?P<year>{year}))?(?!\d|:\d)",
        ),
        (
            "dmy",
            rf"(?:(?P<wd>{wd_any}),?\s+)?(?:the\s+)?{nodigit}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<mon>{mon})(?:,?\s+(?P<year>{year}))?(?!\d)",
        ),
        (
            "monthyear",
            rf"(?:(?P<mod>{mods})[\s-]+)?(?P<mon>{mon}),?\s+(?:of\s+)?(?:(?P<year>{year})(?!\d)|"
            r"(?P<yrel>this|last|next)\s+year\b)",
        ),
        (
            "month",
            rf"(?:(?P<mod>{mods})[\s-]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
            rf"(?P<mon>{mon_strict})",
        ),
        (
            "year",
            rf"(?:(?P<mod>{mods}|fiscal|calendar|fiscal\s+year|the\s+year|mid|post|pre)[\s-]+)?(?<![\d$£€.,:/#])(?<!\d-)(?P<year>{year})"
            r"(?![\d%]|,\d|\.\d|\s*(?:percent|per\s+cent))",
        ),
        ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1[89]|20)\d0|'\d0)'?s\b"),
        (
            "century",
            rf"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<cent>{cent}|(?<!\d)[1-9]\d?(?:st|nd|rd|th))[\s-]+century",
        ),
        (
            "decadeword",
            rf"the\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<c>nineteen|eighteen)[\s-]+)?(?P<dw>{decw})\b",
        ),
        ("dayrel2", r"the\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)"),
        (
            "dayrel",
            rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>today|tomorrow|yesterday|tonight)\b"
            rf"(?:\s+(?P<part>{parts}))?",
        ),
        (
            "partday",
            rf"(?:(?P<mod>early|late|later|earlier)\s+)?(?P<rel>this|last|that|the\s+next|the\s+following|the\s+previous|the)\s+(?P<part>{parts})\b",
        ),
        ("overnight", r"overnight"),
        (
            "weekday",
            rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|early|late|the\s+following|the\s+previous)\s+)?"
            rf"(?P<wd>{wdn})(?P<pl>s)?\b(?:\s+(?P<part>{parts})s?\b)?",
        ),
        (
            "relunit",
            rf"(?:(?P<mod>{mods}|the\s+rest\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)\s+)?"
            r"(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming|"
            r"the\s+next|the\s+following|the\s+current|the\s+same|the\s+preceding|that|the\s+prior|the)\s+"
            r"(?P<unit>day|weekend|week|month|quarter|year|decade|century|fiscal\s+year)\b",
        ),
        (
            "unitrel",
            r"the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|later)\b",
        ),
        (
            "ago",
            rf"(?:(?P<approx>{approx})\s+)?(?P<num>{num})\s+(?P<unit>{unit})s?\s+(?:or\s+so\s+)?"
            r"(?P<dir>ago|earlier|later|from\s+now|hence|previously|before(?=\s*[,.;:)])|after(?=\s*[,.;:)]))",
        ),
        (
            "yearago",
            r"(?:the\s+)?(?P<unit>year|month|quarter)-(?P<dir>earlier|ago)"
            r"(?:\s+(?P<head>first|second|third|fourth)?\s*(?P<what>quarter|period|month|year))?",
        ),
        (
            "durrel",
            rf"(?:(?P<approx>{approx})\s+)?(?:(?P<det>the|each\s+of\s+the)\s+)?"
            r"(?P<rel>past|last|next|coming|previous|first|following|final|preceding|ensuing|remaining)\s+"
            rf"(?:(?P<num>{num})\s+)?(?P<unit>{unit})s\b(?!(?<=quarters)\s+of\s+(?:{year}|this\s+year|last\s+year|next\s+year))",
        ),
        ("ahead", rf"the\s+(?P<unit>{unit})s\s+(?:ahead|to\s+come)"),
        ("recent", rf"(?:the\s+)?(?:(?:most|more)\s+)?recent\s+(?:(?P<num>{num})\s+)?(?P<unit>{unit})s\b"),
        (
            "duration",
            rf"(?:(?P<approx>{approx})\s+)?(?:the\s+)?(?:(?P<extra>another|an\s+additional|an\s+extra|a\s+further)\s+)?"
            rf"{nodigit}(?:(?P<num>{num})(?:\s+(?:to|or)\s+(?P<num2>{num}))?[\s-]+)?(?:more\s+)?"
            rf"(?P<unit>{unit})(?P<pl>s)?(?P<adj>-long)?(?P<half>\s+and\s+a\s+half)?(?!-old|-year-old|\s+old\b)\b",
        ),
        (
            "quarter",
            rf"(?:the\s+)?(?:(?P<year>{year})\s+)?(?:(?P<rel>fiscal|this\s+year's|last\s+year's|next\s+year's)\s+)?"
            r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|past|"
            r"year-earlier|year-ago)[\s-]+(?P<unit>quarter|half)\b"
            rf"(?:\s+of\s+(?:(?P<year2>{year})|(?P<yrel>this|last|next)\s+year))?",
        ),
        (
            "halfyear",
            r"(?:the\s+)?(?P<which>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+"
            rf"(?:(?P<year>{year})|(?P<yrel>this|last|next)\s+year)\b",
        ),
        ("yearperiod", rf"the\s+(?P<year>{year})\s+(?P<what>period|quarter)\b"),
        ("qcode", rf"\b(?-i:Q)(?P<q>[1-4])(?:\s+(?P<year>{year}))?\b"),
        (
            "season",
            rf"(?:(?P<mod>{mods})[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the)\s+)?"
            rf"(?P<season>{season})(?:\s+(?:of\s+)?(?P<year>{year}))?",
        ),
        (
            "set",
            rf"(?:(?P<adv>{_alt(v['set_adverbs'])})\b|(?:every|each)\s+(?:other\s+)?(?:(?P<num>{num})\s+)?"
            rf"(?P<unit>{unit}|weekend|{wdn}|{mon_strict}|{season}|{parts})s?\b"
            rf"|(?P<freq>once|twice|three\s+times|\d+\s+times)\s+(?:a|per|each|every)\s+(?P<unit2>{unit})\b"
            rf"|per\s+(?P<unit3>{unit})\b)",
        ),
        ("ref", rf"(?P<ref>{refs})"),
        (
            "clock",
            rf"(?<![\d.:])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
            rf"(?:\s+(?P<tz>(?-i:[A-Z]{{2}}T|[A-Z][SD]T|GMT|UTC)|local\s+time))?"
            rf"(?:,?\s+(?P<day>{wdn}|today|yesterday|tomorrow)\b|,?\s+(?P<dmon>{mon_strict}|{mon})\s+(?P<dday>[0-3]?\d)\b)?",
        ),
        (
            "clock24",
            rf"(?<![\d.:])(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)\s+(?P<tz>(?-i:GMT|UTC|[A-Z][SD]T)|local\s+time)"
            rf"(?:,?\s+(?P<day>{wdn}|today|yesterday|tomorrow)\b)?",
        ),
        ("noon", rf"(?P<word>noon|midday|midnight)(?:\s+(?P<day>{wdn}|today|yesterday|tomorrow))?"),
        (
            "period",
            r"the\s+(?P<which>latest|full|fiscal|current|same)?\s*(?P<unit>quarter|year|fiscal\s+year|period)\b"
            r"(?!-)(?P<ended>\s+(?:ended|ending|to|through))?",
        ),
        ("yearend", r"(?:the\s+)?year(?:'s)?[\s-]+end\b"),
        ("inthe", r"(?P<mod>earlier|later|early|late)\s+in\s+the\s+(?P<unit>day|week|month|year)\b"),
        (
            "spoken",
            rf"(?:the\s+year\s+)?(?P<c>nineteen|eighteen|twenty|two\s+thousand)(?:[\s-]+(?P<y>(?:{tens})(?:[\s-](?:{ones}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|and\s+(?:{ones})|(?:{ones})))?\b",
        ),
        ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{holidays})(?:,?\s+(?P<year>{year}))?"),
    ]
    return {
        name: LazyPattern(rf"\b{rx}", re.IGNORECASE) if not rx.startswith("\\b") else LazyPattern(rx, re.I)
        for name, rx in rules
    }


# Every rule's match contains at least one of its anchor words ("#" stands for any digit), so a rule only
# needs to run on the text around them: scanning ~40 regexes over whole articles was most of this stage's cost.
_UNIT_WORDS = (
    "second minute hour day week weekend fortnight month quarter year decade century centuries period half".split()
)


def _words_of(phrases: Iterable[str]) -> set[str]:
    """The lower-case words of ``phrases``."""
    return {w for p in phrases for w in re.findall(r"[a-z]+", p.lower())}


def _last_words(phrases: Iterable[str]) -> set[str]:
    """The last lower-case word of each of ``phrases`` ("the near future" -> "future")."""
    return {re.findall(r"[a-z]+", p.lower())[-1] for p in phrases}


def _anchors() -> dict[str, frozenset[str]]:
    """For each rule, the words (or "#" for a digit) one of which every match of the rule contains."""
    v = vocab()
    units = set(_UNIT_WORDS)
    months = _words_of(v["months"])
    weekdays = _words_of(v["weekdays"])
    seasons = _words_of(v["seasons"])
    parts = {"morning", "afternoon", "evening", "night"}
    refs = _last_words(v["present_ref"] + v["past_ref"] + v["future_ref"])
    holidays = _last_words(list(v["holidays"]) + list(v["floating_holidays"]) + ["election day"])
    sets = _words_of(v["set_adverbs"]) | {"every", "each", "once", "twice", "times", "per"}
    spec: dict[str, set[str]] = {
        "iso": {"#"},
        "slash": {"#"},
        "mdy": months,
        "dmy": months,
        "monthyear": months,
        "month": months,
        "year": {"#"},
        "decade": {"#"},
        "century": {"century"},
        "decadeword": _words_of(v["decade_words"]),
        "dayrel2": {"day"},
        "dayrel": {"today", "tomorrow", "yesterday", "tonight"},
        "partday": parts,
        "overnight": {"overnight"},
        "weekday": weekdays,
        "relunit": units,
        "unitrel": units,
        "ago": units,
        "yearago": units,
        "durrel": units,
        "ahead": units,
        "recent": units,
        "duration": units,
        "quarter": {"quarter", "half"},
        "halfyear": {"half", "quarters"},
        "yearperiod": {"#"},
        "qcode": {"#"},
        "season": seasons,
        "set": sets,
        "ref": refs,
        "clock": {"#"},
        "clock24": {"#"},
        "noon": {"noon", "midday", "midnight"},
        "period": units,
        "yearend": {"year"},
        "inthe": units,
        "spoken": {"nineteen", "eighteen", "twenty", "thousand"},
        "holiday": holidays,
    }
    # Plural and possessive forms are separate words to the anchor scanner ("years", "year's" -> "year").
    return {name: frozenset(words | {w + "s" for w in words}) for name, words in spec.items()}


# Each rule by name: its compiled regex and its anchor words.
Rules = dict[str, tuple[LazyPattern, frozenset[str]]]


@lru_cache(maxsize=1)
def rule_table() -> Rules:
    """The rules with their anchor words (built once; each rule compiled when first run)."""
    anchors = _anchors()
    return {name: (rx, anchors[name]) for name, rx in _build().items()}


@lru_cache(maxsize=1)
def anchor_words() -> frozenset[str]:
    """The anchor words of all rules together."""
    return frozenset(w for _, words in rule_table().values() for w in words)
