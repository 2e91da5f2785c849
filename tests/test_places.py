"""The places stage on short invented texts."""

from __future__ import annotations

from eventwire.analysis import Entity
from eventwire.stages.places import places


def _run(analysis, drop_ner: bool = False):
    if drop_ner:
        # Forces the gazetteer-only path, as when the NER misses a toponym.
        analysis.doc.ents = []
    places(analysis)
    return analysis.places


def _by_name(result):
    return {p.mentions[0].text: p for p in result}


def test_qualifier_picks_the_texan_paris(make_analysis):
    got = _by_name(_run(make_analysis("He grew up in Paris, Texas, and later moved away.")))
    assert got["Paris"].country == "US" and got["Paris"].admin1 == "Texas"


def test_qualifier_picks_the_french_paris(make_analysis):
    got = _by_name(_run(make_analysis("She studied in Paris, France, before the war.")))
    assert got["Paris"].country == "FR"


def test_country_focus_resolves_tripoli(make_analysis):
    libya = _by_name(_run(make_analysis("Clashes erupted in Tripoli on Monday. Libya has been divided for years.")))
    lebanon = _by_name(
        _run(make_analysis("Clashes erupted in Tripoli on Monday. Lebanon's army said Beirut stayed calm."))
    )
    assert libya["Tripoli"].country == "LY"
    assert lebanon["Tripoli"].country == "LB"


def test_one_place_many_mentions_and_ids(make_analysis):
    result = _run(make_analysis("Fighting spread to Falluja. Later, troops entered Fallujah from the north."))
    assert [p.id for p in result] == ["P1"]
    assert len(result[0].mentions) == 2 and result[0].country == "IQ"


def test_unresolvable_toponym_is_kept(make_analysis):
    result = _run(make_analysis("Troops were sent to Blorvania after the governor of Blorvania asked for help."))
    assert result, "the NER-found toponym must not vanish"
    place = result[0]
    assert place.geonameid is None and place.name == "Blorvania" and len(place.mentions) == 2


def test_gazetteer_only_match_needs_a_locative_cue(make_analysis):
    got = _by_name(_run(make_analysis("Gunmen attacked a market in Kukawa on Friday."), drop_ner=True))
    assert got["Kukawa"].country == "NG" and got["Kukawa"].geonameid is not None
    # A small town with no preposition, sect words and weekdays stay out.
    none = _run(make_analysis("Kukawa told reporters that Sunni elders met in Sunday prayers."), drop_ner=True)
    assert none == []


def test_demonyms_are_not_places(make_analysis):
    result = _run(make_analysis("Iraqi forces and Kurdish fighters advanced, a Syrian official said."))
    assert all(p.mentions[0].text not in {"Iraqi", "Kurdish", "Syrian"} for p in result)


def test_furniture_is_skipped(make_analysis):
    text = "Photo: Baghdad bureau [Getty]\nFighters entered Mosul on Monday."
    analysis = make_analysis(text)
    analysis.excluded = [(0, text.index("\n"))]
    got = _by_name(_run(analysis))
    assert "Mosul" in got and "Baghdad" not in got


def test_person_names_block_toponyms_but_organisation_heads_do_not(make_analysis):
    text = "Jack London spoke. The Anbar Provincial Council met in Ramadi."
    analysis = make_analysis(text)
    for name, kind in (("Jack London", "PERSON"), ("Anbar Provincial Council", "ORG")):
        start = text.index(name)
        analysis.entities.append(
            Entity(id=f"E{kind}", name=name, kind=kind, mentions=[analysis.span(start, start + len(name))])
        )
    got = _by_name(_run(analysis, drop_ner=True))
    assert "London" not in got
    assert got["Anbar"].country == "IQ" and got["Ramadi"].country == "IQ"


def test_state_focus_picks_the_local_namesake(make_analysis):
    text = "Deputies in Tennessee searched a farm near Paris on Monday. Paris police and Henry County officials helped."
    got = _by_name(_run(make_analysis(text)))
    assert got["Paris"].country == "US" and got["Paris"].admin1 == "Tennessee"


def test_state_abbreviation_needs_its_dot(make_analysis):
    got = _by_name(_run(make_analysis("A man from Springfield, Ill., was hurt. Ill health kept him home.")))
    assert got["Ill."].admin1 == "Illinois"
    assert got["Springfield"].admin1 == "Illinois"
    assert "Ill" not in got


def test_regions_and_countries(make_analysis):
    got = _by_name(_run(make_analysis("Leaders in the West warned Syria, and the Middle East braced for more.")))
    assert got["Syria"].level == "country" and got["Syria"].geonameid is not None
    assert got["Middle East"].level == "region"
    assert all(0 < p.confidence <= 1 for p in got.values())
