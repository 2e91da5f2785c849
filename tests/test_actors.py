"""The actor knowledge base: data integrity, alias lookups, acronyms, demonyms, agents, titles, patterns."""

from __future__ import annotations

import re
import time

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.data import data_text
from eventwire.knowledge.actors import ENTITY_KINDS, SECTORS, ActorKB, fold, get_actor_kb, is_acronym


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return get_actor_kb()


def _rows(name: str) -> tuple[list[str], list[list[str]]]:
    text = data_text(name)
    assert text.startswith("#"), f"{name} must open with a source/licence comment"
    assert "licence" in text.split("\n", 3)[1].lower() or "licence" in text.split("\n", 3)[0].lower()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return lines[0].split("\t"), [ln.split("\t") for ln in lines[1:]]


# -- data integrity ---------------------------------------------------------------------------


def test_actor_rows_have_required_columns_and_valid_codes():
    header, rows = _rows("actors.tsv")
    assert header == ["name", "aliases", "kind", "country", "sector", "code", "source"]
    for row in rows:
        assert len(row) == len(header), row
        name, aliases, kind, country, sector, code, source = row
        assert name and source, row
        assert kind in ENTITY_KINDS, row
        assert all(a.strip() == a and a for a in aliases.split("|")) or aliases == "", row
        if kind == "COUNTRY":
            assert re.fullmatch(r"[A-Z]{3}", country), row
            continue
        assert sector in SECTORS, row
        assert country == "" or country == "IGO" or re.fullmatch(r"[A-Z]{3}", country), row
        assert re.fullmatch(r"[A-Z0-9]{3,12}", code), row


def test_agent_and_title_rows_are_valid():
    header, rows = _rows("agents.tsv")
    assert header == ["term", "sector", "kind", "note"]
    for term, sector, kind, note in rows:
        assert term, (term, kind)
        if kind == "IDENTITY":
            assert sector == "" and ";" in note
        elif kind == "DEMONYM":
            assert sector == "" and re.fullmatch(r"[A-Z]{3}", note)
        else:
            assert sector in SECTORS and kind in ENTITY_KINDS, term
    header, rows = _rows("titles.tsv")
    assert header == ["title", "role", "sector", "kind", "note"]
    for title, role, sector, kind, note in rows:
        assert title and role and kind == "PERSON"
        assert sector in SECTORS or (sector == "" and note.startswith("from_org")), title


def test_kb_is_large_and_no_alias_names_two_actors(kb):
    assert len(kb.actors) >= 300
    assert len({a.name for a in kb.actors}) == len(kb.actors)
    # Tie-break is "first row wins", but the shipped data must not need it.
    assert kb.conflicts == []


def test_load_is_fast():
    started = time.perf_counter()
    ActorKB()
    assert time.perf_counter() - started < 1.0  # about 0.08 s on the dev machine; slack for slow CI


# -- actor lookups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State",
        "the Islamic State group",
        "Islamic State group's",
        "ISIS",
        "ISIL",
        "Daesh",
        "Isis",
        "Islamic State of Iraq and the Levant",
    ],
)
def test_islamic_state_aliases(kb, text):
    entry = kb.lookup(text)
    assert entry is not None and entry.name == "Islamic State"
    assert (entry.kind, entry.sector, entry.code) == ("ARMED_GROUP", "REB", "IMGMUSISI")


@pytest.mark.parametrize(
    "text",
    [
        "Popular Mobilization Forces",
        "Popular Mobilisation Forces",
        "Popular Mobilisation Force",
        "Hashd al-Shaabi",
        "PMF",
        "PMU",
        "the Popular Mobilisation Units",
    ],
)
def test_pmf_aliases_fold_spelling(kb, text):
    entry = kb.lookup(text)
    assert entry is not None and entry.name == "Popular Mobilization Forces"
    assert entry.country == "IRQ" and entry.sector == "PRM"


@pytest.mark.parametrize(
    ("text", "name", "sector", "country"),
    [
        ("PKK", "Kurdistan Workers' Party", "REB", "TUR"),
        ("Kurdistan Workers\u2019 Party", "Kurdistan Workers' Party", "REB", "TUR"),
        ("YPG", "People's Protection Units", "REB", "SYR"),
        ("SDF", "Syrian Democratic Forces", "REB", "SYR"),
        ("Peshmerga", "Peshmerga", "MIL", "IRQ"),
        ("Wagner Group", "Wagner Group", "PRM", "RUS"),
        ("IDF", "Israel Defense Forces", "MIL", "ISR"),
        ("Hay\u2019at Tahrir al-Sham", "Hayat Tahrir al-Sham", "REB", "SYR"),
        ("al Qaida", "Al-Qaeda", "REB", None),
        ("Seleka", "Séléka", "REB", "CAF"),
        ("CIA", "Central Intelligence Agency", "SPY", "USA"),
        ("the Pentagon", "United States Department of Defense", "MIL", "USA"),
        ("U.N.", "United Nations", "IGO", "IGO"),
        ("Doctors Without Borders", "Médecins Sans Frontières", "NGO", None),
        ("anti-IS coalition", "Global Coalition to Defeat ISIS", "MIL", None),
        ("Iraqi Popular Mobilisation Forces", "Popular Mobilization Forces", "PRM", "IRQ"),
    ],
)
def test_named_actors(kb, text, name, sector, country):
    entry = kb.lookup(text)
    assert entry is not None, text
    assert (entry.name, entry.sector, entry.country) == (name, sector, country)


def test_acronyms_are_case_sensitive(kb):
    assert kb.lookup("IS").name == "Islamic State"
    assert kb.lookup("is") is None and kb.lookup("Is") is None
    assert kb.lookup("WHO").name == "World Health Organization"
    assert kb.lookup("who") is None
    assert kb.lookup("LeT").name == "Lashkar-e-Taiba"
    assert kb.lookup("let") is None and kb.lookup("LET") is None
    # Two different groups share letters and differ only in case.
    assert kb.lookup("JeM").name == "Jaish-e-Mohammed"
    assert kb.lookup("JEM").name == "Justice and Equality Movement"
    assert kb.lookup("cia") is None


def test_single_word_names_need_a_capital(kb):
    assert kb.lookup("Wagner").name == "Wagner Group"
    assert kb.lookup("wagner") is None
    assert kb.lookup("Hamas").name == "Hamas" and kb.lookup("HAMAS").name == "Hamas"
    assert kb.lookup("hamas") is None
    assert kb.lookup("the group") is None
    assert kb.lookup("") is None


def test_fold_and_acronym_detection():
    assert fold("The Popular Mobilisation Force\u2019s") == fold("popular mobilization force")
    assert fold("Ministry of Defence") == "ministry of defense"
    assert is_acronym("IS") and is_acronym("LeT") and is_acronym("M23") and is_acronym("U.N.")
    assert not is_acronym("Daesh") and not is_acronym("Unicef") and not is_acronym("Islamic State")


# -- countries, demonyms, identities ----------------------------------------------------------


def test_demonyms(kb):
    assert kb.country_of_demonym("Iraqi") == "IRQ"
    assert kb.country_of_demonym("Iraqis") == "IRQ"
    assert kb.country_of_demonym("American") == "USA"
    assert kb.country_of_demonym("British") == "GBR"
    assert kb.country_of_demonym("Saudi") == "SAU"
    assert kb.country_of_demonym("Congolese") == "COD"
    assert kb.country_of_demonym("Kurdish") is None
    assert kb.country_of_demonym("Shia") is None


def test_country_names(kb):
    for name in ("US", "U.S.", "United States", "the United States", "America"):
        assert kb.country_by_name(name) == "USA", name
    for name in ("UK", "Britain", "United Kingdom"):
        assert kb.country_by_name(name) == "GBR", name
    assert kb.country_by_name("Iraq") == "IRQ"
    assert kb.country_by_name("Syria") == "SYR"
    assert kb.country_by_name("Burma") == "MMR"
    assert kb.country_by_name("DRC") == "COD"
    assert kb.country_by_name("us") is None
    assert kb.country_by_name("island") is None
    assert kb.country_by_name("Kurdistan") is None


def test_identities(kb):
    assert kb.identity("Sunni") == "Sunni" and kb.identity("Sunnis") == "Sunni"
    assert kb.identity("Shiite") == "Shia" and kb.identity("Shi\u2019ite") == "Shia"
    assert kb.identity("Kurdish") == "Kurdish" and kb.identity("Kurds") == "Kurdish"
    assert kb.identity("Western") == "Western"
    assert kb.identity_type("Shia") == "religious" and kb.identity_type("Kurdish") == "ethnic"
    assert kb.identity("Iraqi") is None


# -- agents and titles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "sector", "kind", "by_context"),
    [
        ("police", "COP", "STATE_FORCE", False),
        ("policemen", "COP", "STATE_FORCE", False),
        ("troops", "MIL", "STATE_FORCE", False),
        ("air force", "MIL", "STATE_FORCE", False),
        ("officials", "GOV", "GOVERNMENT", False),
        ("militants", "REB", "ARMED_GROUP", True),
        ("militias", "PRM", "ARMED_GROUP", True),
        ("fighters", "UAF", "ARMED_GROUP", True),
        ("gunmen", "UAF", "ARMED_GROUP", False),
        ("civilians", "CVL", "COLLECTIVE", False),
        ("tribes", "CVL", "COLLECTIVE", False),
        ("villagers", "CVL", "COLLECTIVE", False),
        ("protesters", "OPP", "COLLECTIVE", True),
        ("lawmakers", "LEG", "GOVERNMENT", False),
        ("prosecutors", "JUD", "GOVERNMENT", False),
        ("intelligence officials", "SPY", "GOVERNMENT", False),
        ("journalists", "JRN", "COLLECTIVE", False),
        ("medics", "MED", "COLLECTIVE", False),
        ("refugees", "REF", "COLLECTIVE", False),
        ("IDPs", "REF", "COLLECTIVE", False),
        ("clerics", "REL", "COLLECTIVE", False),
        ("students", "EDU", "COLLECTIVE", False),
        ("businessmen", "BUS", "COLLECTIVE", False),
        ("gangs", "CRM", "ARMED_GROUP", False),
    ],
)
def test_agents(kb, lemma, sector, kind, by_context):
    entry = kb.agent(lemma)
    assert entry is not None, lemma
    assert (entry.sector, entry.kind, entry.by_context) == (sector, kind, by_context)


def test_agents_reject_unknown_and_lowercase_acronyms(kb):
    assert kb.agent("MPs").sector == "LEG"
    assert kb.agent("mp") is None
    assert kb.agent("bicycle") is None
    assert kb.agent("Sunni") is None  # identities are attributes, not agents


def test_titles_take_sector_from_the_organisation(kb):
    t = kb.title("CIA chief")
    assert (t.role, t.sector, t.org, t.country) == ("HEAD", "SPY", "Central Intelligence Agency", "USA")
    t = kb.title("police spokesman")
    assert (t.role, t.sector) == ("SPOKESPERSON", "COP")
    t = kb.title("spokesman for the Pentagon")
    assert (t.role, t.sector, t.country) == ("SPOKESPERSON", "MIL", "USA")
    t = kb.title("head of the FBI")
    assert (t.sector, t.org) == ("COP", "Federal Bureau of Investigation")
    t = kb.title("UN envoy")
    assert (t.role, t.sector) == ("ENVOY", "IGO")
    t = kb.title("Hezbollah commander")
    assert (t.role, t.sector, t.country) == ("MILITARY_COMMANDER", "REB", "LBN")


def test_titles_with_country_qualifiers_and_identity(kb):
    t = kb.title("Iraqi Prime Minister")
    assert (t.role, t.sector, t.country) == ("HEAD_OF_GOVERNMENT", "GOV", "IRQ")
    t = kb.title("former US Defence Secretary")
    assert (t.role, t.country, t.qualifiers) == ("MINISTER", "USA", ("former",))
    t = kb.title("deputy foreign minister")
    assert t.title == "foreign minister" and t.qualifiers == ("deputy",)
    t = kb.title("Kurdish commander")
    assert t.identity == "Kurdish" and t.sector == "MIL" and t.country is None
    assert kb.title("MP").sector == "LEG" and kb.title("mp") is None
    assert kb.title("senator").sector == "LEG"
    assert kb.title("bicycle repairman") is None


# -- spaCy patterns ---------------------------------------------------------------------------


def test_patterns_shape(kb):
    pats = kb.patterns()
    assert len(pats) > 2000
    assert {p["label"] for p in pats} == {"ARMED_GROUP", "ORG", "GPE", "NORP"}
    is_pattern = [p for p in pats if p["pattern"] == [{"ORTH": "IS"}]]
    assert is_pattern and is_pattern[0]["id"] == "Islamic State"
    assert not any(p["pattern"] == [{"LOWER": "is"}] for p in pats)


def test_patterns_in_an_entity_ruler(kb):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(kb.patterns(nlp.tokenizer))
    text = (
        "Kurdish Peshmerga and the Popular Mobilisation Forces pushed IS out, US officials said. "
        "It is unclear whether LeT will let Sunni tribesmen and Iraqis join the hamas talks of Hamas."
    )
    found = {(e.text, e.label_, e.ent_id_) for e in nlp(text).ents}
    assert ("Popular Mobilisation Forces", "ARMED_GROUP", "Popular Mobilization Forces") in found
    assert ("IS", "ARMED_GROUP", "Islamic State") in found
    assert ("US", "GPE", "USA") in found
    assert ("LeT", "ARMED_GROUP", "Lashkar-e-Taiba") in found
    assert ("Sunni", "NORP", "Sunni") in found
    assert ("Iraqis", "NORP", "IRQ") in found
    assert ("Hamas", "ARMED_GROUP", "Hamas") in found
    texts = {e.text for e in nlp(text).ents}
    assert "is" not in texts and "let" not in texts and "hamas" not in texts
    assert any("Peshmerga" in t for t in texts)


# -- people -------------------------------------------------------------------------------------


def test_people_rows_are_valid():
    header, rows = _rows("people.tsv")
    assert header == ["name", "aliases", "country", "sector", "period", "role", "source"]
    assert len(rows) >= 300
    names = [row[0] for row in rows]
    assert len(set(names)) == len(names)
    for row in rows:
        assert len(row) == len(header), row
        name, aliases, country, sector, period, role, source = row
        assert name and role and source.startswith("Wikipedia: "), row
        assert all(a.strip() == a and a for a in aliases.split("|")) or aliases == "", row
        assert country == "" or country == "IGO" or re.fullmatch(r"[A-Z]{3}", country), row
        assert sector in SECTORS, row
        assert re.fullmatch(r"\d{4}(-(\d{4})?)?(; \d{4}(-(\d{4})?)?)*", period), row


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Vladimir Putin", "RUS", "GOV"),
        ("Putin", "RUS", "GOV"),
        ("Mr Putin", "RUS", "GOV"),
        ("Omar El Bashir", "SDN", "GOV"),
        ("Kofi Annan", "IGO", "IGO"),
        ("Osama bin Laden", None, "REB"),
        ("Kabila", "COD", "GOV"),  # two people, same country and sector
    ],
)
def test_people_lookup(kb, text, country, sector):
    person = kb.person(text)
    assert person is not None and (person.country, person.sector) == (country, sector)


def test_people_lookup_refuses_ambiguous_surnames_and_lower_case(kb):
    assert kb.person("Tshisekedi") is None  # a president and an opposition leader
    assert kb.person("putin") is None
    assert kb.person("Jane Doe") is None


def test_agent_terms_keep_group(kb):
    # "aid group" is an agent; the bare word "aid" is not, while "rebel group" is a group of rebels.
    assert kb.agent("aid") is None and kb.agent("rights") is None
    assert kb.agent("aid groups").sector == "NGO"
    assert kb.agent("rebel group").sector == "REB"


def test_capital_written_without_district(kb):
    assert kb.capital_of("Washington") == "USA"


def test_misspelt_country_names(kb):
    assert kb.country_misspelt("Ethopia") == "ETH"
    assert kb.country_misspelt("Isreal") == "ISR"
    assert kb.country_misspelt("Britian") == "GBR"
    # Correct names, short words and words near no single country are not slips.
    assert kb.country_misspelt("Nigeria") is None
    assert kb.country_misspelt("Niger") is None
    assert kb.country_misspelt("Gorazde") is None


def test_country_of_alpha2(kb):
    assert kb.country_of_alpha2("DZ") == "DZA"
    assert kb.country_of_alpha2(None) is None
    assert kb.country_by_name("Bosnia") == "BIH"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_fold_takes_the_same_path_for_plain_ascii_as_for_accented_text(text: str) -> None:
    """ASCII names skip Unicode normalisation; an accented letter must fold as its plain letter does."""
    assert fold(text + "\u00e9") == fold(text + "e")
