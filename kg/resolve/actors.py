"""Mentions -> canonical Actors inside one document: gazetteer, names, roles, composites, anaphora."""
from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg.extract.grammar import OBJECT_CONTROL_PREPS, governing_verb, subjects_of
from kg.extract.nominal import hyphen_agent
from kg.model import Actor, Mention
from kg.ontology import described_actor_iri, slug, thing_iri
from kg.resolve.gazetteer import Entry, Gazetteer, normalize
from kg.resolve.names import expand_short_name, name_tokens

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
SPEAKER_PRONOUNS = frozenset({"i", "we", "us", "me", "our", "it", "they", "he", "she"})
FIRST_PLURAL = frozenset({"we", "us", "our"})
MAX_NGRAM = 6
LEADING_DROP = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
OWNER = "owner"  # targets.csv kind of nouns that stand for their owner ("Canadian goods", "Russian territory")
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class Sector:
    sector: str
    type: str


@dataclass(frozen=True, slots=True)
class Resources:
    """The data resolution needs: gazetteer, sector nouns and anaphoric nouns."""

    gazetteer: Gazetteer
    sectors: dict[str, Sector]  # head-noun lemma -> sector ("troop" -> military)
    anaphors: dict[str, tuple[str, ...]]  # head-noun lemma -> actor types it can refer back to
    targets: dict[str, frozenset[str]] = field(default_factory=dict)  # head-noun lemma -> {"owner", "place", "thing", "people"}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_resources(ontology_dir: Path) -> Resources:
    """Return gazetteer, sectors and anaphors from the ontology folder."""
    from kg.resolve.gazetteer import load_gazetteer

    sectors = {r["noun"].strip(): Sector(r["sector"].strip(), r["type"].strip()) for r in _csv(ontology_dir / "sectors.csv")}
    anaphors = {r["noun"].strip(): tuple(r["types"].split("|")) for r in _csv(ontology_dir / "anaphors.csv")}
    targets = {r["noun"].strip(): frozenset(k.strip() for k in r["kind"].split("|")) for r in _csv(ontology_dir / "targets.csv")}
    return Resources(load_gazetteer(ontology_dir / "gazetteer"), sectors, anaphors, targets)


def _group_size(head: Token) -> int | None:
    """Return how many coordinated actors a plural description refers back to: 2 for "both sides"
    and "the two leaders", 3 for "the three countries", 0 (any) for "each side"; None for "two
    flights" or "the parties", which refer back to nobody in particular."""
    lefts = {c.lower_: c.dep_ for c in head.lefts}
    if head.tag_ in ("NN", "NNP") and lefts.get("each") == "det":
        return 0
    if head.tag_ not in ("NNS", "NNPS"):
        return None
    if "both" in lefts:
        return 2
    number = next((NUMBERS[w] for w in lefts if w in NUMBERS), None)
    return number if number is not None and lefts.get("the") == "det" else None


def actor_from_entry(entry: Entry) -> Actor:
    return Actor(entry.iri, entry.label, entry.type, entry.country, entry.wikidata, entry.sector, known=True)


def thing(label: str, owner: Actor | None = None) -> Actor:
    """Return the node of a non-actor object (a proposal, a ceasefire), keyed by its words and owner."""
    return Actor(thing_iri(label, owner.id if owner else None), label, "Other", owner=owner)


@dataclass(slots=True)
class DocumentResolver:
    """Resolves the mentions of one parsed document; remembers the actors it has seen, in order."""

    doc: Doc
    resources: Resources
    published: date | None
    seen: list[tuple[int, Actor]] = field(default_factory=list)  # (token offset, actor), text order
    subjects: set[int] = field(default_factory=set)  # offsets of seen actors that are main-clause subjects
    groups: list[tuple[int, tuple[Actor, ...]]] = field(default_factory=list)  # coordinated actors ("X, Y and Z")
    full_names: list[str] = field(default_factory=list)
    trace: list[str] | None = None  # resolution decisions, when `kg explain` asks for them

    def __post_init__(self) -> None:
        spans = sorted([*self.doc.ents, *self.doc.noun_chunks], key=lambda s: (s.start, -len(s)))
        for span in spans:
            actor = self.resolve_span(span, head=span.root.i, ent_label=span.root.ent_type_)
            if actor is not None:
                self.seen.append((span.root.i, actor))
                if actor.known and actor.type == "Person" and actor.label not in self.full_names:
                    self.full_names.append(actor.label)  # "Lai" after "Lai Ching-te" is the same person
                if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ not in ("relcl", "acl", "advcl"):
                    self.subjects.add(span.root.i)  # main-clause subjects: "after X made gains" is background
        self.seen.sort(key=lambda p: p[0])
        at = dict(self.seen)
        for token in self.doc:
            if token.i in at and token.dep_ != "conj":
                members = list(dict.fromkeys(at[t.i] for t in (token, *token.conjuncts) if t.i in at))
                if len(members) > 1:
                    self.groups.append((token.i, tuple(members)))

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resources.gazetteer

    def gender(self, actor: Actor) -> str | None:
        entry = self.gazetteer.of_iri(actor.id) if actor.known and actor.type == "Person" else None
        return entry.gender if entry else None

    def resolve(self, m: Mention, *, speaker: Actor | None = None, agent: bool = False,
                descriptions: bool = True) -> Actor | None:
        """Return the canonical actor (or object node) of a mention, or None when it names nobody.

        `speaker` is who the sentence attributes the clause to: "we" in their quote, or "it" in
        "X said it would …", is the speaker. An `agent` (a subject) that names an activity
        ("their campaign aims to …", "Russia's army advanced") stands for its possessor.
        `descriptions`: whether a definite description ("the group") may refer back.
        """
        actor, how = self._resolve(m, speaker=speaker, agent=agent, descriptions=descriptions)
        self._note(m.text, actor, how)
        return actor

    def _note(self, text: str, actor: Actor | None, how: str) -> None:
        if self.trace is not None:
            self.trace.append(f'"{text}" -> {actor.label if actor else "nobody"} [{actor.type if actor else "-"}]: {how}')

    def _resolve(self, m: Mention, *, speaker: Actor | None, agent: bool, descriptions: bool) -> tuple[Actor | None, str]:
        if m.kind == "clause":
            return thing(m.text), "a clause: a non-actor object"
        head = self.doc[m.head]
        if head.pos_ == "PRON":
            actor = self.resolve_pronoun(head.lower_, m.head, speaker)
            return actor, f"pronoun \"{head.text}\"" + (f" (speaker {speaker.label})" if speaker else "")
        appositive = self._appositive_person(head)
        if appositive is not None:
            return appositive, "the person named in apposition"  # "Niger's coup leader, Gen X," is X
        span = self.doc[m.start:m.end]
        actor, how = self._span(span, head=m.head, ent_label=m.ent_label)
        if actor is not None:
            return actor, how
        named = self._place_named(head)
        if named is not None:
            return named, f"the {head.lemma_} named after \"of\""  # "the border town of X" is X
        if descriptions:
            actor = self.resolve_anaphor(span, head)
            if actor is not None:
                return actor, f"definite description \"the {head.lemma_}\" refers back to the last {actor.type}"
        if agent:
            actor = self._possessor(head, speaker)
            if actor is not None:
                return actor, "an activity stands for its possessor"
        if head.pos_ == "NOUN" and (agent or OWNER in self.resources.targets.get(m.lemma or head.lemma_.lower(), ())):
            # "a joint US statement welcomed …": the US did; "tariffs on Canadian goods": on Canada.
            owner = self.affiliation(head)
            if owner is not None:
                return actor_from_entry(owner), f"\"{head.text}\" stands for its owner"
        owner = self._owner(head)
        return thing(self._phrase_label(span), owner), "no actor named: a non-actor object" + (
            f" owned by {owner.label}" if owner else "")

    def resolve_many(self, m: Mention, *, speaker: Actor | None = None, agent: bool = False,
                     descriptions: bool = True) -> list[Actor]:
        """Return every actor a mention stands for: "both sides" is the last pair named before
        it, "a joint US-Saudi statement" is both countries; otherwise the one actor of `resolve`."""
        head = self.doc[m.head]
        size = _group_size(head) if m.kind not in ("clause", "name") else None
        if size is not None:  # "both sides", "the three countries", "each side": the last group named before
            earlier = [g for pos, g in self.groups if pos < m.start and (size == 0 or len(g) == size)
                       and (pos < head.sent.start or self.doc[pos].head.i != head.head.i)]  # not its co-argument
            if earlier:
                self._note(m.text, None, "refers back to the last group named: " + ", ".join(a.label for a in earlier[-1]))
                return list(earlier[-1])
        if m.kind == "pronoun" and head.lower_ in PLURAL_PRONOUNS:
            group = self._subject_group(m.head)
            if group is not None:
                self._note(m.text, None, "refers back to the coordinated subject: " + ", ".join(a.label for a in group))
                return list(group)
        one = self.resolve(m, speaker=speaker, agent=agent, descriptions=descriptions)
        if agent and one is not None and head.pos_ == "NOUN":
            owners = self.affiliations(head)
            if owners and one.id == actor_from_entry(owners[0]).id:
                return [actor_from_entry(e) for e in owners]
        return [one] if one is not None else []

    def _subject_group(self, at: int) -> tuple[Actor, ...] | None:
        """Return the coordinated subject a plural pronoun refers back to ("X and Y said they …"),
        when that group is the nearest subject before it in its sentence or the one before."""
        sent = self.doc[at].sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        subjects = [pos for pos, _ in self.seen if start <= pos < at and pos in self.subjects]
        if not subjects:
            return None
        nearest = subjects[-1]
        return next((group for pos, group in self.groups if pos == nearest), None)

    def _appositive_person(self, head: Token) -> Actor | None:
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            return None
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                start, end = c.left_edge.i, c.i + 1
                actor = self.resolve_span(self.doc[start:end], head=c.i, ent_label=c.ent_type_)
                if actor is not None and actor.type == "Person":
                    return actor
        return None

    def _owner(self, head: Token) -> Actor | None:
        """Return whose a non-actor object is: "the US proposal", "Trump's terms", "a plan by X",
        "a ceasefire announced by X" (the graph links the object to its owner)."""
        if head.pos_ != "NOUN":
            return None
        for c in head.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN":
                found = self.resolve_span(self.doc[c.left_edge.i:c.i + 1], head=c.i, ent_label=c.ent_type_)
                if found is not None and found.is_actor:
                    return found
        owner = self.affiliation(head)
        if owner is not None:
            return actor_from_entry(owner)
        agents = [p for c in head.children if (c.dep_ == "prep" and c.lower_ == "by") or c.dep_ == "acl"
                  for a in ([c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ == "agent"])
                  for p in a.children if p.dep_ == "pobj"]
        for p in agents:
            found = self.resolve_span(self.doc[p.left_edge.i:p.i + 1], head=p.i, ent_label=p.ent_type_)
            if found is not None and found.is_actor:
                return found
        return None

    def _place_named(self, head: Token) -> Actor | None:
        """Return X of "the town of X", "the port city of X": a place noun named by its "of" phrase."""
        if "place" not in self.resources.targets.get(head.lemma_.lower(), ()):
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for o in prep.children:
                    if o.dep_ == "pobj" and o.pos_ == "PROPN":
                        span = self.doc[o.left_edge.i:o.i + 1]
                        return self.resolve_span(span, head=o.i, ent_label=o.ent_type_ or "GPE")
        return None

    def _possessor(self, head: Token, speaker: Actor | None) -> Actor | None:
        for c in head.children:
            if c.dep_ == "poss":
                if c.pos_ == "PRON":
                    return self.resolve_pronoun(c.lower_, c.i, speaker)
                found = self.resolve_span(self.doc[c.left_edge.i:c.i + 1], head=c.i, ent_label=c.ent_type_)
                if found is not None:
                    return found
        return None

    def resolve_pronoun(self, word: str, at: int, speaker: Actor | None) -> Actor | None:
        if speaker is not None and word in FIRST_PLURAL and speaker.type in ("Person", "GovernmentBody") and speaker.country:
            country = self.gazetteer.entries.get(speaker.country)
            if country is not None:
                return actor_from_entry(country)  # a minister's, president's or ministry's "we" is their country
        if speaker is not None and word in SPEAKER_PRONOUNS:
            g = self.gender(speaker)
            person = speaker.type == "Person"
            if (word in ("he", "she") and person and g in (None, PERSON_PRONOUNS[word])) or \
               (word == "it" and not person) or word in ("i", "we", "us", "me", "our", "they"):
                return speaker
        gender = PERSON_PRONOUNS.get(word)
        if gender is None:
            if word not in ("they", "their", "them", "it", "its"):
                return None
            fits: Callable[[Actor], bool] = lambda a: a.type != "Person"  # noqa: E731
            singular = word in ("it", "its")
            return self._bound(at, fits) or self._salient(at, fits, sentences_back=1, singular=singular)
        fits = lambda a: a.type == "Person" and self.gender(a) in (None, gender)  # noqa: E731
        return self._bound(at, fits) or self._salient(at, fits, sentences_back=3)

    def _bound(self, at: int, fits: Callable[[Actor], bool]) -> Actor | None:
        """Return the antecedent a possessive pronoun takes in its own clause: the clause's subject,
        else its object, when it agrees ("Israel to end its war", "thanked Germany for its aid")."""
        token = self.doc[at]
        at_pos = dict(self.seen)
        if token.dep_ == "nsubj" and token.head.dep_ in ("acl", "ccomp") and token.head.head.pos_ == "NOUN":
            # "X's claims that he intended": the claimant
            owner = next((c for c in token.head.head.children if c.dep_ == "poss"), None)
            actor = at_pos.get(owner.i) if owner is not None else None
            if actor is not None and fits(actor):
                return actor
        if token.dep_ != "poss":
            return None
        gov = governing_verb(token)
        if gov is None:
            return None
        subjects = subjects_of(gov)[0]
        objects = [c for c in gov.children if c.dep_ == "dobj"]
        noun = token.head
        # "thanked Germany for its aid", "blamed X for its failure": the object is the antecedent.
        object_first = noun.dep_ == "pobj" and noun.head.lower_ in OBJECT_CONTROL_PREPS and noun.head.head.i == gov.i
        for t in [*objects, *subjects] if object_first else [*subjects, *objects]:
            actor = at_pos.get(t.i)
            if t.i != at and actor is not None and fits(actor):
                return actor
        return None

    def resolve_anaphor(self, span: Span, head: Token) -> Actor | None:
        """Return the last actor of a fitting type before a definite nominal ("the group", "the junta")."""
        types = self.resources.anaphors.get(head.lemma_.lower())
        if not types or not any(t.lower_ == "the" for t in head.lefts):
            return None
        return self._salient(head.i, lambda a: a.type in types, sentences_back=5)

    def _salient(self, at: int, fits: Callable[[Actor], bool], *, sentences_back: int = 3,
                 singular: bool = False) -> Actor | None:
        """Return the antecedent of an anaphor at `at`: the nearest fitting actor before it that was a
        main-clause subject within the last few sentences, else the nearest fitting actor there
        (centering's preference for subjects over recency alone)."""
        sent = self.doc[at].sent
        start = sent.start
        for _ in range(sentences_back):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        window = [(pos, a) for pos, a in self.seen if start <= pos < at and fits(a)
                  and not (singular and self.doc[pos].tag_ in ("NNS", "NNPS"))]  # "it" is not "Russian forces"
        for pos, actor in reversed(window):
            if pos in self.subjects:
                return actor
        return window[-1][1] if window else None

    def resolve_span(self, span: Span, *, head: int, ent_label: str) -> Actor | None:
        """Return the actor a span names: gazetteer, role, composite, or an unknown named entity."""
        return self._span(span, head=head, ent_label=ent_label)[0]

    def _span(self, span: Span, *, head: int, ent_label: str) -> tuple[Actor | None, str]:
        entry = self._gazetteer_match(span, head)
        if entry is not None:
            return actor_from_entry(entry), "gazetteer name"
        role_holder = self._role_holder(span, head)
        if role_holder is not None:
            return role_holder, f"holder of the office on {self.published or 'the latest date'}"
        composite = self._composite_actor(span, head)
        if composite is not None:
            return composite, f"a {composite.sector or 'national'} body by its country or organisation"
        unknown = self._unknown_named(span, head, ent_label)
        return unknown, (f"a {ent_label} name the gazetteer does not know" if unknown else "no actor named")

    def _gazetteer_match(self, span: Span, head: int) -> Entry | None:
        """Return the longest gazetteer name inside the span that covers its head token."""
        tokens = list(span)
        best: tuple[int, Entry] | None = None
        for i in range(len(tokens)):
            if tokens[i].pos_ == "PRON":
                continue
            for j in range(min(len(tokens), i + MAX_NGRAM), i, -1):
                if not (tokens[i].i <= head <= tokens[j - 1].i):
                    continue
                entry = self.gazetteer.lookup(span.doc[tokens[i].i:tokens[j - 1].i + 1].text)
                if entry is not None and (best is None or j - i > best[0]):
                    best = (j - i, entry)
        if best is None:
            ent = next((e for e in span.doc.ents if e.start <= head < e.end), None)
            whole = self.gazetteer.lookup(ent.text) if ent is not None and len(ent) <= MAX_NGRAM else None
            if whole is not None:
                return whole  # "The Kingdom of Saudi Arabia", when the mention stops at its head
        if best is None:
            h = span.doc[head]
            alone = all(t.i == head or t.dep_ == "det" for t in span)
            if h.tag_ in ("NNPS", "NNS", "NNP") or (alone and h.tag_ == "JJ"):
                return self.gazetteer.demonym(h.text)  # "the Russians", "American (strikes)" -> the country
        return best[1] if best else None

    def affiliation(self, head: Token) -> Entry | None:
        """Return the country or organisation that modifies a head noun ("Russian", "Hamas", "Germany's")."""
        found = self.affiliations(head)
        return found[0] if found else None

    def affiliations(self, head: Token) -> list[Entry]:
        """Return every country or organisation modifying a head noun, in text order ("US-Saudi")."""
        out: list[Entry] = []
        for c in head.lefts:
            if c.dep_ not in MODIFIER_DEPS or hyphen_agent(c) is not None:
                continue  # "Russian-backed separatists" are not Russian
            whole = self.gazetteer.lookup(self.doc[c.left_edge.i:c.i + 1].text)
            parts = [whole] if whole is not None else [
                self.gazetteer.lookup(t.text) or self.gazetteer.demonym(t.text) for t in c.subtree]  # "US-Saudi"
            for e in parts:
                if e is not None and e.type not in ("Person", "Location") and e not in out:
                    out.append(e)
        if out:
            return out
        for c in head.rights:  # "mediators from Ecowas", "the embassy of Iran"
            if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    # "mediators from the regional bloc Ecowas": the name may be the object's apposition.
                    for name in (o, *(a for a in o.children if a.dep_ in ("appos", "compound") and a.pos_ == "PROPN")):
                        e = self._gazetteer_match(self.doc[name.left_edge.i:name.i + 1], name.i)
                        if e is not None and e.type not in ("Person", "Location"):
                            return [e]
        return []

    def _role_holder(self, span: Span, head: int) -> Actor | None:
        """Return who held the office a nominal names on the publication date ("the Russian president")."""
        if any(t.ent_type_ == "PERSON" for t in span):
            return None
        h = self.doc[head]
        owner = self.affiliation(h)
        if owner is None:
            return None
        title_tokens = [t for t in h.lefts if t.dep_ == "compound"] + [h]
        title = " ".join(normalize(t.text) for t in title_tokens if self.gazetteer.lookup(t.text) is None
                         and self.gazetteer.demonym(t.text) is None)
        if not title:
            return None
        entry = self.gazetteer.holder(title, owner.key, self.published)
        return actor_from_entry(entry) if entry else None

    def _composite_actor(self, span: Span, head: int) -> Actor | None:
        """Return the actor behind a group noun: "Hamas leaders" -> Hamas, "Russian forces" -> Russia
        (military), "Nigerian Navy vessels" -> the Nigerian Navy, "the Biden administration" -> the
        United States (government)."""
        h = self.doc[head]
        noun = h
        sector = self.resources.sectors.get(h.lemma_.lower())
        if sector is None:  # "Navy vessels", "army units": the body is the compound
            noun = next((c for c in h.lefts if c.dep_ == "compound" and self.resources.sectors.get(c.lemma_.lower())), None)
            if noun is None:
                return None
            sector = self.resources.sectors[noun.lemma_.lower()]
        owner = self.affiliation(h) or (self.affiliation(noun) if noun is not h else None)
        if owner is None and sector.sector == "government":
            owner = self._led_by(h)  # "the Biden administration": the country its leader heads
        if owner is None:
            return None
        if owner.type != "Country":
            return actor_from_entry(owner)
        if sector.sector == "military" and noun.text[:1].isupper() and noun.pos_ in ("PROPN", "NOUN") and noun.i > span.start:
            name = " ".join(t.text for t in self.doc[noun.i - 1:noun.i + 1])  # "Nigerian Navy": a named body
            return Actor(described_actor_iri(f"{owner.key}-{slug(noun.text)}"), name, sector.type, owner.country,
                         sector=sector.sector)
        body = self.gazetteer.sector_body(owner.key, sector.sector)
        if body is not None:
            return actor_from_entry(body)  # "Russian troops" are the Russian Armed Forces
        return Actor(described_actor_iri(f"{owner.key}-{sector.sector}"), f"{owner.label} ({sector.sector})", sector.type,
                     owner.country, sector=sector.sector)

    def _led_by(self, head: Token) -> Entry | None:
        """Return the country of the person a government noun is named after ("the Trump administration")."""
        for c in head.lefts:
            if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN":
                e = self.gazetteer.lookup(self.doc[c.left_edge.i:c.i + 1].text)
                if e is not None and e.type == "Person" and e.country:
                    return self.gazetteer.entries.get(e.country)
        return None

    def _unknown_named(self, span: Span, head: int, ent_label: str) -> Actor | None:
        h = span.doc[head]
        if ent_label not in ("PERSON", "ORG", "GPE") or h.pos_ != "PROPN":
            return None
        ent = next((e for e in span.doc.ents if e.start <= head < e.end), None)
        words = [t.text for t in (ent if ent is not None else [h])]
        if ent_label == "PERSON":
            name = " ".join(name_tokens(words))
            if not name:
                return None
            full = expand_short_name(name, self.full_names)
            if full != name and self.gazetteer.lookup(full) is not None:
                return actor_from_entry(self.gazetteer.lookup(full))  # type: ignore[arg-type]
            if full == name and len(name.split()) > 1 and name not in self.full_names:
                self.full_names.append(name)
            owner = self.affiliation(h) or self._country_in_apposition(h)
            return Actor(described_actor_iri(slug(full)), full, "Person", owner.country if owner else None)
        label = " ".join(w for w in words if normalize(w) != "the")
        kind = "Organization" if ent_label == "ORG" else "Location"
        return Actor(described_actor_iri(slug(label)), label, kind, None)

    def _country_in_apposition(self, head: Token) -> Entry | None:
        """Return the first country an apposition names ("X, chairman of … of Russia's parliament")."""
        for c in head.children:
            if c.dep_ != "appos":
                continue
            for t in c.subtree:
                e = self.gazetteer.demonym(t.text) or self.gazetteer.lookup(t.text)
                if e is not None and e.type == "Country":
                    return e
        return None

    def _phrase_label(self, span: Span) -> str:
        """Return the phrase as written, without a leading article or pronoun."""
        tokens = list(span)
        while len(tokens) > 1 and (tokens[0].lower_ in LEADING_DROP or tokens[0].is_punct):
            tokens = tokens[1:]
        return span.doc[tokens[0].i:tokens[-1].i + 1].text
