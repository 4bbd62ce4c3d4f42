"""The gazetteer: canonical actors and their names, loaded from ontology/gazetteer/*.csv."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

from kg.errors import PipelineError
from kg.ontology import entry_iri, fold

normalize = fold  # names are matched folded: ASCII, lower case, no punctuation, no leading article


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

    def __post_init__(self) -> None:
        self._iris.update({e.iri: k for k, e in self.entries.items()})

    def of_iri(self, iri: str) -> Entry | None:
        """Return the entry whose node has this IRI, if it is a gazetteer entry."""
        key = self._iris.get(iri)
        return self.entries[key] if key is not None else None

    def sector_body(self, country: str, sector: str) -> Entry | None:
        """Return the organisation that is a country's sector ("RUS", "military" -> its armed forces)."""
        for e in self.entries.values():
            if e.sector == sector and e.country == country:
                return e
        return None

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
        for r in self.roles:
            if r.of == of and title in r.titles and r.held_on(on):
                return self.entries.get(r.person)
        return None


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except (UnicodeDecodeError, csv.Error) as e:
        raise PipelineError(f"{path}: unreadable gazetteer file ({e})") from e


def _date(value: str | None, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as e:
        raise PipelineError(f"{where}: bad date {value!r}") from e


def load_gazetteer(folder: Path) -> Gazetteer:
    """Return the gazetteer in `folder` (countries, organizations, people, places, roles)."""
    entries: dict[str, Entry] = {}
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}

    def add(entry: Entry) -> None:
        entries[entry.key] = entry
        for n in (entry.label, *entry.names):
            names.setdefault(normalize(n), entry.key)

    for row in _rows(folder / "countries.csv"):
        alpha3 = row["alpha3"].strip().upper()
        official = pycountry.countries.get(alpha_3=alpha3)
        extra = [getattr(official, a) for a in ("name", "common_name", "official_name") if official and hasattr(official, a)]
        aliases = _split(row.get("aliases")) + extra + _split(row.get("capital")) + _split(row.get("metonyms"))
        add(Entry(alpha3, row["label"].strip(), "Country", alpha3, row.get("wikidata") or None, None, tuple(aliases)))
        for d in _split(row.get("demonyms")):
            for form in (d, d + "s" if not d.endswith(("s", "sh", "ch", "ese")) else d):
                demonyms.setdefault(normalize(form), alpha3)
    for row in _rows(folder / "organizations.csv"):
        add(Entry(row["key"], row["label"], row.get("type") or "Organization", row.get("country") or None,
                  row.get("wikidata") or None, None, tuple(_split(row.get("aliases"))), row.get("sector") or None))
    for row in _rows(folder / "places.csv"):
        add(Entry(row["key"], row["label"], row.get("type") or "Location", row.get("country") or None,
                  row.get("wikidata") or None, None, tuple(_split(row.get("aliases")))))
    for row in _rows(folder / "people.csv"):
        add(Entry(row["key"], row["label"], "Person", row.get("country") or None, row.get("wikidata") or None,
                  (row.get("gender") or "").strip() or None, tuple(_split(row.get("aliases")))))
    roles = []
    path = folder / "roles.csv"
    for n, row in enumerate(_rows(path), 2):
        where = f"{path}:{n}"
        roles.append(Role(row["person"], row["role"], row["of"], _date(row.get("start"), where),
                          _date(row.get("end"), where), tuple(normalize(t) for t in _split(row.get("title")))))
    if not entries:
        raise PipelineError(f"{folder}: no gazetteer files found")
    return Gazetteer(entries, names, demonyms, tuple(roles))
