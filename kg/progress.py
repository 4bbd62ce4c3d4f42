"""What `kg build` tells the user while it works and when it ends.

On a terminal: a progress bar (documents done of all, sentences per second, statements so far,
time left), drawn on standard error by rich. In a pipe or CI nothing is drawn while working.
`--verbose` prints a line per document instead; `--quiet` prints only errors. The closing summary
says what was built, what came from the cache, and every input skipped with its reason.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from kg.model import Document

QUIET, NORMAL, VERBOSE = 0, 1, 2


class BuildProgress:
    """The callbacks `kg.pipeline.build` reports to, drawing a bar on a terminal."""

    def __init__(self, level: int = NORMAL, stream: TextIO | None = None, *, live: bool | None = None,
                 clean: Callable[[str], str] = str) -> None:
        self.level = level
        self.stream = stream or sys.stderr
        self.live = (self.stream.isatty() if live is None else live) and level == NORMAL
        self.clean = clean
        self.done = self.sentences = self.statements = self.failed = 0
        self.total = 0
        self.started = time.monotonic()
        self._bar = None
        self._task = None

    def start(self, documents: int, cached: int) -> None:
        self.total = documents
        self.started = time.monotonic()
        if self.level >= VERBOSE:
            self._say(f"building {documents} documents ({cached} from the cache)")
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]} sentences/s · {task.fields[statements]} statements found"),
                                 TextColumn("· left"), TimeRemainingColumn(),
                                 console=Console(file=self.stream, force_terminal=True), transient=True)
            self._task = self._bar.add_task("documents", total=documents, rate="0", statements=0)
            self._bar.start()

    def document(self, document: Document, analysed) -> None:
        self.done += 1
        self.sentences += analysed.sentences
        self.statements += len(analysed.statements)
        self.failed += analysed.failure is not None
        if self.level >= VERBOSE:
            if analysed.failure is not None:
                what = f"skipped: {analysed.failure}"
            else:
                what = f"{analysed.sentences} sentences, {len(analysed.statements)} statements" + (" (cached)" if analysed.cached else "")
            self._say(f"[{self.done}/{self.total}] {document.id}: {what}")
        if self._bar is not None:
            elapsed = max(time.monotonic() - self.started, 1e-6)
            self._bar.update(self._task, completed=self.done, rate=f"{self.sentences / elapsed:.0f}",
                             statements=self.statements)

    def phase(self, name: str) -> None:
        """Say what the build does after the documents: "writing", "loading the store"."""
        if self.level >= VERBOSE:
            self._say(name)
        if self._bar is not None:
            self._bar.update(self._task, description=name)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _say(self, line: str) -> None:
        print(self.clean(line), file=self.stream, flush=True)


def closing_summary(result, elapsed: float) -> list[str]:
    """Return the lines that close a build: what was built, from the cache, skipped and why."""
    lines = [result.summary()]
    extra = [f"{result.events} events"]
    if result.cached:
        extra.append(f"{result.cached} of {len(result.documents)} documents from the cache")
    extra.append(f"{elapsed:.1f} s")
    lines.append("  " + ", ".join(extra))
    if result.skipped:
        lines.append(f"skipped {len(result.skipped)} input(s) (listed in build-report.json):")
        lines.extend(f"  {s.path}: {s.reason}" for s in result.skipped)
    lines.extend(f"warning: {w}" for w in result.warnings)
    if result.undated:
        lines.append(f"note: no publication date for {len(result.undated)} document(s): {', '.join(result.undated)}")
    return lines
