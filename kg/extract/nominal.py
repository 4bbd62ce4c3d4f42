"""Nominal events: "talks between A and B", "A's support for B", "American strikes on B"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.clauses import reporter_of, verb_entry
from kg.extract.grammar import conjuncts, governing_verb, lemmas, subjects_of
from kg.extract.lexicon import Lexicon, RelationEntry

SYMMETRIC_PREPS = frozenset({"between", "among"})
PARTY_PREPS = frozenset({"between", "among", "with"})
AGENT_MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
# verbs of going somewhere for an event: "travelled to Lima for talks with Y"
TRAVEL_VERBS = frozenset({"travel", "go", "come", "fly", "arrive", "head", "return", "gather", "meet", "visit", "convene"})


def _agents(noun: Token, lexicon: Lexicon) -> list[Token]:
    """Return who does the event a noun names: its possessor or its nationality modifier (a
    possessive pronoun is resolved with the other pronouns: "their call for" after "X and Y")."""
    out: list[Token] = []
    for c in noun.lefts:
        if c.dep_ == "poss" or (c.dep_ in AGENT_MODIFIER_DEPS and c.pos_ in ("PROPN", "ADJ") and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"))):
            out.extend(conjuncts(c))
    return out


def hyphen_agent(participle: Token) -> Token | None:
    """Return X of an "X-backed" / "X-led" participle modifying a noun, if any."""
    if participle.tag_ != "VBN" or participle.dep_ != "amod" or participle.i == 0:
        return None
    if participle.doc[participle.i - 1].text not in ("-", "‐", "‑"):
        return None
    for c in participle.lefts:
        if c.i < participle.i - 1 and c.pos_ in ("PROPN", "NOUN", "ADJ"):
            return c
    return None


def nominal_events(sent: Span, lexicon: Lexicon) -> Iterator[tuple[Token, RelationEntry, Token, Token | None]]:
    """Yield (subject, lexicon entry, object, reporter) for each event noun with its participants.

    Also "Iran-backed Hamas": the lexicon's "x-back" pattern, agent X, object the noun.
    """
    for token in sent:
        agent = hyphen_agent(token)
        entry = lexicon.get(f"x-{token.lemma_.lower()}") if agent is not None else None
        if agent is not None and entry is not None:
            gov = governing_verb(token)
            yield agent, entry, token.head, reporter_of(gov, lexicon) if gov is not None else None
    for noun in sent:
        if noun.pos_ != "NOUN":
            continue
        # "a compromise struck between A and B": the participle's preposition belongs to the noun
        participles = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for prep in [*noun.children, *(p for v in participles for p in v.children)]:
            if prep.dep_ != "prep":
                continue
            entry = next((e for lemma in lemmas(noun) if (e := lexicon.get(f"{lemma} {prep.lower_}", "NOUN"))), None)
            if entry is None:
                continue
            objects = [o for p in prep.children if p.dep_ == "pobj" for o in conjuncts(p)]
            if not objects:
                continue
            gov = governing_verb(noun)
            reporter = reporter_of(gov, lexicon) if gov is not None else None
            # "he wrote: 'Congratulations to …'": an event noun that is itself what was said is the speaker's
            speaker = next(iter(subjects_of(gov)[0]), None) if gov is not None and noun.head.i == gov.i \
                and noun.dep_ in ("dobj", "ccomp") and _saying(gov, lexicon) else None
            if prep.lower_ in SYMMETRIC_PREPS:
                if len(objects) == 1:  # "talks between US and Ukrainian officials": the coordinated modifiers
                    objects = _coordinated_modifiers(objects[0]) or objects
                first, *rest = objects
                for other in rest:
                    yield first, entry, other, reporter
                continue
            # "he wrote: 'Congratulations to both countries'": with no agent of its own, the speaker's
            agents = _agents(noun, lexicon) or ([speaker] if speaker is not None else []) or _purpose_agents(noun, prep)
            for agent in agents:
                for obj in objects:
                    yield agent, entry, obj, reporter


def _purpose_agents(noun: Token, prep: Token) -> list[Token]:
    """Return who goes somewhere for an event with someone: "X travelled to Lima for talks with Y"
    (the verb's subjects, for a "with" party of a noun after "for")."""
    head = noun.head
    if prep.lower_ != "with" or noun.dep_ != "pobj" or head.lower_ != "for" or head.head.pos_ != "VERB" \
            or head.head.lemma_.lower() not in TRAVEL_VERBS:  # not "hoped for talks with Y"
        return []
    return list(subjects_of(head.head)[0])


def _coordinated_modifiers(noun: Token) -> list[Token]:
    """Return "US" and "Ukrainian" of "US and Ukrainian officials": modifiers coordinated before a noun."""
    for c in noun.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "conj" for g in c.children):
            return conjuncts(c)
    return []


def _saying(verb: Token, lexicon: Lexicon) -> bool:
    """Return True for a verb of saying (CAMEO 01 in the lexicon): "wrote", "said", "posted"."""
    entry = verb_entry(verb, lexicon)
    return entry is not None and entry.cameo_root == "01"


def participants(noun: Token) -> list[Token]:
    """Return the parties of an event noun: "talks between A and B"; "A's talks with B" and "A and B
    signed a deal" (the subjects of the clause whose object it is)."""
    out = [o for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in PARTY_PREPS
           for p in prep.children if p.dep_ == "pobj" for o in conjuncts(p)]
    if any(prep.lower_ in SYMMETRIC_PREPS for prep in noun.children if prep.dep_ == "prep"):
        return out
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    if verb is not None and verb.pos_ == "VERB":
        out = [*subjects_of(verb)[0], *out]
    return out


def is_event_noun(noun: Token, lexicon: Lexicon) -> bool:
    """Return True for a noun the lexicon knows as an event ("talks", "deal", "ceasefire")."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and any(lexicon.get(f"{lemma} {p}", "NOUN") is not None for p in PARTY_PREPS | {"on", "to"})
