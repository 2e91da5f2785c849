"""Entities stage: generic agents with nationality, titles as roles, groups, and actors standing for countries."""

from __future__ import annotations

import pytest

from eventwire.stages.entities import entities


@pytest.fixture
def ents(make_analysis):
    def run(text):
        analysis = make_analysis(text)
        entities(analysis)
        return {e.name: e for e in analysis.entities}

    return run


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("Iraqi forces entered the town.", "Iraqi forces", "IRQ", "MIL"),
        ("US officials denied the report.", "US officials", "USA", "GOV"),
        ("Afghan rebel leaders met the envoy.", "Afghan rebel leaders", "AFG", "REB"),
        ("Berlin rejected the proposal.", "Berlin", "DEU", "GOV"),
        ("Palestinians rejected the plan.", "Palestinians", "PSE", None),
    ],
)
def test_collective_and_metonymic_actors(ents, text, name, country, sector):
    ent = ents(text)[name]
    assert (ent.country, ent.sector) == (country, sector)


def test_pro_government_militants(ents):
    assert ents("Pro-government militants killed two civilians.")["Pro-government militants"].sector == "PRM"


def test_title_becomes_role_with_country(ents):
    ent = ents("Iraqi Prime Minister Haider al-Abadi visited the front.")["Haider al-Abadi"]
    assert ent.roles and ent.sector == "GOV" and ent.country == "IRQ"


def test_title_country_from_the_sentence(ents):
    ent = ents("President Jane Doe lifted the curfew in Kenya.")["Jane Doe"]
    assert ent.sector == "GOV" and ent.country == "KEN" and "country-nearby" in ent.because["rules"]


def test_countries_in_coordination_are_actors(ents):
    found = ents("Israel and Lebanon renewed negotiations today.")
    assert found["Israel"].country == "ISR" and found["Lebanon"].country == "LBN"


def test_named_igo(ents):
    ent = ents("The European Community imposed an embargo.")["European Communities"]
    assert ent.sector == "IGO"
