"""PLOVER type and ACLED category of an event refined by who acts on whom, with what (state forces, drones,
mobs, protesters), the ACLED protest and riot sub-types, and the mode a category implies.

The refinements run in a fixed order, each seeing what the one before decided: force (who uses it on whom), means
(chemicals, bombs, aircraft, mobs, rioters), strategy (territory, ceasefires, weapons seized), crowd (protests).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.knowledge.lexicon import Trigger
from eventwire.stages.events.cues import SUBJ, cue_lists, sentence_lemmas, set_of

_ARMED = {"MIL", "REB", "PRM", "COP", "UAF", "SPY"}

# An ACLED category: event_type and sub_event_type (both None when the lexicon gives none).
Acled = dict[str, str | None]


@dataclass(frozen=True)
class _Scene:
    """What an event's sentence and parties say: the words used, who acts and whether the target bears arms."""

    trigger: Trigger
    cues: dict[str, Any]  # the "acled" cue lists
    lemmas: frozenset[str]
    source: list[str]
    source_sectors: set[str | None]
    source_words: set[str]
    target_armed: bool


def acled_category(
    trigger: Trigger, analysis: Analysis, source: list[str], target: list[str], tok: Token
) -> tuple[str, dict[str, Any], str]:
    """PLOVER type and ACLED category refined by who acts on whom, with what, and the rule that decided."""
    scene = _scene(trigger, analysis, source, target, tok)
    acled: Acled = {"event_type": trigger.acled_event_type, "sub_event_type": trigger.acled_sub_event_type}
    ptype, acled, rule = _by_force(scene, trigger.type, acled, "lexicon")
    ptype, acled, rule = _by_means(scene, ptype, acled, rule)
    acled, rule = _by_strategy(scene, ptype, acled, rule)
    acled, rule = _by_crowd(scene, ptype, acled, rule)
    if not acled["event_type"]:
        return ptype, {}, rule
    return ptype, acled, rule


def mode_by_category(entry: Trigger, ptype: str, acled: dict[str, Any], acled_rule: str) -> Trigger:
    """The entry with the mode its category implies: a suicide bombing, or a riot for a violent demonstration."""
    if acled_rule == "suicide" and entry.mode in {None, "explosives"}:
        return replace(entry, mode="suicide-attack")
    if ptype == "PROTEST" and acled.get("sub_event_type") == "Violent demonstration" and entry.mode in {"demo", None}:
        return replace(entry, mode="riot")  # stones thrown or cars burned: the demonstration is a riot
    return entry


def _scene(trigger: Trigger, analysis: Analysis, source: list[str], target: list[str], tok: Token) -> _Scene:
    """The words of the trigger's sentence and what its parties are."""
    sectors = {e.id: e.sector for e in analysis.entities}
    names = {e.id: e.name for e in analysis.entities}
    source_words = {w.lower() for s in source for w in names.get(s, "").split()}
    # "clashes between supporters of rival parties": the parties named after "between" take part too.
    # On the event noun, or on the verb it is the subject of ("clashes erupted between ...").
    holders = [tok, tok.head] if tok.dep_ in SUBJ else [tok]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"):
        source_words |= {t.lower_ for t in prep.subtree}
    return _Scene(
        trigger=trigger,
        cues=cue_lists()["acled"],
        lemmas=sentence_lemmas(tok.sent),
        source=source,
        source_sectors={sectors.get(s) for s in source},
        source_words=source_words,
        target_armed=any(sectors.get(t) in _ARMED for t in target),
    )


def _by_force(scene: _Scene, ptype: str, acled: Acled, rule: str) -> tuple[str, Acled, str]:
    """An attack on armed men is a battle; conventional force by state forces or with military hardware a fight."""
    trigger, sectors = scene.trigger, scene.source_sectors
    if ptype == "ASSAULT" and trigger.mode in {None, "firearms"} and scene.target_armed and scene.source:
        ptype, rule = "FIGHT", "armed-target"
        acled = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    if (
        ptype == "ASSAULT"
        and trigger.mode in {None, "firearms", "heavy-weapons", "aerial", "drone"}
        and (
            "MIL" in sectors
            or ("COP" in sectors and trigger.mode == "firearms")
            or (scene.lemmas & set_of(scene.cues["hardware"]) and trigger.mode != "firearms")
        )
    ):
        # Conventional force used by state forces or with military hardware is CAMEO 19 (older PLOVER FIGHT).
        ptype, rule = "FIGHT", "state-force"
    return ptype, acled, rule


def _by_means(scene: _Scene, ptype: str, acled: Acled, rule: str) -> tuple[str, Acled, str]:
    """The ACLED category the means say: chemicals, a suicide bomb, drones, aircraft, a grenade, a mob, rioters."""
    trigger, lemmas, cues, words = scene.trigger, scene.lemmas, scene.cues, scene.source_words
    violent = trigger.type in {"ASSAULT", "FIGHT"}
    if violent and lemmas & set_of(cues["chemical"]):
        return ptype, {"event_type": "Explosions/Remote violence", "sub_event_type": "Chemical weapon"}, "chemical"
    if violent and lemmas & set_of(cues["suicide"]) and trigger.mode in {"explosives", "suicide-attack", None}:
        return ptype, {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}, "suicide"
    if violent and lemmas & set_of(cues["drone"]):
        return ptype, {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}, "drone"
    if violent and lemmas & set_of(cues["aircraft"]) and trigger.mode in {None, "aerial", "explosives"}:
        return ptype, {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}, "aircraft"
    if violent and "grenade" in lemmas:
        return ptype, {"event_type": "Explosions/Remote violence", "sub_event_type": "Grenade"}, "grenade"
    if (ptype == "ASSAULT" or (ptype == "FIGHT" and trigger.mode is None)) and (
        lemmas & set_of(cues["mob"]) or words & set_of(cues["mob_actors"])
    ):
        return ptype, {"event_type": "Riots", "sub_event_type": "Mob violence"}, "mob"
    if ptype == "FIGHT" and trigger.mode is None and words & set_of(cues["rioters"]):
        # "Protesters clashed with police": a crowd fighting is a riot, not a battle between armed groups.
        return "PROTEST", {"event_type": "Riots", "sub_event_type": "Violent demonstration"}, "rioters"
    if trigger.mode == "destroy" and (words & set_of(cues["rioters"]) or lemmas & set_of(cues["protesters"])):
        # Rioters or protesters burning and smashing: ACLED codes the riot, not bare property destruction.
        return ptype, {"event_type": "Riots", "sub_event_type": "Violent demonstration"}, "rioters"
    return ptype, acled, rule


def _by_strategy(scene: _Scene, ptype: str, acled: Acled, rule: str) -> tuple[Acled, str]:
    """Strategic readings: who takes territory, a unilateral ceasefire, weapons seized."""
    trigger, lemmas, cues = scene.trigger, scene.lemmas, scene.cues
    if trigger.mode == "territory" and acled.get("event_type") == "Battles":
        state = scene.source_sectors & {"MIL", "COP", "GOV", "PRM"}
        non_state = scene.source_sectors & {"REB", "UAF"}
        if state and not non_state:
            acled, rule = {"event_type": "Battles", "sub_event_type": "Government regains territory"}, "state-takes"
        elif non_state:
            acled, rule = (
                {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"},
                "non-state",
            )
    if trigger.mode == "ceasefire" and lemmas & set_of(cues["unilateral"]):
        change: Acled = {"event_type": "Strategic developments", "sub_event_type": "Change to group/activity"}
        acled, rule = change, "unilateral"
    if ptype == "COERCE" and trigger.mode == "seize" and lemmas & set_of(cues["weapons"]):
        acled, rule = {"event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use"}, "weapons"
    return acled, rule


def _by_crowd(scene: _Scene, ptype: str, acled: Acled, rule: str) -> tuple[Acled, str]:
    """The protest or riot sub-type of a protest, or of force used where protesters are."""
    lemmas, cues = scene.lemmas, scene.cues
    if ptype == "PROTEST" or (ptype in {"ASSAULT", "FIGHT", "COERCE"} and lemmas & set_of(cues["protesters"])):
        protest = _protest_category(scene.trigger, lemmas, cues)
        if protest is not None:
            if ptype != "PROTEST" and protest[1] in {"Protest with intervention", "Excessive force against protesters"}:
                acled, rule = {"event_type": protest[0], "sub_event_type": protest[1]}, protest[2]
            elif ptype == "PROTEST":
                acled, rule = {"event_type": protest[0], "sub_event_type": protest[1]}, protest[2]
    return acled, rule


def _protest_category(trigger: Trigger, lemmas: frozenset[str], cues: dict[str, Any]) -> tuple[str, str, str] | None:
    """ACLED protest/riot sub-type from what the sentence says happened to or by the crowd."""
    if lemmas & set_of(cues["lethal_force"]):
        return "Protests", "Excessive force against protesters", "protest+lethal-force"
    if trigger.mode == "riot" or lemmas & set_of(cues["crowd_violence"]):
        return "Riots", "Violent demonstration", "protest+violence"
    if lemmas & set_of(cues["intervention"]):
        return "Protests", "Protest with intervention", "protest+intervention"
    if lemmas & set_of(cues["shooting"]):
        return "Protests", "Excessive force against protesters", "protest+shooting"
    if trigger.type == "PROTEST":
        return "Protests", "Peaceful protest", "protest"
    return None
