"""Score the ``events`` stage against the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.json``).

Each gold record is one sentence coded with one event: ``event`` (the older 19-type PLOVER list),
``mode``, ``source``/``target`` actors ``{actorText, code, sector}`` and sometimes ``dead``, ``injured``
and ``size``. The DOCUMENT record is skipped.

**Main event.** eventwire finds every event in a sentence; the one compared with the gold is chosen by
one general rule: the trigger highest in the dependency tree (fewest arcs to the root) wins, a noun
trigger that is the object of a verb which is not itself a trigger counting as that verb ("staged a
demonstration to demand"); ties go to the higher confidence, then to the earlier trigger. (Bare speech
verbs such as "said" are never triggers, so they cannot be chosen.)

**Type names.** The gold uses the older PLOVER names. eventwire emits the older names where they are
more precise (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) and the current ones otherwise; the current names
fold into the older ones as ACCUSE -> DISAPPROVE (ACCUSE with mode ``investigate`` -> INVESTIGATE),
REQUEST -> DEMAND, and ASSAULT with mode ``destroy`` or ``abduct`` -> COERCE (the older list put
property destruction and hostage taking under COERCE). Stated intentions and refusals follow PLOVER
coding: see :func:`old_type`.

**Actors.** A gold actor matches by text when a mention of a system actor overlaps the first
occurrence of its ``actorText`` in the sentence. It matches by code when the country agrees (gold
CAMEO country codes folded to ISO 3166-1 alpha-3, e.g. JAP -> JPN; IGO and NGO match the system's
IGO/NGO sector or code; IMG matches an armed group without a country) and, when the gold gives a
sector (first three letters; ``***`` and religion codes are ignored), the sector agrees. A record
scores 1 when any gold actor of the role is matched by any system actor of the same role.

**Mode.** Compared after folding the older gold modes into current ones (``strike-hun`` -> hunger,
``riot-spon`` -> riot, ``assassinate`` -> targeted, ``detain`` -> arrest ...); records without a
gold mode are not scored. The system mode may also match in the older terms (:func:`old_mode`).

**Counts.** ``dead``/``injured``: an event of the sentence has that figure (``fatalities`` for dead,
an ``injured`` quantity for injured); the main event's figure is reported too. ``size``: a quantity of
the sentence has that value (value, low or high) or, for word sizes ("Thousands"), that wording.

Records are split for development: every 4th record (index % 4 == 3 among the coded records) is
held out; ``splits`` reports both parts.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eventwire.analysis import Analysis, Entity, Event
from eventwire.data import read_json

OLD_TYPE = {"ACCUSE": "DISAPPROVE", "REQUEST": "DEMAND"}
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "HKG": "CHN", "ROM": "ROU", "SRB": "SRB", "MNE": "MNE"}
SECTOR_ALIASES = {"CIV": "CVL"}
# Gold sector codes that name a religion or ethnicity, not a sector.
NOT_SECTORS = {"MOS", "CHR", "***", "JEW", "BUD", "HIN"}
OLD_MODE = {
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "riot-spon": "riot",
    "demo-org": "demo",
    "demo-spon": "demo",
    "assassinate": "targeted",
    "detain": "arrest",
    "confiscate": "seize",
    "ban": "restrict",
    "host": "visit",
    "suicide-attack": "suicide-attack",
}
HELD_OUT_EVERY = 4


def load_records(path: Path | str) -> list[dict[str, Any]]:
    """The coded sentences of a PLOVER gold file (the DOCUMENT record dropped)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT" and r.get("text")]


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# The older list coded property destruction and abduction/detention as COERCE; the current one as ASSAULT.
OLD_COERCE_MODES = {"destroy", "abduct"}
HOSTILE = {"ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}


def old_type(event: Event) -> str:
    """The older (gold) PLOVER name of an eventwire event type, as PLOVER codes stated intentions and refusals.

    A future cooperative act ("will visit", "offered to withdraw") is coded AGREE (express intent to
    cooperate), a future hostile act ("would blockade") THREATEN, and a negated cooperative act ("will not
    accept", "failed to reach agreement") REJECT; the event itself keeps its own type and modality.
    """
    ptype = "INVESTIGATE" if event.type == "ACCUSE" and event.mode == "investigate" else event.type
    ptype = OLD_TYPE.get(ptype, ptype)
    if ptype == "ASSAULT" and event.mode in OLD_COERCE_MODES:
        ptype = "COERCE"
    if event.modality == "future":
        if ptype in COOPERATIVE:
            return "AGREE"
        if ptype in HOSTILE:
            return "THREATEN"
    if event.modality == "negated" and ptype in COOPERATIVE:
        return "REJECT"
    return ptype


# The older list's COERCE mode for abduction and hostage taking.
OLD_SYSTEM_MODE = {"abduct": "detain"}


def old_mode(event: Event) -> str | None:
    """The event's mode as the older list codes it: a stated hostile intention takes the threat mode of its act
    ("would blockade" -> restrict), and abduction is the older COERCE mode ``detain``."""
    if event.type != "THREATEN" and old_type(event) == "THREATEN":
        modes = read_json("modality.json")["threat_modes"]
        return modes.get(f"{event.type}/{event.mode}") or modes.get(event.type)
    return OLD_SYSTEM_MODE.get(event.mode or "", event.mode)


def _actors(value: Any) -> list[dict[str, Any]]:
    """Gold actors of a role (the field is sometimes an empty string)."""
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _depth(analysis: Analysis, event: Event) -> float:
    """Arcs from the event trigger to the root; a noun object of a non-trigger verb counts as that verb."""
    doc = analysis.doc
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if doc else None
    if span is None:
        return 99.0
    tok = span.root
    depth = float(len(list(tok.ancestors)))
    triggers = {e.trigger.start for e in analysis.events}
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"dobj", "obj"} and tok.head.idx not in triggers:
        # "staged a demonstration to demand ...": the demonstration is what the clause reports.
        depth -= 0.5
    return depth


def main_event(analysis: Analysis) -> Event | None:
    """The sentence's main event: the trigger highest in the parse (ties: confidence, then position)."""
    if not analysis.events:
        return None
    return min(analysis.events, key=lambda ev: (_depth(analysis, ev), -ev.confidence, ev.trigger.start))


def _gold_code(actor: dict[str, Any]) -> tuple[str | None, str | None]:
    """(country or IGO/NGO/IMG, sector) of a gold actor."""
    code = (actor.get("code") or "").strip().upper()
    country = code[:3] or None
    country = CAMEO_COUNTRY.get(country, country) if country else None
    sector = (actor.get("sector") or "").strip().upper()[:3] or None
    if not sector and len(code) >= 6:
        sector = code[3:6]
    sector = SECTOR_ALIASES.get(sector, sector) if sector else None
    if sector in NOT_SECTORS:
        sector = None
    return country, sector


def code_match(gold: dict[str, Any], ent: Entity) -> bool:
    """True when a system entity has the gold actor's country (or IGO/NGO) and sector."""
    country, sector = _gold_code(gold)
    if country is None:
        return False
    if country in {"IGO", "NGO"}:
        return ent.sector == country or ent.country == country or (ent.code or "").startswith(country)
    if country == "IMG":
        return ent.country is None and ent.sector in {"REB", "UAF", "PRM"}
    if ent.country != country:
        return False
    return sector is None or ent.sector == sector


def text_match(gold: dict[str, Any], ent: Entity, text: str) -> bool:
    """True when a mention of the entity overlaps the gold actor text in the sentence."""
    actor_text = (gold.get("actorText") or "").strip()
    if not actor_text:
        return False
    at = text.find(actor_text)
    if at < 0:
        words = {w.lower() for w in re.findall(r"\w+", actor_text)}
        return any(words & {w.lower() for w in re.findall(r"\w+", m.text)} for m in ent.mentions)
    end = at + len(actor_text)
    return any(m.start < end and at < m.end for m in ent.mentions)


def _role_scores(gold: list[dict[str, Any]], ents: list[Entity], text: str) -> dict[str, int]:
    """Record-level and actor-level text and code matches for one role."""
    text_hits = [any(text_match(g, e, text) for e in ents) for g in gold]
    code_hits = [any(code_match(g, e) for e in ents) for g in gold]
    return {
        "text": int(any(text_hits)),
        "code": int(any(code_hits)),
        "actors": len(gold),
        "actors_text": sum(text_hits),
        "actors_code": sum(code_hits),
    }


def _as_number(value: Any) -> float | None:
    """A gold count as a number, or None for word sizes."""
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _size_found(gold: Any, analysis: Analysis) -> bool:
    """True when a quantity of the sentence has the gold size."""
    number = _as_number(gold)
    for q in analysis.quantities:
        if q.role in {"killed", "injured"}:
            continue
        if number is not None and number in {q.value, q.low, q.high}:
            return True
        if number is None and str(gold).lower() in q.mention.text.lower():
            return True
    return False


def _injured(ev: Event | None, analysis: Analysis) -> set[int]:
    """Injured figures linked to an event (or to any event when ``ev`` is None)."""
    qs = {q.id: q for q in analysis.quantities}
    ids = ev.quantities if ev is not None else [i for e in analysis.events for i in e.quantities]
    out = set()
    for i in ids:
        q = qs.get(i)
        if q is not None and q.role == "injured":
            out.add(int(q.low if q.low is not None else q.value or 0))
    return out


def score_record(gold: dict[str, Any], analysis: Analysis) -> dict[str, Any]:
    """Score one gold sentence against its analysis."""
    main = main_event(analysis)
    system = old_type(main) if main else "NONE"
    ents = {e.id: e for e in analysis.entities}
    text = analysis.text
    row: dict[str, Any] = {"id": gold["id"], "gold": gold["event"], "system": system}
    row["trigger"] = main.trigger.text if main else None
    for role in ("source", "target"):
        g = _actors(gold.get(role))
        if g:
            chosen = [ents[i] for i in (getattr(main, role) if main else []) if i in ents]
            row[role] = _role_scores(g, chosen, text)
    mode = (gold.get("mode") or "").strip()
    if mode:
        want = OLD_MODE.get(mode, mode)
        row["mode"] = int(main is not None and (main.mode in {want, mode} or old_mode(main) in {want, mode}))
    if gold.get("dead") not in (None, ""):
        dead = int(_as_number(gold["dead"]) or 0)
        row["dead"] = {
            "any": int(any(e.fatalities == dead for e in analysis.events)),
            "main": int(main is not None and main.fatalities == dead),
        }
    if gold.get("injured") not in (None, ""):
        injured = int(_as_number(gold["injured"]) or 0)
        row["injured"] = {
            "any": int(injured in _injured(None, analysis)),
            "main": int(injured in _injured(main, analysis)),
        }
    if gold.get("size") not in (None, ""):
        row["size"] = int(_size_found(gold["size"], analysis))
    return row


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate per-record scores into the reported metrics."""
    n = len(rows)
    if not n:
        return {"records": 0}
    correct = sum(r["gold"] == r["system"] for r in rows)
    gold_types = sorted({r["gold"] for r in rows})
    per_type = {}
    for t in gold_types:
        tp = sum(r["gold"] == t and r["system"] == t for r in rows)
        fp = sum(r["gold"] != t and r["system"] == t for r in rows)
        fn = sum(r["gold"] == t and r["system"] != t for r in rows)
        p = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per_type[t] = {"p": round(p, 3), "r": round(rec, 3), "f1": round(_f1(p, rec), 3), "n": tp + fn}
    out: dict[str, Any] = {
        "records": n,
        "event_type": {
            "accuracy": round(correct / n, 3),
            "macro_f1": round(sum(v["f1"] for v in per_type.values()) / len(per_type), 3),
            "no_event": sum(r["system"] == "NONE" for r in rows),
            "per_type": per_type,
        },
    }
    for role in ("source", "target"):
        scored = [r[role] for r in rows if role in r]
        if scored:
            actors = sum(s["actors"] for s in scored)
            out[role] = {
                "records": len(scored),
                "text_match": round(sum(s["text"] for s in scored) / len(scored), 3),
                "code_match": round(sum(s["code"] for s in scored) / len(scored), 3),
                "actor_recall_text": round(sum(s["actors_text"] for s in scored) / actors, 3),
                "actor_recall_code": round(sum(s["actors_code"] for s in scored) / actors, 3),
            }
    modes = [r["mode"] for r in rows if "mode" in r]
    if modes:
        out["mode"] = {"records": len(modes), "accuracy": round(sum(modes) / len(modes), 3)}
    for count in ("dead", "injured"):
        scored = [r[count] for r in rows if count in r]
        if scored:
            out[count] = {
                "records": len(scored),
                "exact_any_event": round(sum(s["any"] for s in scored) / len(scored), 3),
                "exact_main_event": round(sum(s["main"] for s in scored) / len(scored), 3),
            }
    sizes = [r["size"] for r in rows if "size" in r]
    if sizes:
        out["size"] = {"records": len(sizes), "exact": round(sum(sizes) / len(sizes), 3)}
    return out


def analyse_records(records: list[dict[str, Any]]) -> list[Analysis]:
    """Run the eventwire stages over each gold sentence."""
    from eventwire.article import article_from_text
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    articles = [article_from_text(r["text"]) for r in records]
    docs = pipeline.nlp.pipe([a.text for a in articles], batch_size=64)
    return [pipeline.run_stages(a, d) for a, d in zip(articles, docs, strict=True)]


def evaluate_plover(
    path: Path | str, limit: int | None = None, every: int = 1, details: bool = False
) -> dict[str, Any]:
    """Score eventwire on PLOVER gold records: type accuracy/macro F1, actors, mode and counts."""
    started = time.perf_counter()
    indexed = list(enumerate(load_records(path)))
    if every > 1:
        indexed = indexed[::every]
    if limit is not None:
        indexed = indexed[:limit]
    analyses = analyse_records([r for _, r in indexed])
    rows = [score_record(r, a) for (_, r), a in zip(indexed, analyses, strict=True)]
    out = {"corpus": str(path), **summarise(rows)}
    held = [row for (i, _), row in zip(indexed, rows, strict=True) if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    dev = [row for (i, _), row in zip(indexed, rows, strict=True) if i % HELD_OUT_EVERY != HELD_OUT_EVERY - 1]
    out["splits"] = {
        "dev": {k: v for k, v in summarise(dev).items() if k != "event_type"}
        | {"event_type_accuracy": summarise(dev).get("event_type", {}).get("accuracy")},
        "heldout": {k: v for k, v in summarise(held).items() if k != "event_type"}
        | {"event_type_accuracy": summarise(held).get("event_type", {}).get("accuracy")},
    }
    out["confusions"] = Counter(f"{r['gold']}->{r['system']}" for r in rows if r["gold"] != r["system"]).most_common(15)
    if details:
        out["rows"] = rows
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out
