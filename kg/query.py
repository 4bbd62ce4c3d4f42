"""SPARQL 1.1 queries over a built dataset."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pyparsing import ParseException
from rdflib import Dataset
from rdflib.query import Result

from kg.errors import InputError, QueryError

FORMATS = ("table", "csv", "json")


def load_dataset(graph_dir: Path) -> Dataset:
    """Return the dataset in `graph_dir`/graph.trig (or a .trig file), queried as the union of its graphs."""
    path = graph_dir / "graph.trig" if graph_dir.is_dir() else graph_dir
    if not path.is_file():
        raise InputError(f"{path}: no built graph here (run `kg build` first)")
    ds = Dataset(default_union=True)
    try:
        ds.parse(path, format="trig")
    except Exception as e:  # rdflib raises several parser-specific types
        raise InputError(f"{path}: not a readable TriG file ({str(e).splitlines()[0] if str(e) else type(e).__name__})") from e
    return ds


def read_query(text_or_file: str) -> str:
    """Return the query text: the argument itself, or the content of the .rq file it names."""
    path = Path(text_or_file)
    if len(text_or_file) < 1024 and "\n" not in text_or_file and path.suffix in (".rq", ".sparql") and path.is_file():
        return path.read_text(encoding="utf-8")
    if len(text_or_file) < 1024 and path.suffix in (".rq", ".sparql") and not path.exists():
        raise InputError(f"{path}: no such query file")
    return text_or_file


def run_query(ds: Dataset, query: str) -> Result:
    """Return the result of a SPARQL query; a bad query raises QueryError with the parser's message."""
    try:
        return ds.query(query)
    except ParseException as e:
        raise QueryError(f"bad SPARQL: {' '.join(str(e).split())}") from e
    except Exception as e:
        raise QueryError(f"query failed: {' '.join(str(e).split()) or type(e).__name__}") from e


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def format_result(result: Result, fmt: str) -> str:
    """Return the result as an aligned table, CSV or SPARQL JSON (graphs as Turtle)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        data = result.serialize(format="turtle")
        return data.decode("utf-8") if isinstance(data, bytes) else str(data)
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) if fmt == "json" else str(bool(result.askAnswer)).lower()
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names = [str(v) for v in result.vars or []]
    rows = [[_cell(r[i]) for i in range(len(names))] for r in result]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
