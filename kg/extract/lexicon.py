"""The relation lexicon: verb and noun patterns -> relation, label and CAMEO code (data in ontology/relations.csv)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import PipelineError

FALLBACK_RELATION = "relatedTo"  # a verb the lexicon does not know
ROLE_RELATION = "holdsOffice"  # person -> country or organisation, from titles and appositions
_CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_RELATION = re.compile(r"^[a-z][A-Za-z]+$")


@dataclass(frozen=True, slots=True)
class RelationEntry:
    """One lexicon row: a pattern such as "call for" or "accuse _ of" and what it means."""

    pattern: str
    pos: str  # "VERB" or "NOUN"
    relation: str
    label: str
    cameo: str  # the most specific CAMEO code, 2-4 digits
    negative: bool  # the pattern negates its clausal complement ("refuse to")

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All entries, looked up by (pattern, pos)."""

    entries: dict[tuple[str, str], RelationEntry]

    def get(self, pattern: str, pos: str = "VERB") -> RelationEntry | None:
        return self.entries.get((pattern, pos))

    def relations(self) -> dict[str, RelationEntry]:
        """Return one entry per relation local name (its label and CAMEO code), sorted."""
        out: dict[str, RelationEntry] = {}
        for key in sorted(self.entries):
            out.setdefault(self.entries[key].relation, self.entries[key])
        return dict(sorted(out.items()))


def load_lexicon(path: Path) -> Lexicon:
    """Return the lexicon in `path`; a malformed row raises PipelineError naming the row."""
    if not path.is_file():
        raise PipelineError(f"{path}: relation lexicon not found")
    entries: dict[tuple[str, str], RelationEntry] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            where = f"{path}:{n}"
            pattern = " ".join((row.get("pattern") or "").lower().split())
            pos = (row.get("pos") or "VERB").strip().upper()
            relation = (row.get("relation") or "").strip()
            cameo = (row.get("cameo") or "").strip()
            if not pattern or not _RELATION.match(relation) or not _CAMEO.match(cameo) or pos not in ("VERB", "NOUN"):
                raise PipelineError(f"{where}: bad lexicon row {row!r}")
            entries[(pattern, pos)] = RelationEntry(
                pattern=pattern, pos=pos, relation=relation,
                label=(row.get("label") or relation).strip(), cameo=cameo,
                negative=(row.get("polarity") or "").strip() == "negative",
            )
    return Lexicon(entries)
