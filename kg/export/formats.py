"""RDF (TriG, Turtle) and statements.jsonl writers, sorted and deterministic."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from kg.export.atomic import atomic_write
from kg.model import Statement


def statement_sort_key(s: Statement) -> tuple:
    return (s.document, s.sentence_index, s.subject.label, s.relation, s.object.label, s.id)


def write_jsonl(statements: Iterable[Statement], path: Path) -> None:
    """Write one statement per line, sorted by document, sentence, subject, relation, object."""
    lines = [json.dumps(s.to_json(), ensure_ascii=False, sort_keys=True) for s in sorted(statements, key=statement_sort_key)]
    atomic_write(path, "".join(line + "\n" for line in lines))


def union_graph(ds: Dataset) -> Graph:
    """Return every triple of the dataset in one graph, with the dataset's prefixes."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_rdf(ds: Dataset, trig: Path, ttl: Path) -> None:
    """Write the dataset as TriG and its union as Turtle (rdflib sorts subjects and predicates)."""
    atomic_write(trig, ds.serialize(format="trig"))
    atomic_write(ttl, union_graph(ds).serialize(format="turtle"))
