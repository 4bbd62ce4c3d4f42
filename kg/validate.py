"""SHACL validation of a built graph against ontology/shapes.ttl (pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.errors import InputError
from kg.ontology import GEOKG


@dataclass(frozen=True, slots=True)
class Validation:
    conforms: bool
    statements: int
    violations: tuple[str, ...]  # one line each: focus node, path, message

    def summary(self) -> str:
        if self.conforms:
            return f"conforms: {self.statements} statements checked against the shapes"
        shown = "\n".join(self.violations[:20])
        more = f"\n… and {len(self.violations) - 20} more" if len(self.violations) > 20 else ""
        return f"{len(self.violations)} violation(s) in {self.statements} statements:\n{shown}{more}"


def validate_graph(graph: Path, shapes: Path) -> Validation:
    """Return whether the built graph (a folder or its graph.ttl/graph.trig) conforms to the shapes."""
    from pyshacl import validate

    path = graph
    if graph.is_dir():
        found = [graph / name for name in ("graph.ttl", "graph.trig") if (graph / name).is_file()]
        if not found:
            raise InputError(f"{graph}: no graph.ttl or graph.trig here (run `kg build` first)")
        path = found[0]
    elif not graph.is_file():
        raise InputError(f"{graph}: no built graph here (run `kg build` first)")
    data = Graph()
    if path.suffix == ".trig":
        from kg.query import load_dataset
        from kg.export.formats import union_graph

        data = union_graph(load_dataset(path))
    else:
        data.parse(path, format="turtle")
    conforms, report, _ = validate(data, shacl_graph=Graph().parse(shapes, format="turtle"), inference="none",
                                   advanced=False, allow_warnings=False)
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        prop = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus} {prop or ''}: {message}")
    statements = len(set(data.subjects(RDF.type, GEOKG.Statement)))
    return Validation(bool(conforms), statements, tuple(sorted(lines)))
