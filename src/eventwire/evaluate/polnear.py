"""Score the quotes stage against PolNeAR (brat standoff: Source, Cue, Content joined by Attribution relations).

A split directory holds ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``. Most texts have one
annotator's file; the texts annotated by every annotator (for agreement studies) are scored against the
annotator whose id sorts first, a choice that does not depend on the system's output. Each Attribution
relation has Content fragments (one or more, possibly discontinuous) and a Source (absent for
``Attribution-no-source``, which then counts for content only). A fragment is *direct* when it starts inside
double quotation marks (curly, straight, or the doubled apostrophe some archives use), after an optional
leading "that", and at least 90% of its letters and digits are quoted; other fragments, mixed quotes included,
are *indirect*. A relation gives one gold direct quote (its direct fragments) and/or one gold indirect quote
(the rest), both with its Source, so a quotation and the paraphrase annotated with it are scored as what they are.

Matching is by overlap (at least one shared character) within a class: a system quote marked direct against
gold direct quotes, a reported one against gold indirect quotes. A matched gold quote's speaker is right when
the speaker span of the system quote overlapping it most, or any mention of that quote's speaker entity,
overlaps the gold Source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.+)$")
_ANN_NAME = re.compile(r"^(.+)_([0-9a-f]{4})\.ann$")
_MARK = re.compile(r"''|``|[“”\"„«»]")
_OPEN_ONLY = ("“", "``", "„", "«")
_TOGGLE = ('"', "''")
_STRIP = " \t\n\u00a0,.;:—–-"
_LEAD = re.compile(r"^(?:that|and|but)\s+", re.I)
_CLASSES = ("direct", "indirect")
# The quotes stage reads only the parse and the entities, so the later stages cannot change what is scored.
QUOTE_STAGES = ("entities", "quotes")


@dataclass(frozen=True)
class GoldQuote:
    """One gold Attribution: content fragments, source fragments and whether it is a direct quote."""

    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    direct: bool


def _fragments(spec: str) -> list[tuple[int, int]]:
    """``"10 20;30 40"`` -> ``[(10, 20), (30, 40)]``."""
    out = []
    for part in spec.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each stretch inside double quotation marks, by line (an open quote runs to the line end)."""
    regions = []
    pos = 0
    for line in text.split("\n"):
        opened: int | None = None
        for m in _MARK.finditer(line):
            mark = m.group()
            if mark in _OPEN_ONLY or (mark in _TOGGLE and opened is None):
                opened = pos + m.end()
            elif opened is not None:
                regions.append((opened, pos + m.start()))
                opened = None
        if opened is not None:
            regions.append((opened, pos + len(line)))
        pos += len(line) + 1
    return regions


def is_direct(text: str, start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """True when the fragment starts inside quotation marks (after a leading "that") and >= 90% of it is quoted."""
    frag = text[start:end]
    lead = _LEAD.match(frag.lstrip(_STRIP))
    start += len(frag) - len(frag.lstrip(_STRIP)) + (lead.end() if lead else 0)
    inside = outside = 0
    for i in range(start, end):
        if text[i].isalnum():
            quoted = any(s <= i < e for s, e in regions)
            if inside + outside == 0 and not quoted:
                return False
            inside += quoted
            outside += not quoted
    return inside > 0 and outside <= 0.1 * (inside + outside)


def parse_ann(path: str | Path, text: str) -> list[GoldQuote]:
    """The gold quotes of one ``.ann`` file over its ``text``."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = _fragments(m.group(3))
            continue
        m = _E_LINE.match(line)
        if m:
            relations.append(dict(arg.split(":", 1) for arg in m.group(2).split() if ":" in arg))
    regions = quoted_regions(text)
    gold = []
    for rel in relations:
        content = sorted(f for key, tid in rel.items() if key.startswith("Content") for f in spans.get(tid, []))
        source = sorted(f for key, tid in rel.items() if key.startswith("Source") for f in spans.get(tid, []))
        direct = [f for f in content if is_direct(text, *f, regions)]
        indirect = [f for f in content if f not in direct]
        for frags, kind in ((direct, True), (indirect, False)):
            if frags:
                gold.append(GoldQuote(tuple(frags), tuple(source), kind))
    return gold


def choose_annotations(folder: Path) -> dict[str, Path]:
    """One ``.ann`` file per text name: the annotator id sorting first when several annotated it."""
    chosen: dict[str, Path] = {}
    for ann in sorted(folder.glob("*.ann")):
        m = _ANN_NAME.match(ann.name)
        name = m.group(1) if m else ann.stem
        chosen.setdefault(name, ann)
    return chosen


def _publication_dates(root: Path) -> dict[str, date]:
    """Publication dates by text name from a ``metadata.tsv`` next to (or above) the split."""
    for meta in (root / "metadata.tsv", root.parent / "metadata.tsv"):
        if meta.is_file():
            break
    else:
        return {}
    out: dict[str, date] = {}
    lines = meta.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t") if lines else []
    if "filename" not in header or "publication_date" not in header:
        return {}
    fi, di = header.index("filename"), header.index("publication_date")
    for line in lines[1:]:
        cols = line.split("\t")
        try:
            out[cols[fi]] = date.fromisoformat(cols[di][:10])
        except (IndexError, ValueError):
            continue
    return out


def _splits(root: Path) -> dict[str, Path]:
    """Split name -> directory holding ``text/`` and ``attributions/``."""
    if (root / "text").is_dir() and (root / "attributions").is_dir():
        return {root.name: root}
    return {
        d.name: d
        for d in sorted(root.iterdir())
        if d.is_dir() and (d / "text").is_dir() and (d / "attributions").is_dir()
    }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters shared by two ``[start, end)`` ranges."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    """Precision (matched predictions), recall (matched gold) and F1."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score_document(record: dict[str, Any], gold: list[GoldQuote], counts: dict[str, int]) -> list[dict[str, Any]]:
    """Add one document's matches to ``counts``; return its errors (missed, spurious, wrong speaker)."""
    mentions = {e["id"]: [(m["start"], m["end"]) for m in e["mentions"]] for e in record["entities"]}
    text = record["text"]
    errors: list[dict[str, Any]] = []
    for cls in _CLASSES:
        want_direct = cls == "direct"
        preds = [q for q in record["quotes"] if q["direct"] == want_direct]
        golds = [g for g in gold if g.direct == want_direct]
        counts[f"{cls}_pred"] += len(preds)
        counts[f"{cls}_gold"] += len(golds)
        for q in preds:
            c = (q["content"]["start"], q["content"]["end"])
            if any(_overlaps(c, f) for g in golds for f in g.content):
                counts[f"{cls}_tp_pred"] += 1
            else:
                errors.append({"kind": f"{cls}_spurious", "content": q["content"]["text"][:200]})
        for g in golds:
            best, best_len = None, 0
            for q in preds:
                c = (q["content"]["start"], q["content"]["end"])
                n = sum(_overlaps(c, f) for f in g.content)
                if n > best_len:
                    best, best_len = q, n
            gtext = " | ".join(text[s:e] for s, e in g.content)[:200]
            if best is None:
                errors.append({"kind": f"{cls}_missed", "content": gtext})
                continue
            counts[f"{cls}_tp_gold"] += 1
            if not g.source:
                continue
            counts[f"{cls}_speaker_gold"] += 1
            cands = []
            if best["speaker"] is not None:
                cands.append((best["speaker"]["start"], best["speaker"]["end"]))
            cands.extend(mentions.get(best["speaker_entity"] or "", []))
            if any(_overlaps(c, s) for c in cands for s in g.source):
                counts[f"{cls}_speaker_ok"] += 1
            else:
                errors.append(
                    {
                        "kind": f"{cls}_speaker",
                        "content": gtext[:120],
                        "gold": " | ".join(text[s:e] for s, e in g.source),
                        "system": best["speaker"]["text"] if best["speaker"] else None,
                        "entity": best["speaker_entity"],
                    }
                )
    return errors


def _summary(counts: dict[str, int]) -> dict[str, Any]:
    """Metrics from accumulated counts."""
    out: dict[str, Any] = {"docs": counts["docs"]}
    for cls in _CLASSES:
        sp = counts[f"{cls}_speaker_gold"]
        out[cls] = {
            "gold": counts[f"{cls}_gold"],
            "pred": counts[f"{cls}_pred"],
            "content": _prf(
                counts[f"{cls}_tp_pred"], counts[f"{cls}_pred"], counts[f"{cls}_tp_gold"], counts[f"{cls}_gold"]
            ),
            "speaker_accuracy": round(counts[f"{cls}_speaker_ok"] / sp, 4) if sp else 0.0,
            "speaker_scored": sp,
        }
    return out


def evaluate_polnear(
    path: str | Path,
    limit: int | None = None,
    every: int = 1,
    errors: list[dict[str, Any]] | None = None,
    pipeline: Any = None,
) -> dict[str, Any]:
    """Run the pipeline on PolNeAR texts under ``path`` (every ``every``-th, at most ``limit``) and score quotes."""
    from eventwire.pipeline import Pipeline

    root = Path(path)
    splits = _splits(root)
    if not splits:
        raise ValueError(f"{root}: no PolNeAR split (a folder with text/ and attributions/) found")
    pipeline = pipeline or Pipeline(stages=QUOTE_STAGES)
    dates = _publication_dates(root)
    result: dict[str, Any] = {}
    for split, folder in splits.items():
        counts: dict[str, int] = defaultdict(int)
        anns = choose_annotations(folder / "attributions")
        names = sorted(n for n in anns if (folder / "text" / f"{n}.txt").is_file())[::every]
        for name in names[:limit] if limit is not None else names:
            text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
            gold = parse_ann(anns[name], text)
            record = pipeline.analyse(text, published=dates.get(name)).to_dict()
            counts["docs"] += 1
            errs = score_document(record, gold, counts)
            if errors is not None:
                errors.extend({"doc": name} | e for e in errs)
        result[split] = _summary(counts)
    return result if len(result) > 1 else next(iter(result.values())) | {"split": next(iter(result))}
