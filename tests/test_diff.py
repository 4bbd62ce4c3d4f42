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
    assert sorted(d) == ["actors_added", "actors_removed", "stance_changes", "statements_added", "statements_removed"]
    added = {(s["subject"]["label"], s["relation"], s["object"]["label"]) for s in d["statements_added"]}
    assert added == {("Norway", "reject", "peace plan"), ("Chile", "attack", "Peru")}
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


def test_html_diff_colours_edges(built):
    page = run("--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(built), "--format", "html")
    assert '"color": "#2f9e44"' in page and '"color": "#f08c00"' in page and "geokg-legend" in page


@pytest.mark.parametrize("args, message", [
    (["--from", "2024-03-12", "--to", "2024-03-05"], "is after --to"),
    (["--from", "2024-03-05"], "needs --from and --to"),
    (["--from", "2024-03-05", "--to", "2024-03-12", "--format", "pdf"], "unknown format"),
])
def test_bad_diff_arguments_are_one_line_errors(built, args, message):
    res = CliRunner().invoke(app, ["diff", *args, "--graph", str(built)])
    assert res.exit_code == 2 and message in res.stderr and len(res.stderr.strip().splitlines()) == 1
