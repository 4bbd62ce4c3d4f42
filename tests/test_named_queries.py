"""The named queries of ontology/queries/, on a small graph built for the tests, in both stores."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.query import named_queries, named_query, open_store, rows_of
from kg.settings import Settings
from tests.test_diff import write_articles

DOCS = {
    "a.txt": ("2024-03-01", "Norway supported the peace plan. Sweden criticized Finland on Friday."),
    "b.txt": ("2024-03-10", "Norway rejected the peace plan. Chile attacked Peru. Peru later praised Chile."),
    "c.txt": ("2024-03-12", "Norway said Chile attacked Peru again."),
}
QUERIES = Settings().ontology_dir / "queries"


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"named-{request.param}")
    res = CliRunner().invoke(app, ["build", str(write_articles(root / "in", DOCS)), "--out", str(root / "out"),
                                   "--store", request.param])
    assert res.exit_code == 0, res.output
    return open_store(root / "out", request.param)


def run(store, name, **params):
    return rows_of(store, named_query(QUERIES, name).render(params))[1]


def test_every_named_query_says_what_it_answers():
    library = named_queries(QUERIES)
    assert {"stance_on", "between", "balance", "central", "said_about", "in_period"} <= set(library)
    assert all(q.question.endswith(".") and len(q.question) > 20 for q in library.values())


def test_stance_on(store):
    rows = run(store, "stance_on", topic="plan")
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [("Norway", "supports", "peace plan", "2024-03-01"),
                                                        ("Norway", "rejects", "peace plan", "2024-03-10")]


def test_between_in_time_order(store):
    rows = run(store, "between", a="Chile", b="Peru")
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("2024-03-10", "Chile", "attacks", "Peru"), ("2024-03-10", "Peru", "praises", "Chile"),
        ("2024-03-12", "Chile", "attacks", "Peru")]


def test_balance(store):
    rows = {r[0]: tuple(int(x) for x in r[1:]) for r in run(store, "balance")}
    assert rows["Norway"] == (1, 1, 0) and rows["Chile"] == (0, 2, -2) and rows["Peru"] == (1, 0, 1)


def test_central(store):
    rows = run(store, "central", limit="2")
    assert [r[0] for r in rows] == ["Chile", "Peru"] and [int(r[1]) for r in rows] == [3, 3]


def test_said_about(store):
    rows = run(store, "said_about", speaker="Norway", about="Peru")
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [("2024-03-12", "Chile", "attacks", "Peru")]


def test_in_period(store):
    rows = run(store, "in_period", start="2024-03-01", end="2024-03-09")
    assert [(r[0], r[1], r[4]) for r in rows] == [("2024-03-01", "Norway", "peace plan"), ("2024-03-01", "Sweden", "Finland")]


def test_parameters_are_checked_and_quoted(store):
    with pytest.raises(InputError, match="needs --param topic"):
        named_query(QUERIES, "stance_on").render({})
    with pytest.raises(InputError, match="expected a whole number"):
        named_query(QUERIES, "central").render({"limit": "5; DROP"})
    assert run(store, "stance_on", topic='plan") } #') == []  # a quote cannot end the literal
