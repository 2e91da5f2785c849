"""Request bodies of the HTTP app: an article to analyse or ingest, and the shapes an ingest body may take."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, field_validator

from eventwire.server.security import MAX_BATCH, MAX_TEXT_CHARS


class ArticleIn(BaseModel):
    """One article to analyse or ingest."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article body.")
    published: date | None = Field(None, description="Publication date, the anchor for relative times.")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = Field(None, description="Your own reference for the article (kept as `article.ref`).")

    @field_validator("text", "title", "url", "source", "id")
    @classmethod
    def _no_lone_surrogates(cls, value: str | None) -> str | None:
        """Refuse text that cannot be stored or sent as UTF-8 (a lone UTF-16 surrogate from a JSON escape)."""
        if value is not None and any("\ud800" <= c <= "\udfff" for c in value):
            raise ValueError("contains a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape)")
        return value

    def as_input(self) -> dict[str, Any]:
        """The article as the pipeline takes it (the date as an ISO string)."""
        return {**self.model_dump(exclude_none=True), "published": self.published and self.published.isoformat()}


INGEST_SCHEMA = {
    "anyOf": [
        {"$ref": "#/components/schemas/ArticleIn"},
        {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}, "maxItems": MAX_BATCH},
        {
            "type": "object",
            "properties": {"articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}},
            "required": ["articles"],
        },
    ]
}
_ARTICLE_LIST = TypeAdapter(list[ArticleIn])


def articles_of(body: Any) -> list[ArticleIn]:
    """The articles of an ingest body: one object, a list, or ``{"articles": [...]}``."""
    if isinstance(body, dict) and "articles" in body:
        body = body["articles"]
    elif isinstance(body, dict):
        body = [body]
    if not isinstance(body, list):
        raise HTTPException(422, 'send an article object, a list of them, or {"articles": [...]}')
    if not 1 <= len(body) <= MAX_BATCH:
        raise HTTPException(422, f"send between 1 and {MAX_BATCH} articles")
    try:
        return _ARTICLE_LIST.validate_python(body)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
