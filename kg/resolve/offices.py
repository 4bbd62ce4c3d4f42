"""Offices: who holds which office, from the titles and appositions the text gives people
("Russian Foreign Minister X", "X, Iran's envoy"), as dated holdsOffice statements. A pass of its
own after resolution: it reads the named people the resolver found, never the events."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.lexicon import ROLE_RELATION
from kg.model import Actor, Document, Statement
from kg.ontology import statement_iri
from kg.resolve.actors import DocumentResolver, actor_from_entry
from kg.resolve.gazetteer import Entry, normalize
from kg.resolve.names import HONORIFICS

NOT_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "dr", "the", "former", "s"})


@dataclass(frozen=True, slots=True)
class Office:
    """A title the text gives a person: "Russian Foreign Minister X" -> (X, "foreign minister", Russia)."""

    at: int  # token offset of the person's name
    person: Actor
    title: str
    of: Actor


def office_of(name: Span, person: Actor, resolver: DocumentResolver) -> Office | None:
    """Return the office a name's title or apposition gives ("Kremlin spokesman X", "X, Iran's envoy")."""
    doc, gazetteer = resolver.doc, resolver.gazetteer
    prefix = [t for t in doc[name.root.left_edge.i:name.start] if not t.is_punct]
    title_head = next((c for c in name.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if title_head is not None:
        prefix = [t for t in title_head.subtree if t.i <= title_head.i and not t.is_punct]
    owner: Entry | None = None
    words: list[str] = []
    for t in prefix:
        e = gazetteer.lookup(t.text) or gazetteer.demonym(t.text)
        if e is not None and e.type not in ("Person", "Location"):
            owner = owner or e
        elif (normalize(t.text) in HONORIFICS or t.pos_ == "NOUN") and normalize(t.text) not in NOT_TITLE_WORDS:
            words.append(t.lower_)
    if owner is None or not words or not any(normalize(w) in HONORIFICS for w in words):
        return None
    return Office(name.root.i, person, " ".join(words), actor_from_entry(owner))


def find_offices(resolver: DocumentResolver) -> list[Office]:
    """Return the offices the text gives the people it names, in text order."""
    at = dict(resolver.seen)
    out = []
    for ent in resolver.doc.ents:
        person = at.get(ent.root.i)
        if person is not None and person.type == "Person":
            office = office_of(ent, person, resolver)
            if office is not None:
                out.append(office)
    return out


def office_statements(document: Document, resolver: DocumentResolver) -> list[Statement]:
    """Return "X holds the office of <title> of <owner>" statements of a document (no CAMEO event)."""
    offices = find_offices(resolver)
    if not offices:
        return []
    doc = resolver.doc
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    out = []
    for office in offices:
        sent = doc[office.at].sent
        s_index = sentence_index[sent.start]
        out.append(Statement(
            id=statement_iri(document.id, s_index, office.person.id, ROLE_RELATION, office.of.id, False),
            subject=office.person, relation=ROLE_RELATION, relation_label=f"is {office.title} of",
            cameo=None, cameo_code=None, object=office.of, negated=False, event_date=document.published,
            date_source="published" if document.published else "none",
            published=document.published, document=document.id, sentence_index=s_index,
            sentence=document.text[sent.start_char:sent.end_char].strip(), confidence=0.9,
        ))
    return out
