"""Reading a token as an event trigger: lexicon entries, multi-word patterns, word forms, demands made in speech and
reversal verbs ("halted talks"), with a cheap pre-check of which words can fire at all; the triggers a sentence
fires.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from spacy.strings import StringStore
from spacy.symbols import NOUN, PROPN, VERB  # type: ignore[import-not-found]  # compiled, without type stubs
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.knowledge.actors import get_actor_kb
from eventwire.knowledge.lexicon import Trigger, phrase_triggers, trigger_for, triggers
from eventwire.stages.events.cues import OBJ, PRONOUNS, SUBJ, cue_lists, sentence_lemmas, set_of
from eventwire.stages.events.syntax import prep_objects
from eventwire.stages.events.tuning import PHRASE_WINDOW, STEM_LONGER_THAN


class Found(NamedTuple):
    """A token that fires a trigger: its lexicon entry, the rule that fired, the other words of its pattern."""

    tok: Token
    entry: Trigger
    rule: str
    more: list[Token]


def _demand_by_speech(tok: Token) -> bool:
    """A speech verb whose reported clause says someone must or should act ("told X that Y must leave")."""
    cues = cue_lists()
    if tok.lemma_ not in cues["speech_verbs_for_demand"]:
        return False
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        if any(c.lower_ in cues["demand_modals"] for c in clause.children if c.dep_ == "aux"):
            return True
    return False


def _phrase_match(tok: Token, entry: Trigger, sent: SpacySpan) -> list[Token] | None:
    """The tokens of a multi-word pattern around ``tok`` (its head) within its sentence, in order, or None."""
    words = entry.words
    doc = tok.doc
    if entry.pos == "VERB":
        rest, pool = words[1:], doc[tok.i + 1 : min(tok.i + PHRASE_WINDOW + 1, sent.end)]
    else:
        rest, pool = words[:-1], doc[max(tok.i - PHRASE_WINDOW + 1, sent.start) : tok.i]
    out: list[Token] = []
    for t in pool:
        if len(out) == len(rest):
            break  # the pattern is complete: the words after it change nothing
        want = rest[len(out)]
        if t.lower_ == want or t.lemma_.lower() == want:
            out.append(t)
    if len(out) < len(rest):
        return None
    if entry.pos == "VERB" and not all(tok.left_edge.i <= t.i <= tok.right_edge.i for t in out):
        return None
    # A preposition of the pattern hangs on the verb, its object or another word of the pattern
    # ("fired at the crowd", not "fired at least 20 workers").
    anchors = {tok.i, *(t.i for t in out), *(c.i for c in tok.children if c.dep_ in OBJ)}
    if entry.pos == "VERB" and any(t.pos_ == "ADP" and t.head.i not in anchors for t in out):
        return None
    # "give in" is a particle: an "in" heading a noun phrase ("legitimacy in the eyes of") does not complete it.
    if entry.lemma in cue_lists()["readings"]["particle_only"] and any(c.dep_ == "pobj" for c in out[-1].children):
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
        if word.endswith(suffix) and len(word) > len(suffix) + STEM_LONGER_THAN:
            out.append(word[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(out))


def _event_noun(tok: Token) -> Trigger | None:
    """The lexicon entry of a noun that names an event, read through "efforts"-like heads ("mediation efforts")."""
    for t in [tok, *(c for c in tok.children if c.dep_ == "compound")]:
        entry = trigger_for(t.lemma_.lower(), "NOUN")
        if entry is not None:
            if entry.lemma == "strike" and sentence_lemmas(tok.sent) & set_of(cue_lists()["readings"]["labour_strike"]):
                return trigger_for("strike", "VERB") or entry
            return entry
    return None


@lru_cache(maxsize=1)
def _reversal_verbs() -> dict:
    """Reversal verbs (with particle) -> "stop" or "suppress", and under "heads" their first words."""
    cues = cue_lists()["reversal"]
    out: dict = {v: "stop" for v in cues["stop_verbs"]} | {v: "suppress" for v in cues["suppress_verbs"]}
    out["heads"] = {v.split()[0] for v in cues["stop_verbs"] + cues["suppress_verbs"]}
    return out


def _reversal(tok: Token) -> tuple[Trigger | None, str]:
    """A verb that stops or lifts the event its object names ("halted talks", "lifted the blockade") or stops
    someone else's ("banned the rally"): the act is typed from the object's type."""
    cues = cue_lists()["reversal"]
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
    doers = [c for c in tok.children if c.dep_ in SUBJ] + prep_objects(tok, {"by"})
    kb = get_actor_kb()
    acled = cue_lists()["acled"]
    arms = set(acled["drone"] + acled["aircraft"] + acled["hardware"] + acled["weapons"])
    for doer in doers:
        lemma = doer.lemma_.lower()
        weapon = trigger_for(lemma, "NOUN")
        if (
            doer.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
            or doer.lower_ in PRONOUNS.keys() - {"it", "its"}
            or kb.agent(lemma) is not None
            or (weapon is not None and weapon.type in {"ASSAULT", "FIGHT"})
            or lemma in arms
        ):
            return True
    return False


def _modifier_only(tok: Token) -> bool:
    """A participle that only qualifies a noun: "alleged robbers", "a power-sharing deal"."""
    hyphenated = tok.i > 0 and tok.doc[tok.i - 1].text == "-"
    return hyphenated or tok.lower_ in cue_lists()["alleged_words"]


_TRIGGER_POS = frozenset({VERB, NOUN, PROPN})


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every word that can start a trigger reading: lexicon lemmas, pattern heads, demand and reversal verbs."""
    words = {lemma for lemma, _ in triggers()} | set(phrase_triggers())
    words |= set_of(cue_lists()["speech_verbs_for_demand"]) | _reversal_verbs()["heads"]
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
    for phrase in phrase_triggers().get(lemma, []) + phrase_triggers().get(tok.lower_, []):
        if phrase.pos not in {pos, "ANY"}:
            continue
        more = _phrase_match(tok, phrase, sent)
        if more is not None:
            return phrase, f"pattern:{phrase.lemma}/{pos.lower()}", more
    entry = next((e for e in (trigger_for(form, pos) for form in _forms(tok)) if e is not None), None)
    if entry is None:
        return None, "", []
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in {"on", "for", "upon"} for c in tok.children):
        return None, "", []
    readings = cue_lists()["readings"]
    transitive = entry.lemma in readings["needs_object"] or entry.lemma in readings["intransitive_only"]
    if transitive or (entry.lemma == "strike" and pos == "VERB"):
        # "punched and kicked the teenager": coordinated verbs share their object.
        has_object = any(c.dep_ in OBJ | {"ccomp"} for t in [tok, *tok.conjuncts] for c in t.children)
        if has_object == (entry.lemma in readings["intransitive_only"]) and entry.lemma != "strike":
            return None, "", []
        if entry.lemma == "strike" and has_object and not _agentive_subject(tok):
            return None, "", []  # "the car struck a tree", "tragedy struck": no one attacked
    return entry, f"trigger:{entry.lemma}/{pos.lower()}", []


_TRIGGER_POS_IDS = sorted(_TRIGGER_POS)


def possible_triggers(doc: Doc) -> list[int]:
    """Indices of the verbs and nouns whose word or lemma can fire a trigger, in text order.

    Read from the word-class and form columns, so most tokens never become Python objects.
    """
    cols = doc.to_array(["POS", "LOWER", "LEMMA"])
    pos = cols[:, 0]
    # Three comparisons cost less than np.isin on a few hundred tokens.
    idx = np.flatnonzero(np.logical_or.reduce([pos == p for p in _TRIGGER_POS_IDS]))
    strings = doc.vocab.strings
    rows = zip(idx.tolist(), cols[idx, 1].tolist(), cols[idx, 2].tolist(), strict=True)
    return [i for i, lower, lemma in rows if _may_trigger_hashes(lower, lemma, strings)]


def sentence_triggers(doc: Doc, sent: SpacySpan, possible: list[int]) -> list[Found]:
    """The triggers the words of a sentence fire, in text order; ``possible`` from :func:`possible_triggers`."""
    found = []
    for i in possible[bisect_left(possible, sent.start) : bisect_left(possible, sent.end)]:
        tok = doc[i]
        entry, rule, more = _trigger(tok, sent)
        if entry is not None:
            found.append(Found(tok, entry, rule, more))
    return found
