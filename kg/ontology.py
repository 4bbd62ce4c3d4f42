"""The geokg vocabulary and every IRI, declared once (a typo raises AttributeError).

Every node and statement IRI is minted here, from a stable hash or slug of what it names, so the
same input gives the same IRIs and no other module spells an IRI path.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ID_BASE = "https://w3id.org/geokg/id/"
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
    owner: URIRef
    topic: URIRef
    Act: URIRef
    Statement: URIRef
    Event: URIRef
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
    firstDate: URIRef
    lastDate: URIRef
    reportCount: URIRef
    documentCount: URIRef
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


def fold(name: str) -> str:
    """Return a name folded for matching and slugs: ASCII, lower case, no punctuation, no leading article."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['\u2019]s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slug(text: str) -> str:
    """Return an IRI-safe slug of a name."""
    return fold(text).replace(" ", "-") or "unnamed"


# Gazetteer entries live under a path by their type; everything else is an actor the text
# describes (actor/) or a non-actor object (thing/).
_ENTRY_PATHS = {"Country": "country", "Person": "person", "Location": "place"}


def iri_part(text: str) -> str:
    """Return text as one IRI path segment: unreserved characters as they are, every other
    character percent-encoded (UTF-8), so any file name or key ("my file", 'a>b"c') is a valid,
    stable IRI and the usual ones ("001_kyiv-talks", "RUS") are unchanged."""
    return quote(text, safe="-._~") or "_"


def entry_iri(type_: str, key: str) -> str:
    """Return the IRI of a gazetteer entry ("Country", "RUS" -> …/country/RUS)."""
    return f"{ID_BASE}{_ENTRY_PATHS.get(type_, 'org')}/{iri_part(key)}"


def described_actor_iri(key: str) -> str:
    """Return the IRI of an actor the text describes ("Nigeria (military)", an unknown person)."""
    return f"{ID_BASE}actor/{key}"


def thing_iri(label: str, owner_id: str | None = None) -> str:
    """Return the IRI of a non-actor object (a proposal, a ceasefire), keyed by its words and, when it
    has one, its owner ("his proposal" of two different people is two nodes)."""
    if owner_id is None:
        return f"{ID_BASE}thing/{slug(label)}"
    return f"{ID_BASE}thing/{slug(owner_id.rsplit('/', 1)[-1])}--{slug(label)}"


def statement_iri(document: str, sentence_index: int, subject_id: str, relation: str, object_id: str, negated: bool) -> str:
    """Return a stable statement IRI from what the statement says and where."""
    key = "|".join([document, str(sentence_index), subject_id, relation, object_id, str(negated)])
    return f"{ID_BASE}statement/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def event_iri(key: tuple[str, ...], first_date: str) -> str:
    """Return a stable event IRI from what the event is (its grouping key) and the day it began
    ("" for an undated event)."""
    text = "|".join([*key, first_date])
    return f"{ID_BASE}event/{hashlib.sha1(text.encode('utf-8')).hexdigest()[:16]}"


EVENTS_GRAPH = ID["events"]  # the named graph of the events, which span documents


def document_iri(document_id: str) -> URIRef:
    return ID[f"document/{iri_part(document_id)}"]


def country_iri(alpha3: str) -> URIRef:
    return ID[f"country/{alpha3}"]
