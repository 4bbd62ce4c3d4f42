"""Build benchmark: corpora of N articles, against a plain spaCy nlp.pipe over the same texts.

usage: python scripts/bench_build.py [--sizes 100,1000,10000] [--out scripts/BENCHMARKS.md]

For each N it reports, measured in the same run on the same machine:
- a clean build (`kg build --no-cache`) with 1 and with 2 processes: wall time, documents and
  words per second, peak memory of the whole process tree (sampled every 0.1 s);
- the floor of this design, a plain `nlp.pipe` over the same texts with the same model, 1 and 2
  processes, and the ratio of the build to it;
- an incremental rebuild after adding one article, and its ratio to the clean build;
- the time of every named query on the built store (Oxigraph), run as a user runs it (`kg query`).

The corpus is made from the sample and development articles, each copy with its paragraphs
shuffled (seeded) and its own id and date in 2025, so no two documents are the same and the cache
cannot hide work.
"""
from __future__ import annotations

import argparse
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/devsets/*/articles/*.txt"))
QUERIES = {"balance": [], "between": ["a=Putin", "b=Trump"], "central": [],
           "in_period": ["start=2025-03-01", "end=2025-03-31"], "said_about": ["speaker=Zelensky", "about=Putin"],
           "stance_on": ["topic=ceasefire"]}
GOALS = "build ≤ 1.3× nlp.pipe; 2 processes ≥ 1.6× faster than 1 at 1,000; memory at 10,000 ≤ 1.2× at 1,000; incremental < 5 %; every named query < 2 s at 1,000"


def make_corpus(folder: Path, n: int, seed: int = 1) -> int:
    """Write n distinct articles and their metadata.csv into folder; return the number of words."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows, words = ["file,published"], 0
    for k in range(n):
        paragraphs = [p for p in SOURCES[k % len(SOURCES)].read_text(encoding="utf-8").split("\n\n") if p.strip()]
        rng.shuffle(paragraphs)
        text = "\n\n".join(paragraphs) + "\n"
        words += len(text.split())
        (folder / f"a{k:05d}.txt").write_text(text, encoding="utf-8")
        rows.append(f"a{k:05d}.txt,{date(2025, 1, 1) + timedelta(days=rng.randrange(365))}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return words


def measure(cmd: list[str]) -> tuple[float, float]:
    """Run cmd; return its wall time in seconds and the peak memory of its process tree in MB."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]))
        except psutil.Error:
            pass
        time.sleep(0.1)
    took = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.read().decode()[-500:]}")
    return took, peak / 1e6


PLAIN = """
import sys, spacy
from pathlib import Path
nlp = spacy.load(sys.argv[1])
texts = (p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt")))
for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[3])):
    pass
"""


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def bench(n: int, work: Path) -> dict:
    from kg.settings import DEFAULT_MODEL

    corpus = work / f"corpus-{n}"
    words = make_corpus(corpus, n)
    row: dict = {"n": n, "words": words}
    for procs in (1, 2):
        row[f"plain{procs}"], _ = measure([sys.executable, "-c", PLAIN, DEFAULT_MODEL, str(corpus), str(procs)])
        out = work / f"out-{n}-{procs}"
        row[f"build{procs}"], row[f"mem{procs}"] = measure(kg("build", str(corpus), "--out", str(out), "--no-cache",
                                                              "-q", "-j", str(procs)))
    out = work / f"out-{n}"
    row["cached_build"], _ = measure(kg("build", str(corpus), "--out", str(out), "-q"))
    extra = SOURCES[0].read_text(encoding="utf-8").replace("\n\n", "\n\nNew paragraph.\n\n", 1)
    (corpus / "new-article.txt").write_text(extra, encoding="utf-8")
    row["incremental"], _ = measure(kg("build", str(corpus), "--out", str(out), "-q"))
    for name, params in QUERIES.items():
        row[f"q_{name}"], _ = measure(kg("query", "--graph", str(out), "--name", name,
                                         *[a for p in params for a in ("--param", p)]))
    return row


def report(rows: list[dict], commit: str) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import spacy

    lines = [f"Measured {date.today()} at commit {commit} on {cpu}, {psutil.cpu_count()} cores, "
             f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}, spaCy {spacy.__version__}.",
             "", f"Goals: {GOALS}.", "",
             "| articles | words | nlp.pipe 1 proc | build 1 proc | ratio | nlp.pipe 2 procs | build 2 procs | ratio | 1 → 2 procs speed-up | docs/s (2 procs) | words/s (2 procs) | peak MB (1 / 2 procs) | first build into the folder (cache on) | rebuild, 1 new article | incremental / clean |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['words']:,} | {r['plain1']:.1f} s | {r['build1']:.1f} s | {r['build1'] / r['plain1']:.2f}× "
                     f"| {r['plain2']:.1f} s | {r['build2']:.1f} s | {r['build2'] / r['plain2']:.2f}× | {r['build1'] / r['build2']:.2f}× "
                     f"| {r['n'] / r['build2']:.1f} | {r['words'] / r['build2']:.0f} | {r['mem1']:.0f} / {r['mem2']:.0f} "
                     f"| {r['cached_build']:.1f} s | {r['incremental']:.1f} s | {r['incremental'] / r['build2']:.1%} |")
    lines += ["", "Named queries on the built Oxigraph store, wall time of `kg query` (process start included):", "",
              "| articles | " + " | ".join(QUERIES) + " |", "| ---: |" + " ---: |" * len(QUERIES)]
    for r in rows:
        lines.append(f"| {r['n']:,} | " + " | ".join(f"{r['q_' + q]:.2f} s" for q in QUERIES) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "scripts" / "BENCHMARKS.md", help="where to write the results")
    args = parser.parse_args()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    work = Path(tempfile.mkdtemp(prefix="geokg-bench-"))
    rows = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            rows.append(bench(n, work))
            text = report(rows, commit)
            print(text, flush=True)
            args.out.write_text("# Build benchmark (scripts/bench_build.py)\n\n" + text, encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
