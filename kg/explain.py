"""Why did this sentence give this statement? The parse, the clauses, the rule or lexicon entry that
fired, each resolution decision, the policy's verdict and the confidence with its reasons."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Span

from kg.errors import InputError
from kg.extract import discourse, extract_candidates, load_lexicon
from kg.extract.clauses import clauses
from kg.extract.lexicon import Lexicon
from kg.ingest import load_documents
from kg.model import Candidate, Document
from kg.analysis import parsed_documents
from kg.resolve import confidence_terms, judge_candidate, load_resources
from kg.resolve.actors import DocumentResolver, Resources
from kg.settings import Settings


@dataclass(frozen=True, slots=True)
class Target:
    """What to explain: one sentence of a document (by its index), or every sentence."""

    document: Document
    sentence_index: int | None = None
    statement_id: str | None = None


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _parse(sent: Span) -> list[str]:
    lines = [f"  {'i':>3}  {'token':<16}{'lemma':<14}{'pos':<6}{'dep':<10}{'head':>4}  ent"]
    for t in sent:
        if t.is_space:
            continue
        lines.append(f"  {t.i:>3}  {t.text[:15]:<16}{t.lemma_[:13]:<14}{t.pos_:<6}{t.dep_:<10}{t.head.i:>4}  {t.ent_type_}")
    return lines


def _clauses(sent: Span, lexicon: Lexicon) -> list[str]:
    lines = []
    for c in clauses(sent, lexicon):
        gov = f"; governed by \"{c.governor.text}\"" if c.governor is not None else ""
        lines.append(f"  \"{c.verb.text}\" ({c.verb.lemma_}): subjects {', '.join(s.text for s in c.subjects)}; role {c.role}{gov}; "
                     f"negated {_yes(c.negated)}; modality {c.modality}; future {_yes(c.future)}; passive {_yes(c.passive)}"
                     + (f"; reported by {c.attributed_to.text}" if c.attributed_to is not None else ""))
    return lines or ["  (no predicate with a subject)"]


def _rule(c: Candidate, lexicon: Lexicon) -> str:
    entry = lexicon.get(c.pattern) or lexicon.get(c.pattern.removesuffix(" (noun)"), "NOUN")
    source = (f"lexicon \"{entry.pattern}\" ({entry.pos}) -> {entry.relation} \"{entry.label}\" CAMEO {entry.cameo}"
              + (", symmetric" if entry.symmetric else "")) if entry else \
        (f"pattern \"{c.pattern}\"" if c.matched_lexicon else f"no lexicon entry for \"{c.pattern}\": fallback relatedTo")
    flags = [f for f, on in (("target must be an actor", c.requires_actor), ("symmetric", c.symmetric)) if on]
    if c.unless_actor is not None:
        flags.append(f"dropped if \"{c.unless_actor.text}\" names an actor")
    return f"rule {c.rule}; {source}; code {c.cameo}" + (f"; {'; '.join(flags)}" if flags else "")


def _candidate(n: int, c: Candidate, document: Document, resolver: DocumentResolver, lexicon: Lexicon,
               wanted: str | None, threshold: float) -> tuple[list[str], bool]:
    assert resolver.trace is not None
    resolver.trace.clear()
    judgements = judge_candidate(c, document, resolver)
    lines = [f"  [{n}] \"{c.subject.text}\" -{c.relation_label}-> \"{c.object.text}\"",
             f"      {_rule(c, lexicon)}",
             f"      negated {_yes(c.negated)}; modality {c.modality}"
             + (f"; attributed to \"{c.attributed_to.text}\"" if c.attributed_to is not None else "")
             + (f"; topic \"{c.topic}\"" if c.topic else "")]
    lines += [f"      resolved: {line}" for line in dict.fromkeys(resolver.trace)]
    found = False
    for j in judgements:
        head = f"{j.subject.label} -{c.relation_label}-> {j.object.label}"
        if j.statement is None:
            lines.append(f"      dropped: {head}: {j.dropped}")
            continue
        terms = " ".join(f"{v:+.2f} ({why})" for why, v in confidence_terms(c, j.subject, j.object))
        mark = "  <== this statement" if wanted is not None and j.statement.id == wanted else ""
        found = found or bool(mark)
        low = " but below the minimum confidence, left out" if j.statement.confidence < threshold else ""
        lines.append(f"      kept by the policy{low}: {head} (CAMEO {j.statement.cameo_code}){mark}")
        lines.append(f"        id {j.statement.id}")
        lines.append(f"        confidence {j.statement.confidence:.2f} = {terms}")
    return lines, found


def explain_document(target: Target, settings: Settings) -> str:
    """Return the explanation of one sentence (or all) of a document, as text."""
    lexicon = load_lexicon(settings.ontology_dir / "relations.csv", settings.lexicons)
    resources: Resources = load_resources(settings.ontology_dir, settings.gazetteers)
    ((document, doc),) = parsed_documents([target.document], settings, resources)
    resolver = DocumentResolver(discourse(doc, document.text), resources, document.published, trace=[])
    candidates = extract_candidates(doc, document.id, lexicon, source_text=document.text)
    out: list[str] = []
    found = False
    for index, sent in enumerate(doc.sents):
        if target.sentence_index is not None and index != target.sentence_index:
            continue
        text = document.text[sent.start_char:sent.end_char].strip()
        if not text:
            continue
        out += [f"sentence {index}: {text}", "parse:", *_parse(sent), "clauses:", *_clauses(sent, lexicon), "candidates:"]
        here = [c for c in candidates if c.sentence_index == index]
        for n, c in enumerate(here, 1):
            lines, hit = _candidate(n, c, document, resolver, lexicon, target.statement_id, settings.min_confidence)
            out += lines
            found = found or hit
        if not here:
            out.append("  (none: no predicate the grammar reads as a statement)")
        out.append("")
    if target.statement_id is not None and not found:
        out.append(f"note: statement {target.statement_id} was not reproduced; the lexicon, gazetteer or the "
                   "minimum confidence may have changed since the graph was built")
    out.append(f"statements below confidence {settings.min_confidence} are left out of the graph (kg build --min-confidence)")
    return "\n".join(out).rstrip() + "\n"


def explain_sentence(text: str, settings: Settings, *, published: date | None = None) -> str:
    """Return the explanation of a sentence (or short text) given on the command line."""
    if not text.strip():
        raise InputError("kg explain: the sentence is empty")
    return explain_document(Target(Document("explain", text, published)), settings)


def explain_statement(statement_id: str, graph: Path, settings: Settings, *, inputs: list[Path] | None = None) -> str:
    """Return the explanation of a statement of a built graph: its sentence re-run through the
    pipeline, inside its whole document when the articles are given (`inputs`), else alone."""
    path = graph / "statements.jsonl"
    if not path.is_file():
        raise InputError(f"{path}: no statements here (build a graph with kg build, or give --graph)")
    record = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}: not valid JSON ({e.msg})") from e
        if row.get("id") == statement_id or str(row.get("id", "")).endswith("/" + statement_id):
            record = row
            break
    if record is None:
        raise InputError(f"{path}: no statement with id {statement_id!r}")
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    header = [f"statement {record['id']}",
              f"  {record['subject']['label']} -{record['relation_label']}-> {record['object']['label']} "
              f"(CAMEO {record.get('cameo_code')}, confidence {record.get('confidence')}) in {record['document']}, "
              f"sentence {record['sentence_index']}", ""]
    documents = [d for d in load_documents(inputs) if d.id == record["document"]] if inputs else []
    if documents:
        target = Target(documents[0], record["sentence_index"], record["id"])
    else:
        header.insert(-1, "  (explained without the rest of its document: give the articles with --input to "
                          "resolve pronouns and descriptions as the build did)")
        target = Target(Document(record["document"], record["sentence"], published), None, record["id"])
    return "\n".join(header) + "\n" + explain_document(target, settings)
