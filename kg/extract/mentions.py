"""Mentions: the parse read once into plain data, so that resolution never reads it.

`mention()` describes the phrase a token heads (its words, entity, modifiers, possessor,
appositions, "of"/"by" names, and for a pronoun the antecedents its clause offers);
`discourse()` describes every name and noun phrase of a document in text order, which
resolution uses for anaphora and coordinated groups; `titles()` finds the words a text puts
before or beside a name, for the offices pass.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.extract.grammar import (
    OBJECT_CONTROL_PREPS,
    governing_verb,
    is_reciprocal,
    the_other,
    phrase_bounds,
    sentence_start,
    subjects_of,
)
from kg.extract.nominal import hyphen_agent
from kg.model import Discourse, Mention, Modifier, Title, Word

MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout"})
SPEAKER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})  # "a spokesperson for X" speaks for X
BACKGROUND_CLAUSES = frozenset({"relcl", "acl", "advcl"})  # "after X made gains": not a main-clause subject


def _word_cache(doc: Doc) -> dict[int, Word]:
    """The Words of a document made so far, by offset (a token is read once, however often described)."""
    cache = doc.user_data.get("geokg_words")
    if cache is None:
        cache = doc.user_data["geokg_words"] = {}
    return cache


def _new_word(t: Token) -> Word:
    return Word(t.i, t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.dep_, t.ent_type_ if t.ent_iob_ != "O" else "")


def word(t: Token) -> Word:
    cache = _word_cache(t.doc)
    w = cache.get(t.i)
    if w is None:
        w = cache[t.i] = _new_word(t)
    return w


def _words(doc: Doc, start: int, end: int) -> tuple[Word, ...]:
    cache = _word_cache(doc)
    out = []
    for i in range(start, end):
        w = cache.get(i)
        if w is None:
            w = cache[i] = _new_word(doc[i])
        out.append(w)
    return tuple(out)


def _entity(token: Token) -> Span | None:
    """Return the named entity around a token (an index of the document's entities, built once)."""
    index = token.doc.user_data.get("geokg_entities")
    if index is None:
        index = token.doc.user_data["geokg_entities"] = {i: e for e in token.doc.ents for i in range(e.start, e.end)}
    return index.get(token.i)


def _binders(token: Token) -> tuple[int, ...]:
    """Return the offsets of the antecedents a pronoun's own clause offers, preferred first: for a
    possessive, the clause's subjects then its objects ("Israel to end its war"), objects first after
    "thank X for", "blame X for" ("thanked Germany for its aid"); for the subject of a noun's
    complement, the noun's possessor ("X's claims that he intended")."""
    if token.pos_ != "PRON":
        return ()
    if token.dep_ == "nsubj" and token.head.dep_ in ("acl", "ccomp") and token.head.head.pos_ == "NOUN":
        return tuple(c.i for c in token.head.head.children if c.dep_ == "poss")
    if token.dep_ != "poss":
        return ()
    gov = governing_verb(token)
    if gov is None:
        return ()
    subjects = [t.i for t in subjects_of(gov)[0]]
    objects = [c.i for c in gov.children if c.dep_ == "dobj"]
    noun = token.head
    # "thanked Germany for its aid", "accused Israel of genocide in its war": after the object, the object
    object_first = (noun.dep_ == "pobj" and noun.head.lower_ in OBJECT_CONTROL_PREPS and noun.head.head.i == gov.i) or \
        any(o < token.i for o in objects)
    order = [*objects, *subjects] if object_first else [*subjects, *objects]
    return tuple(i for i in order if i != token.i)


def _relative_antecedent(token: Token) -> Token | None:
    """Return the noun a relative clause hangs on, from a word inside the clause ("whose parliament")."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "relcl":
            return node.head
        node = node.head
    return None


def _name(token: Token) -> Mention:
    """Describe a name inside another phrase, from its left edge to it ("the regional bloc Ecowas")."""
    return describe(token, token.left_edge.i, token.i + 1, nested=True)


def describe(token: Token, start: int, end: int, *, kind: str = "phrase", nested: bool = False) -> Mention:
    """Return the mention of the span [start, end) headed by `token`, with what resolution needs.

    A `nested` mention (a possessor, an apposition, a name after "of") carries its own words,
    entity and modifiers but not names nested in turn. Made once per span of a document (memoised:
    the same subject is described for every clause and every target).
    """
    doc = token.doc
    memo = doc.user_data.get("geokg_mentions")
    if memo is None:
        memo = doc.user_data["geokg_mentions"] = {}
    key = (token.i, start, end, kind, nested)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _describe(token, start, end, kind, nested)
    return found


def _describe(token: Token, start: int, end: int, kind: str, nested: bool) -> Mention:
    doc = token.doc
    children = list(token.children)  # read once (spaCy scans the token's whole subtree span for each)
    lefts = [c for c in children if c.i < token.i]
    rights = [c for c in children if c.i > token.i]
    ent = _entity(token)
    modifiers = tuple(Modifier(c.dep_, word(c), _words(doc, c.left_edge.i, c.i + 1), hyphen_agent(c) is not None)
                      for c in lefts if c.dep_ in MODIFIER_DEPS)
    appos = [c for c in children if c.dep_ == "appos"]
    fields: dict = {}
    if not nested:
        possessor = next((c for c in children if c.dep_ == "poss"), None)
        if possessor is not None and possessor.lower_ == "whose":
            possessor = _relative_antecedent(token)  # "Hungary, whose parliament ratified …": Hungary's
        of_preps = ("from", "of", "for") if token.lemma_.lower() in SPEAKER_NOUNS else ("from", "of")
        of_names = [name for c in rights if c.dep_ == "prep" and c.lower_ in of_preps
                    for o in c.children if o.dep_ == "pobj"
                    for name in (o, *(a for a in o.children if a.dep_ in ("appos", "compound") and a.pos_ == "PROPN"))]
        place_of = next((o for c in children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
        by_agents = [p for c in children if (c.dep_ == "prep" and c.lower_ == "by") or c.dep_ == "acl"
                     for a in ([c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ == "agent"])
                     for p in a.children if p.dep_ == "pobj"]
        origins = [p for c in children if c.dep_ == "acl" and c.tag_ == "VBN"
                   for prep in c.children if prep.dep_ == "prep" and prep.lower_ in ("from", "in", "by")
                   for p in prep.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        fields = dict(
            possessor=describe(possessor, possessor.left_edge.i, possessor.i + 1, nested=True) if possessor is not None else None,
            appositions=tuple(_name(c) for c in appos if c.pos_ == "PROPN"),
            of_names=tuple(_name(o) for o in of_names),
            place_of=_name(place_of) if place_of is not None else None,
            by_agents=tuple(_name(p) for p in by_agents),
            origins=tuple(_name(p) for p in origins),
        )
    words = _words(doc, start, end)
    return Mention(
        text="".join(w.text + w.ws for w in words[:-1]) + words[-1].text if words else "",  # doc[start:end].text
        start=start, end=end, head=token.i, ent_label=token.ent_type_, kind=kind,
        lemma=token.lemma_.lower(), words=words,
        entity=_words(doc, ent.start, ent.end) if ent is not None else (),
        sentence_start=sentence_start(token), governor=token.head.i,
        lefts=tuple((c.lower_, c.dep_) for c in lefts), modifiers=modifiers,
        apposition_words=tuple(word(t) for c in appos for t in c.subtree),
        binders=_binders(token), clause_subjects=_clause_subjects(token), listeners=_listeners(token), **fields,
    )


def _listeners(token: Token) -> tuple[int, ...]:
    """Return who was told the reported clause a pronoun stands in: "X told Y that his tariffs …"
    offers Y as well as the speaker X, so "his" is not surely the speaker's."""
    if token.pos_ != "PRON":
        return ()
    node = token
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and node.head.pos_ == "VERB":
            saying = node.head
            told = [c for c in saying.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN")]
            told += [o for c in saying.children if c.dep_ == "prep" and c.lower_ == "to"
                     for o in c.children if o.dep_ == "pobj"]
            return tuple(t.i for t in told)
        node = node.head
    return ()


def _clause_subjects(token: Token) -> tuple[int, ...]:
    """Return the subjects of an object pronoun's own clause ("X called Y to urge him": not X)."""
    if token.pos_ != "PRON" or token.dep_ not in ("dobj", "pobj", "dative"):
        return ()
    gov = governing_verb(token)
    return tuple(t.i for t in subjects_of(gov)[0]) if gov is not None else ()


def mention(doc: Doc, token: Token, *, with_preps: bool = True, relative: bool = True) -> Mention:
    """Return the mention headed by `token`: its named entity, or its noun phrase (found once per
    token and options of a document)."""
    memo = token.doc.user_data.get("geokg_mention_of")
    if memo is None:
        memo = token.doc.user_data["geokg_mention_of"] = {}
    key = (token.i, with_preps, relative)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _mention(doc, token, with_preps=with_preps, relative=relative)
    return found


def _mention(doc: Doc, token: Token, *, with_preps: bool, relative: bool) -> Mention:
    kind = "pronoun" if token.pos_ == "PRON" else "name" if token.pos_ == "PROPN" else "nominal"
    if is_reciprocal(token) or any(c.dep_ == "poss" and is_reciprocal(c) for c in token.children) or the_other(token):
        kind = "reciprocal"  # "each other", "each other's energy infrastructure", "the other"
    if token.ent_type_ and token.ent_iob_ != "O":
        ent = _entity(token)
        if ent is not None and ent.root.i == token.i or (ent is not None and len(ent) <= 4):
            start = _extend_left(token, ent.start)
            return describe(token, start, ent.end, kind="name")
    start, end = phrase_bounds(token, with_preps=with_preps, relative=relative)
    return describe(token, start, end, kind=kind)


def _extend_left(token: Token, start: int) -> int:
    """Include titles and modifiers left of a name ("US President Donald Trump")."""
    for c in token.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss"):
            start = min(start, token.doc[c.i].left_edge.i)
    return start


def discourse(doc: Doc, source_text: str | None = None) -> Discourse:
    """Return every name and noun phrase of a document in text order, where sentences start, and
    the titles given to names (`source_text`: the text as written, for evidence)."""
    spans = sorted([*doc.ents, *doc.noun_chunks], key=lambda s: (s.start, -len(s)))
    mentions = []
    for span in spans:
        root = span.root
        subject = root.dep_ in SUBJECT_DEPS and root.head.dep_ not in BACKGROUND_CLAUSES
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            continue  # "in Abuja", "at the White House": a setting, never an antecedent
        coordinated = tuple(c.i for c in root.conjuncts) if root.dep_ != "conj" else ()
        described = describe(root, span.start, span.end)
        mentions.append(replace(described, subject=subject, coordinated=coordinated) if subject or coordinated
                        else described)  # the defaults: the same value
    return Discourse(tuple(mentions), tuple(s.start for s in doc.sents), titles(doc, source_text))


def titles(doc: Doc, source_text: str | None = None) -> tuple[Title, ...]:
    """Return the words before or beside each name: "Russian Foreign Minister X", "X, Iran's envoy"."""
    text = source_text if source_text is not None else doc.text
    index = {s.start: n for n, s in enumerate(doc.sents)}
    out = []
    for ent in doc.ents:
        root = ent.root
        prefix = [t for t in doc[root.left_edge.i:ent.start] if not t.is_punct]
        title_head = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if title_head is not None:
            prefix = [t for t in title_head.subtree if t.i <= title_head.i and not t.is_punct]
        if not prefix:
            continue
        sent = root.sent
        out.append(Title(describe(root, ent.start, ent.end, kind="name"), tuple(word(t) for t in prefix),
                         index[sent.start], text[sent.start_char:sent.end_char].strip()))
    return tuple(out)
