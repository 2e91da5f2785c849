"""Quotes: direct quotes and reported speech, with cues and speakers resolved to entities."""

from __future__ import annotations

from eventwire.analysis import Entity
from eventwire.stages import get_stages
from eventwire.stages.quotes import find_quotes


def add_entity(analysis, eid, kind, *surfaces):
    """Register an entity with a mention at every occurrence of each surface form."""
    text = analysis.text
    mentions = []
    for surface in surfaces:
        pos = text.find(surface)
        while pos >= 0:
            mentions.append(analysis.span(pos, pos + len(surface)))
            pos = text.find(surface, pos + 1)
    analysis.entities.append(Entity(eid, surfaces[0], kind, mentions))


def test_direct_quote_with_trailing_cue(make_analysis):
    a = make_analysis('"We will rebuild every school in the district," Amina Yusuf said on Tuesday.')
    add_entity(a, "E1", "PERSON", "Amina Yusuf")
    (q,) = find_quotes(a)
    assert q.direct and q.id == "U1"
    assert q.content.text == "We will rebuild every school in the district"
    assert q.cue.text == "said" and q.speaker.text == "Amina Yusuf" and q.speaker_entity == "E1"


def test_interrupted_curly_quote_gives_two_parts_one_speaker(make_analysis):
    a = make_analysis("“The militia,” Tomas Varga said, “is running out of ammunition.”")
    add_entity(a, "E7", "PERSON", "Tomas Varga")
    parts = find_quotes(a)
    assert [q.content.text for q in parts] == ["The militia", "is running out of ammunition."]
    assert all(q.direct and q.speaker_entity == "E7" for q in parts)
    assert [q.id for q in parts] == ["U1", "U2"]


def test_multi_paragraph_quote_and_bare_continuation(make_analysis):
    text = (
        '"The convoy was hit twice before dawn," said Lina Haddad, a local nurse.\n\n'
        '"We carried the wounded on doors because there were no stretchers.\n\n'
        '"Nobody came to help us for hours."'
    )
    a = make_analysis(text)
    add_entity(a, "E2", "PERSON", "Lina Haddad")
    quotes = find_quotes(a)
    assert len(quotes) == 3
    assert all(q.direct for q in quotes)
    assert [q.speaker_entity for q in quotes] == ["E2", "E2", "E2"]
    assert quotes[1].content.text == "We carried the wounded on doors because there were no stretchers."
    assert '"' not in quotes[2].content.text


def test_pronoun_speaker_resolves_to_nearest_person(make_analysis):
    text = (
        "Defence Minister Karl Obi visited the front on Monday. "
        "The army is ready to hold the river crossing, he said after the visit."
    )
    a = make_analysis(text)
    add_entity(a, "E3", "PERSON", "Karl Obi")
    add_entity(a, "E4", "STATE_FORCE", "The army")
    (q,) = find_quotes(a)
    assert not q.direct
    assert q.content.text == "The army is ready to hold the river crossing"
    assert q.speaker.text == "he" and q.speaker_entity == "E3"


def test_reported_speech_with_that_clause(make_analysis):
    a = make_analysis("Aid agencies have warned that the camps will run out of water within a week.")
    add_entity(a, "E5", "COLLECTIVE", "Aid agencies")
    (q,) = find_quotes(a)
    assert not q.direct and q.cue.text == "warned"
    assert q.content.text == "the camps will run out of water within a week"
    assert q.speaker.text == "Aid agencies" and q.speaker_entity == "E5"


def test_according_to(make_analysis):
    a = make_analysis("According to the health ministry, the clinic was hit by two rockets.")
    (q,) = find_quotes(a)
    assert not q.direct
    assert q.cue.text == "According to"
    assert q.speaker.text == "the health ministry"
    assert q.content.text == "the clinic was hit by two rockets"
    assert q.speaker_entity is None  # no entities known: keep the span, no id


def test_single_quotes_need_a_cue(make_analysis):
    assert find_quotes(make_analysis("Residents describe a 'climate of fear' in the valley.")) == []
    (q,) = find_quotes(make_analysis("'We are not leaving', insist the farmers of the valley."))
    assert q.direct and q.content.text == "We are not leaving" and q.cue.text == "insist"


def test_scare_quote_inside_reported_clause_is_not_direct(make_analysis):
    quotes = find_quotes(make_analysis('Police say the so-called "emirate" has collapsed.'))
    assert [q.direct for q in quotes] == [False]


def test_previous_sentence_cue_attributes_standalone_quote(make_analysis):
    text = 'Colonel Rui Santos spoke to reporters on Friday.\n\n"Our units now control the northern road."'
    a = make_analysis(text)
    add_entity(a, "E6", "PERSON", "Rui Santos")
    (q,) = find_quotes(a)
    assert q.direct and q.speaker_entity == "E6"


def test_excluded_furniture_is_skipped(make_analysis):
    text = 'Photo: "Smoke over the port" [Reuters]\nThe mayor said the port would reopen on Monday.'
    a = make_analysis(text)
    a.excluded = [(0, text.index("\n"))]
    quotes = find_quotes(a)
    assert [q.direct for q in quotes] == [False]
    assert quotes[0].content.text == "the port would reopen on Monday"


def test_stage_appends_in_text_order(make_analysis):
    a = make_analysis('Officials said the road was closed. "It will stay closed," the governor added.')
    (info,) = get_stages(("quotes",))
    assert info.requires == ("doc", "excluded", "entities")
    info.func(a)
    assert [q.id for q in a.quotes] == ["U1", "U2"]
    assert [q.direct for q in a.quotes] == [False, True]
    assert a.quotes[1].speaker.text == "the governor"


def test_doubled_apostrophes_are_quotation_marks(make_analysis):
    a = make_analysis("''The bridge will reopen next week,'' Mayor Ines Rocha said.")
    add_entity(a, "E1", "PERSON", "Ines Rocha")
    (q,) = find_quotes(a)
    assert q.direct and q.content.text == "The bridge will reopen next week"
    assert q.speaker_entity == "E1"


def test_fragment_inside_running_text_is_part_of_the_reported_clause(make_analysis):
    a = make_analysis('Senator Joan Pike said the plan was "a reckless gamble" with public money.')
    add_entity(a, "E1", "PERSON", "Joan Pike")
    (q,) = find_quotes(a)
    assert not q.direct
    assert q.content.text == 'the plan was "a reckless gamble" with public money'
    assert q.speaker_entity == "E1"


def test_titles_in_quotation_marks_are_not_speech(make_analysis):
    quotes = find_quotes(
        make_analysis('The minister appeared on "Morning Edition" and the "Evening Review" this week.')
    )
    assert [q for q in quotes if q.direct] == []


def test_quote_after_that_running_to_sentence_end_is_direct(make_analysis):
    a = make_analysis('Governor Ruth Alvez told reporters on Friday that "the budget is balanced for the first time."')
    add_entity(a, "E1", "PERSON", "Ruth Alvez")
    quotes = [q for q in find_quotes(a) if q.direct]
    assert [q.content.text for q in quotes] == ["the budget is balanced for the first time."]
    assert quotes[0].speaker_entity == "E1"


def test_credit_line_after_dash_names_the_speaker(make_analysis):
    a = make_analysis("“The shelters are full and winter is coming.” ― Dana Morel, a volunteer")
    add_entity(a, "E1", "PERSON", "Dana Morel")
    (q,) = find_quotes(a)
    assert q.direct and q.speaker.text == "Dana Morel" and q.speaker_entity == "E1"


def test_colon_lead_in_without_speech_verb(make_analysis):
    a = make_analysis("The mayor's answer was short. Pablo Reyes: “We will not negotiate with looters.”")
    add_entity(a, "E1", "PERSON", "Pablo Reyes")
    (q,) = find_quotes(a)
    assert q.direct and q.speaker_entity == "E1"


def test_transcript_label_inside_quote_is_the_speaker(make_analysis):
    (q,) = find_quotes(make_analysis('"HOLT: Do you accept the result of the vote tonight?"'))
    assert q.direct and q.speaker.text == "HOLT"
    assert q.content.text.startswith("Do you accept")


def test_participle_cue_borrows_the_subject_of_its_clause(make_analysis):
    a = make_analysis("Colonel Ada Brook visited the base on Monday, saying, “The troops are ready to leave.”")
    add_entity(a, "E1", "PERSON", "Ada Brook")
    (q,) = find_quotes(a)
    assert q.direct and q.speaker_entity == "E1"


def test_in_her_words(make_analysis):
    a = make_analysis("Judge Lena Ortiz rejected the appeal because, in her words, “the evidence was never there.”")
    add_entity(a, "E1", "PERSON", "Lena Ortiz")
    direct = [q for q in find_quotes(a) if q.direct]
    assert len(direct) == 1 and direct[0].speaker.text == "her" and direct[0].speaker_entity == "E1"


def test_stand_alone_quote_after_a_speech_sentence(make_analysis):
    text = 'Ambassador Noor Qadir warned the council on Tuesday.\n\n"The ceasefire will not hold another week."'
    a = make_analysis(text)
    add_entity(a, "E1", "PERSON", "Noor Qadir")
    (q,) = find_quotes(a)
    assert q.direct and q.speaker_entity == "E1"


def test_reported_event_is_attributed_to_the_speaker():
    from eventwire.pipeline import Pipeline

    record = Pipeline().analyse("Police officials said gunmen killed three villagers in Kaduna on Monday.").to_dict()
    (quote,) = record["quotes"]
    assert not quote["direct"] and quote["speaker"]["text"] == "Police officials"
    killed = [e for e in record["events"] if e["trigger"]["text"] == "killed"]
    assert killed and killed[0]["modality"] == "reported"
    assert killed[0]["attributed_to"] == quote["speaker_entity"] is not None
