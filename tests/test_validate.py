"""SHACL validation of built graphs (kg validate)."""
from __future__ import annotations

import pytest
from rdflib import RDF, Graph

from kg.ontology import GEOKG
from typer.testing import CliRunner

from kg.cli import app
from tests.test_diff import DOCS, write_articles


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("validate")
    assert CliRunner().invoke(app, ["build", str(write_articles(root / "in", DOCS)), "--out", str(root / "out")]).exit_code == 0
    return root / "out"


def test_a_built_graph_conforms(built):
    res = CliRunner().invoke(app, ["validate", "--graph", str(built)])
    assert res.exit_code == 0 and res.stdout.startswith("conforms: 4 statements")


def test_a_folder_holding_only_the_trig_graph_is_validated(built, tmp_path):
    (tmp_path / "graph.trig").write_bytes((built / "graph.trig").read_bytes())
    res = CliRunner().invoke(app, ["validate", "--graph", str(tmp_path)])
    assert res.exit_code == 0 and res.stdout.startswith("conforms: 4 statements")


def test_a_folder_without_a_graph_is_a_one_line_error(tmp_path):
    res = CliRunner().invoke(app, ["validate", "--graph", str(tmp_path)])
    assert res.exit_code != 0 and "no graph.ttl or graph.trig" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("extra, message", [
    ('<{st}> <https://w3id.org/geokg/ontology#confidence> "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .', "confidence"),
    ('<{st}> <https://w3id.org/geokg/ontology#modality> "certain" .', "modality"),
    ('<{st}> <https://w3id.org/geokg/ontology#subject> <https://w3id.org/geokg/id/thing/nobody> .', "subject"),
])
def test_a_broken_statement_is_reported(built, tmp_path, extra, message):
    ttl = (built / "graph.ttl").read_text(encoding="utf-8")
    st = min(str(s) for s in Graph().parse(data=ttl, format="turtle").subjects(RDF.type, GEOKG.Statement))
    (tmp_path / "graph.ttl").write_text(ttl + "\n" + extra.format(st=st) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", "--graph", str(tmp_path)])
    assert res.exit_code == 1 and "violation" in res.stdout and message in res.stdout
