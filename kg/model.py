"""Plain data passed between stages: Document, Mention, Candidate, Actor, Statement."""
from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from datetime import date

import orjson


def json_text(value: object) -> str:
    """Return `value` as compact JSON with sorted keys and text as written (no \\u escapes): the form
    of every line of a build's JSONL files and of the page's data."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def compact_pickle(cls):
    """Make a frozen, slotted dataclass pickle as its class and its field values, rebuilt by its
    `__init__`. The state methods dataclasses give slotted classes look up the fields on every call,
    which made reading a build's cache (thousands of statements) several times slower."""
    values = operator.attrgetter(*(f.name for f in fields(cls)))
    one = len(fields(cls)) == 1

    def __reduce__(self):
        return cls, ((values(self),) if one else values(self))

    cls.__reduce__ = __reduce__
    return cls


@compact_pickle
@dataclass(frozen=True, slots=True)
class Document:
    """One article: its id (file stem or JSONL id), cleaned text and metadata."""

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    title: str | None = None
    path: str | None = None
    dropped_lines: tuple[str, ...] = ()  # page furniture removed by ingest, kept for inspection


@compact_pickle
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that ingest read but left out, and why ("no article text found")."""

    path: str
    reason: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class Corpus:
    """What ingest read: the documents, sorted by id, the inputs it skipped, and warnings
    ("metadata.csv:4: no file a.txt")."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()


@compact_pickle
@dataclass(frozen=True, slots=True)
class Word:
    """A word as the parser read it: plain data, so that no stage after extraction reads the parse."""

    i: int  # token offset in the document
    text: str
    ws: str  # the whitespace after it
    lemma: str
    pos: str
    tag: str
    dep: str
    ent: str = ""  # entity type, "" outside an entity

    @property
    def lower(self) -> str:
        return self.text.lower()


QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})  # quotation marks, as the tokenizer splits them


def words_text(words: tuple[Word, ...] | list[Word]) -> str:
    """Return words as written, with their spacing."""
    return "".join(w.text + w.ws for w in words).strip()


@compact_pickle
@dataclass(frozen=True, slots=True)
class Modifier:
    """A word left of a noun that may name its owner ("Russian", "Hamas", "US-Saudi", "Germany's")."""

    dep: str
    word: Word
    words: tuple[Word, ...]  # from its left edge to it: "the United States'"
    hyphen_agent: bool = False  # "Russian-backed": an agent, not an owner


@compact_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a parsed sentence that names (or refers to) a participant, with what resolution
    needs to know about it, read off the parse by extraction."""

    text: str  # the words as written
    start: int  # token offsets in the spaCy Doc, end exclusive
    end: int
    head: int  # token offset of the syntactic head
    ent_label: str = ""  # spaCy NER label covering the head, if any
    kind: str = "phrase"  # "name", "pronoun", "nominal", "clause" or "reciprocal" ("each other")
    lemma: str = ""  # the head's lemma ("goods", "ship"): what the phrase is about
    words: tuple[Word, ...] = ()  # the phrase's words (none for a clause)
    entity: tuple[Word, ...] = ()  # the named entity around the head, which may reach past the phrase
    sentence_start: int = 0  # offset of the first word of its sentence
    governor: int = -1  # offset of the head's own head
    lefts: tuple[tuple[str, str], ...] = ()  # (word, dependency) of the head's left dependents: "both", "the"
    modifiers: tuple[Modifier, ...] = ()  # left modifiers that may name an owner
    possessor: "Mention | None" = None  # "Germany's", "their"
    appositions: tuple["Mention", ...] = ()  # names in apposition ("the envoy, Anna Berg,")
    apposition_words: tuple[Word, ...] = ()  # every word of its appositions ("chairman of … Russia's parliament")
    of_names: tuple["Mention", ...] = ()  # names after "from"/"of" ("mediators from the bloc Ecowas")
    place_of: "Mention | None" = None  # X of "the border town of X"
    by_agents: tuple["Mention", ...] = ()  # X of "a plan by X", "a ceasefire announced by X"
    origins: tuple["Mention", ...] = ()  # X of "cars made in X", "brandy imported from X"
    binders: tuple[int, ...] = ()  # a pronoun's antecedents in its own clause, by offset, preferred first
    clause_subjects: tuple[int, ...] = ()  # an object pronoun's own clause subjects, which it cannot refer to
    listeners: tuple[int, ...] = ()  # who was told the reported clause a pronoun is in ("X told Y that his …")
    subject: bool = False  # a main-clause subject (centering prefers them as antecedents)
    coordinated: tuple[int, ...] = ()  # offsets of the heads coordinated with this one ("X, Y and Z")

    @property
    def head_word(self) -> Word | None:
        return next((w for w in self.words if w.i == self.head), None)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Discourse:
    """What resolution needs of a whole document: every name and noun phrase in text order, and
    where sentences start (for salience windows), read off the parse by extraction."""

    mentions: tuple[Mention, ...]
    sentence_starts: tuple[int, ...]
    titles: tuple["Title", ...] = ()


@compact_pickle
@dataclass(frozen=True, slots=True)
class Title:
    """The words a text puts before or beside a name ("Russian Foreign Minister X", "X, Iran's envoy")."""

    person: Mention
    words: tuple[Word, ...]
    sentence_index: int
    sentence: str


@compact_pickle
@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement as extraction sees it: mentions and a relation, not yet actors."""

    document_id: str
    sentence_index: int
    sentence: str
    subject: Mention
    object: Mention
    relation: str  # ontology local name, "relatedTo" when the lexicon has no entry
    relation_label: str
    cameo: str | None  # CAMEO code from the lexicon (2-4 digits) or None
    negated: bool = False
    attributed_to: Mention | None = None
    modality: str = "asserted"  # "asserted", "hedged" (might, whether, a question) or "conditional" (if)
    date_text: str | None = None  # the date expression of the clause ("on Tuesday"), if any
    pattern: str = ""  # the lexicon pattern or the fallback that produced it
    matched_lexicon: bool = False
    rule: str = "clause"  # the grammar rule that produced it ("clause", "complement", "obligation", "nominal", …)
    topic: str | None = None  # what the act is about when the object is its target ("tariffs" of "tariffs on X")
    symmetric: bool = False  # the relation holds both ways ("met", "signed a deal with")
    co_subjects: tuple[Mention, ...] = ()  # the other parties of a coordinated subject ("X and Y met")
    requires_actor: bool = False  # keep only if the object resolves to an actor (a target found inside a phrase)
    unless_actor: Mention | None = None  # drop if this mention resolves to an actor (a better reading exists)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical node: an actor, or a non-actor object (a proposal, a ceasefire)."""

    id: str  # IRI
    label: str
    type: str  # ontology class local name
    country: str | None = None  # ISO 3166 alpha-3
    wikidata: str | None = None
    sector: str | None = None  # for composite actors and national bodies: "military", "government", …
    aliases: tuple[str, ...] = field(default=(), compare=False)
    known: bool = field(default=False, compare=False)  # an entry of the gazetteer, not only described by the text
    owner: "Actor | None" = field(default=None, compare=False)  # whose a non-actor object is ("the US proposal")

    @property
    def is_actor(self) -> bool:
        """True for actors; False for non-actor objects (a proposal, a ceasefire). A group of people
        ("Iranian protesters": type Other with a sector) is an actor."""
        return self.type != "Other" or self.sector is not None

    def to_json(self) -> dict:
        out = {"id": self.id, "label": self.label, "type": self.type,
               "country": self.country, "wikidata": self.wikidata, "sector": self.sector}
        if self.owner is not None:
            out["owner"] = self.owner.to_json()
        return out

    @classmethod
    def from_json(cls, d: dict) -> "Actor":
        owner = cls.from_json(d["owner"]) if d.get("owner") else None
        return cls(d["id"], d["label"], d["type"], d.get("country"), d.get("wikidata"), d.get("sector"), owner=owner)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Statement:
    """A resolved, dated statement with its provenance."""

    id: str  # IRI
    subject: Actor
    relation: str
    relation_label: str
    cameo: str | None  # two-digit CAMEO root
    cameo_code: str | None  # the most specific CAMEO code the lexicon gives
    object: Actor
    negated: bool
    event_date: date | None
    published: date | None
    document: str
    sentence_index: int
    sentence: str
    confidence: float
    attributed_to: Actor | None = None
    modality: str = "asserted"
    date_source: str = "published"  # "text": the sentence dates the event; "published": fallback; "none"
    topic: str | None = None  # what the act is about when the object is its target ("tariffs" of "tariffs on X")

    def to_json(self) -> dict:
        """Return the statements.jsonl record (the README's contract)."""
        return {
            "id": self.id,
            "subject": self.subject.to_json(),
            "relation": self.relation,
            "relation_label": self.relation_label,
            "cameo": self.cameo,
            "cameo_code": self.cameo_code,
            "object": self.object.to_json(),
            "negated": self.negated,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "modality": self.modality,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_source": self.date_source,
            "published": self.published.isoformat() if self.published else None,
            "document": self.document,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "confidence": self.confidence,
            "topic": self.topic,
        }

    @classmethod
    def from_json(cls, d: dict) -> "Statement":
        """Return the statement of a statements.jsonl record (the inverse of `to_json`)."""
        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            id=d["id"], subject=Actor.from_json(d["subject"]), relation=d["relation"], relation_label=d["relation_label"],
            cameo=d.get("cameo"), cameo_code=d.get("cameo_code"), object=Actor.from_json(d["object"]),
            negated=bool(d["negated"]), event_date=day(d.get("event_date")), published=day(d.get("published")),
            document=d["document"], sentence_index=int(d["sentence_index"]), sentence=d["sentence"],
            confidence=float(d["confidence"]),
            attributed_to=Actor.from_json(d["attributed_to"]) if d.get("attributed_to") else None,
            modality=d.get("modality") or "asserted", date_source=d.get("date_source") or "published",
            topic=d.get("topic"),
        )
