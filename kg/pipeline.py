"""The main job: articles in, graph files out. Each stage is called once, in order."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from kg.events import events_jsonl, group_events
from kg.export import atomic_write, write_html, write_jsonl, write_rdf
from kg.extract import discourse, extract_candidates, load_lexicon
from kg.extract.lexicon import ROLE_RELATION, Lexicon
from kg.graph import build_dataset, ontology_graph
from kg.ingest import load_documents
from kg.model import Document, Statement
from kg.nlp import load_pipeline, parse_documents
from kg.resolve import Resources, load_resources, merge_short_names, resolve_candidates
from kg.settings import Settings
from kg.store import OXIGRAPH_DIR, OxigraphStore


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, for the summary line and for callers."""

    documents: tuple[Document, ...]
    sentences: int
    statements: tuple[Statement, ...]  # events: who did what to whom
    offices: tuple[Statement, ...]  # who holds which office, from titles and appositions
    out: Path

    @property
    def actors(self) -> int:
        return len({a.id for s in self.statements + self.offices for a in (s.subject, s.object) if a.is_actor})

    @property
    def undated(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents if d.published is None)

    def summary(self) -> str:
        return (f"{len(self.documents)} documents, {self.sentences} sentences, {len(self.statements)} statements, "
                f"{self.actors} actors, {len(self.offices)} offices -> {self.out}")


def parsed_documents(documents: list[Document], settings: Settings, resources: Resources) -> Iterator[tuple[Document, Doc]]:
    """Yield each document with its parse (capitals re-cased with the gazetteer's spellings)."""
    nlp = load_pipeline(settings.model)
    proper = resources.gazetteer.spellings(exclude=frozenset(nlp.Defaults.stop_words))
    yield from parse_documents(nlp, documents, batch_size=settings.batch_size, proper=proper,
                               acronyms=resources.gazetteer.acronyms())


def extract_statements(documents: list[Document], settings: Settings, lexicon: Lexicon) -> tuple[list[Statement], int]:
    """Return the resolved statements (events and offices) of the documents and the number of sentences read."""
    resources = load_resources(settings.ontology_dir, settings.gazetteers)
    statements: list[Statement] = []
    sentences = 0
    for document, doc in parsed_documents(documents, settings, resources):
        sentences += sum(1 for s in doc.sents if s.text.strip())
        candidates = extract_candidates(doc, document.id, lexicon, source_text=document.text)
        statements.extend(resolve_candidates(discourse(doc, document.text), document, candidates, resources))
    unique = {s.id: s for s in merge_short_names(statements)}
    kept = [s for s in unique.values() if s.confidence >= settings.min_confidence]
    return kept, sentences


def build(inputs: list[Path], out: Path, settings: Settings, *, as_of: date | None = None) -> BuildResult:
    """Build the graph of the articles in `inputs` into the folder `out` and return what was built."""
    documents = load_documents(inputs)
    if as_of is not None:
        documents = [d for d in documents if d.published is not None and d.published <= as_of]
    lexicon = load_lexicon(settings.ontology_dir / "relations.csv", settings.lexicons)
    statements, sentences = extract_statements(documents, settings, lexicon)
    events = [s for s in statements if s.relation != ROLE_RELATION]
    offices = [s for s in statements if s.relation == ROLE_RELATION]
    reported = group_events(events)  # statements that report one happening: one event
    dataset = build_dataset(documents, statements, ontology_graph(settings.ontology_dir, lexicon), events=reported)
    out.mkdir(parents=True, exist_ok=True)
    write_rdf(dataset, out / "graph.trig", out / "graph.ttl")
    write_jsonl(events, out / "statements.jsonl")
    atomic_write(out / "events.jsonl", events_jsonl(reported))
    write_jsonl(offices, out / "offices.jsonl")
    write_html(statements, out / "graph.html")
    if settings.store == "oxigraph":
        OxigraphStore.load(out / "graph.trig", out / OXIGRAPH_DIR)
    return BuildResult(tuple(documents), sentences, tuple(events), tuple(offices), out)
