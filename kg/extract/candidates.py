"""Parsed document -> Candidate statements: clauses, reported obligations and nominal events,
sentence by sentence."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import (
    Clause,
    clause_mention,
    clauses,
    date_of,
    governing_verb,
    has_obligation,
    mention,
    modality,
    objects,
    reporter_of,
)
from kg.extract.lexicon import FALLBACK_RELATION, Lexicon, RelationEntry
from kg.extract.nominal import nominal_events
from kg.model import Candidate, Mention

OBLIGATION_PATTERN = "demand"  # the lexicon entry a reported "must" maps to


@dataclass(frozen=True, slots=True)
class _Sentence:
    """Where candidates come from: the document, the sentence's index and its text as written."""

    doc: Doc
    document_id: str
    index: int
    text: str

    def candidate(self, subject: Mention, obj: Mention, entry: RelationEntry | None, pattern: str, *,
                  negated: bool = False, modality: str = "asserted", date_text: str | None = None,
                  attributed_to: Mention | None = None) -> Candidate:
        return Candidate(
            document_id=self.document_id, sentence_index=self.index, sentence=self.text, subject=subject, object=obj,
            relation=entry.relation if entry else FALLBACK_RELATION,
            relation_label=entry.label if entry else pattern.replace(" _ ", " "),
            cameo=entry.cameo if entry else None, negated=negated, attributed_to=attributed_to,
            modality=modality, date_text=date_text, pattern=pattern, matched_lexicon=entry is not None,
        )


def reported_obligations(sent: Span, sent_clauses: list[Clause], lexicon: Lexicon) -> Iterator[tuple[Token, Token, Token]]:
    """Yield (speaker, target, verb) for "X said Y must stop" and "X said Y should be reinstated":
    a reported obligation is the speaker's demand on its subject (CAMEO 10)."""
    for clause in sent_clauses:
        if clause.attributed_to is not None and has_obligation(clause.verb):
            for subj in clause.subjects:
                yield clause.attributed_to, subj, clause.verb
    for verb in sent:
        targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if targets and has_obligation(verb) and not any(c.dep_ == "agent" for c in verb.children):
            speaker = reporter_of(verb, lexicon)
            if speaker is not None:
                yield speaker, targets[0], verb


def extract_candidates(doc: Doc, document_id: str, lexicon: Lexicon, *, source_text: str | None = None) -> list[Candidate]:
    """Return the candidate statements of every sentence of a parsed document, in text order."""
    out: list[Candidate] = []
    demand = lexicon.get(OBLIGATION_PATTERN)
    for s_index, sent in enumerate(doc.sents):
        # Evidence as written: the Doc may hold a re-cased copy of the text, with the same offsets.
        here = _Sentence(doc, document_id, s_index,
                         (source_text[sent.start_char:sent.end_char] if source_text is not None else sent.text).strip())
        sent_clauses = list(clauses(sent, lexicon))
        for clause in sent_clauses:
            reporter = mention(doc, clause.attributed_to) if clause.attributed_to is not None else None
            for pat, entry, obj, complement in objects(clause.verb, clause.passive, lexicon):
                obj_mention = mention(doc, obj) if obj is not None else clause_mention(doc, complement)
                for subj in clause.subjects:
                    if obj is None or obj.i != subj.i:
                        out.append(here.candidate(mention(doc, subj, with_preps=False), obj_mention, entry, pat,
                                                  negated=clause.negated, modality=clause.modality,
                                                  date_text=date_of(clause.verb), attributed_to=reporter))
        if demand is not None:
            for speaker, target, verb in reported_obligations(sent, sent_clauses, lexicon):
                out.append(here.candidate(mention(doc, speaker, with_preps=False), mention(doc, target), demand,
                                          "say that _ must", modality=modality(verb), date_text=date_of(verb)))
        for subj, entry, obj, reporter in nominal_events(sent, lexicon):
            gov = governing_verb(obj)
            out.append(here.candidate(mention(doc, subj, with_preps=False), mention(doc, obj), entry,
                                      f"{entry.pattern} (noun)",
                                      modality=modality(gov) if gov is not None else "asserted",
                                      date_text=date_of(gov) if gov is not None else None,
                                      attributed_to=mention(doc, reporter) if reporter is not None else None))
    return out
