"""Named groups: organisations from the knowledge base or NER, countries and capitals that act, peoples."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.analysis import Analysis
from eventwire.knowledge.actors import ActorEntry, ActorKB
from eventwire.stages.entities.countries import attached_country
from eventwire.stages.entities.mentions import Mention, lookup, strip_det
from eventwire.stages.entities.persons import known_person_as_org
from eventwire.stages.entities.tuning import TUNING

ETHNIC_REACH = int(TUNING["ethnic_reach"])
COORDINATION_DEPTH = int(TUNING["coordination_depth"])

# Prepositions after which a country name is a location, not an actor.
_LOCATIVE = {"in", "across", "into", "near", "at", "from", "to", "throughout", "within", "inside", "outside", "over"}
_GROUP_LABELS = {"ORG", "ARMED_GROUP", "NORP", "GPE", "STATE_FORCE", "GOVERNMENT", "IGO", "NGO", "FAC"}
# Head nouns that count or gather people ("thousands of Nigerians", "a group of Kurds").
_COUNTING_NOUNS = {"thousand", "hundred", "dozen", "million", "score", "group", "crowd", "number", "band"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative"}


def group_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[Mention]:
    """Named organisations and groups, and countries that act."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in _GROUP_LABELS or analysis.is_excluded(ent.start_char, ent.end_char):
            continue
        span = strip_det(ent)
        if not span.text or not span.text[0].isupper():
            continue
        if known_person_as_org(ent, re.sub(r"['’]s$", "", ent.text).strip(), kb):
            continue
        mention = _group_mention(doc, ent, span, kb)
        if mention is not None:
            out.append(mention)
    return out


def _group_mention(doc: Doc, ent: SpacySpan, span: SpacySpan, kb: ActorKB) -> Mention | None:
    """The mention a named group makes: a known actor, a country or capital that acts, a people, an organisation."""
    entry = lookup(kb, span.text)
    if entry is not None:
        return _known_actor(span, entry)
    country = kb.country_by_name(span.text)
    if country is not None:
        return _acting_country(doc, ent, span, country, kb)
    people = _people_or_capital(doc, ent, span, kb)
    if people is not None:
        return people
    if ent.label_ == "ORG":
        head = kb.agent(span[-1].lemma_.lower())
        return Mention(
            span.start_char,
            span.end_char,
            "ORG",
            span.text,
            key="org:" + span.text.lower(),
            country=attached_country(span.root, kb),
            sector=getattr(head, "sector", None),
            rule="ner:ORG",
        )
    return None


def _known_actor(span: SpacySpan, entry: ActorEntry) -> Mention:
    """A group the actor knowledge base names, coded from its entry."""
    return Mention(
        span.start_char,
        span.end_char,
        entry.kind,
        entry.name,
        key="kb:" + entry.name,
        country=entry.country,
        sector=entry.sector,
        code=entry.code,
        aliases=list(entry.aliases),
        rule="kb:" + entry.name,
    )


def _acting_country(doc: Doc, ent: SpacySpan, span: SpacySpan, country: str, kb: ActorKB) -> Mention | None:
    """A country name as an actor: a participant of its clause, not a place ("in Syria") or a possessor."""
    if _possessor_of_actor(span.root, kb):
        return None  # "Poland's parliament": the parliament acts; its mention carries the country
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if ent.label_ == "GPE" and prev not in _LOCATIVE and _actor_position(span.root):
        if prev in {"by", "against", "with"} or span.root.dep_ != "pobj":
            return Mention(
                span.start_char,
                span.end_char,
                "COUNTRY",
                span.text,
                key="country:" + country,
                country=country,
                sector="GOV",
                code=country,
                rule="country-as-actor",
            )
    return None


def _people_or_capital(doc: Doc, ent: SpacySpan, span: SpacySpan, kb: ActorKB) -> Mention | None:
    """A country's people ("Palestinians rejected ...") or its capital ("Berlin rejected ...") acting."""
    plural_demonym, span = _plural_demonym(doc, ent, span, kb)
    capital = kb.capital_of(span.text) if ent.label_ == "GPE" else None
    if not (plural_demonym or capital) or not (
        span.root.dep_ in {"nsubj", "nsubjpass"} | ({"conj"} if _actor_position(span.root) else set())
        or (plural_demonym and _counted_group(span.root))
    ):
        return None
    # "Palestinians rejected ...": the people of a country as a collective actor; "Berlin rejected ...":
    # a capital acting stands for its government.
    iso3 = plural_demonym or capital
    if plural_demonym and any(c.dep_ == "prep" and c.lower_ == "of" for c in span.root.children):
        # "the Albanians of southern Serbia": people of a named country belong to it.
        iso3 = attached_country(span.root, kb) or iso3
    if plural_demonym and any(t.lower_ == "ethnic" for t in doc[max(span.start - ETHNIC_REACH, 0) : span.start]):
        # "ethnic Albanians in Serbia": an ethnic group takes the country the text places it in
        iso3 = attached_country(span.root, kb) or iso3
    return Mention(
        span.start_char,
        span.end_char,
        "COLLECTIVE" if plural_demonym else "GOVERNMENT",
        span.text,
        key=("people:" if plural_demonym else "capital:") + str(iso3),
        country=iso3,
        # CAMEO codes a country's people acting together ("Algerians blocked roads") as civilians.
        sector="CVL" if plural_demonym else "GOV",
        rule="demonym-as-actor" if plural_demonym else "capital-as-actor",
    )


def _plural_demonym(doc: Doc, ent: SpacySpan, span: SpacySpan, kb: ActorKB) -> tuple[str | None, SpacySpan]:
    """The country of a plural demonym ("Palestinians"), also through the nationality before an ethnic or religious
    group ("Iraqi Kurds", then the span grows to hold it); None when the phrase is neither."""
    plural_demonym = kb.country_of_demonym(span.text) if ent.label_ == "NORP" and span.text.endswith("s") else None
    if ent.label_ == "NORP" and not plural_demonym and span.text.endswith("s") and kb.identity(span.text):
        # "Iraqi Kurds": an ethnic or religious group named with the country it lives in.
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.ent_type_ == "NORP" and before.head.i == span.root.i:
            plural_demonym = kb.country_of_demonym(before.text)
            span = doc[before.i : span.end] if plural_demonym else span
    return plural_demonym, span


def _counted_group(root: Token) -> bool:
    """True when a people noun is counted by the subject ("Thousands of Nigerians were converging")."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    counter = prep.head
    return counter.dep_ in {"nsubj", "nsubjpass"} and (
        counter.lemma_.lower() in _COUNTING_NOUNS or counter.pos_ == "NUM" or counter.ent_type_ == "CARDINAL"
    )


def _possessor_of_actor(tok: Token, kb: ActorKB) -> bool:
    """True when a country name possesses an actor noun ("Poland's parliament", "Israel's Cabinet")."""
    if tok.dep_ != "poss":
        return False
    head = tok.head
    return kb.agent(head.lemma_.lower()) is not None or head.ent_type_ == "ORG"


def _actor_position(root: Token) -> bool:
    """True when a country name is a participant (subject, object, possessor), also through coordination."""
    for _ in range(COORDINATION_DEPTH):
        if root.dep_ in _ACTOR_DEPS:
            return True
        if root.dep_ != "conj" or root.head.i == root.i:
            return False
        root = root.head
    return False
