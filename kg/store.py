"""Where a built graph is queried: rdflib in memory, or an Oxigraph store on disk, behind one
small interface that answers SPARQL in the standard result formats."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg.errors import InputError, QueryError

OXIGRAPH_DIR = "oxigraph"  # under a build's output folder
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


def _form(query: str) -> str:
    from rdflib.plugins.sparql import prepareQuery

    try:
        parsed = prepareQuery(query)
    except Exception as e:  # pyparsing's ParseException and rdflib's own errors
        raise QueryError(f"bad SPARQL: {' '.join(str(e).split())}") from e
    name = type(parsed.algebra).__name__ if hasattr(parsed, "algebra") else ""
    form = str(getattr(parsed.algebra, "name", name))
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(form, "SELECT")


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
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        try:
            self.dataset.parse(trig, format="trig")
        except Exception as e:  # rdflib raises several parser-specific types
            raise InputError(f"{trig}: not a readable TriG file ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from e

    def answer(self, query: str, fmt: str = "json") -> Answer:
        check_read_only(query)
        form = _form(query)
        try:
            result = self.dataset.query(query)
            if form in ("CONSTRUCT", "DESCRIBE"):
                rdf = "nt" if fmt == "ntriples" else "turtle"
                data = result.serialize(format=rdf)
                return Answer(data if isinstance(data, bytes) else data.encode(), GRAPH_TYPES.get(fmt, "text/turtle"), form)
            fmt = fmt if fmt in RESULT_TYPES else "json"
            data = to_tsv(result) if fmt == "tsv" else result.serialize(format=fmt)
        except QueryError:
            raise
        except Exception as e:
            raise QueryError(f"query failed: {' '.join(str(e).split()) or type(e).__name__}") from e
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

    @classmethod
    def load(cls, trig: Path, path: Path) -> "OxigraphStore":
        """Return a fresh store at `path` holding the quads of `trig` (the folder is replaced)."""
        import shutil

        import pyoxigraph

        if path.exists():
            shutil.rmtree(path)
        store = pyoxigraph.Store(str(path))
        store.bulk_load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
        store.flush()
        del store
        return cls(path)

    def answer(self, query: str, fmt: str = "json") -> Answer:
        ox = self._ox
        check_read_only(query)
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
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
        return OxigraphStore(ox_path)
    trig = graph / "graph.trig" if graph.is_dir() else graph
    if not trig.is_file():
        raise InputError(f"{trig}: no built graph here (run `kg build` first)")
    return MemoryStore(trig)


def select_rows(answer: Answer) -> tuple[list[str], list[list[str]]]:
    """Return the variables and rows of a JSON SELECT answer, each cell its value or ""."""
    data = json.loads(answer.body)
    names = data.get("head", {}).get("vars", [])
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in data.get("results", {}).get("bindings", [])]
    return names, rows
