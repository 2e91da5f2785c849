"""The quantity vocabulary (``data/quantity_cues.json``) and the word tests every module shares."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from eventwire.data import read_json

_PERSON_ENTS = {"NORP", "PERSON"}


def cues() -> dict[str, Any]:
    """The quantity vocabulary from ``data/quantity_cues.json`` (shared and cached: never change it)."""
    return read_json("quantity_cues.json")


def lower(tok: Token) -> str:
    """The token's text in lower case."""
    return tok.text.lower()


def is_people(tok: Token | None) -> bool:
    """True when ``tok`` names people (or nothing is counted at all)."""
    if tok is None:
        return True
    c = cues()
    return tok.lemma_.lower() in c["people_nouns"] or tok.lemma_.lower() in c["nouns"] or tok.ent_type_ in _PERSON_ENTS
