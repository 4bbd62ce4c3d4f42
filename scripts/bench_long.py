#!/usr/bin/env python3
"""Benchmark: build time per kilobyte of one article, from 10 KB to 1 MB.

usage: python scripts/bench_long.py [--sizes 10,100,1000]

Writes one article per size (KB), made of the sample articles' sentences in a shuffled order,
and builds each alone with `kg build`'s pipeline in this process (the spaCy model loaded once
beforehand, so its loading is not counted). Prints seconds, seconds per KB and that figure's
ratio to the smallest article's, measured in the same run: a flat ratio (about 1) means build
time grows linearly with article length.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def article(kilobytes: int, seed: int = 11) -> str:
    """Return an article of about `kilobytes` KB: the seeds' lines, shuffled, repeated as needed."""
    lines = [line for p in sorted((ROOT / "seeds").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if len(line.split()) > 8]
    rnd = random.Random(seed)
    out, size = [], 0
    while size < kilobytes * 1000:
        line = rnd.choice(lines)
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    return "---\npublished: 2025-03-19\n---\n" + "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="article sizes in KB, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from kg.nlp import load_pipeline
    from kg.pipeline import build
    from kg.settings import Settings

    settings = Settings.from_env()
    load_pipeline(settings.model)  # loaded once, not timed
    print(f"{'KB':>6}  {'seconds':>8}  {'s per KB':>9}  {'ratio to smallest':>17}")
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for kb in sizes:
            folder = Path(tmp) / f"in{kb}"
            folder.mkdir()
            (folder / "long.txt").write_text(article(kb), encoding="utf-8")
            start = time.perf_counter()
            build([folder], Path(tmp) / f"out{kb}", settings)
            took = time.perf_counter() - start
            per_kb = took / kb
            first = first or per_kb
            print(f"{kb:>6}  {took:>8.1f}  {per_kb:>9.3f}  {per_kb / first:>16.2f}x")


if __name__ == "__main__":
    main()
