"""Countries, towns and nationalities as event parties, as CAMEO codes them ("sent arms to Pakistan", "rejected an
Indian proposal"), and the country an uncoded actor takes from a place.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.analysis import Analysis, Entity, Place
from eventwire.knowledge.actors import get_actor_kb
from eventwire.knowledge.lexicon import trigger_for
from eventwire.stages.events.cues import OBJ, SUBJ
from eventwire.stages.events.parties import entity_of
from eventwire.stages.events.syntax import prep_objects
from eventwire.stages.events.tuning import PARTY_ANCHORS

# Prepositions by which an act names the country or town it bears on: the other party first ("sent arms to
# Pakistan", "talks with Syria"), the scene last ("lifted a curfew in Montenegro", "arrived in Amman").
_PARTY_PLACE_PREPS = (
    {"to", "with", "against", "on", "upon", "by", "toward", "towards", "of", "for", "among", "between"},
    {"in", "into", "at", "from"},
)


_NOUN_ONLY_PREPS = {"of", "for"}


_PARTY_DEPS = OBJ | {"dative", "nsubjpass"}


def _party_anchors(heads: list[Token]) -> list[Token]:
    """The given words, the verbs completing them ("offered to hand over") and their objects ("lifted a curfew")."""
    verbs = list(heads)
    for verb in verbs:
        if len(verbs) < PARTY_ANCHORS:
            verbs += [c for c in verb.children if c.dep_ in {"xcomp", "conj"} and c.pos_ in {"VERB", "AUX"}]
    nouns = [c for v in verbs for c in v.children if c.dep_ in _PARTY_DEPS and c.pos_ in {"NOUN", "PROPN"}]
    # "a suspension of air links with Serbia", "thousands of refugees": the noun inside an "of" phrase.
    nouns += [o for n in list(nouns) for o in prep_objects(n, {"of"}) if o.pos_ in {"NOUN", "PROPN"}]
    # "the curfew imposed in Sudan": a participle on the object places it.
    nouns += [c for n in nouns for c in n.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    return verbs + nouns


def _party_words(anchors: list[Token], own: Token | None) -> list[tuple[Token, str]]:
    """Words of the anchors that may name the other party, with their preposition, most direct first."""
    # "rejected an Indian proposal", "protest President Assad's failure": a nationality or owner of the object.
    out = [
        (c, "")
        for a in anchors
        if a.pos_ == "NOUN" and (own is None or a.i != own.i)
        for c in a.children
        if c.dep_ in {"amod", "compound", "poss"}
    ]
    # The objects themselves ("killed three ethnic Albanians", "would blockade Paris").
    out += [(a, "") for a in anchors if a.pos_ in {"NOUN", "PROPN"} and (own is None or a.i != own.i)]
    for preps in _PARTY_PLACE_PREPS:
        for a in anchors:
            for prep in (c for c in a.children if c.dep_ in {"prep", "dative", "agent"} and c.lower_ in preps):
                if prep.lower_ in _NOUN_ONLY_PREPS and a.pos_ != "NOUN":
                    continue  # only a noun's "of" names a party ("the blockade of Serbia", "aid for Bosnia")
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    out += [
                        (obj, prep.lower_),
                        *((c, prep.lower_) for c in obj.children if c.dep_ in {"amod", "compound", "appos"}),
                        # "the town of Cizre", "targets in Jericho": the place named inside the phrase.
                        *((o, prep.lower_) for o in prep_objects(obj, {"of", "in"})),
                    ]
    return out


def _further_heads(anchors: list[Token]) -> list[Token]:
    """Clauses one step further out: a purpose ("staged a strike to protest X"), a condition ("threatened to ...
    unless Baghdad accepted"), a clause on a noun ("its demand that Israel ease") and a noun after a preposition
    ("called for sanctions against Nigeria")."""
    out = []
    for a in anchors:
        for c in a.children:
            if c.dep_ in {"ccomp", "acl", "relcl"} and c.pos_ in {"VERB", "AUX"} and c.i > a.i or _purpose(c, a):
                out.append(c)
                out += [s for s in c.children if s.dep_ in SUBJ and s.pos_ in {"NOUN", "PROPN"}]
            elif c.dep_ == "prep" and c.lower_ in {"for", "to", "on"} and a.pos_ in {"VERB", "AUX"}:
                out += [o for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
    return out


def _purpose(clause: Token, head: Token) -> bool:
    """True for an adverbial clause of purpose or condition after its head ("to protest", "unless Baghdad ...")."""
    if clause.dep_ != "advcl" or clause.pos_ not in {"VERB", "AUX"} or clause.i < head.i:
        return False
    return any(
        (c.dep_ == "aux" and c.lower_ == "to") or (c.dep_ == "mark" and c.lower_ in {"if", "unless"})
        for c in clause.children
    )


def _party_tokens(tok: Token) -> list[tuple[Token, str]]:
    """Tokens that may name a place-like other party of the event, with their preposition, most direct first."""
    # A noun trigger is framed by the verb that governs it ("reimposed blockades in the West Bank").
    frame = [tok.head] if tok.pos_ == "NOUN" and tok.dep_ in OBJ and tok.head.pos_ == "VERB" else []
    anchors = _party_anchors([tok, *frame])
    further = _party_anchors(_further_heads(anchors))
    return _party_words(anchors, tok) + _party_words(further, None)


def _nationality_phrase(tok: Token) -> tuple[int, int, str | None] | None:
    """Span and sector of a noun phrase a nationality word qualifies ("Ugandan opposition candidates" OPP,
    "Iraqi towns" CVL, "an Indian proposal": the state's act, no sector)."""
    head = tok.head
    if tok.dep_ not in {"amod", "compound"} or head.pos_ != "NOUN" or tok.ent_type_ != "NORP" or head.i < tok.i:
        return None
    kb = get_actor_kb()
    words = reversed(tok.doc[tok.i + 1 : head.i + 1])  # the head says most ("Ugandan national army" MIL)
    agents = [a for a in (kb.agent(w.lemma_.lower()) for w in words) if a is not None]
    sector: str | None
    if agents:
        sector = agents[0].sector
    else:
        # Plural things of a nationality ("Iraqi towns", "Palestinian homes") are its people's; a single plan or
        # proposal is its state's act, which the country alone codes.
        plural = head.tag_ == "NNS" and trigger_for(head.lemma_.lower(), "NOUN") is None
        sector = "CVL" if plural else None
    return tok.idx, head.idx + len(head), sector


def _bare(name: str) -> str:
    """A place name without a leading "the"."""
    return name[4:] if name.lower().startswith("the ") else name


def _place_entity(analysis: Analysis, tok: Token, prep: str) -> Entity | None:
    """An actor for a country, town or nationality word the entities stage left as a place: the country it is in."""
    kb = get_actor_kb()
    place = analysis.place_at(tok.idx, tok.idx + len(tok))
    phrase = _nationality_phrase(tok)
    sector: str | None
    # A GPE, or a LOC resolved to a town ("Algiers"); a LOC resolved to a province is often a misreading ("Gulf").
    if place is not None and (tok.ent_type_ == "GPE" or place.level in {"country", "place"}):
        mention = next(m for m in place.mentions if m.start < tok.idx + len(tok) and tok.idx < m.end)
        # "South Lebanon", "western Cambodia": a country named in the place name outranks a far-off namesake.
        named = next((c for c in map(kb.country_by_name, mention.text.split()) if c), None)
        named = named if place.level == "place" else None
        country = kb.country_by_name(_bare(mention.text)) or named or kb.country_of_alpha2(place.country)
        capital = kb.capital_of(mention.text) is not None
        # A country stands for its state, a capital named as a party ("demanded by Moscow") for its government,
        # a town the act happens in for those who live there.
        state = place.level == "country" or (capital and prep in _PARTY_PLACE_PREPS[0])
        sector = "GOV" if state else "CVL"
    elif tok.ent_type_ in {"NORP", "GPE"}:
        country = kb.country_of_demonym(tok.text) or kb.country_by_name(tok.text) or kb.capital_of(tok.text)
        start, end, sector = phrase or (tok.idx, tok.idx + len(tok), "CVL" if tok.text.endswith("s") else None)
        mention, state = analysis.span(start, end), False
    else:
        return None
    if country is None:
        return None
    for ent in analysis.entities:
        if ent.country == country and ent.because.get("rules") == ["place-as-party"] and ent.sector == sector:
            ent.mentions.append(mention)
            return ent
    ent = Entity(
        id=f"E{len(analysis.entities) + 1}",
        name=mention.text,
        kind="COUNTRY" if state else "COLLECTIVE",
        mentions=[mention],
        country=country,
        sector=sector,
        code=country + (sector or ""),
        because={"rules": ["place-as-party"]},
    )
    analysis.entities.append(ent)
    return ent


# Sectors of a state (or of an international organisation) that commands forces.
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "IGO"}


# Sectors of unnamed local actors, coded (as CAMEO does) by the country they act in.
_LOCAL_SECTORS = {"CVL", "OPP", "REF", "LAB", "EDU", "REB", "CRM", "AGR", "BUS", "MED", "REL", "UAF"}


def country_from_place(analysis: Analysis, ids: list[str], event_place: Place | None) -> None:
    """Give uncoded actors the country of a place attached to them, or (local groups) of their act's place.

    "the government of Sindh province", "the Red Cross operating in Iraq": the place attached to the actor; "people
    blocked streets in Hong Kong": an unnamed local group also takes that of the place its act is in.
    """
    kb = get_actor_kb()
    doc = analysis.doc
    if doc is None:
        return
    for ent in (e for e in analysis.entities if e.id in ids and not e.country):
        span = doc.char_span(ent.mentions[0].start, ent.mentions[0].end, alignment_mode="expand")
        heads = [span.root, *(c for c in span.root.children if c.dep_ == "acl")] if span is not None else []
        found = None
        for obj in (o for h in heads for o in prep_objects(h, {"of", "in", "from"})):
            place = next((analysis.place_at(t.idx, t.idx + len(t)) for t in obj.subtree), None)
            found = found or (kb.country_of_alpha2(place.country) if place is not None else None)
        # Armed groups often act abroad, so only unarmed local groups take the country of the event's place.
        local = ent.sector in _LOCAL_SECTORS - {"REB", "UAF", "CRM"} and ent.kind != "PERSON"
        if found is None and local and event_place is not None:
            found = kb.country_of_alpha2(event_place.country)
        if found:
            ent.country = found
            ent.code = found + (ent.sector or "")
            ent.because.setdefault("rules", []).append("country-of-place")


def own_forces(analysis: Analysis, source: list[str], target: list[str]) -> bool:
    """True when the only targets are the source's own forces ("Syria will withdraw its troops from Lebanon").

    They are what the source moves, not whom the act bears on.
    """
    ents = {e.id: e for e in analysis.entities}
    countries = {ents[i].country for i in source if ents[i].country and ents[i].sector in _STATE_SECTORS}
    return bool(countries) and all(ents[i].kind == "STATE_FORCE" and ents[i].country in countries for i in target)


def place_party(analysis: Analysis, tok: Token, source: list[str]) -> list[str]:
    """Last resort for a target: the country, town or nationality the act is aimed at or happens in.

    As CAMEO codes it: "sent arms to Pakistan", "rejected an Indian proposal", "lifted a curfew in Montenegro".
    """
    for cand, prep in _party_tokens(tok):
        ent = entity_of(analysis, cand) or _place_entity(analysis, cand, prep)
        if ent is not None and ent.id not in source and ent.country and not own_forces(analysis, source, [ent.id]):
            return [ent.id]
    return []
