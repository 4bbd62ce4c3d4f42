"""Analysis of one document: parse, extract and resolve within the document (stage 2 of the build).

A document's analysis is plain data (`Analysed`): it crosses process boundaries (kg/workers.py,
kg/cluster.py) and is cached by the build (kg/pipeline.py). A document that fails is skipped with
its reason; the others go on.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import kg.extract as extraction
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.model import Document, Statement, compact_pickle
from kg.resolve import Resources, load_resources, resolve_candidates
from kg.settings import Settings
from kg.timeline import resolve_date

if TYPE_CHECKING:
    from spacy.tokens import Doc


@compact_pickle
@dataclass(frozen=True, slots=True)
class Analysed:
    """What the analysis of one document gives: its statements before cross-document merging, or
    why it failed. Plain data: it crosses process boundaries and is cached."""

    document: str
    sentences: int = 0
    statements: tuple[Statement, ...] = ()
    failure: str | None = None  # "ValueError: …": the document is skipped
    cached: bool = field(default=False, compare=False)


class Analyser:
    """Parses, extracts and resolves documents, one at a time; loads the model and data once."""

    def __init__(self, settings: Settings) -> None:
        from kg.nlp import load_pipeline

        self.settings = settings
        self.lexicon: Lexicon = load_lexicon(settings.ontology_dir / "relations.csv", settings.lexicons)
        self.resources: Resources = load_resources(settings.ontology_dir, settings.gazetteers)
        self.nlp = load_pipeline(settings.model)
        self.proper = self.resources.gazetteer.spellings(exclude=frozenset(self.nlp.Defaults.stop_words))
        self.acronyms = self.resources.gazetteer.acronyms()

    def analyse(self, documents: Sequence[Document]) -> list[Analysed]:
        """Return the analysis of each document, in order. The batch is parsed together; if that
        fails, each document is parsed alone, so only the one at fault is lost."""
        from kg.nlp import parse_documents

        try:
            parsed = list(parse_documents(self.nlp, documents, batch_size=self.settings.batch_size,
                                          proper=self.proper, acronyms=self.acronyms))
        except Exception:
            if len(documents) == 1:
                return [_failed(documents[0], sys.exc_info()[1])]
            return [a for d in documents for a in self.analyse([d])]
        return [self._one(document, doc) for document, doc in parsed]

    def _one(self, document: Document, doc) -> Analysed:
        try:
            sentences = sum(1 for s in doc.sents if s.text.strip())
            candidates = extraction.extract_candidates(doc, document.id, self.lexicon, source_text=document.text)
            statements = resolve_candidates(extraction.discourse(doc, document.text), document, candidates, self.resources)
            return Analysed(document.id, sentences, tuple(statements))
        except Exception as e:  # one document's failure must not cost the others
            return _failed(document, e)


def parsed_documents(documents: list[Document], settings: Settings, resources: Resources) -> Iterator[tuple[Document, "Doc"]]:
    """Yield each document with its parse (capitals re-cased with the gazetteer's spellings): for
    `kg explain` and the evaluation scripts, which read the parse itself."""
    from kg.nlp import load_pipeline, parse_documents

    nlp = load_pipeline(settings.model)
    proper = resources.gazetteer.spellings(exclude=frozenset(nlp.Defaults.stop_words))
    yield from parse_documents(nlp, documents, batch_size=settings.batch_size, proper=proper,
                               acronyms=resources.gazetteer.acronyms())


def _failed(document: Document, e: BaseException | None) -> Analysed:
    reason = f"{type(e).__name__}: {e}" if e is not None else "failed"
    return Analysed(document.id, failure=" ".join(reason.split())[:300])


_ANALYSERS: dict[Settings, Analyser] = {}


def analyse_batch(documents: Sequence[Document], settings: Settings) -> list[Analysed]:
    """Analyse a batch of documents in this process (a worker keeps its Analyser between batches).
    What a worker process or a Dask worker runs."""
    if settings not in _ANALYSERS:
        _ANALYSERS.clear()
        _ANALYSERS[settings] = Analyser(settings)
    return _ANALYSERS[settings].analyse(documents)


def get_ready(settings: Settings) -> None:
    """Load in this process what the analysis needs (the model, the data), before the first batch."""
    analyse_batch([], settings)
    resolve_date("on 1 March", date(2025, 3, 2))  # dateparser's first call reads its language data


__all__ = ["Analysed", "Analyser", "analyse_batch", "get_ready", "parsed_documents"]
