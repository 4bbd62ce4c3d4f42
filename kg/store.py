"""Where a built graph is queried: rdflib in memory, or an Oxigraph store on disk, behind one
small interface that answers SPARQL in the standard result formats."""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg.errors import InputError, QueryError

OXIGRAPH_DIR = "oxigraph"  # under a build's output folder
REPORT_FILE = "build-report.json"  # a build's report, with its build id
BUILD_ID_FILE = "BUILD_ID"  # in the Oxigraph folder, written once its load has finished
GRAPHS_FILE = "GRAPHS.json"  # in the Oxigraph folder: a digest of each document's graph, to update it in place
UPDATES_FILE = "UPDATES"  # in the Oxigraph folder: how many updates it has had since it was last compacted
# Each update of a store leaves files that every query then reads, and a build's process ends before
# the store compacts them itself: thirty rebuilds made the named queries twice as slow. A store is
# compacted when it is loaded and at every fourth update (RocksDB's own trigger is four such files);
# the compaction takes about a second and a half at 1,000 articles.
COMPACT_EVERY = 4
STORES = ("auto", "memory", "oxigraph")
# Result formats: SPARQL results for SELECT/ASK, RDF for CONSTRUCT/DESCRIBE.
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}


@dataclass(frozen=True, slots=True)
class Answer:
    """A query's answer, serialised: the bytes, their media type, and the query form."""

    body: bytes
    media_type: str
    form: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"


class GraphStore(Protocol):
    """What the CLI and the HTTP endpoint need of a store."""

    def answer(self, query: str, fmt: str = "json") -> Answer:
        """Run a read-only SPARQL query; results as `fmt` (json, xml, csv, tsv; turtle for graphs)."""
        ...


def _walk(node: object) -> Iterator[object]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _walk(value)


@dataclass(frozen=True, slots=True)
class Checked:
    """A query found safe to run: its form, and whether it names its own dataset (FROM)."""

    form: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    names_dataset: bool


# Strings, IRIs and comments, in the order SPARQL's tokenizer meets them; what is left holds
# every keyword. A backslash (a string escape or a prefixed name's \' escape) skips the fast path.
_OPAQUE = re.compile("|".join((
    r'"""(?:[^"\\]|"(?!""))*"""',  # long strings
    r"'''(?:[^'\\]|'(?!''))*'''",
    r'"[^"\\\n]*"',  # short strings
    r"'[^'\\\n]*'",
    r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRIs
    r"#[^\n]*",  # comments
)))
_RISKY = re.compile(r"\b(?:SERVICE|FROM)\b", re.IGNORECASE)


def plainly_local(query: str) -> bool:
    """True when the query plainly has no SERVICE and no FROM keyword: outside its strings, IRIs
    and comments neither word appears. A cheap test that only ever errs towards the full check."""
    return "\\" not in query and not _RISKY.search(_OPAQUE.sub(" ", query))


def check_query(query: str, graphs: frozenset[str] = frozenset()) -> Checked:
    """Return the query's form and dataset once it is safe to run here:
    not an update, no SERVICE (which would make the server fetch a URL), no FROM or FROM NAMED
    but of the store's own named `graphs` (which would make rdflib load a URL or a local file).
    Raise QueryError saying why not. A query that plainly has neither keyword skips the full
    parse (form "" then: the store reads it from the result)."""
    check_read_only(query)
    if plainly_local(query):
        return Checked("", False)
    return _check_parsed(query, graphs)


@functools.lru_cache(maxsize=256)
def _check_parsed(query: str, graphs: frozenset[str]) -> Checked:
    from rdflib.plugins.sparql import prepareQuery

    try:
        parsed = prepareQuery(query)
    except Exception as e:  # pyparsing's ParseException and rdflib's own errors
        raise QueryError(f"bad SPARQL: {' '.join(str(e).split())}") from e
    algebra = parsed.algebra
    for node in _walk(algebra):
        if getattr(node, "name", "") == "ServiceGraphPattern":
            raise QueryError("SERVICE is refused: this endpoint answers from its own graph and fetches nothing")
    clauses = algebra.get("datasetClause") or ()
    for clause in clauses:
        iri = str(clause["default"] if "default" in clause else clause["named"])
        if iri not in graphs:
            kind = "FROM NAMED" if "named" in clause else "FROM"
            raise QueryError(f"{kind} <{iri}> is refused: only the graph's own named graphs can be named")
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(str(algebra.name), "SELECT")
    return Checked(form, bool(clauses))


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SHORT = {_XSD + "integer": re.compile(r"[+-]?[0-9]+"), _XSD + "boolean": re.compile(r"true|false")}


def _tsv_term(term: object) -> str:
    """One RDF term as a SPARQL 1.1 TSV cell: Turtle syntax, with no raw tab or newline."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    datatype = str(term.datatype) if term.datatype else ""
    if datatype in _SHORT and _SHORT[datatype].fullmatch(str(term)):
        return str(term)
    text = '"' + str(term).translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{datatype}>" if datatype and datatype != _XSD + "string" else text


def to_tsv(result: object) -> bytes:
    """Serialise an rdflib SELECT or ASK result as SPARQL 1.1 TSV (rdflib only reads TSV)."""
    if getattr(result, "type", "") == "ASK":
        return b"true" if result.askAnswer else b"false"  # type: ignore[attr-defined]
    names = [str(v) for v in result.vars]  # type: ignore[attr-defined]
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_tsv_term(row.get(n)) for n in names) for row in (r.asdict() for r in result)]  # type: ignore[attr-defined]
    return ("\n".join(lines) + "\n").encode("utf-8")


def check_read_only(query: str) -> None:
    """Raise QueryError for SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …): stores are read-only."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(query)
    except Exception:
        return  # not an update; the query parser gives the real message
    raise QueryError("updates are refused: the graph is read-only")


class MemoryStore:
    """A built graph.trig loaded into rdflib (small graphs; nothing on disk)."""

    def __init__(self, trig: Path) -> None:
        import rdflib.plugins.sparql
        from rdflib import Dataset, URIRef

        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM never loads a URL or a file
        self.dataset = Dataset(default_union=True)
        try:
            self.dataset.parse(trig, format="trig")
        except Exception as e:  # rdflib raises several parser-specific types
            raise InputError(f"{trig}: not a readable TriG file ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from e
        self.graphs = frozenset(str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef))

    def answer(self, query: str, fmt: str = "json") -> Answer:
        check_query(query, self.graphs)
        try:
            result = self.dataset.query(query)
            form = str(result.type)
            if form in ("CONSTRUCT", "DESCRIBE"):
                rdf = "nt" if fmt == "ntriples" else "turtle"
                data = result.serialize(format=rdf)
                return Answer(data if isinstance(data, bytes) else data.encode(), GRAPH_TYPES.get(fmt, "text/turtle"), form)
            fmt = fmt if fmt in RESULT_TYPES else "json"
            data = to_tsv(result) if fmt == "tsv" else result.serialize(format=fmt)
        except QueryError:
            raise
        except Exception as e:
            what = "bad SPARQL" if "Parse" in type(e).__name__ else "query failed"
            raise QueryError(f"{what}: {' '.join(str(e).split()) or type(e).__name__}") from e
        return Answer(data if isinstance(data, bytes) else data.encode(), RESULT_TYPES[fmt], form)


class OxigraphStore:
    """An Oxigraph store on disk (pyoxigraph): big graphs without re-parsing Turtle."""

    def __init__(self, path: Path, *, read_only: bool = True) -> None:
        import pyoxigraph

        self._ox = pyoxigraph
        try:
            self.store = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
        except OSError as e:
            raise InputError(f"{path}: cannot open the Oxigraph store ({e})") from e
        self.graphs = frozenset(g.value for g in self.store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))

    @classmethod
    def load(cls, trig: Path, path: Path) -> "OxigraphStore":
        """Return a fresh store at `path` holding the quads of `trig` (the folder is replaced)."""
        import shutil

        import pyoxigraph

        if path.exists():
            shutil.rmtree(path)
        store = pyoxigraph.Store(str(path))
        # Oxigraph's bulk loader buffers about a million quads a thread: fed in batches, its memory
        # stays that of a batch, whatever the size of the graph.
        _add_in_batches(store, pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))
        store.optimize()  # see COMPACT_EVERY
        store.flush()
        del store
        return cls(path)

    @classmethod
    def update(cls, old: Path, path: Path, digests: dict, triples_of: Callable[[str | None, str | None], Iterable[tuple]],
               *, most: float = 0.5) -> "OxigraphStore":
        """Return a store at `path` holding what `load` would, made from the previous build's store
        at `old` (left as it is) instead of from scratch.

        `digests` (see `graph_digests`) gives each document graph of the new build a digest, and
        each subject of the graphs that span documents (the default graph, "", and the events) its
        own; the old store's are in its GRAPHS_FILE. A checkpoint of the old store (hard links, see
        pyoxigraph's `Store.backup`) keeps what has the same digest; document graphs that changed
        are made again of `triples_of(graph, None)`, subjects of `triples_of(graph, subject)`
        (graph None: the default graph). Raise ValueError when the old store cannot be updated
        (no digests, a blank node's subject changed, more than `most` of the graphs changed), or
        OSError; the caller then loads afresh.
        """
        import shutil

        import pyoxigraph as ox

        from kg.export.atomic import atomic_write

        before = json.loads((old / GRAPHS_FILE).read_text(encoding="utf-8"))
        if not isinstance(before, dict) or set(before) != {"graphs", "subjects"}:
            raise ValueError(f"{old / GRAPHS_FILE}: not a table of graph digests")
        graphs, old_graphs = digests["graphs"], before["graphs"]
        changed = [g for g in graphs if old_graphs.get(g) != graphs[g]]
        gone = [g for g in old_graphs if g not in graphs]
        if len(changed) + len(gone) > most * max(len(graphs), 1):
            raise ValueError("most graphs changed: a fresh load is quicker")
        edits: dict[str, tuple[list[str], list[str]]] = {}  # graph: subjects to remove, subjects to add
        for g, subjects in digests["subjects"].items():
            was = before["subjects"].get(g, {})
            remove = [x for x in was if subjects.get(x) != was[x]]
            add = [x for x in subjects if was.get(x) != subjects[x]]
            if any(x.startswith("_:") or was.get(x, "").startswith("_") or subjects.get(x, "").startswith("_")
                   for x in remove + add):
                raise ValueError("a blank node's subject changed: a fresh load")
            edits[g] = (remove, add)
        if path.exists():
            shutil.rmtree(path)
        ox.Store.read_only(str(old)).backup(str(path))
        store = ox.Store(str(path))
        for g in changed + gone:
            store.remove_graph(ox.NamedNode(g))
        for g, (remove, _) in edits.items():
            where = ox.NamedNode(g) if g else ox.DefaultGraph()
            for x in remove:
                for q in list(store.quads_for_pattern(ox.NamedNode(x), None, None, where)):
                    store.remove(q)

        def quads() -> Iterator[object]:
            for g in changed:
                for s, p, o in triples_of(g, None):
                    yield ox.Quad(s, p, o, ox.NamedNode(g))
            for g, (_, add) in edits.items():
                where = ox.NamedNode(g) if g else ox.DefaultGraph()
                for x in add:
                    for s, p, o in triples_of(g or None, x):
                        yield ox.Quad(s, p, o, where)

        _add_in_batches(store, quads())
        updates = _updates(old) + 1
        if updates >= COMPACT_EVERY:
            store.optimize()
            updates = 0
        store.flush()
        del store
        write_graph_digests(path, digests)
        atomic_write(path / UPDATES_FILE, f"{updates}\n")
        return cls(path)

    def answer(self, query: str, fmt: str = "json") -> Answer:
        ox = self._ox
        checked = check_query(query, self.graphs)
        try:  # without FROM, the default graph is the union of the documents' graphs, as in memory
            result = self.store.query(query, use_default_graph_as_union=not checked.names_dataset)
        except SyntaxError as e:
            raise QueryError(f"bad SPARQL: {' '.join(str(e).split())}") from e
        except OSError as e:
            raise QueryError(f"query failed: {e}") from e
        # pyoxigraph results belong to the thread that made them: serialise and drop them here.
        try:
            if isinstance(result, ox.QueryTriples):
                rdf = ox.RdfFormat.N_TRIPLES if fmt == "ntriples" else ox.RdfFormat.TURTLE
                return Answer(result.serialize(format=rdf), GRAPH_TYPES.get(fmt, "text/turtle"), "CONSTRUCT")
            fmt = fmt if fmt in RESULT_TYPES else "json"
            formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                       "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
            form = "ASK" if isinstance(result, ox.QueryBoolean) else "SELECT"
            return Answer(result.serialize(format=formats[fmt]), RESULT_TYPES[fmt], form)
        finally:
            del result


LOAD_BATCH = 100_000  # quads given to Oxigraph's bulk loader at a time


def _add_in_batches(store: object, quads: Iterable[object]) -> None:
    batch: list[object] = []
    for q in quads:
        batch.append(q)
        if len(batch) >= LOAD_BATCH:
            store.bulk_extend(batch)  # type: ignore[attr-defined]
            batch = []
    if batch:
        store.bulk_extend(batch)  # type: ignore[attr-defined]


def graph_digests(graphs: dict[str, str], subjects: dict[str, dict[str, str]]) -> dict:
    """Return what `OxigraphStore.update` compares: a digest of each document graph, by IRI, and of
    each subject of the graphs that span documents, by graph IRI ("": the default graph)."""
    return {"graphs": graphs, "subjects": subjects}


def subject_digests(triples: Iterable[tuple]) -> tuple[dict[str, str], dict[str, list[tuple]]]:
    """Return a digest of each subject's triples (pyoxigraph terms, blank nodes all alike: those
    of the ontology, which only changes with the pipeline's version), and the triples by subject.
    Blank-node subjects are one subject, "_:"."""
    import hashlib

    import pyoxigraph as ox

    def text(term: object) -> str:
        return "_:" if isinstance(term, ox.BlankNode) else str(term)

    by_subject: dict[str, list[tuple]] = {}
    for t in triples:
        by_subject.setdefault(text(t[0]) if isinstance(t[0], ox.BlankNode) else t[0].value, []).append(t)
    digests = {}
    for subject, group in by_subject.items():
        lines = sorted(" ".join(text(x) for x in t) for t in group)
        blank = any(isinstance(x, ox.BlankNode) for t in group for x in t)  # marked: never edited in place
        digests[subject] = ("_" if blank else "") + hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:24]
    return digests, by_subject


def _updates(path: Path) -> int:
    """Return the updates the store at `path` has had since it was last compacted (0 when unknown)."""
    try:
        return max(0, int((path / UPDATES_FILE).read_text(encoding="utf-8").strip()))
    except (OSError, ValueError):
        return 0


def write_graph_digests(path: Path, digests: dict) -> None:
    """Record the digests of the store at `path` (`graph_digests`, for `OxigraphStore.update`)."""
    from kg.export.atomic import atomic_write

    atomic_write(path / GRAPHS_FILE, json.dumps(digests, sort_keys=True) + "\n")


def open_store(graph: Path, kind: str = "auto") -> GraphStore:
    """Return the store of a built output: its Oxigraph store when there is one (or asked for),
    else its graph.trig in memory."""
    if kind not in STORES:
        raise InputError(f"unknown store {kind!r} (choose one of {', '.join(STORES)})")
    folder = graph if graph.is_dir() else graph.parent
    ox_path = folder / OXIGRAPH_DIR
    if kind == "oxigraph" or (kind == "auto" and ox_path.is_dir()):
        if not ox_path.is_dir():
            raise InputError(f"{ox_path}: no Oxigraph store here (build with --store oxigraph)")
        check_store(folder)
        return OxigraphStore(ox_path)
    trig = graph / "graph.trig" if graph.is_dir() else graph
    if not trig.is_file():
        raise InputError(f"{trig}: no built graph here (run `kg build` first)")
    return MemoryStore(trig)


def read_build_id(folder: Path) -> str | None:
    """Return the build id of a built output folder (from build-report.json), None without one."""
    try:
        return json.loads((folder / REPORT_FILE).read_text(encoding="utf-8")).get("build_id")
    except (OSError, ValueError, AttributeError):
        return None


def check_store(folder: Path) -> None:
    """Refuse an Oxigraph store that is not the one of the folder's build: left by another build,
    or whose load did not finish (its build id is written last)."""
    ox = folder / OXIGRAPH_DIR
    wanted = read_build_id(folder)
    try:
        found = (ox / BUILD_ID_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        found = None
    if found != wanted:
        why = ("its load did not finish" if found is None else
               "the folder has no build-report.json" if wanted is None else
               f"it is from build {found}, the graph from build {wanted}")
        raise InputError(f"{ox}: the Oxigraph store does not match the graph ({why}); rebuild with "
                         f"`kg build … --out {folder}`, or delete {ox} to query graph.trig in memory")


def select_rows(answer: Answer) -> tuple[list[str], list[list[str]]]:
    """Return the variables and rows of a JSON SELECT answer, each cell its value or ""."""
    data = json.loads(answer.body)
    names = data.get("head", {}).get("vars", [])
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in data.get("results", {}).get("bindings", [])]
    return names, rows
