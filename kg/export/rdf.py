"""Streaming RDF writers: TriG and Turtle written graph by graph with pyoxigraph's serialiser.

rdflib builds the whole dataset in memory, and its TriG writer orders named graphs as its hash
table does (the file changed with PYTHONHASHSEED). Here each graph comes in turn (the default
graph, then one per document, then the events), its triples sorted, and is serialised at once, so
memory holds one document's graph, and the bytes depend on the content only.
"""
from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox



@dataclass(frozen=True, slots=True)
class Piece:
    """A named graph (or a chunk of one) serialised once, to be appended as it is: its TriG block,
    and its Turtle as runs of subjects, but for the relation triples' subjects, whose triples are
    kept as such so that the union (graph.ttl) writes each once, whichever documents repeat it.
    A build caches the pieces of unchanged documents (`serialise_piece`)."""

    head: bytes  # the prefix lines
    trig: bytes
    turtle: tuple[bytes | tuple[tuple, ...], ...]


GraphStream = Callable[[], Iterator[tuple[str | None, "Iterable[tuple] | Piece"]]]  # graph IRI (None: default) and its pyoxigraph triples (or a chunk of them), or a Piece


def _sorted(triples: Iterable[tuple]) -> list[tuple]:
    """Return the distinct triples (pyoxigraph terms) in a fixed order: by their N-Triples text."""
    return sorted(set(triples), key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _body(serialised: bytes) -> tuple[bytes, bytes]:
    """Split one piece's serialisation into its prefix lines and the rest."""
    lines = serialised.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"".join(lines[:n]), b"".join(lines[n:])


def write_rdf_stream(graphs: GraphStream, prefixes: dict[str, str], *, trig: Path | None = None,
                     ttl: Path | None = None, nquads: Path | None = None, header: str = "") -> None:
    """Write the graphs `graphs()` yields as TriG, their union as Turtle and/or as N-Quads, in one
    pass: each piece is serialised on its own and appended (TriG and Turtle documents with the same
    prefixes concatenate into one; a graph in several pieces is several blocks of one graph).
    Nothing but the current piece is held. `header` (comment lines) opens the TriG and Turtle files."""
    targets = [(path, fmt) for path, fmt in ((trig, ox.RdfFormat.TRIG), (ttl, ox.RdfFormat.TURTLE),
                                              (nquads, ox.RdfFormat.N_QUADS)) if path is not None]
    if not targets:
        return
    files, temps = [], []
    try:
        for path, _ in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append(tmp)
            files.append(os.fdopen(fd, "wb"))
        started = [False] * len(targets)
        seen: set[tuple] = set()  # a direct triple in two documents' graphs is written once in the union
        for name, piece in graphs():
            if isinstance(piece, Piece):
                _append(piece, targets, files, started, seen, header, prefixes)
                continue
            ordered = _sorted(piece)
            where = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
            for k, (path, fmt) in enumerate(targets):
                if fmt == ox.RdfFormat.TURTLE:
                    items = []
                    for t in ordered:
                        if name is not None and _relation_triple(t):
                            if t in seen:
                                continue
                            seen.add(t)
                        items.append(ox.Triple(*t))
                else:
                    items = [ox.Quad(s, p, o, where) for s, p, o in ordered]
                if not items:
                    continue
                head, body = _body(ox.serialize(items, format=fmt, prefixes=None if fmt == ox.RdfFormat.N_QUADS else prefixes))
                if not started[k]:
                    files[k].write((header if fmt != ox.RdfFormat.N_QUADS else "").encode("utf-8") + head)
                    started[k] = True
                files[k].write(body)
        mask = _umask()
        for (path, _), f, tmp in zip(targets, files, temps):
            f.flush()
            os.fsync(f.fileno())
            f.close()
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, path)
    except BaseException:
        for f in files:
            f.close()
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
        raise


_RELATIONS = "https://w3id.org/geokg/relation/"


def _relation_triple(t: tuple) -> bool:
    """True for a direct actor-to-node triple, which several documents' graphs may hold."""
    return isinstance(t[2], ox.NamedNode) and t[1].value.startswith(_RELATIONS)


def serialise_piece(name: str, triples: Iterable[tuple], prefixes: dict[str, str]) -> Piece:
    """Return a named graph's Piece: what `write_rdf_stream` writes of these triples."""
    ordered = _sorted(triples)
    where = ox.NamedNode(name)
    head, trig = _body(ox.serialize([ox.Quad(s, p, o, where) for s, p, o in ordered], format=ox.RdfFormat.TRIG,
                                    prefixes=prefixes))
    turtle: list[bytes | tuple[tuple, ...]] = []
    run: list[tuple] = []  # Turtle of consecutive subjects concatenates: a run is serialised at once

    def flush() -> None:
        if run:
            turtle.append(_body(ox.serialize([ox.Triple(*t) for t in run], format=ox.RdfFormat.TURTLE,
                                             prefixes=prefixes))[1])
            run.clear()

    for _, group in itertools.groupby(ordered, key=lambda t: t[0]):
        group = list(group)
        if any(_relation_triple(t) for t in group):
            flush()
            turtle.append(tuple(group))
        else:
            run.extend(group)
    flush()
    return Piece(head, trig, tuple(turtle))


def _append(piece: Piece, targets: list, files: list, started: list[bool], seen: set[tuple], header: str,
            prefixes: dict[str, str]) -> None:
    for k, (path, fmt) in enumerate(targets):
        if fmt == ox.RdfFormat.N_QUADS:
            raise ValueError("a serialised Piece holds TriG and Turtle only")
        if fmt == ox.RdfFormat.TRIG:
            body = piece.trig
        else:
            parts = []
            for part in piece.turtle:
                if isinstance(part, bytes):
                    parts.append(part)
                    continue
                items = []
                for t in part:
                    if _relation_triple(t):
                        if t in seen:
                            continue
                        seen.add(t)
                    items.append(ox.Triple(*t))
                if items:
                    parts.append(_body(ox.serialize(items, format=fmt, prefixes=prefixes))[1])
            body = b"".join(parts)
        if not body:
            continue
        if not started[k]:
            files[k].write(header.encode("utf-8") + piece.head)
            started[k] = True
        files[k].write(body)


__all__ = ["GraphStream", "Piece", "serialise_piece", "write_rdf_stream"]
