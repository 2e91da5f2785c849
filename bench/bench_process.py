"""Whole-process speed, cold start and peak memory of the `eventwire` command, as a user runs it (issue 19).

Every figure is of a fresh process, timed from start to exit, against a bare spaCy script run the same way in
the same run. Prints one JSON object:
- (a) `eventwire extract FILE --format jsonl` (output to /dev/null) on a JSONL file of N corpus articles, against
  a process that imports spaCy, loads the same model (``eventwire.nlp.model_name()``) and parses the same texts
  with ``nlp.pipe``; the two run in alternating order over several rounds (as bench_throughput.py interleaves its
  blocks), so that a machine that slows down or speeds up weighs on both alike. The ratio is bare time /
  eventwire time (1.0: eventwire costs nothing over the parse), of the summed times, with the lowest, median and
  highest round; by wall-clock and by the children's CPU time (which leaves out waiting for a core);
- (b) cold start: `eventwire extract` of one sentence against a process that only imports spaCy and loads the
  model, interleaved, the median of several runs of each, both times and their ratio;
- (c) peak resident memory (the child's ru_maxrss) of the eventwire process on the N articles.

Both sides run with the environment the `eventwire` command gives itself (one BLAS thread), so the ratio measures
eventwire and not a threading setting. One untimed run of each comes first (disk caches, eventwire's own caches).

Usage: python bench/bench_process.py [--n 588] [--rounds 4] [--cold-runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load_corpus, words  # noqa: E402

SENTENCE = "Police arrested 12 protesters in Nairobi on Monday.\n"
# The targets of issue 19.
TARGET_RATIO = 0.85
TARGET_COLD_START_RATIO = 1.5
TARGET_PEAK_MB = 600

BARE_PARSE = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f if line.strip()]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""

BARE_LOAD = """
import sys
import spacy
spacy.load(sys.argv[1])
"""


@dataclass
class Run:
    """One child process: wall-clock seconds from start to exit, CPU seconds (user + system), peak memory."""

    wall: float
    cpu: float
    maxrss_mb: float


def child_env() -> dict[str, str]:
    """This environment with the BLAS thread settings the `eventwire` command sets for itself (for both sides)."""
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    return env


def run_process(argv: list[str], env: dict[str, str]) -> Run:
    """Run ``argv`` to its exit, stdout to /dev/null, and measure it; raise with its stderr when it fails."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
        # wait4 reaps this one child and gives its own resource usage (RUSAGE_CHILDREN would mix all children).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"{' '.join(argv[:4])} ... exited with {proc.returncode}:\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def eventwire_argv(*args: str) -> list[str]:
    """The `eventwire` command run by this interpreter (the package found on its path, as PYTHONPATH says)."""
    return [sys.executable, "-m", "eventwire", *args]


def write_jsonl(articles: list[dict[str, str]], path: Path) -> None:
    """The articles as JSON lines (``text``, ``published``), the input of both sides."""
    with path.open("w", encoding="utf-8") as f:
        for article in articles:
            f.write(json.dumps({"text": article["text"], "published": article["published"]}) + "\n")


def spread(values: list[float]) -> list[float]:
    """Lowest, median and highest, rounded."""
    return [round(min(values), 3), round(statistics.median(values), 3), round(max(values), 3)]


def interleaved(sides: dict[str, list[str]], rounds: int, env: dict[str, str]) -> dict[str, list[Run]]:
    """Run each side once per round, the order alternating from round to round (first round: as given)."""
    runs: dict[str, list[Run]] = {name: [] for name in sides}
    names = list(sides)
    for k in range(rounds):
        for name in names if k % 2 == 0 else names[::-1]:
            runs[name].append(run_process(sides[name], env))
    return runs


def bench_articles(path: Path, n_words: int, rounds: int, batch_size: int, env: dict[str, str]) -> dict:
    """(a) and (c): eventwire extract against the bare spaCy script on the same file, interleaved by rounds."""
    from eventwire.nlp import model_name

    sides = {
        "spacy": [sys.executable, "-c", BARE_PARSE, model_name(), str(path), str(batch_size)],
        "eventwire": eventwire_argv("extract", str(path), "--format", "jsonl"),
    }
    runs = interleaved(sides, rounds, env)
    bare, ew = runs["spacy"], runs["eventwire"]
    spacy_s, ew_s = sum(r.wall for r in bare), sum(r.wall for r in ew)
    return {
        "rounds": rounds,
        "spacy_seconds": [round(r.wall, 2) for r in bare],
        "eventwire_seconds": [round(r.wall, 2) for r in ew],
        "spacy_words_per_second": round(n_words * rounds / spacy_s),
        "eventwire_words_per_second": round(n_words * rounds / ew_s),
        "ratio_spacy_to_eventwire": round(spacy_s / ew_s, 3),
        "round_ratio_range": spread([b.wall / e.wall for b, e in zip(bare, ew, strict=True)]),
        # CPU seconds leave out time spent waiting for a core, so this ratio holds on a busy machine too.
        "ratio_by_cpu_time": round(sum(r.cpu for r in bare) / sum(r.cpu for r in ew), 3),
        "target_ratio": TARGET_RATIO,
        "eventwire_peak_rss_mb": round(max(r.maxrss_mb for r in ew)),
        "spacy_peak_rss_mb": round(max(r.maxrss_mb for r in bare)),
        "target_peak_rss_mb": TARGET_PEAK_MB,
    }


def bench_cold_start(path: Path, runs: int, env: dict[str, str]) -> dict:
    """(b): eventwire extract of one sentence against importing spaCy and loading the model, interleaved."""
    from eventwire.nlp import model_name

    sides = {
        "spacy": [sys.executable, "-c", BARE_LOAD, model_name()],
        "eventwire": eventwire_argv("extract", str(path)),
    }
    timed = interleaved(sides, runs, env)
    spacy_s = statistics.median(r.wall for r in timed["spacy"])
    ew_s = statistics.median(r.wall for r in timed["eventwire"])
    return {
        "runs": runs,
        "spacy_load_seconds": round(spacy_s, 2),
        "eventwire_seconds": round(ew_s, 2),
        "ratio_eventwire_to_spacy_load": round(ew_s / spacy_s, 3),
        "target_ratio": TARGET_COLD_START_RATIO,
        "spacy_load_runs": [round(r.wall, 2) for r in timed["spacy"]],
        "eventwire_runs": [round(r.wall, 2) for r in timed["eventwire"]],
        "eventwire_peak_rss_mb": round(max(r.maxrss_mb for r in timed["eventwire"])),
    }


def main() -> None:
    """Write the corpus file, run every measurement and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=588, help="corpus articles in the JSONL file (default 588)")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds of (a) (default 4)")
    parser.add_argument("--cold-runs", type=int, default=5, help="runs of each side of (b) (default 5)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size of the bare script")
    parser.add_argument("--quick", action="store_true", help="a short run: 100 articles, 2 rounds, 3 cold runs")
    parser.add_argument("--only-cold-start", action="store_true", help="measure (b) only")
    args = parser.parse_args()
    if args.quick:
        args.n, args.rounds, args.cold_runs = min(args.n, 100), min(args.rounds, 2), min(args.cold_runs, 3)
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        sentence = Path(tmp) / "sentence.txt"
        sentence.write_text(SENTENCE, encoding="utf-8")
        # Untimed: fills the disk cache and whatever eventwire keeps on disk, as for a user's second call.
        run_process(eventwire_argv("extract", str(sentence)), env)
        result: dict = {"command": " ".join(eventwire_argv()), "pythonpath": os.environ.get("PYTHONPATH", "")}
        if not args.only_cold_start:
            articles = load_corpus(args.n)
            corpus = Path(tmp) / "articles.jsonl"
            write_jsonl(articles, corpus)
            n_words = words(articles)
            result["articles"] = {"articles": len(articles), "words": n_words}
            result["articles"].update(bench_articles(corpus, n_words, args.rounds, args.batch_size, env))
        result["cold_start"] = bench_cold_start(sentence, args.cold_runs, env)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
