"""Resolution stage: Candidates (mentions) -> Statements between canonical actors."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.model import Actor, Candidate, Discourse, Document, Statement
from kg.resolve.actors import DocumentResolver, Resources, load_resources
from kg.resolve.offices import office_statements
from kg.ontology import statement_iri as _statement_iri
from kg.resolve.gazetteer import Gazetteer, load_gazetteer, normalize
from kg.resolve.names import surname
from kg.resolve.policy import drop_reason
from kg.timeline import event_date

__all__ = ["Gazetteer", "Resources", "load_gazetteer", "load_resources", "merge_short_names", "resolve_candidates",
           "short_name_targets"]


def statement_iri(document: str, sentence_index: int, subject: Actor, relation: str, obj: Actor, negated: bool) -> str:
    """Return a stable statement IRI from what the statement says and where."""
    return _statement_iri(document, sentence_index, subject.id, relation, obj.id, negated)


def confidence_terms(c: Candidate, subject: Actor, obj: Actor) -> list[tuple[str, float]]:
    """Return the terms whose sum is a statement's confidence, each with its reason.

    Measured on the development sets (scripts/evaluate.py prints precision by band): statements
    between two gazetteer actors are right far more often than those with a described or
    non-actor side; a clause as object, a pronoun or description as subject, and hedged or
    conditional clauses are right less often.
    """
    terms = [("a lexicon pattern", 0.5) if c.matched_lexicon else ("a verb the lexicon does not know", 0.0)]
    if subject.known:
        terms.append(("the subject is a gazetteer actor", 0.15))
    terms.append({"name": ("the subject is named", 0.1), "pronoun": ("the subject is a pronoun", 0.05)}.get(
        c.subject.kind, ("the subject is a description", 0.0)))
    if obj.known:
        terms.append(("the object is a gazetteer actor", 0.2))
    elif obj.is_actor:
        terms.append(("the object is an actor the text describes", 0.1))
    elif c.object.kind == "clause":
        terms.append(("the object is a clause, not a node", -0.1))
    if c.modality != "asserted":
        terms.append((f"{c.modality}, not asserted", -0.2))
    if c.rule in ("intent", "refusal"):
        terms.append(("read through a governing verb", -0.05))
    return terms


def confidence(c: Candidate, subject: Actor, obj: Actor) -> float:
    """Return 0.05..0.95: the sum of `confidence_terms`."""
    return round(max(0.05, min(sum(v for _, v in confidence_terms(c, subject, obj)), 0.95)), 2)


def resolve_candidates(discourse: Discourse, document: Document, candidates: Iterable[Candidate],
                       resources: Resources) -> list[Statement]:
    """Return the statements of one document that the policy keeps, and its offices, deduplicated.

    Resolution reads plain data only: the candidates' mentions and the document's `Discourse`
    (every name and noun phrase, as extraction described them), never the parse.
    """
    resolver = DocumentResolver(discourse, resources, document.published)
    out: dict[str, Statement] = {}
    for c in candidates:
        for statement in candidate_statements(c, document, resolver):
            out.setdefault(statement.id, statement)
    for statement in office_statements(document, resolver):
        out.setdefault(statement.id, statement)
    return list(out.values())


def candidate_pairs(c: Candidate, resolver: DocumentResolver, attributed: Actor | None) -> list[tuple[Actor, Actor, str | None]]:
    """Return the (subject, object, topic) pairs a candidate states.

    A symmetric relation holds both ways ("X met Y" is also "Y met X"); between coordinated parties
    with no actor object each is the other's counterpart ("X and Y signed a deal": X with Y, Y with
    X, the deal the topic); "each other" is every other party.
    """
    subjects = resolver.resolve_many(c.subject, speaker=attributed, agent=True)
    parties = list(subjects)
    for m in c.co_subjects:
        parties += [a for a in resolver.resolve_many(m, speaker=attributed, agent=True) if a.is_actor]
    if c.object.kind == "reciprocal":
        return [(s, p, c.topic) for s in subjects for p in parties if p.id != s.id]
    # A target found inside a phrase must be named, not an uncertain description ("return the nation to …").
    objects = resolver.resolve_many(c.object, speaker=attributed, descriptions=not c.requires_actor,
                                    others=frozenset(a.id for a in subjects))
    pairs = [(s, o, c.topic) for s in subjects for o in objects]
    if not c.symmetric:
        return pairs
    actors = [p for p in parties if p.is_actor]
    if objects and not any(o.is_actor for o in objects) and len({a.id for a in actors}) >= 2:
        topic = c.topic or objects[0].label
        return [(s, p, topic) for s in subjects for p in actors if p.id != s.id]
    # the other way round only between two actors: "the summit signed a deal with X" is no deal of X's with a summit
    return pairs + [(o, s, t) for s, o, t in pairs if o.is_actor and s.is_actor]


@dataclass(frozen=True, slots=True)
class Judgement:
    """What became of one (subject, object) reading of a candidate: its statement, or why it was dropped."""

    subject: Actor
    object: Actor
    topic: str | None
    dropped: str | None
    statement: Statement | None


def judge_candidate(c: Candidate, document: Document, resolver: DocumentResolver) -> list[Judgement]:
    """Return every (subject, object) reading of a candidate with the policy's verdict."""
    attributed = resolver.resolve(c.attributed_to) if c.attributed_to is not None else None
    if attributed is not None and not attributed.is_actor:
        attributed = None
    unless = resolver.resolve(c.unless_actor) if c.unless_actor is not None else None
    kinds = resolver.resources.targets
    pairs = candidate_pairs(c, resolver, attributed)
    if c.symmetric and attributed is not None and any(attributed.id in (s.id, o.id) for s, o, _ in pairs):
        attributed = None  # "X and Y announced they are restoring ties": both parties' own words
    out = []
    for subject, obj, topic in pairs:
        reason = drop_reason(c, subject, obj, attributed, target_kinds=kinds, unless_actor=unless)
        statement = _statement(c, document, subject, obj, attributed, topic) if reason is None else None
        out.append(Judgement(subject, obj, topic, reason, statement))
    return out


def candidate_statements(c: Candidate, document: Document, resolver: DocumentResolver) -> list[Statement]:
    """Return the statements of one candidate that the policy keeps."""
    return [j.statement for j in judge_candidate(c, document, resolver) if j.statement is not None]


def _statement(c: Candidate, document: Document, subject: Actor, obj: Actor, attributed: Actor | None,
               topic: str | None) -> Statement:
    """Return the statement of a candidate between two resolved nodes."""
    if attributed is not None and attributed.id == subject.id:
        attributed = None
    sid = statement_iri(document.id, c.sentence_index, subject, c.relation, obj, c.negated)
    when, source = event_date(c.date_text, document.published)
    return Statement(
        id=sid, subject=subject, relation=c.relation, relation_label=c.relation_label,
        cameo=c.cameo[:2] if c.cameo else None, cameo_code=c.cameo, object=obj, negated=c.negated,
        event_date=when, published=document.published, document=document.id,
        sentence_index=c.sentence_index, sentence=c.sentence,
        confidence=confidence(c, subject, obj), attributed_to=attributed, modality=c.modality,
        date_source=source, topic=topic,
    )


def merge_short_names(statements: list[Statement], targets: dict[str, Actor] | None = None) -> list[Statement]:
    """Return statements with unknown people's short names merged into the corpus's one full name.

    "Colbourn" in one article and "Susan Colbourn" in another are one node when exactly one
    full name in the corpus ends with that surname. `targets` (of `short_name_targets`) are those
    of a larger corpus than `statements`: a build merges one document at a time.
    """
    target = short_name_targets(a for s in statements for a in (s.subject, s.object, s.attributed_to)) \
        if targets is None else targets

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


def short_name_targets(actors: Iterable[Actor | None]) -> dict[str, Actor]:
    """Return, by id, the full-name person each unknown person's short name merges into (see
    `merge_short_names`); of several actors with one id, the first counts."""
    people: dict[str, Actor] = {}
    for a in actors:
        if a is not None and a.type == "Person" and not a.known:
            people.setdefault(a.id, a)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for a in people.values():
        if len(normalize(a.label).split()) > 1:
            by_surname[surname(a.label)].add(a.id)
    target: dict[str, Actor] = {}
    for a in people.values():
        full = by_surname.get(surname(a.label), set())
        if len(normalize(a.label).split()) == 1 and len(full) == 1:
            target[a.id] = people[next(iter(full))]
    return target
