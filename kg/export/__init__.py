"""Writers of a built graph: RDF formats, statements.jsonl and the HTML view. Every write is atomic."""
from __future__ import annotations

from kg.export.atomic import atomic_write
from kg.export.formats import write_jsonl, write_rdf
from kg.export.html import write_html

__all__ = ["atomic_write", "write_html", "write_jsonl", "write_rdf"]
