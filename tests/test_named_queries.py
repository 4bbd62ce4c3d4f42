"""The named queries of ontology/queries/, on a small graph built for the tests, in both stores."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.export import write_rdf
from kg.graph import build_dataset, ontology_graph
from kg.ontology import GEOKG
from kg.query import named_queries, named_query, open_store, rows_of
from kg.settings import Settings
from kg.store import OXIGRAPH_DIR, OxigraphStore
from tests.helpers import DOCS as HAND_DOCS
from tests.helpers import HEDGED, HEDGED_DOC, LEXICON, STATEMENTS
from tests.test_diff import write_articles

# The queries count events: c reports b's attack two days later (one event, two independent reports);
# d's attack is ten days later, another event.
DOCS = {
    "a.txt": ("2024-03-01", "Norway supported the peace plan. Sweden criticized Finland on Friday."),
    "b.txt": ("2024-03-10", "Norway rejected the peace plan. Chile attacked Peru. Peru later praised Chile."),
    "c.txt": ("2024-03-12", "Norway said Chile attacked Peru."),
    "d.txt": ("2024-03-20", "Chile attacked Peru."),
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
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [("Norway", "supports", "peace plan", "2024-03-01"),
                                                        ("Norway", "rejects", "peace plan", "2024-03-10")]


def test_between_lists_events_in_time_order_with_their_independent_reports(store):
    rows = run(store, "between", a="Chile", b="Peru")
    assert [(r[0], r[1], r[2], r[4], r[6]) for r in rows] == [
        ("2024-03-10", "Chile", "attacks", "Peru", "2"), ("2024-03-10", "Peru", "praises", "Chile", "1"),
        ("2024-03-20", "Chile", "attacks", "Peru", "1")]
    assert rows[0][7] == "Chile attacked Peru."  # one of the event's sentences


def test_balance_counts_events_and_their_reports(store):
    rows = {r[0]: tuple(int(x) for x in r[1:5]) for r in run(store, "balance")}  # cooperation, conflict, balance, reports
    assert rows["Norway"] == (1, 1, 0, 2) and rows["Chile"] == (0, 2, -2, 3) and rows["Peru"] == (1, 0, 1, 1)


def test_central_counts_events_then_reports(store):
    rows = run(store, "central", limit="2")
    assert [(r[0], int(r[1]), int(r[2])) for r in rows] == [("Chile", 3, 4), ("Peru", 3, 4)]


def test_said_about(store):
    rows = run(store, "said_about", speaker="Norway", about="Peru")
    # the event Norway spoke of, dated when Norway said it, and told by two documents
    assert [(r[0], r[1], r[2], r[4], r[6], r[7]) for r in rows] == [
        ("2024-03-12", "Chile", "attacks", "Peru", "2", "Norway said Chile attacked Peru.")]


def test_in_period(store):
    rows = run(store, "in_period", start="2024-03-01", end="2024-03-09")
    assert [(r[0], r[1], r[4]) for r in rows] == [("2024-03-01", "Norway", "peace plan"), ("2024-03-01", "Sweden", "Finland")]


def test_parameters_are_checked_and_quoted(store):
    with pytest.raises(InputError, match="needs --param topic"):
        named_query(QUERIES, "stance_on").render({})
    with pytest.raises(InputError, match="expected a whole number"):
        named_query(QUERIES, "central").render({"limit": "5; DROP"})
    assert run(store, "stance_on", topic='plan") } #') == []  # a quote cannot end the literal


# Hedged and conditional events: not facts, so absent unless asked for with include=all.
# Hand-made graph: Ann Alpha supports the peace plan; Sweden does not support it and rejects Ann Alpha;
# Sweden *might* support the plan (hedged); Sweden said Ann Alpha would reject it *if* … (conditional).


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def hedged_store(request, tmp_path_factory):
    from rdflib import URIRef

    root = tmp_path_factory.mktemp(f"hedged-{request.param}")
    from rdflib.namespace import PROV

    ds = build_dataset(HAND_DOCS + [HEDGED_DOC], STATEMENTS + HEDGED, ontology_graph(Settings().ontology_dir, LEXICON))
    # a graph written before statements carried a modality: Ann Alpha's support (and its event) has none,
    # so it counts as asserted
    (event,) = {q[0] for q in ds.quads((None, PROV.wasDerivedFrom, URIRef(STATEMENTS[0].id), None))}
    for node in (URIRef(STATEMENTS[0].id), event):
        ds.remove((node, GEOKG.modality, None, None))
        assert not list(ds.quads((node, GEOKG.modality, None, None)))
    write_rdf(ds, root / "graph.trig", root / "graph.ttl")
    if request.param == "oxigraph":
        OxigraphStore.load(root / "graph.trig", root / OXIGRAPH_DIR)
    return open_store(root, request.param)


def test_stance_on_counts_asserted_statements_by_default(hedged_store):
    rows = run(hedged_store, "stance_on", topic="plan")
    assert [(r[0], r[1], r[4]) for r in rows] == [("Ann Alpha", "supports", "asserted"), ("Sweden", "rejects", "asserted")]


def test_stance_on_with_include_all_lists_the_hedged_statement_marked(hedged_store):
    rows = run(hedged_store, "stance_on", topic="plan", include="all")
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [
        ("Ann Alpha", "supports", "asserted", "2024-01-02"), ("Sweden", "rejects", "asserted", "2024-01-05"),
        ("Sweden", "supports", "hedged", "2024-01-09")]
    assert rows[-1][6:] == ["1", "Sweden might support the peace plan."]


def test_between_marks_a_conditional_statement_only_with_include_all(hedged_store):
    default = run(hedged_store, "between", a="Alpha", b="Sweden")
    assert [(r[1], r[2], r[4], r[5]) for r in default] == [("Sweden", "rejects", "Ann Alpha", "asserted")]
    everything = run(hedged_store, "between", a="Alpha", b="Sweden", include="all")
    assert [(r[1], r[2], r[4], r[5]) for r in everything] == [
        ("Sweden", "rejects", "Ann Alpha", "asserted"), ("Ann Alpha", "rejects", "Sweden", "conditional")]


def test_balance_counts_hedged_and_conditional_only_with_include_all(hedged_store):
    def table(**params):
        return {r[0]: tuple(int(x) for x in r[1:]) for r in run(hedged_store, "balance", **params)}

    # actor: (cooperation, conflict, balance, reports, hedged, conditional)
    assert table() == {"Ann Alpha": (1, 0, 1, 1, 0, 0), "Sweden": (0, 2, -2, 2, 0, 0)}
    assert table(include="all") == {"Ann Alpha": (1, 1, 0, 2, 0, 1), "Sweden": (1, 2, -1, 3, 1, 0)}


def test_central_counts_hedged_and_conditional_only_with_include_all(hedged_store):
    # actor, events, reports, hedged, conditional
    assert [(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in run(hedged_store, "central")] == [
        ("Ann Alpha", 2, 2, 0, 0), ("Sweden", 2, 2, 0, 0)]
    assert [(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in run(hedged_store, "central", include="all")] == [
        ("Sweden", 4, 4, 1, 1), ("Ann Alpha", 3, 3, 0, 1)]


def test_said_about_and_in_period_leave_out_what_is_not_asserted(hedged_store):
    assert run(hedged_store, "said_about", speaker="Sweden", about="Alpha") == []
    said = run(hedged_store, "said_about", speaker="Sweden", about="Alpha", include="all")
    assert [(r[1], r[2], r[4], r[5]) for r in said] == [("Ann Alpha", "rejects", "Sweden", "conditional")]
    period = {"start": "2024-01-01", "end": "2024-01-31"}
    assert {r[5] for r in run(hedged_store, "in_period", **period)} == {"asserted"}
    assert sorted(r[5] for r in run(hedged_store, "in_period", include="all", **period)) == [
        "asserted", "asserted", "asserted", "conditional", "hedged"]


def test_include_takes_asserted_or_all_and_is_listed_with_its_default():
    with pytest.raises(InputError, match="expected one of asserted, all"):
        named_query(QUERIES, "between").render({"a": "x", "b": "y", "include": "hedged"})
    res = CliRunner().invoke(app, ["query", "--list"])
    listed = {line.split("(")[0]: line for line in res.stdout.splitlines()}
    assert all("include=asserted" in listed[name] for name in
               ("stance_on", "between", "balance", "central", "said_about", "in_period"))


def test_cli_query_with_param_include_all_shows_the_modality_column(tmp_path):
    graph = tmp_path / "g"
    graph.mkdir()
    write_rdf(build_dataset(HAND_DOCS + [HEDGED_DOC], STATEMENTS + HEDGED, ontology_graph(Settings().ontology_dir, LEXICON)),
              graph / "graph.trig", graph / "graph.ttl")
    args = ["query", "--name", "stance_on", "--param", "topic=plan", "--graph", str(graph), "--format", "csv"]
    default = CliRunner().invoke(app, args)
    everything = CliRunner().invoke(app, [*args, "--param", "include=all"])
    assert default.exit_code == 0 and everything.exit_code == 0, default.output + everything.output
    assert "Sweden might support" not in default.stdout
    assert "Sweden,supports,supports,peace plan,hedged,2024-01-09,1,Sweden might support the peace plan." in everything.stdout
