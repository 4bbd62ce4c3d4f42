from __future__ import annotations

import json
import os

import hypothesis
import pytest
from rdflib import Dataset

from kg.export import write_html, write_jsonl, write_rdf
from kg.export.atomic import atomic_write
from kg.export.html import external_references, render_html
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
    from tests.test_diff import page_data_of

    data = page_data_of(page)
    assert {"Ann Alpha", "Sweden"} <= {n["label"] for n in data["nodes"]}
    assert len(data["edges"]) == 3


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


def test_written_files_get_the_usual_permissions_not_the_temp_files(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "x.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "x.txt").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "jsonld", "nt", "nq"])
def test_exports_for_other_tools(tmp_path, fmt):
    import networkx
    from rdflib import Graph

    from kg.export.formats import export_graph

    ds = build_dataset(DOCS, STATEMENTS, ontology_graph(Settings().ontology_dir, LEXICON))
    data = export_graph(ds, fmt)
    assert data == export_graph(ds, fmt)  # deterministic
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(data)
    if fmt in ("graphml", "gexf"):
        g = (networkx.read_graphml if fmt == "graphml" else networkx.read_gexf)(path)
        labels = sorted(d["label"] for _, d in g.nodes(data=True))
        assert labels == ["Ann Alpha", "Sweden", "peace plan"] and g.number_of_edges() == 3
    elif fmt == "csv":
        rows = data.decode().splitlines()
        assert len(rows) == 4 and rows[0].startswith("id,document,")
    elif fmt == "nq":
        back = Dataset()
        back.parse(path, format="nquads")
        assert len(back) == len(ds)
    else:
        assert len(Graph().parse(path, format="json-ld" if fmt == "jsonld" else "nt")) > 0


def test_large_graph_page_has_fixed_positions_and_no_physics():
    import re as _re

    from kg.export.html import LARGE_GRAPH
    from kg.model import Actor
    from tests.helpers import statement

    actors = [Actor(f"https://w3id.org/geokg/id/actor/a{i}", f"Actor {i}", "Person") for i in range(LARGE_GRAPH + 50)]
    sts = [statement("d", actors[i], "meet", "meets", "04", actors[(i * 7 + 1) % len(actors)]) for i in range(len(actors))]
    page = render_html(sts)
    data = json.loads(_re.search(r'<script type="application/json" id="geokg-data">(.*?)</script>', page, _re.DOTALL).group(1))
    assert data["options"]["physics"] == {"enabled": False} and data["large"] is True
    assert len(data["nodes"]) == len(actors) and all("x" in n and "y" in n for n in data["nodes"])


def test_a_free_spot_is_kept_and_a_blocked_one_moves_just_clear_of_the_box():
    import numpy as np

    from kg.export.html import _nearest_free

    placed = np.array([[-10.0, -10.0, 10.0, 10.0]])  # one box around the origin
    # the nearest spots just clear of it are 15.5 away on each side; of those ties, the least x wins
    assert _nearest_free(0.0, 0.0, 5.0, 5.0, 0.0, placed) == (-15.5, 0.0)
    assert _nearest_free(14.0, 2.0, 5.0, 5.0, 0.0, placed) == (15.5, 2.0)  # just right of the box, same line


@hypothesis.settings(max_examples=150, deadline=None)
@hypothesis.given(hypothesis.strategies.lists(
    hypothesis.strategies.tuples(*[hypothesis.strategies.integers(-40, 40)] * 2, *[hypothesis.strategies.integers(2, 30)] * 2),
    min_size=1, max_size=30))
def test_the_spot_a_blocked_node_takes_is_free_and_no_free_spot_is_nearer(boxes):
    import numpy as np

    from kg.export.html import _nearest_free

    placed = np.array([[x - a, y - b, x + a, y + b] for x, y, a, b in boxes], dtype=float)
    w, h, dy = 6.0, 4.0, 3.0

    def free(px, py, room=0.0):  # arrays of spots: True where the node's box overlaps none of the boxes
        l, t, r, b = (c[:, None, None] for c in placed.T)
        return ~((l - room < px + w) & (px - w < r + room) & (t - room < py + dy + h) & (py + dy - h < b + room)).any(axis=0)

    x, y = _nearest_free(0.0, 0.0, w, h, dy, placed)
    assert free(np.array([[x]]), np.array([[y]]))[0, 0]
    px, py = np.meshgrid(np.arange(-120.0, 120.5, 0.5), np.arange(-120.0, 120.5, 0.5))
    # A fine search: no spot on it half a pixel clear of every box (the room the layout keeps) is
    # nearer by more than its step.
    assert not (free(px, py, room=0.5) & (np.hypot(px, py) < np.hypot(x, y) - 0.75)).any()
