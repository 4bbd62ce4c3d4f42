#!/usr/bin/env python3
"""Benchmark: one SPARQL query on a generated graph of >= 1M triples, Oxigraph on disk vs rdflib in memory.

usage: python scripts/bench_query.py [--statements 60000] [--repeat 3]

Generates statement records shaped like `kg build`'s (about 17 quads each, one named graph per
document), loads them into rdflib (parse) and into an on-disk Oxigraph store (bulk load), runs the
same aggregate query on both and prints the times and the ratio rdflib / Oxigraph, measured in the
same run on the same machine.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

G = "https://w3id.org/geokg/ontology#"
ID = "https://w3id.org/geokg/id/"
REL = "https://w3id.org/geokg/relation/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
QUERY = f"""
PREFIX geokg: <{G}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor (COUNT(?st) AS ?attacks) WHERE {{
  ?st a geokg:Statement ; geokg:subject ?a ; geokg:cameoRoot <https://w3id.org/geokg/cameo/19> ; geokg:negated false .
  ?a rdfs:label ?actor .
}} GROUP BY ?actor ORDER BY DESC(?attacks) ?actor LIMIT 10
"""


def generate(path: Path, statements: int, seed: int = 7) -> int:
    """Write an N-Quads file of `statements` statement records; return the number of quads."""
    rnd = random.Random(seed)
    actors = [f"{ID}actor/a{i}" for i in range(2000)]
    rels = [("support", "05"), ("reject", "12"), ("attack", "19"), ("meet", "04"), ("demand", "10")]
    quads = 0
    with path.open("w", encoding="utf-8") as f:
        for a in actors:
            f.write(f'<{a}> <{RDF_TYPE}> <{G}Person> .\n<{a}> <{LABEL}> "Actor {a[-5:]}" .\n')
            quads += 2
        for i in range(statements):
            g = f"<{ID}document/d{i // 20}>"
            st = f"<{ID}statement/s{i}>"
            s, o = rnd.sample(actors, 2)
            rel, root = rnd.choice(rels)
            day = f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            lines = [
                (RDF_TYPE, f"<{G}Statement>"), (f"{G}subject", f"<{s}>"), (f"{G}object", f"<{o}>"),
                (f"{G}relation", f"<{REL}{rel}>"), (f"{G}relationLabel", f'"{rel}s"'),
                (f"{G}negated", f'"{str(rnd.random() < 0.1).lower()}"^^<{XSD}boolean>'),
                (f"{G}modality", '"asserted"'), (f"{G}cameoRoot", f"<https://w3id.org/geokg/cameo/{root}>"),
                (f"{G}cameoCode", f'"{root}"'), (f"{G}evidence", f'"Sentence number {i} of the archive."'),
                (f"{G}sentenceIndex", f'"{i % 40}"^^<{XSD}integer>'), (f"{G}confidence", f'"0.80"^^<{XSD}decimal>'),
                (f"{G}eventDate", f'"{day}"^^<{XSD}date>'), (f"{G}dateSource", '"published"'),
                ("http://www.w3.org/ns/prov#wasDerivedFrom", g), ("http://purl.org/dc/terms/issued", f'"{day}"^^<{XSD}date>'),
                (LABEL, f'"statement {i}"'),
            ]
            for p, obj in lines:
                f.write(f"{st} <{p}> {obj} {g} .\n")
            f.write(f"<{s}> <{REL}{rel}> <{o}> {g} .\n")
            quads += len(lines) + 1
    return quads


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=60000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    import pyoxigraph
    from rdflib import Dataset

    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "bench.nq"
        quads = generate(nq, args.statements)
        print(f"graph: {quads:,} quads in {args.statements:,} statements")

        t = time.perf_counter()
        store = pyoxigraph.Store(str(Path(tmp) / "ox"))
        store.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        ox_load = time.perf_counter() - t

        t = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(nq, format="nquads")
        rdf_load = time.perf_counter() - t

        ox_q, ox_rows = timed(lambda: [(str(r["actor"].value), int(r["attacks"].value))
                                        for r in store.query(QUERY, use_default_graph_as_union=True)], args.repeat)
        rdf_q, rdf_rows = timed(lambda: [(str(r.actor), int(r.attacks)) for r in ds.query(QUERY)], args.repeat)
        if ox_rows != rdf_rows:
            print("the two stores disagree:", ox_rows[:3], rdf_rows[:3], file=sys.stderr)
            return 1
    print(f"load   oxigraph {ox_load:8.2f} s   rdflib {rdf_load:8.2f} s   ratio rdflib/oxigraph {rdf_load / ox_load:6.1f}x")
    print(f"query  oxigraph {ox_q:8.3f} s   rdflib {rdf_q:8.3f} s   ratio rdflib/oxigraph {rdf_q / ox_q:6.1f}x"
          f"   (median of {args.repeat}; same {len(ox_rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
