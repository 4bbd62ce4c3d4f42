"""RDF (TriG, Turtle) and statements.jsonl writers, sorted and deterministic."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING
from pathlib import Path

from rdflib import Dataset, Graph

from kg.export.atomic import atomic_write, atomic_write_lines
from kg.model import Statement, json_text

if TYPE_CHECKING:
    import networkx


def statement_sort_key(s: Statement) -> tuple:
    return (s.document, s.sentence_index, s.subject.label, s.relation, s.object.label, s.id)


def write_jsonl(statements: Iterable[Statement], path: Path) -> None:
    """Write one statement per line, sorted by document, sentence, subject, relation, object."""
    atomic_write_lines(path, (json_text(s.to_json()) + "\n"
                              for s in sorted(statements, key=statement_sort_key)))


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


EXPORT_FORMATS = ("graphml", "gexf", "csv", "jsonld", "nt", "nq")
CSV_COLUMNS = ("id", "document", "sentence_index", "published", "event_date", "date_source", "subject", "subject_type",
               "subject_country", "relation", "relation_label", "cameo", "negated", "modality", "object", "object_type",
               "object_country", "attributed_to", "confidence", "sentence")


def actor_network(statements: Iterable[Statement]) -> "networkx.MultiDiGraph":
    """Return the statements as a networkx multigraph: nodes are actors and objects, edges statements."""
    import networkx

    g = networkx.MultiDiGraph()
    for s in sorted(statements, key=lambda s: s.id):
        for a in (s.subject, s.object):
            g.add_node(a.id, label=a.label, type=a.type, country=a.country or "", wikidata=a.wikidata or "",
                       sector=a.sector or "")
        g.add_edge(s.subject.id, s.object.id, key=s.id, relation=s.relation, label=s.relation_label, cameo=s.cameo or "",
                   negated=s.negated, modality=s.modality, date=(s.event_date.isoformat() if s.event_date else ""),
                   document=s.document, evidence=s.sentence, confidence=s.confidence)
    return g


def statements_csv(statements: Iterable[Statement]) -> str:
    """Return one CSV row per statement, sorted, with the actors flattened into columns."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in sorted(statements, key=statement_sort_key):
        w.writerow([s.id, s.document, s.sentence_index, s.published or "", s.event_date or "", s.date_source,
                    s.subject.label, s.subject.type, s.subject.country or "", s.relation, s.relation_label, s.cameo or "",
                    str(s.negated).lower(), s.modality, s.object.label, s.object.type, s.object.country or "",
                    s.attributed_to.label if s.attributed_to else "", f"{s.confidence:.2f}", s.sentence])
    return buf.getvalue()


def export_graph(ds: Dataset, fmt: str) -> bytes:
    """Return a built dataset in another tool's format (graph formats carry the actor network)."""
    from kg.errors import InputError
    from kg.graph import read_statements

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"--format: unknown format {fmt!r} (choose one of {', '.join(EXPORT_FORMATS)})")
    if fmt in ("graphml", "gexf"):
        import networkx

        buf = io.BytesIO()
        network = actor_network(read_statements(ds))
        (networkx.write_graphml if fmt == "graphml" else networkx.write_gexf)(network, buf)
        return buf.getvalue()
    if fmt == "csv":
        return statements_csv(read_statements(ds)).encode("utf-8")
    if fmt == "nq":
        data = ds.serialize(format="nquads")
        return data if isinstance(data, bytes) else data.encode("utf-8")
    graph = union_graph(ds)
    data = graph.serialize(format="json-ld" if fmt == "jsonld" else "nt")
    lines = data if isinstance(data, str) else data.decode("utf-8")
    return ("".join(sorted(lines.splitlines(keepends=True))) if fmt == "nt" else lines).encode("utf-8")
