"""The SPARQL endpoint with real clients: SPARQLWrapper and curl, over loopback."""
from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import Limits, make_server, negotiate, serve_in_background
from kg.store import open_store
from tests.test_diff import DOCS, write_articles

ASK = "ASK { ?s ?p ?o }"
ACTORS = ("PREFIX geokg: <https://w3id.org/geokg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?label WHERE { ?a a geokg:Country ; rdfs:label ?label } ORDER BY ?label")


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def endpoint(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"serve-{request.param}")
    assert CliRunner().invoke(app, ["build", str(write_articles(root / "in", DOCS)), "--out", str(root / "out"),
                                    "--store", request.param]).exit_code == 0
    server = make_server(open_store(root / "out", request.param), "127.0.0.1", 0, Limits(timeout_s=10, max_result_bytes=100_000))
    serve_in_background(server)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


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


def status_of(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
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


