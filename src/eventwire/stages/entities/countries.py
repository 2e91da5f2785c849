"""The country a token, an actor noun or a phrase's modifiers name ("Poland's parliament", "rebels in Guinea")."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.knowledge.actors import ActorKB
from eventwire.stages.entities.mentions import kb_name, lookup

# Sectors that a more specific modifier may refine ("intelligence officials" SPY, not GOV).
_GENERIC_SECTORS = {None, "GOV", "CVL", "UAF", "UNK", "REB", "MIL"}
_PLACE_PREPS = {"in", "of", "from"}
# Participles that say where a group is ("based in", "operating in").
_PLACING_VERBS = {"base", "operate", "locate", "station", "headquarter"}


def _entity_around(tok: Token) -> SpacySpan | None:
    """The named entity holding ``tok`` (as in ``doc.ents``), read from the token's IOB tags."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=tok.ent_type_)


def token_country(tok: Token, kb: ActorKB) -> str | None:
    """Country named by the entity (or the word) at ``tok``: "Ivory Coast", "Guinea", "Serbian"."""
    ent = _entity_around(tok)
    text = kb_name(ent.text if ent is not None and ent.label_ in {"GPE", "NORP", "LOC"} else tok.text)
    found = kb.country_by_name(text) or kb.country_of_demonym(text) or kb.capital_of(text)
    if found is None:
        # "the Syrian Golan Heights", "the Iraqi city of Basra": a nationality qualifies the place.
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}]
        found = next((kb.country_of_demonym(c.text) or kb.country_by_name(c.text) for c in mods), None)
    return found


def attached_country(head: Token, kb: ActorKB) -> str | None:
    """Country attached to an actor noun: a possessor ("Poland's parliament"), "in/of/from X" ("rebels in Guinea")
    or a participle placing it ("a group based in Trinidad")."""
    for child in head.children:
        if child.dep_ == "poss":
            country = token_country(child, kb)
            if country:
                return country
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS]
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _PLACING_VERBS):
        preps += [c for c in acl.children if c.dep_ == "prep" and c.lower_ == "in"]
    for child in preps:
        for obj in child.children:
            if obj.dep_ == "pobj" and obj.ent_type_ in {"GPE", "NORP", "LOC"}:
                country = token_country(obj, kb)
                if country:
                    return country
    return None


def entity_country(doc: Doc, span: SpacySpan, head: Token, kb: ActorKB) -> str | None:
    """Country of a several-word place or demonym modifying the head ("Ivory Coast rebels", "Sri Lankan army")."""
    # Only the entities that start inside the phrase: reading the whole of doc.ents per phrase cost O(n²).
    for tok in doc[span.start : head.i]:
        if tok.ent_iob_ != "B" or tok.ent_type_ not in {"GPE", "NORP"}:
            continue
        ent = _entity_around(tok)
        if ent is None or ent.end > head.i or len(ent) < 2:
            continue
        text = kb_name(ent.text)
        country = kb.country_by_name(text) or kb.country_of_demonym(text)
        if country:
            return country
    return None


def modifier_codes(
    tokens: list[Token], kb: ActorKB, generic_head: bool = False
) -> tuple[str | None, str | None, list[str]]:
    """Country, refining sector and identity words from a phrase's modifiers.

    A head that only says who speaks for a group ("leaders", "officials") takes the sector of a modifier
    that names the group ("rebel leaders" REB).
    """
    country, sector, identities = None, None, []
    for tok in tokens:
        text = tok.text
        c = kb.country_of_demonym(text) or kb.country_by_name(text)
        if c and not country:
            country = c
        org = lookup(kb, text) if text.isupper() and len(text) > 1 else None
        if org is not None and org.country and not country:
            country = org.country
        ident = kb.identity(text)
        if ident:
            identities.append(ident)
        agent = kb.agent(tok.lemma_.lower())
        if agent is not None and sector is None and (agent.sector not in _GENERIC_SECTORS or generic_head):
            sector = agent.sector
    return country, sector, identities
