"""Diffs of the graph between dates and between builds, on short documents written for the tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app

DOCS = {
    # Norway supports the peace plan on 1 March; on 10 March it rejects it; Chile appears on 10 March.
    "a.txt": ("2024-03-01", "Norway supported the peace plan. Sweden criticized Finland."),
    "b.txt": ("2024-03-10", "Norway rejected the peace plan. Chile attacked Peru."),
}


def page_data_of(page: str) -> dict:
    """Return the data a geokg page carries (its <script type="application/json" id="geokg-data">)."""
    import re

    return json.loads(re.search(r'<script type="application/json" id="geokg-data">(.*?)</script>', page, re.DOTALL).group(1))


def write_articles(folder: Path, docs: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,published"]
    for name, (published, text) in docs.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name},{published}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff")
    out = root / "out"
    res = CliRunner().invoke(app, ["build", str(write_articles(root / "in", DOCS)), "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


def run(*args):
    res = CliRunner().invoke(app, ["diff", *args])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_json_diff_between_dates_lists_additions_and_the_stance_change(built):
    d = json.loads(run("--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(built), "--format", "json"))
    assert sorted(d) == ["actors_added", "actors_removed", "events_added", "events_removed", "reports_changed",
                         "stance_changes", "statements_added", "statements_removed"]
    added = {(s["subject"]["label"], s["relation"], s["object"]["label"]) for s in d["statements_added"]}
    assert added == {("Norway", "reject", "peace plan"), ("Chile", "attack", "Peru")}
    assert {(e["subject"]["label"], e["relation"], e["object"]["label"], e["reports"]) for e in d["events_added"]} == {
        ("Norway", "reject", "peace plan", 1), ("Chile", "attack", "Peru", 1)}
    assert d["events_removed"] == [] and d["reports_changed"] == []
    assert {a["label"] for a in d["actors_added"]} == {"Chile", "Peru"}
    assert d["statements_removed"] == [] and d["actors_removed"] == []
    (change,) = d["stance_changes"]
    assert (change["subject"]["label"], change["before"]["relation"], change["after"]["relation"], change["flipped"]) == (
        "Norway", "support", "reject", True)
    assert (change["before"]["date"], change["after"]["date"]) == ("2024-03-01", "2024-03-10")


def test_text_diff_puts_the_stance_change_first_with_evidence(built):
    text = run("--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(built))
    assert text.startswith("Changed stances (1)\n  Norway -> plan [cooperation <-> conflict]")
    assert '"Norway rejected the peace plan."' in text


def test_diff_of_two_builds_shows_a_statement_that_goes(built, tmp_path):
    later = dict(DOCS)
    later["a.txt"] = ("2024-03-01", "Norway supported the peace plan.")  # Sweden's criticism is gone
    out2 = tmp_path / "out2"
    assert CliRunner().invoke(app, ["build", str(write_articles(tmp_path / "in2", later)), "--out", str(out2)]).exit_code == 0
    d = json.loads(run(str(built), str(out2 / "graph.trig"), "--format", "json"))
    assert [(s["subject"]["label"], s["object"]["label"]) for s in d["statements_removed"]] == [("Sweden", "Finland")]
    assert {a["label"] for a in d["actors_removed"]} == {"Sweden", "Finland"}


def test_ttl_diff_has_added_and_removed_graphs(built, tmp_path):
    target = tmp_path / "d.trig"
    run("--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(built), "--format", "ttl", "--out", str(target))
    ds = Dataset()
    ds.parse(target, format="trig")
    sizes = {str(g.identifier).rsplit("/", 1)[-1]: len(g) for g in ds.graphs() if "/diff/" in str(g.identifier)}
    assert sizes["added"] > 0 and sizes.get("removed", 0) == 0


def test_html_diff_marks_edges_with_a_legend_of_its_own(built):
    from kg.export.html import DIFF_COLOURS, QUAD_COLOURS

    page = run("--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(built), "--format", "html")
    data = page_data_of(page)
    assert sorted(e.get("mark") for e in data["edges"]) == ["added", "changed"]
    assert data["diffColours"] == DIFF_COLOURS and not set(DIFF_COLOURS.values()) & set(QUAD_COLOURS.values())
    legend = page.split('id="geokg-legend"', 1)[1].split("</div>", 1)[0]
    assert "changed stance" in legend and "added" in legend and "removed" in legend and "CAMEO" not in legend
    (changed,) = [e for e in data["events"] if e.get("mark") == "changed"]
    assert changed["note"].startswith("changed: was 'supports'")


@pytest.mark.parametrize("args, message", [
    (["--from", "2024-03-12", "--to", "2024-03-05"], "is after --to"),
    (["--from", "2024-03-05"], "needs --from and --to"),
    (["--from", "2024-03-05", "--to", "2024-03-12", "--format", "pdf"], "unknown format"),
])
def test_bad_diff_arguments_are_one_line_errors(built, args, message):
    res = CliRunner().invoke(app, ["diff", *args, "--graph", str(built)])
    assert res.exit_code == 2 and message in res.stderr and len(res.stderr.strip().splitlines()) == 1


# Hedged and conditional statements are not facts: the diff leaves them out unless --include-hedged,
# and then marks them in every format. Hand-made graph (tests/helpers.py): on 5 January Sweden does not
# support the peace plan and rejects Ann Alpha; on 9 January Sweden *might* support the plan (hedged)
# and says Ann Alpha would reject it *if* … (conditional).


def write_hand_graph(folder: Path, *, with_hedged: bool = True) -> Path:
    from kg.export import write_rdf
    from kg.graph import build_dataset, ontology_graph
    from kg.settings import Settings
    from tests.helpers import DOCS as HAND_DOCS
    from tests.helpers import HEDGED, HEDGED_DOC, LEXICON, STATEMENTS

    docs, statements = (HAND_DOCS + [HEDGED_DOC], STATEMENTS + HEDGED) if with_hedged else (HAND_DOCS, STATEMENTS)
    folder.mkdir(parents=True, exist_ok=True)
    write_rdf(build_dataset(docs, statements, ontology_graph(Settings().ontology_dir, LEXICON)),
              folder / "graph.trig", folder / "graph.ttl")
    return folder


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return write_hand_graph(tmp_path_factory.mktemp("hand") / "out")


JANUARY = ["--from", "2024-01-03", "--to", "2024-01-10"]
AFTER_THE_DENIAL = ["--from", "2024-01-06", "--to", "2024-01-10"]  # only the hedged and conditional ones are new


def test_json_diff_counts_asserted_statements_by_default(hand):
    d = json.loads(run(*JANUARY, "--graph", str(hand), "--format", "json"))
    assert sorted((s["subject"]["label"], s["relation"], s["object"]["label"], s["modality"]) for s in d["statements_added"]) == [
        ("Sweden", "reject", "Ann Alpha", "asserted"), ("Sweden", "support", "peace plan", "asserted")]
    assert d["stance_changes"] == []


def test_json_diff_with_include_hedged_adds_them_with_their_modality(hand):
    d = json.loads(run(*JANUARY, "--graph", str(hand), "--format", "json", "--include-hedged"))
    assert sorted((s["subject"]["label"], s["relation"], s["object"]["label"], s["modality"]) for s in d["statements_added"]) == [
        ("Ann Alpha", "reject", "Sweden", "conditional"), ("Sweden", "reject", "Ann Alpha", "asserted"),
        ("Sweden", "support", "peace plan", "asserted"), ("Sweden", "support", "peace plan", "hedged")]
    assert d["stance_changes"] == []  # Sweden's stance on the plan is new in this range: nothing to compare
    (change,) = json.loads(run(*AFTER_THE_DENIAL, "--graph", str(hand), "--format", "json", "--include-hedged"))[
        "stance_changes"]  # "did not support" then "might support"
    assert (change["before"]["modality"], change["after"]["modality"]) == ("asserted", "hedged")


def test_text_diff_leaves_out_then_marks_hedged_and_conditional(hand):
    assert run(*AFTER_THE_DENIAL, "--graph", str(hand)).strip() == "No difference."
    text = run(*AFTER_THE_DENIAL, "--graph", str(hand), "--include-hedged")
    assert text.startswith("Changed stances (1)\n  Sweden -> plan [cooperation <-> conflict]")
    assert "after: Sweden supports peace plan [hedged] (2024-01-09, d3)" in text
    assert "    Ann Alpha rejects Sweden [conditional] (2024-01-09; 1 report: d3)" in text


def test_ttl_diff_with_include_hedged_keeps_the_modality_and_no_direct_triple(hand, tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from kg.ontology import GEOKG, RELATION
    from tests.helpers import BETA, PLAN

    def added(*flags):
        target = tmp_path / f"d{len(flags)}.trig"
        run(*AFTER_THE_DENIAL, "--graph", str(hand), "--format", "ttl", "--out", str(target), *flags)
        ds = Dataset()
        ds.parse(target, format="trig")
        return ds.graph(URIRef("https://w3id.org/geokg/id/diff/added"))

    assert len(added()) == 0
    g = added("--include-hedged")
    assert sorted(str(m) for st in g.subjects(RDF.type, GEOKG.Statement) for m in g.objects(st, GEOKG.modality)) == [
        "conditional", "hedged"]
    assert (URIRef(BETA.id), RELATION.support, URIRef(PLAN.id)) not in g  # not a fact: no direct triple


def test_html_diff_draws_hedged_edges_only_with_include_hedged(hand):
    page = run(*AFTER_THE_DENIAL, "--graph", str(hand), "--format", "html")
    assert '"modality": "hedged"' not in page and "Sweden might support" not in page
    page = run(*AFTER_THE_DENIAL, "--graph", str(hand), "--format", "html", "--include-hedged")
    data = page_data_of(page)
    assert sorted(e["modality"] for e in data["edges"]) == ["conditional", "hedged"]
    assert data["dotted"] == [2, 6] and data["showHedged"] is True
    assert any("verbal cooperation (hedged)" in e["title"] for e in data["edges"])
    assert 'id="geokg-hedged" checked' in page  # the page shows them from the start


def test_diff_of_two_builds_counts_hedged_only_with_the_flag(tmp_path):
    before = write_hand_graph(tmp_path / "before", with_hedged=False)
    after = write_hand_graph(tmp_path / "after")
    assert json.loads(run(str(before), str(after), "--format", "json"))["statements_added"] == []
    d = json.loads(run(str(before), str(after), "--format", "json", "--include-hedged"))
    assert sorted(s["modality"] for s in d["statements_added"]) == ["conditional", "hedged"]


# The diff counts events: a second article reporting a known event changes its reports, it is not new.


def test_a_second_report_of_an_event_is_a_report_change_not_a_new_event(tmp_path):
    docs = dict(DOCS)
    docs["c.txt"] = ("2024-03-11", "Chile attacked Peru.")  # b's attack, told again the next day
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", str(write_articles(tmp_path / "in", docs)), "--out", str(out)]).exit_code == 0
    d = json.loads(run("--from", "2024-03-10", "--to", "2024-03-11", "--graph", str(out), "--format", "json"))
    assert d["events_added"] == [] and len(d["statements_added"]) == 1
    (change,) = d["reports_changed"]
    assert (change["after"]["relation"], change["documents_added"], change["before"]["corroboration"],
            change["after"]["corroboration"]) == ("attack", ["c"], 1, 2)
    text = run("--from", "2024-03-10", "--to", "2024-03-11", "--graph", str(out))
    assert text.startswith("Reports changed (1)\n  Chile attacks Peru: 1 -> 2 independent reports (+c)")
    d = json.loads(run("--from", "2024-03-05", "--to", "2024-03-11", "--graph", str(out), "--format", "json"))
    (attack,) = [e for e in d["events_added"] if e["relation"] == "attack"]
    assert (attack["reports"], attack["documents"]) == (2, ["b", "c"])  # one new event with two reports
