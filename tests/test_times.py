"""Tests for the ``times`` stage: extents, TIMEX3 values, intervals, tense and anchoring."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.stages.times import tag_times, times
from eventwire.stages.times.normalise import interval

# 2020-03-10 is a Tuesday in ISO week 11.
PUB = "2020-03-10"


def tagged(make_analysis, text: str, published: str | None = PUB, excluded=()):
    """Run the tagger on ``text`` and return {mention text: TimeExpr}."""
    a = make_analysis(text, published)
    return {t.mention.text: t for t in tag_times(a.doc, a.published, excluded)}


def test_last_week_is_previous_iso_week(make_analysis):
    t = tagged(make_analysis, "Last week, rebels attacked the town.")["Last week"]
    assert (t.type, t.value, t.precision) == ("DATE", "2020-W10", "week")
    assert (t.start, t.end) == (date(2020, 3, 2), date(2020, 3, 8))


def test_earlier_this_month_runs_to_the_day_before_publication(make_analysis):
    t = tagged(make_analysis, "Earlier this month, troops withdrew from the border.")["Earlier this month"]
    assert t.value == "2020-03"
    assert (t.start, t.end) == (date(2020, 3, 1), date(2020, 3, 9))


def test_month_year_excludes_preposition(make_analysis):
    found = tagged(make_analysis, "The coalition launched its offensive in August 2014.")
    t = found["August 2014"]
    assert (t.value, t.precision, t.start, t.end) == ("2014-08", "month", date(2014, 8, 1), date(2014, 8, 31))
    assert "in August 2014" not in found


def test_recent_months_is_a_fuzzy_span_before_publication(make_analysis):
    t = tagged(make_analysis, "Fighting has intensified in recent months.")["recent months"]
    assert t.precision == "fuzzy"
    assert t.end == date(2020, 3, 10)
    assert date(2019, 11, 1) < t.start < date(2020, 1, 1)


def test_years_ago_and_past_years(make_analysis):
    found = tagged(make_analysis, "Two years ago the army retook the city, after clashes over the past three years.")
    ago = found["Two years ago"]
    assert (ago.type, ago.value, ago.precision) == ("DATE", "2018", "year")
    past = found["the past three years"]
    assert (past.type, past.value) == ("DURATION", "P3Y")
    assert past.end == date(2020, 3, 10) and past.start == date(2017, 3, 10)


@pytest.mark.parametrize(
    ("text", "mention", "typ", "value"),
    [
        ("Such raids were common in the 1990s.", "the 1990s", "DATE", "199"),
        ("The ceasefire collapsed this summer.", "this summer", "DATE", "2020-SU"),
        ("Profits will rise in the second quarter.", "the second quarter", "DATE", "2020-Q2"),
        ("The council meets every Tuesday.", "every Tuesday", "SET", "XXXX-WXX-2"),
        ("Aid convoys arrive daily.", "daily", "SET", "P1D"),
        ("The siege lasted three days.", "three days", "DURATION", "P3D"),
        ("Both sides signed a six-month truce.", "six-month", "DURATION", "P6M"),
        ("The talks lasted two hours.", "two hours", "DURATION", "PT2H"),
        ("The vote was held on June 23, 2016.", "June 23, 2016", "DATE", "2016-06-23"),
        ("The vote was held on 23 June, 2016.", "23 June, 2016", "DATE", "2016-06-23"),
        ("Elections were held in 2014.", "2014", "DATE", "2014"),
        ("The town is now under army control.", "now", "DATE", "PRESENT_REF"),
        ("The town is currently under army control.", "currently", "DATE", "PRESENT_REF"),
        ("Such attacks belong to the past.", "the past", "DATE", "PAST_REF"),
        ("Talks may resume in the future.", "the future", "DATE", "FUTURE_REF"),
        ("Police arrested him yesterday.", "yesterday", "DATE", "2020-03-09"),
    ],
)
def test_kinds_and_extents(make_analysis, text, mention, typ, value):
    found = tagged(make_analysis, text)
    assert mention in found, found
    assert (found[mention].type, found[mention].value) == (typ, value)


def test_weekday_follows_tense_in_both_directions(make_analysis):
    future = tagged(make_analysis, "The minister will visit the camp on Friday.")["Friday"]
    past = tagged(make_analysis, "The minister visited the camp on Friday.")["Friday"]
    assert future.value == "2020-03-13"
    assert past.value == "2020-03-06"


def test_bare_month_in_past_tense_is_most_recent(make_analysis):
    t = tagged(make_analysis, "The militia seized the dam in August.")["August"]
    assert t.value == "2019-08"


def test_weekday_with_part_of_day_is_a_time(make_analysis):
    t = tagged(make_analysis, "Gunmen stormed the hotel on Sunday morning.")["Sunday morning"]
    assert (t.type, t.value) == ("TIME", "2020-03-08TMO")
    assert t.start == t.end == date(2020, 3, 8)


def test_next_day_is_anchored_to_the_previous_date(make_analysis):
    found = tagged(make_analysis, "Talks began on March 2, 2019. The next day, the rebels withdrew.")
    assert found["March 2, 2019"].value == "2019-03-02"
    assert found["The next day"].value == "2019-03-03"


def test_next_day_without_prior_date_uses_publication(make_analysis):
    t = tagged(make_analysis, "The rebels said they would withdraw the next day.")["the next day"]
    assert t.value == "2020-03-11"


def test_non_times_are_not_tagged(make_analysis):
    found = tagged(make_analysis, "About 30,000 fighters and 49 people died in an attack on a market.")
    assert found == {}
    found = tagged(make_analysis, "The rebels may march on the capital, and most recently they did so.")
    assert found == {}


def test_modal_may_is_not_a_month_but_the_month_is(make_analysis):
    found = tagged(make_analysis, "Officials said the army may return in May.")
    assert list(found) == ["May"]
    assert found["May"].value.endswith("-05")


def test_excluded_furniture_is_skipped(make_analysis):
    text = "23 June, 2016\nRebels shelled the city on Tuesday."
    assert "23 June, 2016" in tagged(make_analysis, text)
    found = tagged(make_analysis, text, excluded=[(0, 13)])
    assert "23 June, 2016" not in found
    assert "Tuesday" in found


def test_without_publication_date_values_stay_unresolved(make_analysis):
    found = tagged(make_analysis, "Last week, rebels attacked the town. It fell in 2014.", published=None)
    assert found["Last week"].value == "XXXX-WXX"
    assert found["Last week"].start is None
    assert found["2014"].value == "2014"


def test_interval_of_values():
    assert interval("2016-W24") == (date(2016, 6, 13), date(2016, 6, 19), "week")
    assert interval("2016-Q2") == (date(2016, 4, 1), date(2016, 6, 30), "quarter")
    assert interval("2016-SU") == (date(2016, 6, 1), date(2016, 8, 31), "season")
    assert interval("201") == (date(2010, 1, 1), date(2019, 12, 31), "decade")
    assert interval("PAST_REF") == (None, None, None)


def test_stage_appends_numbered_times_and_respects_exclusions(make_analysis):
    a = make_analysis("3 min read\nOn Monday, troops entered the town. They left two days later.")
    a.excluded = [(0, 10)]
    times(a)
    assert [t.id for t in a.times] == ["T1", "T2"]
    assert a.times[0].mention.text == "Monday" and a.times[0].value == "2020-03-09"
    assert a.times[1].mention.text == "two days later" and a.times[1].value == "2020-03-11"
    assert all(a.text[t.mention.start : t.mention.end] == t.mention.text for t in a.times)


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        # 2020-03-10 is a Tuesday: past readings go back, future ones forward.
        ("The team planned to leave the capital on Thursday.", "Thursday", "2020-03-12"),
        ("The convoy would be crossing the border Thursday.", "Thursday", "2020-03-12"),
        ("They will appeal the ruling, announced Monday by the court.", "Monday", "2020-03-09"),
        ("Rebels rejected Friday's offer.", "Friday", "2020-03-06"),
        ("The deadline was extended until Friday.", "Friday", "2020-03-13"),
        ("The envoy could arrive as early as Friday.", "Friday", "2020-03-13"),
        ("The ceasefire had been due to expire Friday.", "Friday", "2020-03-06"),
        ("A summit is set for April.", "April", "2020-04"),
    ],
)
def test_tense_decides_the_direction(make_analysis, text, mention, value):
    found = tagged(make_analysis, text)
    assert found[mention].value == value, found


@pytest.mark.parametrize(
    ("text", "mention", "typ", "value"),
    [
        (
            "The paper said in an editorial on Saturday, March 7: the war must end.",
            "Saturday, March 7",
            "DATE",
            "2020-03-07",
        ),
        ("He was shot last Oct. 23 at his home.", "last Oct. 23", "DATE", "2019-10-23"),
        ("The rally is this coming Sunday, March fifteenth.", "Sunday, March fifteenth", "DATE", "2020-03-15"),
        ("The boy was found on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2019-11-28"),
        ("Violence will flare before Election Day.", "Election Day", "DATE", "2020-11-03"),
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("A minute and a half later the pilot called.", "A minute and a half", "DURATION", "PT1M30S"),
        ("The rate is the lowest for almost two decades.", "almost two decades", "DURATION", "P20Y"),
        ("They left a day-long meeting.", "day-long", "DURATION", "P1D"),
        ("The offer runs until 5 p.m. EST March 19.", "5 p.m. EST March 19", "TIME", "2020-03-19T17:00"),
        ("The merger could close in next year's first quarter.", "next year's first quarter", "DATE", "2021-Q1"),
        ("Earnings will fall in the second half of 2020.", "the second half of 2020", "DATE", "2020-H2"),
    ],
)
def test_more_calendar_forms(make_analysis, text, mention, typ, value):
    found = tagged(make_analysis, text)
    assert mention in found, found
    assert (found[mention].type, found[mention].value) == (typ, value)


def test_results_comparisons_refer_to_the_reported_quarter(make_analysis):
    text = (
        "The bank posted fourth-quarter net income of $5 million. After a weak third quarter, sales rose. "
        "Charges in the year-earlier period were large. In the 2019 quarter, the bank lost money."
    )
    found = tagged(make_analysis, text)
    assert found["fourth-quarter"].value == "2019-Q4"
    assert found["the year-earlier period"].value == "2018-Q4"
    assert found["the 2019 quarter"].value == "2019-Q4"


def test_vague_past_references_get_a_fuzzy_interval(make_analysis):
    found = tagged(make_analysis, "Fighting recently spread, as it did a few years ago.")
    recently, ago = found["recently"], found["a few years ago"]
    assert (recently.value, recently.precision, recently.end) == ("PAST_REF", "fuzzy", date(2020, 3, 10))
    assert recently.start == date(2020, 2, 10)
    assert ago.value == "PAST_REF" and ago.start < ago.end < date(2020, 3, 10)


WINDOW_SAMPLES = [
    "The talks resumed on Tuesday, March 3, 2015, after a pause of about three and a half weeks.",
    "Rebels attacked the town at 4:30 p.m. local time yesterday; the siege had lasted 18 months.",
    "In the 1990s and the early twenty-first century, elections were held every four years.",
    "Results for the third quarter of 2019 came out two days before Thanksgiving, in late November.",
    "Officials said earlier this month that the previous three years were the driest since 1900.",
    "Q3 2021 sales and the year-earlier period; the spring of 2020; nineteen eighty-four; now.",
]


def test_anchor_windows_find_what_a_full_scan_finds(monkeypatch):
    """Scanning only around anchor words gives the same expressions as scanning the whole text."""
    from eventwire.stages.times import tagging as t

    filler = " Nothing of note happened here at all, whatever anyone says about it. " * 6
    text = filler.join(WINDOW_SAMPLES)
    windowed = [(f.start, f.end, f.value) for f in t.find_times(text, None, date(2020, 6, 1))]
    monkeypatch.setattr(t, "windows", lambda text, rules: {n: [(0, len(text))] for n in rules})
    full = [(f.start, f.end, f.value) for f in t.find_times(text, None, date(2020, 6, 1))]
    assert windowed == full
    assert len(full) >= 15


def test_every_match_holds_one_of_its_rule_anchors():
    """The invariant the windows rely on, checked on each rule's matches in sample sentences."""
    import re

    from eventwire.stages.times.patterns import rule_table

    seen = 0
    for name, (rx, anchors) in rule_table().items():
        for sample in WINDOW_SAMPLES:
            for m in rx.finditer(sample):
                words = set(re.findall(r"[a-z]+", m.group().lower()))
                if re.search(r"\d", m.group()):
                    words.add("#")
                assert words & anchors, (name, m.group())
                seen += 1
    assert seen >= 30
