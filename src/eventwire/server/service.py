"""The app's service: its store, read per thread, and the shared analysis pipeline, loaded on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, Protocol

from fastapi import Depends, Request

from eventwire.store import EventFilter, open_store

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.server.models import ArticleIn

Row = dict[str, Any]


class Reads(Protocol):
    """The store's read queries that the app asks (a store, or one thread's view of it)."""

    con: Any

    def search_events(self, flt: EventFilter) -> tuple[int, list[Row]]:
        """The total of matching events and one sorted page of them."""

    def event(self, uid: str) -> Row | None:
        """One event by its public id."""

    def article(self, article_id: str) -> Row | None:
        """The record of one stored article."""

    def top_actors(self, flt: EventFilter, limit: int = 50) -> list[Row]:
        """Actors of the matching events, most events first."""

    def top_places(self, flt: EventFilter, limit: int = 50) -> list[Row]:
        """Places of the matching events, most events first."""

    def stats(self, flt: EventFilter) -> Row:
        """Totals and breakdowns of the matching events."""

    def timeline(self, flt: EventFilter) -> list[Row]:
        """Events per day and type."""

    def facets(self) -> dict[str, list[str]]:
        """The values each filter can take."""


class Service:
    """The store and the lazily loaded pipeline.

    Reads go through a per-thread DuckDB cursor, so requests read side by side; writes (and every
    PostgreSQL query, which share one connection and its transactions) take the store lock.
    """

    def __init__(self, db: str, read_only: bool, pipeline: Pipeline | None = None) -> None:
        self.store = open_store(db, read_only=read_only)
        self.read_only = read_only
        self.lock = threading.Lock()
        self.pipeline_lock = threading.Lock()
        self._pipeline = pipeline
        self._local = threading.local()

    @contextmanager
    def reading(self) -> Iterator[Reads]:
        """The store's read queries for the current thread."""
        if not self.store.concurrent_reads:
            with self.lock:
                yield self.store
            return
        view = getattr(self._local, "view", None)
        if view is None:
            view = self._local.view = self.store.reader()
        # One snapshot per request: a page and its total agree even while articles are being stored.
        view.con.execute("BEGIN TRANSACTION")
        try:
            yield view
        finally:
            view.con.execute("ROLLBACK")

    def pipeline(self) -> Pipeline:
        """The analysis pipeline: the one given, else the process's shared one (loading takes seconds)."""
        from eventwire.pipeline import shared_pipeline

        with self.pipeline_lock:
            if self._pipeline is None:
                self._pipeline = shared_pipeline()
            return self._pipeline

    def analyse(self, items: list[ArticleIn]) -> list[Row]:
        """Records of the given articles."""
        pipeline = self.pipeline()
        dicts = [item.as_input() for item in items]
        with self.pipeline_lock:
            return [r.to_dict() for r in pipeline.pipe(dicts)]


def service(request: Request) -> Service:
    """The service of the app serving the request."""
    svc: Service = request.app.state.service
    return svc


ServiceDep = Annotated[Service, Depends(service)]
