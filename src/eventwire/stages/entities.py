"""Entities stage: actor mentions found, merged within the article and coded.

Mentions come from three places: named entities (spaCy NER plus the entity
ruler fed by the actor knowledge base), noun phrases headed by a generic agent
noun ("US officials", "pro-government militants", "a gunman"), and countries
acting as subjects. Mentions of one actor are merged: knowledge-base aliases
(IS = ISIS = Daesh), surnames (Okon = police spokesman Edet Okon) and
bracketed acronyms ("Islamic State [IS]").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.analysis import Analysis, Entity, Span
from eventwire.knowledge.actors import ActorKB, AgentEntry, get_actor_kb
from eventwire.knowledge.lexicon import trigger_for
from eventwire.nlp import indices_where
from eventwire.stages import stage

# Prepositions after which a country name is a location, not an actor.
_LOCATIVE = {"in", "across", "into", "near", "at", "from", "to", "throughout", "within", "inside", "outside", "over"}
_PERSON_LABELS = {"PERSON"}
_GROUP_LABELS = {"ORG", "ARMED_GROUP", "NORP", "GPE", "STATE_FORCE", "GOVERNMENT", "IGO", "NGO", "FAC"}
_PRO_GOVERNMENT = re.compile(r"\bpro[- ]?(?:government|regime|state)\b", re.I)
_ANTI = re.compile(r"\banti[- ]", re.I)
# Sectors that a more specific modifier may refine ("intelligence officials" SPY, not GOV).
_GENERIC_SECTORS = {None, "GOV", "CVL", "UAF", "UNK", "REB", "MIL"}


@dataclass
class _Mention:
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


def _strip_det(span: SpacySpan) -> SpacySpan:
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


def _kb_name(text: str) -> str:
    """Text without a leading "the" and a trailing "group", for knowledge-base lookup."""
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return text


def _lookup(kb: ActorKB, text: str):
    """Knowledge-base entry for a name, trying the bare name and the name without "group"."""
    name = _kb_name(text)
    return kb.lookup(name) or kb.lookup(re.sub(r"\s+group$", "", name, flags=re.I))


# Words that make a title a past office ("former president", "ousted president", "ex-minister").
_FORMER = {"former", "ousted", "ex", "exiled", "deposed", "toppled", "overthrown", "onetime", "erstwhile"}
_TITLE_JOINERS = {"of", "for", "the"}


def _title_word(tok: Token) -> bool:
    """True when a token can be part of a title before a name ("Secretary of State", "Secretary-General")."""
    if tok.ent_type_ in _PERSON_LABELS:
        return False
    if tok.pos_ in {"PROPN", "NOUN", "ADJ"} or tok.lower_ in _FORMER:
        return True
    doc = tok.doc
    if tok.dep_ == "case" and tok.i > 0 and doc[tok.i - 1].ent_type_ in {"GPE", "NORP"}:
        return True  # "Niger's ambassador Brah Mohamane": the country owns the office
    if tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_:
        return True
    # "Minister for Interior", "Secretary of the Treasury": a joining word between two title words.
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return tok.lower_ in _TITLE_JOINERS and prev is not None and (prev.pos_ in {"PROPN", "NOUN"} or prev.lower_ == "of")


def _role_before(doc: Doc, ent: SpacySpan, kb: ActorKB) -> tuple[int, str | None, str | None, str | None]:
    """Title words just before a person name ("CIA chief", "Prime Minister"): (start token, role, sector, country)."""
    i = ent.start
    first = i
    sent_start = ent.sent.start
    while first - 1 >= sent_start and _title_word(doc[first - 1]):
        first -= 1
        if i - first > 7:
            break
    # A title never starts with a joining word or a hyphen ("of State", "-General").
    while first < i and (
        (doc[first].pos_ not in {"PROPN", "NOUN", "ADJ"} and doc[first].lower_ not in _FORMER) or doc[first].text == "-"
    ):
        first += 1
    words = doc[first:i]
    if not len(words):
        return i, None, None, None
    # The role is the shortest suffix that still holds a title word, widened to
    # include the organisation or nationality qualifying it.
    # The longest suffix of the words before the name that is a title ("Prime Minister", "chief").
    starts = [k for k in range(len(words)) if words[k].pos_ in {"PROPN", "NOUN", "ADJ"} and words[k].text != "-"]
    title_at = next((k for k in starts if kb.title(words[k:].text)), None)
    if title_at is None:
        title_at = next((k for k in range(len(words) - 1, -1, -1) if kb.title(words[k].text)), None)
    if title_at is None:
        return i, None, None, None
    entry = kb.title(words[title_at:].text) or kb.title(words[title_at].text)
    sector = getattr(entry, "sector", None)
    country = getattr(entry, "country", None)
    role_start = title_at
    for k in range(title_at - 1, -1, -1):
        tok = words[k]
        if tok.dep_ == "case":
            continue  # "Niger's ambassador": the possessive marker between country and title
        org = _lookup(kb, tok.text)
        demonym = kb.country_of_demonym(tok.text) or kb.country_by_name(tok.text)
        if org is not None:
            sector = org.sector or sector
            country = country or org.country
        elif demonym:
            country = country or demonym
        elif not kb.title(tok.text) and not kb.agent(tok.lemma_.lower()):
            break
        role_start = k
    role_span = words[role_start:]
    if sector in _STATE_SECTORS | {None} and any(t.lower_ in _FORMER for t in words):
        # CAMEO/PLOVER code former office holders as elites (ELI), not as the government they left.
        sector = "ELI"
    return role_span.start, role_span.text, sector, country


def _person_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[_Mention]:
    """PERSON entities with their titles."""
    out = []
    for ent in doc.ents:
        if analysis.is_excluded(ent.start_char, ent.end_char):
            continue
        name = re.sub(r"['’]s$", "", ent.text).strip()
        if not name or not name[0].isupper():
            continue
        if ent.label_ not in _PERSON_LABELS and not _known_person_as_org(ent, name, kb):
            continue
        if _modifies_agent(ent, kb):
            continue
        first, role, sector, country = _role_before(doc, ent, kb)
        if country is None:
            # "King Hassan of Morocco": a titled person "of" a country holds office there.
            of = [c for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "of"]
            country = next((_token_country(o, kb) for p in of for o in p.children if o.dep_ == "pobj"), None)
        for appos in (c for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
            # "Salaheddine Sidhoum, Algeria's leading human rights activist": the apposition codes the person.
            agent = kb.agent(appos.lemma_.lower())
            sector = sector or (agent.sector if agent is not None else None)
            country = country or _attached_country(appos, kb) or _modifier_codes(list(appos.lefts), kb)[0]
        rule = "ner:PERSON" + ("+title" if role else "")
        known = kb.person(name)
        if known is not None:
            # The text (a title, a nationality, "former") wins; the file fills what the text leaves open.
            country = country or known.country
            sector = sector or known.sector
            rule += "+people:" + known.name
        start = doc[first].idx
        end = ent.start_char + len(name)
        out.append(
            _Mention(
                start,
                end,
                "PERSON",
                name,
                key="",
                country=country,
                sector=sector,
                roles=[role] if role else [],
                rule=rule,
            )
        )
    return out


def _modifies_agent(ent: SpacySpan, kb: ActorKB) -> bool:
    """True for a one-word "person" that opens a known two-word agent term ("Riot police", "Border guards").

    A name before an agent noun ("Kabila troops") stays a person: it says whose troops they are.
    """
    if len(ent) != 1:
        return False
    tok = ent[0]
    if tok.dep_ not in {"compound", "amod"} or tok.head.i != tok.i + 1:
        return False
    return kb.agent(f"{tok.lower_} {tok.head.lemma_.lower()}") is not None


def _known_person_as_org(ent: SpacySpan, name: str, kb: ActorKB) -> bool:
    """True when the parser tagged a listed person's full name as an organisation ("Moody Awori")."""
    return ent.label_ == "ORG" and " " in name and _lookup(kb, name) is None and kb.person(name) is not None


def _group_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[_Mention]:
    """Named organisations and groups, and countries that act."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in _GROUP_LABELS or analysis.is_excluded(ent.start_char, ent.end_char):
            continue
        span = _strip_det(ent)
        if not span.text or not span.text[0].isupper():
            continue
        if _known_person_as_org(ent, re.sub(r"['’]s$", "", ent.text).strip(), kb):
            continue
        entry = _lookup(kb, span.text)
        if entry is not None:
            out.append(
                _Mention(
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
            )
            continue
        country = kb.country_by_name(span.text)
        if country is not None:
            if _possessor_of_actor(span.root, kb):
                continue  # "Poland's parliament": the parliament acts; its mention carries the country
            prev = doc[span.start - 1].lower_ if span.start > 0 else ""
            if ent.label_ == "GPE" and prev not in _LOCATIVE and _actor_position(span.root):
                if prev in {"by", "against", "with"} or span.root.dep_ != "pobj":
                    out.append(
                        _Mention(
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
                    )
            continue
        plural_demonym = ent.label_ == "NORP" and span.text.endswith("s") and kb.country_of_demonym(span.text)
        if ent.label_ == "NORP" and not plural_demonym and span.text.endswith("s") and kb.identity(span.text):
            # "Iraqi Kurds": an ethnic or religious group named with the country it lives in.
            before = doc[span.start - 1] if span.start > 0 else None
            if before is not None and before.ent_type_ == "NORP" and before.head.i == span.root.i:
                plural_demonym = kb.country_of_demonym(before.text)
                span = doc[before.i : span.end] if plural_demonym else span
        capital = kb.capital_of(span.text) if ent.label_ == "GPE" else None
        if (plural_demonym or capital) and (
            span.root.dep_ in {"nsubj", "nsubjpass"} | ({"conj"} if _actor_position(span.root) else set())
            or (plural_demonym and _counted_group(span.root))
        ):
            # "Palestinians rejected ...": the people of a country as a collective actor; "Berlin rejected ...":
            # a capital acting stands for its government.
            iso3 = plural_demonym or capital
            if plural_demonym and any(c.dep_ == "prep" and c.lower_ == "of" for c in span.root.children):
                # "the Albanians of southern Serbia": people of a named country belong to it.
                iso3 = _attached_country(span.root, kb) or iso3
            if plural_demonym and any(t.lower_ == "ethnic" for t in doc[max(span.start - 2, 0) : span.start]):
                # "ethnic Albanians in Serbia": an ethnic group takes the country the text places it in
                iso3 = _attached_country(span.root, kb) or iso3
            out.append(
                _Mention(
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
            )
            continue
        if ent.label_ == "ORG":
            head = kb.agent(span[-1].lemma_.lower())
            out.append(
                _Mention(
                    span.start_char,
                    span.end_char,
                    "ORG",
                    span.text,
                    key="org:" + span.text.lower(),
                    country=_attached_country(span.root, kb),
                    sector=getattr(head, "sector", None),
                    rule="ner:ORG",
                )
            )
    return out


# Head nouns that count or gather people ("thousands of Nigerians", "a group of Kurds").
_COUNTING_NOUNS = {"thousand", "hundred", "dozen", "million", "score", "group", "crowd", "number", "band"}


def _counted_group(root: Token) -> bool:
    """True when a people noun is counted by the subject ("Thousands of Nigerians were converging")."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    counter = prep.head
    return counter.dep_ in {"nsubj", "nsubjpass"} and (
        counter.lemma_.lower() in _COUNTING_NOUNS or counter.pos_ == "NUM" or counter.ent_type_ == "CARDINAL"
    )


_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative"}
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


def _token_country(tok: Token, kb: ActorKB) -> str | None:
    """Country named by the entity (or the word) at ``tok``: "Ivory Coast", "Guinea", "Serbian"."""
    ent = _entity_around(tok)
    text = _kb_name(ent.text if ent is not None and ent.label_ in {"GPE", "NORP", "LOC"} else tok.text)
    found = kb.country_by_name(text) or kb.country_of_demonym(text) or kb.capital_of(text)
    if found is None:
        # "the Syrian Golan Heights", "the Iraqi city of Basra": a nationality qualifies the place.
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}]
        found = next((kb.country_of_demonym(c.text) or kb.country_by_name(c.text) for c in mods), None)
    return found


def _attached_country(head: Token, kb: ActorKB) -> str | None:
    """Country attached to an actor noun: a possessor ("Poland's parliament"), "in/of/from X" ("rebels in Guinea")
    or a participle placing it ("a group based in Trinidad")."""
    for child in head.children:
        if child.dep_ == "poss":
            country = _token_country(child, kb)
            if country:
                return country
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS]
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _PLACING_VERBS):
        preps += [c for c in acl.children if c.dep_ == "prep" and c.lower_ == "in"]
    for child in preps:
        for obj in child.children:
            if obj.dep_ == "pobj" and obj.ent_type_ in {"GPE", "NORP", "LOC"}:
                country = _token_country(obj, kb)
                if country:
                    return country
    return None


def _entity_country(doc: Doc, span: SpacySpan, head: Token, kb: ActorKB) -> str | None:
    """Country of a several-word place or demonym modifying the head ("Ivory Coast rebels", "Sri Lankan army")."""
    # Only the entities that start inside the phrase: reading the whole of doc.ents per phrase cost O(n²).
    for tok in doc[span.start : head.i]:
        if tok.ent_iob_ != "B" or tok.ent_type_ not in {"GPE", "NORP"}:
            continue
        ent = _entity_around(tok)
        if ent is None or ent.end > head.i or len(ent) < 2:
            continue
        text = _kb_name(ent.text)
        country = kb.country_by_name(text) or kb.country_of_demonym(text)
        if country:
            return country
    return None


def _possessor_of_actor(tok: Token, kb: ActorKB) -> bool:
    """True when a country name possesses an actor noun ("Poland's parliament", "Israel's Cabinet")."""
    if tok.dep_ != "poss":
        return False
    head = tok.head
    return kb.agent(head.lemma_.lower()) is not None or head.ent_type_ == "ORG"


def _actor_position(root: Token) -> bool:
    """True when a country name is a participant (subject, object, possessor), also through coordination."""
    for _ in range(4):
        if root.dep_ in _ACTOR_DEPS:
            return True
        if root.dep_ != "conj" or root.head.i == root.i:
            return False
        root = root.head
    return False


def _modifier_codes(
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
        org = _lookup(kb, text) if text.isupper() and len(text) > 1 else None
        if org is not None and org.country and not country:
            country = org.country
        ident = kb.identity(text)
        if ident:
            identities.append(ident)
        agent = kb.agent(tok.lemma_.lower())
        if agent is not None and sector is None and (agent.sector not in _GENERIC_SECTORS or generic_head):
            sector = agent.sector
    return country, sector, identities


def _head_agent(head: Token, kb: ActorKB) -> AgentEntry | None:
    """The agent noun a phrase head names, read with the word before it first ("security forces", "terror group")."""
    prev = head.doc[head.i - 1] if head.i > 0 else None
    if prev is not None and prev.head.i == head.i and prev.dep_ in {"compound", "amod"}:
        hit = kb.agent(f"{prev.lower_} {head.lower_}") or kb.agent(f"{prev.lower_} {head.lemma_.lower()}")
        if hit is not None:
            return hit
    return kb.agent(head.lemma_.lower()) or kb.agent(head.lower_)


def _collective_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[_Mention]:
    """Noun phrases headed by a generic agent noun, coded by nationality and sector."""
    out = []
    # "the Kenyan government's decision": an agent noun owning the chunk's head is a phrase of its own.
    heads = [(chunk, chunk.root) for chunk in doc.noun_chunks]
    heads += [
        (chunk, c)
        for chunk, root in list(heads)
        for c in root.children
        if c.dep_ == "poss" and c.pos_ == "NOUN" and c.i >= chunk.start
    ]
    for chunk, head in heads:
        agent = _head_agent(head, kb)
        if agent is None or analysis.is_excluded(chunk.start_char, chunk.end_char):
            continue
        span = _strip_det(doc[chunk.start : head.i + 1])
        if head.pos_ == "PROPN" and head.ent_type_:
            continue
        mods = [t for t in span if t.i != head.i]
        country, sector, identities = _modifier_codes(mods, kb, head.lemma_.lower() in _SPOKES_NOUNS)
        country = country or _entity_country(doc, span, head, kb) or _attached_country(head, kb)
        if country is None and head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
            # "Israeli helicopters and tanks": the second noun shares the nationality of the first.
            first = head.head
            country = _modifier_codes([c for c in first.children if c.i < first.i], kb)[0]
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
            _Mention(
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


_NATIONALITY_TYPES = frozenset({"NORP", "GPE"})
_PROPER_NOUN = frozenset({"PROPN"})


def _tokens_where(doc: Doc, attr: str, values: frozenset[str], fold: bool = False) -> list[Token]:
    """The tokens :func:`~eventwire.nlp.indices_where` picks."""
    return [doc[i] for i in indices_where(doc, attr, values, fold)]


def _event_nationality_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[_Mention]:
    """A nationality word on an event noun names the country that acts ("Palestinian riots", "an Israeli pullback")."""
    out = []
    for tok in _tokens_where(doc, "ENT_TYPE", _NATIONALITY_TYPES):
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
            out.append(_country_mention(tok, country, "nationality-of-event"))
    return out


def _country_mention(tok: Token, country: str, rule: str, sector: str | None = None) -> _Mention:
    """A one-token mention of ``country`` as an actor; with a sector, the country is also its code."""
    return _Mention(
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


def _misspelt_country_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[_Mention]:
    """A one-word subject that is a misspelt country name ("Ethopia has agreed", "Isreal will evacuate")."""
    out = []
    for tok in _tokens_where(doc, "POS", _PROPER_NOUN):
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.ent_type_ not in {"", "ORG", "GPE"}:
            continue
        if tok.ent_iob_ == "I" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I"):
            continue  # part of a longer name
        if analysis.is_excluded(tok.idx, tok.idx + len(tok)) or _lookup(kb, tok.text) is not None:
            continue
        country = kb.country_misspelt(tok.text)
        if country:
            out.append(_country_mention(tok, country, "country-as-actor+misspelt", sector="GOV"))
    return out


def _acronym_links(text: str, mentions: list[_Mention]) -> dict[str, str]:
    """Map bracketed acronyms to the name before them: "Islamic State [IS]" links IS to Islamic State."""
    links = {}
    for m in mentions:
        after = text[m.end : m.end + 16]
        g = re.match(r"\s*[\[(]([A-Z][A-Za-z]{1,7})[\])]", after)
        if g:
            links[g.group(1)] = m.key
    return links


def _resolve_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """Keep knowledge-base and person mentions over generic ones when they overlap."""
    # A person's mention includes the title before the name ("police spokesman Edet Okon"), so it wins over
    # the organisation named inside that title; the organisation still codes the person.
    rank = {"PERSON": 0, "kb": 1, "country": 2, "org": 3, "agent": 4}

    def priority(m: _Mention) -> tuple[int, int]:
        kind = "PERSON" if m.kind == "PERSON" else m.key.split(":", 1)[0]
        return (rank.get(kind, 5), -(m.end - m.start))

    kept: list[_Mention] = []
    for m in sorted(mentions, key=priority):
        if any(m.start < k.end and k.start < m.end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _merge(mentions: list[_Mention], text: str) -> list[Entity]:
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


_SPOKES_NOUNS = {"leader", "official", "spokesman", "spokeswoman", "spokesperson", "representative", "negotiator"}
_GROUP_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "network", "faction"})


def _definite_group_mentions(doc: Doc, analysis: Analysis, entities: list[Entity]) -> None:
    """Attach "the group" (and "the organisation", "the movement") to the nearest named group before it."""
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    for tok in _tokens_where(doc, "LEMMA", _GROUP_NOUNS, fold=True):
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


_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
_LOCAL_SECTORS = {"CVL", "OPP", "REF", "LAB", "EDU", "REB", "CRM", "AGR", "BUS", "MED", "REL"}


def _within(ents: tuple[SpacySpan, ...], start: int, end: int) -> list[SpacySpan]:
    """``Span.ents`` of the tokens ``[start, end)`` from the doc's entities read once (it rebuilds them per call)."""
    out = []
    for ent in ents:
        if ent.start >= start:
            if ent.end > end:
                break
            out.append(ent)
    return out


def _sentence_countries(sent: SpacySpan, kb: ActorKB, ents: tuple[SpacySpan, ...] | None = None) -> set[str]:
    """Countries a sentence names: country names, demonyms and capitals (``ents``: the doc's, if read already)."""
    out = set()
    for ent in sent.ents if ents is None else _within(ents, sent.start, sent.end):
        text = _kb_name(ent.text)
        if ent.label_ in {"GPE", "NORP", "LOC"}:
            iso3 = kb.country_by_name(text) or kb.country_of_demonym(text) or kb.capital_of(text)
            if iso3 is None and ent.label_ == "NORP":
                iso3 = kb.country_of_demonym(ent[0].text)
            if iso3:
                out.add(iso3)
    return out


def _country_nearby(doc: Doc, kb: ActorKB, entities: list[Entity]) -> None:
    """A state office holder named without a country ("President X") takes the one country its sentences name."""
    by_sentence: dict[int, set[str]] = {}
    doc_ents = None
    for ent in entities:
        if ent.country:
            continue
        office_holder = ent.kind == "PERSON" and ent.sector in _STATE_SECTORS | {"ELI"} and bool(ent.roles)
        # Unnamed non-state collectives ("protesters", "rebels", "refugees") are coded, as CAMEO does, by the one
        # country their sentence names; state forces are not, since they often act abroad.
        local_group = ent.sector in _LOCAL_SECTORS and all(r.startswith("agent:") for r in ent.because.get("rules", []))
        if not (office_holder or local_group):
            continue
        countries: set[str] = set()
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                sent = span.sent
                if sent.start not in by_sentence:
                    doc_ents = doc_ents if doc_ents is not None else doc.ents
                    by_sentence[sent.start] = _sentence_countries(sent, kb, doc_ents)
                countries |= by_sentence[sent.start]
        if len(countries) == 1:
            ent.country = countries.pop()
            ent.code = ent.country + ent.sector
            ent.because.setdefault("rules", []).append("country-nearby")


def _possessor_country(doc: Doc, entities: list[Entity]) -> None:
    """ "Bosnian Serbs said their forces ...": an uncoded group owned by "its/their" takes the country of the
    nearest coded actor before it in the sentence."""
    for ent in entities:
        if ent.country or not all(r.startswith("agent:") for r in ent.because.get("rules", [])):
            continue
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in span.root.children):
                continue
            sent = span.sent
            before = [
                (o.start, other)
                for other in entities
                if other is not ent and other.country
                for o in other.mentions
                if sent.start_char <= o.start and o.end <= m.start
            ]
            if before:
                ent.country = max(before, key=lambda x: x[0])[1].country
                ent.code = ent.country + (ent.sector or "")
                ent.because.setdefault("rules", []).append("possessor-country")
                break


@stage("entities", requires=("doc",), assigns=("entities",))
def entities(analysis: Analysis) -> None:
    """Find actor mentions, merge them into entities and code them (country, sector, CAMEO-style code)."""
    doc = analysis.doc
    if doc is None:
        return
    kb = get_actor_kb()
    mentions = _person_mentions(doc, kb, analysis) + _group_mentions(doc, kb, analysis)
    mentions += _collective_mentions(doc, kb, analysis) + _event_nationality_mentions(doc, kb, analysis)
    mentions += _misspelt_country_mentions(doc, kb, analysis)
    merged = _merge(_resolve_overlaps(mentions), analysis.text)
    _definite_group_mentions(doc, analysis, merged)
    _possessor_country(doc, merged)
    _country_nearby(doc, kb, merged)
    analysis.entities.extend(merged)
