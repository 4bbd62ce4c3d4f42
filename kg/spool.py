"""Analysed statements kept on disk while a build runs, so its memory is bounded by a batch, not the corpus.

The main process of a build receives each document's statements once (from a worker, or the
cache) and writes them here at once (`StatementSpool.add`): one pickle per document, appended to
one file in the staging folder, with the document's offset kept in memory. What the
cross-document work needs of them (the unknown people for `merge_short_names`) is kept as a
small table beside. The writers then read the statements back one document at a time (`get`).

Sentences (`SentenceFile`) are the bulk of a statement: the events and the page refer to them by
offset, and read each when it is written.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Actor, Statement


class StatementSpool:
    """Each document's statements, in the order they came, in one file; the unknown people beside."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = path.open("w+b")
        self._where: dict[str, tuple[int, int]] = {}  # document id -> (offset, length)
        self.people: dict[str, Actor] = {}  # unknown people by id, first seen first (see merge_short_names)

    def add(self, document: str, statements: Iterable[Statement]) -> None:
        """Append a document's statements (a document added twice keeps its last)."""
        statements = tuple(statements)
        for s in statements:
            for a in (s.subject, s.object, s.attributed_to):
                if a is not None and a.type == "Person" and not a.known:
                    self.people.setdefault(a.id, a)
        data = pickle.dumps(statements, protocol=5)
        self._file.seek(0, os.SEEK_END)
        self._where[document] = (self._file.tell(), len(data))
        self._file.write(data)

    def get(self, document: str) -> tuple[Statement, ...]:
        """Return a document's statements, in the order they were added (none for a document not added)."""
        if document not in self._where:
            return ()
        offset, length = self._where[document]
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def __contains__(self, document: object) -> bool:
        return document in self._where

    def documents(self) -> list[str]:
        """Return the ids of the documents added, in the order they came."""
        return list(self._where)

    def close(self) -> None:
        """Close and remove the file."""
        self._file.close()
        self.path.unlink(missing_ok=True)

    @classmethod
    def of(cls, path: Path, statements: Iterable[Statement]) -> "StatementSpool":
        """Return a spool of statements given all at once (grouped by document, order kept)."""
        by_doc: dict[str, list[Statement]] = {}
        for s in statements:
            by_doc.setdefault(s.document, []).append(s)
        spool = cls(path)
        for document, group in by_doc.items():
            spool.add(document, group)
        return spool


class SentenceFile:
    """Sentences written to a file as they come, read back by offset."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = path.open("w+b")
        self._end = 0

    def add(self, text: str) -> tuple[int, int]:
        """Append a sentence; return its offset and length in bytes."""
        data = text.encode("utf-8")
        self._file.seek(self._end)
        self._file.write(data)
        where = (self._end, len(data))
        self._end += len(data)
        return where

    def read(self, where: tuple[int, int]) -> str:
        return _read_at(self._file, where)

    def flush(self) -> None:
        """Make what was added readable by another process (`SentenceReader`)."""
        self._file.flush()

    def close(self) -> None:
        """Close and remove the file."""
        self._file.close()
        self.path.unlink(missing_ok=True)


class SentenceReader:
    """A report's sentence, read from a `SentenceFile` by another process: it pickles as the path
    and opens the file when first asked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None

    def __call__(self, report) -> str:
        if self._file is None:
            self._file = self.path.open("rb")
        return _read_at(self._file, report.sentence_at)

    def __getstate__(self) -> dict:
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.path, self._file = state["path"], None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _read_at(f, where: tuple[int, int]) -> str:
    f.seek(where[0])
    return f.read(where[1]).decode("utf-8")


def interned(actors: dict[tuple, Actor], a: Actor | None) -> Actor | None:
    """Return one shared Actor for every actor equal to `a` in all it writes (id, label, type,
    country, wikidata, sector, owner): documents unpickled apart repeat the same actors."""
    if a is None:
        return None
    key = actor_key(a)
    return actors.setdefault(key, a)


def actor_key(a: Actor) -> tuple:
    return (a.id, a.label, a.type, a.country, a.wikidata, a.sector, actor_key(a.owner) if a.owner is not None else None)


def iter_statements(spool: StatementSpool, documents: Iterable[str]) -> Iterator[Statement]:
    """Yield the statements of the documents, one document at a time."""
    for d in documents:
        yield from spool.get(d)


__all__ = ["SentenceFile", "SentenceReader", "StatementSpool", "actor_key", "interned", "iter_statements"]
