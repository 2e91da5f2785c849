"""The candidate mention every finder makes, and the name lookups and token picks they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.knowledge.actors import ActorEntry, ActorKB
from eventwire.nlp import indices_where

# The state's own sectors: a former holder of such an office is coded as an elite, a present one by its country.
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


@dataclass
class Mention:
    """A candidate mention before merging."""

    start: int
    end: int
    kind: str
    name: str
    key: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    rule: str = ""


def strip_det(span: SpacySpan) -> SpacySpan:
    """Drop leading determiners, possessives and numbers from a noun phrase."""
    start = span.start
    doc = span.doc
    # An adjective before a number belongs to the verb, not the phrase ("shot dead two suspects").
    if start + 1 < span.end - 1 and doc[start].pos_ == "ADJ" and doc[start + 1].pos_ == "NUM":
        start += 1
    while start < span.end - 1 and doc[start].pos_ in {"DET", "NUM", "PRON", "PUNCT"}:
        start += 1
    end = span.end
    while end > start + 1 and doc[end - 1].pos_ == "PUNCT":
        end -= 1
    return doc[start:end]


def kb_name(text: str) -> str:
    """Text without a leading "the" and a trailing possessive "'s", for knowledge-base lookup."""
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return text


def lookup(kb: ActorKB, text: str) -> ActorEntry | None:
    """Knowledge-base entry for a name, trying the bare name and the name without "group"."""
    name = kb_name(text)
    return kb.lookup(name) or kb.lookup(re.sub(r"\s+group$", "", name, flags=re.I))


def tokens_where(doc: Doc, attr: str, values: frozenset[str], fold: bool = False) -> list[Token]:
    """The tokens :func:`~eventwire.nlp.indices_where` picks."""
    return [doc[i] for i in indices_where(doc, attr, values, fold)]


def country_mention(tok: Token, country: str, rule: str, sector: str | None = None) -> Mention:
    """A one-token mention of ``country`` as an actor; with a sector, the country is also its code."""
    return Mention(
        tok.idx,
        tok.idx + len(tok),
        "COUNTRY",
        tok.text,
        key="country:" + country,
        country=country,
        sector=sector,
        code=country if sector else None,
        rule=rule,
    )
