from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.model import Actor
from kg.view import focus_statements
from tests.helpers import BETA, STATEMENTS, statement

GAMMA = Actor("https://w3id.org/geokg/id/country/FIN", "Finland", "Country", "FIN")
MORE = STATEMENTS + [statement("d3", GAMMA, "support", "supports", "05", BETA)]


def ids(sts):
    return sorted({a.label for s in sts for a in (s.subject, s.object)})


def test_min_events_keeps_busy_nodes():
    assert ids(focus_statements(MORE, min_events=3)) == []  # only Sweden is that busy: no edge is left
    assert ids(focus_statements(MORE, min_events=2)) == ["Ann Alpha", "Sweden", "peace plan"]


def test_min_events_counts_two_reports_of_one_event_once():
    from datetime import date

    again = statement("d4", GAMMA, "support", "supports", "05", BETA, published=date(2024, 1, 3))
    assert ids(focus_statements(MORE + [again], min_events=2)) == ["Ann Alpha", "Sweden", "peace plan"]
    later = statement("d5", GAMMA, "support", "supports", "05", BETA, published=date(2024, 2, 1))
    assert "Finland" in ids(focus_statements(MORE + [later], min_events=2))  # a month later: a second event


def test_actor_and_hops():
    assert ids(focus_statements(MORE, actor="finland", hops=1)) == ["Finland", "Sweden"]
    assert ids(focus_statements(MORE, actor="finland", hops=2)) == ["Ann Alpha", "Finland", "Sweden", "peace plan"]


def test_unknown_actor_is_an_input_error():
    with pytest.raises(InputError, match="no node"):
        focus_statements(MORE, actor="atlantis")



# kg view counts and draws asserted events; --include-hedged adds hedged and conditional ones, dotted.


def view(graph, tmp_path, *args):
    from typer.testing import CliRunner

    from kg.cli import app

    target = tmp_path / f"view{len(args)}.html"
    res = CliRunner().invoke(app, ["view", "--graph", str(graph), "--out", str(target), *args])
    assert res.exit_code == 0, res.output
    return res.stdout, target.read_text(encoding="utf-8")


def test_view_leaves_out_hedged_and_conditional_statements_by_default(tmp_path):
    from tests.test_diff import write_hand_graph

    said, page = view(write_hand_graph(tmp_path / "g"), tmp_path)
    assert said.strip().endswith("3 nodes, 3 events, 3 statements")
    assert "Sweden might support" not in page and '"modality": "hedged"' not in page
    assert 'id="geokg-hedged" disabled' in page  # nothing to include: the box is greyed out


def test_view_with_include_hedged_draws_them_dotted_and_marked(tmp_path):
    from tests.test_diff import page_data_of, write_hand_graph

    said, page = view(write_hand_graph(tmp_path / "g"), tmp_path, "--include-hedged")
    assert said.strip().endswith("3 nodes, 5 events, 5 statements")
    data = page_data_of(page)
    marked = sorted((e["modality"], e["relation"], [r["sentence"] for r in e["reports"]]) for e in data["events"]
                    if e["modality"] != "asserted")
    assert marked == [("conditional", "rejects", ["Sweden said Ann Alpha would reject it if it joined."]),
                      ("hedged", "supports", ["Sweden might support the peace plan."])]
    assert data["dotted"] == [2, 6] and 'id="geokg-hedged" checked' in page


def test_view_min_events_counts_asserted_events_unless_asked(tmp_path):
    from tests.test_diff import write_hand_graph

    graph = write_hand_graph(tmp_path / "g")
    # each node takes part in two asserted statements, and in one or two that are not asserted
    assert view(graph, tmp_path, "--min-events", "3")[0].strip().endswith("0 nodes, 0 events, 0 statements")
    assert view(graph, tmp_path, "--min-events", "3", "--include-hedged")[0].strip().endswith(
        "3 nodes, 5 events, 5 statements")
    # the old name of the option still works
    assert view(graph, tmp_path, "--min-statements", "3")[0].strip().endswith("0 nodes, 0 events, 0 statements")


def test_the_page_of_events_grouped_over_compact_reports_is_the_page_of_the_statements(tmp_path):
    """A build writes its page from `Report`s whose sentences are read back from disk, an event at a
    time: the bytes are those of the page made from the statements at once."""
    from kg.events import Report, group_events
    from kg.export.html import render_html, write_events_page
    from kg.spool import SentenceFile

    sentences = SentenceFile(tmp_path / "sentences")
    reports = [Report.of(s, sentences.add(s.sentence)) for s in MORE]
    write_events_page(group_events(reports), tmp_path / "graph.html", sentence=lambda r: sentences.read(r.sentence_at))
    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == render_html(MORE)
