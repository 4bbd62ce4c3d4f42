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
    from tests.test_diff import page_data_of

    assert external_references(page) == []
    assert sum(n["actor"] for n in page_data_of(page)["nodes"]) >= 5


def test_rebuild_gives_identical_files(built, tmp_path):
    out, _ = built
    assert CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path)]).exit_code == 0
    for name in ("graph.trig", "graph.ttl", "statements.jsonl", "events.jsonl", "offices.jsonl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_bad_input_fails_cleanly_and_keeps_the_previous_build(built, tmp_path):
    out, _ = built
    before = (out / "statements.jsonl").read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": 5}\n')
    res = CliRunner().invoke(app, ["build", str(bad), "--out", str(out)])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [f"skipped {bad}:1: missing or empty 'text'",
                                       f"error: {bad}: no documents to build (1 input(s) skipped, see above); {out} is left as it was"]
    assert (out / "statements.jsonl").read_bytes() == before


def test_the_seed_graph_conforms_to_the_shapes(built):
    out, _ = built
    res = CliRunner().invoke(app, ["validate", "--graph", str(out)])
    assert res.exit_code == 0, res.stdout
    assert res.stdout.startswith("conforms: ")


def events(out):
    return [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def test_events_jsonl_groups_every_statement_once_sorted_by_date(built):
    out, _ = built
    rows, evs = statements(out), events(out)
    assert sorted(i for e in evs for i in e["statements"]) == sorted(r["id"] for r in rows)
    assert len(evs) < len(rows)  # some happenings are reported more than once
    assert [e["first_date"] for e in evs] == sorted(e["first_date"] for e in evs)
    for e in evs:
        assert e["reports"] == len(e["statements"]) and e["corroboration"] == len(e["documents"]) <= e["reports"]


def test_every_event_told_by_two_articles_is_one_edge_with_both_reports(built):
    """Same subject, object, CAMEO root, negation and modality, dated within the window, in two documents:
    one event, and on the page one edge whose event has both reports."""
    from datetime import date

    from kg.events import EVENT_WINDOW_DAYS
    from tests.test_diff import page_data_of

    out, _ = built
    rows = statements(out)
    event_of = {i: e["id"] for e in events(out) for i in e["statements"]}

    def key(r: dict) -> tuple:
        return (r["subject"]["id"], r["object"]["id"], r["cameo"] or r["relation"], r["negated"], r["modality"])

    pairs = [(a, b) for a in rows for b in rows if a["document"] < b["document"] and key(a) == key(b)
             and abs((date.fromisoformat(a["event_date"]) - date.fromisoformat(b["event_date"])).days) <= EVENT_WINDOW_DAYS]
    assert len(pairs) >= 10
    data = page_data_of((out / "graph.html").read_text(encoding="utf-8"))
    page_event = {e["id"]: k for k, e in enumerate(data["events"])}
    for a, b in pairs:
        assert event_of[a["id"]] == event_of[b["id"]], (a["sentence"], b["sentence"])
        k = page_event[event_of[a["id"]]]
        assert {r["document"] for r in data["events"][k]["reports"]} >= {a["document"], b["document"]}
        assert sum(k in e["events"] for e in data["edges"]) == 1


def test_trump_restoring_relations_with_russia_is_one_event_reported_by_two_articles(built):
    from tests.test_diff import page_data_of

    out, _ = built
    (restore,) = [e for e in events(out) if e["subject"]["label"] == "Donald Trump" and e["object"]["label"] == "Russia"
                  and e["relation"] == "restoreRelations"]
    assert (restore["reports"], restore["corroboration"], restore["first_date"]) == (2, 2, "2025-03-19")
    assert [d[:3] for d in restore["documents"]] == ["002", "004"]
    assert restore["modality"] == "hedged"  # "reflects Trump's desire to normalise relations": a wish, not a deed
    data = page_data_of((out / "graph.html").read_text(encoding="utf-8"))
    k = next(k for k, e in enumerate(data["events"]) if e["id"] == restore["id"])
    (edge,) = [e for e in data["edges"] if k in e["events"]]
    assert (edge["modality"], edge["quad"], edge["weight"]) == ("hedged", 1, sum(
        data["events"][i]["documents"] for i in edge["events"]))
