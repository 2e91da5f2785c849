"""Quantities: numbers with what they count and the role they play (killed, injured, forces, money, ...).

A number phrase is read from the tokens (digits, number words, scale words, vague words such as
"hundreds"), widened by the modifiers in front of it ("at least", "an estimated", "between ... and"),
and then placed in its clause through the dependency parse: the verb that governs it ("killed 49
people", "49 people were killed"), a predicate word ("49 dead"), the counted noun ("10,000 troops")
or a tally ("the death toll rose to 30"). Dates, years, ages and durations belong to the times stage
and are skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import LOWER, SHAPE
from spacy.strings import hash_string
from spacy.symbols import VERB
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.analysis import Analysis, Quantity
from eventwire.stages import stage

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{0,3})$", re.IGNORECASE)
_PERSON_ENTS = {"NORP", "PERSON"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "oprd", "attr", "dative"}


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The quantity vocabulary from ``data/quantity_cues.json``."""
    text = resources.files("eventwire.data").joinpath("quantity_cues.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass
class _Phrase:
    """A number phrase over tokens ``[start, end)`` of the doc."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    weak: bool = False
    digits: bool = False


def _lower(tok: Token) -> str:
    return tok.text.lower()


def _word_value(word: str) -> float | None:
    """Value of one number word or hyphenated compound ("twenty-three"), else None."""
    c = cues()
    word = word.lower()
    if word in c["units"]:
        return float(c["units"][word])
    if "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and all(p in c["units"] for p in parts):
            return float(c["units"][parts[0]] + c["units"][parts[1]])
    return None


def _digit_value(text: str) -> float | None:
    """Value of a digit token such as ``30,000``, ``1.5`` or ``3bn``; None if it is not one."""
    m = _DIGITS.match(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    suffix = m.group(3).lower()
    if suffix:
        scale = cues()["scale_suffixes"].get(suffix)
        if scale is None:
            return None
        value *= scale
    return value


def _joins(current: float | None, word: float) -> bool:
    """True when number word ``word`` continues ``current`` ("twenty" + "three", "hundred" + "five")."""
    if current is None or current == 0:
        return True
    rest = current % 100
    return (rest == 0 and word < 100) or (rest >= 20 and rest % 10 == 0 and word < 10)


def _is_scale(tok: Token) -> int | None:
    """Scale of ``hundred``/``million``/``bn``-like tokens, else None."""
    c = cues()
    low = _lower(tok)
    if low in c["scales"]:
        return c["scales"][low]
    return None


def _read_phrase(doc: Any, i: int, end: int) -> _Phrase | None:
    """Read the number phrase starting at token ``i`` (not beyond ``end``), if one starts there."""
    c = cues()
    tok = doc[i]
    low = _lower(tok)
    vague = c["vague"]
    # Multi-word vague quantities ("a few", "a handful") and "a dozen"/"a hundred".
    if low in ("a", "an") and i + 1 < end:
        nxt = _lower(doc[i + 1])
        if f"a {nxt}" in vague:
            lo, hi = vague[f"a {nxt}"]
            j = i + 2
            scale = _is_scale(doc[j]) if j < end else None
            if scale:
                return _Phrase(i, j + 1, None, lo * scale, hi * scale, True, weak=False)
            return _Phrase(i, j, None, lo, hi, True, weak=f"a {nxt}" in c["weak_vague"])
        if nxt == "dozen" or _is_scale(doc[i + 1]):
            val = 12.0 if nxt == "dozen" else float(_is_scale(doc[i + 1]) or 0)
            j = i + 2
            scale = _is_scale(doc[j]) if j < end else None
            if scale:
                return _Phrase(i, j + 1, val * scale)
            return _Phrase(i, j, val)
        return None
    if low in vague:
        lo, hi = vague[low]
        j = i + 1
        # "hundreds of thousands", "tens of thousands"
        if j + 1 < end and _lower(doc[j]) == "of" and _lower(doc[j + 1]) in vague:
            inner = _lower(doc[j + 1]).rstrip("s")
            scale = c["scales"].get(inner)
            if scale:
                return _Phrase(i, j + 2, None, lo * scale, (hi + 1) * scale - 1, True)
        if low in c["weak_vague"] and j < end and _is_scale(doc[j]):
            scale = _is_scale(doc[j]) or 1
            return _Phrase(i, j + 1, None, lo * scale, hi * scale, True)
        if low == "tens" or (low == "scores" and not (j < end and _lower(doc[j]) == "of")):
            return None  # "tens" alone, or "scores" as a verb, is not a count
        return _Phrase(i, j, None, float(lo), float(hi), True, weak=low in c["weak_vague"])
    # Exact numbers: digits or number words followed by scale words.
    total = 0.0
    current: float | None = None
    j = i
    digits = False
    while j < end:
        t = doc[j]
        text = t.text
        dv = _digit_value(text) if j == i else None
        wv = _word_value(text)
        scale = _is_scale(t)
        if dv is not None:
            current, digits = dv, True
        elif scale and current is not None:
            if scale >= 1000:
                total += current * scale
                current = 0.0
            else:
                current *= scale
        elif wv is not None and not digits and _joins(current, wv):
            current = (current or 0.0) + wv
        elif (
            text == "-"
            and current is not None
            and j + 1 < end
            and _word_value(doc[j + 1].text) is not None
            and not digits
        ):
            pass
        elif (
            _lower(t) == "and"
            and current is not None
            and j > i
            and _is_scale(doc[j - 1])
            and j + 1 < end
            and _word_value(doc[j + 1].text) is not None
        ):
            pass
        elif text.lower() in c["scale_suffixes"] and current is not None and digits and j == i + 1:
            current *= c["scale_suffixes"][text.lower()]
        else:
            break
        j += 1
    if j == i or current is None:
        return None
    return _Phrase(i, j, total + current, digits=digits)


def _modifier(doc: Any, start: int, floor: int) -> tuple[int, str | None]:
    """The modifier right before token ``start`` (longest first): new start and its kind."""
    mods = cues()["modifiers"]
    for n in (3, 2, 1):
        s = start - n
        if s < floor:
            continue
        words = " ".join(_lower(t) for t in doc[s:start])
        if words in mods and not words.startswith("_"):
            return s, mods[words]
    return start, None


def _phrase_head(doc: Any, ph: _Phrase) -> Token:
    """The token of the phrase whose head lies outside it."""
    for t in doc[ph.start : ph.end]:
        if not (ph.start <= t.head.i < ph.end) or t.head.i == t.i:
            return t
    return doc[ph.end - 1]


def _is_people(tok: Token | None) -> bool:
    """True when ``tok`` names people (or nothing is counted at all)."""
    if tok is None:
        return True
    c = cues()
    return tok.lemma_.lower() in c["people_nouns"] or tok.lemma_.lower() in c["nouns"] or tok.ent_type_ in _PERSON_ENTS


def _counted(doc: Any, ph: _Phrase, head: Token, sent: SpacySpan) -> Token | None:
    """The noun the phrase counts ("people" in "49 people", "protesters" in "thousands of protesters")."""
    h = head.head
    if head.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "advmod") and h.i >= ph.end and h.i < sent.end:
        if h.pos_ in ("NOUN", "PROPN") or h.lemma_.lower() in cues()["adjectives"]:
            if h.pos_ != "ADJ":
                return h
    for child in head.children:
        if child.dep_ == "prep" and _lower(child) == "of" and child.i == ph.end:
            for p in child.children:
                if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN"):
                    return p
    # Parse-independent fallback: a plural noun right after the phrase ("a dozen soldiers").
    j = ph.end
    if j < sent.end and _lower(doc[j]) == "of":
        j += 1
        while j < sent.end and doc[j].pos_ == "DET":
            j += 1
    while j < sent.end and j < ph.end + 4:
        t = doc[j]
        if t.tag_ in ("NNS", "NNPS") or (t.pos_ == "NOUN" and t.lemma_.lower() in cues()["people_nouns"]):
            return t
        if t.pos_ in ("ADJ", "PROPN") or t.tag_ == "HYPH" or t.dep_ == "compound":
            j += 1
            continue
        break
    return None


def _verb_role(arg: Token, counted: Token | None) -> str | None:
    """Role given by the verb that governs ``arg`` as patient (killed 12) or agent (12 died)."""
    verbs = cues()["verbs"]
    t = arg
    for _ in range(4):
        if t.dep_ == "conj" and t.head.pos_ in ("NOUN", "NUM", "PROPN"):
            t = t.head
        elif t.dep_ == "appos":
            t = t.head
        elif t.dep_ == "pobj" and _lower(t.head) in ("including", "among") and t.head.head.pos_ in ("NOUN", "PROPN"):
            t = t.head.head
        else:
            break
    v = t.head
    entry = verbs.get(v.lemma_.lower()) if v.pos_ in ("VERB", "AUX", "ADJ") else None
    if entry:
        role, kind = entry[0], entry[1]
        people_only = len(entry) > 2
        if people_only and not _is_people(counted):
            return None
        if kind == "object":
            if t.dep_ in _OBJECT_DEPS:
                return role
            active = any(c.lemma_ == "have" and c.dep_ == "aux" for c in v.children)
            if t.dep_ == "nsubj" and v.tag_ == "VBN" and not active:
                return role
        elif t.dep_ == "nsubj":
            return role
    # Participles and relative clauses on the counted noun: "49 people killed", "people who fled".
    for node in {arg, t} | ({counted} if counted is not None else set()):
        for child in node.children:
            if child.dep_ not in ("acl", "relcl", "amod"):
                continue
            entry = verbs.get(child.lemma_.lower())
            if not entry:
                continue
            passive = child.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in child.children)
            if entry[1] == "object" and passive:
                return entry[0]
            if entry[1] == "subject" and child.dep_ == "relcl":
                return entry[0]
    return None


def _adjective_role(doc: Any, ph: _Phrase, arg: Token, counted: Token | None, sent: SpacySpan) -> str | None:
    """Role given by a predicate word: "49 dead", "left 12 wounded", "12 wounded soldiers"."""
    adjs = cues()["adjectives"]
    end = counted.i + 1 if counted is not None and counted.i >= ph.end else ph.end
    if end < sent.end and _lower(doc[end]) in adjs:
        return adjs[_lower(doc[end])]
    if _lower(arg.head) in adjs and arg.head.i >= ph.end and (arg.head.pos_ in ("ADJ", "NOUN") or arg.dep_ == "nsubj"):
        return adjs[_lower(arg.head)]
    for sib in arg.head.children:
        if sib.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and _lower(sib) in adjs and arg.dep_ in ("dobj", "nsubj"):
            return adjs[_lower(sib)]
    for node in (arg, counted):
        if node is None:
            continue
        for child in node.children:
            if child.dep_ == "amod" and _lower(child) in adjs:
                return adjs[_lower(child)]
    return None


def _tally(doc: Any, ph: _Phrase, arg: Token, sent: SpacySpan) -> tuple[str | None, Token | None]:
    """Role and counted noun from a tally: "the death toll rose to 30", "the number of fighters ... at 30,000"."""
    c = cues()
    tolls = c["toll_nouns"]

    def read(noun: Token) -> tuple[str | None, Token | None] | None:
        lemma = noun.lemma_.lower()
        if noun.pos_ != "NOUN" or lemma not in tolls or lemma.startswith("_"):
            return None
        for child in noun.children:
            if child.dep_ == "prep" and _lower(child) == "of":
                for p in child.children:
                    if p.dep_ == "pobj":
                        role = c["nouns"].get(p.lemma_.lower()) or c["adjectives"].get(_lower(p))
                        return role, p
        return tolls[lemma], None

    # The noun or verb the number hangs from (through "at"/"to"/"of").
    t = arg
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
        else:
            break
    candidates = [t] + [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for cand in candidates:
        if cand.i == arg.i:
            continue
        got = read(cand)
        if got is not None:
            return got
    # Parse-independent fallback: a tally noun earlier in the same sentence, number after "at"/"to".
    prev = doc[ph.start - 1] if ph.start - 1 >= sent.start else None
    if prev is not None and _lower(prev) in ("at", "to", "of", "was", "is", "stood", "reached"):
        for tok in doc[sent.start : ph.start]:
            if tok.pos_ == "NOUN":
                got = read(tok)
                if got is not None and (got[0] or got[1] is not None):
                    return got
    # "militants - numbered at 5,000": the tally verb's subject, or the noun just before it.
    if t.i == arg.i and arg.head.pos_ == "VERB":
        t = arg.head
    if t.pos_ == "VERB" and t.lemma_.lower() in ("number", "total") and t.i < ph.start:
        for ch in t.children:
            if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ in ("NOUN", "PROPN"):
                return c["nouns"].get(ch.lemma_.lower()), ch
        if t.dep_ in ("acl", "relcl") and t.head.pos_ == "NOUN":
            return c["nouns"].get(t.head.lemma_.lower()), t.head
        for tok in reversed(doc[sent.start : t.i]):
            if tok.pos_ == "NOUN" and tok.tag_ == "NNS":
                return c["nouns"].get(tok.lemma_.lower()), tok
    return None, None


def _skip_reason(doc: Any, ph: _Phrase, head: Token, counted: Token | None, sent: SpacySpan) -> str | None:
    """Why this phrase is not a quantity (a year, a date, an age, a duration, part of a name), if it is not."""
    c = cues()
    first = doc[ph.start]
    prev = doc[ph.start - 1] if ph.start > sent.start else None
    nxt = doc[ph.end] if ph.end < sent.end else None
    months = c["months"]
    if prev is not None and _lower(prev).rstrip(".") in months:
        return "date"
    if nxt is not None and _lower(nxt).rstrip(".") in months:
        return "date"
    if ph.digits and ph.end - ph.start == 1 and re.fullmatch(r"\d{4}", first.text):
        year = int(first.text)
        if 1800 <= year <= 2100 and not (counted is not None and _is_people(counted)):
            return "year"
    if counted is not None and counted.lemma_.lower() in c["time_units"]:
        return "duration"
    if nxt is not None and nxt.text in ("-",) and ph.end + 1 < sent.end and _lower(doc[ph.end + 1]) == "year":
        return "age"
    if prev is not None and _lower(prev) in c["age_words"]:
        return "age"
    if nxt is not None and _lower(nxt) in ("am", "pm", "a.m.", "p.m.", "gmt", "utc", ":"):
        return "time"
    if (
        prev is not None
        and prev.pos_ in ("PROPN", "NOUN")
        and prev.is_title
        and (head.head.i == prev.i or counted is None)
    ):
        return "name"
    if prev is not None and prev.text == "-" and ph.start - 2 >= sent.start and doc[ph.start - 2].is_alpha:
        return "name"
    if prev is not None and prev.text == "." and ph.start - 2 >= sent.start and doc[ph.start - 2].text == "No":
        return "name"
    if prev is not None and prev.text in ("#", "No", "No.", "no."):
        return "name"
    if _lower(first) == "one" and ph.end - ph.start == 1:
        after = _lower(nxt) if nxt is not None else ""
        before = _lower(prev) if prev is not None else ""
        if (
            after in ("of", "another")
            or before in ("the", "this", "that", "no", "any", "every")
            or head.dep_
            not in (
                "nummod",
                "nsubj",
                "nsubjpass",
                "dobj",
            )
        ):
            return "pronoun"
    if ph.weak and counted is None:
        return "weak"
    return None


def _range_partner(doc: Any, ph: _Phrase, sent_end: int) -> _Phrase | None:
    """The second number of "10 to 20", "10-20", "two or three", "between 10 and 20"."""
    j = ph.end
    if j + 1 >= sent_end:
        return None
    joiner = _lower(doc[j])
    if joiner not in ("to", "-", "–", "or", "and"):
        return None
    if joiner == "and" and not (ph.start > 0 and _lower(doc[ph.start - 1]) == "between"):
        return None
    other = _read_phrase(doc, j + 1, sent_end)
    if other is None or other.value is None or ph.value is None or other.value <= ph.value:
        return None
    return other


@lru_cache(maxsize=1)
def _starter_hashes() -> frozenset[int]:
    """Hashes of the lower-case words a number phrase can begin with (see :func:`_read_phrase`)."""
    c = cues()
    units = [w for w in c["units"] if not w.startswith("_")]
    words = {"a", "an", *units, *(f"{a}-{b}" for a in units for b in units)}
    words |= {w for w in c["vague"] if not w.startswith("_") and " " not in w}
    return frozenset(hash_string(w) for w in words)


def _may_start(doc: Any) -> list[bool]:
    """Per token, whether a number phrase may begin there: a cheap filter before :func:`_read_phrase`.

    Reading a phrase at every token made Python objects for the whole doc several times over.
    """
    starters = _starter_hashes()
    strings = doc.vocab.strings
    digit_shape: dict[int, bool] = {}
    out = []
    for lower, shape in doc.to_array([LOWER, SHAPE]).tolist():
        if lower in starters:
            out.append(True)
            continue
        if shape not in digit_shape:
            digit_shape[shape] = strings[shape].startswith("d")
        out.append(digit_shape[shape])
    return out


def find_quantities(analysis: Analysis) -> list[Quantity]:
    """Every quantity in the article body, in text order, with ids Q1, Q2, ..."""
    doc = analysis.doc
    out: list[Quantity] = []
    if doc is None:
        return out
    c = cues()
    may_start = _may_start(doc)
    # Whole doc sentences, not analysis.sentences(): a sentence glued to furniture by the
    # splitter still carries facts; only the phrases overlapping furniture are skipped.
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            ph = _read_phrase(doc, i, sent.end) if may_start[i] else None
            if ph is None:
                i += 1
                continue
            i = ph.end
            start_tok = ph.start
            partner = _range_partner(doc, ph, sent.end)
            if partner is not None:
                ph = _Phrase(ph.start, partner.end, None, ph.value, partner.value, approximate=False, digits=ph.digits)
                if ph.start > sent.start and _lower(doc[ph.start - 1]) == "between":
                    start_tok = ph.start - 1
                i = partner.end
            else:
                start_tok, kind = _modifier(doc, ph.start, sent.start)
                if kind and ph.value is not None:
                    if kind == "min":
                        ph.low = ph.value
                    elif kind.startswith("max"):
                        ph.high = ph.value
                    if kind in ("approx", "max_approx"):
                        ph.approximate = True
                elif kind == "approx":
                    ph.approximate = True
            head = _phrase_head(doc, ph)
            counted = _counted(doc, ph, head, sent)
            if _skip_reason(doc, ph, head, counted, sent):
                continue
            currency = None
            prev = doc[start_tok - 1] if start_tok > sent.start else None
            if prev is not None and prev.text in c["currencies"]:
                currency = c["currencies"][prev.text]
                start_tok -= 1
            elif doc[ph.start].text in c["currencies"]:
                currency = c["currencies"][doc[ph.start].text]
            end_tok: int | None = None
            arg = counted if counted is not None and head.head.i == counted.i else head
            role: str | None = None
            counts: str | None = counted.text.lower() if counted is not None else None
            nxt_text = doc[ph.end].text.lower() if ph.end < sent.end else ""
            if nxt_text in ("%", "percent") or (nxt_text == "per" and ph.end + 1 < sent.end):
                counts, counted = "percent", None
                end_tok = ph.end + (2 if nxt_text == "per" else 1)
            elif nxt_text in ("-", "–") and ph.end + 1 < sent.end and _lower(doc[ph.end + 1]) == "strong":
                # "a 5,000-strong force": a force's size
                role, counted = "forces", None
                end_tok = ph.end + 2
                if ph.end + 2 < sent.end and doc[ph.end + 2].pos_ == "NOUN":
                    counted = doc[ph.end + 2]
                    counts, end_tok = counted.text.lower(), ph.end + 3
            elif currency or (counted is not None and counted.lemma_.lower() in c["money_nouns"]):
                role, counts = "money", currency or counts
            else:
                role = _verb_role(arg, counted) or _adjective_role(doc, ph, arg, counted, sent)
                if role is None and counted is not None:
                    role = c["nouns"].get(counted.lemma_.lower())
                if role is None and counted is None:
                    role, tallied = _tally(doc, ph, arg, sent)
                    if tallied is not None:
                        counts = tallied.text.lower()
                        counted = tallied
                if role is None and counted is not None:
                    lemma = counted.lemma_.lower()
                    role = None if lemma in c["measure_units"] else "other"
            if end_tok is None:
                end_tok = ph.end
            if counted is not None and ph.end <= counted.i < ph.end + 5 and counted.sent.start == sent.start:
                end_tok = counted.i + 1
            s_char, e_char = doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
            if analysis.is_excluded(s_char, e_char):
                continue
            out.append(
                Quantity(
                    id="",
                    mention=analysis.span(s_char, e_char),
                    value=ph.value,
                    low=ph.low,
                    high=ph.high,
                    approximate=ph.approximate,
                    counts=counts,
                    role=role,
                )
            )
    out.sort(key=lambda q: q.mention.start)
    for n, q in enumerate(out, 1):
        q.id = f"Q{n}"
    return out


_SINGULAR_ROLES = {"killed", "injured", "kidnapped", "arrested"}
_NOT_VICTIMS = {"PRON"}


def _is_person_noun(tok: Token) -> bool:
    """True when a singular noun names a person: a people noun, a person name, an agent noun or a title."""
    from eventwire.knowledge.actors import get_actor_kb

    if _is_people(tok) or tok.ent_type_ == "PERSON":
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
    return ["killed", "object"] if any(_lower(t) in words for t in near) else None


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


@stage("quantities", requires=("doc",), assigns=("quantities",))
def quantities(analysis: Analysis) -> None:
    """Append the article's quantities to ``analysis.quantities``."""
    found = find_quantities(analysis)
    found = sorted(found + singular_victims(analysis, found), key=lambda q: q.mention.start)
    offset = len(analysis.quantities)
    for n, q in enumerate(found, offset + 1):
        q.id = f"Q{n}"
    analysis.quantities.extend(found)
