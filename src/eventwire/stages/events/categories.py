"""PLOVER type and ACLED category of an event refined by who acts on whom, with what (state forces, drones,
mobs, protesters), and the ACLED protest and riot sub-types.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.analysis import Analysis
from eventwire.knowledge.lexicon import Trigger
from eventwire.stages.events.cues import _SUBJ, _cues, _lemmas, _set_of

_ARMED = {"MIL", "REB", "PRM", "COP", "UAF", "SPY"}


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
