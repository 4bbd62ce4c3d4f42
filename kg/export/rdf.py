"""Streaming RDF writers: TriG and Turtle written graph by graph with pyoxigraph's serialiser.

rdflib builds the whole dataset in memory, and its TriG writer orders named graphs as its hash
table does (the file changed with PYTHONHASHSEED). Here each graph comes in turn (the default
graph, then one per document, then the events), its triples sorted, and is serialised at once, so
memory holds one document's graph, and the bytes depend on the content only.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

GraphStream = Callable[[], Iterator[tuple[URIRef | None, Iterable[tuple]]]]  # graphs, or chunks of one


def _term(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    raise TypeError(f"not an RDF term: {t!r}")


def _sorted(triples: Iterable[tuple]) -> list[tuple]:
    """Return the distinct triples in a fixed order (rdflib terms compare by type and text)."""
    return sorted(set(triples), key=lambda t: (str(t[0]), str(t[1]), t[2].__class__.__name__, str(t[2]),
                                               str(getattr(t[2], "datatype", "") or "")))


def _quads(graphs: GraphStream) -> Iterator[ox.Quad]:
    for name, g in graphs():
        where = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
        for s, p, o in _sorted(g):
            yield ox.Quad(_term(s), _term(p), _term(o), where)


def _triples(graphs: GraphStream) -> Iterator[ox.Triple]:
    seen: set[tuple] = set()  # a triple in two graphs (a direct actor-to-actor triple) is written once
    for name, g in graphs():
        for s, p, o in _sorted(g):
            if name is not None and (s, p, o) in seen:
                continue
            if name is not None and not isinstance(o, Literal) and p.startswith("https://w3id.org/geokg/relation/"):
                seen.add((s, p, o))
            yield ox.Triple(_term(s), _term(p), _term(o))


def _write_stream(path: Path, header: str, write: Callable[[object], None]) -> None:
    """Write to a temp file beside `path`, then rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header.encode("utf-8"))
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_rdf_stream(graphs: GraphStream, prefixes: dict[str, str], *, trig: Path | None = None,
                     ttl: Path | None = None, nquads: Path | None = None, header: str = "") -> None:
    """Write the graphs `graphs()` yields as TriG, their union as Turtle and/or as N-Quads.
    `graphs` is called once per file, so nothing but the current graph is held. `header` (comment
    lines) opens the TriG and Turtle files."""
    if trig is not None:
        _write_stream(trig, header, lambda f: ox.serialize(_quads(graphs), f, ox.RdfFormat.TRIG, prefixes=prefixes))
    if ttl is not None:
        _write_stream(ttl, header, lambda f: ox.serialize(_triples(graphs), f, ox.RdfFormat.TURTLE, prefixes=prefixes))
    if nquads is not None:
        _write_stream(nquads, "", lambda f: ox.serialize(_quads(graphs), f, ox.RdfFormat.N_QUADS))


def iter_graphs(pairs: Iterable[tuple[URIRef | None, Graph]]) -> GraphStream:
    """Return a GraphStream over graphs already in memory."""
    pairs = list(pairs)
    return lambda: iter(pairs)
