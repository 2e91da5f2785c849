"""People: PERSON entities with the title before the name ("CIA chief John Brennan") and what codes them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.analysis import Analysis
from eventwire.knowledge.actors import ActorKB
from eventwire.stages.entities.countries import attached_country, modifier_codes, token_country
from eventwire.stages.entities.mentions import STATE_SECTORS, Mention, lookup
from eventwire.stages.entities.tuning import TUNING

# The walk back over the title words before a name stops once it has gone further than this.
TITLE_REACH = int(TUNING["title_reach"])

_PERSON_LABELS = {"PERSON"}
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
        if i - first > TITLE_REACH:
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
        org = lookup(kb, tok.text)
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
    if sector in STATE_SECTORS | {None} and any(t.lower_ in _FORMER for t in words):
        # CAMEO/PLOVER code former office holders as elites (ELI), not as the government they left.
        sector = "ELI"
    return role_span.start, role_span.text, sector, country


def person_mentions(doc: Doc, kb: ActorKB, analysis: Analysis) -> list[Mention]:
    """PERSON entities with their titles."""
    out = []
    for ent in doc.ents:
        label = ent.label_
        # Only persons, and organisations that are listed persons, can be kept: the other labels are passed over
        # before the costlier tests below (which would let none of them through either).
        if label not in _PERSON_LABELS and label != "ORG":
            continue
        if analysis.is_excluded(ent.start_char, ent.end_char):
            continue
        name = re.sub(r"['’]s$", "", ent.text).strip()
        if not name or not name[0].isupper():
            continue
        if ent.label_ not in _PERSON_LABELS and not known_person_as_org(ent, name, kb):
            continue
        if _modifies_agent(ent, kb):
            continue
        first, role, sector, country = _role_before(doc, ent, kb)
        if country is None:
            # "King Hassan of Morocco": a titled person "of" a country holds office there.
            of = [c for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "of"]
            country = next((token_country(o, kb) for p in of for o in p.children if o.dep_ == "pobj"), None)
        for appos in (c for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
            # "Salaheddine Sidhoum, Algeria's leading human rights activist": the apposition codes the person.
            agent = kb.agent(appos.lemma_.lower())
            sector = sector or (agent.sector if agent is not None else None)
            country = country or attached_country(appos, kb) or modifier_codes(list(appos.lefts), kb)[0]
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
            Mention(
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


def known_person_as_org(ent: SpacySpan, name: str, kb: ActorKB) -> bool:
    """True when the parser tagged a listed person's full name as an organisation ("Moody Awori")."""
    return ent.label_ == "ORG" and " " in name and lookup(kb, name) is None and kb.person(name) is not None
