"""Inputs as people have them: odd file names and ids never break a build."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import document_iri, iri_part


@pytest.mark.parametrize("text, part", [
    ("001_kyiv-talks", "001_kyiv-talks"),  # the usual ids are unchanged
    ("my file {1}", "my%20file%20%7B1%7D"),
    ('a>b"c', "a%3Eb%22c"),
    ("é/ü?#", "%C3%A9%2F%C3%BC%3F%23"),
    ("", "_"),
])
def test_any_id_is_one_valid_iri_segment(text, part):
    assert iri_part(text) == part
    assert str(document_iri(text)).endswith("/document/" + part)


@pytest.mark.slow
def test_file_names_and_ids_with_spaces_quotes_and_brackets_build_a_valid_graph(tmp_path):
    folder = tmp_path / "saved articles"
    folder.mkdir()
    (folder / "my file {1}.txt").write_text("Finland supported Norway.\n", encoding="utf-8")
    records = [{"id": 'a>b"c d', "text": "Norway criticized Sweden on Monday.", "published": "2024-01-02"},
               {"id": "é/ü?#x", "text": "Chile attacked Peru.", "published": "2024-01-03"}]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--store", "oxigraph"])
    assert res.exit_code == 0, res.output
    graphs = {str(g.identifier) for g in Dataset().parse(out / "graph.trig", format="trig").graphs()}
    assert {str(document_iri(i)) for i in ("my file {1}", 'a>b"c d', "é/ü?#x")} <= graphs
    assert CliRunner().invoke(app, ["validate", "--graph", str(out)]).exit_code == 0
    documents = {json.loads(line)["document"] for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()}
    assert documents == {"my file {1}", 'a>b"c d', "é/ü?#x"}
