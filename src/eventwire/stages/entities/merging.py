"""Mentions of one actor merged into one entity: overlaps settled, aliases, acronyms, surnames, "the group"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from eventwire.analysis import Analysis, Entity, Span
from eventwire.stages.entities.mentions import Mention, tokens_where
from eventwire.stages.entities.tuning import TUNING

# Characters after a name in which a bracketed acronym ("[IS]") is looked for.
ACRONYM_REACH = int(TUNING["acronym_reach"])

_GROUP_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "network", "faction"})


def _acronym_links(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Map bracketed acronyms to the name before them: "Islamic State [IS]" links IS to Islamic State."""
    links = {}
    for m in mentions:
        after = text[m.end : m.end + ACRONYM_REACH]
        g = re.match(r"\s*[\[(]([A-Z][A-Za-z]{1,7})[\])]", after)
        if g:
            links[g.group(1)] = m.key
    return links


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep knowledge-base and person mentions over generic ones when they overlap."""
    # A person's mention includes the title before the name ("police spokesman Edet Okon"), so it wins over
    # the organisation named inside that title; the organisation still codes the person.
    rank = {"PERSON": 0, "kb": 1, "country": 2, "org": 3, "agent": 4}

    def priority(m: Mention) -> tuple[int, int]:
        kind = "PERSON" if m.kind == "PERSON" else m.key.split(":", 1)[0]
        return (rank.get(kind, 5), -(m.end - m.start))

    kept: list[Mention] = []
    for m in sorted(mentions, key=priority):
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def merge(mentions: list[Mention], text: str) -> list[Entity]:
    """Group mentions of one actor into entities, in order of first mention."""
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    acronyms = _acronym_links(text, mentions)
    persons: list[Entity] = []
    for m in mentions:
        key = m.key
        if key.startswith("org:") and m.name in acronyms:
            key = acronyms[m.name]
        ent = by_key.get(key) if key else None
        if m.kind == "PERSON":
            ent = _same_person(persons, m.name)
        if ent is None:
            ent = Entity(
                id=f"E{len(entities) + 1}",
                name=m.name,
                kind=m.kind,
                country=m.country,
                sector=m.sector,
                code=m.code,
                aliases=list(m.aliases),
                because={"rules": [m.rule]},
            )
            entities.append(ent)
            if m.kind == "PERSON":
                persons.append(ent)
            elif key:
                by_key[key] = ent
        else:
            if m.kind == "PERSON" and len(m.name) > len(ent.name):
                ent.name = m.name
            ent.country = ent.country or m.country
            ent.sector = ent.sector or m.sector
            if m.rule not in ent.because["rules"]:
                ent.because["rules"].append(m.rule)
        for role in m.roles:
            if role not in ent.roles:
                ent.roles.append(role)
        ent.mentions.append(Span(m.start, m.end, text[m.start : m.end]))
    for ent in entities:
        if not ent.code and ent.country:
            ent.code = ent.country + (ent.sector or "")
        elif not ent.code and ent.sector:
            ent.code = ent.sector
    return entities


def _same_person(persons: list[Entity], name: str) -> Entity | None:
    """An earlier person this name refers to: same full name, or a surname/first-name match."""
    parts = name.split()
    for ent in persons:
        known = ent.name.split()
        if name == ent.name or (len(parts) == 1 and parts[0] in known) or (len(known) == 1 and known[0] in parts):
            return ent
    return None


def definite_group_mentions(doc: Doc, analysis: Analysis, entities: list[Entity]) -> None:
    """Attach "the group" (and "the organisation", "the movement") to the nearest named group before it."""
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    for tok in tokens_where(doc, "LEMMA", _GROUP_NOUNS, fold=True):
        if tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        start, end = doc[tok.i - 1].idx, tok.idx + len(tok)
        if analysis.is_excluded(start, end) or any(s < end and start < e for s, e in taken):
            continue
        if any(c.dep_ in {"compound", "amod", "prep"} for c in tok.children):
            continue
        before = [
            (m.end, e)
            for e in entities
            if e.kind in {"ARMED_GROUP", "ORG"} and e.code
            for m in e.mentions
            if m.end <= start
        ]
        if before:
            ent = max(before, key=lambda x: x[0])[1]
            ent.mentions.append(Span(start, end, analysis.text[start:end]))
            ent.mentions.sort()
            ent.because.setdefault("rules", []).append("definite-description:the " + tok.lower_)
