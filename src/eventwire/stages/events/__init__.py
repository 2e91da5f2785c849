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

The package's data flows one way: a module imports only modules to its left (``tuning``, the table of tuned
numbers, is read by several)::

    tuning, cues ─► syntax ─┬─► triggers ─► readings ─────┐
                            ├─► parties ─► place_parties ─┤
                            └─► setting ──────────────────┼─► assembly ─► __init__ (the stage)
                  cues ─► modality ───────────────────────┤
                  cues ─► categories ─────────────────────┘

In one order: tuning, cues, syntax, triggers, readings, parties, place_parties, setting, modality, categories,
assembly, __init__ (``tests/test_events_package.py`` holds the modules to it). ``cues`` holds the shared cue lists
and word sets, ``syntax`` the parse walks; ``triggers`` says which words fire and how, ``readings`` which found
triggers give way and which reading the context picks; ``parties`` and ``place_parties`` find source and target;
``setting`` the place, time and counts, ``modality`` the modality and attribution, ``categories`` the PLOVER type
and ACLED category; ``assembly`` builds one event from one fired trigger. This module walks the sentences and
appends their events.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.stages import stage
from eventwire.stages.events.assembly import build_event
from eventwire.stages.events.readings import gives_way, read_in_context
from eventwire.stages.events.triggers import possible_triggers, sentence_triggers


# Events also write to entities: a place that acts ("Kenya said") becomes a party, and parties get their codes.
@stage(
    "events",
    requires=("doc", "excluded", "entities", "places", "times", "quantities", "quotes"),
    assigns=("events", "entities"),
)
def events(analysis: Analysis) -> None:
    """Find event triggers and build evidence-linked events from their arguments."""
    sentences = analysis.sentences()
    if not sentences:
        return
    doc = analysis.doc
    assert doc is not None  # there are sentences only when there is a doc
    possible = possible_triggers(doc)
    for sent in sentences:
        found = sentence_triggers(doc, sent, possible)
        consumed = {t.i for _, _, _, more in found for t in more}
        candidates = [tok for tok, _, _, _ in found]
        fired: list[Token] = []
        for tok, entry, rule, more in found:
            if gives_way(tok, entry, rule, found, consumed, fired):
                continue
            entry, rule = read_in_context(analysis, tok, entry, rule, found)
            fired.append(tok)
            analysis.events.append(build_event(analysis, sent, tok, entry, rule, more, candidates))
