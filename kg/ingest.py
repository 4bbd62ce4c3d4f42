"""Files, folders and JSONL -> Document, with page furniture removed.

Plain text (.txt, .md) goes through the furniture rules below. Saved web pages (.html, .htm)
go through trafilatura, a maintained article extractor, for the text and title, and htmldate
for the publication date; metadata.csv still overrides what a page says about itself.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.model import Corpus, Document, Skipped

TEXT_SUFFIXES = (".txt", ".md")
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES
METADATA_FILE = "metadata.csv"

# Lines that are page furniture whatever the site: comment counters, video and ad teasers,
# share and subscribe prompts, navigation.
_FURNITURE = re.compile(
    r"""^(?:
        \d+\s+comments?
      | comments?(?:\s*\(\d+\))?
      | (?:bonus|related|watch|featured)\s+videos?\b.*
      | (?:read|see)\s+(?:more|also)\b.*
      | (?:advertisement|sponsored(?:\s+content)?|subscribe\b.*|sign\s+up\b.*|share\s+(?:this|on)\b.*)
      | (?:click|tap)\s+here\b.*
      | (?:follow\s+us|share|tweet|print|email)
      | (?:photo|image|video|credit)\s*:.*
      | (?:also\s+read|recommended|most\s+read|trending)\b.*
      | .*\b(?:(?:check|compare|see)\s+(?:prices?|offers?)|(?:shop|buy)\s+now)\b.*   # shopping teasers
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A sentence glued to the next without a space ("...in the east.Apple MacBook..."), as
# scraped pages often have where two blocks met.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_MAX_LABEL_WORDS = 4
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
# A page has article text when some line reads as a sentence: four words or more, ending in
# sentence punctuation (a menu, a cookie prompt cut short or a bare headline does not).
_SENTENCE_LINE = re.compile(r"(?:\S+\s+){3,}\S*[.!?][\"'\u201d\u2019)]*\s*$")


def is_furniture(line: str) -> bool:
    """Return True when a line is page furniture rather than article text: a comment counter, a
    teaser, a share prompt, a label ("Developments:").

    Headlines and subheads are kept: they are news ("Armenia and Azerbaijan sign peace deal"),
    parsed in sentence case when written in capitals or Title Case.
    """
    text = line.strip()
    if not text:
        return False
    if _FURNITURE.match(text):
        return True
    return text.endswith(":") and len(text.split()) <= _MAX_LABEL_WORDS


# Control characters carry nothing an article says, and an ESC in a saved page or feed would
# reach the user's terminal in query and diff output: they are removed (tabs and line ends stay).
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # whole ANSI sequences first


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def clean_text(raw: str) -> tuple[str, tuple[str, ...]]:
    """Return the article prose and the furniture lines removed from it."""
    kept: list[str] = []
    dropped: list[str] = []
    for line in strip_controls(raw.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        for part in _GLUED.split(line):
            (dropped if is_furniture(part) else kept).append(part.strip())
    text = "\n".join(p for p in kept if p)
    return text, tuple(d for d in dropped if d)


def parse_date(value: str | None, *, where: str) -> date | None:
    """Return an ISO date from YYYY-MM-DD (a longer timestamp is cut to its date)."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise InputError(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from e


def _read_metadata(folder: Path, warnings: list[str] | None = None) -> dict[str, dict[str, str]]:
    """Return metadata.csv's rows by file name. Spreadsheet exports are fine (a byte-order mark,
    Windows line ends, extra columns, headers in any case); two rows that disagree about one
    file, or a bad date, are errors naming the rows; a row for a file that is not there is a
    warning (added to `warnings`)."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    rows: dict[str, dict[str, str]] = {}
    seen_at: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            if "file" not in header:
                raise InputError(f"{path}: no 'file' column (expected columns file,published[,source,title])")
            for n, cells in enumerate(reader, 2):
                row = {k: v.strip() for k, v in zip(header, cells) if k}
                name = row.get("file", "")
                if not name:
                    continue
                for key in ("published", "date"):
                    parse_date(row.get(key), where=f"{path}:{n}")
                if name in rows and rows[name] != row:
                    raise InputError(f"{path}:{n}: {name} is described differently on line {seen_at[name]}")
                rows[name], seen_at[name] = row, seen_at.get(name, n)
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text") from e
    except csv.Error as e:
        raise InputError(f"{path}: not a readable CSV ({e})") from e
    if warnings is not None:
        warnings.extend(f"{path}:{seen_at[name]}: no file {name} in {folder}"
                        for name in sorted(rows) if not (folder / name).is_file())
    return rows


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip('"\'')
    return meta, raw[m.end():]


def read_article(path: Path, meta: dict[str, str] | None = None) -> Document:
    """Return the Document for one .txt/.md file; front matter overrides metadata.csv."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    front, body = _front_matter(raw)
    info = {**(meta or {}), **{k: v for k, v in front.items() if v}}
    text, dropped = clean_text(body)
    return Document(
        id=path.stem,
        text=text,
        published=parse_date(info.get("published") or info.get("date"), where=str(path)),
        source=info.get("source") or None,
        title=info.get("title") or None,
        path=str(path),
        dropped_lines=dropped,
    )


def read_page(path: Path, meta: dict[str, str] | None = None) -> Document | Skipped:
    """Return the Document of a saved web page, or why it was skipped (no article text).

    The text and title come from trafilatura (precision first: menus, teasers, comments and
    footers stay out); the date from htmldate, which reads the page's markup (meta tags,
    JSON-LD, <time>) for the original publication date. metadata.csv overrides both.
    """
    import trafilatura
    from htmldate import find_date

    try:
        raw = path.read_bytes()  # trafilatura finds the page's own encoding
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    page = trafilatura.bare_extraction(raw, with_metadata=True, favor_precision=True,
                                       include_comments=False, include_tables=False)
    text = "\n".join(line.strip() for line in strip_controls((page.text if page else None) or "").splitlines() if line.strip())
    if not any(_SENTENCE_LINE.match(line) for line in text.splitlines()):
        return Skipped(str(path), "no article text found in the page")
    info = {k: v for k, v in (meta or {}).items() if v}
    published = info.get("published") or info.get("date")
    if not published:
        try:
            published = find_date(raw.decode("utf-8", errors="replace"), original_date=True, extensive_search=False)
        except Exception:  # htmldate raises on markup it cannot parse; the page is then undated
            published = None
    return Document(
        id=path.stem,
        text=text,
        published=parse_date(published, where=str(path)),
        source=info.get("source") or (page.sitename if page else None) or None,
        title=info.get("title") or (page.title if page else None) or None,
        path=str(path),
    )


def read_jsonl(path: Path) -> Iterator[Document]:
    """Yield one Document per JSONL record {"id", "text", "published", "source"?, "title"?}; a bad
    record raises InputError naming the file and line."""
    for record in read_jsonl_records(path):
        if isinstance(record, Skipped):
            raise InputError(f"{record.path}: {record.reason}")
        yield record


def read_jsonl_records(path: Path) -> Iterator[Document | Skipped]:
    """Yield one Document per good JSONL record and a Skipped, naming the line and the problem, per
    bad one: one bad record never costs the others."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (UnicodeDecodeError, OSError):
        yield Skipped(str(path), "cannot read as UTF-8 text")
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            yield _jsonl_document(line, where)
        except InputError as e:
            yield Skipped(where, str(e).removeprefix(f"{where}: "))


def _jsonl_document(line: str, where: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON ({e.msg})") from e
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    for key in ("id", "text"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise InputError(f"{where}: missing or empty {key!r}")
    for key in ("published", "source", "title"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{where}: {key!r} must be a string, not {type(record[key]).__name__}")
    text, dropped = clean_text(record["text"])
    return Document(
        id=record["id"].strip(),
        text=text,
        published=parse_date(record.get("published"), where=where),
        source=record.get("source") or None,
        title=record.get("title") or None,
        path=where,
        dropped_lines=dropped,
    )


def _read_file(path: Path, meta: dict[str, str] | None) -> Document | Skipped:
    """Return the Document of one article file, or why it was skipped: a file that cannot be read,
    decoded or dated costs itself only, never the build."""
    try:
        if path.suffix.lower() in PAGE_SUFFIXES:
            return read_page(path, meta)
        return read_article(path, meta)
    except InputError as e:
        return Skipped(str(path), str(e).removeprefix(f"{path}: "))


def read_inputs(inputs: Iterable[Path]) -> Corpus:
    """Return the Documents of files, folders and JSONL files, sorted by id (ids are unique), and
    the inputs skipped with their reasons. A folder may mix .txt, .md, .html and .jsonl.

    A missing input, or a metadata.csv that cannot be trusted, is an InputError: the user named
    it. A file or JSONL record that cannot be read, decoded or dated, and a second document with
    an id already used, are skipped with their reason, and the rest is read.
    """
    read: list[Document | Skipped] = []
    warnings: list[str] = []
    for given in inputs:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            meta = _read_metadata(path, warnings)
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            read.extend(_read_file(p, meta.get(p.name)) for p in files)
            read.extend(d for p in sorted(path.glob("*.jsonl")) for d in read_jsonl_records(p))
        elif path.suffix.lower() == ".jsonl":
            read.extend(read_jsonl_records(path))
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            read.append(_read_file(path, _read_metadata(path.parent).get(path.name)))
        else:
            raise InputError(f"{path}: not a .txt, .md, .html or .jsonl file")
    docs: dict[str, Document] = {}
    skipped = [s for s in read if isinstance(s, Skipped)]
    for d in (d for d in read if isinstance(d, Document)):
        if d.id in docs:
            skipped.append(Skipped(d.path or d.id, f"document id {d.id!r} already used by {docs[d.id].path or d.id}"))
        else:
            docs[d.id] = d
    skipped.sort(key=lambda s: s.path)
    return Corpus(tuple(sorted(docs.values(), key=lambda d: d.id)), tuple(skipped), tuple(warnings))


def load_documents(inputs: Iterable[Path]) -> list[Document]:
    """Return the Documents of files, folders and JSONL files, sorted by id; ids are unique."""
    return list(read_inputs(inputs).documents)
