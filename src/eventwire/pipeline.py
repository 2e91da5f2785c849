"""Pipeline: the spaCy pipeline, knowledge and stages loaded once, applied to many articles."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from eventwire.analysis import Analysis
from eventwire.article import Article, article_from_text
from eventwire.chunks import merge_records, pieces
from eventwire.language import detect_language, language_name, looks_english
from eventwire.nlp import load_nlp, model_name
from eventwire.record import Record, generator_info
from eventwire.stages import STAGE_ORDER, StageInfo, check_stages, get_stages

ArticleLike = Article | str | dict[str, Any]
_RULER = "eventwire_actors"
# Longer texts are analysed in pieces of at most this many characters, split at paragraph or sentence ends.
CHUNK_CHARS = 100_000


def _as_date(value: date | str | None) -> date | None:
    """Accept a date or an ISO string."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"published {value!r} is not a date (expected YYYY-MM-DD)") from None


def to_article(item: ArticleLike) -> Article:
    """Coerce text, a dict with ``text`` (and optional id/title/published/url/source) or an Article."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return article_from_text(item)
    if isinstance(item, dict):
        if not isinstance(item.get("text"), str):
            raise ValueError("an article dict needs a 'text' string")
        ref = item.get("id", item.get("ref"))
        return article_from_text(
            item["text"],
            published=_as_date(item.get("published")),
            title=item.get("title"),
            url=item.get("url"),
            source=item.get("source"),
            ref=str(ref) if ref is not None else None,
        )
    raise TypeError(f"cannot analyse {type(item).__name__}: pass text, a dict with 'text', or an Article")


class Pipeline:
    """Loads the spaCy pipeline and knowledge once, then analyses articles.

    >>> pipeline = Pipeline()
    >>> records = list(pipeline.pipe(["Police arrested 12 protesters in Nairobi on Monday."]))
    """

    def __init__(
        self,
        model: str | None = None,
        stages: tuple[str, ...] = STAGE_ORDER,
        nlp: Any = None,
        chunk_chars: int = CHUNK_CHARS,
        detect_languages: bool = True,
    ) -> None:
        self.model = model or model_name()
        # ``nlp``: an already loaded spaCy pipeline to use instead of loading ``model``.
        self.nlp = nlp if nlp is not None else load_nlp(self.model)
        self.chunk_chars = chunk_chars
        self.detect_languages = detect_languages
        self._add_actor_ruler()
        self.stages: list[StageInfo] = get_stages(tuple(stages))
        check_stages(self.stages)
        # Seconds spent in each stage since the pipeline was made (cheap; read by the benchmarks).
        self.stage_seconds: dict[str, float] = defaultdict(float)
        self.generator = generator_info(
            self.nlp.meta.get("name") and f"{self.nlp.lang}_{self.nlp.meta['name']}", self.nlp.meta.get("version")
        )

    def settings(self) -> dict[str, Any]:
        """The arguments that rebuild this pipeline in another process (all but an ``nlp`` object passed in)."""
        return {
            "model": self.model,
            "stages": tuple(info.name for info in self.stages),
            "chunk_chars": self.chunk_chars,
            "detect_languages": self.detect_languages,
        }

    def _add_actor_ruler(self) -> None:
        """Add the entity ruler fed by the actor knowledge base (once per spaCy pipeline)."""
        if _RULER in self.nlp.pipe_names:
            return
        after = "ner" if "ner" in self.nlp.pipe_names else None
        self.nlp.add_pipe("eventwire_actor_matcher", name=_RULER, after=after)

    def run_stages(self, article: Article, doc: Any) -> Analysis:
        """Run every stage over one parsed article (none when ``doc`` is None: a text not in English)."""
        excluded = [tuple(r) for r in article.metadata.get("furniture_spans", [])]
        analysis = Analysis(article=article, doc=doc, excluded=excluded)
        if doc is None:
            return analysis
        for info in self.stages:
            start = time.perf_counter()
            info.func(analysis)
            self.stage_seconds[info.name] += time.perf_counter() - start
        return analysis

    def analyse(
        self,
        text: str | Article,
        published: date | str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        ref: str | None = None,
    ) -> Record:
        """Analyse one article and return its record."""
        if isinstance(text, Article):
            article = text
        else:
            article = article_from_text(
                text, published=_as_date(published), title=title, url=url, source=source, ref=ref
            )
        return self._record(article)

    def is_english(self, article: Article) -> bool:
        """True when the article is analysed in English; else its language is set and a note says why not."""
        if article.language == "en":
            if not self.detect_languages or looks_english(article.text):
                return True
            found = detect_language(article.text)
            if found.english:
                return True
            article.language = found.language
            article.metadata["language_detected"] = found.to_dict()
        # Otherwise the reader or the caller said which language it is.
        article.metadata["language_note"] = (
            f"written in {language_name(article.language)} ({article.language}); eventwire analyses English only, "
            "so no entities, places, times, quantities, quotes or events were extracted"
        )
        return False

    def _record(self, article: Article, doc: Any = None) -> Record:
        """The record of one article: ``doc`` when parsed already, in pieces when long, empty when not English."""
        if doc is None and not self.is_english(article):
            return Record.from_analysis(self.run_stages(article, None), self.generator)
        if doc is None and len(article.text) > self.chunk_chars:
            return self._record_in_pieces(article)
        doc = doc if doc is not None else self.nlp(article.text)
        return Record.from_analysis(self.run_stages(article, doc), self.generator)

    def _record_in_pieces(self, article: Article) -> Record:
        """Analyse a very long article piece by piece (bounded memory, linear time) and join the records."""
        furniture = [tuple(r) for r in article.metadata.get("furniture_spans", [])]
        parts = []
        for offset, text in pieces(article.text, self.chunk_chars):
            end = offset + len(text)
            piece = Article(text=text, title=article.title, published=article.published, language=article.language)
            inside = [[max(a, offset) - offset, min(b, end) - offset] for a, b in furniture if a < end and b > offset]
            if inside:
                piece.metadata["furniture_spans"] = inside
            doc = self.nlp(text)
            parts.append((offset, Record.from_analysis(self.run_stages(piece, doc), self.generator).to_dict()))
            del doc
        article.metadata["analysed_in_pieces"] = len(parts)
        head = Record.from_analysis(Analysis(article=article, doc=None), self.generator).to_dict()
        return Record(merge_records(article.text, parts, head["article"]))

    def pipe(self, articles: Iterable[ArticleLike], batch_size: int = 16, n_process: int = 1) -> Iterator[Record]:
        """Analyse many articles lazily, yielding records in input order."""
        items = (to_article(a) for a in articles)
        if n_process > 1:
            yield from _pipe_processes(self.settings(), items, batch_size, n_process)
            return
        buffered: list[Article] = []
        for article in items:
            buffered.append(article)
            if len(buffered) >= batch_size:
                yield from self._batch(buffered)
                buffered = []
        if buffered:
            yield from self._batch(buffered)

    def _batch(self, batch: list[Article]) -> Iterator[Record]:
        """Parse a batch with ``nlp.pipe`` and run the stages on each doc (long or non-English ones apart)."""
        plain = [a for a in batch if len(a.text) <= self.chunk_chars and self.is_english(a)]
        parsed = self.nlp.pipe([a.text for a in plain], batch_size=max(1, len(plain)))
        docs = dict(zip(map(id, plain), parsed, strict=True))
        for article in batch:
            if id(article) in docs:
                yield self._record(article, docs.pop(id(article)))
            elif len(article.text) > self.chunk_chars:
                yield self._record(article)
            else:
                yield Record.from_analysis(self.run_stages(article, None), self.generator)


_WORKER: Pipeline | None = None


def _init_worker(settings: dict[str, Any]) -> None:
    """Build the pipeline once per worker process, with the parent pipeline's settings."""
    global _WORKER
    _WORKER = Pipeline(**settings)


def _work(batch: list[Article]) -> list[Record]:
    """Analyse a batch of articles in a worker: one batched parse, as in a single process."""
    assert _WORKER is not None
    return list(_WORKER.pipe(batch, batch_size=len(batch)))


def _pipe_processes(
    settings: dict[str, Any], items: Iterator[Article], batch_size: int, n_process: int
) -> Iterator[Record]:
    """Analyse on ``n_process`` worker processes, preserving order, holding a bounded queue of batches.

    Each task is a batch of ``batch_size`` articles, so that workers parse with ``nlp.pipe`` as one
    process does. Up to four tasks per worker wait in the queue, which keeps every worker busy and
    memory bounded; the input is read in this thread only (a store may be asked about it).
    """
    ctx = multiprocessing.get_context("spawn")
    pending: deque[Any] = deque()
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(settings,)) as pool:
        while batch := list(itertools.islice(items, batch_size)):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= n_process * 4:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


_SHARED_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _shared() -> Pipeline:
    """The process-wide default pipeline (built once)."""
    return Pipeline()


def shared_pipeline() -> Pipeline:
    """The one default :class:`Pipeline` of this process, built on first use (thread-safe; loading takes seconds).

    The CLI, the HTTP server, ``eventwire.analyse`` and Dask workers all use this one instead of keeping their own.
    """
    with _SHARED_LOCK:
        return _shared()
