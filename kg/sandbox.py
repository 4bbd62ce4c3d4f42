"""SPARQL queries in worker processes that can be stopped.

A query that runs past its time cap cannot be interrupted inside rdflib or Oxigraph, so each
query runs in a worker process that holds the store open; past the cap the worker is killed and
a fresh one takes its place, and the caller gets a QueryError at once. A worker's address space
is capped too, so a runaway query fails alone instead of taking the machine's memory.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import InputError, QueryError
from kg.store import Answer


class QueryTimeout(QueryError):
    """The query ran past the time cap and was stopped."""


class Busy(QueryError):
    """No worker came free within the time cap."""


@dataclass(frozen=True, slots=True)
class Caps:
    """What one query may use."""

    timeout_s: float = 60.0  # running time
    max_memory_mb: int | None = 4096  # address space of a worker; None: no cap
    wait_s: float = 30.0  # waiting for a free worker, when all are busy (or being replaced)


def _limit_memory(max_memory_mb: int | None) -> None:
    if max_memory_mb:
        import resource

        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _work(conn: Connection, graph: str, kind: str, max_memory_mb: int | None) -> None:
    """A worker's life: open the store, then answer queries until told to stop."""
    from kg.errors import GeokgError
    from kg.store import open_store

    try:
        _limit_memory(max_memory_mb)
        store = open_store(Path(graph), kind)
        # Ready means able to answer at once: the first query imports the query engine's modules,
        # which the fork server has preloaded only when this process had not started it already.
        store.answer("ASK {}", "json")
    except GeokgError as e:
        conn.send(("error", str(e)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        query, fmt = message
        try:
            conn.send(("ok", store.answer(query, fmt)))
        except QueryError as e:
            conn.send(("query", str(e)))
        except MemoryError:
            conn.send(("query", f"query stopped: it needed more than the {max_memory_mb} MB cap"))
        except Exception as e:  # a store's internal failure: say what it was, keep serving
            conn.send(("query", f"query failed: {type(e).__name__}: {' '.join(str(e).split())}"))


class _Worker:
    def __init__(self, context: multiprocessing.context.BaseContext, graph: Path, kind: str, caps: Caps) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, str(graph), kind, caps.max_memory_mb), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise QueryError("the query worker did not start")
        status, message = self.conn.recv()
        if status != "ready":
            self.kill()
            raise InputError(message)  # the store could not be opened: the worker said why

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=2)
        self.kill()


class QueryPool:
    """`workers` processes holding the store at `graph` open; answer() runs one query on a free one."""

    def __init__(self, graph: Path, kind: str = "auto", *, workers: int = 2, caps: Caps = Caps()) -> None:
        self.graph, self.kind, self.caps = graph, kind, caps
        # A fork server (single-threaded, so safe beside a threaded server) with the store's
        # modules loaded makes a replacement worker start in milliseconds, not the seconds of imports.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["kg.sandbox", "kg.store", "rdflib.plugins.sparql", "pyoxigraph"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._start() for _ in range(max(1, workers))]
        try:
            for w in started:
                w.wait_ready(120)
        except (InputError, QueryError):
            self.close()
            raise
        for w in started:
            self._idle.put(w)

    def _start(self) -> _Worker:
        w = _Worker(self._context, self.graph, self.kind, self.caps)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        """Kill a worker and start its successor in the background."""
        dead.kill()
        with self._lock:
            self._all.discard(dead)
        if self._closed:
            return

        def start() -> None:
            w = self._start()
            try:
                w.wait_ready(120)
            except (InputError, QueryError):
                with self._lock:
                    self._all.discard(w)
                return
            if self._closed:
                w.stop()
            else:
                self._idle.put(w)

        threading.Thread(target=start, daemon=True).start()

    def answer(self, query: str, fmt: str = "json") -> Answer:
        """Run a query within the time cap (QueryTimeout past it) once a worker is free (Busy when
        none came free within wait_s)."""
        try:
            worker = self._idle.get(timeout=self.caps.wait_s)
        except queue.Empty:
            raise Busy(f"no query worker came free within {self.caps.wait_s:g} s; try again later") from None
        deadline = time.monotonic() + self.caps.timeout_s
        try:
            worker.conn.send((query, fmt))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise QueryTimeout(f"query stopped after {self.caps.timeout_s:g} s (the time cap)")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryError("query stopped: it exhausted its worker (out of memory?)") from None
        self._idle.put(worker)
        if status != "ok":
            raise QueryError(payload)
        return payload

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
