"""The gazetteer: canonical actors and their names, loaded from ontology/gazetteer/*.csv."""
from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry

from kg.errors import GeokgError, InputError, PipelineError
from kg.ontology import entry_iri, fold

# names are matched folded: ASCII, lower case, no punctuation, no leading article (memoised: a pure
# function of the string, called for every word span resolution tries)
normalize = lru_cache(maxsize=1 << 17)(fold)


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer entity: a country, organisation, person or place."""

    key: str
    label: str
    type: str
    country: str | None = None
    wikidata: str | None = None
    gender: str | None = None
    names: tuple[str, ...] = ()
    sector: str | None = None  # set on the body that *is* its country's sector ("military")

    @property
    def iri(self) -> str:
        return entry_iri(self.type, self.key)


@dataclass(frozen=True, slots=True)
class Role:
    """A time-bounded office: `person` held `role` of `of` from `start` to `end`."""

    person: str
    role: str
    of: str
    start: date | None
    end: date | None
    titles: tuple[str, ...]

    def held_on(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Names -> entries, demonyms -> countries, and roles by date."""

    entries: dict[str, Entry]  # key -> entry
    names: dict[str, str]  # normalised name -> key
    demonyms: dict[str, str]  # normalised demonym (singular and plural) -> country key
    roles: tuple[Role, ...] = field(default=())
    _iris: dict[str, str] = field(default_factory=dict, repr=False)  # node IRI -> key
    _sectors: dict[tuple[str | None, str | None], Entry] = field(default_factory=dict, repr=False)  # (country, sector) -> first entry
    _roles_of: dict[str, tuple[Role, ...]] = field(default_factory=dict, repr=False)  # `of` key -> its roles, in order
    # the last words of every office title ("minister", "president", "chairman"): nouns that name a person
    title_heads: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._iris.update({e.iri: k for k, e in self.entries.items()})
        for e in self.entries.values():
            self._sectors.setdefault((e.country, e.sector), e)
        roles_of: dict[str, list[Role]] = {}
        for r in self.roles:
            roles_of.setdefault(r.of, []).append(r)
        self._roles_of.update({k: tuple(v) for k, v in roles_of.items()})
        self.title_heads.update(t.split()[-1] for r in self.roles for t in r.titles if t.split())

    def of_iri(self, iri: str) -> Entry | None:
        """Return the entry whose node has this IRI, if it is a gazetteer entry."""
        key = self._iris.get(iri)
        return self.entries[key] if key is not None else None

    def sector_body(self, country: str, sector: str) -> Entry | None:
        """Return the organisation that is a country's sector ("RUS", "military" -> its armed forces)."""
        return self._sectors.get((country, sector))

    def lookup(self, name: str) -> Entry | None:
        key = self.names.get(normalize(name))
        return self.entries[key] if key else None

    def demonym(self, word: str) -> Entry | None:
        key = self.demonyms.get(normalize(word))
        return self.entries[key] if key else None

    def spellings(self, *, exclude: frozenset[str] = frozenset()) -> dict[str, str]:
        """Return lower-cased whole names -> their spelling ("kremlin" -> "Kremlin", "white house" ->
        "White House"), for re-casing capitals: names are re-cased, not words, so "SAID" in a headline
        stays "said" although some name contains "Said"."""
        out: dict[str, str] = {}
        for entry in sorted(self.entries.values(), key=lambda e: e.key):
            for name in (entry.label, *entry.names):
                low = name.lower()
                if len(name) > 2 and name != low and low not in exclude:
                    out.setdefault(low, name)
        return out

    def acronyms(self) -> frozenset[str]:
        """Return the names written in capitals ("US", "NATO", "ECOWAS"), which keep them in a headline."""
        out = set()
        for entry in self.entries.values():
            for name in (entry.label, *entry.names):
                bare = name.replace(".", "")
                if bare.isalpha() and bare.isupper() and 2 <= len(bare) <= 6:
                    out.add(bare)
        return frozenset(out)

    def holder(self, role_titles: str, of: str, on: date | None) -> Entry | None:
        """Return who held the office with that title for `of` (a country or org key) on a date."""
        title = normalize(role_titles)
        for r in self._roles_of.get(of, ()):
            if title in r.titles and r.held_on(on):
                return self.entries.get(r.person)
        return None


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


# The files of a gazetteer folder and the columns each must have (the others are optional).
FILES = {"countries.csv": ("alpha3", "label"), "organizations.csv": ("key", "label"),
         "places.csv": ("key", "label"), "people.csv": ("key", "label"), "roles.csv": ("person", "role", "of")}


def _rows(path: Path, error: type[GeokgError] = PipelineError) -> list[tuple[str, dict[str, str]]]:
    """Return each row of a gazetteer CSV with where it is ("people.csv:7"); missing file: none."""
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in FILES[path.name] if c not in (reader.fieldnames or ())]
            if missing:
                raise error(f"{path}: missing column(s) {', '.join(missing)} (expected {','.join(FILES[path.name])},…)")
            rows = [(f"{path}:{n}", {k: (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, 2)]
    except (UnicodeDecodeError, csv.Error) as e:
        raise error(f"{path}: unreadable gazetteer file ({e})") from e
    for where, row in rows:
        empty = [c for c in FILES[path.name] if not row.get(c)]
        if empty:
            raise error(f"{where}: empty {', '.join(empty)}")
    return rows


def _date(value: str | None, where: str, error: type[GeokgError] = PipelineError) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as e:
        raise error(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from e


def load_gazetteer(folder: Path, additions: Sequence[Path] = ()) -> Gazetteer:
    """Return the gazetteer in `folder` (countries, organizations, people, places, roles), with the
    user's `additions`: folders of the same files, any subset, same columns. An addition's entry
    replaces the built-in entry with its key, and its names win over built-in names."""
    entries: dict[str, Entry] = {}
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    roles: list[Role] = []  # an addition's roles go first: its office holders win (holder() takes the first)

    def add(entry: Entry, override: bool) -> None:
        entries[entry.key] = entry
        for n in (entry.label, *entry.names):
            if override:
                names[normalize(n)] = entry.key
            else:
                names.setdefault(normalize(n), entry.key)

    def load(where: Path, override: bool, error: type[GeokgError]) -> None:
        for _, row in _rows(where / "countries.csv", error):
            alpha3 = row["alpha3"].upper()
            official = pycountry.countries.get(alpha_3=alpha3)
            extra = [getattr(official, a) for a in ("name", "common_name", "official_name") if official and hasattr(official, a)]
            aliases = _split(row.get("aliases")) + extra + _split(row.get("capital")) + _split(row.get("metonyms"))
            add(Entry(alpha3, row["label"], "Country", alpha3, row.get("wikidata") or None, None, tuple(aliases)), override)
            for d in _split(row.get("demonyms")):
                for form in (d, d + "s" if not d.endswith(("s", "sh", "ch", "ese")) else d):
                    if override:
                        demonyms[normalize(form)] = alpha3
                    else:
                        demonyms.setdefault(normalize(form), alpha3)
        for _, row in _rows(where / "organizations.csv", error):
            add(Entry(row["key"], row["label"], row.get("type") or "Organization", row.get("country") or None,
                      row.get("wikidata") or None, None, tuple(_split(row.get("aliases"))), row.get("sector") or None), override)
        for _, row in _rows(where / "places.csv", error):
            add(Entry(row["key"], row["label"], row.get("type") or "Location", row.get("country") or None,
                      row.get("wikidata") or None, None, tuple(_split(row.get("aliases")))), override)
        for _, row in _rows(where / "people.csv", error):
            add(Entry(row["key"], row["label"], "Person", row.get("country") or None, row.get("wikidata") or None,
                      row.get("gender") or None, tuple(_split(row.get("aliases")))), override)
        found = []
        for at, row in _rows(where / "roles.csv", error):
            if override and row["person"] not in entries:
                raise error(f"{at}: unknown person {row['person']!r} (a key of people.csv)")
            found.append(Role(row["person"], row["role"], row["of"], _date(row.get("start"), at, error),
                              _date(row.get("end"), at, error), tuple(normalize(t) for t in _split(row.get("title")))))
        roles[:0] = found

    load(folder, False, PipelineError)
    if not entries:
        raise PipelineError(f"{folder}: no gazetteer files found")
    for extra in additions:
        if not extra.is_dir():
            raise InputError(f"{extra}: no such gazetteer folder")
        unknown = sorted(p.name for p in extra.glob("*.csv") if p.name not in FILES)
        if unknown:
            raise InputError(f"{extra / unknown[0]}: not a gazetteer file (expected {', '.join(FILES)})")
        if not any((extra / name).is_file() for name in FILES):
            raise InputError(f"{extra}: no gazetteer files here (expected any of {', '.join(FILES)})")
        load(extra, True, InputError)
    return Gazetteer(entries, names, demonyms, tuple(roles))
