"""Score the ``places`` stage against geoparsing gold in the LGL and GeoVirus XML formats.

LGL: ``<article><text><toponyms><toponym><start><end><phrase><gaztag geonameid><lat><lon>``; toponyms
without a ``gaztag`` are unresolved in the gold and are used only for the precision of system toponyms.
GeoVirus: ``<article><text><locations><location><name><start><end><lat><lon>`` (its offsets count from 1;
spans are re-aligned on the name when they are off by a few characters). The format is detected
from the file. Metrics follow Gritta et al. (2018, "What's missing in geoparsing?"): accuracy within
161 km, mean and median error, and the AUC of the sorted log-error curve (lower is better).
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.knowledge.gazetteer import haversine_km

# Half the Earth's circumference: the error of a toponym detected but left unresolved.
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: a character span and, when resolved in the gold, its coordinates."""

    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass
class GoldDoc:
    """One gold document: its text and toponyms."""

    ref: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    try:
        return float(node.text)
    except ValueError:
        return None


def _int(node: ET.Element | None) -> int | None:
    value = _float(node)
    return int(value) if value is not None else None


def _align(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """Offsets of ``phrase`` near ``start`` (GeoVirus counts from 1), else the offsets as given."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in (-1, 1, -2, 2, -3, 3):
        s = start + shift
        if s >= 0 and text[s : s + len(phrase)] == phrase:
            return s, s + len(phrase)
    return start, end


def detect_format(root: ET.Element) -> str:
    """``"lgl"`` or ``"geovirus"`` from the first article's markup."""
    article = root.find("article")
    if article is None:
        raise ValueError("no <article> element: not an LGL or GeoVirus file")
    if article.find("toponyms") is not None:
        return "lgl"
    if article.find("locations") is not None:
        return "geovirus"
    raise ValueError("articles have neither <toponyms> (LGL) nor <locations> (GeoVirus)")


def parse_gold(path: str | Path) -> tuple[str, list[GoldDoc]]:
    """The format name and the documents of an LGL or GeoVirus XML file."""
    root = ET.parse(path).getroot()
    fmt = detect_format(root)
    docs: list[GoldDoc] = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc = GoldDoc(art.get("docid") or str(i), text)
        if fmt == "lgl":
            for t in art.iter("toponym"):
                start, end = _int(t.find("start")), _int(t.find("end"))
                if start is None or end is None:
                    continue
                tag = t.find("gaztag")
                lat = lon = gid = None
                if tag is not None:
                    lat, lon = _float(tag.find("lat")), _float(tag.find("lon"))
                    raw_id = tag.get("geonameid") or ""
                    gid = int(raw_id) if raw_id.isdigit() else None
                phrase = t.findtext("phrase") or ""
                start, end = _align(text, start, end, phrase)
                doc.toponyms.append(GoldToponym(start, end, phrase or text[start:end], lat, lon, gid))
        else:
            for loc in art.iter("location"):
                start, end = _int(loc.find("start")), _int(loc.find("end"))
                if start is None or end is None:
                    continue
                lat, lon = _float(loc.find("lat")), _float(loc.find("lon"))
                name = loc.findtext("name") or ""
                start, end = _align(text, start, end, name)
                doc.toponyms.append(GoldToponym(start, end, name or text[start:end], lat, lon))
        doc.toponyms.sort(key=lambda g: g.start)
        docs.append(doc)
    return fmt, docs


@dataclass(frozen=True)
class SystemToponym:
    """One system place mention with the coordinates of the place it was resolved to."""

    start: int
    end: int
    lat: float | None
    lon: float | None


def system_toponyms(analysis: Any, demonyms: bool = True) -> list[SystemToponym]:
    """Every place mention in an analysed article and, unless ``demonyms`` is false, every demonym mention."""
    out = []
    for item in [*analysis.places, *(analysis.demonyms if demonyms else ())]:
        for m in item.mentions:
            out.append(SystemToponym(m.start, m.end, item.lat, item.lon))
    return sorted(out, key=lambda s: s.start)


def _best_overlap(g: GoldToponym, system: list[SystemToponym]) -> SystemToponym | None:
    best, best_len = None, 0
    for s in system:
        overlap = min(g.end, s.end) - max(g.start, s.start)
        if overlap > best_len:
            best, best_len = s, overlap
    return best


def error_auc(errors: list[float]) -> float:
    """Area under the sorted curve of ln(1 + error km) / ln(20039), x scaled to [0, 1] (Gritta et al.)."""
    if not errors:
        return 0.0
    ys = sorted(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in errors)
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (len(ys) - 1)


def score_docs(docs: list[GoldDoc], systems: list[list[SystemToponym]]) -> dict[str, Any]:
    """Metrics over gold documents and the system toponyms found in each."""
    n_gold = n_detected = n_ok = 0
    n_unresolved_gold = 0
    n_system = n_system_hit = 0
    errors: list[float] = []
    for doc, system in zip(docs, systems, strict=True):
        for g in doc.toponyms:
            if g.lat is None or g.lon is None:
                n_unresolved_gold += 1
                continue
            n_gold += 1
            s = _best_overlap(g, system)
            if s is None:
                continue
            n_detected += 1
            err = MAX_ERROR_KM if s.lat is None or s.lon is None else haversine_km(g.lat, g.lon, s.lat, s.lon)
            errors.append(err)
            n_ok += err <= ACC_KM
        for s in system:
            n_system += 1
            n_system_hit += any(s.start < g.end and g.start < s.end for g in doc.toponyms)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    precision = ratio(n_system_hit, n_system)
    recall = ratio(n_detected, n_gold)
    return {
        "docs": len(docs),
        "gold_toponyms": n_gold,
        "gold_unresolved_skipped": n_unresolved_gold,
        "detected": n_detected,
        "recall": recall,
        "acc161_gold": ratio(n_ok, n_gold),
        "acc161_detected": ratio(n_ok, n_detected),
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "auc_log_error": round(error_auc(errors), 4),
        "system_toponyms": n_system,
        "system_precision": precision,
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
    }


def evaluate_geo(path: str | Path, limit: int | None = None) -> dict[str, Any]:
    """Run the places stage over an LGL or GeoVirus XML file and score it (JSON-ready dict)."""
    from eventwire.article import article_from_text
    from eventwire.pipeline import Pipeline

    fmt, docs = parse_gold(path)
    if limit is not None:
        docs = docs[:limit]
    pipeline = Pipeline(stages=("entities", "places"))
    started = time.perf_counter()
    systems: list[list[SystemToponym]] = []
    places_only: list[list[SystemToponym]] = []
    parsed = pipeline.nlp.pipe([d.text for d in docs], batch_size=16)
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        analysis = pipeline.run_stages(article_from_text(doc.text), spacy_doc)
        systems.append(system_toponyms(analysis))
        places_only.append(system_toponyms(analysis, demonyms=False))
    result: dict[str, Any] = {"format": fmt, "path": str(path)}
    result.update(score_docs(docs, systems))
    strict = score_docs(docs, places_only)
    result["places_only"] = {k: strict[k] for k in ("detected", "recall", "acc161_gold", "acc161_detected")}
    result["notes"] = {
        "detected": "gold toponyms with coordinates overlapped by a system place or demonym mention",
        "places_only": 'the same scores from place mentions alone, without demonyms ("Iraqi"), which records '
        "keep apart from places; LGL's gold counts demonyms as toponyms, GeoVirus's does not",
        "acc161_gold": "share of gold toponyms resolved within 161 km; misses and unresolved count as failures",
        "errors": f"over detected toponyms; a detected toponym left unresolved counts {MAX_ERROR_KM:.0f} km",
        "auc_log_error": "Gritta et al. 2018: area under sorted ln(1+km)/ln(20039) curve, lower is better",
        "system_precision": "system mentions overlapping any gold toponym (LGL includes gold-unresolved ones); "
        "GeoVirus gold does not tag every toponym, so its precision is a lower bound",
    }
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result
