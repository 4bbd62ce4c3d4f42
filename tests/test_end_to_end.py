"""Build the sample articles as a new user would and check what they would check."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.export.html import external_references
from tests.test_export import ACTOR_FIELDS, CONTRACT

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out, res.stdout


def statements(out):
    return [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]


def test_summary_counts_documents_sentences_statements_actors(built):
    out, stdout = built
    assert stdout.startswith("5 documents, ")
    for word in ("sentences", "statements", "actors"):
        assert word in stdout


def test_trig_loads_with_one_graph_per_document(built):
    out, _ = built
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if str(g.identifier).startswith("https://w3id.org/geokg/id/document/")}
    assert len(names) == 5
    assert len(Dataset().parse(out / "graph.ttl", format="turtle")) > 0


def test_every_statement_line_has_the_contract_fields(built):
    out, _ = built
    rows = statements(out)
    assert len(rows) >= 20
    for r in rows:
        assert CONTRACT <= r.keys()
        assert ACTOR_FIELDS <= r["subject"].keys() and ACTOR_FIELDS <= r["object"].keys()
        assert r["document"] in {p.stem for p in SEEDS.glob("*.txt")}
        assert 0 <= r["confidence"] <= 1
    assert rows == sorted(rows, key=lambda r: (r["document"], r["sentence_index"], r["subject"]["label"], r["relation"],
                                               r["object"]["label"], r["id"]))


def test_name_forms_of_one_person_share_one_node(built):
    out, _ = built
    rows = statements(out)
    ids = {a["id"] for r in rows for a in (r["subject"], r["object"]) if "Putin" in a["label"] and a["type"] != "Other"}
    assert len(ids) == 1


def test_nothing_comes_from_the_page_furniture(built):
    out, _ = built
    assert not any("MacBook" in r["sentence"] or "Bonus video" in r["sentence"] for r in statements(out))


def test_html_has_nodes_and_no_network_address(built):
    out, _ = built
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert external_references(page) == []
    assert page.count('"shape": "dot"') >= 5


def test_rebuild_gives_identical_files(built, tmp_path):
    out, _ = built
    assert CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path)]).exit_code == 0
    for name in ("graph.trig", "graph.ttl", "statements.jsonl", "offices.jsonl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_bad_input_fails_cleanly_and_keeps_the_previous_build(built, tmp_path):
    out, _ = built
    before = (out / "statements.jsonl").read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": 5}\n')
    res = CliRunner().invoke(app, ["build", str(bad), "--out", str(out)])
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {bad}:1: missing or empty 'text'"
    assert (out / "statements.jsonl").read_bytes() == before


def test_the_seed_graph_conforms_to_the_shapes(built):
    out, _ = built
    res = CliRunner().invoke(app, ["validate", "--graph", str(out)])
    assert res.exit_code == 0, res.stdout
    assert res.stdout.startswith("conforms: ")
