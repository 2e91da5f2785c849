"""HTML pages to article text, safely: no network, no entity expansion, no scripts or frames, any nesting depth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from eventwire.ingest.errors import InputError

if TYPE_CHECKING:
    from trafilatura.settings import Document

# Elements whose content is never article text (code, embedded documents, fallbacks for them).
_DROP = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript", "template", "svg", "math")
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr", "blockquote"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    """What was extracted from an HTML page."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    sitename: str | None = None


def _tree(html: str) -> Any:
    """The page parsed by lxml with a parser that never touches the network, resolves no entities and
    keeps its default depth and size limits; scripts, frames and embedded objects removed."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, recover=True, default_doctype=False
    )
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, *_DROP, with_tail=False)
    return root


class _TextOnly(HTMLParser):
    """Visible text of a page, streamed (no tree, so no depth limit), skipping the contents of _DROP elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Enter a dropped element, or break the text before a block."""
        if tag in _DROP and tag not in _VOID:
            self.skip += 1
        elif tag in _BLOCK and not self.skip:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        """Leave a dropped element, or break the text after a block."""
        if tag in _DROP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK and not self.skip:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        """Keep text outside dropped elements."""
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        """The text kept, one paragraph per block, whitespace collapsed."""
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n\n"))
        return "\n\n".join(line for line in lines if line)


def plain_text(html: str) -> str:
    """The visible text of a page without building a tree (the fallback for pages lxml cannot take)."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return parser.text()


def extract_html(html: str, where: str) -> Page:
    """The article of a page: trafilatura's main-text extraction, else all visible text, else a clear error."""
    doc = _main_text(html)
    text = (doc.text or "") if doc is not None else ""
    if doc is not None and text.strip():
        return Page(text, doc.title, _published(doc.date), doc.url, doc.sitename)
    # Pages nested deeper than lxml allows, or without a recognisable main text: keep what a reader sees.
    text = plain_text(html)
    if not text.strip():
        raise InputError(where, "no article text found in this HTML page")
    return Page(text)


def _main_text(html: str) -> Document | None:
    """trafilatura's main text and metadata of the page, or None when lxml or trafilatura cannot read it."""
    import trafilatura
    from trafilatura.settings import Document

    tree = _tree(html)
    if tree is None:
        return None
    try:
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    except (RecursionError, ValueError, TypeError):
        return None
    # Without ``as_dict`` trafilatura gives a Document or None.
    return doc if isinstance(doc, Document) else None


def _published(value: str | None) -> date | None:
    """The date of trafilatura's ``date`` field (an ISO date, maybe with a time), None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
