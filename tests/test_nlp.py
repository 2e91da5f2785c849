"""The spaCy set-up: line breaks start sentences; the actor matcher equals spaCy's EntityRuler on our patterns."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.knowledge.actors import get_actor_kb
from eventwire.nlp import ActorMatcher, line_breaks, model_name

_BLANK = spacy.blank("en")

TEXTS = [
    "Hezbollah fighters clashed with the IDF near the border, while Wagner Group mercenaries left Mali.",
    "Al-Shabaab said it carried out the attack; the wagner of the story is unknown and IS is not is.",
    "Officials of the United Nations High Commissioner for Refugees met the Taliban in Kabul.",
    "The PKK and the YPG denied the report, the SDF said on Monday.",
]


def test_actor_matcher_matches_entity_ruler(nlp):
    patterns = get_actor_kb().patterns()
    reference = spacy.load(model_name())
    ruler = reference.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(patterns)
    plain = spacy.load(model_name())
    matcher = ActorMatcher(plain, patterns)
    for text in TEXTS:
        expected = [(e.start, e.end, e.label_, e.ent_id_) for e in reference(text).ents]
        got = [(e.start, e.end, e.label_, e.ent_id_) for e in matcher(plain(text)).ents]
        assert got == expected, text
    doc = matcher(plain("the wagner and the IS of it"))
    assert all(e.text != "wagner" for e in doc.ents)


def test_known_names_inside_longer_place_names_leave_them_whole(nlp):
    matcher = ActorMatcher(nlp, get_actor_kb().patterns())
    text = "A New Jersey woman was arrested in New Mexico; others marched in New South Wales and Mexico City."
    doc = matcher(nlp(text))
    places = {e.text for e in doc.ents if e.label_ == "GPE"}
    assert {"New Jersey", "New Mexico"} <= places
    assert "Jersey" not in places and "Mexico" not in places
    doc = matcher(nlp("Troops from Mexico and the Jersey police arrived in Kenya."))
    assert {(e.text, e.ent_id_) for e in doc.ents} >= {("Mexico", "MEX"), ("Kenya", "KEN")}


def test_line_breaks_start_sentences(nlp):
    doc = nlp("A headline without a full stop\nThe body starts here and goes on.\n\nA second paragraph")
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts == ["A", "The", "A"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Word", "two", ".", " ", "\n", "\n\n", "\r\n", "\t", " \n ", "x\u2028y"]), max_size=25)
)
def test_line_breaks_start_a_sentence_at_the_next_word(parts: list[str]) -> None:
    """After every line break, and nowhere else, the next token that is not whitespace opens a sentence."""
    doc = line_breaks(_BLANK.make_doc("".join(parts)))
    expected = set()
    for tok in doc:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = tok.i + 1
            if nxt < len(doc) and not doc[nxt].is_space:
                expected.add(nxt)
    assert {t.i for t in doc if t.is_sent_start} - {0} == expected - {0}
