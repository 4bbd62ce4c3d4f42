"""Parsed document -> Candidate statements: clauses first, then nominal events, sentence by sentence."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.clauses import clause_mention, clauses, date_of, has_obligation, mention, modality, objects, reporter_of
from kg.extract.lexicon import FALLBACK_RELATION, Lexicon
from kg.extract.nominal import governing_verb, nominal_events
from kg.model import Candidate


OBLIGATION_PATTERN = "demand"  # the lexicon entry a reported "must" maps to


def extract_candidates(doc: Doc, document_id: str, lexicon: Lexicon, *, source_text: str | None = None) -> list[Candidate]:
    """Return the candidate statements of every sentence of a parsed document, in text order."""
    out: list[Candidate] = []
    for s_index, sent in enumerate(doc.sents):
        # Evidence as written: the Doc may hold a re-cased copy of the text, with the same offsets.
        text = (source_text[sent.start_char:sent.end_char] if source_text is not None else sent.text).strip()
        for clause, passive in clauses(sent, lexicon):
            reporter = mention(doc, clause.attributed_to) if clause.attributed_to is not None else None
            for pat, entry, obj, complement in objects(clause.verb, passive, lexicon):
                obj_mention = mention(doc, obj) if obj is not None else clause_mention(doc, complement)
                for subj in clause.subjects:
                    if obj is not None and obj.i == subj.i:
                        continue
                    out.append(Candidate(
                        document_id=document_id,
                        sentence_index=s_index,
                        sentence=text,
                        subject=mention(doc, subj, with_preps=False),
                        object=obj_mention,
                        relation=entry.relation if entry else FALLBACK_RELATION,
                        relation_label=entry.label if entry else pat.replace(" _ ", " "),
                        cameo=entry.cameo if entry else None,
                        negated=clause.negated,
                        modality=clause.modality,
                        date_text=date_of(clause.verb),
                        attributed_to=reporter,
                        pattern=pat,
                        matched_lexicon=entry is not None,
                    ))
        for clause, _ in clauses(sent, lexicon):
            # "X said Y must stop": a reported obligation is X's demand on Y (CAMEO 10).
            demand = lexicon.get(OBLIGATION_PATTERN)
            if demand is None or clause.attributed_to is None or not has_obligation(clause.verb):
                continue
            for subj in clause.subjects:
                out.append(Candidate(
                    document_id=document_id, sentence_index=s_index, sentence=text,
                    subject=mention(doc, clause.attributed_to, with_preps=False), object=mention(doc, subj),
                    relation=demand.relation, relation_label=demand.label, cameo=demand.cameo,
                    modality=clause.modality, pattern="say that _ must", matched_lexicon=True,
                ))
        for verb in sent:
            # "X said Y should be reinstated": a reported obligation on a passive subject.
            demand = lexicon.get(OBLIGATION_PATTERN)
            targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if demand is None or not targets or not has_obligation(verb) or any(c.dep_ == "agent" for c in verb.children):
                continue
            reporter = reporter_of(verb, lexicon)
            if reporter is None:
                continue
            out.append(Candidate(
                document_id=document_id, sentence_index=s_index, sentence=text,
                subject=mention(doc, reporter, with_preps=False), object=mention(doc, targets[0]),
                relation=demand.relation, relation_label=demand.label, cameo=demand.cameo,
                modality=modality(verb), pattern="say that _ must be", matched_lexicon=True,
            ))
        for subj, entry, obj, reporter in nominal_events(sent, lexicon):
            out.append(Candidate(
                document_id=document_id, sentence_index=s_index, sentence=text,
                subject=mention(doc, subj, with_preps=False), object=mention(doc, obj),
                relation=entry.relation, relation_label=entry.label, cameo=entry.cameo,
                attributed_to=mention(doc, reporter) if reporter is not None else None,
                modality=modality(gov) if (gov := governing_verb(obj)) is not None else "asserted",
                date_text=date_of(gov) if gov is not None else None,
                pattern=f"{entry.pattern} (noun)", matched_lexicon=True,
            ))
    return out
