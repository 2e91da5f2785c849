"""Cost of the ``places`` stage per article relative to the spaCy pipeline on the same articles (JSON out).

Usage: ``python bench/bench_places.py [--limit N]``. Uses gold corpus texts from ``../shared/eval/geo``
(or ``$EVENTWIRE_SHARED/eval/geo``) when present, else a few built-in sentences. Both costs are
measured in the same run on the same machine, so the ratio is comparable across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

FALLBACK = [
    "Gunmen attacked a market in Kukawa, Borno State, on Friday, killing 12 people.",
    "Clashes erupted in Tripoli on Monday. Lebanon's army said Beirut stayed calm.",
    "A man from Springfield, Ill., was arrested in Paris, Texas, after a chase on Interstate 30.",
] * 20


def _texts(limit: int) -> tuple[str, list[str]]:
    """Gold texts (LGL and GeoVirus) or the fallback sentences."""
    from eventwire.evaluate.geo import parse_gold

    shared = Path(os.environ.get("EVENTWIRE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    texts: list[str] = []
    used = []
    for rel in ("lgl/lgl.xml", "geovirus/GeoVirus.xml"):
        path = shared / "eval" / "geo" / rel
        if path.exists():
            texts += [d.text for d in parse_gold(path)[1][: limit // 2]]
            used.append(str(path))
    return (", ".join(used), texts) if texts else ("built-in sentences", FALLBACK[:limit])


def main() -> None:
    """Time spaCy, the entities stage and the places stage over the same articles; print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles to time (half from each corpus)")
    args = parser.parse_args()

    from eventwire.article import article_from_text
    from eventwire.knowledge.gazetteer import get_gazetteer
    from eventwire.pipeline import Pipeline
    from eventwire.stages.places import places

    source, texts = _texts(args.limit)
    started = time.perf_counter()
    get_gazetteer()
    gazetteer_load = time.perf_counter() - started
    pipeline = Pipeline(stages=("entities",))
    pipeline.nlp("warm up")

    started = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - started
    analyses = []
    started = time.perf_counter()
    for text, doc in zip(texts, docs, strict=True):
        analyses.append(pipeline.run_stages(article_from_text(text), doc))
    entities_s = time.perf_counter() - started
    started = time.perf_counter()
    for analysis in analyses:
        places(analysis)
    places_s = time.perf_counter() - started

    n = len(texts)
    print(
        json.dumps(
            {
                "articles": n,
                "source": source,
                "chars_per_article": round(sum(map(len, texts)) / n),
                "gazetteer_load_s": round(gazetteer_load, 2),
                "spacy_ms_per_article": round(1000 * spacy_s / n, 2),
                "entities_ms_per_article": round(1000 * entities_s / n, 2),
                "places_ms_per_article": round(1000 * places_s / n, 2),
                "places_over_spacy": round(places_s / spacy_s, 3),
                "toponyms_per_article": round(sum(len(a.places) for a in analyses) / n, 2),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
