"""Offices: who holds which office, from the titles and appositions the text gives people
("Russian Foreign Minister X", "X, Iran's envoy"), as dated holdsOffice statements. A pass of its
own after resolution: it reads the named people the resolver found, never the events."""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lexicon import ROLE_RELATION
from kg.model import Actor, Document, Statement, Title
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


def office_of(title: Title, person: Actor, resolver: DocumentResolver) -> Office | None:
    """Return the office a name's title or apposition gives ("Kremlin spokesman X", "X, Iran's envoy")."""
    gazetteer = resolver.gazetteer
    owner: Entry | None = None
    words: list[str] = []
    for w in title.words:
        e = gazetteer.lookup(w.text) or gazetteer.demonym(w.text)
        if e is not None and e.type not in ("Person", "Location"):
            owner = owner or e
        elif (normalize(w.text) in HONORIFICS or w.pos == "NOUN") and normalize(w.text) not in NOT_TITLE_WORDS:
            words.append(w.lower)
    if owner is None or not words or not any(normalize(w) in HONORIFICS for w in words):
        return None
    return Office(title.person.head, person, " ".join(words), actor_from_entry(owner))


def office_statements(document: Document, resolver: DocumentResolver) -> list[Statement]:
    """Return "X holds the office of <title> of <owner>" statements of a document (no CAMEO event)."""
    at = dict(resolver.seen)
    out = []
    for title in resolver.discourse.titles:
        person = at.get(title.person.head)
        if person is None or person.type != "Person":
            continue
        office = office_of(title, person, resolver)
        if office is None:
            continue
        out.append(Statement(
            id=statement_iri(document.id, title.sentence_index, office.person.id, ROLE_RELATION, office.of.id, False),
            subject=office.person, relation=ROLE_RELATION, relation_label=f"is {office.title} of",
            cameo=None, cameo_code=None, object=office.of, negated=False, event_date=document.published,
            date_source="published" if document.published else "none",
            published=document.published, document=document.id, sentence_index=title.sentence_index,
            sentence=title.sentence, confidence=0.9,
        ))
    return out
