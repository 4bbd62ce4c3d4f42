"""Small hand-made statements for tests of the stages after resolution."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from kg.extract.lexicon import Lexicon, RelationEntry
from kg.model import Actor, Document, Statement
from kg.resolve import statement_iri

ALPHA = Actor("https://w3id.org/geokg/id/person/alpha", "Ann Alpha", "Person", "NOR", "Q1")
BETA = Actor("https://w3id.org/geokg/id/country/SWE", "Sweden", "Country", "SWE", "Q34")
PLAN = Actor("https://w3id.org/geokg/id/thing/peace-plan", "peace plan", "Other")
LEXICON = Lexicon({
    ("support", "VERB"): RelationEntry("support", "VERB", "support", "supports", "051", False),
    ("reject", "VERB"): RelationEntry("reject", "VERB", "reject", "rejects", "12", True),
})
DOCS = [Document("d1", "Ann Alpha supported the peace plan.", date(2024, 1, 2)),
        Document("d2", "Sweden did not support the plan.", date(2024, 1, 5))]


def statement(doc: str, subj: Actor, rel: str, label: str, cameo: str, obj: Actor, negated: bool = False,
              published: date | None = date(2024, 1, 2), sentence: str = "A sentence.",
              modality: str = "asserted") -> Statement:
    return Statement(id=statement_iri(doc, 0, subj, rel, obj, negated), subject=subj, relation=rel, relation_label=label,
                     cameo=cameo[:2], cameo_code=cameo, object=obj, negated=negated, event_date=published,
                     published=published, document=doc, sentence_index=0, sentence=sentence, confidence=0.8,
                     modality=modality)


STATEMENTS = [
    statement("d1", ALPHA, "support", "supports", "051", PLAN, sentence="Ann Alpha supported the peace plan."),
    statement("d2", BETA, "support", "supports", "051", PLAN, negated=True, published=date(2024, 1, 5),
              sentence="Sweden did not support the plan."),
    statement("d2", BETA, "reject", "rejects", "12", ALPHA, published=date(2024, 1, 5), sentence="Sweden rejected <b>Alpha</b>."),
]

# Not facts: a hedged and a conditional statement, kept apart from STATEMENTS (whose tests count three).
HEDGED_DOC = Document("d3", "Sweden might support the peace plan. Sweden said Ann Alpha would reject it if it joined.",
                      date(2024, 1, 9))
HEDGED = [
    statement("d3", BETA, "support", "supports", "051", PLAN, published=date(2024, 1, 9), modality="hedged",
              sentence="Sweden might support the peace plan."),
    replace(statement("d3", ALPHA, "reject", "rejects", "12", BETA, published=date(2024, 1, 9), modality="conditional",
                      sentence="Sweden said Ann Alpha would reject it if it joined."), attributed_to=BETA),
]
