"""Statements -> an RDF dataset under ontology/geokg.ttl, with stable IRIs.

Default graph: the ontology, the CAMEO families, the relation properties of the lexicon and
the actors. One named graph per document: the document node and its statements, each with a
direct actor-to-node triple beside it when it is asserted (not negated). One named graph of
events (<…/id/events>), which span documents: each `geokg:Event` is `prov:wasDerivedFrom` every
statement that reports it.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.events import Event, group_events
from kg.extract.lexicon import FALLBACK_RELATION, ROLE_RELATION, Lexicon
from kg.model import Actor, Document, Statement
from kg.ontology import CAMEO, EVENTS_GRAPH, GEOKG, ID, ONTOLOGY_IRI, QUAD_CLASSES, RELATION, WIKIDATA, country_iri, document_iri

PREFIXES = {"geokg": GEOKG._NS, "rel": RELATION, "cameo": CAMEO, "id": ID, "wd": WIKIDATA,
            "prov": PROV, "dcterms": DCTERMS, "skos": SKOS, "owl": OWL}


def ontology_graph(ontology_dir: Path, lexicon: Lexicon) -> Graph:
    """Return geokg.ttl plus the CAMEO families and the lexicon's relation properties."""
    g = Graph()
    g.parse(ontology_dir / "geokg.ttl", format="turtle")
    with (ontology_dir / "cameo_roots.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            fam = CAMEO[row["root"]]
            g.add((fam, RDF.type, GEOKG.CameoFamily))
            g.add((fam, SKOS.notation, Literal(row["root"])))
            g.add((fam, RDFS.label, Literal(row["name"])))
            g.add((fam, GEOKG.quadClass, QUAD_CLASSES[row["quad_class"]]))
    for name, label in ((FALLBACK_RELATION, "is related to"), (ROLE_RELATION, "holds an office of")):
        g.add((RELATION[name], RDF.type, OWL.ObjectProperty))
        g.add((RELATION[name], RDFS.subPropertyOf, GEOKG.relatedTo))
        g.add((RELATION[name], RDFS.label, Literal(label)))
    for name, entry in lexicon.relations().items():
        p = RELATION[name]
        g.add((p, RDF.type, OWL.ObjectProperty))
        g.add((p, RDFS.subPropertyOf, GEOKG.relatedTo))
        g.add((p, RDFS.label, Literal(entry.label)))
        g.add((p, GEOKG.cameoFamily, CAMEO[entry.cameo_root]))
        g.add((p, GEOKG.cameoCode, Literal(entry.cameo)))
        g.add((p, RDFS.isDefinedBy, ONTOLOGY_IRI))
    return g


def add_actor(g: Graph, a: Actor) -> None:
    node = URIRef(a.id)
    g.add((node, RDF.type, GEOKG[a.type]))
    g.add((node, RDFS.label, Literal(a.label)))
    if a.country:
        g.add((node, GEOKG.country, country_iri(a.country)))
        if a.type == "Country":
            g.add((node, GEOKG.alpha3, Literal(a.country)))
    if a.wikidata:
        g.add((node, GEOKG.wikidata, WIKIDATA[a.wikidata]))
    if a.sector:
        g.add((node, GEOKG.sector, Literal(a.sector)))
    if a.owner is not None:
        g.add((node, GEOKG.owner, URIRef(a.owner.id)))


def add_statement(g: Graph, s: Statement) -> None:
    node, subj, obj = URIRef(s.id), URIRef(s.subject.id), URIRef(s.object.id)
    rel = RELATION[s.relation]
    g.add((node, RDF.type, GEOKG.Statement))
    g.add((node, GEOKG.subject, subj))
    g.add((node, GEOKG.relation, rel))
    g.add((node, GEOKG.object, obj))
    g.add((node, RDFS.label, Literal(f"{s.subject.label} {'not ' if s.negated else ''}{s.relation_label} {s.object.label}")))
    g.add((node, GEOKG.relationLabel, Literal(s.relation_label)))
    g.add((node, GEOKG.negated, Literal(s.negated)))
    g.add((node, GEOKG.modality, Literal(s.modality)))
    if s.cameo:
        g.add((node, GEOKG.cameoRoot, CAMEO[s.cameo]))
    if s.cameo_code:
        g.add((node, GEOKG.cameoCode, Literal(s.cameo_code)))
    if s.attributed_to is not None:
        g.add((node, GEOKG.attributedTo, URIRef(s.attributed_to.id)))
    if s.topic:
        g.add((node, GEOKG.topic, Literal(s.topic)))
    g.add((node, PROV.wasDerivedFrom, document_iri(s.document)))
    g.add((node, GEOKG.evidence, Literal(s.sentence)))
    g.add((node, GEOKG.sentenceIndex, Literal(s.sentence_index)))
    g.add((node, GEOKG.confidence, Literal(f"{s.confidence:.2f}", datatype=XSD.decimal)))
    if s.event_date:
        g.add((node, GEOKG.eventDate, Literal(s.event_date)))
    g.add((node, GEOKG.dateSource, Literal(s.date_source)))
    if s.published:
        g.add((node, DCTERMS.issued, Literal(s.published)))
    if not s.negated and s.modality == "asserted":
        g.add((subj, rel, obj))


def add_event(g: Graph, e: Event) -> None:
    """Add an event: what happened, when (first and last report date), how often and by how many
    documents it is reported, and a prov:wasDerivedFrom link to each statement that reports it."""
    node = URIRef(e.id)
    g.add((node, RDF.type, GEOKG.Event))
    g.add((node, RDFS.label, Literal(e.label)))
    g.add((node, GEOKG.subject, URIRef(e.subject.id)))
    g.add((node, GEOKG.relation, RELATION[e.relation]))
    g.add((node, GEOKG.relationLabel, Literal(e.relation_label)))
    g.add((node, GEOKG.object, URIRef(e.object.id)))
    g.add((node, GEOKG.negated, Literal(e.negated)))
    g.add((node, GEOKG.modality, Literal(e.modality)))
    if e.cameo:
        g.add((node, GEOKG.cameoRoot, CAMEO[e.cameo]))
    if e.cameo_code:
        g.add((node, GEOKG.cameoCode, Literal(e.cameo_code)))
    if e.first_date:
        g.add((node, GEOKG.firstDate, Literal(e.first_date)))
    if e.last_date:
        g.add((node, GEOKG.lastDate, Literal(e.last_date)))
    g.add((node, GEOKG.reportCount, Literal(len(e.reports))))
    g.add((node, GEOKG.documentCount, Literal(e.corroboration)))
    for s in e.reports:
        g.add((node, PROV.wasDerivedFrom, URIRef(s.id)))


def add_document(g: Graph, d: Document) -> None:
    node = document_iri(d.id)
    g.add((node, RDF.type, GEOKG.Document))
    g.add((node, DCTERMS.identifier, Literal(d.id)))
    if d.published:
        g.add((node, DCTERMS.issued, Literal(d.published)))
    if d.source:
        g.add((node, DCTERMS.source, Literal(d.source)))
    if d.title:
        g.add((node, DCTERMS.title, Literal(d.title)))


def build_dataset(documents: Iterable[Document], statements: Iterable[Statement], ontology: Graph, *,
                  events: Iterable[Event] | None = None) -> Dataset:
    """Return the dataset: ontology and actors in the default graph, one named graph per document, and
    the events in a named graph of their own (grouped here from the statements other than offices
    unless `events` are given)."""
    documents, statements = list(documents), list(statements)
    if events is None:
        written = {d.id for d in documents}
        events = group_events(s for s in statements if s.relation != ROLE_RELATION and s.document in written)
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    default = ds.default_graph
    for t in ontology:
        default.add(t)
    by_doc: dict[str, list[Statement]] = {}
    for s in statements:
        by_doc.setdefault(s.document, []).append(s)
    actors: dict[str, Actor] = {}
    for d in documents:
        g = ds.graph(document_iri(d.id))
        add_document(g, d)
        for s in by_doc.get(d.id, []):
            add_statement(g, s)
            for a in (s.subject, s.object, s.attributed_to, s.object.owner):
                if a is not None:
                    actors.setdefault(a.id, a)
    for a in actors.values():
        add_actor(default, a)
        if a.country:
            default.add((country_iri(a.country), RDF.type, GEOKG.Country))
    events_graph = ds.graph(EVENTS_GRAPH)
    for e in events:
        add_event(events_graph, e)
    return ds



class Triples(list):
    """A plain list of triples with Graph's `add`: the add_* functions fill it without rdflib's
    indexes, for a writer that streams them (duplicates are dropped when it sorts)."""

    add = list.append


EVENTS_PER_CHUNK = 1000  # events are written this many at a time


def dataset_graphs(documents: Iterable[Document], statements: Iterable[Statement], ontology: Graph,
                   events: Iterable[Event]) -> Iterator[tuple[URIRef | None, Iterable[tuple]]]:
    """Yield the dataset of `build_dataset` a graph (or a chunk of one) at a time, in a fixed order:
    the default graph (None: ontology, relation properties, actors), then one graph per document
    sorted by id, then the events graph in chunks. Only the current piece is held, so a writer
    can stream them."""
    documents = sorted(documents, key=lambda d: d.id)
    written = {d.id for d in documents}
    by_doc: dict[str, list[Statement]] = {}
    actors: dict[str, Actor] = {}
    for s in statements:
        if s.document not in written:
            continue
        by_doc.setdefault(s.document, []).append(s)
        for a in (s.subject, s.object, s.attributed_to, s.object.owner):
            if a is not None:
                actors.setdefault(a.id, a)
    default = Triples(ontology)
    for a in actors.values():
        add_actor(default, a)
        if a.country:
            default.add((country_iri(a.country), RDF.type, GEOKG.Country))
    yield None, default
    for d in documents:
        g = Triples()
        add_document(g, d)
        for s in by_doc.get(d.id, []):
            add_statement(g, s)
        yield document_iri(d.id), g
    chunk = Triples()
    for n, e in enumerate(events, 1):
        add_event(chunk, e)
        if n % EVENTS_PER_CHUNK == 0:
            yield EVENTS_GRAPH, chunk
            chunk = Triples()
    yield EVENTS_GRAPH, chunk


_STATEMENTS_QUERY = """
PREFIX geokg: <https://w3id.org/geokg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?st ?s ?rel ?rl ?o ?neg ?mod ?code ?ev ?src ?pub ?doc ?idx ?sent ?conf ?attr WHERE { GRAPH ?g {
  ?st a geokg:Statement ; geokg:subject ?s ; geokg:relation ?rel ; geokg:object ?o ; geokg:negated ?neg ;
      geokg:evidence ?sent ; geokg:sentenceIndex ?idx ; geokg:confidence ?conf ; prov:wasDerivedFrom ?d .
  ?d dcterms:identifier ?doc .
  OPTIONAL { ?st geokg:modality ?mod } OPTIONAL { ?st geokg:cameoCode ?code } OPTIONAL { ?st geokg:eventDate ?ev }
  OPTIONAL { ?st geokg:dateSource ?src } OPTIONAL { ?st geokg:relationLabel ?rl } OPTIONAL { ?st dcterms:issued ?pub } OPTIONAL { ?st geokg:attributedTo ?attr }
} }"""
_NODES_QUERY = """
PREFIX geokg: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?n ?label ?type ?country ?wd ?sector WHERE {
  ?n rdfs:label ?label ; a ?type . FILTER(STRSTARTS(STR(?type), STR(geokg:)))
  FILTER(?type NOT IN (geokg:Statement, geokg:Event, geokg:Document, geokg:CameoFamily, geokg:QuadClass))
  OPTIONAL { ?n geokg:country ?c . BIND(STRAFTER(STR(?c), "/country/") AS ?country) }
  OPTIONAL { ?n geokg:wikidata ?w . BIND(STRAFTER(STR(?w), "/entity/") AS ?wd) }
  OPTIONAL { ?n geokg:sector ?sector }
}"""


def read_statements(ds: Dataset) -> list[Statement]:
    """Return the statements recorded in a dataset built by `build_dataset` (its inverse)."""
    nodes: dict[str, Actor] = {}
    for r in ds.query(_NODES_QUERY):
        nodes.setdefault(str(r.n), Actor(str(r.n), str(r.label), str(r.type).rsplit("#", 1)[-1],
                                         str(r.country) if r.country else None, str(r.wd) if r.wd else None,
                                         str(r.sector) if r.sector else None))
    labels = {str(p): str(lab) for p, lab in ds.default_graph.subject_objects(RDFS.label) if str(p).startswith(str(RELATION))}
    out = []
    for r in ds.query(_STATEMENTS_QUERY):
        code = str(r.code) if r.code else None
        rel = str(r.rel)
        out.append(Statement(
            id=str(r.st), subject=nodes[str(r.s)], relation=rel.rsplit("/", 1)[-1], relation_label=str(r.rl) if r.rl else labels.get(rel, rel),
            cameo=code[:2] if code else None, cameo_code=code, object=nodes[str(r.o)], negated=bool(r.neg.toPython()),
            event_date=r.ev.toPython() if r.ev else None, published=r.pub.toPython() if r.pub else None,
            document=str(r.doc), sentence_index=int(r.idx), sentence=str(r.sent), confidence=float(r.conf),
            attributed_to=nodes.get(str(r.attr)) if r.attr else None, modality=str(r.mod) if r.mod else "asserted",
            date_source=str(r.src) if r.src else "published",
        ))
    return sorted(out, key=lambda s: s.id)
