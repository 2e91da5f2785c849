"""The actor knowledge base and the entity ruler's phrase table from the disk cache: the same as built afresh.

The phrase table must find what spaCy's PhraseMatchers found (the ruler of before the cache, kept here as the
reference), in the same order, so that the ruler's entities do not change.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

import eventwire.data
from eventwire.knowledge.actors import ActorKB, get_actor_kb, get_phrase_table
from eventwire.knowledge.actors import cache as actor_cache
from eventwire.knowledge.actors.phrases import END, compile_phrases, vocab_fingerprint
from eventwire.nlp import ActorMatcher

TEXTS = [
    "Hezbollah fighters clashed with the IDF near the border, while Wagner Group mercenaries left Mali.",
    "Al-Shabaab said it carried out the attack; the wagner of the story is unknown and IS is not is.",
    "Officials of the United Nations High Commissioner for Refugees met the Taliban in Kabul.",
    "The PKK and the YPG denied the report, the SDF said on Monday.",
    "Myanmar troops and Myanmar's junta; Laos, Lao and Laotian officials; Djibouti and Gibraltar.",
    "A Christmas Island official met Kurds, Shiites and Sunni Muslims from the Ministry of Defence.",
    "Police in New South Wales, Mexico City and New Jersey arrested members of Boko Haram and ISIS.",
    "the taliban, TALIBAN and Taliban; hamas and Hamas; al-qaeda and al Qaeda in the Arabian Peninsula.",
    "Russia's Defense Ministry and the Ministry of Defence of the Russian Federation; Ukrainians and Russians.",
    "",
]


class ReferenceMatcher:
    """The actor ruler as it was before the phrase table: two spaCy PhraseMatchers built from pattern Docs."""

    def __init__(self, nlp, patterns: list[dict]) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str, bool]] = {}
        for pattern in patterns:
            tokens = pattern["pattern"]
            attr = "ORTH" if "ORTH" in tokens[0] else "LOWER"
            words = [tok[attr] for tok in tokens]
            keep_lower = not any(tok.get("IS_LOWER") is False for tok in tokens)
            key = f"{pattern['label']}\t{pattern.get('id', '')}\t{int(keep_lower)}"
            self.keys[nlp.vocab.strings.add(key)] = (pattern["label"], pattern.get("id", ""), keep_lower)
            matcher = self.orth if attr == "ORTH" else self.lower
            matcher.add(key, [Doc(nlp.vocab, words=words)])

    def matches(self, doc: Doc) -> list[tuple[tuple[str, str, bool], int, int]]:
        """Every match as (key, start, end), in the order the ruler read them."""
        return [(self.keys[m], s, e) for matcher in (self.lower, self.orth) for m, s, e in matcher(doc)]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for (label, ident, keep_lower), start, end in self.matches(doc):
            if not keep_lower and end - start == 1 and doc[start].is_lower:
                continue
            spans.append(Span(doc, start, end, label=label, span_id=ident))
        places = [e for e in doc.ents if e.label_ in {"GPE", "LOC", "FAC"}]
        spans = [s for s in spans if not any(p.start <= s.start and s.end <= p.end and len(p) > len(s) for p in places)]
        if not spans:
            return doc
        new = filter_spans(spans)
        taken: set[int] = set()
        for span in new:
            taken.update(range(span.start, span.end))
        old = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(new + old, key=lambda s: s.start)
        return doc


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    """An empty cache directory of its own, and digests computed afresh."""
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    actor_cache.kb_digest.cache_clear()
    yield tmp_path
    actor_cache.kb_digest.cache_clear()


@pytest.fixture(scope="module")
def reference(nlp):
    return ReferenceMatcher(nlp, get_actor_kb().patterns())


@pytest.fixture(scope="module")
def cached_matcher(nlp, tmp_path_factory):
    """The ruler with its phrase table read back from the disk cache (written by a first ruler)."""
    folder = tmp_path_factory.mktemp("actor-cache")
    saved = os.environ.get("EVENTWIRE_CACHE_DIR")
    os.environ["EVENTWIRE_CACHE_DIR"] = str(folder)
    try:
        ActorMatcher(nlp)
        assert list(folder.glob("actors-phrases-*.pickle"))
        matcher = ActorMatcher(nlp)
    finally:
        if saved is None:
            del os.environ["EVENTWIRE_CACHE_DIR"]
        else:
            os.environ["EVENTWIRE_CACHE_DIR"] = saved
    return matcher


def without_ruler(nlp, text: str) -> Doc:
    """``text`` through every component of ``nlp`` but the actor ruler (another test may have added it)."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "eventwire_actors":
            doc = proc(doc)
    return doc


def entities(doc: Doc) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def test_ruler_entities_are_the_same_with_and_without_the_cache(nlp, reference, cached_matcher):
    built = ActorMatcher(nlp, get_actor_kb().patterns())
    assert built.table == cached_matcher.table
    for text in TEXTS:
        parsed = without_ruler(nlp, text)
        expected = entities(reference(parsed.copy()))
        assert entities(built(parsed.copy())) == expected, text
        assert entities(cached_matcher(parsed.copy())) == expected, text


def test_a_phrase_of_several_keys_keeps_spacy_s_key_order(nlp, reference, cached_matcher):
    # Myanmar is a country (GPE) and a demonym (NORP): the first key found is the one filter_spans keeps.
    shared = [node for node in cached_matcher.table.lower.values() if len(node.get(END, ())) > 1]
    assert shared
    doc = nlp.make_doc("Myanmar Laos Djibouti Gibraltar Lao Christmas Island")
    keys = cached_matcher.table.keys
    assert [(keys[k], s, e) for k, s, e in cached_matcher.table.matches(doc)] == reference.matches(doc)


def words_of_patterns() -> list[str]:
    """Words of the knowledge base's names in several casings, and words around them."""
    words = {"the", "of", "and", "group", "Group", ",", ".", "'s", "-", "is", "IS", "new", "New", "City"}
    for pattern in get_actor_kb().patterns()[::7]:
        for tok in pattern["pattern"]:
            word = tok.get("ORTH") or tok["LOWER"]
            words.update({word, word.lower(), word.upper(), word.title()})
    return sorted(words)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_phrase_table_finds_what_the_phrase_matchers_find(nlp, reference, cached_matcher, data):
    vocabulary = words_of_patterns()
    words = data.draw(st.lists(st.sampled_from(vocabulary), max_size=30))
    doc = Doc(nlp.vocab, words=words)
    keys = cached_matcher.table.keys
    assert [(keys[k], s, e) for k, s, e in cached_matcher.table.matches(doc)] == reference.matches(doc)


def test_the_knowledge_base_from_the_cache_answers_as_the_built_one(cache_in):
    built = actor_cache.load_kb()
    assert [p.name for p in cache_in.iterdir()] == [actor_cache.kb_path().name]
    cached = actor_cache.load_kb()
    assert cached is not built and isinstance(cached, ActorKB)
    assert cached.patterns() == built.patterns()
    assert cached.actors == built.actors and cached.conflicts == built.conflicts
    for name in ("Hamas", "the Taliban", "IDF", "wagner", "Wagner", "IS", "is", "Afghan Taliban"):
        assert cached.lookup(name) == built.lookup(name), name
    for word in ("police", "troops", "Iraqi", "Shiite", "Kurds", "Ethopia"):
        assert cached.agent(word) == built.agent(word)
        assert cached.country_of_demonym(word) == built.country_of_demonym(word)
        assert cached.identity(word) == built.identity(word)
        assert cached.country_misspelt(word) == built.country_misspelt(word)
    for text in ("Iraqi Prime Minister", "head of the FBI", "Vladimir Putin", "Putin"):
        assert cached.title(text) == built.title(text)
        assert cached.person(text) == built.person(text)


def test_a_cache_that_cannot_be_written_or_read_means_building(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "cache"))
    assert isinstance(actor_cache.load_kb(), ActorKB)
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    actor_cache.kb_path().write_bytes(b"not a pickle")
    assert isinstance(actor_cache.load_kb(), ActorKB)
    assert actor_cache.read_cached(actor_cache.kb_path()) is not None  # rewritten whole


def test_phrases_are_read_back_from_the_cache(nlp, cache_in, monkeypatch):
    first = get_phrase_table(nlp)
    (path,) = cache_in.glob("actors-phrases-*.pickle")

    def no_build(*args):
        raise AssertionError("built again")

    monkeypatch.setattr(actor_cache, "compile_phrases", no_build)
    assert get_phrase_table(nlp) == first
    # Another key (here: another pipeline's vocabulary) is built, beside the first.
    monkeypatch.setattr(actor_cache, "compile_phrases", compile_phrases)
    other = actor_cache.load_phrases(nlp.vocab, "spacy=0 lang=en pipeline=other-1.0", get_actor_kb().patterns)
    assert other == first and path.exists() and len(list(cache_in.glob("actors-phrases-*.pickle"))) == 2


def test_the_cache_key_follows_data_code_and_vocabulary(nlp, cache_in, monkeypatch):
    assert "spacy=" in vocab_fingerprint(nlp) and str(nlp.meta["version"]) in vocab_fingerprint(nlp)
    kb, phrases = actor_cache.kb_path(), actor_cache.phrases_path(vocab_fingerprint(nlp))
    assert phrases != actor_cache.phrases_path(vocab_fingerprint(nlp) + "-other")
    real = eventwire.data.data_file

    class Edited:
        def __init__(self, name: str) -> None:
            self.name = name

        def read_bytes(self) -> bytes:
            return real(self.name).read_bytes() + (b"\nX\tY\n" if self.name == "people.tsv" else b"")

    monkeypatch.setattr(actor_cache, "data_file", Edited)
    actor_cache.kb_digest.cache_clear()
    assert actor_cache.kb_path() != kb
    assert actor_cache.phrases_path(vocab_fingerprint(nlp)) != phrases
    # A stale file of the same kind is deleted when the new one is written; another pipeline's is kept.
    (cache_in / "actors-kb-0123456789abcdef.pickle").write_bytes(b"old")
    actor_cache.write_cached(actor_cache.kb_path(), "value")
    assert [p.name for p in cache_in.glob("actors-kb-*.pickle")] == [actor_cache.kb_path().name]


def test_every_data_file_of_the_knowledge_base_is_in_its_cache_key(monkeypatch):
    read: list[str] = []
    real = eventwire.data.data_file

    def recording(name: str):
        read.append(name)
        return real(name)

    monkeypatch.setattr(eventwire.data, "data_file", recording)
    monkeypatch.setattr(eventwire.data, "_tsv", eventwire.data._tsv.__wrapped__)  # parse again, uncached
    ActorKB()
    assert set(read) == set(actor_cache.DATA_FILES)


def test_a_new_process_starts_from_the_cache(nlp, cache_in):
    """What every worker process (``pipe(n_process=...)``, Dask) does: load, never build, once the cache is there."""
    ActorMatcher(nlp)
    actor_cache.load_kb()
    script = textwrap.dedent(
        """
        from eventwire.knowledge.actors import cache, get_actor_kb, kb
        from eventwire.nlp import ActorMatcher, load_nlp

        def no_build(*args):
            raise AssertionError("built again")

        cache.compile_phrases = no_build
        kb.ActorKB.__init__ = no_build
        ActorMatcher(load_nlp())
        assert get_actor_kb().lookup("Hamas") is not None
        """
    )
    env = dict(os.environ, EVENTWIRE_CACHE_DIR=str(cache_in), PYTHONPATH=str(Path(eventwire.__file__).parents[1]))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
