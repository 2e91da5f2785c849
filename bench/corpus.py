"""A realistic news corpus for the benchmarks, built from the gold datasets' texts in ../shared/eval."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

SHARED = Path(os.environ.get("EVENTWIRE_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def _lgl(path: Path) -> list[str]:
    """Article texts of an LGL or GeoVirus XML file."""
    root = ET.parse(path).getroot()
    return [el.text for el in root.iter("text") if el.text and el.text.strip()]


def _polnear(path: Path) -> list[str]:
    """PolNeAR article texts (train and dev)."""
    files = sorted(path.glob("*/text/*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def load_corpus(n: int = 1000) -> list[dict[str, str]]:
    """At least ``n`` news articles (cycled if the sources hold fewer), each ``{text, published}``."""
    if not SHARED.is_dir():
        raise SystemExit(f"benchmark corpus needs the gold data: {SHARED} not found (set EVENTWIRE_SHARED)")
    texts = _lgl(SHARED / "eval/geo/lgl/lgl.xml") + _lgl(SHARED / "eval/geo/geovirus/GeoVirus.xml")
    texts += _polnear(SHARED / "eval/quotes/polnear")
    if not texts:
        raise SystemExit(f"no texts found under {SHARED / 'eval'}")
    out = []
    while len(out) < n:
        out.extend({"text": t, "published": "2016-06-23"} for t in texts[: n - len(out)])
    return out


def words(articles: list[dict[str, str]]) -> int:
    """Whitespace-separated words in the corpus."""
    return sum(len(a["text"].split()) for a in articles)
