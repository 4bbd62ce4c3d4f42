"""The SPARQL endpoint with real clients: SPARQLWrapper and curl, over loopback; and as an
attacker would try it: fetches through SERVICE and FROM, slow queries, big and slow requests."""
from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.sandbox import QueryPool
from kg.serve import Limits, listen, make_server, negotiate
from tests.test_diff import DOCS, write_articles

ASK = "ASK { ?s ?p ?o }"
ACTORS = ("PREFIX geokg: <https://w3id.org/geokg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?label WHERE { ?a a geokg:Country ; rdfs:label ?label } ORDER BY ?label")


# A query whose cost is the cube of the graph: it runs far past any cap on any store.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIMITS = Limits(timeout_s=0.5, max_result_bytes=100_000, max_body_bytes=50_000, max_header_bytes=4_096,
                request_timeout_s=1.0, keep_alive_s=1.0, workers=2)


def built(root, store: str):
    out = root / "out"
    assert CliRunner().invoke(app, ["build", str(write_articles(root / "in", DOCS)), "--out", str(out),
                                    "--store", store]).exit_code == 0
    return out


@contextmanager
def running(out, store: str, limits: Limits):
    """An endpoint over a built graph, served on a thread; yields its base URL."""
    with QueryPool(out, store, workers=limits.workers, caps=limits.caps) as pool:
        sock = listen("127.0.0.1", 0)
        server = make_server(pool, "127.0.0.1", 0, limits)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def built_graph(request, tmp_path_factory):
    return built(tmp_path_factory.mktemp(f"serve-{request.param}"), request.param), request.param


@pytest.fixture(scope="module")
def endpoint(built_graph):
    with running(*built_graph, LIMITS) as url:
        yield url


def test_sparqlwrapper_select_as_json(endpoint):
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(ACTORS)
    client.setReturnFormat(JSON)
    labels = [b["label"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert labels == ["Chile", "Finland", "Norway", "Peru", "Sweden"]


def test_sparqlwrapper_post_csv_and_construct_turtle(endpoint):
    client = SPARQLWrapper(f"{endpoint}/query")
    client.setMethod("POST")
    client.setQuery(ACTORS)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[:2] == ["label", "Chile"]
    client.setQuery("CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/geokg/ontology#Country> ; ?p ?o }")
    client.setReturnFormat(TURTLE)
    assert b"Norway" in client.query().convert()


def test_sparqlwrapper_gets_tsv_on_every_store(endpoint):
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(ACTORS)
    client.setReturnFormat(TSV)
    assert client.query().convert().decode().splitlines() == ['?label', '"Chile"', '"Finland"', '"Norway"', '"Peru"', '"Sweden"']


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_gets_tsv_for_ask_and_select(endpoint):
    for query, expected in ((ASK, "true"), (ACTORS, '?label\n"Chile"')):
        url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query})
        out = subprocess.run(["curl", "-s", "-H", "Accept: text/tab-separated-values", url], capture_output=True, text=True, check=True)
        assert out.stdout.startswith(expected)


def test_tsv_cells_escape_tabs_and_newlines_and_keep_types():
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    from kg.store import to_tsv

    g = Graph()
    s = URIRef("http://example.org/s")
    g.add((s, URIRef("http://example.org/note"), Literal('two\tcells "and"\nlines', lang="en")))
    g.add((s, URIRef("http://example.org/n"), Literal(3)))
    g.add((s, URIRef("http://example.org/c"), Literal("0.5", datatype=XSD.decimal)))
    rows = to_tsv(g.query("SELECT ?p ?o ?none WHERE { ?s ?p ?o } ORDER BY ?p")).decode().split("\n")
    assert rows[0] == "?p\t?o\t?none"
    assert rows[1:4] == ['<http://example.org/c>\t"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>\t',
                         "<http://example.org/n>\t3\t",
                         '<http://example.org/note>\t"two\\tcells \\"and\\"\\nlines"@en\t']


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_gets_xml_by_accept_header(endpoint):
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": ASK})
    out = subprocess.run(["curl", "-s", "-H", "Accept: application/sparql-results+xml", url], capture_output=True, text=True, check=True)
    assert "<boolean>true</boolean>" in out.stdout


def status_of(request: urllib.request.Request, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read().decode()


def test_bad_query_is_400_with_the_parser_message(endpoint):
    code, text = status_of(urllib.request.Request(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "SELECT WHERE {"})))
    assert code == 400 and "bad SPARQL" in text


@pytest.mark.parametrize("body, kind", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    (urllib.parse.urlencode({"update": "CLEAR ALL"}), "application/x-www-form-urlencoded"),
    (urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}), "application/x-www-form-urlencoded"),
])
def test_updates_are_refused(endpoint, body, kind):
    code, _ = status_of(urllib.request.Request(f"{endpoint}/sparql", data=body.encode(), headers={"Content-Type": kind}))
    assert code == 403
    assert status_of(urllib.request.Request(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": ASK})))[0] == 200


def test_result_size_is_capped(endpoint):
    big = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    code, text = status_of(urllib.request.Request(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": big})))
    assert code == 413 and "LIMIT" in text


def test_accept_negotiation():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml") == "xml"
    assert negotiate("*/*") == "json" and negotiate("text/turtle") == "turtle"


def test_unknown_path_is_404(endpoint):
    assert status_of(urllib.request.Request(f"{endpoint}/update"))[0] == 404




def get(endpoint: str, query: str, timeout: float = 10) -> tuple[int, str]:
    return status_of(urllib.request.Request(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query})), timeout)


@pytest.mark.parametrize("query, refused", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } }", "SERVICE is refused"),
    ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "FROM <http://127.0.0.1:9/data.ttl> is refused"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM <file:///etc/passwd> is refused"),
    ("SELECT * FROM NAMED <file:///etc/hosts> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED <file:///etc/hosts> is refused"),
])
def test_queries_that_would_fetch_a_url_or_read_a_file_are_refused(endpoint, query, refused):
    code, text = get(endpoint, query)
    assert code == 400 and refused in text and "root:" not in text


def test_from_one_of_the_graphs_own_documents_is_answered(endpoint):
    code, text = get(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    graphs = [b["g"]["value"] for b in json.loads(text)["results"]["bindings"]]
    document = next(g for g in graphs if "/document/" in g)
    code, text = get(endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{document}> WHERE {{ ?s ?p ?o }}")
    assert code == 200 and '"n"' in text


@pytest.mark.slow
def test_stopped_queries_free_their_workers(built_graph):
    with running(*built_graph, replace(LIMITS, timeout_s=0.2)) as endpoint:
        stopped_then_ask(endpoint)


def stopped_then_ask(endpoint: str) -> None:
    for _ in range(20):
        code, text = get(endpoint, CARTESIAN)
        assert code == 503 and "stopped" in text
    start = time.monotonic()
    code, _ = get(endpoint, "ASK {}")
    assert code == 200 and time.monotonic() - start < 1.0


def test_a_body_over_the_cap_is_413(endpoint):
    body = "query=" + urllib.parse.quote("ASK {}" + " " * 100_000)
    code, text = status_of(urllib.request.Request(f"{endpoint}/sparql", data=body.encode(),
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"}))
    assert code == 413 and "body" in text


def test_a_head_over_the_cap_is_431(endpoint):
    code, _ = status_of(urllib.request.Request(f"{endpoint}/sparql?query=ASK%7B%7D", headers={"X-Padding": "x" * 10_000}))
    assert code == 431


def raw(endpoint: str) -> socket.socket:
    host, port = endpoint.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(4096):
        data += chunk
    return data


@pytest.mark.parametrize("sent", [
    b"",  # connected, then silent
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n",  # a head never finished
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK",  # a short body
])
def test_idle_and_half_sent_requests_are_closed_in_time(endpoint, sent):
    with raw(endpoint) as sock:
        sock.sendall(sent)
        start = time.monotonic()
        reply = read_all(sock)  # returns when the server closes the connection
    assert time.monotonic() - start < LIMITS.request_timeout_s + 2
    assert reply == b"" or reply.startswith(b"HTTP/1.1 408")


@pytest.mark.slow
def test_many_clients_at_once_all_get_answers_and_memory_stays_bounded(built_graph):
    import psutil

    if built_graph[1] != "oxigraph":
        pytest.skip("measured on the on-disk store, the one for big archives")
    me = psutil.Process()
    def rss() -> int:
        return sum(p.memory_info().rss for p in [me, *me.children(recursive=True)])

    with running(*built_graph, Limits()) as endpoint:  # the default caps
        before = rss()
        with ThreadPoolExecutor(32) as clients:
            codes = list(clients.map(lambda _: get(endpoint, ACTORS)[0], range(2000)))
    assert codes.count(200) == 2000
    assert rss() - before < 200 * 1024 * 1024


@pytest.mark.slow
def test_sigterm_finishes_the_request_in_flight_then_exits_0(tmp_path):
    out = built(tmp_path, "oxigraph")
    kg = str(Path(sys.executable).parent / "kg")
    server = subprocess.Popen([kg, "serve", "--graph", str(out), "--port", "0", "--timeout", "60"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        endpoint = "http://" + line.split("http://")[1].split("/sparql")[0]
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(?a != ?d) }"
        with ThreadPoolExecutor(1) as client:
            answer = client.submit(get, endpoint, slow, 60)  # as long as the server lets it run (--timeout 60)
            time.sleep(0.3)
            server.send_signal(signal.SIGTERM)
            code, text = answer.result(timeout=60)
        assert code == 200 and '"n"' in text
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()


def test_kg_query_has_the_same_guards_and_a_time_cap(built_graph):
    out, store = built_graph
    stopped = CliRunner().invoke(app, ["query", CARTESIAN, "--graph", str(out), "--store", store, "--timeout", "0.5"])
    assert stopped.exit_code == 2 and "stopped after 0.5 s" in stopped.stderr and len(stopped.stderr.splitlines()) == 1
    fetch = CliRunner().invoke(app, ["query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "--graph", str(out)])
    assert fetch.exit_code == 2 and "is refused" in fetch.stderr and "root:" not in fetch.stdout
    fine = CliRunner().invoke(app, ["query", ACTORS, "--graph", str(out), "--store", store, "--format", "csv"])
    assert fine.exit_code == 0 and fine.stdout.splitlines()[:2] == ["label", "Chile"]


def test_kg_query_on_a_folder_without_a_graph_is_one_line(tmp_path):
    res = CliRunner().invoke(app, ["query", "ASK {}", "--graph", str(tmp_path)])
    assert res.exit_code == 2 and "no built graph here" in res.stderr and len(res.stderr.splitlines()) == 1


@pytest.mark.parametrize("query, plain", [
    ("SELECT * WHERE { ?s ?p ?o }", True),
    ("SELECT * WHERE { ?s ?p 'SERVICE' }", True),  # the word inside a string
    ('SELECT * WHERE { ?s ?p """a "FROM" b""" } # SERVICE in a comment', True),
    ("SELECT * WHERE { ?s <http://example.org/#from> ?o }", True),  # inside an IRI
    ("SELECT * WHERE { SERVICE <http://x/> {} }", False),
    ("select * from <http://x/> where {}", False),
    ("SELECT ?service WHERE {}", False),  # a variable's name: the full check decides
    ("PREFIX e: <http://x/> SELECT * WHERE { ?s e:a\\' SERVICE <http://u/> { } . ?s e:b\\' ?o }", False),  # escapes
    ('SELECT * WHERE { ?s ?p "unclosed SERVICE <http://u/> {} }', False),
    ("SELECT * WHERE { FILTER(?a<?b) SERVICE <http://u/> {} }", False),  # a less-than is no IRI
])
def test_the_fast_path_only_skips_queries_plainly_without_service_or_from(query, plain):
    from kg.store import plainly_local

    assert plainly_local(query) is plain
