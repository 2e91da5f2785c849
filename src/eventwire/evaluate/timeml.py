"""Score the ``times`` tagger against TimeML (.tml) gold files such as TimeBank and AQUAINT."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.analysis import TimeExpr
from eventwire.nlp import load_nlp
from eventwire.stages.times import tag_times

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 in the plain text of a document."""

    start: int
    end: int
    type: str
    value: str


def parse_tml(path: str | Path) -> tuple[str, date | None, list[GoldTimex]]:
    """The plain TEXT content, the creation date (DCT) and the gold TIMEX3s of one .tml file."""
    raw = Path(path).read_text(encoding="utf-8")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        v = dict(_ATTR.findall(m.group(0))).get("value", "")
        try:
            dct = date.fromisoformat(v[:10])
        except ValueError:
            dct = None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    content = body.group(1) if body else ""
    text: list[str] = []
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    last = 0
    for t in _TAG.finditer(content):
        chunk = html.unescape(content[last : t.start()])
        text.append(chunk)
        pos += len(chunk)
        last = t.end()
        if t.group(2) != "TIMEX3":
            continue
        if not t.group(1):
            open_timex = (pos, dict(_ATTR.findall(t.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTimex(start, pos, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    text.append(html.unescape(content[last:]))
    return "".join(text), dct, gold


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _score(counts: dict[str, int]) -> dict[str, Any]:
    """Metrics from accumulated counts."""
    return {
        "docs": counts["docs"],
        "gold": counts["gold"],
        "pred": counts["pred"],
        "strict": _prf(counts["strict"], counts["pred"], counts["gold"]),
        "relaxed": _prf(counts["relaxed_p"], counts["pred"], counts["gold"])
        | {"r": round(counts["relaxed_g"] / counts["gold"], 4) if counts["gold"] else 0.0},
        "value": _prf(counts["value"], counts["pred"], counts["gold"]),
        "type_accuracy": round(counts["type"] / counts["relaxed_g"], 4) if counts["relaxed_g"] else 0.0,
        "value_accuracy": round(counts["value"] / counts["relaxed_g"], 4) if counts["relaxed_g"] else 0.0,
    }


def _fix_relaxed(s: dict[str, Any]) -> dict[str, Any]:
    """Recompute relaxed F1 from its (separately counted) precision and recall."""
    p, r = s["relaxed"]["p"], s["relaxed"]["r"]
    s["relaxed"]["f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return s


def score_document(
    name: str,
    text: str,
    dct: date | None,
    gold: list[GoldTimex],
    pred: list[TimeExpr],
    counters: tuple[dict[str, int], ...],
    errors: list[dict[str, Any]] | None = None,
) -> None:
    """Add one document's TempEval-3 counts to each of ``counters``; list its mistakes in ``errors``."""
    for c in counters:
        c["docs"] += 1
        c["gold"] += len(gold)
        c["pred"] += len(pred)
    matched_gold: set[int] = set()
    for p in pred:
        ps, pe = p.mention.start, p.mention.end
        over = [i for i, g in enumerate(gold) if g.start < pe and ps < g.end]
        exact = [i for i in over if gold[i].start == ps and gold[i].end == pe]
        for c in counters:
            c["strict"] += bool(exact)
            c["relaxed_p"] += bool(over)
        if not over and errors is not None:
            errors.append({"file": name, "kind": "fp", "text": p.mention.text, "value": p.value, "type": p.type})
        for i in over[:1]:
            if i in matched_gold:
                continue
            matched_gold.add(i)
            g = gold[i]
            for c in counters:
                c["relaxed_g"] += 1
                c["value"] += g.value == p.value
                c["type"] += g.type == p.type
            if errors is not None and (g.value != p.value or g.type != p.type):
                errors.append(
                    {
                        "file": name,
                        "kind": "value",
                        "text": p.mention.text,
                        "gold_text": text[g.start : g.end],
                        "value": p.value,
                        "gold_value": g.value,
                        "type": p.type,
                        "gold_type": g.type,
                        "dct": str(dct),
                        "ctx": text[max(0, g.start - 60) : g.end + 30].replace("\n", " "),
                    }
                )
    if errors is not None:
        for i, g in enumerate(gold):
            if i not in matched_gold:
                ctx = text[max(0, g.start - 40) : g.end + 20].replace("\n", " ")
                errors.append({"file": name, "kind": "fn", "text": text[g.start : g.end], "value": g.value, "ctx": ctx})


def evaluate_timeml(
    path: str | Path, limit: int | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Score the tagger on the .tml files under ``path`` (the first ``limit``, sorted): extent, value and type."""
    nlp = load_nlp()
    root = Path(path)
    files = sorted(root.rglob("*.tml")) if root.is_dir() else [root]
    if limit is not None:
        files = files[:limit]
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in files:
        text, dct, gold = parse_tml(f)
        pred = tag_times(nlp(text), dct)
        score_document(f.name, text, dct, gold, pred, (per[f.parent.name], per["overall"]), errors)
    return {name: _fix_relaxed(_score(c)) for name, c in per.items()}
