"""Unnamed actors: phrases headed by an agent noun ("US officials"), nationalities on event nouns
("Palestinian riots") and misspelt countries acting ("Isreal will evacuate")."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.strings import StringStore, get_string_id
from spacy.symbols import NOUN, PRON, PROPN  # type: ignore[import-not-found]  # compiled, without type stubs
from spacy.tokens import Doc

from eventwire.analysis import Analysis
from eventwire.knowledge.actors import ActorKB, AgentEntry
from eventwire.knowledge.lexicon import trigger_for
from eventwire.stages.entities.countries import attached_country, entity_country, modifier_codes
from eventwire.stages.entities.mentions import Mention, country_mention, lookup, strip_det, tokens_where

_PRO_GOVERNMENT = re.compile(r"\bpro[- ]?(?:government|regime|state)\b", re.I)
_ANTI = re.compile(r"\banti[- ]", re.I)
_SPOKES_NOUNS = {"leader", "official", "spokesman", "spokeswoman", "spokesperson", "representative", "negotiator"}
_NATIONALITY_TYPES = frozenset({"NORP", "GPE"})
_PROPER_NOUN = frozenset({"PROPN"})


# The dependency labels of a noun chunk's head in spaCy's English noun_chunks iterator (spacy/lang/en), as the ids
# the DEP column holds (what ``vocab.strings.add`` returns: a symbol's id, else the string's hash).
_NP_DEPS = frozenset(
    get_string_id(label)
    for label in ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")
)
_CONJ = get_string_id("conj")
_POSS = get_string_id("poss")
_MODIFIER_DEPS = frozenset({get_string_id("compound"), get_string_id("amod")})
_NOMINALS = frozenset({NOUN, PROPN, PRON})


@dataclass
class TokenColumns:
    """The token attributes the chunk and agent tests read, one list per attribute (no Token objects)."""

    pos: list[int]
    dep: list[int]
    head: list[int]  # absolute index of each token's head
    lower: list[int]
    lemma: list[int]


def token_columns(doc: Doc) -> TokenColumns:
    """The attribute columns of ``doc``."""
    array = doc.to_array(["POS", "DEP", "LOWER", "LEMMA"])
    # HEAD is stored as an offset (negative ones wrapped to unsigned): made absolute here.
    heads = (doc.to_array("HEAD").astype(numpy.int64) + numpy.arange(len(doc))).tolist()
    pos, dep, lower, lemma = array.T.tolist()
    return TokenColumns(pos, dep, heads, lower, lemma)


def noun_chunk_bounds(doc: Doc, cols: TokenColumns) -> list[tuple[int, int]]:
    """The ``(start, end)`` of ``doc.noun_chunks`` as spaCy's English iterator finds them, read from the columns.

    The same walk as spaCy's, with the dependency tests made before the left-edge test (a token that fails them
    yields nothing and leaves the state alone), so that only chunk heads become Token objects.
    """
    if not doc.has_annotation("DEP"):
        return [(chunk.start, chunk.end) for chunk in doc.noun_chunks]  # spaCy's error: no parse to read
    dep, heads = cols.dep, cols.head
    prev_end = -1
    out = []
    for i, pos in enumerate(cols.pos):
        if pos not in _NOMINALS:
            continue
        if dep[i] == _CONJ:
            h = heads[i]
            while dep[h] == _CONJ and heads[h] < h:
                h = heads[h]
            if dep[h] not in _NP_DEPS:
                continue
        elif dep[i] not in _NP_DEPS:
            continue
        left = doc[i].left_edge.i
        if left <= prev_end:
            continue
        prev_end = i
        out.append((left, i + 1))
    return out


def _head_agent(i: int, cols: TokenColumns, strings: StringStore, kb: ActorKB) -> AgentEntry | None:
    """The agent noun the phrase head ``i`` names, read with the word before it first ("security forces", "terror
    group")."""
    lower = strings[cols.lower[i]]
    lemma = strings[cols.lemma[i]].lower()
    if i > 0 and cols.head[i - 1] == i and cols.dep[i - 1] in _MODIFIER_DEPS:
        prev = strings[cols.lower[i - 1]]
        hit = kb.agent(f"{prev} {lower}") or kb.agent(f"{prev} {lemma}")
        if hit is not None:
            return hit
    return kb.agent(lemma) or kb.agent(lower)


def collective_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[Mention]:
    """Noun phrases headed by a generic agent noun, coded by nationality and sector."""
    out = []
    cols = token_columns(doc)
    strings = doc.vocab.strings
    # "the Kenyan government's decision": an agent noun owning the chunk's head is a phrase of its own.
    chunks = [doc[start:end] for start, end in noun_chunk_bounds(doc, cols)]
    heads = [(chunk, chunk.root) for chunk in chunks]
    owners = {cols.head[j] for j, d in enumerate(cols.dep) if d == _POSS and cols.pos[j] == NOUN}
    heads += [
        (chunk, c)
        for chunk, root in list(heads)
        if root.i in owners
        for c in root.children
        if c.dep_ == "poss" and c.pos_ == "NOUN" and c.i >= chunk.start
    ]
    for chunk, head in heads:
        agent = _head_agent(head.i, cols, strings, kb)
        if agent is None or analysis.is_excluded(chunk.start_char, chunk.end_char):
            continue
        span = strip_det(doc[chunk.start : head.i + 1])
        if head.pos_ == "PROPN" and head.ent_type_:
            continue
        mods = [t for t in span if t.i != head.i]
        country, sector, identities = modifier_codes(mods, kb, head.lemma_.lower() in _SPOKES_NOUNS)
        country = country or entity_country(doc, span, head, kb) or attached_country(head, kb)
        if country is None and head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
            # "Israeli helicopters and tanks": the second noun shares the nationality of the first.
            first = head.head
            country = modifier_codes([c for c in first.children if c.i < first.i], kb)[0]
        sector = sector or agent.sector
        kind = agent.kind or "COLLECTIVE"
        text = span.text
        if _PRO_GOVERNMENT.search(text) and sector in {"REB", "UAF", "PRM"}:
            sector = "PRM"
        elif getattr(agent, "by_context", False) and sector == "PRM" and not _PRO_GOVERNMENT.search(text):
            sector = "PRM" if "government" in text.lower() else "REB"
        if kind == "COLLECTIVE" and sector in {"MIL", "COP"}:
            kind = "STATE_FORCE"
        name = re.sub(r"\s+", " ", text)
        key_words = [t.lemma_.lower() for t in span if not _ANTI.match(t.text)]
        out.append(
            Mention(
                span.start_char,
                span.end_char,
                kind,
                name,
                key="agent:" + " ".join(key_words),
                country=country,
                sector=sector,
                rule=f"agent:{agent.term}" + (f"+identity:{','.join(identities)}" if identities else ""),
            )
        )
    return out


def event_nationality_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[Mention]:
    """A nationality word on an event noun names the country that acts ("Palestinian riots", "an Israeli pullback")."""
    out = []
    for tok in tokens_where(doc, "ENT_TYPE", _NATIONALITY_TYPES):
        if tok.dep_ not in {"amod", "compound"}:
            continue
        head = tok.head
        while head.dep_ == "compound" and head.head.i != head.i and head.pos_ == "PROPN":
            head = head.head  # "US Predator attacks": the nationality qualifies the attacks
        if head.pos_ != "NOUN":
            continue
        if trigger_for(head.lemma_.lower(), "NOUN") is None or kb.agent(head.lemma_.lower()) is not None:
            continue
        if analysis.is_excluded(tok.idx, tok.idx + len(tok)):
            continue
        before = doc[tok.i - 1] if tok.i > 0 else None
        if before is not None and (before.text == "-" or before.lower_ in {"anti", "pro"}):
            continue  # "anti-Israeli protests": the nationality is the target's
        country = kb.country_of_demonym(tok.text) or (kb.country_by_name(tok.text) if tok.ent_type_ == "GPE" else None)
        if country:
            # The sector stays open: a nationality alone does not say whether the state or the people act.
            out.append(country_mention(tok, country, "nationality-of-event"))
    return out


def misspelt_country_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[Mention]:
    """A one-word subject that is a misspelt country name ("Ethopia has agreed", "Isreal will evacuate")."""
    out = []
    for tok in tokens_where(doc, "POS", _PROPER_NOUN):
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.ent_type_ not in {"", "ORG", "GPE"}:
            continue
        if tok.ent_iob_ == "I" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I"):
            continue  # part of a longer name
        if analysis.is_excluded(tok.idx, tok.idx + len(tok)) or lookup(kb, tok.text) is not None:
            continue
        country = kb.country_misspelt(tok.text)
        if country:
            out.append(country_mention(tok, country, "country-as-actor+misspelt", sector="GOV"))
    return out
