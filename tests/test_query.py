from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.export import write_rdf
from kg.graph import build_dataset, ontology_graph
from kg.query import open_store, rows_of, run_query
from kg.settings import Settings
from tests.helpers import DOCS, LEXICON, STATEMENTS

WHO_SUPPORTS = """
PREFIX rel: <https://w3id.org/geokg/relation/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?who ?what WHERE { ?s rel:support ?o . ?s rdfs:label ?who . ?o rdfs:label ?what } ORDER BY ?who
"""


@pytest.fixture()
def graph_dir(tmp_path):
    ds = build_dataset(DOCS, STATEMENTS, ontology_graph(Settings().ontology_dir, LEXICON))
    write_rdf(ds, tmp_path / "graph.trig", tmp_path / "graph.ttl")
    return tmp_path


def test_direct_triples_answer_simple_sparql_across_named_graphs(graph_dir):
    _, rows = rows_of(open_store(graph_dir), WHO_SUPPORTS)
    assert rows == [["Ann Alpha", "peace plan"]]  # Sweden's support is negated: no direct triple


def test_table_csv_and_json_formats(graph_dir):
    store = open_store(graph_dir)
    assert run_query(store, WHO_SUPPORTS, "csv") == "who,what\nAnn Alpha,peace plan"
    table = run_query(store, WHO_SUPPORTS, "table")
    assert table.splitlines()[0].split() == ["who", "what"] and table.endswith("(1 row)")
    data = json.loads(run_query(store, WHO_SUPPORTS, "json"))
    assert data["results"]["bindings"][0]["who"]["value"] == "Ann Alpha"


def test_bad_query_raises_with_the_parser_message(graph_dir):
    with pytest.raises(QueryError, match="bad SPARQL: Expected"):
        run_query(open_store(graph_dir), "SELECT ?x WHERE { ?x ?y }")


def test_updates_are_refused(graph_dir):
    with pytest.raises(QueryError, match="read-only"):
        run_query(open_store(graph_dir), "INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_cli_query_reads_a_file_and_exits_2_on_a_bad_query(graph_dir, tmp_path):
    runner = CliRunner()
    q = tmp_path / "q.rq"
    q.write_text(WHO_SUPPORTS)
    ok = runner.invoke(app, ["query", str(q), "--graph", str(graph_dir), "--format", "csv"])
    assert ok.exit_code == 0 and ok.stdout.strip() == "who,what\nAnn Alpha,peace plan"
    bad = runner.invoke(app, ["query", "SELECT WHERE {", "--graph", str(graph_dir)])
    assert bad.exit_code == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and bad.stderr.startswith("error: bad SPARQL")


def test_cli_query_without_a_built_graph_says_so(tmp_path):
    res = CliRunner().invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path)])
    assert res.exit_code == 2 and "run `kg build` first" in res.stderr
