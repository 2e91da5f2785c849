"""Quantities: numbers, vague amounts and ranges, with what they count and their role."""

from __future__ import annotations

import pytest

from eventwire.stages import get_stages
from eventwire.stages.quantities import find_quantities


def only(make_analysis, text):
    """The single quantity found in ``text``."""
    found = find_quantities(make_analysis(text))
    assert len(found) == 1, [(q.mention.text, q.role) for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "role", "value"),
    [
        ("Gunmen killed 14 people at a wedding party.", "killed", 14),
        ("Fourteen people were killed when the bridge collapsed.", "killed", 14),
        ("The shelling left 37 dead in the old market.", "killed", 37),
        ("The death toll from the floods rose to 62 on Sunday.", "killed", 62),
        ("The blast injured 8 shoppers near the station.", "injured", 8),
        ("Police said 23 pupils were abducted from their dormitory.", "kidnapped", 23),
        ("Security forces detained 410 people after the vote.", "arrested", 410),
        ("About 6,000 residents fled the fighting.", "displaced", 6000),
        ("Eleven fishermen are still missing after the storm.", "missing", 11),
        ("The ministry said 3,500 troops were sent to the border.", "forces", 3500),
        ("Officials pledged $40 million for reconstruction.", "money", 40_000_000),
    ],
)
def test_role_from_clause(make_analysis, text, role, value):
    q = only(make_analysis, text)
    assert q.role == role
    assert q.value == value


def test_modifier_at_least_sets_low_and_span(make_analysis):
    q = only(make_analysis, "At least 12 villagers were shot dead by raiders overnight.")
    assert q.mention.text == "At least 12 villagers"
    assert (q.value, q.low, q.high) == (12, 12, None)
    assert q.counts == "villagers"


def test_upper_bound_and_estimate(make_analysis):
    up = only(make_analysis, "Up to 50 prisoners escaped during the riot.")
    assert (up.value, up.low, up.high) == (50, None, 50)
    est = only(make_analysis, "The rebels numbered an estimated 2,500 in the hills.")
    assert est.approximate and est.value == 2500
    assert est.mention.text == "an estimated 2,500"
    assert est.counts == "rebels" and est.role == "forces"


def test_between_range(make_analysis):
    q = only(make_analysis, "Between 10 and 20 miners were trapped underground.")
    assert (q.low, q.high, q.value) == (10, 20, None)
    assert q.mention.text.startswith("Between 10 and 20")


def test_vague_words_get_ranges(make_analysis):
    hundreds = only(make_analysis, "Hundreds were murdered in the camps, survivors say.")
    assert (hundreds.low, hundreds.high, hundreds.approximate) == (200, 999, True)
    assert hundreds.role == "killed" and hundreds.mention.text == "Hundreds"
    crowd = only(make_analysis, "Thousands of protesters filled the square.")
    assert (crowd.low, crowd.high) == (2000, 9999)
    assert crowd.role == "protesters" and crowd.counts == "protesters"
    dozens = only(make_analysis, "Dozens of soldiers were wounded in the ambush.")
    assert (dozens.low, dozens.high, dozens.role) == (24, 99, "injured")
    big = only(make_analysis, "Tens of thousands of families were displaced by the dam.")
    assert (big.low, big.high, big.role) == (20_000, 99_999, "displaced")


def test_number_words_and_scales(make_analysis):
    assert only(make_analysis, "Twenty-three sailors drowned off the coast.").value == 23
    assert only(make_analysis, "A dozen policemen guarded the gate.").value == 12
    q = only(make_analysis, "The war has displaced 1.5 million people.")
    assert q.value == 1_500_000 and q.role == "displaced"
    money = only(make_analysis, "The donors promised €3bn in aid.")
    assert money.value == 3_000_000_000 and money.role == "money" and money.counts == "euros"


def test_forces_from_counted_noun(make_analysis):
    q = only(make_analysis, "The general commands 10,000 troops in the east.")
    assert q.role == "forces" and q.counts == "troops" and q.value == 10_000


def test_tally_number_of_fighters(make_analysis):
    q = only(make_analysis, "A commander put the number of fighters in the province at 4,000.")
    assert q.counts == "fighters" and q.role == "forces" and q.value == 4000


def test_years_dates_and_durations_are_skipped(make_analysis):
    assert find_quantities(make_analysis("The offensive began in 2014 and ended on 3 March.")) == []
    assert find_quantities(make_analysis("The siege lasted three weeks.")) == []
    found = find_quantities(make_analysis("In 2019, 40 people died in the clashes."))
    assert [q.value for q in found] == [40]
    assert found[0].role == "killed"


def test_percent_has_no_role(make_analysis):
    q = only(make_analysis, "Turnout fell to 45 percent this time.")
    assert q.counts == "percent" and q.role is None and q.mention.text == "45 percent"


def test_excluded_furniture_is_skipped(make_analysis):
    text = "2 min read\nSoldiers killed 9 insurgents in a raid."
    a = make_analysis(text)
    a.excluded = [(0, len("2 min read"))]
    found = find_quantities(a)
    assert [(q.value, q.role, q.counts) for q in found] == [(9, "killed", "insurgents")]


def test_stage_registers_and_numbers_ids(make_analysis):
    a = make_analysis("Rebels seized 3 towns. Troops arrested 25 suspects and wounded 4 civilians.")
    (info,) = get_stages(("quantities",))
    info.func(a)
    assert [q.id for q in a.quantities] == ["Q1", "Q2", "Q3"]
    assert [q.role for q in a.quantities] == ["other", "arrested", "injured"]
    for q in a.quantities:
        assert a.text[q.mention.start : q.mention.end] == q.mention.text
