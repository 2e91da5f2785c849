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
        ("Palestinians rejected the plan.", "Palestinians", "PSE", "CVL"),
        ("Poland's parliament demanded an apology.", "Poland's parliament", "POL", "LEG"),
        ("Rebels in Guinea blocked the road.", "Rebels", "GIN", "REB"),
        ("Ivory Coast rebels rejected the plan.", "Ivory Coast rebels", "CIV", "REB"),
        ("Serb forces shelled the town.", "Serb forces", "SRB", "MIL"),
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


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        # A well-known person named without nationality takes the people file's country, not the sentence's.
        ("President Bush threatened action against Russia.", "Bush", "USA", "GOV"),
        ("Putin offered to negotiate with the president of Armenia.", "Putin", "RUS", "GOV"),
        ("U.S. Secretary of State Warren Christopher telephoned his colleague.", "Warren Christopher", "USA", "GOV"),
        ("U.N. Secretary-General Kofi Annan withdrew the inspectors from Iraq.", "Kofi Annan", "IGO", "IGO"),
        # Former office holders are elites (ELI), as CAMEO codes them.
        ("Ousted President Askar Akayev agreed to resign.", "Askar Akayev", "KGZ", "ELI"),
        ("Former prime minister Jane Roe demanded elections in Kenya.", "Jane Roe", "KEN", "ELI"),
    ],
)
def test_people_and_titles(ents, text, name, country, sector):
    ent = ents(text)[name]
    assert (ent.country, ent.sector) == (country, sector)


def test_people_file_is_recorded_in_because(ents):
    ent = ents("Vladimir Putin visited the front.")["Vladimir Putin"]
    assert any("people:Vladimir Putin" in r for r in ent.because["rules"])


def test_title_with_joining_words(ents):
    ent = ents("The Minister for Interior John Roe allowed the rally in Pakistan.")["John Roe"]
    assert ent.sector == "GOV" and ent.roles == ["Minister for Interior"]


def test_unnamed_protesters_take_the_country_of_their_sentence(ents):
    ent = ents("Protesters blocked roads in Bolivia on Monday.")["Protesters"]
    assert (ent.country, ent.sector) == ("BOL", "OPP") and "country-nearby" in ent.because["rules"]


def test_country_possessing_an_actor_is_not_a_separate_actor(ents):
    found = ents("Israel's cabinet approved the plan.")
    assert "Israel" not in found and found["Israel's cabinet"].country == "ISR"


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("Thousands of Nigerians marched through the city.", "Nigerians", "NGA", "CVL"),
        ("Thousands of Iraqi Kurds demonstrated in the city.", "Iraqi Kurds", "IRQ", "CVL"),
        ("Security forces in Guinea detained the men.", "Security forces", "GIN", "COP"),
        ("Opposition groups in Zimbabwe demanded new elections.", "Opposition groups", "ZWE", "OPP"),
        ("A newspaper based in Beirut published the letter.", "newspaper", "LBN", "JRN"),
        ("Kenyan helicopter gunships and tanks shelled the camp.", "tanks", "KEN", "MIL"),
        ("Washington rejected the offer.", "Washington", "USA", "GOV"),
        ("King Abdullah of Jordan met the envoy.", "Abdullah", "JOR", None),
        ("Ali Bakr, Egypt's leading human rights activist, began a hunger strike.", "Ali Bakr", "EGY", "OPP"),
    ],
)
def test_coding_from_context(ents, text, name, country, sector):
    found = ents(text)
    ent = next(e for n, e in found.items() if name in n)
    assert ent.country == country
    if sector is not None:
        assert ent.sector == sector


def test_their_forces_take_the_owner_country(ents):
    found = ents("Kenyan officials said their forces had completed the withdrawal.")
    assert found["forces"].country == "KEN"


def test_misspelt_country_subject_is_an_actor(ents):
    ent = ents("Ethopia has agreed to reopen its borders.")["Ethopia"]
    assert (ent.kind, ent.country, ent.sector) == ("COUNTRY", "ETH", "GOV")


def test_a_word_qualifying_an_agent_is_not_a_person(ents):
    """The small NER calls a capitalised qualifier a person; the phrase is the agent ("Riot police")."""
    found = ents("Riot police fired tear gas at the crowd on Monday.")
    assert "Riot" not in found and found["Riot police"].sector == "COP"


def test_resultative_adjective_stays_out_of_the_phrase(ents):
    found = ents("Officers shot dead three robbers in the market.")
    assert "three robbers" not in found and "dead three robbers" not in found
    assert any(name.endswith("robbers") and not name.startswith("dead") for name in found)


CHUNK_TEXTS = [
    "Israeli helicopters and tanks attacked the camp, the army and police said.",
    "The Kenyan government's decision angered teachers, nurses and doctors in Nairobi.",
    "She gave him and his brother a book; they, the envoys of Mali, left.",
    "Security forces, who arrived late, and a terror group clashed near the border on Monday.",
]


def _chunks_agree(doc) -> None:
    from eventwire.stages.entities.collectives import noun_chunk_bounds, token_columns

    assert noun_chunk_bounds(doc, token_columns(doc)) == [(c.start, c.end) for c in doc.noun_chunks]


@pytest.mark.parametrize("text", CHUNK_TEXTS)
def test_noun_chunks_read_from_columns_are_spacys(nlp, text):
    _chunks_agree(nlp(text))


def test_noun_chunks_read_from_columns_are_spacys_on_the_seed_articles(nlp, shared):
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seed").glob("*.txt"))]
    if not texts:
        pytest.skip("no seed articles")
    for doc in nlp.pipe(texts):
        _chunks_agree(doc)
