"""The speech vocabulary (``data/speech_cues.json``) and the cues it names: speech verbs and nouns, "according to"."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from eventwire.data import read_json
from eventwire.nlp import indices_where


def cues() -> dict[str, Any]:
    """The speech vocabulary from ``data/speech_cues.json`` (shared and cached: never change it)."""
    return read_json("speech_cues.json")


def is_cue(tok: Token, direct: bool) -> bool:
    """True when ``tok`` is a speech verb (direct-only verbs such as "continued" only next to a quote)."""
    c = cues()
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "put" and any(ch.dep_ == "dobj" and ch.lower_ == "it" for ch in tok.children):
        return True  # "as X put it"
    if lemma not in c["verbs"]:
        return False
    return direct or lemma not in c["direct_only_verbs"]


def according(doc: Doc, start: int, end: int) -> tuple[Token, Token] | None:
    """An "according to X" cue in the token range: the "according" token and the head of X."""
    for tok in doc[start:end]:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for child in doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    return tok, child
            nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                return tok, nxt
    return None


@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset[str]:
    """Lemmas that may cue reported speech: speech verbs and nouns, and "put" ("as X put it")."""
    c = cues()
    return frozenset(c["verbs"]) | frozenset(c["nouns"]) | {"put"}


_ACCORDING = frozenset({"according"})


def cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that may cue reported speech: speech verbs and nouns, "put", "according".

    A filter on the attribute columns, so that Python token objects are made only for the few candidates.
    """
    return sorted(
        set(indices_where(doc, "LEMMA", _cue_lemmas(), fold=True)) | set(indices_where(doc, "LOWER", _ACCORDING))
    )
