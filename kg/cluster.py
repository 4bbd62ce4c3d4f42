"""Analysis on a Dask cluster: the batches of a build go to `dask.distributed` workers.

`kg build --scheduler tcp://host:8786` sends each batch of documents to a worker of that cluster,
which runs `kg.analysis.analyse_batch` (its spaCy model stays loaded between batches) and sends
back the compact result of each document (`Analysed`: statements, never the parse). Merging,
cross-document resolution and writing stay on the machine that runs `kg build`, like the cache.
`--scheduler local` starts a cluster of `settings.n_process` worker processes on this machine.

Before the first batch, every worker is asked what it has installed: a worker without geokg,
without the spaCy model, with other versions, or without a gazetteer or lexicon file of the
build is refused with one line naming the scheduler and what is missing, as is an address that
does not answer within `CONNECT_TIMEOUT` seconds.
"""
from __future__ import annotations

import asyncio
import logging
import platform
import signal
import threading
import uuid
import warnings
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GeokgError, PipelineError
from kg.model import Document
from kg.settings import ONTOLOGY_DIR, Settings

if TYPE_CHECKING:
    from distributed import Client, Future

    from kg.analysis import Analysed

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
CONNECT_TIMEOUT = 5.0  # seconds to reach the scheduler: a wrong address fails fast
WORKERS_TIMEOUT = 10.0  # seconds to wait for the first worker of a scheduler that has none yet
IN_FLIGHT_PER_WORKER = 2  # batches sent ahead per worker: each is busy, memory stays bounded
# What must be the same on a worker as here for its analysis to equal this machine's, in the
# order the check reports a difference.
_SAME = ("python", "dask", "distributed", "cloudpickle", "geokg", "spacy", "model", "pipeline")

# A Dask worker may run several tasks at once in threads; one spaCy pipeline must not parse two
# batches at a time, and threads gain nothing on CPU-bound parsing. One lock per worker process.
_PARSING = threading.Lock()


def dask_batches(batches: Sequence[list[Document]], settings: Settings) -> Iterator[list[Analysed]]:
    """Yield the analysis of each batch (one `Analysed` per document), in batch order, made on the
    Dask cluster `settings.scheduler`. The client, and a local cluster, are closed at the end, also
    when the build fails or is interrupted."""
    if not batches:  # everything came from the cache: no need of a cluster
        return
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        raise PipelineError(f"--scheduler needs dask.distributed: pip install 'dask[distributed]' ({e})") from e
    address = settings.scheduler or LOCAL
    # A worker reads the user's data files at the same path, never relative to its own folder.
    settings = replace(settings, ontology_dir=settings.ontology_dir.absolute(),
                       gazetteers=tuple(p.absolute() for p in settings.gazetteers),
                       lexicons=tuple(p.absolute() for p in settings.lexicons))
    with ExitStack() as stack:
        stack.enter_context(_quiet_logs())
        client = _connect(address, settings, min(settings.n_process, len(batches)), stack)
        workers = _check_workers(client, address, settings)
        yield from _ordered_results(client, address, batches, settings, IN_FLIGHT_PER_WORKER * workers)


def _connect(address: str, settings: Settings, local_workers: int, stack: ExitStack) -> Client:
    """Return a client of the cluster at `address` (a new LocalCluster for "local"), closed with `stack`."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        try:
            # Loopback only and no dashboard: a local build opens no port to the network. The
            # scheduler's HTTP routes (health, metrics) still listen: on a free port, not 8787,
            # which another cluster may hold.
            cluster = LocalCluster(n_workers=max(1, local_workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL,
                                   scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        except Exception as e:
            raise PipelineError(f"--scheduler local: could not start a Dask cluster on this machine: {_one_line(e)}") from e
        stack.callback(cluster.close)
        client = Client(cluster, set_as_default=False)
        stack.callback(client.close)
        # Ctrl-C reaches the worker processes too, as they share the terminal; this process
        # stops them, so they need not print their own KeyboardInterrupt tracebacks.
        client.run(_ignore_interrupts)
        return client
    _reachable(address)
    try:
        with warnings.catch_warnings():
            # Dask warns of other dask versions on the workers; _check_workers says it in one line.
            warnings.simplefilter("ignore")
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as e:
        raise PipelineError(f"--scheduler {address}: could not connect to the Dask scheduler: {_one_line(e)}") from e
    stack.callback(client.close)
    return client


def _reachable(address: str) -> None:
    """Raise PipelineError unless a Dask scheduler answers at `address` within CONNECT_TIMEOUT.

    Checked before making a Client: a Client that fails to connect lingers until the interpreter
    exits, then prints a traceback."""
    from distributed.comm import connect
    from distributed.security import Security

    async def handshake() -> None:
        # Security() reads the TLS settings of Dask's configuration, as a Client does.
        comm = await connect(address, timeout=CONNECT_TIMEOUT, **Security().get_connection_args("client"))
        await comm.close()

    async def bounded() -> None:  # the handshake after the TCP connection has no timeout of its own
        await asyncio.wait_for(handshake(), CONNECT_TIMEOUT)

    try:
        # In a thread of its own: the caller's thread may run an event loop already (a notebook).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, bounded()).result()
    except (OSError, ValueError, TypeError) as e:  # OSError includes TimeoutError
        why = f"no answer within {CONNECT_TIMEOUT:g} s" if isinstance(e, OSError) else _one_line(e)
        raise PipelineError(f"--scheduler {address}: no Dask scheduler there ({why}); start one with `dask scheduler` "
                            f"or use --scheduler local") from e


def _check_workers(client: Client, address: str, settings: Settings) -> int:
    """Return the number of workers, after checking that each one has what this machine has."""
    try:
        if not client.scheduler_info().get("workers"):
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except Exception as e:
        raise PipelineError(f"--scheduler {address}: the scheduler has no workers; start some with "
                            f"`dask worker {address}`") from e
    here = worker_facts(settings, ONTOLOGY_DIR)
    try:
        # First with a function of the standard library, which a worker without geokg can run.
        installed = client.run(version, "geokg", on_error="return")
        for worker, answer in sorted(installed.items()):
            if not isinstance(answer, str):
                raise PipelineError(f"--scheduler {address}: worker {worker} has no geokg: pip install "
                                    f"geokg=={here['geokg']} and the spaCy model {settings.model!r} there")
        answers = client.run(worker_facts, settings, ONTOLOGY_DIR, on_error="return")
    except GeokgError:
        raise
    except Exception as e:
        raise PipelineError(f"--scheduler {address}: could not ask the workers what they have installed: "
                            f"{_one_line(e)}") from e
    for worker, facts in sorted(answers.items()):
        problem = _difference(facts, here, settings)
        if problem:
            raise PipelineError(f"--scheduler {address}: worker {worker} {problem}")
    return max(1, len(answers))


def worker_facts(settings: Settings, ontology_dir: Path) -> dict[str, object]:
    """Return what this process has of what an analysis depends on: versions, the model, the data
    files of `settings`, and the pipeline version. What `kg build --scheduler` asks each worker."""
    from kg.pipeline import pipeline_version

    here = _here(settings, ontology_dir)
    missing = [str(p) for p in (here.ontology_dir, *here.gazetteers, *here.lexicons) if not p.exists()]
    model = _version(settings.model.replace("_", "-"))
    if model is None and Path(settings.model).exists():  # a model given as a folder
        model = settings.model
    return {
        "python": ".".join(platform.python_version_tuple()[:2]),
        **{name: _version(name) for name in ("dask", "distributed", "cloudpickle", "geokg", "spacy")},
        "model": model,
        "missing": missing,
        "pipeline": None if missing else pipeline_version(here),
    }


def _difference(facts: object, here: dict[str, object], settings: Settings) -> str | None:
    """Return what a worker lacks or has otherwise than this machine, said for the user, or None."""
    if isinstance(facts, BaseException):
        return f"failed the check: {_one_line(facts)}"
    if not isinstance(facts, dict):
        return f"answered the check with {facts!r}"
    if facts.get("missing"):
        return (f"lacks {', '.join(map(str, facts['missing']))}: gazetteer, lexicon and ontology files must be at "
                f"the same path on every worker")
    if facts.get("model") is None:
        wanted = f" (version {here['model']}, as here)" if here["model"] and here["model"] != settings.model else ""
        return f"lacks the spaCy model {settings.model!r}: pip install it there{wanted}"
    for name in _SAME:
        if facts.get(name) != here[name]:
            if name == "pipeline":
                return "has other geokg code or data than this machine: install the same geokg on both"
            return f"has {name} {facts.get(name)}, this machine {here[name]}: install the same version on both"
    return None


def _ordered_results(client: Client, address: str, batches: Sequence[list[Document]], settings: Settings,
                     in_flight: int) -> Iterator[list[Analysed]]:
    """Yield the result of each batch in order, with at most `in_flight` batches sent ahead."""
    run = uuid.uuid4().hex[:8]
    pending: deque[Future] = deque()
    try:
        for i, batch in enumerate(batches):
            pending.append(client.submit(analyse_on_worker, batch, settings, ONTOLOGY_DIR, pure=False,
                                         key=f"geokg-analyse-{run}-{i}"))
            if len(pending) >= in_flight:
                yield _result(pending.popleft(), address)
        while pending:
            yield _result(pending.popleft(), address)
    finally:
        # The build failed or was interrupted: the scheduler drops the tasks nobody holds a future of.
        pending.clear()


def _result(future: Future, address: str) -> list[Analysed]:
    try:
        return future.result()
    except GeokgError as e:
        raise PipelineError(f"--scheduler {address}: a worker failed: {e}") from e
    except (Exception, asyncio.CancelledError) as e:
        raise PipelineError(f"--scheduler {address}: a batch failed on the cluster: {_one_line(e)}") from e


def analyse_on_worker(documents: Sequence[Document], settings: Settings, ontology_dir: Path) -> list[Analysed]:
    """Return the analysis of a batch (kg.analysis.analyse_batch), made on a Dask worker with its own
    installation of geokg's data. What each task of `kg build --scheduler` runs."""
    from kg.analysis import analyse_batch

    with _PARSING:
        return analyse_batch(documents, _here(settings, ontology_dir))


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _here(settings: Settings, ontology_dir: Path) -> Settings:
    """Return `settings` with geokg's built-in data where this process has it: the sender's
    default ontology folder (`ontology_dir`) is where geokg is installed there, not here."""
    if settings.ontology_dir == ontology_dir and ontology_dir != ONTOLOGY_DIR:
        return replace(settings, ontology_dir=ONTOLOGY_DIR)
    return settings


def _version(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 300 else text[:299] + "…"


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """Silence dask.distributed's log lines on this machine while a build uses the cluster: its
    failures reach the user as one PipelineError."""
    from distributed.utils import silence_logging_cmgr

    loggers = [logging.getLogger(name) for name in ("distributed", "tornado")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with silence_logging_cmgr(logging.CRITICAL):  # its handlers: child loggers set their own levels
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


__all__ = ["CONNECT_TIMEOUT", "LOCAL", "analyse_on_worker", "dask_batches", "worker_facts"]
