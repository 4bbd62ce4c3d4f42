"""Mentions -> canonical Actors, inside one document (gazetteer, names, roles, pronouns, sectors)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span

from kg.model import Actor, Mention
from kg.resolve.gazetteer import ID_BASE, Entry, Gazetteer, normalize, slug
from kg.resolve.names import HONORIFICS, expand_short_name, name_tokens

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
MAX_NGRAM = 6
LEADING_DROP = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})


@dataclass(frozen=True, slots=True)
class Sector:
    sector: str
    type: str


def load_sectors(path: Path) -> dict[str, Sector]:
    """Return head-noun lemma -> sector ("troop" -> military) from ontology/sectors.csv."""
    with path.open(encoding="utf-8", newline="") as f:
        return {row["noun"].strip(): Sector(row["sector"].strip(), row["type"].strip()) for row in csv.DictReader(f)}


def actor_from_entry(entry: Entry) -> Actor:
    return Actor(entry.iri, entry.label, entry.type, entry.country, entry.wikidata)


def thing(label: str) -> Actor:
    """Return the node of a non-actor object (a proposal, a ceasefire), keyed by its words."""
    return Actor(f"{ID_BASE}thing/{slug(label)}", label, "Other")


@dataclass(slots=True)
class DocumentResolver:
    """Resolves the mentions of one parsed document; remembers the people it has seen."""

    doc: Doc
    gazetteer: Gazetteer
    sectors: dict[str, Sector]
    published: date | None
    people: list[tuple[int, Actor, str | None]] = field(default_factory=list)  # (token, actor, gender)
    full_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Index every named person in text order, so pronouns and short names can look back.
        for ent in self.doc.ents:
            actor = self.resolve_span(ent, head=ent.root.i, ent_label=ent.label_)
            if actor is not None and actor.type == "Person":
                self._remember(ent.start, actor)

    def _remember(self, at: int, actor: Actor) -> None:
        entry = self.gazetteer.entries.get(actor.id.rsplit("/", 1)[-1]) if "/person/" in actor.id else None
        self.people.append((at, actor, entry.gender if entry else None))
        self.people.sort(key=lambda p: p[0])

    def resolve(self, m: Mention) -> Actor | None:
        """Return the canonical actor (or object node) of a mention, or None when it names nobody."""
        if m.kind == "clause":
            return thing(m.text)
        head = self.doc[m.head]
        if head.pos_ == "PRON":
            return self.resolve_pronoun(head.lower_, m.head)
        span = self.doc[m.start:m.end]
        actor = self.resolve_span(span, head=m.head, ent_label=m.ent_label)
        if actor is not None:
            return actor
        return thing(self._phrase_label(span))

    def resolve_pronoun(self, word: str, at: int) -> Actor | None:
        gender = PERSON_PRONOUNS.get(word)
        if gender is None:
            return None
        for pos, actor, g in reversed(self.people):
            if pos < at and (g is None or g == gender):
                return actor
        return None

    def resolve_span(self, span: Span, *, head: int, ent_label: str) -> Actor | None:
        """Return the actor a span names: gazetteer, role, sector, or an unknown named entity."""
        entry = self._gazetteer_match(span, head)
        if entry is not None:
            return actor_from_entry(entry)
        role_holder = self._role_holder(span)
        if role_holder is not None:
            return role_holder
        sector = self._sector_actor(span, head)
        if sector is not None:
            return sector
        return self._unknown_named(span, head, ent_label)

    def _gazetteer_match(self, span: Span, head: int) -> Entry | None:
        """Return the longest gazetteer name inside the span that covers its head token."""
        tokens = list(span)
        best: tuple[int, Entry] | None = None
        for i in range(len(tokens)):
            for j in range(min(len(tokens), i + MAX_NGRAM), i, -1):
                if not (tokens[i].i <= head <= tokens[j - 1].i):
                    continue
                if tokens[i].pos_ == "PRON":
                    continue
                entry = self.gazetteer.lookup(span.doc[tokens[i].i:tokens[j - 1].i + 1].text)
                if entry is not None and (best is None or j - i > best[0]):
                    best = (j - i, entry)
        if best is None:
            # Demonym used as a noun: "the Russians" -> Russia.
            h = span.doc[head]
            if h.pos_ in ("PROPN", "NOUN") and h.tag_ in ("NNPS", "NNS", "NNP"):
                return self.gazetteer.demonym(h.text)
        return best[1] if best else None

    def _country_in(self, span: Span) -> Entry | None:
        """Return the country a span's modifiers name ("Russian", "Germany's", "US")."""
        for t in span:
            if t.i == span.root.i:
                continue
            e = self.gazetteer.demonym(t.text)
            if e is None:
                e = self.gazetteer.lookup(t.text)
                if e is not None and e.type != "Country":
                    e = None
            if e is not None:
                return e
        return None

    def _role_holder(self, span: Span) -> Actor | None:
        """Return who held the office a nominal names on the publication date ("the Russian president")."""
        if any(t.ent_type_ == "PERSON" for t in span):
            return None
        words = [normalize(t.text) for t in span if normalize(t.text) not in LEADING_DROP]
        country = self._country_in(span)
        if country is None:
            return None
        country_words = {normalize(country.label), *(normalize(n) for n in country.names)}
        rest = [w for w in words if w not in country_words and self.gazetteer.demonym(w) is None]
        title = " ".join(rest)
        if not title:
            return None
        entry = self.gazetteer.holder(title, country.key, self.published)
        return actor_from_entry(entry) if entry else None

    def _sector_actor(self, span: Span, head: int) -> Actor | None:
        """Return a composite actor: a country with a sector ("Russian forces" -> Russia, military)."""
        h = span.doc[head]
        sector = self.sectors.get(h.lemma_.lower())
        if sector is None:
            return None
        country = self._country_in(span)
        if country is None:
            return None
        label = f"{country.label} ({sector.sector})"
        return Actor(f"{ID_BASE}actor/{country.key}-{sector.sector}", label, sector.type, country.country)

    def _unknown_named(self, span: Span, head: int, ent_label: str) -> Actor | None:
        h = span.doc[head]
        if ent_label not in ("PERSON", "ORG", "NORP", "GPE") or h.pos_ != "PROPN":
            return None
        ent = next((e for e in span.doc.ents if e.start <= head < e.end), None)
        words = [t.text for t in (ent if ent is not None else [h])]
        if ent_label == "PERSON":
            name = " ".join(name_tokens(words))
            if not name:
                return None
            full = expand_short_name(name, self.full_names)
            if full == name and len(name.split()) > 1:
                self.full_names.append(name)
            country = self._country_in(span)
            return Actor(f"{ID_BASE}actor/{slug(full)}", full, "Person", country.country if country else None)
        if ent_label == "NORP":
            return None
        label = " ".join(w for w in words if normalize(w) not in ("the",))
        kind = "Organization" if ent_label == "ORG" else "Location"
        return Actor(f"{ID_BASE}actor/{slug(label)}", label, kind, None)

    def _phrase_label(self, span: Span) -> str:
        tokens = list(span)
        while tokens and (tokens[0].lower_ in LEADING_DROP or tokens[0].is_punct):
            tokens = tokens[1:]
        return " ".join(t.text for t in tokens) if tokens else span.text


__all__ = ["DocumentResolver", "Sector", "load_sectors", "thing", "HONORIFICS"]
