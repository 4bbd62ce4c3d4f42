"""The build's worker processes: they parse the documents the cache lacks and write the page.

This module imports nothing heavy, so that the workers can start before the pipeline's own modules
are loaded (kg/cli.py starts them first): what the workers run is imported in the workers.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import PipelineError
from kg.settings import Settings

if TYPE_CHECKING:
    from kg.analysis import Analysed
    from kg.model import Document
    from kg.spool import SentenceReader


def _batches(documents: Sequence[Document], size: int) -> Iterator[list[Document]]:
    for i in range(0, len(documents), size):
        yield list(documents[i:i + size])


def _get_ready(settings: Settings) -> None:
    """Load in a new worker what parsing needs (the model, the data), while the build's own process
    reads the inputs and the cache."""
    from kg.analysis import get_ready

    get_ready(settings)


def _analyse(documents: list[Document], settings: Settings) -> list[Analysed]:
    from kg.analysis import analyse_batch

    return analyse_batch(documents, settings)


class Workers:
    """The build's worker processes, when it may use more than one (`settings.n_process` > 1, no
    Dask scheduler): they parse the documents the cache lacks, and one of them writes the page.

    The first one starts at once and loads the model while this process reads the inputs and the
    cache, so a rebuild that finds one new document parses it without waiting for spaCy, and this
    process never loads it. The others start when there are batches for them. They start fresh
    (forkserver): no threads or locks of this process are copied.
    """

    def __init__(self, settings: Settings, *, parse: bool = True) -> None:
        self.settings = settings
        self.size = settings.n_process if settings.n_process > 1 and not settings.scheduler else 0
        self.pool = ProcessPoolExecutor(max_workers=self.size, mp_context=get_context("forkserver")) if self.size else None
        self.ready = self.pool.submit(_get_ready, settings) if self.pool is not None and parse else None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, kind, *exc) -> None:
        if self.pool is None:
            return
        if kind is not None:  # failed or interrupted: stop the workers rather than wait for their work
            _stop(self.pool)
        self.pool.shutdown(wait=True, cancel_futures=True)

    def batches(self, documents: Sequence[Document]) -> Iterator[list[Analysed]]:
        """Yield the analysis of the documents batch by batch, in order: on the Dask cluster
        `settings.scheduler`, in the worker processes, or in this process when there are none."""
        batches = list(_batches(documents, self.settings.batch_size))
        if self.settings.scheduler:
            from kg.cluster import dask_batches

            yield from dask_batches(batches, self.settings)
            return
        if self.pool is None:
            from kg.analysis import analyse_batch

            for batch in batches:
                yield analyse_batch(batch, self.settings)
            return
        try:
            if batches and self.ready is not None:
                # The first batch goes to the worker that has the model, once it has: a batch sent
                # while it is loading would start another worker to load it again.
                self.ready.result()
                self.ready = None
            pending: list[Future] = []
            for batch in batches:  # keep two batches per worker in flight: memory stays bounded
                pending.append(self.pool.submit(_analyse, batch, self.settings))
                if len(pending) >= 2 * self.size:
                    yield pending.pop(0).result()
            for f in pending:
                yield f.result()
        except BrokenProcessPool as e:
            raise PipelineError(f"a parsing process died ({e.__cause__ or 'killed, perhaps out of memory'}); the output "
                                f"folder is left as it was: run again, with fewer processes (-j 1) if memory is short") from None

    def page(self, events: list, path: Path, sentence: SentenceReader) -> "_Page":
        """Start writing the build's page (graph.html) of `events`: in a worker when there is one."""
        return _Page(events, path, sentence, self.pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now (Python 3.14 has `terminate_workers`; before it, the executor's
    process table is the only handle on them)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def run_batches(documents: Sequence[Document], settings: Settings) -> Iterator[list[Analysed]]:
    """Yield the analysis of the documents batch by batch, in order: in this process, in
    `settings.n_process` worker processes, or on the Dask cluster `settings.scheduler`."""
    with Workers(settings, parse=False) as workers:
        yield from workers.batches(documents)


class _Page:
    """The build's page (graph.html) of `events`, written by a worker of `pool`, started at once,
    or else by this process when waited for."""

    def __init__(self, events: list, path: Path, sentence: SentenceReader, pool: ProcessPoolExecutor | None) -> None:
        self.events, self.path, self.sentence = events, path, sentence
        self.future = pool.submit(_write_page, events, path, sentence) if pool is not None else None
        if self.future is not None:
            self.events = None

    def wait(self) -> None:
        if self.future is None:
            _write_page(self.events, self.path, self.sentence)
            self.events = None
            self.sentence.close()
            return
        try:
            self.future.result()
        except BrokenProcessPool as e:
            why = e.__cause__ or "killed, perhaps out of memory"
            raise PipelineError(f"the process writing {self.path.name} died ({why}); the output folder is left as "
                                f"it was: run again with -j 1") from None


def _write_page(events: list, path: Path, sentence: "SentenceReader") -> None:
    from kg.export.html import write_events_page

    write_events_page(events, path, sentence=sentence)


__all__ = ["Workers", "run_batches"]
