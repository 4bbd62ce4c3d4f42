"""Statements -> an RDF dataset under ontology/geokg.ttl, with stable IRIs.

Default graph: the ontology, the CAMEO families, the relation properties of the lexicon and
the actors. One named graph per document: the document node and its statements, each with a
direct actor-to-node triple beside it when it is asserted (not negated). One named graph of
events (<…/id/events>), which span documents: each `geokg:Event` is `prov:wasDerivedFrom` every
statement that reports it.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

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


# --- triples, as pyoxigraph terms (fast to make, serialise and load); rdflib adapters below -------

_XSD = "http://www.w3.org/2001/XMLSchema#"


@lru_cache(maxsize=4096)
def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _lit(value: object) -> ox.Literal:
    """Return a literal typed as rdflib types it: booleans, integers, dates, strings."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_iri(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_iri(_XSD + "integer"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=_iri(_XSD + "date"))
    return ox.Literal(str(value))


def _v(term: object) -> ox.NamedNode:
    return _iri(str(term))


def actor_triples(a: Actor) -> list[tuple]:
    node = _iri(a.id)
    out = [(node, _v(RDF.type), _v(GEOKG[a.type])), (node, _v(RDFS.label), _lit(a.label))]
    if a.country:
        out.append((node, _v(GEOKG.country), _v(country_iri(a.country))))
        if a.type == "Country":
            out.append((node, _v(GEOKG.alpha3), _lit(a.country)))
    if a.wikidata:
        out.append((node, _v(GEOKG.wikidata), _v(WIKIDATA[a.wikidata])))
    if a.sector:
        out.append((node, _v(GEOKG.sector), _lit(a.sector)))
    if a.owner is not None:
        out.append((node, _v(GEOKG.owner), _iri(a.owner.id)))
    return out


def statement_triples(s: Statement) -> list[tuple]:
    node, subj, obj = _iri(s.id), _iri(s.subject.id), _iri(s.object.id)
    rel = _v(RELATION[s.relation])
    out = [
        (node, _v(RDF.type), _v(GEOKG.Statement)),
        (node, _v(GEOKG.subject), subj),
        (node, _v(GEOKG.relation), rel),
        (node, _v(GEOKG.object), obj),
        (node, _v(RDFS.label), _lit(f"{s.subject.label} {'not ' if s.negated else ''}{s.relation_label} {s.object.label}")),
        (node, _v(GEOKG.relationLabel), _lit(s.relation_label)),
        (node, _v(GEOKG.negated), _lit(s.negated)),
        (node, _v(GEOKG.modality), _lit(s.modality)),
    ]
    if s.cameo:
        out.append((node, _v(GEOKG.cameoRoot), _v(CAMEO[s.cameo])))
    if s.cameo_code:
        out.append((node, _v(GEOKG.cameoCode), _lit(s.cameo_code)))
    if s.attributed_to is not None:
        out.append((node, _v(GEOKG.attributedTo), _iri(s.attributed_to.id)))
    if s.topic:
        out.append((node, _v(GEOKG.topic), _lit(s.topic)))
    out += [
        (node, _v(PROV.wasDerivedFrom), _v(document_iri(s.document))),
        (node, _v(GEOKG.evidence), _lit(s.sentence)),
        (node, _v(GEOKG.sentenceIndex), _lit(s.sentence_index)),
        (node, _v(GEOKG.confidence), ox.Literal(f"{s.confidence:.2f}", datatype=_iri(_XSD + "decimal"))),
    ]
    if s.event_date:
        out.append((node, _v(GEOKG.eventDate), _lit(s.event_date)))
    out.append((node, _v(GEOKG.dateSource), _lit(s.date_source)))
    if s.published:
        out.append((node, _v(DCTERMS.issued), _lit(s.published)))
    if not s.negated and s.modality == "asserted":
        out.append((subj, rel, obj))
    return out


def event_triples(e: Event) -> list[tuple]:
    """An event: what happened, when (first and last report date), how often and by how many
    documents it is reported, and a prov:wasDerivedFrom link to each statement that reports it."""
    node = _iri(e.id)
    out = [
        (node, _v(RDF.type), _v(GEOKG.Event)),
        (node, _v(RDFS.label), _lit(e.label)),
        (node, _v(GEOKG.subject), _iri(e.subject.id)),
        (node, _v(GEOKG.relation), _v(RELATION[e.relation])),
        (node, _v(GEOKG.relationLabel), _lit(e.relation_label)),
        (node, _v(GEOKG.object), _iri(e.object.id)),
        (node, _v(GEOKG.negated), _lit(e.negated)),
        (node, _v(GEOKG.modality), _lit(e.modality)),
    ]
    if e.cameo:
        out.append((node, _v(GEOKG.cameoRoot), _v(CAMEO[e.cameo])))
    if e.cameo_code:
        out.append((node, _v(GEOKG.cameoCode), _lit(e.cameo_code)))
    if e.first_date:
        out.append((node, _v(GEOKG.firstDate), _lit(e.first_date)))
    if e.last_date:
        out.append((node, _v(GEOKG.lastDate), _lit(e.last_date)))
    out.append((node, _v(GEOKG.reportCount), _lit(len(e.reports))))
    out.append((node, _v(GEOKG.documentCount), _lit(e.corroboration)))
    out.extend((node, _v(PROV.wasDerivedFrom), _iri(s.id)) for s in e.reports)
    return out


def document_triples(d: Document) -> list[tuple]:
    node = _v(document_iri(d.id))
    out = [(node, _v(RDF.type), _v(GEOKG.Document)), (node, _v(DCTERMS.identifier), _lit(d.id))]
    if d.published:
        out.append((node, _v(DCTERMS.issued), _lit(d.published)))
    if d.source:
        out.append((node, _v(DCTERMS.source), _lit(d.source)))
    if d.title:
        out.append((node, _v(DCTERMS.title), _lit(d.title)))
    return out


def to_rdflib(term: object):
    """Return the rdflib term of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD + "string" else Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(term: object):
    """Return the pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_iri(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _add(g: Graph, triples: list[tuple]) -> None:
    for s, p, o in triples:
        g.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))


def add_actor(g: Graph, a: Actor) -> None:
    _add(g, actor_triples(a))


def add_statement(g: Graph, s: Statement) -> None:
    _add(g, statement_triples(s))


def add_event(g: Graph, e: Event) -> None:
    _add(g, event_triples(e))


def add_document(g: Graph, d: Document) -> None:
    _add(g, document_triples(d))


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



def document_graphs(documents: Iterable[Document], statements_of: Callable[[str], Iterable[Statement]],
                    actors: Iterable[Actor], ontology: Graph, events: Iterable[Event]) -> Iterator[tuple[str | None, list[tuple]]]:
    """Yield the dataset of `build_dataset` a graph (or a chunk of one) at a time, as pyoxigraph
    triples, in a fixed order: the default graph (None: ontology, relation properties, the actors
    given), then one graph per document (its statements asked for when its graph is made,
    `statements_of(document id)`: a build reads them from disk a document at a time), then the
    events graph an event at a time."""
    yield None, default_graph(ontology, actors)
    for d in documents:
        yield str(document_iri(d.id)), document_graph(d, statements_of(d.id))
    yield from event_chunks(events)


def default_graph(ontology: Graph, actors: Iterable[Actor]) -> list[tuple]:
    """Return the default graph's triples: the ontology and the actors."""
    default = [(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in ontology]
    for a in actors:
        default += actor_triples(a)
        if a.country:
            default.append((_v(country_iri(a.country)), _v(RDF.type), _v(GEOKG.Country)))
    return default


def document_graph(d: Document, statements: Iterable[Statement]) -> list[tuple]:
    """Return a document's graph: the document node and its statements."""
    g = document_triples(d)
    for s in statements:
        g += statement_triples(s)
    return g


def event_chunks(events: Iterable[Event]) -> Iterator[tuple[str, list[tuple]]]:
    """Yield the events graph an event at a time: each event's block of the graph depends on that
    event alone, so a build can reuse it while the event is unchanged."""
    for e in events:
        yield str(EVENTS_GRAPH), event_triples(e)


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
