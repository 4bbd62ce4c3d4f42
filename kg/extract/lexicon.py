"""The relation lexicon: verb and noun patterns -> relation, label and CAMEO code (data in ontology/).

- `relations.csv`: patterns ("call for", "accuse _ of", "impose * on") -> relation, label, CAMEO code,
  polarity and whether the relation holds both ways (`symmetric`: meet, sign an agreement with).
- `complements.csv`: verbs and adjectives that take a clause ("agreed to halt", "refused to meet",
  "hoped that X would …") and what their complement is: a deed (`implicative`), a deed that did
  not happen (`negative`), a deed announced (`future`: "is scheduled to visit"), an undertaking (`intent`), a refusal,
  an act excluded (`exclude`: "ruled out sending troops" is a refusal, "did not rule out strikes" leaves them open,
  a threat or an intent), an appeal or demand, a denial, or
  a belief (`hedge`).
- `threat_idioms.csv`: what is said to befall someone as a threat ("X will pay a heavy price",
  "X will face consequences"): the speaker threatens X.
- `cameo_intents.csv`: the CAMEO code of intending or refusing an act ("will strike" is a threat,
  138x; "will send aid" an intent, 033; "refused to meet" 125).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GeokgError, InputError, PipelineError

FALLBACK_RELATION = "relatedTo"  # a verb the lexicon does not know
ROLE_RELATION = "holdsOffice"  # person -> country or organisation, from titles and appositions
_CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_RELATION = re.compile(r"^[a-z][A-Za-z]+$")
COMPLEMENT_CLASSES = frozenset({"implicative", "negative", "future", "intent", "refusal", "exclude", "appeal", "demand", "deny",
                                "hedge"})
REFUSAL_CODE = "120"  # refusing an act the intents table has no refusal code for


@dataclass(frozen=True, slots=True)
class RelationEntry:
    """One lexicon row: a pattern such as "call for" or "accuse _ of" and what it means."""

    pattern: str
    pos: str  # "VERB" or "NOUN"
    relation: str
    label: str
    cameo: str  # the most specific CAMEO code, 2-4 digits
    negative: bool  # the pattern negates its clausal complement ("refuse to")
    symmetric: bool = False  # the relation holds both ways between its parties ("meet", "sign a deal with")

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All entries, looked up by (pattern, pos); complement-taking words; CAMEO codes of intents."""

    entries: dict[tuple[str, str], RelationEntry]
    complements: dict[str, str] = field(default_factory=dict)  # "agree" -> "intent", "refrain from" -> "negative"
    intents: dict[str, tuple[str, str]] = field(default_factory=dict)  # CAMEO code prefix -> (intended, refused)
    threat_idioms: frozenset[str] = frozenset()  # "pay price": "X will pay a heavy price", said of X, threatens X
    _by_code: dict[str, RelationEntry | None] = field(default_factory=dict, repr=False, compare=False)  # memo of by_code

    def get(self, pattern: str, pos: str = "VERB") -> RelationEntry | None:
        return self.entries.get((pattern, pos))

    def relations(self) -> dict[str, RelationEntry]:
        """Return one entry per relation local name (its label and CAMEO code), sorted."""
        out: dict[str, RelationEntry] = {}
        for key in sorted(self.entries):
            out.setdefault(self.entries[key].relation, self.entries[key])
        return dict(sorted(out.items()))

    def complement_class(self, *keys: str) -> str | None:
        """Return the class of the first key that takes a clause ("refuse", "refrain from"), if any."""
        return next((self.complements[k] for k in keys if k in self.complements), None)

    def intended(self, code: str) -> str | None:
        """Return the CAMEO code of intending the act `code` ("19" -> "1384"), if it differs from doing it."""
        return self._lookup(code, 0)

    def refused(self, code: str) -> str:
        """Return the CAMEO code of refusing the act `code` ("04" -> "125")."""
        return self._lookup(code, 1) or REFUSAL_CODE

    def _lookup(self, code: str, column: int) -> str | None:
        for n in range(len(code), 1, -1):  # the most specific prefix first: 163 before 16
            found = self.intents.get(code[:n])
            if found is not None and found[column]:
                return found[column]
        return None

    def by_code(self, code: str) -> RelationEntry | None:
        """Return the entry that names a CAMEO code best: exactly that code, else its root; among
        several, the one of the relation the lexicon uses most ("threaten" for 13, not "warn")."""
        if code in self._by_code:
            return self._by_code[code]
        uses: dict[str, int] = {}
        for e in self.entries.values():
            uses[e.relation] = uses.get(e.relation, 0) + 1
        def shared(e: RelationEntry) -> int:  # how much of `code` the entry's code spells: 138 of 1384
            return len(e.cameo) if code.startswith(e.cameo) else 0

        ranked = sorted((e for e in self.entries.values() if e.cameo_root == code[:2]),
                        key=lambda e: (-shared(e), e.pos != "VERB", -uses[e.relation], len(e.pattern), e.pattern))
        found = self._by_code[code] = ranked[0] if ranked else None
        return found


def _rows(path: Path, error: type[GeokgError] = PipelineError) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(enumerate(csv.DictReader(f), 2))
    except (UnicodeDecodeError, csv.Error) as e:
        raise error(f"{path}: unreadable CSV ({e})") from e


LEXICON_COLUMNS = ("pattern", "relation", "cameo")  # required; pos, label, polarity, symmetric are optional


def _relation_rows(path: Path, error: type[GeokgError]) -> dict[tuple[str, str], RelationEntry]:
    entries: dict[tuple[str, str], RelationEntry] = {}
    rows = _rows(path, error)
    if rows and [c for c in LEXICON_COLUMNS if c not in rows[0][1]]:
        raise error(f"{path}: missing column(s) {', '.join(c for c in LEXICON_COLUMNS if c not in rows[0][1])} "
                    "(expected pattern,pos,relation,label,cameo,polarity,symmetric)")
    for n, row in rows:
        where = f"{path}:{n}"
        pattern = " ".join((row.get("pattern") or "").lower().split())
        pos = (row.get("pos") or "VERB").strip().upper()
        relation = (row.get("relation") or "").strip()
        cameo = (row.get("cameo") or "").strip()
        if not pattern or not _RELATION.match(relation) or not _CAMEO.match(cameo) or pos not in ("VERB", "NOUN"):
            raise error(f"{where}: bad lexicon row (pattern {pattern!r}, pos {pos!r}, relation {relation!r}, cameo {cameo!r})")
        entries[(pattern, pos)] = RelationEntry(
            pattern=pattern, pos=pos, relation=relation,
            label=(row.get("label") or relation).strip(), cameo=cameo,
            negative=(row.get("polarity") or "").strip() == "negative",
            symmetric=(row.get("symmetric") or "").strip().lower() in ("yes", "true", "1"),
        )
    return entries


def load_lexicon(path: Path, additions: Sequence[Path] = ()) -> Lexicon:
    """Return the lexicon in `path` (relations.csv) with complements.csv and cameo_intents.csv beside
    it, and the user's `additions` (files in the relations.csv format; a row replaces the built-in
    row with its pattern and part of speech). A malformed row is an error naming the file and row."""
    if not path.is_file():
        raise PipelineError(f"{path}: relation lexicon not found")
    entries = _relation_rows(path, PipelineError)
    for extra in additions:
        if not extra.is_file():
            raise InputError(f"{extra}: no such lexicon file")
        found = _relation_rows(extra, InputError)
        if not found:
            raise InputError(f"{extra}: no lexicon rows (expected the columns of relations.csv)")
        entries.update(found)
    complements: dict[str, str] = {}
    where_c = path.parent / "complements.csv"
    for n, row in _rows(where_c):
        word, cls = " ".join((row.get("word") or "").lower().split()), (row.get("class") or "").strip()
        if not word or cls not in COMPLEMENT_CLASSES:
            raise PipelineError(f"{where_c}:{n}: bad complement row {row!r}")
        complements[word] = cls
    intents: dict[str, tuple[str, str]] = {}
    where_i = path.parent / "cameo_intents.csv"
    for n, row in _rows(where_i):
        code, intended, refused = ((row.get(k) or "").strip() for k in ("code", "intended", "refused"))
        if not _CAMEO.match(code) or any(c and not _CAMEO.match(c) for c in (intended, refused)):
            raise PipelineError(f"{where_i}:{n}: bad CAMEO intent row {row!r}")
        intents[code] = (intended, refused)
    where_t = path.parent / "threat_idioms.csv"
    idioms = set()
    for n, row in _rows(where_t):
        idiom = " ".join((row.get("pattern") or "").lower().split())
        if not idiom:
            raise PipelineError(f"{where_t}:{n}: bad threat idiom row {row!r}")
        idioms.add(idiom)
    return Lexicon(entries, complements, intents, frozenset(idioms))
