"""Resolution stage: Candidates (mentions) -> Statements between canonical actors."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.lexicon import ROLE_RELATION
from kg.model import Actor, Candidate, Document, Statement
from kg.resolve.actors import DocumentResolver, Office, Resources, load_resources
from kg.resolve.gazetteer import ID_BASE, Gazetteer, load_gazetteer, normalize
from kg.resolve.names import surname
from kg.timeline import event_date

__all__ = ["Gazetteer", "Resources", "load_gazetteer", "load_resources", "merge_short_names", "resolve_candidates"]
REPORTED_SPEECH_CODE = "010"  # a plain "make a statement": kept only when its object is an actor
CHANNEL_ROOTS = frozenset({"01", "04"})  # speaking to or meeting a news medium is a channel, not a dyad


def statement_iri(document: str, sentence_index: int, subject: Actor, relation: str, obj: Actor, negated: bool) -> str:
    """Return a stable statement IRI from what the statement says and where."""
    key = "|".join([document, str(sentence_index), subject.id, relation, obj.id, str(negated)])
    return f"{ID_BASE}statement/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def confidence(c: Candidate, subject_kind: str, obj: Actor) -> float:
    """Return 0..1: lexicon patterns with named actors score high; fallbacks and pronouns low."""
    score = 0.45 if c.matched_lexicon else 0.2
    score += 0.1 if " " in c.pattern else 0.0  # a particle, preposition or complement pins the sense
    score += {"name": 0.25, "nominal": 0.15, "pronoun": 0.1}.get(subject_kind, 0.1)
    score += 0.15 if obj.is_actor else 0.05
    score -= 0.0 if c.modality == "asserted" else 0.15  # reported as possible, not as done
    return round(max(0.05, min(score, 0.95)), 2)


def resolve_candidates(doc: Doc, document: Document, candidates: Iterable[Candidate], resources: Resources) -> list[Statement]:
    """Return the statements of one document whose subject is an actor, deduplicated."""
    resolver = DocumentResolver(doc, resources, document.published)
    out: dict[str, Statement] = {}
    for c in candidates:
        attributed = resolver.resolve(c.attributed_to) if c.attributed_to is not None else None
        if attributed is not None and not attributed.is_actor:
            attributed = None
        for subject in resolver.resolve_many(c.subject, speaker=attributed, agent=True):
            if not subject.is_actor:
                continue
            for obj in resolver.resolve_many(c.object, speaker=attributed):
                statement = _statement(c, document, subject, obj, attributed)
                if statement is not None:
                    out.setdefault(statement.id, statement)
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)} if resolver.offices else {}
    for office in resolver.offices:
        statement = office_statement(doc, document, office, sentence_index[doc[office.at].sent.start])
        out.setdefault(statement.id, statement)
    return list(out.values())


def office_statement(doc: Doc, document: Document, office: Office, s_index: int) -> Statement:
    """Return "X holds the office of <title> of <owner>" as a dated statement (no CAMEO event)."""
    sent = doc[office.at].sent
    sid = statement_iri(document.id, s_index, office.person, ROLE_RELATION, office.of, False)
    return Statement(
        id=sid, subject=office.person, relation=ROLE_RELATION, relation_label=f"is {office.title} of",
        cameo=None, cameo_code=None, object=office.of, negated=False, event_date=document.published,
        date_source="published" if document.published else "none",
        published=document.published, document=document.id, sentence_index=s_index,
        sentence=document.text[sent.start_char:sent.end_char].strip(), confidence=0.9,
    )


def _statement(c: Candidate, document: Document, subject: Actor, obj: Actor, attributed: Actor | None) -> Statement | None:
    """Return the statement of a candidate between two resolved nodes, or None when it says nothing."""
    if obj.id == subject.id:
        return None
    if not obj.is_actor and (not c.matched_lexicon or c.cameo == REPORTED_SPEECH_CODE or c.pattern.startswith("x-")):
        return None  # an unknown verb's or a plain "said"'s non-actor object is too often an adjunct
    if obj.type == "Media" and (c.cameo or "")[:2] in CHANNEL_ROOTS:
        return None  # "told Reuters", "speaking to Fox News"
    if not c.matched_lexicon and c.object.kind != "name":
        return None  # an unknown verb needs a named object: anaphora and descriptions are too loose here
    if not c.matched_lexicon and obj.country is not None and obj.country == subject.country:
        return None  # an unknown verb between an actor and its own country is internal, not dyadic
    if attributed is not None and attributed.id == subject.id:
        attributed = None
    sid = statement_iri(document.id, c.sentence_index, subject, c.relation, obj, c.negated)
    when, source = event_date(c.date_text, document.published)
    return Statement(
        id=sid, subject=subject, relation=c.relation, relation_label=c.relation_label,
        cameo=c.cameo[:2] if c.cameo else None, cameo_code=c.cameo, object=obj, negated=c.negated,
        event_date=when, published=document.published, document=document.id,
        sentence_index=c.sentence_index, sentence=c.sentence,
        confidence=confidence(c, c.subject.kind, obj), attributed_to=attributed, modality=c.modality,
        date_source=source,
    )


def merge_short_names(statements: list[Statement]) -> list[Statement]:
    """Return statements with unknown people's short names merged into the corpus's one full name.

    "Colbourn" in one article and "Susan Colbourn" in another are one node when exactly one
    full name in the corpus ends with that surname.
    """
    people = {a.id: a for s in statements for a in (s.subject, s.object, s.attributed_to)
              if a is not None and a.type == "Person" and "/actor/" in a.id}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for a in people.values():
        if len(normalize(a.label).split()) > 1:
            by_surname[surname(a.label)].add(a.id)
    target: dict[str, Actor] = {}
    for a in people.values():
        full = by_surname.get(surname(a.label), set())
        if len(normalize(a.label).split()) == 1 and len(full) == 1:
            target[a.id] = people[next(iter(full))]

    def fix(a: Actor | None) -> Actor | None:
        return target.get(a.id, a) if a is not None else None

    out = []
    for s in statements:
        if s.subject.id in target or s.object.id in target or (s.attributed_to and s.attributed_to.id in target):
            subj, obj = fix(s.subject), fix(s.object)
            s = replace(s, subject=subj, object=obj, attributed_to=fix(s.attributed_to),
                        id=statement_iri(s.document, s.sentence_index, subj, s.relation, obj, s.negated))
        out.append(s)
    return out
