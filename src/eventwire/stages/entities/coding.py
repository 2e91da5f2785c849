"""Entities left without a country take one from their sentences or from the actor that owns them."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.analysis import Entity
from eventwire.knowledge.actors import ActorKB
from eventwire.stages.entities.mentions import STATE_SECTORS, kb_name

_LOCAL_SECTORS = {"CVL", "OPP", "REF", "LAB", "EDU", "REB", "CRM", "AGR", "BUS", "MED", "REL"}


def _within(ents: Sequence[SpacySpan], start: int, end: int) -> list[SpacySpan]:
    """``Span.ents`` of the tokens ``[start, end)`` from the doc's entities read once (it rebuilds them per call)."""
    out = []
    for ent in ents:
        if ent.start >= start:
            if ent.end > end:
                break
            out.append(ent)
    return out


def _sentence_countries(sent: SpacySpan, kb: ActorKB, ents: Sequence[SpacySpan] | None = None) -> set[str]:
    """Countries a sentence names: country names, demonyms and capitals (``ents``: the doc's, if read already)."""
    out = set()
    for ent in sent.ents if ents is None else _within(ents, sent.start, sent.end):
        text = kb_name(ent.text)
        if ent.label_ in {"GPE", "NORP", "LOC"}:
            iso3 = kb.country_by_name(text) or kb.country_of_demonym(text) or kb.capital_of(text)
            if iso3 is None and ent.label_ == "NORP":
                iso3 = kb.country_of_demonym(ent[0].text)
            if iso3:
                out.add(iso3)
    return out


def country_nearby(doc: Doc, kb: ActorKB, entities: list[Entity]) -> None:
    """A state office holder named without a country ("President X") takes the one country its sentences name."""
    by_sentence: dict[int, set[str]] = {}
    doc_ents = None
    for ent in entities:
        if ent.country:
            continue
        office_holder = ent.kind == "PERSON" and ent.sector in STATE_SECTORS | {"ELI"} and bool(ent.roles)
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
            assert ent.sector is not None  # both office holders and local groups were picked by their sector
            ent.country = countries.pop()
            ent.code = ent.country + ent.sector
            ent.because.setdefault("rules", []).append("country-nearby")


def possessor_country(doc: Doc, entities: list[Entity]) -> None:
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
                country = max(before, key=lambda x: x[0])[1].country
                assert country is not None  # only actors with a country are in ``before``
                ent.country = country
                ent.code = country + (ent.sector or "")
                ent.because.setdefault("rules", []).append("possessor-country")
                break
