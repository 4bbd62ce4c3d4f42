"""What a predicate is done to: its targets, matched against the lexicon's patterns.

Pattern forms (ontology/relations.csv):
- `verb`: the direct object is the target ("condemn").
- `verb prep`: the preposition's object is the target ("withdraw from").
- `verb _ prep`: the direct object is the target, the prepositional phrase its content ("accuse _ of").
- `verb _ word`: a predicate after the object ("keep _ informed").
- `verb noun prep`: that object noun, the target after the preposition ("restore tie with").
- `verb * prep`: any object noun, the target after the preposition; the object becomes the topic
  ("impose * on": "imposed tariffs on X").
- `verb noun` / `verb prep noun`: that object noun is the object ("declare ceasefire", "agree to ceasefire").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.grammar import (
    CONTACT_VERBS,
    NAMING_DEPS,
    NAMING_VERBS,
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    RELATIVE_PRONOUNS,
    SUBJ_DEPS,
    conjuncts,
    is_participant,
    named_by_free_relative,
    own_subjects,
    noun_key,
    prep_objects,
    through_measure,
    verb_keys,
)
from kg.extract.lexicon import Lexicon, RelationEntry

SMALL_CLAUSE_DEPS = frozenset({"ccomp", "acomp", "xcomp"})
# Verbs that only carry the event their object names: "carried out strikes on X" is "struck X".
LIGHT_VERBS = frozenset({"carry out", "launch", "conduct", "stage", "mount", "hold", "have", "make", "resume",
                         "begin", "start", "continue", "unleash", "step up", "intensify", "give", "deliver",
                         "fire", "announce", "order", "engage in", "voice", "express", "reiterate", "renew",
                         "lend", "offer", "extend", "pledge"})


@dataclass(frozen=True, slots=True)
class Target:
    """One reading of what a predicate is done to."""

    pattern: str
    entry: RelationEntry | None
    obj: Token
    topic: Token | None = None  # the object phrase whose preposition named the target ("tariffs" in "tariffs on X")
    requires_actor: bool = False  # a target found inside a phrase: kept only if it names an actor
    unless_actor: Token | None = None  # a better reading's target: this one is dropped if that names an actor


def find_pattern(lexicon: Lexicon, keys: list[str]) -> tuple[str, RelationEntry | None]:
    """Return the first key the lexicon knows, else the first key with no entry."""
    for key in keys:
        entry = lexicon.get(key)
        if entry is not None:
            return key, entry
    return keys[0], None


def targets(verb: Token, passive: bool, lexicon: Lexicon) -> Iterator[Target]:
    """Yield the readings of what one predicate is done to."""
    found = False
    relative = relative_clause(verb)
    for t in _raw_targets(verb, passive, lexicon):
        obj = t.obj
        if obj.lower_ in RELATIVE_PRONOUNS and relative is not None:
            obj = relative.head  # "the deal that the president withdrew from", "a plan that X refused to accept"
            t = Target(t.pattern, t.entry, obj, t.topic, t.requires_actor, t.unless_actor)
        if is_participant(obj):
            found = True
            yield t
    if not found and not passive:
        addressee = _purpose_addressee(verb, lexicon)
        if addressee is not None:
            found = True
            yield addressee
    if not found and not passive and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") \
            and not any(c.dep_ in ("mark", "xcomp", "ccomp") for c in verb.children):  # "a post that X had agreed to …"
        # "the vessels they attacked": the noun the clause modifies is its missing object.
        subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
        pat, entry = find_pattern(lexicon, verb_keys(verb))
        if subj and entry is not None and subj[0].lower_ not in RELATIVE_PRONOUNS:
            yield Target(pat, entry, verb.head)
    elif not found and not passive and verb.dep_ == "xcomp" and relative is not None and relative.i != verb.i \
            and relative.head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in OBJ_DEPS for c in relative.children) \
            and not any(c.dep_ in (*OBJ_DEPS, "prep", "ccomp", "xcomp") for c in verb.children):
        # "a decision Beijing has refused to recognise": the noun is the object the complement lacks
        subj = [c for c in relative.children if c.dep_ in SUBJ_DEPS]
        pat, entry = find_pattern(lexicon, verb_keys(verb))
        if subj and entry is not None and subj[0].lower_ not in RELATIVE_PRONOUNS:
            yield Target(pat, entry, relative.head)


def relative_clause(verb: Token) -> Token | None:
    """Return the relative clause a verb is, or is the complement of ("a plan X refused to accept")."""
    node = verb
    while node.dep_ == "xcomp" and node.head.i != node.i:
        node = node.head
    return node if node.dep_ == "relcl" else None


def _verdicts(keys: list[str], dobjs: list[Token], predicates: list[Token], lexicon: Lexicon) -> Iterator[Target]:
    """Yield "called X a dictator", "branded X a threat", "called the sanctions a good signal": a verb
    of naming whose predicate judges its object is praise or criticism, by the lexicon's "call _ WORD"
    rows for the predicate's head or, failing that, its adjective ("a good signal": good)."""
    if not any(k in NAMING_VERBS for k in keys):
        return
    # the parser may read the predicate as an apposition with no comma ("called the president a dictator")
    glued = [a for o in dobjs for a in o.children if a.dep_ == "appos" and a.left_edge.i > 0
             and a.doc[a.left_edge.i - 1].text not in (",", "-", "—", "(")]
    for p in [*(p for p in predicates if p.dep_ in NAMING_DEPS), *glued]:
        words = [p.lemma_.lower(), p.lower_, *(c.lower_ for c in p.children if c.dep_ == "amod")]
        entry = next((e for w in words if (e := lexicon.get(f"call _ {w}")) is not None), None)
        if entry is not None:  # "called Peru's decision unacceptable": the small clause's subject is judged
            for o in dobjs or [g for g in p.children if g.dep_ == "nsubj"]:
                if o.lower_ not in ("it", "them", "this", "these", "that", "those"):  # a thing as often as an actor
                    yield Target(f"call _ {p.lower_}", entry, o)
            return


def _noun_patterns(keys: list[str], noun: Token, lexicon: Lexicon, preps: list[tuple[str, Token]],
                   via: str = "") -> Iterator[Target]:
    """Yield "verb noun prep" readings: the target after the preposition, the noun the topic (each
    target once, under the most specific pattern)."""
    seen: set[int] = set()
    for key in keys:
        for n in noun_key(noun):
            for prep, po in [*prep_objects(noun), *preps]:
                for pat in (f"{key} {via} {n} {prep}" if via else "", f"{key} {n} {prep}"):
                    entry = lexicon.get(pat) if pat else None
                    if entry is not None and po.i not in seen:
                        seen.add(po.i)
                        yield Target(pat, entry, po, topic=noun)


def _purpose_addressee(verb: Token, lexicon: Lexicon) -> Target | None:
    """Return whom an objectless act done on a call or a visit is addressed to: "telephoned X to
    apologise" apologises to X, when the lexicon has the act with "to" ("apologise to")."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            or head.lemma_.lower() not in CONTACT_VERBS \
            or any(c.dep_ in (*OBJ_DEPS, "prep", "ccomp", "xcomp") and c.lower_ != "for" for c in verb.children):
        return None
    objs = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i]
    if not objs:
        return None
    pattern, entry = find_pattern(lexicon, [f"{key} to" for key in verb_keys(verb)])
    return Target(pattern, entry, objs[0]) if entry is not None else None


def _hung_object_conjuncts(verb: Token, first: Token | None) -> list[Token]:
    """Return the objects coordinated with `first` that the parser hung on the verb after an
    apposition ("hosted X's minister, A, and Y's minister, B": "minister" as the verb's conjunct).
    Only a noun of the same head word as the first object, after it, with no verb or subject of its own."""
    if first is None or first.dep_ != "dobj" or first.pos_ != "NOUN":
        return []
    return [c for c in verb.children if c.dep_ == "conj" and c.i > first.i and c.pos_ == "NOUN"
            and c.lemma_ == first.lemma_ and any(a.dep_ == "appos" for a in first.children)
            and not any(g.dep_ in (*SUBJ_DEPS, "aux", "dobj") for g in c.children)]


TIME_SPANS = frozenset({"hour", "day", "week", "month"})


def _deadline(verb: Token, keys: list[str], lexicon: Lexicon) -> Target | None:
    """Return the reading of "gave X 72 hours to leave": the lexicon's "give time to leave" done to X
    (an expulsion), the one given the time being the target."""
    datives = [c for c in verb.children if c.dep_ == "dative"]
    spans = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in TIME_SPANS]
    if not datives or not spans:
        return None
    acts = [*(a for a in spans[0].children if a.dep_ in ("relcl", "acl")),
            *(a for a in verb.children if a.dep_ == "advcl" and a.i > spans[0].i)]  # "to leave" hung on "gave"
    for act in acts:
        if any(a.dep_ == "aux" and a.lower_ == "to" for a in act.children):
            for k in keys:
                key = f"{k} time to {act.lemma_.lower()}"
                entry = lexicon.get(key)
                if entry is not None:
                    return Target(key, entry, datives[0])
    return None


def _raw_targets(verb: Token, passive: bool, lexicon: Lexicon) -> Iterator[Target]:
    keys = verb_keys(verb)
    deadline = None if passive else _deadline(verb, keys, lexicon)
    if deadline is not None:
        yield deadline
        return
    if passive:
        objs = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if not objs and verb.dep_ == "acl":
            objs = [verb.head]  # "a demand rejected by Hamas"
        if not objs and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            objs = own_subjects(verb.head)[0][:1]  # "X arrived and was granted asylum by Y": X
        content = [p for p, _ in prep_objects(verb)]
        # a retained object names the act: "was granted asylum by Y" is "grant asylum to"
        retained = [f"{k} {n} to" for k in keys for o in verb.children if o.dep_ == "dobj" for n in noun_key(o)]
        pat, entry = find_pattern(lexicon, [f"{k} _ {p}" for k in keys for p in content] + retained + keys)
        for c in objs:
            for o in conjuncts(c):
                yield Target(pat if entry else keys[0], entry, through_measure(o))  # "three of the gunmen were killed"
        return
    # The first direct object with its conjuncts; a later one is a misparsed apposition
    # ("accused Iran of X - an allegation denied by Iran").
    # An object before its verb in a main clause is a misparse ("said in a post that he had agreed").
    first = next((c for c in verb.children if c.dep_ in OBJ_DEPS and (c.i > verb.i or relative_clause(verb) is not None)),
                 None)
    if first is None:  # "called Aliyev" misread as naming: a lone name in the predicate slot is the object
        first = next((c for c in verb.children if c.dep_ in NAMING_DEPS and c.pos_ == "PROPN"), None)
    if first is None:  # "condemned what X called China's actions": the thing so named
        first = named_by_free_relative(verb)
    # Conjuncts of the same kind only: "required clarification and thanked Trump" misparsed as one
    # object list is not a demand on Trump.
    dobjs = [o for o in conjuncts(first) if (o.pos_ == "PROPN") == (first.pos_ == "PROPN") or first.tag_ == "NNS"] \
        if first is not None else []  # a plural noun may list names ("two companies, X and Y")
    dobjs += _hung_object_conjuncts(verb, first)
    dobjs = [through_measure(o) for o in dobjs]  # "held several hours of talks with X": the talks
    # "kept the US informed" is a lexicon pattern ("keep _ informed"), whichever way the parser
    # attaches the predicate; "called the truce an important step" is naming, not calling anyone.
    predicates = [c for c in verb.children if c.dep_ in NAMING_DEPS
                  or (c.dep_ in SMALL_CLAUSE_DEPS and not any(g.dep_ in SUBJ_DEPS for g in c.children))]
    matched = [Target(f"{k} _ {p.lower_}", lexicon.get(f"{k} _ {p.lower_}"), o)
               for o in dobjs for p in predicates for k in keys]
    matched = [t for t in matched if t.entry is not None]
    verdicts = [] if matched else list(_verdicts(keys, dobjs, predicates, lexicon))
    yield from matched[:len(dobjs)]
    yield from verdicts
    if matched or verdicts or (any(c.dep_ in NAMING_DEPS for c in verb.children) and first is not None and first.dep_ in OBJ_DEPS):
        return
    preps = list(prep_objects(verb))
    # A preposition hanging off an adverb of the verb: "stopped short of a full endorsement".
    preps += [(f"{a.lower_} {p}", o) for a in verb.children if a.dep_ == "advmod" for p, o in prep_objects(a)]
    light_done = False
    for o in dobjs:
        # "restore ties with X", "hold talks with X": the preposition may hang off the noun or the verb.
        exact = list(_noun_patterns(keys, o, lexicon, preps))
        if exact:
            light_done = True
            yield from exact
            continue
        if any(k in LIGHT_VERBS for k in keys):
            for n in noun_key(o):
                light = [Target(f"{keys[0]} {n} {p}", lexicon.get(f"{n} {p}", "NOUN"), po, topic=o)
                         for p, po in [*prep_objects(o), *preps] if lexicon.get(f"{n} {p}", "NOUN") is not None]
                if light:
                    light_done = True
                    yield from light
                    break
            if light_done:
                continue
        # "impose * on": any object, the target after the preposition; the object names the act.
        star = [Target(f"{k} * {p}", lexicon.get(f"{k} * {p}"), po, topic=o, requires_actor=True)
                for k in keys for p, po in [*prep_objects(o), *preps] if lexicon.get(f"{k} * {p}") is not None]
        yield from star
        better = star[0].obj if star else None
        # Verb + noun without preposition: "extend the truce", "declare a ceasefire".
        noun = next(((k, n) for k in keys for n in noun_key(o) if lexicon.get(f"{k} {n}") is not None), None)
        if noun is not None:
            pat = f"{noun[0]} {noun[1]}"
            yield Target(pat, lexicon.get(pat), o, unless_actor=better)
            continue
        # "accuse X of Y": the direct object is the target, the prepositional phrase the content.
        content = [f"{k} _ {p}" for k in keys for p, _ in [*preps, *prep_objects(o)] if lexicon.get(f"{k} _ {p}")]
        if content:
            yield Target(content[0], lexicon.get(content[0]), o)
        else:
            pat, entry = find_pattern(lexicon, keys)
            yield Target(pat, entry, o, unless_actor=better)
    if light_done:
        return
    for prep, o in preps:
        exact = list(_noun_patterns(keys, o, lexicon, [], via=prep))
        if exact:  # "agreed to a ceasefire with X"
            yield from exact
            continue
        noun = next((f"{k} {prep} {n}" for k in keys for n in noun_key(o) if lexicon.get(f"{k} {prep} {n}")), None)
        if noun is None:
            noun = next((f"{k} {n}" for k in keys for n in noun_key(o) if lexicon.get(f"{k} {n}")), None)
        pat, entry = (noun, lexicon.get(noun)) if noun else find_pattern(lexicon, [f"{k} {prep}" for k in keys])
        if entry is None:
            continue  # an adjunct ("in Berlin", "on Tuesday"), or a preposition the lexicon does not know
        yield Target(pat, entry, o)
