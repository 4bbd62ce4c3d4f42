#!/usr/bin/env python3
"""Benchmark: the SPARQL endpoint under 1, 8 and 32 concurrent clients, against plain pyoxigraph.

usage: python scripts/bench_serve.py [--queries 2000] [--graph DIR]

Builds the sample articles into an on-disk Oxigraph store (or uses --graph, a built output with
one), serves it with `kg serve`'s server on loopback, and sends the same SELECT from 1, 8 and 32
client threads over HTTP (keep-alive off, as most SPARQL clients do). The baseline, measured in
the same run: the same query straight on a pyoxigraph Store in this process from the same
number of threads, with no HTTP, no checks and no worker processes (the floor of any endpoint
over this store). Prints throughput (queries per second), p50 and p99 latency for both, and the
ratio endpoint / baseline.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY = """PREFIX geokg: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor (COUNT(?st) AS ?n) WHERE { ?st a geokg:Statement ; geokg:subject ?a . ?a rdfs:label ?actor }
GROUP BY ?actor ORDER BY DESC(?n) ?actor LIMIT 10"""


def measure(run_one, clients: int, queries: int) -> tuple[float, float, float]:
    """Return (queries per second, p50 ms, p99 ms) of `queries` calls of run_one from `clients` threads."""
    latencies: list[float] = []
    lock = threading.Lock()

    def one(_: int) -> None:
        start = time.perf_counter()
        run_one()
        took = time.perf_counter() - start
        with lock:
            latencies.append(took)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(queries)))
    wall = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    return queries / wall, cuts[49] * 1000, cuts[98] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--graph", type=Path, help="a built output folder with an oxigraph/ store")
    args = parser.parse_args()

    import pyoxigraph

    from kg.sandbox import QueryPool
    from kg.serve import Limits, listen, make_server

    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            graph = Path(tmp) / "out"
            kg = str(Path(sys.executable).parent / "kg")
            subprocess.run([kg, "build", str(ROOT / "seeds"), "--out", str(graph), "--store", "oxigraph"], check=True,
                           stdout=subprocess.DEVNULL)
        limits = Limits()
        with QueryPool(graph, "oxigraph", workers=limits.workers, caps=limits.caps) as pool:
            sock = listen("127.0.0.1", 0)
            server = make_server(pool, "127.0.0.1", 0, limits)
            thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
            thread.start()
            url = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql?" + urllib.parse.urlencode({"query": QUERY})

            def over_http() -> None:
                request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=60) as r:
                    r.read()

            store = pyoxigraph.Store.read_only(str(graph / "oxigraph"))

            def direct() -> None:
                store.query(QUERY, use_default_graph_as_union=True).serialize(format=pyoxigraph.QueryResultsFormat.JSON)

            print(f"{args.queries} queries per row; endpoint: kg serve ({limits.workers} workers); "
                  "baseline: pyoxigraph in-process")
            print(f"{'clients':>7}  {'endpoint q/s':>12}  {'p50 ms':>7}  {'p99 ms':>7}  "
                  f"{'baseline q/s':>12}  {'p50 ms':>7}  {'p99 ms':>7}  {'ratio':>6}")
            for clients in (1, 8, 32):
                ours = measure(over_http, clients, args.queries)
                base = measure(direct, clients, args.queries)
                print(f"{clients:>7}  {ours[0]:>12.0f}  {ours[1]:>7.1f}  {ours[2]:>7.1f}  "
                      f"{base[0]:>12.0f}  {base[1]:>7.1f}  {base[2]:>7.1f}  {ours[0] / base[0]:>5.2f}x")
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
