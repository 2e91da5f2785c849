"""Events stage: event mentions typed and linked to actors, place, time, counts and attribution.

Triggers come from the lexicon ``data/triggers.tsv`` (lemma and part of speech
to PLOVER type, mode, ACLED and CAMEO). Arguments are read off the dependency
parse: subjects and "by" agents are sources, objects and "against/on/of/to/with"
complements are targets. A trigger without a subject takes it from the clause that
governs it ("vowed to attack", "is willing to send", "reimposed blockades", "militants
who attacked", "accused X of attacking"); one without a target looks into its
complement ("threatened to break relations with X", "rejected calls by X").
Context picks the reading of a trigger (cue lists in ``data/modality.json``): a verb that stops or lifts the event
its object names takes its type from that event ("halted talks" SANCTION, "called off the strike" CONCEDE, "banned
the rally" COERCE); the object decides other readings ("seized the town" is territory, "captured the suspect" an
arrest, "withdraw inspectors" a cut in relations, "struck a convoy" an attack); a threat takes its mode from the act
threatened. Modality comes from the cues in ``data/modality.json`` ("would" under a verb of saying is a future) and
from the quotes stage (reported speech).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from spacy.strings import StringStore
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.analysis import Analysis, Entity, Event, Place, Quantity, TimeExpr
from eventwire.knowledge.actors import get_actor_kb
from eventwire.knowledge.lexicon import Trigger, phrase_triggers, read_json, trigger_for, triggers
from eventwire.stages import stage

_ARMED = {"MIL", "REB", "PRM", "COP", "UAF", "SPY"}
_CASUALTY_ROLES = {"killed", "injured", "kidnapped", "arrested", "displaced", "missing"}
_SUBJ = {"nsubj", "csubj"}
_PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "attr"}
_TARGET_PREPS = {"against", "on", "of", "upon", "at"}
# The other party of a verb ("granted asylum to X", "met with X").
_VERB_TARGET_PREPS = {"against", "on", "upon", "to", "with"}
# Who a noun's act comes from or bears on ("calls by X", "an appeal from X", "action against X", "resignation of X").
_NOUN_PARTY_PREPS = {"by", "from", "against", "with", "to", "on", "of"}
# Prepositions by which a verb frames a noun event its subject takes part in ("converged for a rally").
_FRAME_PREPS = {"for", "in", "into", "during", "to", "as"}
_RELATIVE = {"who", "which", "that", "whom"}
# Nouns for people who speak or act for a group ("leaders of the coalition").
_SPOKES = {"leader", "member", "official", "representative", "spokesman", "spokeswoman", "delegate", "envoy"}
_PLACE_PREPS = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "on",
    "into",
    "from",
    "throughout",
    "within",
}


def _cues() -> dict:
    """Modality cue lists."""
    return read_json("modality.json")


_SETS: dict[int, tuple[list[str], frozenset[str]]] = {}


def _set_of(words: list[str]) -> frozenset[str]:
    """A cue list of ``_cues()`` as a set, built once: the rules test words against them for every event."""
    hit = _SETS.get(id(words))
    if hit is None or hit[0] is not words:  # the list is kept with its set, so its id cannot be reused
        hit = _SETS[id(words)] = (words, frozenset(words))
    return hit[1]


_PRONOUNS = {
    "it": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COUNTRY", "STATE_FORCE"},
    "its": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COUNTRY", "STATE_FORCE"},
    "he": {"PERSON"},
    "his": {"PERSON"},
    "she": {"PERSON"},
    "her": {"PERSON"},
    "they": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COLLECTIVE", "STATE_FORCE", "COUNTRY"},
    "their": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COLLECTIVE", "STATE_FORCE", "COUNTRY"},
    "we": {"ORG", "ARMED_GROUP", "GOVERNMENT", "COLLECTIVE", "STATE_FORCE", "COUNTRY"},
}


def _antecedent(analysis: Analysis, tok: Token) -> Entity | None:
    """What a personal pronoun refers to: the subject of a clause above it ("Hungary said it will"), else the
    nearest earlier actor of a fitting kind in the sentence."""
    kinds = _PRONOUNS[tok.lower_]
    for anc in tok.ancestors:
        for subj in (c for c in anc.children if c.dep_ in _SUBJ and c.i < tok.i and c.pos_ != "PRON"):
            ent = _entity_of(analysis, subj)
            if ent is not None and ent.kind in kinds:
                return ent
    sent_start = tok.sent.start_char
    best: tuple[int, Entity] | None = None
    for ent in analysis.entities:
        if ent.kind not in kinds:
            continue
        for m in ent.mentions:
            if sent_start <= m.start and m.end <= tok.idx and (best is None or m.start > best[0]):
                best = (m.start, ent)
    return best[1] if best else None


def _entity_of(analysis: Analysis, tok: Token | None) -> Entity | None:
    """The entity a token (or the phrase it heads) mentions; personal pronouns are resolved in the sentence."""
    if tok is None:
        return None
    if tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS:
        return _antecedent(analysis, tok)
    ent = analysis.entity_at(tok.idx, tok.idx + len(tok))
    if ent is not None and (ent.country or ent.kind == "PERSON"):
        return ent
    # "Leaders of the opposition coalition": an uncoded group noun speaks for the named group after it.
    of_group = _of_entity(analysis, tok)
    if ent is not None:
        return of_group if of_group is not None and tok.lemma_.lower() in _SPOKES else ent
    for child in tok.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss"}:
            # "US Predator attacks": the actor may sit one compound further out.
            for t in [child, *(c for c in child.children if c.dep_ == "compound")]:
                ent = analysis.entity_at(t.idx, t.idx + len(t))
                if ent is not None:
                    return ent
    # "the alliance of Shia militias", "members of the group": the group is the actor.
    return of_group


def _of_entity(analysis: Analysis, tok: Token) -> Entity | None:
    """The entity named in an "of" phrase on a noun ("members of the group")."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = analysis.entity_at(pobj.idx, pobj.idx + len(pobj))
            if ent is not None:
                return ent
    return None


def _entities(analysis: Analysis, toks: Iterable[Token]) -> list[str]:
    """Entity ids for the given head tokens and their conjuncts, without repeats."""
    out: list[str] = []
    for tok in toks:
        for t in [tok, *tok.conjuncts]:
            ent = _entity_of(analysis, t)
            if ent is not None and ent.id not in out:
                out.append(ent.id)
    return out


def _clause_verb(tok: Token) -> Token:
    """The verb that governs a noun trigger (or the trigger itself when it is a verb)."""
    head = tok
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    return head


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through xcomp/conj, relative clauses, adjectives and purpose clauses."""
    for _ in range(6):
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        if subj and verb.dep_ == "relcl" and all(s.lower_ in _RELATIVE for s in subj):
            # "militants who attacked the base": the relative pronoun stands for the noun it modifies.
            return [verb.head] if verb.head.pos_ in {"NOUN", "PROPN", "PRON"} else []
        if subj:
            return subj
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return [verb.head]
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            # "an operation to retake X": the operation's agent is the subject of the verb that governs it.
            verb = _clause_verb(verb.head)
            continue
        if verb.dep_ == "xcomp" and verb.head.i != verb.i:
            # "X was forced to withdraw", "X is prepared to lift": the passive subject controls the complement.
            controller = [c for c in verb.head.children if c.dep_ in _PASSIVE_SUBJ]
            if controller and not any(c.dep_ == "agent" for c in verb.head.children):
                return controller
        if verb.dep_ in {"pcomp", "pobj"} and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            # "accused X of attacking", "prevented X from leaving": the governing verb's object does it;
            # "resorted to throwing stones": without an object, its subject does.
            governor = verb.head.head
            if governor.pos_ in {"NOUN", "PROPN"} and governor.dep_ in _OBJ:
                return [governor]
            if governor.pos_ not in {"VERB", "AUX"}:
                break
            controller = [c for c in governor.children if c.dep_ in {"dobj"} | _PASSIVE_SUBJ]
            if controller:
                return controller
            verb = governor
            continue
        if verb.dep_ in {"xcomp", "conj", "advcl", "acomp"} and verb.head.i != verb.i:
            # "Norway is willing to send": the complement of an adjective takes the subject of its copula.
            verb = verb.head
            continue
        break
    return []


def _complement_targets(verb: Token) -> list[Token]:
    """The other party named in a verb's complement: "threatened to break relations with Russia", "refused to meet
    X", "rejected calls by X", "threatened action against Russia"."""
    out: list[Token] = []
    nouns = [c for c in verb.children if c.dep_ in _OBJ] + _prep_objects(verb, {"on", "to", "over", "about"})
    for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}):
        out += [c for c in comp.children if c.dep_ in _OBJ | {"dative"}] + _prep_objects(comp, _VERB_TARGET_PREPS)
        nouns += [c for c in comp.children if c.dep_ in _OBJ]
    for noun in nouns:
        # "denounced Serbia's suppression", "complained over Israeli air raids": whose act is condemned.
        out += [c for c in noun.children if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.ent_type_)]
        out += _prep_objects(noun, _NOUN_PARTY_PREPS)
    return out


def _governing_objects(tok: Token) -> list[Token]:
    """The other party named on the verb that governs a noun trigger (its indirect object or "to/with" phrase)."""
    if tok.dep_ not in _OBJ or tok.head.pos_ not in {"VERB", "AUX"}:
        return []
    verb = tok.head
    others = [c for c in verb.children if c.dep_ in {"dative", "dobj"} and c.i != tok.i]
    return others + _prep_objects(verb, _VERB_TARGET_PREPS)


def _governing_subjects(tok: Token) -> list[Token]:
    """Who performs a noun trigger governed by a verb ("Israel reimposed blockades", "converged for a rally")."""
    node = tok
    while node.dep_ == "conj" and node.head.pos_ in {"NOUN", "PROPN"} and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _FRAME_PREPS:
        node, head = head, head.head
    elif node.dep_ not in _OBJ:
        return []
    if head.pos_ not in {"VERB", "AUX"} or head.i == node.i:
        return []
    if any(c.dep_ in _PASSIVE_SUBJ for c in head.children):
        return _prep_objects(head, {"by"})
    return _subjects(head)


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``tok``."""
    out = []
    for child in tok.children:
        # "granted asylum to X": the parser marks a recipient "to" as a dative.
        if (child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")) and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "agent" and "by" in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _arguments(analysis: Analysis, tok: Token) -> tuple[list[str], list[str]]:
    """Source and target entity ids of a trigger."""
    if tok.pos_ in {"VERB", "AUX"}:
        source = _entities(analysis, _prep_objects(tok, {"by"}))
        passive = [c for c in tok.children if c.dep_ in _PASSIVE_SUBJ]
        if passive and not source:
            # "was shot and killed by officers": coordinated passives share their agent.
            source = _entities(analysis, [o for c in tok.conjuncts for o in _prep_objects(c, {"by"})])
        if passive and not source and tok.lemma_.lower() in _cues()["stative_passives"]:
            source, passive = _entities(analysis, passive), []
        target = _entities(analysis, passive)
        if not source and not passive and any(c.dep_ == "auxpass" for c in tok.children):
            # "died after being beaten": whoever the bare passive inherits underwent it.
            target = _entities(analysis, _subjects(tok))
        elif not source and not passive:
            source = _entities(analysis, _subjects(tok))
        elif not source and tok.dep_ == "relcl":
            source = []
        target += [
            e for e in _entities(analysis, [c for c in tok.children if c.dep_ in _OBJ | {"dative"}]) if e not in target
        ]
        for particle in (c for c in tok.children if c.dep_ == "prt"):
            target += [
                e for e in _entities(analysis, [c for c in particle.children if c.dep_ in _OBJ]) if e not in target
            ]
        target += [e for e in _entities(analysis, _prep_objects(tok, _VERB_TARGET_PREPS)) if e not in target]
        if not target:
            target = _entities(analysis, _complement_targets(tok))
        if tok.lemma_.lower() in _cues()["readings"]["victim_subject_verbs"]:
            source, target = [], source + [t for t in target if t not in source]  # "a man died in custody"
        return source, [t for t in target if t not in source]
    source = _entities(analysis, [c for c in tok.children if c.dep_ in {"poss", "compound", "amod"}])
    source += [e for e in _entities(analysis, _prep_objects(tok, {"by"})) if e not in source]
    if not source:
        # "launched an offensive", "Israel reimposed blockades": whoever does the governing verb does the event.
        source = _entities(analysis, _governing_subjects(tok))
    target = [e for e in _entities(analysis, _prep_objects(tok, _TARGET_PREPS | _VERB_TARGET_PREPS)) if e not in source]
    if not target:
        # "gave a warm welcome to X", "will give Tanzania a grant": the governing verb names the other party.
        target = [e for e in _entities(analysis, _governing_objects(tok)) if e not in source]
    if not target:
        # "an attack by rebels on soldiers": the parser often hangs "on soldiers" from the agent.
        for agent in _prep_objects(tok, {"by"}):
            target += [e for e in _entities(analysis, _prep_objects(agent, {"on", "against"})) if e not in source]
    return source, target


# Prepositions by which an act names the country or town it bears on: the other party first ("sent arms to
# Pakistan", "talks with Syria"), the scene last ("lifted a curfew in Montenegro", "arrived in Amman").
_PARTY_PLACE_PREPS = (
    {"to", "with", "against", "on", "upon", "by", "toward", "towards", "of", "for", "among", "between"},
    {"in", "into", "at", "from"},
)
_NOUN_ONLY_PREPS = {"of", "for"}
_PARTY_DEPS = _OBJ | {"dative", "nsubjpass"}


def _party_anchors(heads: list[Token]) -> list[Token]:
    """The given words, the verbs completing them ("offered to hand over") and their objects ("lifted a curfew")."""
    verbs = list(heads)
    for verb in verbs:
        if len(verbs) < 8:
            verbs += [c for c in verb.children if c.dep_ in {"xcomp", "conj"} and c.pos_ in {"VERB", "AUX"}]
    nouns = [c for v in verbs for c in v.children if c.dep_ in _PARTY_DEPS and c.pos_ in {"NOUN", "PROPN"}]
    # "a suspension of air links with Serbia", "thousands of refugees": the noun inside an "of" phrase.
    nouns += [o for n in list(nouns) for o in _prep_objects(n, {"of"}) if o.pos_ in {"NOUN", "PROPN"}]
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
                        *((o, prep.lower_) for o in _prep_objects(obj, {"of", "in"})),
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
                out += [s for s in c.children if s.dep_ in _SUBJ and s.pos_ in {"NOUN", "PROPN"}]
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
    frame = [tok.head] if tok.pos_ == "NOUN" and tok.dep_ in _OBJ and tok.head.pos_ == "VERB" else []
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


def _fallback_source(analysis: Analysis, tok: Token, target: list[str]) -> list[str]:
    """Last resort for a source: the subject of a clause above the trigger ("US authorities said that removing the
    sanctions ..."), else, when the parser left the main verb without a subject ("With the signing of ..., the
    government and the rebels have agreed"), the actor named just before that verb."""
    doers = [
        c for c in _clause_verb(tok).children if c.dep_ in _SUBJ | _PASSIVE_SUBJ and c.i != tok.i and c.pos_ != "PRON"
    ]
    if doers and not _entities(analysis, doers):
        return []  # "a roadside bombing killed ...": the clause names its doer, who is no known actor
    for anc in tok.ancestors:
        found = [e for e in _entities(analysis, [c for c in anc.children if c.dep_ in _SUBJ]) if e not in target]
        if found:
            return found
    root = tok.sent.root
    if root.pos_ != "VERB" or any(c.dep_ in _SUBJ | _PASSIVE_SUBJ | {"expl"} for c in root.children):
        return []
    if not any(c.dep_ == "aux" for c in root.children) and root.tag_ not in {"VBD", "VBZ", "VBP"}:
        return []
    before = [t for t in tok.sent if t.i < root.i and t.pos_ in {"NOUN", "PROPN"}]
    for cand in reversed(before):
        found = [e for e in _entities(analysis, [cand]) if e not in target]
        if found:
            return found
    return []


# Sectors of a state (or of an international organisation) that commands forces.
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "IGO"}
# Sectors of unnamed local actors, coded (as CAMEO does) by the country they act in.
_LOCAL_SECTORS = {"CVL", "OPP", "REF", "LAB", "EDU", "REB", "CRM", "AGR", "BUS", "MED", "REL", "UAF"}


def _country_from_place(analysis: Analysis, ids: list[str], event_place: Place | None) -> None:
    """An uncoded actor takes the country of a place attached to it ("the government of Sindh province", "the Red
    Cross operating in Iraq"); an unnamed local group also that of the place its act is in ("people blocked streets
    in Hong Kong")."""
    kb = get_actor_kb()
    doc = analysis.doc
    for ent in (e for e in analysis.entities if e.id in ids and not e.country and doc is not None):
        span = doc.char_span(ent.mentions[0].start, ent.mentions[0].end, alignment_mode="expand")
        heads = [span.root, *(c for c in span.root.children if c.dep_ == "acl")] if span is not None else []
        found = None
        for obj in (o for h in heads for o in _prep_objects(h, {"of", "in", "from"})):
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


def _own_forces(analysis: Analysis, source: list[str], target: list[str]) -> bool:
    """True when the only targets are the source's own forces ("Syria will withdraw its troops from Lebanon"):
    they are what the source moves, not whom the act bears on."""
    ents = {e.id: e for e in analysis.entities}
    countries = {ents[i].country for i in source if ents[i].country and ents[i].sector in _STATE_SECTORS}
    return bool(countries) and all(ents[i].kind == "STATE_FORCE" and ents[i].country in countries for i in target)


def _place_party(analysis: Analysis, tok: Token, source: list[str]) -> list[str]:
    """Last resort for a target: the country, town or nationality the act is aimed at or happens in, as CAMEO
    codes it ("sent arms to Pakistan", "rejected an Indian proposal", "lifted a curfew in Montenegro")."""
    for cand, prep in _party_tokens(tok):
        ent = _entity_of(analysis, cand) or _place_entity(analysis, cand, prep)
        if ent is not None and ent.id not in source and ent.country and not _own_forces(analysis, source, [ent.id]):
            return [ent.id]
    return []


def _in_subtree(span_start: int, span_end: int, tok: Token) -> bool:
    """True when a character span lies within the subtree of ``tok``."""
    return tok.left_edge.idx <= span_start and span_end <= tok.right_edge.idx + len(tok.right_edge)


def _place(analysis: Analysis, tok: Token, sent: SpacySpan, taken: set[str]) -> tuple[Place | None, float]:
    """The place the event happened in: attached to the trigger, else in the sentence, else the article's."""
    anchors = [tok, _clause_verb(tok)]
    for anchor in anchors:
        for pobj in _prep_objects(anchor, _PLACE_PREPS):
            for t in pobj.subtree:
                place = analysis.place_at(t.idx, t.idx + len(t))
                if place is not None:
                    return place, 0.9
    in_sentence = [
        p for p in analysis.places if any(sent.start_char <= m.start and m.end <= sent.end_char for m in p.mentions)
    ]
    in_sentence = [p for p in in_sentence if p.id not in taken]
    if in_sentence:
        # The most specific place named in the sentence.
        return sorted(in_sentence, key=lambda p: _SPECIFICITY.get(p.level, 5))[0], 0.7
    main = _main_place(analysis)
    return main, 0.3


def _main_place(analysis: Analysis) -> Place | None:
    """The article's most mentioned resolved place (ties: the most specific, then the first)."""
    resolved = [p for p in analysis.places if p.geonameid is not None or p.lat is not None]
    if not resolved:
        return None
    return sorted(resolved, key=lambda p: (-len(p.mentions), _SPECIFICITY.get(p.level, 5)))[0]


def _time(analysis: Analysis, tok: Token, sent: SpacySpan) -> TimeExpr | None:
    """The date expression attached to the trigger, else the first one in its sentence."""
    in_sentence = [
        t
        for t in analysis.times
        if t.type in {"DATE", "TIME", "DURATION"} and t.start and sent.start_char <= t.mention.start < sent.end_char
    ]
    verb = _clause_verb(tok)
    for t in in_sentence:
        if _in_subtree(t.mention.start, t.mention.end, tok) or _in_subtree(t.mention.start, t.mention.end, verb):
            return t
    return in_sentence[0] if in_sentence else None


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return 99


def _quantities(analysis: Analysis, tok: Token, sent: SpacySpan, triggers: list[Token]) -> list[Quantity]:
    """Quantities in the sentence whose nearest trigger (in the parse) is this one."""
    out = []
    doc = sent.doc
    for q in analysis.quantities:
        if not (sent.start_char <= q.mention.start and q.mention.end <= sent.end_char):
            continue
        span = doc.char_span(q.mention.start, q.mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        pool = triggers
        victim = root.dep_ in {"nsubjpass", "dobj"}
        if q.role in _CASUALTY_ROLES and victim and get_actor_kb().agent(root.lemma_.lower()) is not None:
            # "Two protesters were killed": the victims' own noun is not the event that killed them.
            pool = [t for t in triggers if t.i != root.i] or triggers
        nearest = min(pool, key=lambda t: (_tree_distance(root, t), abs(t.i - root.i)))
        # Casualties reach a little further ("died as a result of torture"): victims rarely belong to a non-event.
        if nearest.i == tok.i and _tree_distance(root, tok) <= (6 if q.role in _CASUALTY_ROLES else 4):
            out.append(q)
    return out


# Place levels from the most to the least specific; unknown levels come last.
_SPECIFICITY = {"place": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}
_CLAUSE_BOUNDARY = {"relcl", "acl", "ccomp", "advcl", "ROOT", "parataxis", "csubj"}


def _clause_chain(tok: Token) -> tuple[list[Token], Token | None]:
    """The trigger and the heads above it inside its clause, and the word that governs the clause."""
    chain = [tok]
    while chain[-1].dep_ not in _CLAUSE_BOUNDARY and chain[-1].head.i != chain[-1].i and len(chain) < 8:
        chain.append(chain[-1].head)
    top = chain[-1]
    governor = top.head if top.dep_ in {"ccomp", "acl", "advcl"} and top.head.i != top.i else None
    return chain, governor


def _modality(tok: Token) -> tuple[str, list[str]]:
    """Modality of a trigger from negation, modal, future and evidential cues in its clause."""
    cues = _cues()
    chain, governor = _clause_chain(tok)
    marks = [c for t in chain for c in t.children if c.dep_ in {"aux", "auxpass", "neg", "advmod", "amod"}]
    words = {c.lower_ for c in marks}
    # Verbs that take the trigger as their complement: "failed to attack", "vowed to attack".
    # A verb coordinated with the trigger does not govern it ("foiled a plot and arrested suspects").
    controllers = [
        t.lemma_.lower()
        for below, t in zip(chain, chain[1:], strict=False)
        if t.pos_ in {"VERB", "AUX", "ADJ"} and below.dep_ != "conj"
    ]
    if tok.dep_ == "pobj" and tok.head.lower_ in cues["negating_preps"]:
        return "negated", [tok.head.text]  # "took the town without a fight"
    negation = words & _set_of(cues["negation_words"])
    if negation or any(v in cues["negating_verbs"] for v in controllers):
        return "negated", sorted(negation) or [v for v in controllers if v in cues["negating_verbs"]][:1]
    if governor is not None and governor.lemma_.lower() in cues["negating_verbs"]:
        return "negated", [governor.text]
    if words & _set_of(cues["future_words"]) or any(v in cues["future_verbs"] for v in controllers):
        return "future", sorted(words & _set_of(cues["future_words"])) or ["intent"]
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in chain[-1].children)
    if infinitive and governor is not None and governor.lemma_.lower() in cues["future_verbs"]:
        # "have sworn to fight", parsed as an adverbial clause: still the complement of a verb of intent.
        return "future", ["intent"]
    if "would" in words and governor is not None and governor.lemma_.lower() in cues["reporting_verbs"]:
        return "future", ["would"]
    alleged = words & _set_of(cues["alleged_words"])
    if alleged or any(v in cues["alleged_verbs"] for v in controllers):
        return "alleged", sorted(alleged) or ["alleged"]
    if governor is not None and (
        (governor.pos_ == "NOUN" and governor.lemma_.lower() in cues["alleged_nouns"])
        or governor.lemma_.lower() in cues["alleged_verbs"]
    ):
        return "alleged", [governor.text]
    possible = words & set(cues["possible_modals"] + cues["possible_words"])
    if possible or any(v in cues["possible_verbs"] for v in controllers):
        return "possible", sorted(possible) or [v for v in controllers if v in cues["possible_verbs"]][:1]
    if governor is not None and governor.lemma_.lower() in cues["possible_verbs"]:
        return "possible", [governor.text]
    return "asserted", []


def _attribution(analysis: Analysis, start: int, end: int) -> tuple[str | None, bool]:
    """The speaker entity of a quote whose content covers the span, and whether one covers it."""
    for quote in analysis.quotes:
        if quote.content.start <= start and end <= quote.content.end:
            return quote.speaker_entity, True
    return None, False


# The sentence word sets of the last doc: rules ask for them several times per event.
_LEMMA_SETS: dict = {"doc": None, "sets": {}}


def _lemmas(sent: SpacySpan) -> frozenset[str]:
    """Lower-case lemmas and words of a sentence, dates left out ("On 12 March" is no march)."""
    if _LEMMA_SETS["doc"] is not sent.doc:
        _LEMMA_SETS["doc"], _LEMMA_SETS["sets"] = sent.doc, {}
    key = (sent.start, sent.end)
    found = _LEMMA_SETS["sets"].get(key)
    if found is None:
        words = [t for t in sent if t.ent_type_ not in {"DATE", "TIME"}]
        found = _LEMMA_SETS["sets"][key] = frozenset({t.lemma_.lower() for t in words} | {t.lower_ for t in words})
    return found


def _acled(
    trigger: Trigger, analysis: Analysis, source: list[str], target: list[str], tok: Token
) -> tuple[str, dict, str]:
    """PLOVER type and ACLED category refined by who acts on whom, with what, and the rule that decided."""
    cues = _cues()["acled"]
    sectors = {e.id: e.sector for e in analysis.entities}
    ptype = trigger.type
    acled = {"event_type": trigger.acled_event_type, "sub_event_type": trigger.acled_sub_event_type}
    rule = "lexicon"
    lemmas = _lemmas(tok.sent)
    target_armed = any(sectors.get(t) in _ARMED for t in target)
    source_sectors = {sectors.get(s) for s in source}
    names = {e.id: e.name for e in analysis.entities}
    source_words = {w.lower() for s in source for w in names.get(s, "").split()}
    # "clashes between supporters of rival parties": the parties named after "between" take part too.
    # On the event noun, or on the verb it is the subject of ("clashes erupted between ...").
    holders = [tok, tok.head] if tok.dep_ in _SUBJ else [tok]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"):
        source_words |= {t.lower_ for t in prep.subtree}
    violent = ptype in {"ASSAULT", "FIGHT"}
    if ptype == "ASSAULT" and trigger.mode in {None, "firearms"} and target_armed and source:
        ptype, rule = "FIGHT", "armed-target"
        acled = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    if (
        ptype == "ASSAULT"
        and trigger.mode in {None, "firearms", "heavy-weapons", "aerial", "drone"}
        and (
            "MIL" in source_sectors
            or ("COP" in source_sectors and trigger.mode == "firearms")
            or (lemmas & _set_of(cues["hardware"]) and trigger.mode != "firearms")
        )
    ):
        # Conventional force used by state forces or with military hardware is CAMEO 19 (older PLOVER FIGHT).
        ptype, rule = "FIGHT", "state-force"
    if violent and lemmas & _set_of(cues["chemical"]):
        acled, rule = {"event_type": "Explosions/Remote violence", "sub_event_type": "Chemical weapon"}, "chemical"
    elif violent and lemmas & _set_of(cues["suicide"]) and trigger.mode in {"explosives", "suicide-attack", None}:
        acled, rule = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}, "suicide"
    elif violent and lemmas & _set_of(cues["drone"]):
        acled, rule = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}, "drone"
    elif violent and lemmas & _set_of(cues["aircraft"]) and trigger.mode in {None, "aerial", "explosives"}:
        acled, rule = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}, "aircraft"
    elif violent and "grenade" in lemmas:
        acled, rule = {"event_type": "Explosions/Remote violence", "sub_event_type": "Grenade"}, "grenade"
    elif (ptype == "ASSAULT" or (ptype == "FIGHT" and trigger.mode is None)) and (
        lemmas & _set_of(cues["mob"]) or source_words & _set_of(cues["mob_actors"])
    ):
        acled, rule = {"event_type": "Riots", "sub_event_type": "Mob violence"}, "mob"
    elif ptype == "FIGHT" and trigger.mode is None and source_words & _set_of(cues["rioters"]):
        # "Protesters clashed with police": a crowd fighting is a riot, not a battle between armed groups.
        ptype, acled, rule = "PROTEST", {"event_type": "Riots", "sub_event_type": "Violent demonstration"}, "rioters"
    elif trigger.mode == "destroy" and (
        source_words & _set_of(cues["rioters"]) or lemmas & _set_of(cues["protesters"])
    ):
        # Rioters or protesters burning and smashing: ACLED codes the riot, not bare property destruction.
        acled, rule = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}, "rioters"
    if trigger.mode == "territory" and acled.get("event_type") == "Battles":
        state = source_sectors & {"MIL", "COP", "GOV", "PRM"}
        non_state = source_sectors & {"REB", "UAF"}
        if state and not non_state:
            acled, rule = {"event_type": "Battles", "sub_event_type": "Government regains territory"}, "state-takes"
        elif non_state:
            acled, rule = (
                {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"},
                "non-state",
            )
    if trigger.mode == "ceasefire" and lemmas & _set_of(cues["unilateral"]):
        change = {"event_type": "Strategic developments", "sub_event_type": "Change to group/activity"}
        acled, rule = change, "unilateral"
    if ptype == "COERCE" and trigger.mode == "seize" and lemmas & _set_of(cues["weapons"]):
        acled, rule = {"event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use"}, "weapons"
    if ptype == "PROTEST" or (ptype in {"ASSAULT", "FIGHT", "COERCE"} and lemmas & _set_of(cues["protesters"])):
        protest = _protest_category(trigger, lemmas, cues)
        if protest is not None:
            if ptype != "PROTEST" and protest[1] in {"Protest with intervention", "Excessive force against protesters"}:
                acled, rule = {"event_type": protest[0], "sub_event_type": protest[1]}, protest[2]
            elif ptype == "PROTEST":
                acled, rule = {"event_type": protest[0], "sub_event_type": protest[1]}, protest[2]
    if not acled["event_type"]:
        return ptype, {}, rule
    return ptype, acled, rule


def _protest_category(trigger: Trigger, lemmas: set[str], cues: dict) -> tuple[str, str, str] | None:
    """ACLED protest/riot sub-type from what the sentence says happened to or by the crowd."""
    if lemmas & _set_of(cues["lethal_force"]):
        return "Protests", "Excessive force against protesters", "protest+lethal-force"
    if trigger.mode == "riot" or lemmas & _set_of(cues["crowd_violence"]):
        return "Riots", "Violent demonstration", "protest+violence"
    if lemmas & _set_of(cues["intervention"]):
        return "Protests", "Protest with intervention", "protest+intervention"
    if lemmas & _set_of(cues["shooting"]):
        return "Protests", "Excessive force against protesters", "protest+shooting"
    if trigger.type == "PROTEST":
        return "Protests", "Peaceful protest", "protest"
    return None


def _light_verb_with_event(tok: Token, entry: Trigger, found: list, consumed: set[int]) -> bool:
    """A light verb whose object is an event noun ("gave a welcome", "imposed sanctions"): the noun is the event.
    A verb of giving gives way only to a noun of another type ("granted amnesty", not "granted asylum")."""
    lemma = tok.lemma_.lower()
    cues = _cues()
    if tok.pos_ != "VERB" or (lemma not in cues["light_verbs"] and lemma not in cues["giving_verbs"]):
        return False
    # A noun a pattern took in ("held talks") is part of the verb's event, not one of its own.
    nouns = {t.i: e for t, e, _, _ in found if e is not None and t.pos_ in {"NOUN", "PROPN"} and t.i not in consumed}
    objects = [nouns[c.i] for c in tok.children if c.dep_ in _OBJ | _PASSIVE_SUBJ and c.i in nouns]
    if lemma in cues["light_verbs"]:
        return bool(objects)
    return any(o.type != entry.type for o in objects)


def _instrument(tok: Token, entry: Trigger, rule: str, found: list) -> tuple[Trigger, str]:
    """A violent verb without a manner takes it from the attack named with it ("killed in an air strike")."""
    if entry.type not in {"ASSAULT", "FIGHT"} or entry.mode is not None:
        return entry, rule
    entries = {t.i: e for t, e, _, _ in found if e is not None}
    heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    # "killed when their vehicle struck a landmine": the weapon may sit in a when-clause.
    for clause in (c for t in [tok, *tok.conjuncts] for c in t.children if c.dep_ == "advcl"):
        heads += [clause, *(c for c in clause.children if c.dep_ in {"nsubj", "dobj"})]
    preps = {"in", "with", "by", "during", "on"}
    for prep in (c for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in preps):
        heads += [c for c in prep.children if c.dep_ == "pobj"]
    for pobj in list(heads):
        # "attacked by militiamen armed with machetes": the weapon they carry.
        for acl in (c for c in pobj.children if c.dep_ == "acl" and c.lemma_.lower() == "arm"):
            heads += [o for p in acl.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for pobj in heads:
        inner = entries.get(pobj.i)
        for child in pobj.children:
            if inner is None or inner.mode is None:
                inner = entries.get(child.i) if child.dep_ == "compound" else inner
        if inner is not None and inner.type in {"ASSAULT", "FIGHT"} and inner.mode is not None:
            return inner, f"{rule}+instrument:{inner.lemma}"
    return entry, rule


def _threat_mode(tok: Token, entry: Trigger, rule: str, found: list) -> tuple[Trigger, str]:
    """A threat takes its mode from the act threatened ("threatened to shell towns" -> violence)."""
    if entry.type != "THREATEN" or entry.mode is not None:
        return entry, rule
    modes = _cues()["threat_modes"]
    entries = {t.i: e for t, e, _, _ in found if e is not None}
    for comp in (c for c in tok.children if c.dep_ in {"xcomp", "ccomp", "dobj", "prep"}):
        # The act itself, or the event noun it governs ("to institute a curfew", "of military action").
        for t in [comp, *comp.children]:
            inner = entries.get(t.i)
            if inner is None or t.i == tok.i:
                continue
            mode = modes.get(f"{inner.type}/{inner.mode}") or modes.get(inner.type)
            if mode is not None:
                return replace(entry, mode=mode), f"{rule}+threat:{inner.lemma}"
    return entry, rule


def _official_protest(analysis: Analysis, tok: Token, entry: Trigger, source: list[str]) -> bool:
    """A protest made by a government or country ("China protested the visit") is diplomatic disapproval."""
    if entry.lemma != "protest" or tok.pos_ != "VERB" or not source:
        return False
    kinds = {e.id: (e.kind, e.sector) for e in analysis.entities}
    return all(
        kinds.get(s, ("", ""))[0] in {"COUNTRY", "GOVERNMENT"} or kinds.get(s, ("", ""))[1] == "GOV" for s in source
    )


def _is_place(analysis: Analysis, tok: Token) -> bool:
    """True when the token names a resolved or unresolved place."""
    return analysis.place_at(tok.idx, tok.idx + len(tok)) is not None


def _refine(analysis: Analysis, tok: Token, entry: Trigger, rule: str) -> tuple[Trigger, str]:
    """Context decides between readings of an ambiguous trigger (strike, welcome, send, protest, arrive)."""
    lemma = tok.lemma_.lower()
    cues = _cues()["readings"]
    if entry.lemma == "strike" and entry.pos == "NOUN" and _lemmas(tok.sent) & _set_of(cues["labour_strike"]):
        return trigger_for("strike", "VERB") or entry, rule + "+labour"
    if lemma == "welcome" and any(
        c.dep_ in _OBJ and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") for c in tok.children
    ):
        return trigger_for("host", "VERB") or entry, rule + "+host"
    sending = entry.type == "AID" and lemma in cues["sending_verbs"]
    sent_what = [c for c in tok.children if c.dep_ in _OBJ | _PASSIVE_SUBJ]
    if sending and any(c.lemma_.lower() in cues["forces"] for c in sent_what):
        # Troops sent to a mission or force serve in it (peacekeeping); troops sent otherwise are deployed.
        if any(o.lemma_.lower() in cues["peacekeeping"] for o in _prep_objects(tok, {"to", "for"})):
            return trigger_for("peacekeeping", "NOUN") or entry, rule + "+peacekeepers"
        return trigger_for("deploy", "VERB") or entry, rule + "+forces"
    if lemma in cues["dispatch_verbs"] and any(c.lemma_.lower() in cues["investigators"] for c in sent_what):
        # "dispatched inspectors": sending people to look into something is an investigation.
        return trigger_for("inspect", "VERB") or entry, rule + "+investigators"
    if lemma == "protest" and tok.pos_ == "VERB" and any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children):
        # "X protested that ...", "..., a rights group protested": a protest in words is disapproval.
        return trigger_for("complain", "VERB") or entry, rule + "+verbal"
    if lemma == "welcome" and tok.pos_ == "NOUN":
        guests = _prep_objects(tok, {"to"}) + _governing_objects(tok)
        if any(g.ent_type_ == "PERSON" or g.pos_ == "PROPN" for g in guests):
            return trigger_for("host", "VERB") or entry, rule + "+host"
    if entry.lemma == "raid":
        lemmas = _lemmas(tok.sent)
        if lemmas & _set_of(cues["raid_arrests"]) and not lemmas & _set_of(cues["raid_violence"]):
            # ACLED codes a raid by what happens in it: arrests without violence.
            return trigger_for("arrest", "VERB") or entry, rule + "+arrests"
    if entry.mode == "visit" and tok.pos_ == "VERB":
        subjects = [t for s in _subjects(tok) for t in s.subtree]
        if any(t.lemma_.lower() in cues["forces"] for t in subjects):
            # "Peacekeeping troops arrived in Bosnia": forces arriving are deployed, peacekeepers provide protection.
            if any(t.lemma_.lower() in cues["peacekeeping"] for t in subjects):
                return trigger_for("peacekeeping", "NOUN") or entry, rule + "+peacekeepers"
            return trigger_for("deploy", "VERB") or entry, rule + "+forces"
    return _refine_by_object(analysis, tok, entry, rule)


def _refine_by_object(analysis: Analysis, tok: Token, entry: Trigger, rule: str) -> tuple[Trigger, str]:
    """What a verb is done to decides its reading ("killed the governor", "seized the town", "struck a convoy")."""
    cues = _cues()["readings"]
    lemma = tok.lemma_.lower()
    objects = [c for c in tok.children if c.dep_ in _OBJ]
    if not objects and not any(c.dep_ in _PASSIVE_SUBJ for c in tok.children):
        return entry, rule
    if entry.lemma == "kill" and entry.mode is None and any(c.lemma_.lower() in cues["officials"] for c in objects):
        # Killing a named office-holder is a targeted killing.
        return trigger_for("assassinate", "VERB") or entry, rule + "+official"
    if entry.mode == "withdraw" and any(t.lemma_.lower() in cues["presence"] for c in objects for t in c.subtree):
        # "will withdraw weapons inspectors": pulling out a presence that serves the other side cuts relations.
        return trigger_for("recall", "VERB") or entry, rule + "+presence"
    if lemma == "strike" and entry.type == "PROTEST" and tok.pos_ == "VERB":
        # "struck a convoy", "struck him with a baton": a labour strike takes no object.
        return trigger_for("attack", "VERB") or entry, rule + "+hit"
    taken = objects + [c for c in tok.children if c.dep_ in _PASSIVE_SUBJ]
    if lemma in {"capture", "seize"} and any(
        c.ent_type_ == "PERSON" or c.lemma_.lower() in cues["people_objects"] for c in taken
    ):
        # "Police captured the suspect", "rebels seized two soldiers": people taken, not ground.
        kb = get_actor_kb()
        agents = [kb.agent(t.lemma_.lower()) for s in _subjects(tok) for t in s.subtree]
        police = any(a is not None and a.sector in {"COP", "MIL", "GOV", "JUD"} for a in agents)
        return trigger_for("arrest" if police else "abduct", "VERB") or entry, rule + "+people"
    territory = _set_of(cues["territory_nouns"])
    if entry.lemma == "hand over" and any(c.lemma_.lower() in territory or _is_place(analysis, c) for c in objects):
        # "handed over the town to the rebels": ground given up without a fight.
        return trigger_for("cede", "VERB") or entry, rule + "+territory"
    weapons = _set_of(_cues()["acled"]["weapons"])
    if entry.mode == "destroy" and any(t.lemma_.lower() in weapons for c in objects for t in c.subtree):
        # "destroyed an explosive device": a weapon made harmless, not property destroyed.
        return trigger_for("defuse", "VERB") or entry, rule + "+weapon"
    if entry.mode == "seize" and any(c.lemma_.lower() in territory or _is_place(analysis, c) for c in objects):
        # "Rebels seized the town": taking ground, not goods.
        return trigger_for("capture", "VERB") or entry, rule + "+territory"
    return entry, rule


def _demand_by_speech(tok: Token) -> bool:
    """A speech verb whose reported clause says someone must or should act ("told X that Y must leave")."""
    cues = _cues()
    if tok.lemma_ not in cues["speech_verbs_for_demand"]:
        return False
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        if any(c.lower_ in cues["demand_modals"] for c in clause.children if c.dep_ == "aux"):
            return True
    return False


_PHRASE_WINDOW = 5


def _phrase_match(tok: Token, entry: Trigger, sent: SpacySpan) -> list[Token] | None:
    """The tokens of a multi-word pattern around ``tok`` (its head) within its sentence, in order, or None."""
    words = entry.words
    doc = tok.doc
    if entry.pos == "VERB":
        rest, pool = words[1:], doc[tok.i + 1 : min(tok.i + _PHRASE_WINDOW + 1, sent.end)]
    else:
        rest, pool = words[:-1], doc[max(tok.i - _PHRASE_WINDOW + 1, sent.start) : tok.i]
    out: list[Token] = []
    for t in pool:
        if len(out) < len(rest) and rest[len(out)] in {t.lemma_.lower(), t.lower_}:
            out.append(t)
    if len(out) < len(rest):
        return None
    if entry.pos == "VERB" and not all(tok.left_edge.i <= t.i <= tok.right_edge.i for t in out):
        return None
    # A preposition of the pattern hangs on the verb, its object or another word of the pattern
    # ("fired at the crowd", not "fired at least 20 workers").
    anchors = {tok.i, *(t.i for t in out), *(c.i for c in tok.children if c.dep_ in _OBJ)}
    if entry.pos == "VERB" and any(t.pos_ == "ADP" and t.head.i not in anchors for t in out):
        return None
    # "give in" is a particle: an "in" heading a noun phrase ("legitimacy in the eyes of") does not complete it.
    if entry.lemma in _cues()["readings"]["particle_only"] and any(c.dep_ == "pobj" for c in out[-1].children):
        return None
    return out


def _forms(tok: Token) -> tuple[str, ...]:
    """The lemma, then the word and its likely stems, for when the lemmatiser errs ("raped" -> "rap")."""
    return _word_forms(tok.lower_, tok.lemma_.lower())


@lru_cache(maxsize=20_000)
def _word_forms(word: str, lemma: str) -> tuple[str, ...]:
    """The forms of ``_forms`` for one word and lemma (memoised: words recur across articles)."""
    out = [lemma, word]
    if word.endswith("took"):
        out.append(word[:-4] + "take")  # "retook", "overtook": the lemmatiser keeps the irregular past
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(out))


def _event_noun(tok: Token) -> Trigger | None:
    """The lexicon entry of a noun that names an event, read through "efforts"-like heads ("mediation efforts")."""
    for t in [tok, *(c for c in tok.children if c.dep_ == "compound")]:
        entry = trigger_for(t.lemma_.lower(), "NOUN")
        if entry is not None:
            if entry.lemma == "strike" and _lemmas(tok.sent) & _set_of(_cues()["readings"]["labour_strike"]):
                return trigger_for("strike", "VERB") or entry
            return entry
    return None


@lru_cache(maxsize=1)
def _reversal_verbs() -> dict:
    """Reversal verbs (with particle) -> "stop" or "suppress", and under "heads" their first words."""
    cues = _cues()["reversal"]
    out: dict = {v: "stop" for v in cues["stop_verbs"]} | {v: "suppress" for v in cues["suppress_verbs"]}
    out["heads"] = {v.split()[0] for v in cues["stop_verbs"] + cues["suppress_verbs"]}
    return out


def _reversal(tok: Token) -> tuple[Trigger | None, str]:
    """A verb that stops or lifts the event its object names ("halted talks", "lifted the blockade") or stops
    someone else's ("banned the rally"): the act is typed from the object's type."""
    cues = _cues()["reversal"]
    tables = _reversal_verbs()
    lemma = tok.lemma_.lower()
    if lemma not in tables["heads"]:
        return None, ""
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    verb = f"{lemma} {particle}" if particle and f"{lemma} {particle}" in tables else lemma
    table = tables.get(verb)
    if table is None:
        return None, ""
    for obj in (c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}):
        inner = _event_noun(obj)
        if inner is None or inner.type not in cues[table]:
            continue
        as_verb = cues[table][inner.type]
        if inner.type == "PROTEST" and verb in cues["crowd_verbs"]:
            as_verb = "disperse"  # breaking up a gathering by force
        if table == "stop" and inner.lemma in cues["military_restrictions"]:
            as_verb = cues["stop"]["FIGHT"]
        entry = trigger_for(as_verb, "VERB")
        if entry is not None:
            return entry, f"{table}:{verb}+{inner.lemma}"
    return None, ""


def _agentive_subject(tok: Token) -> bool:
    """True when a verb's doer is a person, group or weapon ("gunmen struck", "a missile struck"), not a car."""
    doers = [c for c in tok.children if c.dep_ in _SUBJ] + _prep_objects(tok, {"by"})
    kb = get_actor_kb()
    acled = _cues()["acled"]
    arms = set(acled["drone"] + acled["aircraft"] + acled["hardware"] + acled["weapons"])
    for doer in doers:
        lemma = doer.lemma_.lower()
        weapon = trigger_for(lemma, "NOUN")
        if (
            doer.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
            or doer.lower_ in _PRONOUNS.keys() - {"it", "its"}
            or kb.agent(lemma) is not None
            or (weapon is not None and weapon.type in {"ASSAULT", "FIGHT"})
            or lemma in arms
        ):
            return True
    return False


def _modifier_only(tok: Token) -> bool:
    """A participle that only qualifies a noun: "alleged robbers", "a power-sharing deal"."""
    hyphenated = tok.i > 0 and tok.doc[tok.i - 1].text == "-"
    return hyphenated or tok.lower_ in _cues()["alleged_words"]


_TRIGGER_POS = frozenset({VERB, NOUN, PROPN})


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every word that can start a trigger reading: lexicon lemmas, pattern heads, demand and reversal verbs."""
    words = {lemma for lemma, _ in triggers()} | set(phrase_triggers())
    words |= _set_of(_cues()["speech_verbs_for_demand"]) | _reversal_verbs()["heads"]
    return frozenset(words)


@lru_cache(maxsize=50_000)
def _may_trigger(word: str, lemma: str) -> bool:
    """Whether a word (lower case) with this lemma can fire any reading of ``_trigger`` (memoised per form)."""
    words = _trigger_words()
    return (
        word in words
        or lemma in words
        or lemma.lower() in words
        or any(f in words for f in _word_forms(word, lemma.lower()))
    )


_MAY_TRIGGER: dict[tuple[int, int], bool] = {}


def _may_trigger_hashes(lower: int, lemma: int, strings: StringStore) -> bool:
    """``_may_trigger`` for a word and lemma given as string-store hashes (memoised by hash: they never change)."""
    key = (lower, lemma)
    found = _MAY_TRIGGER.get(key)
    if found is None:
        if len(_MAY_TRIGGER) > 100_000:
            _MAY_TRIGGER.clear()
        found = _MAY_TRIGGER[key] = _may_trigger(strings[lower], strings[lemma])
    return found


def _trigger(tok: Token, sent: SpacySpan) -> tuple[Trigger | None, str, list[Token]]:
    """The lexicon entry a token fires, the rule name, and the other tokens of a multi-word pattern."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in {"NOUN", "PROPN"} else None
    if pos is None or not _may_trigger(tok.lower_, tok.lemma_):
        return None, "", []
    lemma = tok.lemma_.lower()
    if pos == "VERB" and tok.dep_ in {"amod", "compound"} and _modifier_only(tok):
        return None, "", []
    if pos == "VERB" and _demand_by_speech(tok):
        demand = trigger_for("demand", "VERB")
        return demand, f"demand-by-speech:{lemma}", []
    if pos == "VERB":
        reversed_entry, rule = _reversal(tok)
        if reversed_entry is not None:
            return reversed_entry, rule, []
    for entry in phrase_triggers().get(lemma, []) + phrase_triggers().get(tok.lower_, []):
        if entry.pos not in {pos, "ANY"}:
            continue
        more = _phrase_match(tok, entry, sent)
        if more is not None:
            return entry, f"pattern:{entry.lemma}/{pos.lower()}", more
    entry = next((e for e in (trigger_for(form, pos) for form in _forms(tok)) if e is not None), None)
    if entry is None:
        return None, "", []
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in {"on", "for", "upon"} for c in tok.children):
        return None, "", []
    readings = _cues()["readings"]
    transitive = entry.lemma in readings["needs_object"] or entry.lemma in readings["intransitive_only"]
    if transitive or (entry.lemma == "strike" and pos == "VERB"):
        # "punched and kicked the teenager": coordinated verbs share their object.
        has_object = any(c.dep_ in _OBJ | {"ccomp"} for t in [tok, *tok.conjuncts] for c in t.children)
        if has_object == (entry.lemma in readings["intransitive_only"]) and entry.lemma != "strike":
            return None, "", []
        if entry.lemma == "strike" and has_object and not _agentive_subject(tok):
            return None, "", []  # "the car struck a tree", "tragedy struck": no one attacked
    return entry, f"trigger:{entry.lemma}/{pos.lower()}", []


def _demand_target(analysis: Analysis, tok: Token) -> list[str]:
    """Whom a demand is made of: the addressee of the speech verb, else the subject of the demanded clause."""
    addressee = [c for c in tok.children if c.dep_ in {"dative", "dobj", "iobj"}]
    if addressee:
        return _entities(analysis, addressee)
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        return _entities(analysis, [c for c in clause.children if c.dep_ in _SUBJ | _PASSIVE_SUBJ])
    return []


def _names_agent(tok: Token) -> bool:
    """True when a noun modifies an agent noun ("aid group", "rebel leaders"), so it is part of a name for people."""
    kb = get_actor_kb()
    head = tok.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "bomb disposal experts"
    return kb.agent(head.lemma_.lower()) is not None or kb.agent(f"{tok.lower_} {tok.head.lower_}") is not None


def _seized_thing(tok: Token, found: list) -> bool:
    """A weapon noun inside the object of a seizure or defusal ("seized two rocket launchers")."""
    entries = {t.i: e for t, e, _, _ in found if e is not None}
    node = tok
    for _ in range(4):
        if node.dep_ not in {"compound", "conj", "dobj", "pobj", "prep", "nsubjpass", "amod"} or node.head.i == node.i:
            return False
        node = node.head
        entry = entries.get(node.i)
        if entry is not None and node.pos_ == "VERB":
            return entry.mode == "seize"
    return False


def _participant_of_same_event(tok: Token, entry: Trigger, found: list) -> bool:
    """A noun trigger naming the participants of a verb trigger of the same type ("protesters marched")."""
    # Only nouns for people ("protesters", "rioters"); "an attack ... killed" keeps its nominal event.
    if tok.pos_ not in {"NOUN", "PROPN"} or get_actor_kb().agent(tok.lemma_.lower()) is None:
        return False
    for other, other_entry, _, _ in found:
        if other_entry is None or other.i == tok.i or other.pos_ != "VERB" or other_entry.type != entry.type:
            continue
        if any(a.i == other.i for a in tok.ancestors) and _clause_verb(tok).i == other.i:
            return True
    return False


@stage("events", requires=("doc", "entities", "places", "times", "quantities", "quotes"), assigns=("events",))
def events(analysis: Analysis) -> None:
    """Find event triggers and build evidence-linked events from their arguments."""
    published = analysis.published
    sentences = analysis.sentences()
    if not sentences:
        return
    doc = analysis.doc
    # Word classes and forms as numbers: most tokens are ruled out without building a Token object.
    rows = doc.to_array(["POS", "LOWER", "LEMMA"]).tolist()
    strings = doc.vocab.strings
    for sent in sentences:
        fired: list[Token] = []
        found = []
        for i in range(sent.start, sent.end):
            pos, lower, lemma = rows[i]
            if pos in _TRIGGER_POS and _may_trigger_hashes(lower, lemma, strings):
                tok = doc[i]
                entry, rule, more = _trigger(tok, sent)
                if entry is not None:
                    found.append((tok, entry, rule, more))
        consumed = {t.i for _, _, _, more in found for t in more}
        candidates = [tok for tok, _, _, _ in found]
        for tok, entry, rule, more in found:
            if tok.i in consumed:
                continue
            # A noun trigger that only restates its governing trigger ("launched an attack") adds nothing.
            # A verb that only modifies the noun ("its long-threatened invasion") does not count as governing it.
            if tok.pos_ == "NOUN" and any(tok.head.i == f.i or (f.head.i == tok.i and f.dep_ != "amod") for f in fired):
                continue
            # A reversal already reads the verb with its object ("called off a strike").
            if not rule.startswith(("stop:", "suppress:")) and _light_verb_with_event(tok, entry, found, consumed):
                continue
            if _participant_of_same_event(tok, entry, found):
                continue
            if tok.pos_ == "NOUN" and _seized_thing(tok, found):
                continue  # "seized rifles and rocket launchers": the weapons are what was taken
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in _cues()["readings"]["not_weapon_heads"]:
                continue  # "bomb disposal experts", "mine clearance"
            if tok.dep_ == "compound" and _names_agent(tok):
                continue  # "aid groups", "protest leaders": the noun says who the actor is, not what happened
            entry, rule = _instrument(tok, entry, rule, found)
            entry, rule = _refine(analysis, tok, entry, rule)
            entry, rule = _instrument(tok, entry, rule, found)  # a reading chosen by context may lack its manner
            entry, rule = _threat_mode(tok, entry, rule, found)
            fired.append(tok)
            source, target = _arguments(analysis, tok)
            if not target and more:
                # "fired at protesters", "opened fire on worshippers": the pattern's preposition names the target.
                pobjs = [c for t in more if t.pos_ == "ADP" for c in t.children if c.dep_ == "pobj"]
                target = [e for e in _entities(analysis, pobjs) if e not in source]
            if more:
                # "used excessive force": a word of the pattern is no party to it.
                words = [(t.idx, t.idx + len(t)) for t in more]
                target = [t for t in target if not _mentioned_in(analysis, t, words)]
            if _official_protest(analysis, tok, entry, source):
                entry, rule = trigger_for("complain", "VERB") or entry, rule + "+official"
            if rule.startswith("demand-by-speech") or (entry.type == "DEMAND" and not target):
                target = [t for t in _demand_target(analysis, tok) if t not in source]
            ptype, acled, acled_rule = _acled(entry, analysis, source, target, tok)
            if acled_rule == "suicide" and entry.mode in {None, "explosives"}:
                entry = replace(entry, mode="suicide-attack")
            elif (
                ptype == "PROTEST"
                and acled.get("sub_event_type") == "Violent demonstration"
                and entry.mode
                in {
                    "demo",
                    None,
                }
            ):
                entry = replace(entry, mode="riot")  # stones thrown or cars burned: the demonstration is a riot
            confidence = 0.4 + 0.15 * bool(source) + 0.15 * bool(target)
            if not source and tok.lemma_.lower() not in _cues()["readings"]["victim_subject_verbs"]:
                source = _fallback_source(analysis, tok, target)
            if not target or _own_forces(analysis, source, target):
                target = _place_party(analysis, tok, source) or target
            place, place_conf = _place(analysis, tok, sent, set())
            _country_from_place(analysis, source + target, place if place_conf >= 0.9 else None)
            when = _time(analysis, tok, sent)
            quantities = _quantities(analysis, tok, sent, candidates)
            modality, cues = _modality(tok)
            speaker, quoted = _attribution(analysis, tok.idx, tok.idx + len(tok))
            if quoted and modality == "asserted":
                modality = "reported"
            fatalities = [int(q.low if q.low is not None else q.value) for q in quantities if q.role == "killed"]
            if when is not None:
                date = {"from": when.start.isoformat(), "to": when.end.isoformat(), "precision": when.precision}
            elif published is not None:
                date = {"from": published.isoformat(), "to": published.isoformat(), "precision": "article"}
            else:
                date = None
            confidence += 0.2 * (place_conf >= 0.7)
            analysis.events.append(
                Event(
                    id=f"V{len(analysis.events) + 1}",
                    type=ptype,
                    mode=entry.mode,
                    acled=acled or None,
                    cameo=entry.cameo,
                    trigger=analysis.span(tok.idx, tok.idx + len(tok)),
                    sentence=analysis.span(sent.start_char, sent.start_char + len(sent.text.rstrip())),
                    source=source,
                    target=target,
                    place=place.id if place else None,
                    time=when.id if when else None,
                    fatalities=min(fatalities) if fatalities else None,
                    quantities=[q.id for q in quantities if q.role in _CASUALTY_ROLES | {"forces", "protesters"}],
                    modality=modality,
                    attributed_to=speaker,
                    confidence=round(min(confidence, 1.0), 2),
                    date=date,
                    because={
                        "rule": rule,
                        "lexicon": {"lemma": entry.lemma, "pos": entry.pos, "type": entry.type, "mode": entry.mode},
                        "acled_rule": acled_rule,
                        "cues": [tok.text, *cues],
                        "place_from": _place_reason(place_conf),
                    },
                )
            )


def _mentioned_in(analysis: Analysis, ent_id: str, spans: list[tuple[int, int]]) -> bool:
    """True when every mention of an entity ends on one of the given character spans (its head is that word)."""
    ent = next((e for e in analysis.entities if e.id == ent_id), None)
    if ent is None:
        return False
    return all(any(s < m.end <= e for s, e in spans) for m in ent.mentions)


def _place_reason(conf: float) -> str:
    """How the event place was chosen."""
    return "attached" if conf >= 0.9 else "sentence" if conf >= 0.7 else "article"
