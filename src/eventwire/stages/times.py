"""The ``times`` stage: TIMEX3 temporal expressions, normalised against the publication date.

Expressions are found with regular expressions built from ``data/temporal.json`` and checked
against the spaCy parse (part of speech, entities) to drop words that only look like times
("may" the modal, "March" the verb, "2000 troops"). Extents follow TimeML: leading prepositions
are left out, determiners and modifiers ("the past three years", "earlier this month") are kept.
Relative values are resolved against the publication date, or against the previously mentioned
date for anaphoric ones ("the next day", "a year earlier"); bare weekdays and months take the
direction of the governing verb's tense.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from eventwire.analysis import Analysis, Span, TimeExpr
from eventwire.stages import stage
from eventwire.stages.timexnorm import (
    GRANS,
    duration,
    fmt,
    gran_of,
    interval,
    modified_interval,
    shift,
    unknown,
    vocab,
)

# --------------------------------------------------------------------------- patterns


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


def _build() -> dict[str, Any]:
    """Compile the rule set from the vocabulary."""
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
        name: re.compile(rf"\b{rx}", re.IGNORECASE) if not rx.startswith("\\b") else re.compile(rx, re.I)
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


# --------------------------------------------------------------------------- context


@dataclass
class _Found:
    """A normalised expression before it becomes a :class:`TimeExpr`."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    lo: date | None = None
    hi: date | None = None
    precision: str | None = None
    anchor: bool = True  # may serve as the anchor of later anaphoric expressions
    extra: dict[str, Any] = field(default_factory=dict)


# Words that may stand between a preposition and the calendar word it governs ("until mid-November").
_TIME_MODIFIERS = frozenset({"mid", "early", "late", "the", "end", "of", "beginning", "start", "middle"})
_REPORTING = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "deny", "note", "be", "have"}


def _reporting_quarters(pub: date) -> tuple[date, date]:
    """The first days of the quarter before ``pub``'s and of its own: the ones results are reported for."""
    cur = date(pub.year, 3 * ((pub.month - 1) // 3) + 1, 1)
    return shift(cur, "quarter", -1), cur


class _Ctx:
    """What handlers need: the text, the parse, the publication date, the last mentioned date."""

    def __init__(self, text: str, doc: Any, published: date | None, starts: list[int] | None = None) -> None:
        self.text = text
        self.doc = doc
        self.pub = published
        self.last: tuple[date, str] | None = None
        self.focus_quarter: date | None = None  # the latest quarter a results story would report on
        # Token start offsets, for finding the token at a character by bisection.
        self.starts = starts if starts is not None else (doc.to_array("IDX").tolist() if doc is not None else [])

    def token(self, char: int) -> Any:
        """The spaCy token covering character ``char`` (None without a parse)."""
        i = bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if char < tok.idx + len(tok.text) else None

    def prev_word(self, char: int, skip: frozenset[str] = frozenset()) -> str:
        """The word just before character ``char``, lower-cased, passing over words in ``skip``."""
        end = char
        while True:
            m = re.search(r"([A-Za-z']+)\W*$", self.text[max(0, end - 40) : end])
            if not m:
                return ""
            w = m.group(1).lower()
            if w not in skip:
                return w
            end = max(0, end - 40) + m.start(1)

    def next_word(self, char: int) -> str:
        """The word just after character ``char``, lower-cased."""
        m = re.match(r"\s*([A-Za-z']+)", self.text[char : char + 40])
        return m.group(1).lower() if m else ""

    def tense(self, char: int, expr_start: int | None = None) -> str | None:
        """'past', 'future' or 'present' (simple present, often scheduled) from the governing verb, else None.

        ``char`` is the calendar word; ``expr_start`` the start of the whole expression when it differs
        ("9 a.m. Tuesday"), which is where a governing preposition is looked for.
        """
        tok = self.token(char)
        if tok is None:
            return None
        at = char if expr_start is None else expr_start
        prev = self.prev_word(at, skip=_TIME_MODIFIERS)
        if prev == "effective":
            return None  # an effective date is as often just past as just ahead: take the nearest
        before = self.text[max(0, at - 12) : at].lower()
        if prev in ("until", "till", "payable") or before.endswith(("soon as ", "early as ")):
            # A deadline or a limit lies ahead of the report, unless told in the pluperfect.
            sent = tok.sent if tok.doc.has_annotation("SENT_START") else tok.doc
            if not any(t.lower_ == "had" for t in sent):
                return "future"
        if self.text[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 2] in ("'s", "’s"):
            return "past"  # "Tuesday's vote" names an event already reported
        verb = tok
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") and verb.i != tok.i:
                break
            if verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        first = True
        for _ in range(4):
            t = _verb_tense(verb, first)
            if t is not None:
                return None if t == _UNPLACED else t
            first = False
            head = verb.head
            if head.i == verb.i or verb.dep_ not in ("xcomp", "ccomp", "advcl", "acomp", "conj", "relcl"):
                return None
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                head = head.head
            verb = head
        return None

    def remember(self, found: _Found) -> None:
        """Make ``found`` the anchor for later anaphoric expressions."""
        g = gran_of(found.value.split("T")[0])
        lo, _, _ = interval(found.value.split("T")[0])
        if g and lo and found.type in ("DATE", "TIME") and found.anchor:
            self.last = (lo, g)
            if g == "quarter" and self.pub is not None and lo in _reporting_quarters(self.pub):
                self.focus_quarter = lo

    def quarter(self) -> date | None:
        """The quarter comparisons refer to: the reported one if named, else the last one mentioned."""
        if self.focus_quarter is not None:
            return self.focus_quarter
        return self.last[0] if self.last is not None and self.last[1] == "quarter" else None

    def anchor_for(self, unit: str) -> date | None:
        """The previously mentioned date if it is at least as fine as ``unit``, else the publication date."""
        if self.last is not None:
            d, g = self.last
            gi = GRANS.index(g if g != "weekend" else "week")
            ui = GRANS.index(unit if unit in GRANS else "day")
            if gi <= ui:
                return d
        return self.pub


_UNPLACED = "unplaced"


def _verb_tense(v: Any, first: bool) -> str | None:
    """The tense a single verb shows (with its auxiliaries), or None when it shows none.

    ``_UNPLACED`` means the verb is an infinitive after another verb: later than that one, but not
    placed against the report date, so the caller should stop looking further up the parse.
    """
    cues = set(vocab()["future_cues"])
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    lemmas = words | {a.lemma_.lower() for a in auxes}
    past = v.tag_ == "VBD" or bool(words & {"had", "did", "was", "were"}) or any(a.tag_ == "VBD" for a in auxes)
    if lemmas & {"will", "shall", "'ll", "wo"}:
        return "future"
    if words & {"would", "may", "might", "should", "must", "can"} and "have" not in lemmas:
        return "future"
    if v.lemma_.lower() in cues:
        # "planned to leave" still looks ahead; only the pluperfect puts the plan behind.
        return "past" if "had" in words else "future"
    if "going" in words or (v.lower_ == "going" and any(c.lower_ == "to" for c in v.children)):
        return "future"
    if "to" in words and v.tag_ in ("VB", "VBN"):
        # An infinitive takes its time from what governs it; one that qualifies a noun looks ahead.
        gov = v.head
        if gov.i == v.i:
            return None
        if gov.pos_ in ("NOUN", "PROPN"):
            return "future"
        if gov.pos_ == "ADJ" and gov.dep_ == "acomp" and gov.head.i != gov.i:
            word, gov = gov.lemma_.lower(), gov.head  # "had been due to expire": the tense is on the copula
        else:
            word = gov.lemma_.lower()
        g_aux = {c.lower_ for c in gov.children if c.dep_ in ("aux", "auxpass")}
        if word in cues | {"set", "suppose"}:
            return "past" if "had" in g_aux else "future"
        if word in ("be", "ready", "due", "likely", "about"):
            return "past" if gov.tag_ == "VBD" or g_aux & {"had", "was", "were"} else "future"
        return _UNPLACED
    if v.lemma_.lower() in ("set", "slate") and any(c.lower_ == "for" for c in v.children):
        return "future"  # "a summit set for April"
    if past:
        return "past"
    if v.tag_ == "VBN" and (not words or words & {"have", "has", "'ve"}):
        return "past"
    if v.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "future"
    if first and v.tag_ == "VBN" and words and words <= {"is", "are", "be"}:
        return "present"  # "when the case is heard in May": a scheduled event
    if first and v.tag_ in ("VBP", "VBZ") and not lemmas and v.lemma_.lower() not in _REPORTING:
        return "present"
    return None


# --------------------------------------------------------------------------- helpers


def _num(s: str | None) -> float | None:
    """The number a numeral or number word denotes (None for vague ones such as 'several')."""
    if not s:
        return None
    s = " ".join(s.lower().split())
    if s.endswith(("1/2", "½")):
        whole = _num(s.removesuffix("1/2").removesuffix("½").strip() or "0")
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


def _unit(s: str) -> str:
    """The singular unit name of ``s`` ('centuries' -> 'century')."""
    s = s.lower()
    s = vocab()["unit_plurals"].get(s, s)
    if s.startswith("centur"):
        return "century"
    return s[:-1] if s.endswith("s") and s[:-1] in vocab()["units"] else s


def _mod(s: str | None) -> str | None:
    """The TIMEX3 mod code of a modifier word."""
    if not s:
        return None
    return vocab()["modifiers"].get(" ".join(s.lower().split()))


def _month(s: str) -> int:
    """The month number of a month name or abbreviation."""
    return vocab()["months"][s.lower().rstrip(".")]


def _weekday(s: str) -> int:
    """The ISO weekday number of a weekday name or abbreviation."""
    s = s.lower().rstrip(".")
    return vocab()["weekdays"].get(s) or vocab()["weekday_abbrevs"][s]


def _is_cap(s: str) -> bool:
    """True when a calendar word is written as a name (capitalised)."""
    return s[:1].isupper()


def _resolve_md(pub: date | None, month: int, day: int | None, tense: str | None) -> date | None:
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
        if tense == "past" and (near - ref).days > 30:
            past = [c for c in cands if c <= ref]
            return max(past) if past else near
        if tense == "future" and (ref - near).days > 30:
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


def _resolve_weekday(pub: date, wd: int, rel: str, tense: str | None) -> date:
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


def _date_found(m: re.Match[str], value: str, typ: str = "DATE", mod: str | None = None) -> _Found:
    """A DATE/TIME found with its interval from the value (narrowed by ``mod``)."""
    lo, hi, prec = modified_interval(value.split("T")[0], mod)
    return _Found(m.start(), m.end(), typ, value, mod, lo, hi, prec)


def _ok_month_token(ctx: _Ctx, m: re.Match[str], grp: str = "mon", standalone: bool = False) -> bool:
    """False when the month-looking word is a modal verb, a verb, or part of a name."""
    word = m.group(grp)
    if not _is_cap(word):
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
            if prev.pos_ == "PROPN" and _is_cap(prev.text) and prev.lower_.rstrip(".") not in vocab()["months"]:
                return False
        if word.lower() in vocab()["ambiguous"] and tok.pos_ not in ("PROPN", "NOUN"):
            return False
        after = ctx.text[m.end(grp) : m.end(grp) + 30]
        if word.lower() in vocab()["ambiguous"] and re.match(r"\s+(?:of\s+the|for|on)\s+[A-Z]", after):
            return False  # a named march ("the March for Peace", "a March on Washington")
    return True


# --------------------------------------------------------------------------- handlers

Handler = Callable[[re.Match[str], _Ctx], "_Found | None"]


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    y = int(m["y"])
    if len(m["y"]) == 2:
        y += 2000 if y < 50 else 1900
    mo, d = int(m["m"]), int(m["d"])
    if mo > 12 and d <= 12:
        mo, d = d, mo
    try:
        return _date_found(m, date(y, mo, d).isoformat())
    except ValueError:
        return None


def _h_mdy(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _ok_month_token(ctx, m):
        return None
    named = m.groupdict().get("dayw")
    mo = _month(m["mon"])
    d = vocab()["day_ordinals"][named.lower()] if named else int(m["day"])
    if not 1 <= d <= 31:
        return None
    if m["wd"] and not _is_cap(m["wd"]):
        return None
    if m["year"]:
        try:
            return _date_found(m, date(int(m["year"]), mo, d).isoformat())
        except ValueError:
            return None
    rel = (m.groupdict().get("rel") or "").lower()
    tense = {"last": "past", "next": "future"}.get(rel) or ctx.tense(m.start())
    resolved = _resolve_md(ctx.pub, mo, d, tense)
    if resolved is None:
        return _Found(m.start(), m.end(), "DATE", f"XXXX-{mo:02d}-{d:02d}")
    return _date_found(m, resolved.isoformat())


def _h_monthyear(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _ok_month_token(ctx, m):
        return None
    if m["year"]:
        y = int(m["year"])
    elif ctx.pub is not None:
        y = ctx.pub.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    else:
        return _Found(m.start(), m.end(), "DATE", f"XXXX-{_month(m['mon']):02d}", _mod(m["mod"]))
    return _date_found(m, f"{y:04d}-{_month(m['mon']):02d}", mod=_mod(m["mod"]))


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _ok_month_token(ctx, m, standalone=True):
        return None
    mo = _month(m["mon"])
    rel = " ".join((m["rel"] or "").lower().split())
    mod = _mod(m["mod"])
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", f"XXXX-{mo:02d}", mod)
    if rel in ("last", "this past"):
        y = ctx.pub.year if mo < ctx.pub.month else ctx.pub.year - 1
    elif rel in ("next", "this coming"):
        y = ctx.pub.year if mo > ctx.pub.month else ctx.pub.year + 1
    elif rel == "this":
        y = ctx.pub.year
    else:
        resolved = _resolve_md(ctx.pub, mo, None, ctx.tense(m.start("mon")))
        y = resolved.year if resolved else ctx.pub.year
    return _date_found(m, f"{y:04d}-{mo:02d}", mod=mod)


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
    mod = _mod(m["mod"])
    return _date_found(m, m["year"], mod=mod)


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    dec = m["dec"]
    if dec.startswith("'"):
        yy = int(dec[1:])
        century = 20 if ctx.pub is not None and 2000 + yy <= ctx.pub.year else 19
        value = f"{century}{yy // 10}"
    else:
        value = dec[:3]
    return _date_found(m, value, mod=_mod(m["mod"]))


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    word = " ".join(m["cent"].lower().split())
    n = vocab()["century_ordinals"].get(word) or int(re.sub(r"\D", "", word))
    return _date_found(m, f"{n - 1:02d}", mod=_mod(m["mod"]))


def _h_decadeword(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    d = vocab()["decade_words"][m["dw"].lower()]
    if m["c"]:
        century = {"nineteen": 19, "eighteen": 18}[m["c"].lower()]
    else:
        # The latest such decade that has begun by publication ("the nineties" in 2016 is the 1990s).
        year = ctx.pub.year if ctx.pub else 1999
        century = year // 100 if (year // 100) * 100 + d * 10 <= year else year // 100 - 1
    return _date_found(m, f"{century * 10 + d:03d}", mod=_mod(m["mod"]))


def _h_dayrel2(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    n = -2 if m["dir"].lower().startswith("before") else 2
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", "XXXX-XX-XX")
    return _date_found(m, (ctx.pub + timedelta(days=n)).isoformat())


def _h_dayrel(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
    tok = ctx.token(m.start())
    if tok is not None and tok.pos_ == "ADJ":
        return None
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "TIME", "XXXX-XX-XXTNI")
    return _date_found(m, f"{(ctx.pub - timedelta(days=1)).isoformat()}TNI", "TIME")


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
    unit = m["unit"].lower()
    n = -1 if m["dir"].lower() in ("before", "earlier") else 1
    base = ctx.anchor_for(unit)
    if base is None:
        return _Found(m.start(), m.end(), "DATE", unknown(unit))
    return _date_found(m, fmt(shift(base, unit, n), unit))


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
    unit = _unit(m["unit"])
    f = _Found(m.start(), m.end(), "DURATION", duration(None, unit), anchor=False)
    if ctx.pub is not None:
        f.lo, f.hi, f.precision = ctx.pub, shift(ctx.pub, unit, 3), "fuzzy"
    return f


def _h_recent(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    unit = _unit(m["unit"])
    n = _num(m["num"]) if m["num"] else None
    f = _Found(m.start(), m.end(), "DURATION", duration(n, unit), anchor=False)
    if ctx.pub is not None:
        k = int(n) if n is not None and float(n).is_integer() else (7 if unit == "day" else 3)
        f.lo, f.hi, f.precision = shift(ctx.pub, unit, -k), ctx.pub, "fuzzy"
    return f


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
            return _Found(m.start(), m.end(), "DATE", f"XXXX-{'H' if half else 'Q'}{q}")
        return _date_found(m, f"{y:04d}-{'H' if half else 'Q'}{q}")
    if half:
        return None
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", "XXXX-QX")
    shift_q = {"current": 0, "latest": -1, "last": -1, "previous": -1, "past": -1, "final": 0}.get(ordw)
    if ordw in ("year-earlier", "year-ago"):
        base = ctx.anchor_for("quarter") or ctx.pub
        return _date_found(m, fmt(shift(base, "year", -1), "quarter"))
    if ordw == "final":
        return _date_found(m, f"{y or ctx.pub.year:04d}-Q4")
    base = ctx.pub if y is None else date(y, ctx.pub.month, 1)
    return _date_found(m, fmt(shift(base, "quarter", shift_q or 0), "quarter"))


def _h_halfyear(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["year"]:
        y = int(m["year"])
    elif ctx.pub is not None:
        y = ctx.pub.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    else:
        return _Found(m.start(), m.end(), "DATE", "XXXX-HX")
    return _date_found(m, f"{y:04d}-H{1 if m['which'].lower() == 'first' else 2}")


def _h_yearperiod(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    # In results reporting "the 1988 period" is the same quarter as the one just discussed, in 1988.
    if (focus := ctx.quarter()) is not None:
        q = (focus.month - 1) // 3 + 1
    elif m["what"].lower() == "quarter" and ctx.pub is not None:
        q = (shift(ctx.pub, "quarter", -1).month - 1) // 3 + 1  # the quarter last reported
    else:
        return None
    f = _date_found(m, f"{int(m['year']):04d}-Q{q}")
    f.anchor = False
    return f


def _h_qcode(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    y = int(m["year"]) if m["year"] else (ctx.pub.year if ctx.pub else None)
    if y is None:
        return _Found(m.start(), m.end(), "DATE", f"XXXX-Q{m['q']}")
    return _date_found(m, f"{y:04d}-Q{m['q']}")


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    code = vocab()["seasons"][m["season"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    mod = _mod(m["mod"])
    if not (rel or m["year"] or m["mod"]):
        return None
    tok = ctx.token(m.start("season"))
    if tok is not None and tok.pos_ == "VERB":
        return None
    if rel == "the" and not m["year"] and ctx.next_word(m.end()) == "of":
        return None
    if tok is not None and tok.i > 0 and _is_cap(m["season"]) and tok.doc[tok.i - 1].pos_ == "PROPN":
        return None  # a named event ("the Arab Spring")
    if m["year"]:
        return _date_found(m, f"{int(m['year']):04d}-{code}", mod=mod)
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", f"XXXX-{code}", mod)
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
    return _date_found(m, f"{y:04d}-{code}", mod=mod)


def _h_set(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["adv"]:
        tok = ctx.token(m.start())
        if tok is not None and tok.pos_ in ("NOUN", "PROPN"):
            return None  # "the party daily" is a newspaper
        return _Found(m.start(), m.end(), "SET", vocab()["set_adverbs"][m["adv"].lower()], anchor=False)
    u = m["unit"] or m["unit2"] or m["unit3"]
    low = u.lower().rstrip(".")
    if low.endswith("s") and low[:-1] in vocab()["weekdays"] | vocab()["units"] | vocab()["seasons"]:
        low = low[:-1]
    if low in vocab()["weekdays"]:
        return _Found(m.start(), m.end(), "SET", f"XXXX-WXX-{vocab()['weekdays'][low]}", anchor=False)
    if low in vocab()["months"]:
        return _Found(m.start(), m.end(), "SET", f"XXXX-{vocab()['months'][low]:02d}", anchor=False)
    if low in vocab()["seasons"]:
        return _Found(m.start(), m.end(), "SET", f"XXXX-{vocab()['seasons'][low]}", anchor=False)
    if low in vocab()["day_parts"]:
        return _Found(m.start(), m.end(), "SET", f"TXX{vocab()['day_parts'][low]}"[1:], anchor=False)
    if low == "weekend":
        return _Found(m.start(), m.end(), "SET", "XXXX-WXX-WE", anchor=False)
    unit = _unit(low)
    n = _num(m["num"]) if m["num"] else 1
    if unit == "second" and m["num"] is None and m["unit3"] is None and m["unit2"] is None:
        return None
    return _Found(m.start(), m.end(), "SET", duration(n or 1, unit), anchor=False)


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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


def _day_base(ctx: _Ctx, m: re.Match[str]) -> date | None:
    """The day a clock time or noon/midnight belongs to."""
    if m.groupdict().get("dmon") and ctx.pub is not None:
        mo, d = _month(m["dmon"]), int(m["dday"])
        if 1 <= d <= 31:
            return _resolve_md(ctx.pub, mo, d, ctx.tense(m.start("dmon"), m.start()))
    if m["day"]:
        dw = m["day"].lower()
        if ctx.pub is None:
            return None
        if dw in ("today", "yesterday", "tomorrow"):
            return ctx.pub + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[dw])
        return _resolve_weekday(ctx.pub, _weekday(dw), "", ctx.tense(m.start("day"), m.start()))
    if ctx.last is not None and ctx.last[1] == "day":
        return ctx.last[0]
    return ctx.pub


def _h_clock(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
    return _date_found(m, f"{day}T{h:02d}:{mi:02d}", "TIME")


def _h_noon(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    word = m["word"].lower()
    base = _day_base(ctx, m)
    day = base.isoformat() if base else "XXXX-XX-XX"
    hh = "24:00" if word == "midnight" else "12:00"
    return _date_found(m, f"{day}T{hh}", "TIME")


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


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _is_cap(m["hol"]):
        return None
    name = " ".join(m["hol"].lower().split())
    if m["year"]:
        d = _holiday_date(name, int(m["year"]))
        return _date_found(m, d.isoformat()) if d else None
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", "XXXX-XX-XX")
    rel = (m["rel"] or "").lower()
    tense = {"last": "past", "next": "future", "this": None}.get(rel, ctx.tense(m.start("hol")))
    options = [d for y in (ctx.pub.year - 1, ctx.pub.year, ctx.pub.year + 1) if (d := _holiday_date(name, y))]
    past = [d for d in options if d <= ctx.pub]
    future = [d for d in options if d >= ctx.pub]
    if tense == "past" and past:
        d = max(past)
    elif tense == "future" and future:
        d = min(future)
    else:
        d = min(options, key=lambda o: abs((o - ctx.pub).days))
    return _date_found(m, d.isoformat())


def _h_period(m: re.Match[str], ctx: _Ctx) -> _Found | None:
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
            f = _date_found(m, fmt(shift(ctx.pub, "quarter", -1), "quarter"))
            f.end = m.start("ended")  # "the quarter ended Sept. 30": the date that follows is its own expression
            return f
        return _Found(
            m.start(), m.start() + len(m.group(0)) - len(m["ended"]), "DURATION", duration(1, unit), anchor=False
        )
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", unknown("quarter" if unit != "year" else "year"))
    if unit == "year":
        if which == "same":
            return None
        base = ctx.pub if which in ("full", "fiscal", "current") else (ctx.anchor_for("year") or ctx.pub)
        return _date_found(m, fmt(base, "year"))
    if ctx.last is not None and ctx.last[1] == "quarter":
        return _date_found(m, fmt(ctx.last[0], "quarter"))
    if which == "same":
        return None
    return _date_found(m, fmt(shift(ctx.pub, "quarter", 0 if which == "current" else -1), "quarter"))


def _h_yearend(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if ctx.pub is None:
        return _Found(m.start(), m.end(), "DATE", "XXXX", "END")
    return _date_found(m, fmt(ctx.pub, "year"), mod="END")


def _h_inthe(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    unit = m["unit"].lower()
    base = ctx.anchor_for(unit) if unit == "day" else ctx.pub
    if base is None:
        return _Found(m.start(), m.end(), "DATE", unknown(unit), _mod(m["mod"]))
    return _date_found(m, fmt(base, unit), "DATE", _mod(m["mod"]))


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


def _h_spoken(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    c = " ".join(m["c"].lower().split())
    y = m["y"]
    if c == "two thousand":
        if not m.group(0).lower().startswith("the year") and not y:
            return None
        rest = 0
        if y:
            yw = " ".join(y.lower().split()).removeprefix("and ")
            rest = _SPOKEN_TEENS.get(yw) or int(_num(yw) or 0)
        return _date_found(m, f"{2000 + rest:04d}")
    if not y:
        return None
    yw = " ".join(y.lower().split())
    rest = _SPOKEN_TEENS.get(yw)
    if rest is None:
        if yw.startswith("and") or yw in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"):
            return None
        rest = int(_num(yw) or 0)
    century = {"nineteen": 19, "eighteen": 18, "twenty": 20}[c]
    return _date_found(m, f"{century * 100 + rest:04d}")


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


# --------------------------------------------------------------------------- driver


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
