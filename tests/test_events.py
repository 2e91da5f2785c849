"""Events stage: types, arguments, modality, ACLED refinements and the ``because`` record, on invented sentences."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def _events(pipeline, text):
    record = pipeline.analyse(text, published="2021-03-10").to_dict()
    names = {e["id"]: e["name"] for e in record["entities"]}
    return record, names


def _event(pipeline, text, trigger):
    record, names = _events(pipeline, text)
    event = next(v for v in record["events"] if v["trigger"]["text"] == trigger)
    return event, names, record


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Rebels attacked a checkpoint near the border on Monday.", "attacked", "asserted"),
        ("Troops did not attack the village.", "attack", "negated"),
        ("Rebels will attack the town next week.", "attack", "future"),
        ("Militants allegedly killed five farmers in the valley.", "killed", "alleged"),
        ("Soldiers may have shot two herders.", "shot", "possible"),
        ("The army said rebels attacked a checkpoint near the border.", "attacked", "reported"),
    ],
)
def test_modality(pipeline, text, trigger, modality):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["modality"] == modality


def test_passive_by_agent(pipeline):
    event, names, _ = _event(pipeline, "Five villagers were killed by militants in the north.", "killed")
    assert [names[i] for i in event["source"]] == ["militants"]
    assert [names[i] for i in event["target"]] == ["villagers"]
    assert event["fatalities"] == 5


def test_nominal_event_by_and_on(pipeline):
    event, names, _ = _event(pipeline, "An attack by rebels on soldiers killed three people.", "attack")
    assert [names[i] for i in event["source"]] == ["rebels"]
    assert [names[i] for i in event["target"]] == ["soldiers"]
    assert event["type"] == "FIGHT"


def test_coordination_gives_several_sources(pipeline):
    event, names, _ = _event(pipeline, "Police and soldiers arrested 20 protesters on Friday.", "arrested")
    assert [names[i] for i in event["source"]] == ["Police", "soldiers"]
    assert event["type"] == "COERCE" and event["acled"]["sub_event_type"] == "Protest with intervention"


def test_pronoun_subject_resolved(pipeline):
    event, names, _ = _event(pipeline, "Hungary said it will support the plan.", "support")
    assert [names[i] for i in event["source"]] == ["Hungary"] and event["modality"] == "future"


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        ("A suicide bomber killed 12 people at a market.", "killed", "Suicide bomb"),
        ("A drone strike killed four militants on Sunday.", "killed", "Air/drone strike"),
        ("Artillery shelling killed three civilians in the suburbs.", "killed", "Shelling/artillery/missile attack"),
        ("A roadside bomb killed two soldiers on patrol.", "killed", "Remote explosive/landmine/IED"),
        ("Militants threw a grenade at a police station.", "grenade", "Grenade"),
        ("Rebels used chlorine gas in an attack on the town.", "attack", "Chemical weapon"),
        ("Police fired tear gas to disperse protesters outside parliament.", "disperse", "Protest with intervention"),
        (
            "Security forces shot dead five protesters during a demonstration.",
            "shot",
            "Excessive force against protesters",
        ),
        ("Protesters threw stones at police outside the ministry.", "threw", "Violent demonstration"),
        ("A mob lynched a man accused of theft.", "lynched", "Mob violence"),
        ("Soldiers seized a cache of weapons and explosives.", "seized", "Disrupted weapons use"),
        ("The rebels set up a new base in the hills.", "set", "Headquarters or base established"),
        ("Government troops recaptured the town from insurgents.", "recaptured", "Government regains territory"),
        ("Rebels captured the town from the army.", "captured", "Non-state actor overtakes territory"),
        ("Soldiers raped women in the village.", "raped", "Sexual violence"),
        ("Unknown gunmen abducted 30 students from a school.", "abducted", "Abduction/forced disappearance"),
        ("Rioters burned cars and looted shops.", "burned", "Violent demonstration"),
        ("Militants burned houses and looted shops.", "burned", "Looting/property destruction"),
        ("The group announced that it had split into two factions.", "split", "Change to group/activity"),
        ("Hundreds of teachers marched peacefully through the capital.", "marched", "Peaceful protest"),
    ],
)
def test_acled_refinements(pipeline, text, trigger, sub_event_type):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["acled"]["sub_event_type"] == sub_event_type


def test_multiword_pattern_and_because(pipeline):
    event, names, _ = _event(pipeline, "Opposition leaders called for the release of political prisoners.", "called")
    assert event["type"] == "DEMAND"
    assert event["because"]["rule"] == "pattern:call for/verb"
    assert event["because"]["lexicon"]["type"] == "DEMAND"
    assert event["trigger"]["text"] and event["sentence"]["text"].startswith("Opposition")


def test_labour_strike_is_a_protest_and_air_strike_is_not(pipeline):
    labour, _, _ = _event(pipeline, "Thousands of workers joined a strike over pay.", "strike")
    air, _, _ = _event(pipeline, "An air strike hit the convoy.", "strike")
    assert labour["type"] == "PROTEST" and air["type"] == "FIGHT" and air["mode"] == "aerial"


def test_singular_victim_counts_one(pipeline):
    event, _, record = _event(pipeline, "A journalist was killed in the capital on Monday.", "killed")
    assert event["fatalities"] == 1
    assert any(q["value"] == 1 and q["role"] == "killed" for q in record["quantities"])


def test_light_verb_gives_way_to_event_noun(pipeline):
    record, _ = _events(pipeline, "The minister gave a warm welcome to the visiting delegation.")
    triggers = [v["trigger"]["text"] for v in record["events"]]
    assert "welcome" in triggers and "gave" not in triggers


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # The complement of an adjective takes the subject of its copula.
        ("Norway is willing to send troops to the region.", "send", "Norway"),
        # A noun event governed by any verb is done by that verb's subject.
        ("Kenya reimposed a blockade on the border town.", "blockade", "Kenya"),
        ("Thousands of farmers converged for a rally in the capital.", "rally", "farmers"),
        # A relative pronoun stands for the noun it modifies.
        ("Police arrested militants who attacked a checkpoint.", "attacked", "militants"),
        # A passive control verb: the passive subject does the complement.
        ("Rebels were forced to withdraw from the town.", "withdraw", "Rebels"),
        # Stative passives name the actor as their subject.
        ("Kenya is opposed to the sanctions.", "opposed", "Kenya"),
        # Object control of a gerund after a preposition.
        ("Police prevented students from marching to the ministry.", "marching", "students"),
    ],
)
def test_source_through_governing_clauses(pipeline, text, trigger, source):
    event, names, _ = _event(pipeline, text, trigger)
    assert [names[i] for i in event["source"]][:1] == [source]


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        ("Kenya threatened to break relations with Uganda.", "threatened", "Uganda"),
        ("The minister rejected calls by rebels for talks.", "rejected", "rebels"),
        ("Kenya granted asylum to Somali refugees.", "granted", "Somali refugees"),
    ],
)
def test_target_through_complements(pipeline, text, trigger, target):
    event, names, _ = _event(pipeline, text, trigger)
    assert target in [names[i] for i in event["target"]]


def test_nationality_on_event_noun_is_the_source(pipeline):
    event, names, record = _event(pipeline, "Kenyan riots against the new tax continued on Monday.", "riots")
    ents = {e["id"]: e for e in record["entities"]}
    assert [ents[i]["country"] for i in event["source"]] == ["KEN"]


def test_noun_naming_an_agent_is_not_an_event(pipeline):
    record, _ = _events(pipeline, "Doctors from two aid groups delivered medicine to the hospital.")
    assert "aid" not in [v["trigger"]["text"] for v in record["events"]]


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        ("Police fired tear gas at protesters in the capital.", "gas", "Protest with intervention"),
        ("Police broke up a rally in the capital.", "broke", "Protest with intervention"),
        ("A roadside bomb hit a military convoy.", "bomb", "Remote explosive/landmine/IED"),
        ("A car bomb struck a market in the city.", "struck", "Remote explosive/landmine/IED"),
        ("Rebels seized the town of Goma on Tuesday.", "seized", "Non-state actor overtakes territory"),
        ("A drone strike killed three militants.", "killed", "Air/drone strike"),
        ("Mortar shells landed in a residential area.", "Mortar", "Shelling/artillery/missile attack"),
        ("Rioters torched shops in the market.", "torched", "Violent demonstration"),
        ("Villagers beat a suspected thief to death.", "beat", "Mob violence"),
        ("Officers arrested five men in the town.", "arrested", "Arrests"),
        ("Police captured the suspect after a chase.", "captured", "Arrests"),
        ("Rebels seized two soldiers at a checkpoint.", "seized", "Abduction/forced disappearance"),
        ("Police recovered a cache of arms.", "recovered", "Disrupted weapons use"),
        ("Government troops and rebels exchanged fire.", "exchanged", "Armed clash"),
        ("A suicide bomber blew himself up at a checkpoint.", "blew", "Suicide bomb"),
    ],
)
def test_acled_on_ordinary_news_phrasing(pipeline, text, trigger, sub_event_type):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["acled"]["sub_event_type"] == sub_event_type


@pytest.mark.parametrize(
    ("text", "trigger", "ptype", "mode"),
    [
        # Stopping or lifting an event is typed from what is stopped.
        ("The union called off the strike.", "called", "CONCEDE", None),
        ("The government halted peace talks with the rebels.", "halted", "SANCTION", "discontinue"),
        ("The army lifted the siege of the city.", "lifted", "RETREAT", None),
        ("Authorities banned the march.", "banned", "COERCE", "restrict"),
        # Withdrawing inspectors or peacekeepers cuts relations; withdrawing troops is a retreat.
        ("The UN will withdraw its weapons inspectors from the country.", "withdraw", "SANCTION", "withdraw"),
        ("The army withdrew its troops from the town.", "withdrew", "RETREAT", "withdraw"),
        # A strike with an object is a blow, without one a labour strike.
        ("An officer struck the man with a baton.", "struck", "ASSAULT", None),
        ("Workers struck over unpaid wages.", "struck", "PROTEST", "strike"),
        ("Officers punched and kicked the teenager.", "punched", "ASSAULT", "beat"),
        ("Gunmen killed the district governor.", "killed", "ASSAULT", "targeted"),
        ("A suicide bomber blew himself up at a checkpoint.", "blew", "ASSAULT", "suicide-attack"),
        # A threat takes its mode from the act threatened.
        ("Iran threatened to shell Iraqi towns.", "threatened", "THREATEN", "violence"),
        ("Russia threatened to stop negotiations with the United States.", "threatened", "THREATEN", "relations"),
        # Forces arriving are deployed; a guest welcomed is hosted; a protest in words is disapproval.
        ("Troops arrived in the border town.", "arrived", "MOBILIZE", "troops"),
        ("The president gave a warm welcome to Prime Minister Modi.", "welcome", "CONSULT", "visit"),
        ("The ministry protested that the border had been closed.", "protested", "ACCUSE", "disapprove"),
        # A government's protest is diplomatic; a crowd's is a demonstration.
        ("China protested the visit of the Dalai Lama.", "protested", "ACCUSE", "disapprove"),
        ("Students protested the fee increase.", "protested", "PROTEST", "demo"),
    ],
)
def test_type_and_mode_from_context(pipeline, text, trigger, ptype, mode):
    event, _, _ = _event(pipeline, text, trigger)
    assert (event["type"], event["mode"]) == (ptype, mode)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # "would" in reported speech is the backshifted "will".
        ("Leaders said they would boycott the talks.", "boycott"),
        ("The rebels have sworn to fight on.", "fight"),
    ],
)
def test_reported_would_and_oaths_are_future(pipeline, text, trigger):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["modality"] == "future"


def test_hedged_would_stays_possible(pipeline):
    event, _, _ = _event(pipeline, "Sanctions would hurt the economy, analysts fear.", "Sanctions")
    assert event["modality"] != "future"


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event_type"),
    [
        # A date is not a march: "On 12 March" must not make a killing a protest event.
        ("On 12 March, gunmen shot and killed a village chief.", "shot", "Attack"),
        ("Soldiers were killed when their vehicle struck a landmine.", "killed", "Remote explosive/landmine/IED"),
        ("Protesters clashed with police in the capital.", "clashed", "Violent demonstration"),
        ("Communal clashes between two ethnic groups left 20 dead.", "clashes", "Mob violence"),
        ("Islamic State fighters took over the village.", "took", "Non-state actor overtakes territory"),
        (
            "Security forces used excessive force against peaceful protesters.",
            "used",
            "Excessive force against protesters",
        ),
        ("Youths threw stones at soldiers in Hebron.", "threw", "Violent demonstration"),
        ("Clashes erupted between supporters of rival parties.", "Clashes", "Violent demonstration"),
    ],
)
def test_acled_context_cues(pipeline, text, trigger, sub_event_type):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["acled"]["sub_event_type"] == sub_event_type


def test_weapon_compound_keeps_the_governing_subject(pipeline):
    event, names, _ = _event(pipeline, "Militants launched a rocket attack on the airport.", "attack")
    assert event["mode"] == "heavy-weapons" and [names[i] for i in event["source"]] == ["Militants"]


def test_sit_in_is_a_protest(pipeline):
    event, names, _ = _event(pipeline, "Students staged a sit-in outside the ministry.", "in")
    assert event["type"] == "PROTEST" and [names[i] for i in event["source"]] == ["Students"]


def test_coordinated_verb_does_not_negate(pipeline):
    event, _, _ = _event(pipeline, "Security forces foiled a bomb plot and arrested three suspects.", "arrested")
    assert event["modality"] == "asserted"


def test_coordinated_passive_shares_its_agent(pipeline):
    event, names, _ = _event(pipeline, "John Smith was shot and killed by officers on Friday.", "shot")
    assert [names[i] for i in event["source"]] == ["officers"]


@pytest.mark.parametrize(
    "text",
    [
        "The car left the road and struck a tree.",
        "Two staff writers contributed to this report.",
        "The children were choking on the smoke.",
        "The study will demonstrate that the method works.",
        "Jones did not return a message left on his phone.",
        "An Amber Alert was issued for the boy.",
    ],
)
def test_everyday_senses_are_not_events(pipeline, text):
    record, _ = _events(pipeline, text)
    assert record["events"] == []


def test_pattern_preposition_names_the_target(pipeline):
    event, names, _ = _event(pipeline, "Soldiers fired at protesters in the square.", "fired")
    assert [names[i] for i in event["target"]] == ["protesters"]
    assert event["acled"]["sub_event_type"] == "Excessive force against protesters"


def test_pattern_preposition_must_hang_on_the_verb(pipeline):
    record, _ = _events(pipeline, "The company fired at least 20 workers last year.")
    assert not [v for v in record["events"] if v["type"] in {"ASSAULT", "FIGHT"}]


def _countries(record, ids):
    ents = {e["id"]: e for e in record["entities"]}
    return [ents[i]["country"] for i in ids]


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        # A country or town named as a place is the other party when no actor is ("to/with", then "in/from").
        ("The United States continued to send arms to Pakistan.", "send", "PAK"),
        ("Serbia lifted a night curfew in Montenegro.", "lifted", "MNE"),
        ("The president threatened to impose a curfew in Algiers.", "threatened", "DZA"),
        # A nationality on the object names the party ("an Indian proposal").
        ("Bangladesh rejected an Indian proposal for a trade deal.", "rejected", "IND"),
        # A purpose clause names whom the act is aimed at.
        ("Students staged a hunger strike to protest the Kenyan government's decision.", "strike", "KEN"),
        # The source's own troops are what it moves, not the target.
        ("Syria is willing to withdraw its troops from Lebanon.", "withdraw", "LBN"),
    ],
)
def test_place_named_as_the_other_party(pipeline, text, trigger, country):
    event, _, record = _event(pipeline, text, trigger)
    assert _countries(record, event["target"]) == [country]


def test_source_from_the_clause_above(pipeline):
    text = "US authorities said that removing the sanctions on Burma is out of the question."
    event, names, record = _event(pipeline, text, "sanctions")
    assert [names[i] for i in event["source"]] == ["US authorities"]


def test_no_fallback_source_when_the_clause_names_its_doer(pipeline):
    event, _, _ = _event(pipeline, "A roadside bombing killed a soldier, the military said.", "killed")
    assert event["source"] == []


def test_uncoded_actor_takes_the_country_of_its_place(pipeline):
    text = "The government of Sindh province has ordered patrols by police and soldiers after violent protests."
    event, _, record = _event(pipeline, text, "ordered")
    assert _countries(record, event["source"]) == ["PAK"]


def test_possessive_country_before_a_title_codes_the_person(pipeline):
    # Entity stage with the knowledge-base ruler (the bare test parser reads "Niger" as a person).
    record, _ = _events(pipeline, "The minister summoned Niger's ambassador Brah Mohamane on Tuesday.")
    ent = next(e for e in record["entities"] if e["name"] == "Brah Mohamane")
    assert (ent["country"], ent["sector"]) == ("NER", "GOV")


def _codes(record, ids):
    codes = {e["id"]: e["code"] for e in record["entities"]}
    return [codes[i] for i in ids]


@pytest.mark.parametrize(
    "text",
    [
        "The deal may give the movement more standing in the eyes of rural voters.",
        "Farmers sit in the shade of the market every afternoon.",
    ],
)
def test_particle_pattern_needs_a_particle(pipeline, text):
    record, _ = _events(pipeline, text)
    assert all(v["type"] not in {"CONCEDE", "PROTEST"} for v in record["events"])


def test_particle_pattern_still_fires_on_the_phrasal_verb(pipeline):
    event, _, _ = _event(pipeline, "After weeks of strikes the cabinet finally gave in.", "gave")
    assert event["type"] == "CONCEDE"


def test_army_officers_are_military(pipeline):
    event, _, record = _event(pipeline, "Rebels ambushed three army officers near the river.", "ambushed")
    assert _codes(record, event["target"]) == ["MIL"]


@pytest.mark.parametrize(
    ("text", "trigger", "dead"),
    [
        ("A young driver was fatally shot by officers at a roadblock.", "shot", 1),
        ("Officers shot a fruit seller dead in the market.", "shot", 1),
        ("Three marchers were killed when troops fired on the procession.", "killed", 3),
    ],
)
def test_fatalities_of_police_killings(pipeline, text, trigger, dead):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["fatalities"] == dead


def test_death_in_custody_is_an_attack_on_the_one_who_died(pipeline):
    event, names, _ = _event(pipeline, "A street vendor died in police custody in the port city.", "died")
    assert event["type"] == "ASSAULT" and event["fatalities"] == 1
    assert [names[i] for i in event["target"]] == ["street vendor"] and not event["source"]


def test_bare_passive_subject_is_the_victim(pipeline):
    event, names, _ = _event(pipeline, "A prisoner collapsed after being beaten by warders.", "beaten")
    assert [names[i] for i in event["target"]] == ["prisoner"]


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event"),
    [
        ("Police raided a flat in the old quarter and detained four students.", "raided", "Arrests"),
        ("Soldiers raided a farm and shot dead two herders.", "raided", "Attack"),
        ("The militia announced a unilateral truce for the festival.", "truce", "Change to group/activity"),
        ("The insurgents appointed a new commander after the funeral.", "appointed", "Change to group/activity"),
        ("Two armed factions merged into a single movement.", "merged", "Change to group/activity"),
        ("The rebels moved their headquarters to a mountain town.", "moved", "Change to group/activity"),
        ("The militia opened a new base near the frontier.", "opened", "Headquarters or base established"),
        ("The army handed over the town to the local council.", "handed", "Non-violent transfer of territory"),
        ("Engineers found and destroyed a roadside bomb on the highway.", "destroyed", "Disrupted weapons use"),
        ("Anti-riot police used batons to break up the sit-in.", "break", "Protest with intervention"),
    ],
)
def test_acled_sub_events_of_round_four(pipeline, text, trigger, sub_event):
    event, _, _ = _event(pipeline, text, trigger)
    assert event["acled"]["sub_event_type"] == sub_event


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Customs officers seized forty rifles and three rocket launchers at the port.", "rocket"),
        ("Police killed two alleged smugglers at the crossing.", "alleged"),
        ("The factions agreed to a power-sharing plan.", "sharing"),
        ("Bomb disposal experts made the device safe.", "Bomb"),
    ],
)
def test_modifiers_and_seized_weapons_are_no_events(pipeline, text, absent):
    record, _ = _events(pipeline, text)
    assert absent not in [v["trigger"]["text"] for v in record["events"]]


def test_battle_without_a_fight_is_negated(pipeline):
    event, _, _ = _event(pipeline, "Militants took the village without a fight.", "fight")
    assert event["modality"] == "negated"


def test_pattern_word_is_no_party(pipeline):
    event, names, _ = _event(pipeline, "Guards used excessive force against the inmates.", "used")
    assert [names[i] for i in event["target"]] == ["inmates"]


def test_police_charge_is_no_accusation(pipeline):
    event, _, _ = _event(pipeline, "Mounted police charged at the marchers.", "charged")
    assert event["type"] == "ASSAULT"


def test_an_approximately_placed_name_is_never_the_main_place():
    from eventwire.analysis import Analysis, Place, Span
    from eventwire.article import Article
    from eventwire.stages.events.setting import main_place

    def place(pid: str, n: int, **kw) -> Place:
        return Place(id=pid, name=pid, mentions=[Span(i, i + 1, "x") for i in range(n)], lat=40.0, lon=-83.0, **kw)

    analysis = Analysis(article=Article(text="x" * 10), doc=None)
    # An unknown name mentioned most often only borrows the town's position; the town is the main place.
    analysis.places = [
        place("P1", 4, position="article"),
        place("P2", 2, geonameid=1, level="place", position="gazetteer"),
    ]
    assert main_place(analysis).id == "P2"
    analysis.places[0].position = "gazetteer"
    assert main_place(analysis).id == "P1"


def test_sentence_word_sets_read_from_columns_are_the_tokens(nlp):
    from eventwire.stages.events.cues import sentence_lemmas

    doc = nlp("On 12 March, workers marched in Lagos. Police said they struck on Tuesday and were striking again.")
    for sent in doc.sents:
        words = [t for t in sent if t.ent_type_ not in {"DATE", "TIME"}]
        assert sentence_lemmas(sent) == frozenset({t.lemma_.lower() for t in words} | {t.lower_ for t in words})
    assert "12" not in sentence_lemmas(next(iter(doc.sents)))  # "12 March" is a date: left out
