"""Mentions -> canonical Actors inside one document: gazetteer, names, roles, composites, anaphora."""
from __future__ import annotations

from collections import Counter

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kg.model import QUOTE_MARKS, Actor, Discourse, Mention, Word, words_text
from kg.ontology import described_actor_iri, slug, thing_iri
from kg.resolve.gazetteer import Entry, Gazetteer, normalize
from kg.resolve.names import expand_short_name, name_tokens

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
SPEAKER_PRONOUNS = frozenset({"i", "we", "us", "me", "our", "it", "they", "he", "she", "his", "her", "its", "their"})
SPEAKER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
FIRST_PLURAL = frozenset({"we", "us", "our"})
MAX_NGRAM = 6
LEADING_DROP = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})
OWNER = "owner"  # targets.csv kind of nouns that stand for their owner ("Canadian goods", "Russian territory")
PRIVATE = "private"  # targets.csv kind of nouns whose people act for themselves, not their country ("Chinese firms said")
# an organ of a body, by its name's last word: a description of another kind ("the bloc") is not it
ORGAN_NOUNS = frozenset({"commission", "parliament", "council", "court", "bank", "secretariat", "assembly", "committee"})
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


def load_resources(ontology_dir: Path, gazetteers: Sequence[Path] = ()) -> Resources:
    """Return gazetteer, sectors and anaphors from the ontology folder, with the user's gazetteer
    additions (folders of the gazetteer's files) on top."""
    from kg.resolve.gazetteer import load_gazetteer

    sectors = {r["noun"].strip(): Sector(r["sector"].strip(), r["type"].strip()) for r in _csv(ontology_dir / "sectors.csv")}
    anaphors = {r["noun"].strip(): tuple(r["types"].split("|")) for r in _csv(ontology_dir / "anaphors.csv")}
    targets = {r["noun"].strip(): frozenset(k.strip() for k in r["kind"].split("|")) for r in _csv(ontology_dir / "targets.csv")}
    return Resources(load_gazetteer(ontology_dir / "gazetteer", gazetteers), sectors, anaphors, targets)


def _unquoted(words: list[Word]) -> list[Word]:
    """Return the words without quotation marks, each keeping the space a dropped mark had after it."""
    out: list[Word] = []
    for w in words:
        if w.text in QUOTE_MARKS:
            if out and w.ws and not out[-1].ws:
                out[-1] = replace(out[-1], ws=w.ws)
            continue
        out.append(w)
    return out


def _group_size(m: Mention) -> int | None:
    """Return how many coordinated actors a plural description refers back to: 2 for "both sides"
    and "the two leaders", 3 for "the three countries", 0 (any) for "each side"; None for "two
    flights" or "the parties", which refer back to nobody in particular."""
    head = m.head_word
    if head is None:
        return None
    lefts = dict(m.lefts)
    if head.tag in ("NN", "NNP") and lefts.get("each") == "det":
        return 0
    if head.tag not in ("NNS", "NNPS"):
        return None
    if "both" in lefts:
        return 2
    number = next((NUMBERS[w] for w in lefts if w in NUMBERS), None)
    return number if number is not None and ("the" in lefts or "all" in lefts) else None  # "the three", "all three"


def actor_from_entry(entry: Entry) -> Actor:
    return Actor(entry.iri, entry.label, entry.type, entry.country, entry.wikidata, entry.sector, known=True)


def thing(label: str, owner: Actor | None = None) -> Actor:
    """Return the node of a non-actor object (a proposal, a ceasefire), keyed by its words and owner."""
    return Actor(thing_iri(label, owner.id if owner else None), label, "Other", owner=owner)


@dataclass(slots=True)
class DocumentResolver:
    """Resolves the mentions of one document; remembers the actors it has seen, in order.

    It reads plain data only: the document's `Discourse` (every name and noun phrase, described by
    extraction) and the candidates' mentions, never the parse.
    """

    discourse: Discourse
    resources: Resources
    published: date | None
    seen: list[tuple[int, Actor]] = field(default_factory=list)  # (token offset, actor), text order
    tags: dict[int, str] = field(default_factory=dict)  # offset -> the seen head's part-of-speech tag
    subjects: set[int] = field(default_factory=set)  # offsets of seen actors that are main-clause subjects
    groups: list[tuple[int, int, tuple[Actor, ...]]] = field(default_factory=list)  # (offset, its governor, coordinated actors)
    full_names: list[str] = field(default_factory=list)
    trace: list[str] | None = None  # resolution decisions, when `kg explain` asks for them

    def __post_init__(self) -> None:
        for m in self.discourse.mentions:
            actor = self.resolve_span(m)
            if actor is not None:
                self.seen.append((m.head, actor))
                self.tags[m.head] = m.head_word.tag if m.head_word else ""
                if actor.known and actor.type == "Person" and actor.label not in self.full_names:
                    self.full_names.append(actor.label)  # "Lai" after "Lai Ching-te" is the same person
                if m.subject:
                    self.subjects.add(m.head)  # main-clause subjects: "after X made gains" is background
        self.seen.sort(key=lambda p: p[0])
        at = dict(self.seen)
        heads = {m.head: m for m in self.discourse.mentions}
        for pos, m in sorted(heads.items()):
            if pos in at and m.coordinated:
                members = list(dict.fromkeys(at[i] for i in (pos, *m.coordinated) if i in at))
                if len(members) > 1:
                    self.groups.append((pos, m.governor, tuple(members)))

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resources.gazetteer

    def gender(self, actor: Actor) -> str | None:
        entry = self.gazetteer.of_iri(actor.id) if actor.known and actor.type == "Person" else None
        return entry.gender if entry else None

    def _sentence_start(self, at: int, back: int = 0) -> int:
        """Return the offset where the sentence of `at` starts, or the one `back` sentences before."""
        starts = self.discourse.sentence_starts
        n = max((k for k, s in enumerate(starts) if s <= at), default=0)
        return starts[max(0, n - back)] if starts else 0

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
        head = m.head_word
        if head is None:
            return None, "no words"
        if head.pos == "PRON":
            actor = self.resolve_pronoun(head.lower, m, speaker)
            return actor, f"pronoun \"{head.text}\"" + (f" (speaker {speaker.label})" if speaker else "")
        appositive = self._appositive_person(m)
        if appositive is not None:
            return appositive, "the person named in apposition"  # "Niger's coup leader, Gen X," is X
        if head.lemma.lower() in SPEAKER_NOUNS and not m.modifiers:
            for name in m.of_names:  # "a spokesperson for Iran's armed forces": the forces speak
                found = self.resolve_span(name)
                if found is not None and found.is_actor and found.type != "Person":
                    return found, f"a {head.lemma.lower()} speaks for {found.label}"
        actor, how = self._span(m)
        if actor is not None:
            return actor, how
        if m.place_of is not None and "place" in self.resources.targets.get(head.lemma.lower(), ()):
            named = self.resolve_span(m.place_of, ent_label=m.place_of.ent_label or "GPE")
            if named is not None:
                return named, f"the {head.lemma} named after \"of\""  # "the border town of X" is X
        if descriptions:
            actor = self.resolve_anaphor(m)
            if actor is not None:
                return actor, f"definite description \"the {head.lemma}\" refers back to the last {actor.type}"
        if agent:
            actor = self._possessor(m, speaker)
            sector = self.resources.sectors.get(head.lemma.lower())
            if actor is not None and actor.type == "Person" and actor.country and sector is not None \
                    and sector.sector == "government":
                country = self.gazetteer.entries.get(actor.country)  # "his government": his country's
                if country is not None:
                    return self._body(country, sector), "the government of the possessor's country"
            if actor is not None and (sector is not None or "people" not in self.resources.targets.get(head.lemma.lower(), ())):
                return actor, "an activity stands for its possessor"  # not "his family", "its soldiers"
        kinds = self.resources.targets.get(m.lemma or head.lemma.lower(), ())
        if head.pos == "NOUN" and (PRIVATE not in kinds if agent else OWNER in kinds):
            # "a joint US statement welcomed …": the US did; "tariffs on Canadian goods": on Canada;
            # but "Chinese industry associations warned …" speak for themselves, not for China.
            owner = self.affiliation(m)
            if owner is not None:
                return actor_from_entry(owner), f"\"{head.text}\" stands for its owner"
        lemma = head.lemma.lower()
        if head.pos == "NOUN" and lemma not in self.resources.sectors and "people" not in self.resources.targets.get(lemma, ()):
            for origin in m.origins:  # "duties on cars made in China": on China; not "troops stationed in X"
                found = self.resolve_span(origin)
                if found is not None and found.is_actor:
                    return found, f"\"{head.text}\" stands for where it comes from"
        owner = self._owner(m)
        return thing(self._phrase_label(m), owner), "no actor named: a non-actor object" + (
            f" owned by {owner.label}" if owner else "")

    def resolve_many(self, m: Mention, *, speaker: Actor | None = None, agent: bool = False,
                     descriptions: bool = True, others: frozenset[str] = frozenset()) -> list[Actor]:
        """Return every actor a mention stands for: "both sides" is the last group named before
        it, "a joint US-Saudi statement" is both countries; otherwise the one actor of `resolve`.
        `others` are the ids of the clause's other party: a group that holds one of them is not
        what the mention refers back to ("Y thanked X and Z … Z telephoned both leaders")."""
        head = m.head_word
        size = _group_size(m) if m.kind not in ("clause", "name") else None
        if size is not None:  # "both sides", "the three countries", "each side": the last group named before
            types = self.resources.anaphors.get(head.lemma)  # a group size implies a head word
            earlier = [g for pos, gov, g in self.groups if pos < m.start and (size == 0 or len(g) == size)
                       and (pos < m.sentence_start or gov != m.governor)  # not its co-argument
                       and (types is None or all(a.type in types for a in g))]  # "the two countries": countries
            if earlier:
                group = earlier[-1]
                if any(a.id in others for a in group):
                    self._note(m.text, None, "the last group named holds the clause's other party: nobody for sure")
                    return []
                rival = self._more_salient(group, m.start)
                if rival is not None:
                    self._note(m.text, None, f"the last group named ({', '.join(a.label for a in group)}) is not what the "
                                             f"text is about so far ({rival.label} is named more): nobody for sure")
                    return []
                self._note(m.text, None, "refers back to the last group named: " + ", ".join(a.label for a in group))
                return list(group)
        if m.kind == "pronoun" and head is not None and head.lower in PLURAL_PRONOUNS:
            group = self._subject_group(m.head) or self._last_group(m)
            if group is not None:
                self._note(m.text, None, "refers back to the coordinated subject: " + ", ".join(a.label for a in group))
                return list(group)
        one = self.resolve(m, speaker=speaker, agent=agent, descriptions=descriptions)
        if agent and one is not None and head is not None and head.pos == "NOUN":
            owners = self.affiliations(m)
            if owners and one.id == actor_from_entry(owners[0]).id:
                return [actor_from_entry(e) for e in owners]
        return [one] if one is not None else []

    def _more_salient(self, group: tuple[Actor, ...], at: int) -> Actor | None:
        """Return an actor outside the group, of a type in it, named before `at` at least three times
        and more often than every member: "the two countries" after a story about two others, whose
        last coordination names bystanders ("…, while A and B condemned it"), is not sure to be A and B."""
        counts = Counter(a.id for pos, a in self.seen if pos < at)
        types = {a.type for a in group}
        ids = {a.id for a in group}
        most = max(counts[a.id] for a in group)
        found = {a.id: a for pos, a in self.seen if pos < at and a.type in types and a.id not in ids}
        rivals = [a for a in found.values() if counts[a.id] >= 3 and counts[a.id] > most]
        return min(rivals, key=lambda a: (-counts[a.id], a.label)) if rivals else None

    def _subject_group(self, at: int) -> tuple[Actor, ...] | None:
        """Return the coordinated subject a plural pronoun refers back to ("X and Y said they …"),
        when that group is the nearest subject before it in its sentence or the one before."""
        start = self._sentence_start(at, back=1)
        subjects = [pos for pos, _ in self.seen if start <= pos < at and pos in self.subjects]
        if not subjects:
            return None
        nearest = subjects[-1]
        return next((group for pos, _, group in self.groups if pos == nearest), None)

    def _last_group(self, m: Mention) -> tuple[Actor, ...] | None:
        """Return the last group named before a plural pronoun in its sentence or the one before,
        when the speaker is not in it ("China, a partner of both countries, called on them to …")."""
        start = self._sentence_start(m.head, back=1)
        earlier = [g for pos, gov, g in self.groups if start <= pos < m.start and gov != m.governor]
        return earlier[-1] if earlier else None

    def _appositive_person(self, m: Mention) -> Actor | None:
        head = m.head_word
        if head is not None and head.pos == "PROPN" and head.ent == "PERSON":
            return None
        for name in m.appositions:
            actor = self.resolve_span(name)
            if actor is not None and actor.type == "Person":
                return actor
            if head is not None and head.pos == "NOUN" and head.lemma.lower() in self.gazetteer.title_heads \
                    and name.head_word is not None and name.head_word.pos == "PROPN" \
                    and (actor is None or not actor.known) and len(name.words) >= 2:
                # "the chairman of the X Commission, Moussa Faki Mahamat,": a title's apposition is a person
                # (the tagger joined the name to the organisation before it)
                person = self._unknown_named(name, "PERSON")
                if person is not None:
                    return person
        return None

    def _owner(self, m: Mention) -> Actor | None:
        """Return whose a non-actor object is: "the US proposal", "Trump's terms", "a plan by X",
        "a ceasefire announced by X" (the graph links the object to its owner)."""
        head = m.head_word
        if head is None or head.pos != "NOUN":
            return None
        possessor = m.possessor
        if possessor is not None and possessor.head_word is not None and possessor.head_word.pos == "PROPN":
            found = self.resolve_span(possessor)
            if found is not None and found.is_actor:
                return found
        owner = self.affiliation(m)
        if owner is not None:
            return actor_from_entry(owner)
        for agent in m.by_agents:
            found = self.resolve_span(agent)
            if found is not None and found.is_actor:
                return found
        return None

    def _possessor(self, m: Mention, speaker: Actor | None) -> Actor | None:
        possessor = m.possessor
        if possessor is None or possessor.head_word is None:
            return None
        if possessor.head_word.pos == "PRON":
            return self.resolve_pronoun(possessor.head_word.lower, possessor, speaker)
        return self.resolve_span(possessor)

    def resolve_pronoun(self, word: str, m: Mention, speaker: Actor | None) -> Actor | None:
        if speaker is not None and word in FIRST_PLURAL and speaker.type in ("Person", "GovernmentBody") and speaker.country:
            country = self.gazetteer.entries.get(speaker.country)
            if country is not None:
                return actor_from_entry(country)  # a minister's, president's or ministry's "we" is their country
        if speaker is not None and word in SPEAKER_PRONOUNS:
            g = self.gender(speaker)
            person = speaker.type == "Person"
            if word in PERSON_PRONOUNS and self._told_a_rival(m, PERSON_PRONOUNS[word]):
                return None  # "X told Y that his tariffs …": X's or Y's, the text does not say
            if (word in ("he", "she", "his", "her") and person and g in (None, PERSON_PRONOUNS[word])) or \
               (word in ("it", "its") and not person) or word in ("i", "we", "us", "me", "our", "they", "their"):
                return speaker  # "X said his government would …": the speaker's
        gender = PERSON_PRONOUNS.get(word)
        if gender is None:
            if word not in ("they", "their", "them", "it", "its"):
                return None
            fits: Callable[[Actor], bool] = lambda a: a.type != "Person"  # noqa: E731
            singular = word in ("it", "its")
            return self._bound(m, fits) or self._salient(m.head, fits, sentences_back=1, singular=singular,
                                                          not_at=m.clause_subjects)
        fits = lambda a: a.type == "Person" and self.gender(a) in (None, gender)  # noqa: E731
        return self._bound(m, fits) or self._salient(m.head, fits, sentences_back=3, not_at=m.clause_subjects)

    def _told_a_rival(self, m: Mention, gender: str) -> bool:
        """Return True when the clause a pronoun stands in was told to a person it could also mean."""
        at_pos = dict(self.seen)
        return any((a := at_pos.get(i)) is not None and a.type == "Person" and self.gender(a) in (None, gender)
                   for i in m.listeners)

    def _bound(self, m: Mention, fits: Callable[[Actor], bool]) -> Actor | None:
        """Return the antecedent a pronoun takes in its own clause, when it agrees: a possessive's
        subject or object ("Israel to end its war", "thanked Germany for its aid"), the possessor of
        the noun whose complement it is the subject of ("X's claims that he intended")."""
        at_pos = dict(self.seen)
        for i in m.binders:
            actor = at_pos.get(i)
            if actor is not None and fits(actor):
                return actor
        return None

    def resolve_anaphor(self, m: Mention) -> Actor | None:
        """Return the last actor of a fitting type before a definite nominal ("the group", "the junta")."""
        types = self.resources.anaphors.get(m.lemma)
        if not types or not any(w == "the" for w, _ in m.lefts):
            return None
        lemma = m.lemma

        def fits(a: Actor) -> bool:  # "the bloc" is the EU, not the European Commission named after it
            last = normalize(a.label).split()[-1:] if a.label else []
            return a.type in types and not (last and last[0] in ORGAN_NOUNS and last[0] != lemma)

        return self._salient(m.head, fits, sentences_back=5)

    def _salient(self, at: int, fits: Callable[[Actor], bool], *, sentences_back: int = 3,
                 singular: bool = False, not_at: tuple[int, ...] = ()) -> Actor | None:
        """Return the antecedent of an anaphor at `at`: the nearest fitting actor before it that was a
        main-clause subject within the last few sentences, else the nearest fitting actor there
        (centering's preference for subjects over recency alone)."""
        start = self._sentence_start(at, back=sentences_back)
        window = [(pos, a) for pos, a in self.seen if start <= pos < at and fits(a) and pos not in not_at
                  and not (singular and self.tags.get(pos) in ("NNS", "NNPS"))]  # "it" is not "Russian forces"
        for pos, actor in reversed(window):
            if pos in self.subjects:
                return actor
        return window[-1][1] if window else None

    def resolve_span(self, m: Mention, *, ent_label: str | None = None) -> Actor | None:
        """Return the actor a span names: gazetteer, role, composite, or an unknown named entity."""
        return self._span(m, ent_label=ent_label)[0]

    def _span(self, m: Mention, *, ent_label: str | None = None) -> tuple[Actor | None, str]:
        label = m.ent_label if ent_label is None else ent_label
        entry = self._gazetteer_match(m)
        if entry is not None:
            return actor_from_entry(entry), "gazetteer name"
        role_holder = self._role_holder(m)
        if role_holder is not None:
            return role_holder, f"holder of the office on {self.published or 'the latest date'}"
        composite = self._composite_actor(m)
        if composite is not None:
            return composite, f"the {composite.sector or 'national'} side of a country or organisation"
        short = self._short_name(m)
        if short is not None:
            return short, f"\"the {m.head_word.text}\" is the {short.label} named before"
        unknown = self._unknown_named(m, label)
        return unknown, (f"a {label} name the gazetteer does not know" if unknown else "no actor named")

    def _short_name(self, m: Mention) -> Actor | None:
        """Return the organisation a capitalised last word of its name stands for, after the full name
        ("the Commission" after "the European Commission", "the Council" after "the Security Council")."""
        h = m.head_word
        if h is None or not h.text[:1].isupper() or any(w.i != h.i and w.dep != "det" for w in m.words):
            return None
        word = normalize(h.text)
        for pos, actor in reversed(self.seen):
            if pos < m.head and actor.known and actor.type not in ("Person", "Country", "Location") \
                    and len(normalize(actor.label).split()) > 1 and normalize(actor.label).split()[-1] == word:
                return actor
        return None

    def _gazetteer_match(self, m: Mention) -> Entry | None:
        """Return the longest gazetteer name inside the span that covers its head word."""
        words, head = m.words, m.head
        best: tuple[int, Entry] | None = None
        for i in range(len(words)):
            if words[i].pos == "PRON":
                continue
            for j in range(min(len(words), i + MAX_NGRAM), i, -1):
                if not (words[i].i <= head <= words[j - 1].i) or (best is not None and j - i <= best[0]):
                    continue  # not over the head, or no longer than the best found: it could not win
                entry = self.gazetteer.lookup(words_text(words[i:j]))
                if entry is not None and (best is None or j - i > best[0]):
                    best = (j - i, entry)
        if best is None and m.entity and len(m.entity) <= MAX_NGRAM:
            whole = self.gazetteer.lookup(words_text(m.entity))
            if whole is not None:
                return whole  # "The Kingdom of Saudi Arabia", when the mention stops at its head
        if best is None and m.head_word is not None:
            h = m.head_word
            alone = all(w.i == head or w.dep == "det" for w in words)
            if h.tag in ("NNPS", "NNS", "NNP") or (alone and h.tag == "JJ"):
                return self.gazetteer.demonym(h.text)  # "the Russians", "American (strikes)" -> the country
        return best[1] if best else None

    def affiliation(self, m: Mention) -> Entry | None:
        """Return the country or organisation that modifies a head noun ("Russian", "Hamas", "Germany's")."""
        found = self.affiliations(m)
        return found[0] if found else None

    def affiliations(self, m: Mention) -> list[Entry]:
        """Return every country or organisation modifying a head noun, in text order ("US-Saudi")."""
        out: list[Entry] = []
        for mod in m.modifiers:
            if mod.hyphen_agent:
                continue  # "Russian-backed separatists" are not Russian
            whole = self.gazetteer.lookup(words_text(mod.words))
            parts = [whole] if whole is not None else [
                self.gazetteer.lookup(w.text) or self.gazetteer.demonym(w.text) for w in mod.words]  # "US-Saudi"
            for e in parts:
                if e is not None and e.type not in ("Person", "Location") and e not in out:
                    out.append(e)
        if out:
            return out
        for name in m.of_names:  # "mediators from Ecowas", "the embassy of Iran", "the bloc Ecowas"
            e = self._gazetteer_match(name)
            if e is not None and e.type not in ("Person", "Location"):
                return [e]
        return []

    def _role_holder(self, m: Mention) -> Actor | None:
        """Return who held the office a nominal names on the publication date ("the Russian president")."""
        if any(w.ent == "PERSON" for w in m.words) or m.head_word is None:
            return None
        owner = self.affiliation(m)
        if owner is None:
            return None
        title_words = [mod.word for mod in m.modifiers if mod.dep == "compound"] + [m.head_word]
        title = " ".join(normalize(w.text) for w in title_words if self.gazetteer.lookup(w.text) is None
                         and self.gazetteer.demonym(w.text) is None)
        if not title:
            return None
        entry = self.gazetteer.holder(title, owner.key, self.published)
        return actor_from_entry(entry) if entry else None

    def _composite_actor(self, m: Mention) -> Actor | None:
        """Return the actor behind a group noun: "Hamas leaders" -> Hamas, "Russian forces" -> Russia
        (military), "Nigerian Navy vessels" -> the Nigerian Navy, "the Biden administration" -> the
        United States (government)."""
        h = m.head_word
        if h is None:
            return None
        noun = h
        sector = self.resources.sectors.get(h.lemma.lower())
        if sector is None:  # "Navy vessels", "army units": the body is the compound
            noun = next((mod.word for mod in m.modifiers if mod.dep == "compound"
                         and self.resources.sectors.get(mod.word.lemma.lower())), None)
            if noun is None:
                return None
            sector = self.resources.sectors[noun.lemma.lower()]
        owner = self.affiliation(m)
        if owner is None and sector.sector == "government":
            owner = self._led_by(m)  # "the Biden administration": the country its leader heads
        if owner is None:
            return None
        if owner.type != "Country":
            return actor_from_entry(owner)
        before = next((w for w in m.words if w.i == noun.i - 1), None)
        if sector.sector == "military" and noun.text[:1].isupper() and noun.pos in ("PROPN", "NOUN") and before is not None:
            name = f"{before.text}{before.ws}{noun.text}"  # "Nigerian Navy": a named body
            return Actor(described_actor_iri(f"{owner.key}-{slug(noun.text)}"), name, sector.type, owner.country,
                         sector=sector.sector)
        return self._body(owner, sector)

    def _body(self, owner: Entry, sector: Sector) -> Actor:
        """Return a country's body of a sector: its gazetteer entry ("Russian troops" are the Russian
        Armed Forces), else a described actor ("Nigeria (military)")."""
        body = self.gazetteer.sector_body(owner.key, sector.sector)
        if body is not None:
            return actor_from_entry(body)
        return Actor(described_actor_iri(f"{owner.key}-{sector.sector}"), f"{owner.label} ({sector.sector})", sector.type,
                     owner.country, sector=sector.sector)

    def _led_by(self, m: Mention) -> Entry | None:
        """Return the country of the person a government noun is named after ("the Trump administration")."""
        for mod in m.modifiers:
            if mod.dep in ("compound", "poss") and mod.word.pos == "PROPN":
                e = self.gazetteer.lookup(words_text(mod.words))
                if e is not None and e.type == "Person" and e.country:
                    return self.gazetteer.entries.get(e.country)
        return None

    def _unknown_named(self, m: Mention, ent_label: str) -> Actor | None:
        h = m.head_word
        if ent_label not in ("PERSON", "ORG", "GPE") or h is None or h.pos != "PROPN":
            return None
        words = [w.text for w in (m.entity or (h,))]
        if ent_label == "PERSON":
            name = " ".join(name_tokens(words))
            if not name:
                return None
            full = expand_short_name(name, self.full_names)
            known = self.gazetteer.lookup(full) if full != name else None
            if known is not None:
                return actor_from_entry(known)
            if full == name and len(name.split()) > 1 and name not in self.full_names:
                self.full_names.append(name)
            owner = self.affiliation(m) or self._country_in_apposition(m)
            return Actor(described_actor_iri(slug(full)), full, "Person", owner.country if owner else None)
        label = " ".join(w for w in words if normalize(w) != "the")
        kind = "Organization" if ent_label == "ORG" else "Location"
        return Actor(described_actor_iri(slug(label)), label, kind, None)

    def _country_in_apposition(self, m: Mention) -> Entry | None:
        """Return the first country an apposition names ("X, chairman of … of Russia's parliament")."""
        for w in m.apposition_words:
            e = self.gazetteer.demonym(w.text) or self.gazetteer.lookup(w.text)
            if e is not None and e.type == "Country":
                return e
        return None

    def _phrase_label(self, m: Mention) -> str:
        """Return the phrase as written, without a leading article or pronoun."""
        words = _unquoted(list(m.words))  # "an “unprecedented” deployment": no quotes in a node's name
        while len(words) > 1 and (words[0].lower in LEADING_DROP or words[0].pos == "PUNCT"):
            words = words[1:]
        return words_text(words or list(m.words))
