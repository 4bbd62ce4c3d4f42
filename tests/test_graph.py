from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph import build_dataset, document_iri, ontology_graph
from kg.ontology import CAMEO, GEOKG, RELATION
from kg.settings import Settings
from tests.helpers import ALPHA, BETA, DOCS, LEXICON, PLAN, STATEMENTS


def dataset():
    return build_dataset(DOCS, STATEMENTS, ontology_graph(Settings().ontology_dir, LEXICON))


def test_every_declared_term_exists_in_the_turtle_ontology():
    ttl = (Settings().ontology_dir / "geokg.ttl").read_text(encoding="utf-8")
    declared = set(re.findall(r"^    (\w+): URIRef$", Path("kg/ontology.py").read_text(), re.MULTILINE))
    assert declared, "no terms parsed from kg/ontology.py"
    missing = [t for t in sorted(declared) if f"geokg:{t} a " not in ttl]
    assert missing == []


def test_one_named_graph_per_document_with_its_statements():
    ds = dataset()
    g1 = ds.graph(document_iri("d1"))
    assert (URIRef(ALPHA.id), RELATION.support, URIRef(PLAN.id)) in g1
    assert len(list(g1.subjects(RDF.type, GEOKG.Statement))) == 1
    assert len(list(ds.graph(document_iri("d2")).subjects(RDF.type, GEOKG.Statement))) == 2


def test_negated_statement_has_no_direct_triple_but_keeps_its_record():
    g2 = dataset().graph(document_iri("d2"))
    assert (URIRef(BETA.id), RELATION.support, URIRef(PLAN.id)) not in g2
    negated = [s for s in g2.subjects(GEOKG.negated, Literal(True))]
    assert len(negated) == 1 and (negated[0], GEOKG.relation, RELATION.support) in g2


def test_actors_and_relation_properties_live_in_the_default_graph():
    default = dataset().default_graph
    assert (URIRef(ALPHA.id), RDFS.label, Literal("Ann Alpha")) in default
    assert (URIRef(ALPHA.id), GEOKG.wikidata, URIRef("http://www.wikidata.org/entity/Q1")) in default
    assert (RELATION.reject, GEOKG.cameoFamily, CAMEO["12"]) in default
    assert (CAMEO["12"], GEOKG.quadClass, GEOKG.verbalConflict) in default


def test_same_input_serialises_to_the_same_bytes():
    assert dataset().serialize(format="trig") == dataset().serialize(format="trig")


def test_statements_read_back_from_the_dataset_are_the_statements_written():
    from kg.graph import read_statements

    assert read_statements(dataset()) == sorted(STATEMENTS, key=lambda s: s.id)


def test_a_non_actor_object_is_linked_to_its_owner_and_a_topic_is_kept():
    from dataclasses import replace

    from kg.model import Actor

    proposal = Actor("https://w3id.org/geokg/id/thing/swe--proposal", "Swedish proposal", "Other", owner=BETA)
    first = replace(STATEMENTS[0], object=proposal, topic="trade")
    ds = build_dataset(DOCS, [first, *STATEMENTS[1:]], ontology_graph(Settings().ontology_dir, LEXICON))
    assert (URIRef(proposal.id), GEOKG.owner, URIRef(BETA.id)) in ds.default_graph
    assert (URIRef(first.id), GEOKG.topic, Literal("trade")) in ds.graph(document_iri("d1"))
    assert first.to_json()["object"]["owner"]["label"] == "Sweden"


def test_events_have_a_named_graph_and_derive_from_each_statement_that_reports_them():
    from dataclasses import replace
    from datetime import date

    from rdflib.namespace import PROV, XSD

    from kg.events import group_events
    from kg.model import Document
    from kg.ontology import EVENTS_GRAPH

    # d3 reports d2's rejection two days later: one event, two reports, two documents
    again = replace(STATEMENTS[2], id=STATEMENTS[2].id + "-again", document="d3", published=date(2024, 1, 7),
                    event_date=date(2024, 1, 7))
    docs = DOCS + [Document("d3", "Sweden rejected Ann Alpha.", date(2024, 1, 7))]
    ds = build_dataset(docs, [*STATEMENTS, again], ontology_graph(Settings().ontology_dir, LEXICON))
    g = ds.graph(EVENTS_GRAPH)
    events = sorted(g.subjects(RDF.type, GEOKG.Event))
    assert len(events) == 3  # support, the denial, and the rejection reported twice
    (rejection,) = [e for e in events if (e, GEOKG.relation, RELATION.reject) in g]
    assert set(g.objects(rejection, PROV.wasDerivedFrom)) == {URIRef(STATEMENTS[2].id), URIRef(again.id)}
    assert (rejection, GEOKG.reportCount, Literal(2)) in g and (rejection, GEOKG.documentCount, Literal(2)) in g
    assert (rejection, GEOKG.firstDate, Literal(date(2024, 1, 5))) in g
    assert (rejection, GEOKG.lastDate, Literal(date(2024, 1, 7), datatype=XSD.date)) in g
    assert (rejection, RDFS.label, Literal("Sweden rejects Ann Alpha")) in g
    assert (rejection, GEOKG.modality, Literal("asserted")) in g and (rejection, GEOKG.cameoRoot, CAMEO["12"]) in g
    (event,) = [e for e in group_events([STATEMENTS[2], again])]
    assert URIRef(event.id) == rejection


def test_the_statements_read_back_leave_the_events_out():
    from kg.graph import read_statements

    assert {s.subject.type for s in read_statements(dataset())} <= {"Person", "Country"}
    assert len(read_statements(dataset())) == len(STATEMENTS)


def test_the_hand_graph_with_events_conforms_to_the_shapes(tmp_path):
    from kg.export import write_rdf
    from kg.validate import validate_graph

    write_rdf(dataset(), tmp_path / "graph.trig", tmp_path / "graph.ttl")
    result = validate_graph(tmp_path, Settings().ontology_dir / "shapes.ttl")
    assert result.conforms, result.summary()


def test_an_event_without_its_reports_does_not_conform(tmp_path):
    from rdflib.namespace import PROV

    from kg.export import write_rdf
    from kg.validate import validate_graph

    ds = dataset()
    event = next(q[0] for q in ds.quads((None, RDF.type, GEOKG.Event, None)))
    ds.remove((event, PROV.wasDerivedFrom, None, None))
    write_rdf(ds, tmp_path / "graph.trig", tmp_path / "graph.ttl")
    result = validate_graph(tmp_path, Settings().ontology_dir / "shapes.ttl")
    assert not result.conforms and "derived from the statements that report it" in result.summary()
