"""Scaling out: batched store writes, and the same analysis on a Dask cluster via Parquet partitions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.article import Article

if TYPE_CHECKING:
    from dask.distributed import Client

    from eventwire.store import BaseStore


def store_in_batches(
    store: BaseStore,
    records: Iterable[dict[str, Any]],
    batch_size: int = 64,
    on_done: Callable[[dict[str, Any], bool], None] | None = None,
    on_error: Callable[[dict[str, Any], Exception], None] | None = None,
) -> None:
    """Write records in batched transactions; a failing batch is retried record by record.

    ``on_done(record, stored)`` is called for every record written or already present;
    ``on_error(record, exc)`` for a record that cannot be written (the rest go on).
    """
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        try:
            known = {r["article"]["id"] for r in batch if store.has_article(r["article"]["id"])}
            store.add_many(batch)
            seen: set[str] = set()
            for r in batch:
                aid = r["article"]["id"]
                if on_done:
                    on_done(r, aid not in known and aid not in seen)
                seen.add(aid)
        except Exception:  # noqa: BLE001 - one bad record must not sink its batch
            for r in batch:
                try:
                    stored = store.add(r)
                except Exception as exc:  # noqa: BLE001
                    if on_error:
                        on_error(r, exc)
                    continue
                if on_done:
                    on_done(r, stored)
        batch.clear()

    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()


def _analyse_partition(articles: list[Article], path: str) -> str:
    """Analyse one partition on a worker and write its records to a Parquet file."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    from eventwire.pipeline import shared_pipeline

    # The worker's shared pipeline: the model and gazetteer load once per worker process, not per task.
    pipeline = shared_pipeline()
    records = [r.to_dict() for r in pipeline.pipe(articles, batch_size=16)]
    table = pa.table(
        {
            "position": list(range(len(records))),
            "article_id": [r["article"]["id"] for r in records],
            "record": [json.dumps(r, ensure_ascii=False) for r in records],
        }
    )
    pq.write_table(table, path)
    return path


def _client(scheduler: str, workers: int) -> Client:
    """A Dask client: ``local`` starts a local cluster of worker processes, else connect to the address."""
    from dask.distributed import Client, LocalCluster

    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        return Client(cluster)
    if scheduler == "local-threads":
        # In-process cluster: used by the tests, where starting processes would reload the model.
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0")
        return Client(cluster)
    return Client(scheduler)


def dask_analyse(
    articles: list[Article],
    out_dir: Path,
    scheduler: str = "local",
    workers: int = 2,
    partition_size: int = 50,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Analyse articles on a Dask cluster; returns the Parquet partitions in input order."""
    from dask.distributed import as_completed

    out_dir.mkdir(parents=True, exist_ok=True)
    parts = [articles[i : i + partition_size] for i in range(0, len(articles), partition_size)]
    paths = [str(out_dir / f"part-{i:06d}.parquet") for i in range(len(parts))]
    with _client(scheduler, workers) as client:
        futures = client.map(_analyse_partition, parts, paths, pure=False)
        sizes = {f.key: len(part) for f, part in zip(futures, parts, strict=True)}
        for future in as_completed(futures):
            future.result()
            if progress:
                progress(sizes[future.key])
    return [Path(p) for p in paths]


def read_partitions(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Records from Parquet partitions written by :func:`dask_analyse`, in order."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    for path in sorted(paths):
        table = pq.read_table(path, columns=["position", "record"]).sort_by("position")
        for text in table.column("record").to_pylist():
            yield json.loads(text)
