"""The main job: articles in, graph files out.

Stages, in order:
1. ingest (`read_inputs`): documents, and the inputs skipped with their reasons;
2. analysis, one document at a time (kg/analysis.py): parse, extract, resolve within the document.
   Each document is isolated: one that fails is skipped with its reason, the others go on. The
   result of a document is plain data (`Analysed`), cached by the document's content and the
   pipeline's version, and made in worker processes (`settings.n_process`, kg/workers.py), or on
   a Dask cluster (`settings.scheduler`, see kg/cluster.py);
3. cross-document work over the statements: short names merged, confidence floor, events;
4. writing: every output goes into a staging folder beside the output folder, which then replaces
   it as a whole (`swap_in`), so a build killed at any point leaves the previous complete set.
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.analysis import Analysed
from kg.errors import GeokgError, InputError, NothingBuilt
from kg.events import Report, event_order, events_lines, group_events
from kg.export.atomic import atomic_text, atomic_write, atomic_write_lines
from kg.export.formats import statement_sort_key
from kg.export.rdf import Piece, serialise_piece, write_rdf_stream
from kg.extract.lexicon import ROLE_RELATION, load_lexicon
from kg.graph import (PREFIXES, default_graph, document_graph, document_graphs, event_triples,
                      ontology_graph)
from kg.ingest import read_inputs
from kg.ontology import EVENTS_GRAPH, document_iri
from kg.model import Actor, Document, Skipped, Statement, json_text
from kg.resolve import merge_short_names, short_name_targets
from kg.settings import Settings
from kg.spool import SentenceFile, SentenceReader, StatementSpool, interned
from kg.workers import Workers, run_batches
from kg.store import (BUILD_ID_FILE, OXIGRAPH_DIR, REPORT_FILE, OxigraphStore, check_store, graph_digests,
                      subject_digests, write_graph_digests)

CACHE_DIR = ".cache"  # in the output folder: analysed documents, by content and pipeline version
SPOOL_DIR = ".spool"  # in the staging folder while a build writes: its statements and sentences (kg/spool.py)
# Exit codes of `kg build` (README, "Exit codes"):
EXIT_OK = 0  # every document was built
EXIT_PARTIAL = 3  # a graph was built, but some inputs were skipped (build-report.json lists them)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, for the summary and for callers. The statements themselves are read
    back from the output folder's records when asked for: a build never holds them all."""

    documents: tuple[Document, ...]  # the documents built
    sentences: int
    statement_count: int  # events: who did what to whom
    office_count: int  # who holds which office, from titles and appositions
    out: Path
    skipped: tuple[Skipped, ...] = ()  # inputs that were not built, with the reason
    warnings: tuple[str, ...] = ()
    cached: int = 0  # documents whose analysis came from the cache
    events: int = 0
    build_id: str = ""
    actors: int = 0  # distinct actors among the subjects and objects

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Return the statements of the build (statements.jsonl), sorted as written."""
        return _read_records(self.out / "statements.jsonl")

    @property
    def offices(self) -> tuple[Statement, ...]:
        """Return who holds which office (offices.jsonl), sorted as written."""
        return _read_records(self.out / "offices.jsonl")

    @property
    def undated(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents if d.published is None)

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.skipped else EXIT_OK

    def summary(self) -> str:
        return (f"{len(self.documents)} documents, {self.sentences} sentences, {self.statement_count} statements, "
                f"{self.actors} actors, {self.office_count} offices -> {self.out}")


def _read_records(path: Path) -> tuple[Statement, ...]:
    with path.open(encoding="utf-8") as f:
        return tuple(Statement.from_json(json.loads(line)) for line in f if line.strip())


# --- the cache ----------------------------------------------------------------------------------------


def pipeline_version(settings: Settings) -> str:
    """Return a hash of everything that decides a document's analysis: geokg's code and data,
    the user's gazetteer and lexicon additions, the spaCy model and its version."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    roots = [package, settings.ontology_dir, *settings.gazetteers, *settings.lexicons]
    for root in roots:
        # The package's data folder (kg/data in an installed wheel) is the ontology folder, hashed
        # as such: an editable checkout and an installed copy of one version hash alike.
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".ttl", ".tsv", ".txt")
            and not (root == package and p.relative_to(root).parts[0] == "data"))
        for p in files:
            h.update(str(p.relative_to(root) if p != root else p.name).encode())
            h.update(p.read_bytes())
    for dist in ("spacy", settings.model.replace("_", "-")):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    h.update(f"model={settings.model};batch={settings.batch_size}".encode())
    return h.hexdigest()[:24]


def document_key(document: Document) -> str:
    """Return a hash of what the analysis reads of a document."""
    record = [document.id, document.text, document.published.isoformat() if document.published else None,
              document.source, document.title]
    return hashlib.sha256(json.dumps(record, ensure_ascii=False).encode("utf-8")).hexdigest()


class Cache:
    """Analysed documents, one file each, keyed by document content and pipeline version.

    Entries are read from the previous build's cache (`old`) and written to the new build's
    (`new`); an entry the new build uses is hard-linked across, so the cache holds the documents of
    the last build only and never grows stale. The files are pickles of geokg's own plain data,
    written by geokg into the user's own output folder.
    """

    def __init__(self, old: Path | None, new: Path | None, version_: str) -> None:
        self.old, self.new, self.version = old, new, version_
        if new is not None:
            new.mkdir(parents=True, exist_ok=True)

    def _name(self, document: Document) -> str:
        return hashlib.sha256(f"{self.version}:{document_key(document)}".encode()).hexdigest()[:32] + ".pickle.gz"

    def get(self, document: Document) -> Analysed | None:
        if self.old is None:
            return None
        path = self.old / self._name(document)
        try:
            with gzip.open(path, "rb") as f:
                found = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(found, Analysed) or found.document != document.id:
            return None
        self._keep(path)
        return Analysed(found.document, found.sentences, found.statements, None, cached=True)

    def put(self, document: Document, analysed: Analysed) -> None:
        if self.new is None or analysed.failure is not None:
            return
        atomic_write(self.new / self._name(document), gzip.compress(pickle.dumps(analysed, protocol=5), mtime=0))

    def _piece_name(self, digest: str) -> str:
        return hashlib.sha256(f"{self.version}:{digest}".encode()).hexdigest()[:32] + ".rdf.pickle"

    def piece(self, digest: str) -> Piece | None:
        """Return the serialised graph of a document whose final statements have this digest, if
        the last build made it (kept for the next build, as analyses are)."""
        if self.old is None:
            return None
        path = self.old / self._piece_name(digest)
        try:
            found = pickle.loads(path.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(found, Piece):
            return None
        self._keep(path)
        return found

    def put_piece(self, digest: str, piece: Piece) -> None:
        if self.new is not None:
            atomic_write(self.new / self._piece_name(digest), pickle.dumps(piece, protocol=5))

    def _events_name(self) -> str:
        return hashlib.sha256(f"{self.version}:events".encode()).hexdigest()[:32] + ".events.pickle"

    def event_pieces(self) -> dict[str, Piece]:
        """Return the last build's serialised events, by a hash of each event's record: one file
        for them all (an event's block is small, one file each would cost more to open than to make)."""
        if self.old is None:
            return {}
        try:
            found = pickle.loads((self.old / self._events_name()).read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return {}
        if not isinstance(found, dict):
            return {}
        return {k: Piece(*v) for k, v in found.items()}

    def put_event_pieces(self, pieces: dict[str, Piece]) -> None:
        if self.new is not None:
            plain = {k: (p.head, p.trig, p.turtle) for k, p in sorted(pieces.items())}
            atomic_write(self.new / self._events_name(), pickle.dumps(plain, protocol=5))

    def _keep(self, path: Path) -> None:
        if self.new is not None:
            try:
                os.link(path, self.new / path.name)
            except FileExistsError:
                pass
            except OSError:
                shutil.copyfile(path, self.new / path.name)


def analyse_all(documents: Sequence[Document], settings: Settings, cache: Cache,
                on_document: Callable[[Document, Analysed], None] | None = None, *,
                workers: Workers | None = None,
                meanwhile: Callable[[], None] | None = None) -> Iterator[tuple[Document, Analysed]]:
    """Yield each document with its analysis, cached ones first, then the rest as they are made.
    `meanwhile()` is called once between the two, when there are documents to analyse: the
    caller's own work while the workers parse."""
    missing: list[Document] = []
    for d in documents:
        found = cache.get(d)
        if found is None:
            missing.append(d)
            continue
        if on_document:
            on_document(d, found)
        yield d, found
    by_id = {d.id: d for d in missing}
    if missing and meanwhile is not None:
        meanwhile()
    for batch in (workers.batches(missing) if workers is not None else run_batches(missing, settings)):
        for a in batch:
            d = by_id[a.document]
            cache.put(d, a)
            if on_document:
                on_document(d, a)
            yield d, a


# --- the output folder, replaced as a whole -------------------------------------------------------


def _staging(out: Path) -> Path:
    return out.parent / f".{out.name}.building-{os.getpid()}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out: Path) -> None:
    """Undo what a killed build left: put back an output folder moved aside just before the swap,
    and remove staging folders of builds that are no longer running."""
    parent = out.parent
    if not parent.is_dir():
        return
    for p in sorted(parent.glob(f".{out.name}.old-*")):
        if not out.exists():
            os.rename(p, out)
        elif not _pid_alive(_pid_of(p)):
            shutil.rmtree(p, ignore_errors=True)
    for p in parent.glob(f".{out.name}.building-*"):
        if not _pid_alive(_pid_of(p)):
            shutil.rmtree(p, ignore_errors=True)


def _pid_of(p: Path) -> int:
    try:
        return int(p.name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0


def swap_in(staging: Path, out: Path) -> None:
    """Replace the folder `out` by `staging` as a whole. Files in `out` that a build does not make
    (a page from `kg view`, a diff) are carried over; the build's own files never mix."""
    if out.exists():
        made = {p.name for p in staging.iterdir()}
        for p in out.iterdir():
            if p.name not in made and p.name not in BUILD_FILES:
                os.rename(p, staging / p.name)
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, out)


BUILD_FILES = frozenset({"graph.trig", "graph.ttl", "statements.jsonl", "events.jsonl", "offices.jsonl", "graph.html",
                         REPORT_FILE, OXIGRAPH_DIR, CACHE_DIR})


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- the build ------------------------------------------------------------------------------------------


def build(inputs: list[Path], out: Path, settings: Settings, *, as_of: date | None = None,
          on_start: Callable[[int, int], None] | None = None,
          on_document: Callable[[Document, Analysed], None] | None = None,
          on_phase: Callable[[str], None] | None = None, workers: Workers | None = None) -> BuildResult:
    """Build the graph of the articles in `inputs` into the folder `out` and return what was built.

    `on_start(documents, cached)`, `on_document(document, analysed)` and `on_phase(name)` report
    progress. `workers` are the build's worker processes when the caller started them (the CLI
    does, before it imports this module); else the build starts its own. The previous contents of
    `out` stay in place until the new set is complete.
    """
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: not a folder (--out names the folder to build into)")
    with Workers(settings) if workers is None else contextlib.nullcontext(workers) as started:
        return _build(inputs, out, settings, started, as_of=as_of, on_start=on_start, on_document=on_document,
                      on_phase=on_phase)


def _build(inputs: list[Path], out: Path, settings: Settings, workers: Workers, *, as_of: date | None,
           on_start: Callable[[int, int], None] | None, on_document: Callable[[Document, Analysed], None] | None,
           on_phase: Callable[[str], None] | None) -> BuildResult:
    corpus = read_inputs(inputs)
    documents = list(corpus.documents)
    skipped = list(corpus.skipped)
    if as_of is not None:
        documents = [d for d in documents if d.published is not None and d.published <= as_of]
    if not documents:
        named = ", ".join(str(p) for p in inputs)
        why = f" ({len(skipped)} input(s) skipped, see above)" if skipped else ""
        raise NothingBuilt(f"{named}: no documents to build{why}; {out} is left as it was", tuple(skipped))
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    version_ = pipeline_version(settings)
    staging = _staging(out)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        cache = Cache(out / CACHE_DIR if (out / CACHE_DIR).is_dir() else None,
                      staging / CACHE_DIR if settings.cache else None, version_)
        if on_start:
            on_start(len(documents), sum(1 for d in documents if cache.old and (cache.old / cache._name(d)).exists()))
        built: list[Document] = []
        (staging / SPOOL_DIR).mkdir()
        spool = StatementSpool(staging / SPOOL_DIR / "statements")  # each document's statements on disk, as they come
        sentence_file = SentenceFile(staging / SPOOL_DIR / "sentences")
        sentences = cached = 0
        early: list[_Records] = []

        def records_of_the_cached() -> None:
            # While the workers parse the documents the cache lacks, pass 1 of the writers runs over
            # the cached ones with the short-name targets they give; it stands if the whole corpus
            # gives the same (a new article rarely brings a surname that changes them).
            records = _Records(staging / SPOOL_DIR, spool, sentence_file, short_name_targets(spool.people.values()),
                               {d.id: d for d in documents}, settings.min_confidence)
            for document in sorted(spool.documents()):
                records.add(document)
            early.append(records)

        for d, a in analyse_all(documents, settings, cache, on_document, workers=workers,
                                meanwhile=records_of_the_cached if workers.pool is not None else None):
            if a.failure is not None:
                skipped.append(Skipped(d.path or d.id, a.failure))
                continue
            built.append(d)
            spool.add(d.id, a.statements)
            sentences += a.sentences
            cached += a.cached
        if not built:
            raise NothingBuilt(f"no document could be built ({len(skipped)} skipped, see above); {out} is left as it was",
                               tuple(skipped))
        built.sort(key=lambda d: d.id)
        skipped.sort(key=lambda s: s.path)
        result = write_build(staging, built, spool, sentences, settings, version_, skipped, corpus.warnings, cached,
                             on_phase or (lambda name: None), cache=cache,
                             previous=out if settings.cache and cache.old is not None else None, workers=workers,
                             sentence_file=sentence_file, early=early[0] if early else None)
        for records in early:
            records.close()
        sentence_file.close()
        spool.close()
        shutil.rmtree(staging / SPOOL_DIR)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(result.documents, result.sentences, result.statement_count, result.office_count, out,
                       result.skipped, result.warnings, result.cached, result.events, result.build_id, result.actors)


def write_build(folder: Path, documents: list[Document], statements: Iterable[Statement] | StatementSpool,
                sentences: int, settings: Settings, version_: str, skipped: list[Skipped], warnings: Iterable[str],
                cached: int, on_phase: Callable[[str], None], *, cache: Cache | None = None,
                previous: Path | None = None, workers: Workers | None = None,
                sentence_file: SentenceFile | None = None, early: "_Records | None" = None) -> BuildResult:
    """Write every output of the build into `folder` and return what was built.

    The statements are read a document at a time from the spool (statements given otherwise are
    spooled first). Short names are merged with the corpus's table, the confidence floor applied,
    and each document's records written as they are read; events are grouped over compact reports
    (kg/events.py `Report`), whose sentences wait on disk until the page is written.

    With a `cache`, each document's serialised graph is reused when its final statements are
    those of the last build; with `previous` (the last build's folder), its Oxigraph store is
    updated rather than loaded afresh. The page is written by one of `workers` when there are any
    (without `workers`, by a process of its own when `settings.n_process` > 1). `early` are
    records made before the last documents came (kept if the corpus's short-name targets are
    theirs), whose sentences are in `sentence_file`.
    """
    on_phase("writing")
    work = folder / SPOOL_DIR
    work.mkdir(exist_ok=True)
    spool = statements if isinstance(statements, StatementSpool) else StatementSpool.of(work / "given", statements)
    own_sentences = sentence_file is None
    sentence_file = sentence_file or SentenceFile(work / "sentences")
    try:
        with Workers(settings, parse=False) if workers is None else contextlib.nullcontext(workers) as writers:
            result = _write_outputs(folder, documents, spool, sentence_file, sentences, settings, version_, skipped,
                                    warnings, cached, on_phase, cache or Cache(None, None, version_), previous, writers,
                                    early)
    finally:
        if own_sentences:
            sentence_file.close()
        if spool is not statements:
            spool.close()
        if not any(work.iterdir()):
            work.rmdir()
    return result


class _Records:
    """Pass 1 of the writers, a document at a time in any order: each document's records (its lines
    of statements.jsonl and offices.jsonl, kept in two work files with their places and put in
    document order by `write`), a hash of what its graph is made of, and the tables."""

    def __init__(self, work: Path, spool: StatementSpool, sentence_file: SentenceFile, targets: dict[str, Actor],
                 by_id: dict[str, Document], min_confidence: float) -> None:
        self.spool, self.sentence_file, self.targets, self.by_id = spool, sentence_file, targets, by_id
        self.min_confidence = min_confidence
        self.files = tuple(tempfile.TemporaryFile(dir=work) for _ in range(2))  # events', offices'
        self.places: dict[str, tuple[int, int, int, int]] = {}
        self.tables = _Tables()
        self.digests: dict[str, str] = {}

    def kept(self, document: str) -> list[Statement]:
        """Return the document's statements after merging, above the confidence floor, sorted by id."""
        unique = {s.id: s for s in merge_short_names(list(self.spool.get(document)), self.targets)}
        return sorted((s for s in unique.values() if s.confidence >= self.min_confidence), key=lambda s: s.id)

    def add(self, document: str) -> None:
        statements = self.kept(document)
        d = self.by_id.get(document)
        for s in statements:
            _gather(self.tables, s, self.sentence_file, d is not None)
        digest = hashlib.sha256(json.dumps([d.id, d.published.isoformat() if d.published else None, d.source,
                                            d.title] if d else None).encode())
        events, offices = self.files
        starts = events.tell(), offices.tell()
        for s in sorted(statements, key=statement_sort_key):
            line = (json_text(s.to_json()) + "\n").encode("utf-8")
            (offices if s.relation == ROLE_RELATION else events).write(line)
            digest.update(line)
        self.places[document] = (starts[0], events.tell(), starts[1], offices.tell())
        if d is not None:
            self.digests[document] = digest.hexdigest()

    def write(self, events_path: Path, offices_path: Path) -> None:
        """Write statements.jsonl and offices.jsonl: the records of each document, in document order;
        the work files are then closed."""
        for k, path in enumerate((events_path, offices_path)):
            f = self.files[k]
            with atomic_text(path) as out:
                for document in sorted(self.places):
                    start, end = self.places[document][2 * k:2 * k + 2]
                    if end > start:
                        f.seek(start)
                        out.write(f.read(end - start).decode("utf-8"))
        self.close()

    def close(self) -> None:
        for f in self.files:
            f.close()


@dataclass(slots=True)
class _Tables:
    """What the writers gather of the whole corpus in one pass over the statements: small."""

    reports: list[Report] = field(default_factory=list)  # events' statements
    office_reports: list[Report] = field(default_factory=list)
    actors: dict[str, tuple[tuple[str, int], Actor]] = field(default_factory=dict)  # by id: the first in statement order
    actor_ids: set[str] = field(default_factory=set)  # subjects and objects that are actors
    shared: dict[tuple, Actor] = field(default_factory=dict)  # one Actor for equal ones (`interned`)


def _write_outputs(folder: Path, documents: list[Document], spool: StatementSpool, sentence_file: SentenceFile,
                   sentences: int, settings: Settings, version_: str, skipped: list[Skipped], warnings: Iterable[str],
                   cached: int, on_phase: Callable[[str], None], cache: Cache, previous: Path | None,
                   workers: Workers, early: "_Records | None") -> BuildResult:
    targets = short_name_targets(spool.people.values())
    by_id = {d.id: d for d in documents}
    # Pass 1: the records, document by document (their sort is document first), and the tables.
    records = early if early is not None and early.targets == targets else \
        _Records(folder / SPOOL_DIR, spool, sentence_file, targets, by_id, settings.min_confidence)
    for document in sorted(spool.documents()):
        if document not in records.places:
            records.add(document)
    records.write(folder / "statements.jsonl", folder / "offices.jsonl")
    tables, kept = records.tables, records.kept
    digests = dict(sorted(records.digests.items()))  # by document: a hash of what its graph is made of
    reported = group_events(tables.reports)  # statements that report one happening: one event
    # The page needs the events of every report and nothing else of the build: with workers, one of
    # them writes it while this process writes the rest. Offices and events never share a key
    # (`event_key`: an office's is its relation), so the page's events are the two groupings together.
    page_events = sorted(reported + group_events(tables.office_reports), key=event_order)
    sentence_file.flush()
    page = workers.page(page_events, folder / "graph.html", SentenceReader(sentence_file.path))
    del page_events
    build_id = hashlib.sha256(json.dumps([version_, [document_key(d) for d in documents], settings.min_confidence,
                                          settings.store]).encode()).hexdigest()[:16]
    header = f"# geokg build {build_id}\n"
    lexicon = load_lexicon(settings.ontology_dir / "relations.csv", settings.lexicons)
    ontology = ontology_graph(settings.ontology_dir, lexicon)
    prefixes = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "xsd": "http://www.w3.org/2001/XMLSchema#", **{k: str(v) for k, v in PREFIXES.items()}}
    actors = [a for _, a in tables.actors.values()]
    ordered = sorted(documents, key=lambda d: d.id)

    event_digests: dict[str, str] = {}  # by event: a hash of its record, which holds all its triples say

    def event_records() -> Iterator[str]:
        for e, line in zip(sorted(reported, key=event_order), events_lines(reported)):
            event_digests[e.id] = hashlib.sha256(f"{version_}:{line}".encode("utf-8")).hexdigest()[:24]
            yield line

    atomic_write_lines(folder / "events.jsonl", event_records())
    old_events = cache.event_pieces()
    new_events: dict[str, Piece] = {}

    def pieces() -> Iterator[tuple[str | None, list[tuple] | Piece]]:
        """The graphs: the documents' and the events' from the cache when they are unchanged."""
        yield None, default_graph(ontology, actors)
        for d in ordered:
            piece = cache.piece(digests[d.id])
            if piece is None:
                piece = serialise_piece(str(document_iri(d.id)), document_graph(d, kept(d.id)), prefixes)
                cache.put_piece(digests[d.id], piece)
            yield str(document_iri(d.id)), piece
        for e in reported:
            digest = event_digests[e.id]
            piece = old_events.get(digest) or serialise_piece(str(EVENTS_GRAPH), event_triples(e), prefixes)
            new_events[digest] = piece
            yield str(EVENTS_GRAPH), piece

    # Pass 2: the RDF, a document's graph at a time.
    write_rdf_stream(pieces if cache.new is not None else lambda: document_graphs(ordered, kept, actors, ontology, reported),
                     prefixes, trig=folder / "graph.trig", ttl=folder / "graph.ttl", header=header)
    cache.put_event_pieces(new_events)
    del old_events, new_events
    if settings.store == "oxigraph":
        on_phase("loading the store")
        defaults, default_by_subject = subject_digests(set(default_graph(ontology, actors)))
        events_by_id = {e.id: e for e in reported}
        graph_documents = {str(document_iri(d)): d for d in digests}

        def triples_of(graph: str | None, subject: str | None) -> Iterable[tuple]:
            if graph is None:
                return default_by_subject[subject or ""]
            if graph == str(EVENTS_GRAPH):
                return event_triples(events_by_id[subject or ""])
            d = by_id[graph_documents[graph]]
            return set(document_graph(d, kept(d.id)))

        store_digests = graph_digests({g: hashlib.sha256(f"{version_}:{digests[d]}".encode()).hexdigest()[:24]
                                       for g, d in graph_documents.items()},
                                      {"": defaults, str(EVENTS_GRAPH): event_digests})
        _load_store(folder / OXIGRAPH_DIR, folder / "graph.trig", previous, store_digests, triples_of)
        del events_by_id, default_by_subject
        atomic_write(folder / OXIGRAPH_DIR / BUILD_ID_FILE, build_id + "\n")
    n_events, n_offices, n_reported = len(tables.reports), len(tables.office_reports), len(reported)
    del reported
    page.wait()
    result = BuildResult(tuple(documents), sentences, n_events, n_offices, folder, tuple(skipped),
                         tuple(warnings), cached, n_reported, build_id, len(tables.actor_ids))
    outputs = {p.name: _file_hash(p) for p in sorted(folder.iterdir()) if p.is_file()}
    report = {
        "build_id": build_id,
        "exit_code": result.exit_code,
        "documents": len(documents),
        "sentences": sentences,
        "statements": n_events,
        "events": n_reported,
        "offices": n_offices,
        "actors": result.actors,
        "store": settings.store,
        "skipped": [{"input": s.path, "reason": s.reason} for s in skipped],
        "warnings": list(warnings),
        "undated": list(result.undated),
        "outputs": outputs,
    }
    atomic_write(folder / REPORT_FILE, json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    return result


def _load_store(path: Path, trig: Path, previous: Path | None, digests: dict,
                triples_of: Callable[[str | None, str | None], Iterable[tuple]]) -> None:
    """Make the build's Oxigraph store at `path`: the previous build's updated in place when it is
    there and whole, else loaded from `trig`."""
    if previous is not None:
        try:
            check_store(previous)
            OxigraphStore.update(previous / OXIGRAPH_DIR, path, digests, triples_of)
            return
        except (GeokgError, OSError, ValueError):
            pass  # no usable store: load afresh
    OxigraphStore.load(trig, path)
    write_graph_digests(path, digests)


def _gather(tables: _Tables, s: Statement, sentence_file: SentenceFile, written: bool) -> None:
    """Add what the cross-document writers need of one kept statement to the tables."""
    for a in (s.subject, s.object):
        if a.is_actor:
            tables.actor_ids.add(a.id)
    if written:  # the default graph's actors: of each id, the one of the first statement (by id) naming it
        for k, a in enumerate((s.subject, s.object, s.attributed_to, s.object.owner)):
            if a is not None:
                first = tables.actors.get(a.id)
                if first is None or (s.id, k) < first[0]:
                    tables.actors[a.id] = ((s.id, k), interned(tables.shared, a))
    report = Report(s.id, interned(tables.shared, s.subject), interned(tables.shared, s.object), s.relation,
                    s.relation_label, s.cameo, s.cameo_code, s.negated, s.modality, s.event_date, s.published,
                    s.document, s.sentence_index, interned(tables.shared, s.attributed_to), sentence_file.add(s.sentence))
    (tables.office_reports if s.relation == ROLE_RELATION else tables.reports).append(report)


__all__ = ["BuildResult", "Cache", "EXIT_OK", "EXIT_PARTIAL", "REPORT_FILE", "analyse_all", "build", "write_build",
           "document_key", "pipeline_version", "recover", "swap_in"]
