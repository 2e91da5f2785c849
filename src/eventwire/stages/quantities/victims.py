"""Single victims named without a number ("a journalist was killed"): each a count of one."""

from __future__ import annotations

from spacy.symbols import VERB  # type: ignore[import-not-found]
from spacy.tokens import Token

from eventwire.analysis import Analysis, Quantity
from eventwire.knowledge.actors import get_actor_kb
from eventwire.stages.quantities.cues import cues, is_people, lower

_SINGULAR_ROLES = {"killed", "injured", "kidnapped", "arrested"}
_NOT_VICTIMS = {"PRON"}


def _is_person_noun(tok: Token) -> bool:
    """True when a singular noun names a person: a people noun, a person name, an agent noun or a title."""
    if is_people(tok) or tok.ent_type_ == "PERSON":
        return True
    kb = get_actor_kb()
    return kb.agent(tok.lemma_.lower()) is not None or kb.title(tok.lemma_.lower()) is not None


def _fatal_spec(tok: Token) -> list[str] | None:
    """A wounding verb made lethal by a word on it ("fatally shot", "shot dead", "stabbed to death")."""
    fatal = cues()["fatal_verbs"]
    if tok.lemma_.lower() not in fatal["verbs"]:
        return None
    words = set(fatal["words"])
    near = [c for c in tok.children if c.dep_ in {"advmod", "oprd", "acomp", "xcomp", "prt", "prep", "ccomp"}]
    near += [g for c in near if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # "shot a man dead": the word may hang on the victim.
    near += [g for c in tok.children if c.dep_ in {"dobj", "nsubjpass"} for g in c.children if g.dep_ == "amod"]
    return ["killed", "object"] if any(lower(t) in words for t in near) else None


def singular_victims(analysis: Analysis, found: list[Quantity]) -> list[Quantity]:
    """One person killed, injured, kidnapped or arrested without a number ("a journalist was killed"): a count of 1.

    ACLED counts a named or singular victim as one; the evidence is the noun phrase that names the victim.
    """
    doc = analysis.doc
    if doc is None:
        return []
    taken = [(q.mention.start, q.mention.end) for q in found]
    verbs = cues()["verbs"]
    out = []
    # Only verbs can say it; their positions come from the word-class column, without a Token per word.
    for i, pos in enumerate(doc.to_array("POS").tolist()):
        if pos != VERB:
            continue
        tok = doc[i]
        spec = verbs.get(tok.lemma_.lower()) or _fatal_spec(tok)
        if not spec or spec[0] not in _SINGULAR_ROLES:
            continue
        role, argument = spec[0], spec[1]
        deps = {"nsubj"} if argument == "subject" else {"dobj", "nsubjpass"}
        for arg in (c for c in tok.children if c.dep_ in deps):
            if arg.pos_ in _NOT_VICTIMS or arg.tag_ not in {"NN", "NNP"} or not _is_person_noun(arg):
                continue
            if any(c.dep_ in {"nummod", "conj"} for c in arg.children) or arg.lower_ in {"people", "police"}:
                continue
            start, end = arg.left_edge.idx, arg.idx + len(arg)
            if analysis.is_excluded(start, end) or any(s < end and start < e for s, e in taken):
                continue
            out.append(
                Quantity(id="", mention=analysis.span(start, end), value=1.0, counts=arg.lemma_.lower(), role=role)
            )
    return out
