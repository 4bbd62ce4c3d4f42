from __future__ import annotations

import json

import pytest
from rdflib import Dataset

from kg.export import write_html, write_jsonl, write_rdf
from kg.export.atomic import atomic_write
from kg.export.html import external_references
from kg.graph import build_dataset, ontology_graph
from kg.settings import Settings
from tests.helpers import DOCS, LEXICON, STATEMENTS

CONTRACT = {"id", "subject", "relation", "relation_label", "cameo", "object", "negated", "event_date", "date_source", "published",
            "document", "sentence", "confidence", "attributed_to", "modality"}
ACTOR_FIELDS = {"id", "label", "type", "country", "wikidata", "sector"}


def test_jsonl_lines_follow_the_contract_and_are_sorted(tmp_path):
    write_jsonl(reversed(STATEMENTS), tmp_path / "s.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert len(rows) == 3
    for r in rows:
        assert CONTRACT <= r.keys()
        assert ACTOR_FIELDS <= r["subject"].keys() and ACTOR_FIELDS <= r["object"].keys()
        assert r["cameo"] is None or (len(r["cameo"]) == 2 and 1 <= int(r["cameo"]) <= 20)
    assert [r["document"] for r in rows] == ["d1", "d2", "d2"]
    negated = [(r["subject"]["label"], r["relation"], r["object"]["label"]) for r in rows if r["negated"]]
    assert negated == [("Sweden", "support", "peace plan")]
    assert rows[0]["published"] == "2024-01-02"


def test_trig_and_turtle_round_trip(tmp_path):
    ds = build_dataset(DOCS, STATEMENTS, ontology_graph(Settings().ontology_dir, LEXICON))
    write_rdf(ds, tmp_path / "g.trig", tmp_path / "g.ttl")
    back = Dataset()
    back.parse(tmp_path / "g.trig", format="trig")
    assert len(back) == len(ds)
    assert "geokg:Statement" in (tmp_path / "g.ttl").read_text()


def test_html_view_is_offline_and_has_nodes_and_edges(tmp_path):
    write_html(STATEMENTS, tmp_path / "graph.html")
    page = (tmp_path / "graph.html").read_text()
    assert external_references(page) == []
    assert not any(host in page for host in ("cdn.jsdelivr", "unpkg.com", "cdnjs."))
    assert "new vis.Network" in page
    assert '"label": "Ann Alpha"' in page and '"label": "Sweden"' in page
    assert page.count('"from": ') == 3


def test_external_references_are_detected():
    assert external_references('<script src="https://cdn.example.org/x.js"></script><a href="//x.org/y">') == [
        "https://cdn.example.org/x.js", "//x.org/y"]


def test_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")

    class Boom:
        def encode(self, _):
            raise RuntimeError("disk full")

    with pytest.raises(TypeError):
        atomic_write(target, Boom())  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
