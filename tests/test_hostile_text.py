"""Hostile text: any Unicode gives a valid record whose spans index the text; huge and foreign texts are handled."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventwire.article import Article
from eventwire.chunks import pieces, split_points
from eventwire.language import detect_language
from eventwire.pipeline import Pipeline
from helpers import check_record

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SENTENCES = [
    "Soldiers fired on protesters in the capital on Monday, killing three people.",
    "The interior minister said 40 people had been arrested since the clashes began.",
    "Rebels seized the town of Harwick after a week of fighting, residents said.",
    "Police used tear gas to disperse hundreds of demonstrators outside parliament.",
    "The army denied that its aircraft had struck a market last month.",
]
ODD = [
    "\u200b",  # zero-width space
    "\u200c\u200d",  # zero-width (non-)joiner
    "\ufeff",  # byte order mark inside text
    "\u202e",  # right-to-left override
    "\u2066\u2069",  # isolates
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\x85",
    "\u2028",
    "\u0301\u0301\u0301",  # stacked combining marks
    "مقتل ثلاثة أشخاص في العاصمة",
    "שלושה נהרגו בבירה",
    "\U0001f525\U0001f1fa\U0001f1f8",
    "x" * 3000,  # one very long token
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _analyse(pipeline: Pipeline, text: str) -> dict:
    record = pipeline.analyse(text, published="2021-04-02").to_dict()
    assert record["text"] == text
    check_record(record)
    return record


@SETTINGS
@given(text=st.text(max_size=400))
def test_arbitrary_unicode_gives_a_valid_record(pipeline, text):
    _analyse(pipeline, text)


@SETTINGS
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(SENTENCES), st.sampled_from(ODD), st.text(min_size=1, max_size=20)),
        min_size=1,
        max_size=12,
    ),
    glue=st.sampled_from([" ", "\n", "", "\n\n", "\t", "\u00a0"]),
)
def test_news_text_with_control_zero_width_and_rtl_characters(pipeline, parts, glue):
    _analyse(pipeline, glue.join(parts))


@SETTINGS
@given(words=st.lists(st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True), min_size=1, max_size=200))
def test_text_without_sentence_punctuation(pipeline, words):
    _analyse(pipeline, " ".join(words))


def test_very_long_tokens_and_no_whitespace(pipeline):
    _analyse(pipeline, "a" * 20_000)
    _analyse(pipeline, "Gunmen killed 4 people." + "\u200b".join(["word"] * 3000))
    _analyse(pipeline, "-" * 5000 + " Police arrested 12 protesters in Nairobi on Monday. " + "9" * 5000)


def test_events_survive_invisible_characters(pipeline):
    clean = _analyse(pipeline, "Police arrested 12 protesters in Nairobi on Monday.")
    noisy = _analyse(pipeline, "\u200b\ufeffPolice arrested 12 protesters in Nairobi on Monday.\u200b\x00")
    assert clean["events"] and len(noisy["events"]) == len(clean["events"])


# --- very long articles -------------------------------------------------------------------------------


def test_split_points_cut_at_paragraphs_then_sentences_then_anywhere():
    text = "One two three.\n\nFour five six. Seven eight nine. " + "z" * 50
    cuts = split_points(text, 20)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= 20 for a, b in zip(cuts, cuts[1:], strict=False))
    assert text[: cuts[1]] == "One two three.\n\n"
    assert "".join(p for _, p in pieces(text, 20)) == text
    assert [o for o, _ in pieces(text, 20)] == cuts[:-1]


def test_long_article_in_pieces_gives_the_same_events_with_right_offsets(pipeline):
    body = "\n\n".join(" ".join(SENTENCES[i:] + SENTENCES[:i]) for i in range(len(SENTENCES)))
    text = "Clashes in the capital\n\n" + body
    whole = _analyse(pipeline, text)
    small = Pipeline(chunk_chars=700)
    split = _analyse(small, text)
    assert split["article"]["metadata"]["analysed_in_pieces"] > 2
    assert split["article"]["id"] == whole["article"]["id"]

    def events(r):
        return sorted((e["trigger"]["start"], e["trigger"]["text"], e["type"]) for e in r["events"])

    assert events(split) == events(whole)
    # Entities found in several pieces are one entity, with every mention.
    names = [e["name"] for e in split["entities"]]
    assert len(names) == len(set(zip(names, [e["kind"] for e in split["entities"]], strict=True)))


def test_demonyms_survive_the_pieces_as_one_per_country(pipeline):
    paragraph = "Kenyan police said Somali gunmen attacked the camp in Kenya on Monday, and Kenyan troops answered."
    text = "\n\n".join([paragraph] * 6)
    whole = _analyse(pipeline, text)
    split = _analyse(Pipeline(chunk_chars=250), text)
    assert split["article"]["metadata"]["analysed_in_pieces"] >= 3

    def demonyms(r):
        return sorted((d["name"], len(d["mentions"])) for d in r["demonyms"])

    assert demonyms(split) == demonyms(whole) and demonyms(whole)
    kenyan = next(d for d in split["demonyms"] if d["country"] == "KE")
    assert kenyan["place"] == next(p["id"] for p in split["places"] if p["country"] == "KE" and p["level"] == "country")
    assert all(split["text"][m["start"] : m["end"]] == m["text"] for d in split["demonyms"] for m in d["mentions"])


@Language.component("eventwire_test_flat_parse")
def _flat_parse(doc):
    """A stand-in dependency parse (every token its own root) so the stages run at full speed on 5 MB."""
    import numpy
    from spacy.attrs import DEP, HEAD

    arr = numpy.zeros((len(doc), 2), dtype="uint64")
    arr[:, 1] = doc.vocab.strings.add("ROOT")
    doc.from_array([HEAD, DEP], arr)
    return doc


def test_five_megabyte_article_is_analysed_in_bounded_pieces():
    # The statistical model parses ~5k characters a second here, so the stages' handling of a 5 MB text
    # (splitting, offsets, joining) is tested with a fast stand-in parser.
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_test_flat_parse")
    nlp.add_pipe("sentencizer")
    seen: list[int] = []

    class Counting:
        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def __call__(self, text):
            seen.append(len(text))
            return self.inner(text)

        def pipe(self, texts, **kwargs):
            for text in texts:
                yield self(text)

    pipeline = Pipeline(nlp=Counting(nlp))
    nlp.remove_pipe("eventwire_actors")  # the actor ruler is the slow part; it is not what is tested here
    rng = random.Random(7)
    filler = [
        "The committee met again to discuss the budget and the schedule for the coming session",
        "Officials from several ministries attended and the talks continued into the evening",
        "Residents of the district described long queues at the bakeries and the fuel stations",
    ]
    paragraphs, size = [], 0
    while size < 5_000_000:
        if rng.random() < 0.02:
            para = rng.choice(SENTENCES)
        elif rng.random() < 0.01:
            para = "y" * rng.randint(1000, 150_000)  # a token longer than a piece
        else:
            para = ". ".join(rng.choice(filler) for _ in range(rng.randint(2, 12))) + "."
        paragraphs.append(para)
        size += len(para) + 2
    text = "\n\n".join(paragraphs)[:5_000_000]
    record = pipeline.analyse(text, published="2022-02-02").to_dict()
    assert record["text"] == text
    assert len(seen) > 40 and max(seen) <= pipeline.chunk_chars and sum(seen) == len(text)
    assert record["article"]["metadata"]["analysed_in_pieces"] == len(seen)
    check_record(record)
    assert record["times"] and record["quantities"]
    for span in (t["mention"] for t in record["times"]):
        assert text[span["start"] : span["end"]] == span["text"]


# --- languages other than English ----------------------------------------------------------------------

FOREIGN = {
    "es": "La policía detuvo el lunes a doce manifestantes en la capital después de los enfrentamientos. "
    "El ministro del Interior dijo que tres personas murieron durante la protesta.",
    "fr": "Le gouvernement a annoncé mardi un couvre-feu dans la capitale après des violences qui ont fait "
    "trois morts. Des centaines de manifestants ont été arrêtés par la police.",
    "de": "Die Polizei hat am Montag in der Hauptstadt zwölf Demonstranten festgenommen. Bei den "
    "Zusammenstößen wurden nach Angaben des Innenministers drei Menschen getötet.",
    "ru": "Полиция задержала в понедельник двенадцать демонстрантов в столице. По словам министра, "
    "в ходе столкновений погибли три человека.",
    "ar": "اعتقلت الشرطة يوم الاثنين اثني عشر متظاهرا في العاصمة بعد اشتباكات عنيفة أسفرت عن مقتل ثلاثة أشخاص.",
}


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_non_english_article_is_recognised_and_given_no_events(pipeline, lang):
    record = _analyse(pipeline, FOREIGN[lang])
    assert record["article"]["language"] == lang
    assert not record["events"] and not record["entities"] and not record["quotes"]
    assert "English only" in record["article"]["metadata"]["language_note"]
    assert record["article"]["metadata"]["language_detected"]["language"] == lang


def test_language_through_pipe_and_given_language():
    pipeline = Pipeline()
    texts = [FOREIGN["es"], "Police arrested 12 protesters in Nairobi on Monday.", FOREIGN["fr"]]
    records = [r.to_dict() for r in pipeline.pipe(texts)]
    assert [r["article"]["language"] for r in records] == ["es", "en", "fr"]
    assert records[1]["events"] and "language_note" not in records[1]["article"]["metadata"]
    given_lang = pipeline.analyse(Article(text="Police arrested 12 protesters on Monday.", language="sw")).to_dict()
    assert given_lang["article"]["language"] == "sw" and not given_lang["events"]


def test_short_or_mixed_text_stays_english():
    assert detect_language("Kabul").english
    assert detect_language("12 345 !!!").english
    mixed = " ".join(SENTENCES) + ' A banner read "¡Abajo el gobierno!" in Spanish.'
    assert detect_language(mixed).english


def test_fast_english_check_never_claims_other_languages():
    """The cheap check before the language model says yes only to English; everything else goes to the model."""
    from eventwire.language import looks_english

    for lang, text in FOREIGN.items():
        assert not looks_english(" ".join([text] * 4)), lang
    dutch = "De politie heeft maandag in de hoofdstad twaalf betogers opgepakt. Het was een rustige dag, maar er is "
    assert not looks_english(dutch * 4)
    english = " ".join(SENTENCES)
    assert looks_english(english * 2) and detect_language(english * 2).english
    assert not looks_english("Kabul")


def test_language_model_is_kept_in_the_cache_and_reads_back_the_same(tmp_path, monkeypatch):
    """The identifier is cached after the first load; a later process reads it and ranks as the model does."""
    import eventwire.language as lang

    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    (tmp_path / "langid-0.0-stale.pickle").write_bytes(b"old")
    (tmp_path / "langid-0.0-stale-f0.bin").write_bytes(b"old")
    monkeypatch.setattr(lang, "_identifier", None)
    first = lang.detect_language("Der Stadtrat hat am Montag beschlossen, die Brücke zu erneuern.")
    cached = list(tmp_path.glob("langid-*"))
    assert [p.name for p in cached] == [lang._cache_path().name]  # written, and the stale ones gone
    monkeypatch.setattr(lang, "_identifier", None)
    again = lang.detect_language("Der Stadtrat hat am Montag beschlossen, die Brücke zu erneuern.")
    assert again == first and again.language == "de"
    # A damaged cache file is not trusted: the model is read again.
    lang._cache_path().write_bytes(b"not a pickle")
    monkeypatch.setattr(lang, "_identifier", None)
    assert lang.detect_language("Der Stadtrat hat am Montag beschlossen, die Brücke zu erneuern.") == first
    # So is one cut short (its offsets point past its end).
    whole = lang._cache_path().read_bytes()
    lang._cache_path().write_bytes(whole[:100_000] + whole[-500:])
    monkeypatch.setattr(lang, "_identifier", None)
    assert lang._read_cached(lang._cache_path()) is None
    assert lang.detect_language("Der Stadtrat hat am Montag beschlossen, die Brücke zu erneuern.") == first
