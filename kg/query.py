"""SPARQL 1.1 queries over a built graph, and the library of named queries in ontology/queries/."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError
from kg.model import Statement
from kg.store import Answer, GraphStore, MemoryStore, open_store, select_rows

FORMATS = ("table", "csv", "json")
# {{topic}}, {{limit:int}}, {{start:date}}, and a choice among words: {{include:asserted|all}}
_PLACEHOLDER = re.compile(r"\{\{(\w+)(?::(int|date|\w+(?:\|\w+)+))?\}\}")
_PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\s*(?:=\s*(\S.*?))?\s*:\s*(.*)$")


def load_dataset(graph: Path) -> Dataset:
    """Return the rdflib dataset of a built output (a folder or its graph.trig), as the union of its graphs."""
    trig = graph / "graph.trig" if graph.is_dir() else graph
    if not trig.is_file():
        raise InputError(f"{trig}: no built graph here (run `kg build` first)")
    return MemoryStore(trig).dataset


RECORDS = ("statements.jsonl", "offices.jsonl")  # a build's statements: events, then offices held


def load_statements(graph: Path, *, include_hedged: bool = False) -> list[Statement]:
    """Return the statements recorded in a built output (a folder or its graph.trig) that count:
    the asserted ones, or with `include_hedged` the hedged and conditional ones too.

    A built folder's records (statements.jsonl, offices.jsonl) are read: a hundred times faster
    than reading the RDF back. A bare graph.trig, or a folder without them, is read as RDF."""
    folder = graph if graph.is_dir() else None
    if folder is not None and all((folder / name).is_file() for name in RECORDS):
        statements = []
        for name in RECORDS:
            with (folder / name).open(encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if line.strip():
                        try:
                            statements.append(Statement.from_json(json.loads(line)))
                        except (ValueError, KeyError, TypeError) as e:
                            raise InputError(f"{folder / name}:{n}: not a statement record ({e})") from e
        return counted_statements(sorted(statements, key=lambda s: s.id), include_hedged=include_hedged)
    from kg.graph import read_statements

    return counted_statements(read_statements(load_dataset(graph)), include_hedged=include_hedged)


def counted_statements(statements: list[Statement], *, include_hedged: bool = False) -> list[Statement]:
    """Return the statements that count as facts: the asserted ones (negated ones too: an asserted
    denial), or every statement with `include_hedged`. A hedged ("might") or conditional ("if")
    statement is not a fact; the named queries apply the same rule with `include=asserted|all`."""
    return list(statements) if include_hedged else [s for s in statements if s.modality == "asserted"]


def read_query(text_or_file: str) -> str:
    """Return the query text: the argument itself, or the content of the .rq file it names."""
    path = Path(text_or_file)
    looks_like_file = len(text_or_file) < 1024 and "\n" not in text_or_file and path.suffix in (".rq", ".sparql")
    if looks_like_file and path.is_file():
        return path.read_text(encoding="utf-8")
    if looks_like_file:
        raise InputError(f"{path}: no such query file")
    return text_or_file


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of the library: what question it answers, its parameters, and its text."""

    name: str
    question: str
    params: dict[str, tuple[str | None, str]]  # name -> (default, description)
    text: str

    def render(self, values: dict[str, str]) -> str:
        """Return the query with its {{param}} placeholders filled: string literals, checked whole
        numbers ({{limit:int}}), dates ({{start:date}}) or one of listed words ({{include:asserted|all}})."""
        unknown = set(values) - set(self.params)
        if unknown:
            raise InputError(f"query {self.name!r} has no parameter {sorted(unknown)[0]!r} "
                             f"(it takes {', '.join(self.params) or 'none'})")

        def fill(m: re.Match) -> str:
            key, kind = m.group(1), m.group(2)
            value = values.get(key, self.params.get(key, (None, ""))[0])
            if value is None:
                raise InputError(f"query {self.name!r} needs --param {key}=VALUE ({self.params[key][1]})")
            if kind == "int":
                if not value.strip().isdigit():
                    raise InputError(f"--param {key}={value!r}: expected a whole number")
                return str(int(value))
            if kind and "|" in kind:
                choices = kind.split("|")
                if value.strip() not in choices:
                    raise InputError(f"--param {key}={value!r}: expected one of {', '.join(choices)}")
                return sparql_string(value.strip())
            if kind == "date":
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                    raise InputError(f"--param {key}={value!r}: expected a date YYYY-MM-DD")
                return f'"{value.strip()}"^^<http://www.w3.org/2001/XMLSchema#date>'
            return sparql_string(value)

        return _PLACEHOLDER.sub(fill, self.text)


def sparql_string(value: str) -> str:
    """Return `value` as a quoted SPARQL string literal (no injection through quotes or newlines)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def named_queries(folder: Path) -> dict[str, NamedQuery]:
    """Return the library: every folder/*.rq, whose leading comments give the question and parameters."""
    out = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line for line in text.splitlines() if line.startswith("#")]
        params = {}
        for line in comments:
            m = _PARAM_LINE.match(line)
            if m:
                params[m.group(1)] = (m.group(2), m.group(3).strip())
        question = next((c.lstrip("# ").strip() for c in comments if not _PARAM_LINE.match(c)), "")
        out[path.stem] = NamedQuery(path.stem, question, params, text)
    return out


def named_query(folder: Path, name: str) -> NamedQuery:
    library = named_queries(folder)
    if name not in library:
        raise InputError(f"no named query {name!r} (choose one of {', '.join(library)})")
    return library[name]


def parse_params(pairs: list[str]) -> dict[str, str]:
    """Return {"actor": "Putin"} from ["actor=Putin"]."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param {pair!r}: expected NAME=VALUE")
        out[key.strip()] = value
    return out


def run_query(store: GraphStore, query: str, fmt: str = "table") -> str:
    """Return a query's result as an aligned table, CSV or SPARQL JSON (graphs as Turtle)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    answer = store.answer(query, "csv" if fmt == "csv" else "json")
    return format_answer(answer, fmt)


def format_answer(answer: Answer, fmt: str) -> str:
    text = answer.body.decode("utf-8")
    if answer.form in ("CONSTRUCT", "DESCRIBE") or fmt == "json":
        return text
    if answer.form == "ASK":
        return str(json.loads(text)["boolean"]).lower()
    if fmt == "csv":
        return text.replace("\r\n", "\n").rstrip("\n")
    names, rows = select_rows(answer)
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def rows_of(store: GraphStore, query: str) -> tuple[list[str], list[list[str]]]:
    """Return the variables and rows of a SELECT query (for tests and scripts)."""
    return select_rows(store.answer(query, "json"))


__all__ = ["FORMATS", "NamedQuery", "counted_statements", "load_dataset", "load_statements", "named_queries",
           "named_query", "open_store", "parse_params", "read_query", "rows_of", "run_query", "sparql_string"]
