"""The geokg vocabulary, declared once (a typo raises AttributeError)."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.resolve.gazetteer import ID_BASE

RELATION = Namespace("https://w3id.org/geokg/relation/")
CAMEO = Namespace("https://w3id.org/geokg/cameo/")
ID = Namespace(ID_BASE)
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
ONTOLOGY_IRI = URIRef("https://w3id.org/geokg/ontology")


class GEOKG(DefinedNamespace):
    """Terms of ontology/geokg.ttl."""

    _NS = Namespace("https://w3id.org/geokg/ontology#")
    _fail = True

    Node: URIRef
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    GovernmentBody: URIRef
    MilitaryForce: URIRef
    ArmedGroup: URIRef
    InternationalOrganization: URIRef
    Organization: URIRef
    Media: URIRef
    Location: URIRef
    Other: URIRef
    country: URIRef
    alpha3: URIRef
    wikidata: URIRef
    sector: URIRef
    Statement: URIRef
    Document: URIRef
    subject: URIRef
    object: URIRef
    relation: URIRef
    relationLabel: URIRef
    negated: URIRef
    modality: URIRef
    attributedTo: URIRef
    cameoRoot: URIRef
    cameoCode: URIRef
    evidence: URIRef
    sentenceIndex: URIRef
    eventDate: URIRef
    dateSource: URIRef
    confidence: URIRef
    relatedTo: URIRef
    CameoFamily: URIRef
    QuadClass: URIRef
    cameoFamily: URIRef
    quadClass: URIRef
    verbalCooperation: URIRef
    materialCooperation: URIRef
    verbalConflict: URIRef
    materialConflict: URIRef


# CAMEO root -> quad class (1 verbal cooperation … 4 material conflict), as ontology/cameo_roots.csv has them.
QUAD_OF_ROOT = {f"{r:02d}": q for q, roots in {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}.items() for r in roots}
QUAD_CLASSES = {"1": GEOKG.verbalCooperation, "2": GEOKG.materialCooperation,
                "3": GEOKG.verbalConflict, "4": GEOKG.materialConflict}
ACTOR_TYPES = ("Person", "Country", "GovernmentBody", "MilitaryForce", "ArmedGroup",
               "InternationalOrganization", "Organization", "Media", "Location", "Other")
