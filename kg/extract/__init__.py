"""Extraction stage: parsed spaCy Doc -> Candidate statements."""
from __future__ import annotations

from kg.extract.candidates import extract_candidates
from kg.extract.lexicon import Lexicon, RelationEntry, load_lexicon
from kg.extract.mentions import discourse

__all__ = ["Lexicon", "RelationEntry", "discourse", "extract_candidates", "load_lexicon"]
