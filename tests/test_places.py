"""The places stage on short invented texts."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span as SpacySpan

from eventwire.analysis import Entity
from eventwire.knowledge.gazetteer import Candidate, get_gazetteer, haversine_km, lookup_key
from eventwire.stages.places import places
from eventwire.stages.places.cues import occurrences
from eventwire.stages.places.mention import Mention
from eventwire.stages.places.positions import approximate, strays
from eventwire.stages.places.proximity import Points, Readings, kin
from eventwire.stages.places.resolution import prior, state_weight
from eventwire.stages.places.runs import CAP_RUN


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


def test_demonyms_point_to_their_country_apart_from_places(make_analysis):
    analysis = make_analysis(
        "Chinese and French engineers met Peruvians in Lima. Two Peruvian ministers and a New Zealander spoke."
    )
    result = _run(analysis)
    assert {p.mentions[0].text for p in result} == {"Lima"}
    got = {d.country: d for d in analysis.demonyms}
    # "Chinese" is China's and "French" France's, not the demonym of smaller lands that share it (Macau, Mayotte).
    assert set(got) == {"CN", "FR", "PE", "NZ"}
    peru = got["PE"]
    assert [m.text for m in peru.mentions] == ["Peruvians", "Peruvian"]
    assert haversine_km(peru.lat, peru.lon, -10.0, -76.0) < 400 and peru.place is None
    assert [m.text for m in got["NZ"].mentions] == ["New Zealander"]
    assert all(analysis.text[m.start : m.end] == m.text for d in analysis.demonyms for m in d.mentions)


def test_demonyms_of_states_and_regions(make_analysis):
    analysis = make_analysis(
        "Thousands of Ohioans lined up while South Ossetian militias and a West Virginian watched."
    )
    _run(analysis)
    got = {d.name: d for d in analysis.demonyms}
    assert set(got) == {"Ohio", "South Ossetia", "West Virginia"}
    assert got["Ohio"].level == "admin1" and got["Ohio"].country == "US"
    assert haversine_km(got["South Ossetia"].lat, got["South Ossetia"].lon, 42.3, 44.0) < 100
    assert [m.text for m in got["West Virginia"].mentions] == ["West Virginian"]
    analysis = make_analysis("The Illinoisan, 34, was taken to a hospital.")
    _run(analysis)
    assert [m.text for d in analysis.demonyms for m in d.mentions] == ["Illinoisan"]


def test_a_word_opening_a_place_name_is_no_demonym(make_analysis):
    analysis = make_analysis("Floods hit the Indian Ocean coast.")
    analysis.doc.ents = []  # as when the NER misses the ocean
    _run(analysis)
    assert not analysis.demonyms


def test_demonym_links_the_place_of_its_country(make_analysis):
    analysis = make_analysis("Kenyan police said the convoy left Kenya on Monday.")
    _run(analysis)
    (kenyan,) = analysis.demonyms
    kenya = next(p for p in analysis.places if p.level == "country")
    assert kenyan.country == "KE" and kenyan.place == kenya.id and kenyan.geonameid == kenya.geonameid


def test_unknown_name_lies_in_the_place_named_with_it(make_analysis):
    analysis = make_analysis("Aid reached the Qorvashabad refugee camp in Mosul and the Zindarwa district of Kirkuk.")
    doc = analysis.doc
    # As the NER would tag them: names no gazetteer holds come only from its place spans.
    names = {"Qorvashabad", "Mosul", "Zindarwa", "Kirkuk"}
    doc.ents = [SpacySpan(doc, t.i, t.i + 1, label="GPE") for t in doc if t.text in names]
    got = _by_name(_run(analysis))
    mosul, kirkuk = got["Mosul"], got["Kirkuk"]
    camp, district = got["Qorvashabad"], got["Zindarwa"]
    assert camp.geonameid is None and camp.position == "article"
    assert (camp.lat, camp.lon) == (mosul.lat, mosul.lon) and (district.lat, district.lon) == (kirkuk.lat, kirkuk.lon)


def test_world_city_beats_a_namesake_with_only_the_country_behind_it(make_analysis):
    got = _by_name(
        _run(make_analysis("A Nashville clinic in Tennessee hired doctors trained at McGill University in Montreal."))
    )
    assert got["Montreal"].country == "CA" and got["Nashville"].admin1 == "Tennessee"
    got = _by_name(_run(make_analysis("Flights from Tampa and Orlando in Florida will go to Moscow next year.")))
    assert got["Moscow"].country == "RU" and got["Tampa"].admin1 == "Florida"


def test_a_town_taken_or_shelled_is_a_place_without_the_ner(make_analysis):
    got = _by_name(_run(make_analysis("Iraqi troops retook Tikrit and shelled Haditha; Smith visited Jordan."), True))
    assert got["Tikrit"].country == "IQ" and got["Haditha"].country == "IQ"
    assert "Smith" not in got


def test_portuguese_particles_city_cue_and_foreign_directions(make_analysis):
    got = _by_name(
        _run(make_analysis("Cases rose in Santa Catarina and Rio Grande do Sul; the city of Sao Paulo had more."))
    )
    assert got["Rio Grande do Sul"].level == "admin1" and got["Rio Grande do Sul"].country == "BR"
    assert got["Sao Paulo"].level == "place"
    got = _by_name(_run(make_analysis("Ebola broke out in Kasai Occidental province of the DRC.")))
    assert "Occidental" not in got and got["Kasai"].country == "CD"


def test_physical_features_and_former_states_are_regions(make_analysis):
    got = _by_name(_run(make_analysis("Tankers crossed the Strait of Hormuz while jets struck the Bekaa Valley.")))
    assert haversine_km(got["Bekaa Valley"].lat, got["Bekaa Valley"].lon, 33.85, 35.9) < 50
    assert got["Strait of Hormuz"].level == "region"
    got = _by_name(_run(make_analysis("Scientists in the Soviet Union worked on it for years.")))
    assert got["Soviet Union"].level == "region"


def test_short_demonym_is_no_village(make_analysis):
    # "Saudi" is also a village in Cote d'Ivoire; as the short demonym of Saudi Arabia it is no place.
    result = _run(make_analysis("A group of Saudi clerics met Saudi officials in the capital."))
    assert all(p.mentions[0].text != "Saudi" for p in result)


def test_metro_area_takes_the_big_city(make_analysis):
    got = _by_name(_run(make_analysis("Officials in Metro Vancouver banned the disposal of pharmaceuticals.")))
    place = got["Metro Vancouver"]
    assert place.population >= 100_000 and place.geonameid is not None


def test_town_the_gazetteer_lacks_in_a_named_state_stays_there(make_analysis):
    # No Stroud in Ontario is in the gazetteer: the name is no Stroud of England, but a place in Ontario.
    got = _by_name(_run(make_analysis("The truck was pulled over in Stroud, Ontario, Canada, on Monday.")))
    stroud = got["Stroud"]
    assert stroud.geonameid is None and (stroud.country, stroud.admin1) == ("CA", "Ontario")
    assert stroud.position == "article"
    # Placed where Ontario's people live (the south), not at the centre of its area (49 N, 85 W).
    assert stroud.lat < 46 and stroud.lon > -82


def test_saint_abbreviation_stays_inside_a_capitalised_run():
    # The NER often reads "Marie" or "Paul" as a person; the gazetteer pass needs the whole name.
    assert [m.group() for m in CAP_RUN.finditer("in Sault Ste. Marie, near St. Paul. Then Bob")] == [
        "Sault Ste. Marie",
        "St. Paul",
        "Then Bob",
    ]


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


def test_cut_ner_spans_are_mended(make_analysis):
    analysis = make_analysis("A woman from New Jersey was taken to the Henderson County Jail.")
    text = analysis.text
    # As when an entity ruler keeps only the end of a name ("Jersey") or the NER takes a whole facility.
    jersey, jail = text.index("Jersey"), text.index("the Henderson")
    spans = [(jersey, jersey + 6, "GPE"), (jail, len(text) - 1, "FAC")]
    analysis.doc.ents = [analysis.doc.char_span(s, e, label=lab) for s, e, lab in spans]
    got = _by_name(_run(analysis))
    assert got["New Jersey"].level == "admin1" and got["New Jersey"].country == "US"
    assert got["Henderson County"].level == "admin2"


def test_jurisdictions_heading_institutions_and_party_tags(make_analysis):
    text = "Officers of the Mansfield Police Department and Rep. Earl Pomeroy, D-N.D., met in Fargo."
    analysis = make_analysis(text)
    start = text.index("Mansfield")
    name = "Mansfield Police Department"
    analysis.entities.append(Entity(id="E1", name=name, kind="ORG", mentions=[analysis.span(start, start + len(name))]))
    got = _by_name(_run(analysis))
    assert "Mansfield" in got and got["N.D."].admin1 == "North Dakota"


def test_dateline_and_neighbouring_places(make_analysis):
    text = "Man hurt in crash. CORSICANA — A Navarro County man was hurt near Ennis on Monday."
    got = _by_name(_run(make_analysis(text)))
    assert got["CORSICANA"].admin1 == "Texas"


def test_words_of_unknown_names_are_not_places(make_analysis):
    analysis = make_analysis("Cases rose in Blorvania Delta and in South Philadelphia last week.")
    text = analysis.text
    spans = [(text.index("Blorvania"), text.index(" and"), "GPE"), (text.index("South"), text.index(" last"), "GPE")]
    analysis.doc.ents = [analysis.doc.char_span(s, e, label=lab) for s, e, lab in spans]
    got = _by_name(_run(analysis))
    # An unknown name stays whole and unresolved; a direction before a known city is dropped.
    assert got["Blorvania Delta"].geonameid is None
    assert got["Philadelphia"].admin1 == "Pennsylvania"


def test_list_of_states_is_not_a_qualifier(make_analysis):
    got = _by_name(_run(make_analysis("Outbreaks were reported in California, Pennsylvania, and New York.")))
    assert got["California"].level == "admin1" and got["Pennsylvania"].level == "admin1"


def test_doubtful_name_among_the_articles_places(make_analysis):
    text = "Hogs were culled at a farm in Pandi on Sunday. Bulacan said more tests were due. Bulacan waits."
    analysis = make_analysis(text)
    pandi, first, second = text.index("Pandi"), text.index("Bulacan"), text.rindex("Bulacan")
    ents = [(pandi, pandi + 5, "GPE"), (first, first + 7, "ORG"), (second, second + 7, "ORG")]
    analysis.doc.ents = [analysis.doc.char_span(s, e, label=lab) for s, e, lab in ents]
    got = _run(analysis)
    bulacan = [p for p in got if p.mentions[0].text == "Bulacan"]
    assert bulacan and bulacan[0].country == "PH"


def test_longer_form_of_a_name_is_no_evidence_for_it():
    gaz = get_gazetteer()
    town = next(c for c in gaz.lookup("Hanover Town") if c.admin1 == "Virginia")
    hanover_va = next(c for c in gaz.lookup("Hanover") if c.admin1 == "Virginia" and c.level == "place")
    # Namesakes lie together, so "Hanover Town" must not vouch for the Virginia "Hanover".
    assert kin("hanover", "hanover town") and not kin("hanover", "hanoverton")
    assert Points([("hanover town", town, 1)]).proximity(hanover_va, "hanover") == 0.0
    assert Points([("bethel", town, 1)]).proximity(hanover_va, "hanover") > 0.5


def test_a_capital_is_not_also_credited_as_its_province_city():
    gaz = get_gazetteer()
    cands = gaz.lookup("Dublin")
    capital = next(c for c in cands if c.country == "IE" and c.level == "place")
    ohio = next(c for c in cands if c.admin1 == "Ohio")
    # A named state (a full admin1 share weighs 1.0) can still place a bare "Dublin" in Ohio.
    assert prior(capital, cands) - prior(ohio, cands) < 1.0


def test_named_body_of_water_before_of(make_analysis):
    got = _by_name(_run(make_analysis("The river meanders 400 miles to the Gulf of Mexico near Beaumont.")))
    assert got["Gulf of Mexico"].level == "region" and "Mexico" not in got


def test_a_list_of_provinces_keeps_one_level_and_country(make_analysis):
    text = "Cases occurred in British Columbia, Alberta, Manitoba, Ontario and New Brunswick last month."
    got = _by_name(_run(make_analysis(text)))
    for name in ("Ontario", "New Brunswick"):
        assert (got[name].country, got[name].level) == ("CA", "admin1"), name


def test_a_qualified_name_closing_a_list_is_no_member(make_analysis):
    got = _by_name(_run(make_analysis("Fans came from as far as Texas and Washington, D.C., to see him.")))
    assert got["Washington"].level == "place" and got["Washington"].admin1 == "District of Columbia"


def test_a_state_opening_a_longer_known_name_is_not_taken(make_analysis):
    text = "Storms hit the area. Kansas City Power & Light was reporting 2,300 customers without power."
    got = _by_name(_run(make_analysis(text)))
    assert "Kansas" not in got
    assert got["Kansas City"].level == "place"


def test_names_sharing_a_plural_jurisdiction_noun_are_its_counties(make_analysis):
    text = "Growth was fastest in Douglas, Sarpy and Lancaster counties, the Nebraska report said."
    got = _by_name(_run(make_analysis(text)))
    for name in ("Douglas", "Sarpy", "Lancaster"):
        assert got[name].level == "admin2" and got[name].admin1 == "Nebraska", name


def test_a_town_joined_to_a_taken_place_is_a_place(make_analysis):
    text = "Governor Tim Pawlenty stopped in Fargo and Moorhead on Friday."
    got = _by_name(_run(make_analysis(text), drop_ner=True))
    assert got["Moorhead"].admin1 == "Minnesota"


def test_dotted_country_opening_a_name_is_the_place(make_analysis):
    got = _by_name(_run(make_analysis("A 2007 ruling of the U.S. Supreme Court stands."), drop_ner=True))
    assert got["U.S."].country == "US" and got["U.S."].level == "country"


def test_dateline_after_a_byline_date(make_analysis):
    text = "By a Reporter March 29, 2009 PATASKALA -- City officials say the block can be rebuilt."
    got = _by_name(_run(make_analysis(text), drop_ner=True))
    assert got["PATASKALA"].admin1 == "Ohio"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="Ab .'’-_é1\n", max_size=40),
    st.text(alphabet="Ab.é", min_size=1, max_size=3),
)
def test_whole_name_occurrences_match_the_word_boundary_pattern(text: str, name: str) -> None:
    """The string search finds exactly what the boundary regex it replaced finds."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w’'-])")
    assert occurrences(text, name) == [m.span() for m in pattern.finditer(text)]


def test_a_known_name_before_feature_words_is_only_a_stem(make_analysis):
    text = "They planned to fish at Kiser Lake near Urbana, Ohio, on Saturday. Urbana police found the car."
    got = _by_name(_run(make_analysis(text)))
    lake = got["Kiser Lake"]
    # Kiser matches Keyser, West Virginia; the lake takes no geonameid and lies by the article's own town.
    assert lake.geonameid is None and lake.level is None and lake.confidence <= 0.5
    assert lake.lat is not None and haversine_km(lake.lat, lake.lon, 40.11, -83.75) < 100
    assert lake.position in {"namesake", "article"} and got["Urbana"].position == "gazetteer"


def test_an_unknown_name_takes_the_position_of_the_main_local_place(make_analysis):
    text = "A barn burned east of Blorvania, outside Urbana, Ohio. Urbana firefighters said Urbana was spared."
    got = _by_name(_run(make_analysis(text)))
    place = got["Blorvania"]
    assert place.geonameid is None and place.country == "US" and place.admin1 == "Ohio"
    assert haversine_km(place.lat, place.lon, 40.11, -83.75) < 50
    assert place.position == "article" and place.confidence <= 0.3  # an approximation, and marked as one


def test_feature_words_inside_an_institution_name_leave_the_place(make_analysis):
    got = _by_name(_run(make_analysis("Crews from the Texas Forest Service fought the fire near Tyler, Texas.")))
    assert got["Texas"].level == "admin1" and "Texas Forest" not in got


def test_canadian_province_abbreviation(make_analysis):
    got = _by_name(_run(make_analysis("He noted B.C. had its coldest winter in years, as did Alberta.")))
    assert got["B.C."].country == "CA" and got["B.C."].admin1 == "British Columbia"


def test_a_small_admin1_has_no_bonus_over_its_namesakes():
    gaz = get_gazetteer()
    cands = gaz.lookup("Berea")
    district = next(c for c in cands if c.level == "admin1")  # a district of Lesotho, 85,000 people
    georgia = next(c for c in gaz.lookup("Georgia") if c.level == "admin1")
    assert prior(district, cands) == prior(replace(district, level="admin2"), cands)
    assert prior(georgia, [georgia]) - prior(replace(georgia, level="admin2"), [georgia]) > 0.3


def test_a_state_named_again_and_again_weighs_more():
    gaz = get_gazetteer()
    indiana = next(c for c in gaz.lookup("Indiana") if c.level == "admin1")
    town = next(c for c in gaz.lookup("Lebanon") if c.admin1 == "Indiana")
    assert state_weight(indiana, 1) == 2.0 and state_weight(indiana, 6) > 2 * state_weight(indiana, 1)
    assert state_weight(town, 6) == 1.0  # a town's reading may be a guess, however often it recurs


def _reading(name: str, **where: str) -> Candidate:
    return next(c for c in get_gazetteer().lookup(name) if all(getattr(c, k) == v for k, v in where.items()))


def test_a_lone_small_namesake_far_from_the_article_is_a_stray():
    london, leeds = _reading("London", country="GB"), _reading("Leeds", country="GB")
    piccadilly = _reading("Piccadilly", country="AU")
    decided = {"piccadilly": (piccadilly, 0.8), "london": (london, 0.9)}
    assert strays(decided) == []  # one other name is too little evidence
    decided["leeds"] = (leeds, 0.9)
    assert strays(decided) == ["piccadilly"]
    # Within a country: a small town alone in its state while three names lie in one other state.
    texas = {k: (_reading(k.title(), admin1="Texas"), 0.9) for k in ("austin", "waco", "tyler")}
    town = _reading("Grantville", admin1="Georgia")
    assert strays({**texas, "grantville": (town, 0.8)}) == ["grantville"]
    assert strays({**dict(list(texas.items())[:2]), "grantville": (town, 0.8)}) == []


def test_the_main_local_place_lies_where_most_names_lie():
    california = _reading("California", level="admin1")
    readings = {
        "Golden Gate": _reading("Golden Gate", admin1="Florida"),  # a misreading, named twice
        "Santa Cruz": _reading("Santa Cruz", admin1="California"),
        "Millbrae": _reading("Millbrae", admin1="California"),
        "California": california,
        "Farallon Islands": None,
    }
    decided = {lookup_key(name): (cand, 0.9) for name, cand in readings.items()}
    names = ["Golden Gate", "Golden Gate", "Santa Cruz", "Millbrae", "California", "California", "Farallon Islands"]
    mentions = [Mention(i, i + 1, n, True) for i, n in enumerate(names)]
    at, conf, position = approximate(mentions, decided)[lookup_key("Farallon Islands")]
    assert at.admin1 == "California" and at.level == "place" and position == "article" and conf <= 0.3


def test_a_known_name_the_ner_calls_a_person_is_a_place_after_in(make_analysis):
    text = "Deputies found the missing woman at a friend's home in Glen Allen on Sunday."
    analysis = make_analysis(text)
    s = text.index("Glen Allen")
    analysis.doc.ents = [analysis.doc.char_span(s, s + 10, label="PERSON")]
    analysis.entities.append(Entity(id="E1", name="Glen Allen", kind="PERSON", mentions=[analysis.span(s, s + 10)]))
    got = _by_name(_run(analysis))
    assert got["Glen Allen"].admin1 == "Virginia"


def test_batched_proximity_and_coherence_equal_the_one_by_one_figures():
    gaz = get_gazetteer()
    chosen = [
        (key, c, n)
        for key, n in (("dayton", 3), ("urbana", 1), ("bethel", 2), ("columbus", 1))
        for c in gaz.lookup(key)[:1]
        if c.lat is not None
    ]
    pool = gaz.lookup("Springfield") + gaz.lookup("Ohio")
    points = Points(chosen)
    assert points.proximity_many(pool, "springfield") == [Points(chosen).proximity(c, "springfield") for c in pool]
    groups = {k: [Mention(0, 1, k, False, gaz.lookup(k))] for k in ("springfield", "dayton", "bethel", "urbana")}
    batched, single = Readings(groups), Readings(groups)
    batched.prefill(pool, "springfield")
    assert [batched.coherence(c, "springfield") for c in pool] == [single.coherence(c, "springfield") for c in pool]


# The order of the package docstring: a module imports only modules before it.
PACKAGE_ORDER = [
    "tuning", "words", "mention", "cues", "blocking", "spans", "scan", "runs", "recognition",
    "proximity", "qualifiers", "resolution", "positions", "demonyms", "__init__",
]  # fmt: skip


def test_the_places_modules_import_one_way_in_the_documented_order():
    import ast
    from pathlib import Path

    import eventwire.stages.places as package

    folder = Path(package.__file__).parent
    assert sorted(PACKAGE_ORDER) == sorted(p.stem for p in folder.glob("*.py"))
    package_name = "eventwire.stages.places"
    for name in PACKAGE_ORDER:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        # The package itself is its __init__, which comes last.
        imported = {"__init__" if m == package_name else m.removeprefix(package_name + ".") for m in modules}
        imported &= set(PACKAGE_ORDER)
        for other in imported:
            assert PACKAGE_ORDER.index(other) < PACKAGE_ORDER.index(name), f"{name} imports {other}"
