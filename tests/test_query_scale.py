"""Every named query on a graph of 1,000 articles' size, on both stores, under a time cap: their
cost must grow with the answer, not with the square of the graph (a BIND between triple patterns,
or a join outside a subquery, made some of them run for more than 15 minutes)."""
from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from kg.model import Actor, Document, Statement
from kg.ontology import entry_iri, thing_iri
from kg.pipeline import write_build
from kg.query import named_queries, rows_of
from kg.resolve import statement_iri
from kg.settings import Settings
from kg.store import open_store

pytestmark = pytest.mark.slow

ARTICLES, PER_ARTICLE = 1000, 12  # the size of a real 1,000-article build (about 12,500 statements)
# Seconds per query (the benchmark's goal is 2 s on Oxigraph). The quadratic forms ran for more than
# 15 minutes; rdflib's store answers `central` in about 20 s on the 2-core test machine, whose speed
# varies by half from one day to the next, so its cap leaves room for that and still catches them.
CAPS = {"oxigraph": 5.0, "memory": 60.0}
RELATIONS = [("agreeTo", "agrees to", "03"), ("criticize", "criticizes", "111"), ("meet", "meets", "040"),
             ("impose", "imposes sanctions on", "163"), ("support", "supports", "051"), ("reject", "rejects", "12"),
             ("say", "says", "010"), ("attack", "attacks", "190")]
PARAMS = {"between": {"a": "Minister 7", "b": "Country 3"}, "in_period": {"start": "2025-03-01", "end": "2025-03-31"},
          "said_about": {"speaker": "Minister 1", "about": "Country 2"}, "stance_on": {"topic": "plan"}}


def corpus(seed: int = 5) -> tuple[list[Document], list[Statement]]:
    """Return 1,000 documents with 12 statements each among 300 actors and 40 proposals, dated over 2025."""
    rng = random.Random(seed)
    actors = [Actor(entry_iri("Person", f"minister-{n}"), f"Minister {n}", "Person", f"C{n % 50:02d}") for n in range(150)]
    actors += [Actor(entry_iri("Country", f"C{n:02d}"), f"Country {n}", "Country", f"C{n:02d}") for n in range(150)]
    things = [Actor(thing_iri(f"plan {n}"), f"plan {n}", "Other") for n in range(40)]
    documents, statements = [], []
    for d in range(ARTICLES):
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        doc = Document(f"article-{d:04d}", "…", published, "Wire", f"Article {d}")
        documents.append(doc)
        for i in range(PER_ARTICLE):
            subject = rng.choice(actors)
            obj = rng.choice(things if rng.random() < 0.3 else actors)
            rel, label, code = rng.choice(RELATIONS)
            negated, modality = rng.random() < 0.1, rng.choice(["asserted"] * 8 + ["hedged", "conditional"])
            when = published - timedelta(days=rng.randrange(3))
            statements.append(Statement(
                id=statement_iri(doc.id, i, subject, rel, obj, negated), subject=subject, relation=rel,
                relation_label=label, cameo=code[:2], cameo_code=code, object=obj, negated=negated, event_date=when,
                published=published, document=doc.id, sentence_index=i,
                sentence=f"{subject.label} {label} {obj.label} (sentence {i} of article {d}).", confidence=0.8,
                attributed_to=rng.choice(actors[:150]) if rng.random() < 0.3 else None, modality=modality,
                date_source="text"))
    return documents, statements


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    documents, statements = corpus()
    write_build(folder, documents, statements, 0, Settings(store="oxigraph"), "test", [], [], 0, lambda name: None)
    return {kind: open_store(folder, kind) for kind in ("oxigraph", "memory")}


@pytest.mark.parametrize("name", sorted(named_queries(Settings().ontology_dir / "queries")))
def test_each_named_query_answers_a_1000_article_graph_in_time_on_both_stores(stores, name):
    query = named_queries(Settings().ontology_dir / "queries")[name]
    text = query.render(PARAMS.get(name, {}))
    answers = {}
    for kind, store in stores.items():
        started = time.perf_counter()
        answers[kind] = rows_of(store, text)
        took = time.perf_counter() - started
        assert took < CAPS[kind], f"{name} on {kind}: {took:.1f} s"
    assert answers["oxigraph"] == answers["memory"]
    assert answers["oxigraph"][1], f"{name} found nothing: the test graph no longer exercises it"
