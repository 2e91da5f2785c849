"""Bounded load test of the HTTP API on loopback: many readers on GET /api/events, a few writers on /api/analyse.

Starts `eventwire serve` on 127.0.0.1 (a free port) over a store of the example articles, warms it up,
then runs for a fixed time and prints one JSON object: requests served, errors (any non-2xx status or
transport failure), requests per second, and p50/p90/p99/max latency per endpoint. Traffic goes to
127.0.0.1 only, and stops by itself.

Usage: python bench/bench_load.py [--readers 50] [--writers 4] [--duration 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FILTERS = [
    {},
    {"type": "ASSAULT"},
    {"q": "police"},
    {"actor": "MIL"},
    {"country": "Kenya"},
    {"since": "2015-01-01", "until": "2025-12-31"},
    {"sort": "fatalities", "limit": 20},
    {"format": "geojson"},
    {"format": "csv"},
    {"modality": "reported", "offset": 5},
]
ARTICLES = [
    "Police arrested {n} protesters outside parliament on Monday, officials said.",
    "Gunmen attacked a checkpoint near the border overnight, killing {n} soldiers, the army said.",
    "Hundreds of workers marched through the capital on Friday to demand {n} months of unpaid wages.",
    "The minister said on Tuesday that talks with the rebels would resume within {n} days.",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build_store(db: Path) -> None:
    """Analyse examples/ into ``db`` (the read load needs events to find)."""
    subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", str(ROOT / "examples"), "--db", str(db)],
        check=True,
        capture_output=True,
    )


async def _wait_up(base: str, timeout: float = 120) -> None:
    async with httpx.AsyncClient() as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if (await client.get(base + "/api/stats")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.25)
    raise RuntimeError("the server did not come up")


async def _run(base: str, readers: int, writers: int, duration: float) -> dict:
    latencies: dict[str, list[float]] = {"GET /api/events": [], "POST /api/analyse": []}
    errors: dict[str, list[str]] = {k: [] for k in latencies}
    limits = httpx.Limits(max_connections=readers + writers + 4, max_keepalive_connections=readers + writers + 4)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        # Warm-up: the pipeline loads on the first analyse; that is start-up, not load.
        await client.post("/api/analyse", json={"text": ARTICLES[0].format(n=3)})
        stop = time.monotonic() + duration
        rng = random.Random(5)

        async def reader() -> None:
            while time.monotonic() < stop:
                params = rng.choice(FILTERS)
                await _call(client, "GET /api/events", client.get("/api/events", params=params))

        async def writer() -> None:
            while time.monotonic() < stop:
                text = " ".join(a.format(n=rng.randint(2, 500)) for a in rng.sample(ARTICLES, 3))
                body = {"text": text, "published": "2024-05-08"}
                await _call(client, "POST /api/analyse", client.post("/api/analyse", json=body))

        async def _call(client: httpx.AsyncClient, name: str, request) -> None:
            started = time.perf_counter()
            try:
                response = await request
                if response.status_code >= 300:
                    errors[name].append(str(response.status_code))
            except httpx.HTTPError as exc:
                errors[name].append(type(exc).__name__)
            latencies[name].append(time.perf_counter() - started)

        began = time.monotonic()
        await asyncio.gather(*(reader() for _ in range(readers)), *(writer() for _ in range(writers)))
        elapsed = time.monotonic() - began
    out: dict = {"duration_s": round(elapsed, 1), "readers": readers, "writers": writers, "endpoints": {}}
    for name, values in latencies.items():
        values.sort()
        q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
        out["endpoints"][name] = {
            "requests": len(values),
            "errors": len(errors[name]),
            "error_kinds": sorted(set(errors[name])),
            "per_second": round(len(values) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 1),
            "p90_ms": round(q[89] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1),
            "max_ms": round(values[-1] * 1000, 1) if values else None,
        }
    out["requests"] = sum(e["requests"] for e in out["endpoints"].values())
    out["errors"] = sum(e["errors"] for e in out["endpoints"].values())
    return out


def main() -> None:
    """Run the load test and print its JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--duration", type=float, default=30.0)
    args = parser.parse_args()
    if not 0 < args.duration <= 600 or not 0 <= args.readers <= 500 or not 0 <= args.writers <= 50:
        parser.error("keep the load bounded: duration 1-600 s, at most 500 readers and 50 writers")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        _build_store(db)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            asyncio.run(_wait_up(base))
            report = asyncio.run(_run(base, args.readers, args.writers, args.duration))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    print(json.dumps(report, indent=1))
    if report["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
