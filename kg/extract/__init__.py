"""Extraction stage: parsed spaCy Doc -> Candidate statements.

The names that need spaCy are imported when first used (PEP 562), so that `kg.extract.lexicon`,
which the writers and resolution read, can be imported without loading spaCy: a rebuild from the
cache never pays for it in the process that writes the outputs."""
from __future__ import annotations

import importlib

from kg.extract.lexicon import Lexicon, RelationEntry, load_lexicon

_LAZY = {"extract_candidates": "kg.extract.candidates", "discourse": "kg.extract.mentions"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Lexicon", "RelationEntry", "discourse", "extract_candidates", "load_lexicon"]
