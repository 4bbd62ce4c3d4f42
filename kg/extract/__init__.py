"""Extraction stage: parsed spaCy Doc -> Candidate statements."""
from __future__ import annotations

from kg.extract.candidates import extract_candidates
from kg.extract.lexicon import Lexicon, RelationEntry, load_lexicon

__all__ = ["Lexicon", "RelationEntry", "extract_candidates", "load_lexicon"]
