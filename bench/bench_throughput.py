"""Throughput, scaling, memory and cold start of eventwire, against the bare spaCy pipeline in the same run.

Prints one JSON object:
- (a) words per second of eventwire and of the bare spaCy pipeline on the same texts (interleaved in blocks of
  100 articles), and their ratio by wall-clock and by CPU time, with the lowest, median and highest block ratio;
- (b) the speed-up from 1 to 2 worker processes;
- (c) peak resident memory of one worker process;
- (d) cold start: import, model, knowledge and gazetteer, up to the first record;
- (e) each stage's share of eventwire's time (the spaCy parse counted as "nlp").

Usage: python bench/bench_throughput.py [--n 1000] [--scale-n 400]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load_corpus, words  # noqa: E402

# Measure what the `eventwire` command runs: importing it sets one BLAS thread per process before numpy
# loads. Both sides of the ratio run in this process, so they share the setting.
import eventwire.cli  # noqa: E402, F401

COLD_START = """
import time
t0 = time.perf_counter()
from eventwire.pipeline import Pipeline
p = Pipeline()
p.analyse("Police arrested 12 protesters in Nairobi on Monday.", published="2024-05-08")
print(time.perf_counter() - t0)
"""

WORKER = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from corpus import load_corpus
from eventwire.pipeline import Pipeline
arts = load_corpus({n})
p = Pipeline()
t = time.perf_counter()
for _ in p.pipe(arts, batch_size=32):
    pass
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": time.perf_counter() - t, "maxrss_mb": rss}}))
"""


def _run_python(code: str) -> str:
    """Run code in a fresh interpreter and return its stdout."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def bench_ratio(articles: list[dict[str, str]], block: int = 100) -> dict:
    """(a) and (e): eventwire versus bare spaCy on the same texts, interleaved block by block.

    Each block of articles is run by both, in alternating order, so that a machine that slows down or speeds up
    during the run (shared machines do) weighs on both sides alike; the ratio is of the summed times.
    """
    import spacy

    from eventwire.language import detect_language
    from eventwire.nlp import model_name
    from eventwire.pipeline import Pipeline

    n_words = words(articles)
    bare = spacy.load(model_name())
    pipeline = Pipeline()
    list(pipeline.pipe(articles[:20]))  # warm up: gazetteer and lexicons loaded, caches filled
    list(bare.pipe([a["text"] for a in articles[:20]]))
    # ... and the language model, loaded at the first text that does not plainly look English (a one-time
    # cost, as the others: cold start (d) measures those).
    detect_language("Der Stadtrat hat am Montag beschlossen, die Brücke über den Fluss im nächsten Jahr zu erneuern.")
    pipeline.stage_seconds.clear()

    def run_spacy(part: list[dict[str, str]]) -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        for _ in bare.pipe([a["text"] for a in part], batch_size=32):
            pass
        return time.perf_counter() - t, time.process_time() - c

    def run_eventwire(part: list[dict[str, str]]) -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        for _ in pipeline.pipe(part, batch_size=32):
            pass
        return time.perf_counter() - t, time.process_time() - c

    wall = {"spacy": 0.0, "eventwire": 0.0}
    cpu = {"spacy": 0.0, "eventwire": 0.0}
    block_ratios = []
    for k in range(0, len(articles), block):
        part = articles[k : k + block]
        order = [("spacy", run_spacy), ("eventwire", run_eventwire)]
        timed = dict((name, fn(part)) for name, fn in (order if (k // block) % 2 == 0 else order[::-1]))
        for name, (w, c) in timed.items():
            wall[name] += w
            cpu[name] += c
        block_ratios.append(timed["spacy"][0] / timed["eventwire"][0])
    spacy_s, ew = wall["spacy"], wall["eventwire"]
    stages = dict(pipeline.stage_seconds)
    stages["nlp"] = ew - sum(stages.values())
    return {
        "articles": len(articles),
        "words": n_words,
        "spacy_seconds": round(spacy_s, 2),
        "spacy_words_per_second": round(n_words / spacy_s),
        "eventwire_seconds": round(ew, 2),
        "eventwire_words_per_second": round(n_words / ew),
        "eventwire_articles_per_second": round(len(articles) / ew, 2),
        "ratio_eventwire_to_spacy": round(spacy_s / ew, 3),
        # CPU seconds leave out time spent waiting for a core, so this ratio holds on a busy machine too.
        "ratio_by_cpu_time": round(cpu["spacy"] / cpu["eventwire"], 3),
        "block_ratio_range": [
            round(min(block_ratios), 3),
            round(sorted(block_ratios)[len(block_ratios) // 2], 3),
            round(max(block_ratios), 3),
        ],
        "stage_share": {k: round(v / ew, 3) for k, v in sorted(stages.items(), key=lambda kv: -kv[1])},
    }


def _burn(n: int) -> int:
    """Pure CPU work, to measure how much parallelism this machine really gives two processes."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(n: int = 20_000_000) -> float:
    """Speed-up of a pure CPU task from 1 to 2 processes on this machine, in this run (the ceiling for (b))."""
    import multiprocessing

    t = time.perf_counter()
    _burn(n)
    _burn(n)
    one = time.perf_counter() - t
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # start-up excluded
        t = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - t
    return round(one / two, 3)


def bench_scaling(articles: list[dict[str, str]]) -> dict:
    """(b): the same articles on 1 and on 2 worker processes (pool start-up included and reported)."""
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    out = {"articles": len(articles)}
    for n in (1, 2):
        t = time.perf_counter()
        first = None
        for i, _ in enumerate(pipeline.pipe(articles, batch_size=16, n_process=n)):
            if i == 0:
                first = time.perf_counter()
        end = time.perf_counter()
        out[f"seconds_{n}"] = round(end - t, 2)
        out[f"steady_seconds_{n}"] = round(end - first, 2)
    out["speedup"] = round(out["seconds_1"] / out["seconds_2"], 3)
    out["steady_speedup"] = round(out["steady_seconds_1"] / out["steady_seconds_2"], 3)
    out["machine_speedup_pure_cpu"] = machine_parallelism()
    out["steady_speedup_relative_to_machine"] = round(out["steady_speedup"] / out["machine_speedup_pure_cpu"], 3)
    return out


def main() -> None:
    """Run every measurement and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="articles for the throughput ratio (default 1000)")
    parser.add_argument("--scale-n", type=int, default=400, help="articles for the 1-vs-2 worker run")
    parser.add_argument("--only-ratio", action="store_true", help="measure (a) and (e) only, for quick checks")
    parser.add_argument("--only-cold-start", action="store_true", help="measure (d) only (no corpus needed)")
    args = parser.parse_args()
    if args.only_cold_start:
        cold = [float(_run_python(COLD_START)) for _ in range(3)]
        print(json.dumps({"cold_start_seconds": round(min(cold), 2), "cold_start_runs": [round(c, 2) for c in cold]}))
        return
    articles = load_corpus(args.n)
    if args.only_ratio:
        print(json.dumps({"throughput": bench_ratio(articles)}, indent=1))
        return
    cold = [float(_run_python(COLD_START)) for _ in range(3)]
    worker = json.loads(_run_python(WORKER.format(bench=str(Path(__file__).resolve().parent), n=min(args.n, 300))))
    result = {
        "cold_start_seconds": round(min(cold), 2),
        "cold_start_runs": [round(c, 2) for c in cold],
        "throughput": bench_ratio(articles),
        "scaling": bench_scaling(articles[: args.scale_n]),
        "worker_peak_rss_mb": round(worker["maxrss_mb"]),
        "this_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
