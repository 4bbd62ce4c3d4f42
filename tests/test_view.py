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


def test_min_statements_keeps_busy_nodes():
    assert ids(focus_statements(MORE, min_statements=3)) == []  # only Sweden is that busy: no edge is left
    assert ids(focus_statements(MORE, min_statements=2)) == ["Ann Alpha", "Sweden", "peace plan"]


def test_actor_and_hops():
    assert ids(focus_statements(MORE, actor="finland", hops=1)) == ["Finland", "Sweden"]
    assert ids(focus_statements(MORE, actor="finland", hops=2)) == ["Ann Alpha", "Finland", "Sweden", "peace plan"]


def test_unknown_actor_is_an_input_error():
    with pytest.raises(InputError, match="no node"):
        focus_statements(MORE, actor="atlantis")



# kg view counts and draws asserted statements; --include-hedged adds hedged and conditional ones, dotted.


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
    assert said.strip().endswith("3 nodes, 3 statements")
    assert "Sweden might support" not in page and '"modality": "hedged"' not in page
    assert 'id="geokg-hedged" disabled' in page  # nothing to include: the box is greyed out


def test_view_with_include_hedged_draws_them_dotted_and_marked(tmp_path):
    from tests.test_diff import write_hand_graph

    said, page = view(write_hand_graph(tmp_path / "g"), tmp_path, "--include-hedged")
    assert said.strip().endswith("3 nodes, 5 statements")
    assert "supports (hedged)" in page and "rejects (conditional)" in page and '"dashes": [2, 6]' in page
    assert "[d3 2024-01-09, hedged] Sweden might support the peace plan." in page
    assert 'id="geokg-hedged" checked' in page


def test_view_min_statements_counts_asserted_statements_unless_asked(tmp_path):
    from tests.test_diff import write_hand_graph

    graph = write_hand_graph(tmp_path / "g")
    # each node takes part in two asserted statements, and in one or two that are not asserted
    assert view(graph, tmp_path, "--min-statements", "3")[0].strip().endswith("0 nodes, 0 statements")
    assert view(graph, tmp_path, "--min-statements", "3", "--include-hedged")[0].strip().endswith("3 nodes, 5 statements")
