"""Dependency-based clause extraction: a parsed sentence -> Candidate statements.

Small pure functions over spaCy tokens. Grammar lives in the dependency-label sets below;
meaning (which verb is which relation) lives in the lexicon, never here.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon, RelationEntry
from kg.model import Mention

SUBJ_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass"})
OBJ_DEPS = frozenset({"dobj"})
NAMING_DEPS = frozenset({"oprd"})
PREP_DEPS = frozenset({"prep", "dative"})
SMALL_CLAUSE_DEPS = frozenset({"ccomp", "acomp", "xcomp"})
CLAUSE_COMPLEMENT_DEPS = frozenset({"xcomp"})
REPORTED_DEPS = frozenset({"ccomp"})
NEG_WORDS = frozenset({"not", "n't", "never", "no"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Dependents kept when a token becomes a noun-phrase label (left side of the head).
PHRASE_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "npadvmod", "case"})
# Prepositions whose phrase still names the object ("proposal for a ceasefire", "strikes on energy sites").
PHRASE_PREPS = frozenset({"of", "for", "on", "against", "to", "between", "with"})
MAX_PHRASE_TOKENS = 10
REPORTING_ROOT = "01"
# Verbs that only carry the event their object names: "carried out strikes on X" is "struck X".
LIGHT_VERBS = frozenset({"carry out", "launch", "conduct", "stage", "mount", "hold", "have", "make", "resume",
                         "begin", "start", "continue", "unleash", "step up", "intensify", "give", "deliver"})
OBJECT_CONTROL_PREPS = frozenset({"for", "of", "from", "into"})
# Entity types that are circumstances (when, how much), never participants.
NON_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})  # CAMEO root of verbs of saying: their clausal complement is reported speech


OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
HEDGING_MODALS = frozenset({"might", "could", "may", "can"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "provided", "once"})
HEDGING_MARKS = frozenset({"whether"})
# Heads that make their clause uncertain: "it was not clear whether", "analysts expect", "is likely to".
HEDGING_HEADS = frozenset({"expect", "believe", "think", "fear", "hope", "suggest", "likely", "unlikely",
                           "possible", "clear", "unclear", "seem", "appear", "consider", "doubt", "predict"})


@dataclass(frozen=True, slots=True)
class Clause:
    """A predicate with its resolved participants, before patterns are matched."""

    verb: Token
    subjects: tuple[Token, ...]
    negated: bool
    attributed_to: Token | None
    modality: str
    passive: bool


def conjuncts(token: Token) -> list[Token]:
    """Return the token followed by the tokens coordinated with it ("Macron and Scholz")."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def is_negated(verb: Token) -> bool:
    """Return True when the verb (or its auxiliary chain) carries a negation."""
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEG_WORDS) for c in verb.children)


def particle(verb: Token) -> str:
    return " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")


def verb_key(verb: Token) -> str:
    """Return the verb lemma with its particle, as lexicon patterns spell it ("carry out")."""
    prt = particle(verb)
    return f"{verb.lemma_.lower()} {prt}" if prt else verb.lemma_.lower()


def own_subjects(verb: Token) -> tuple[list[Token], bool]:
    """Return the verb's own subjects (with conjuncts) and whether it is passive."""
    subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if subj:
        return [t for s in subj for t in conjuncts(s)], False
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if any(c.dep_ in PASSIVE_SUBJ_DEPS for c in verb.children) or (agents and verb.dep_ == "acl"):
        return [t for a in agents for t in conjuncts(a)], True
    return [], False


def subjects_of(verb: Token, lexicon: Lexicon) -> tuple[list[Token], bool]:
    """Return who does the verb, inherited through coordination, control and relative clauses."""
    subj, passive = own_subjects(verb)
    if subj or passive:
        subj = [verb.head if (s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl") else s for s in subj]
        return subj, passive
    head = verb.head
    if verb.dep_ in CLAUSE_COMPLEMENT_DEPS:
        # "Araqchi is scheduled to visit Moscow": the passive head's subject does the complement.
        controller = [c for c in head.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if controller and not own_subjects(head)[0]:
            return conjuncts(controller[0]), False
    if head.i == verb.i:
        return [], False
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subjects_of(head, lexicon)
    if verb.dep_ in CLAUSE_COMPLEMENT_DEPS:
        # Object control ("urged Iran to halt"): the head's object does the complement.
        objs = [c for c in head.children if c.dep_ in OBJ_DEPS]
        if objs and head.dep_ != "xcomp":
            return conjuncts(objs[0]), False
        return subjects_of(head, lexicon)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return subjects_of(head, lexicon)  # "..., saying it would retaliate"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and prep_governor(head) is not None:
        gov = prep_governor(head)[0]
        objs = [c for c in gov.children if c.dep_ in OBJ_DEPS]
        if objs and head.lower_ in OBJECT_CONTROL_PREPS:
            return conjuncts(objs[0]), False  # "blamed Hamas for refusing"
        return subjects_of(gov, lexicon)  # "responded by accusing"
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("PROPN", "NOUN"):
        return [head], False  # "the minister, speaking in the capital, ..."
    return [], False


def modality(verb: Token) -> str:
    """Return "conditional", "hedged" or "asserted" for the clause of a verb.

    Conditional: the clause, or one it depends on, is introduced by "if"/"unless". Hedged: a
    modal (might, could, may), a question, "whether", or a head of belief or likelihood above it.
    """
    sent_text = verb.sent.text.strip().rstrip('"\u201d\u2019\' ')
    hedged = sent_text.endswith("?")
    node = verb
    while True:
        for c in node.children:
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return "conditional"
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children):
                return "conditional"  # the main clause of "if talks fail, X will …"
            if c.dep_ == "mark" and c.lower_ in HEDGING_MARKS:
                hedged = True
            if c.dep_ == "aux" and c.lower_ in HEDGING_MODALS:
                hedged = True
        if node.head.i == node.i or node.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acomp"):
            break
        node = node.head
        if node.lemma_.lower() in HEDGING_HEADS:
            hedged = True
    return "hedged" if hedged else "asserted"


def has_obligation(verb: Token) -> bool:
    """Return True when the verb carries "must", "should", "has to" or "needs to" ("Iran must stop")."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in ("have", "need") and verb.head.dep_ in ("ccomp", "ROOT", "conj")


def date_of(verb: Token) -> str | None:
    """Return the date expression that modifies the verb's clause ("on Tuesday", "in 2014"), if any.

    A complement or coordinated verb shares its governor's date ("agreed on Tuesday to halt");
    a reported clause does not take the date of its saying.
    """
    node = verb
    while True:
        for ent in verb.sent.ents:
            gov = governing_verb(ent.root) if ent.label_ in ("DATE", "TIME") else None
            if gov is not None and gov.i == node.i:
                return ent.text
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head


def governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above a token, if any."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def according_to(verb: Token) -> Token | None:
    """Return X of "according to X" attached to the verb or its clause heads."""
    node = verb
    while True:
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in c.children:
                    for p in to.children:
                        if p.dep_ == "pobj":
                            return p
        if node.head.i == node.i:
            return None
        node = node.head


def reporter_of(verb: Token, lexicon: Lexicon) -> Token | None:
    """Return who the clause of `verb` is attributed to: the subject of the verb of saying whose
    reported clause holds it, or X of "according to X"."""
    source = according_to(verb)
    if source is not None:
        return source
    node = verb
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ not in REPORTED_DEPS or node.head.i == node.i:
        return None
    saying = node.head
    entry = lexicon.get(verb_key(saying))
    if entry is None or entry.cameo_root != REPORTING_ROOT:
        return None
    subj, _ = subjects_of(saying, lexicon)  # inherited too: "…, saying that …"
    return subj[0] if subj else None


def mention(doc: Doc, token: Token, *, with_preps: bool = True) -> Mention:
    """Return the mention headed by `token`: its named entity, or its noun phrase."""
    kind = "pronoun" if token.pos_ == "PRON" else "name" if token.pos_ == "PROPN" else "nominal"
    if token.ent_type_ and token.ent_iob_ != "O":
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is not None and ent.root.i == token.i or (ent is not None and len(ent) <= 4):
            start, end = _extend_left(token, ent.start), ent.end
            return Mention(doc[start:end].text, start, end, token.i, token.ent_type_, "name")
    start, end = phrase_bounds(token, with_preps=with_preps)
    return Mention(doc[start:end].text, start, end, token.i, token.ent_type_, kind)


def _extend_left(token: Token, start: int) -> int:
    """Include titles and modifiers left of a name ("US President Donald Trump")."""
    lefts = [c.i for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
    for i in lefts:
        start = min(start, token.doc[i].left_edge.i)
    return start


def phrase_bounds(token: Token, *, with_preps: bool = True) -> tuple[int, int]:
    """Return the token offsets of a compact noun phrase around `token` (its "of"/"for"/… phrase too)."""
    start = token.i
    for c in token.lefts:
        if c.dep_ in PHRASE_LEFT_DEPS:
            start = min(start, c.left_edge.i)
    end = token.i + 1
    for c in token.rights:
        if with_preps and c.dep_ == "prep" and c.lower_ in PHRASE_PREPS and c.i == end:
            end = max(end, c.right_edge.i + 1)
        elif c.dep_ in ("compound", "amod", "nummod") and c.i == end:
            end = c.i + 1
        else:
            break
    if end - start > MAX_PHRASE_TOKENS:
        end = max(token.i + 1, start + MAX_PHRASE_TOKENS)
    while end > start + 1 and token.doc[end - 1].is_punct:
        end -= 1
    return start, end


def clause_mention(doc: Doc, verb: Token) -> Mention:
    """Return the complement clause as a nominal object: "halt strikes on X" -> "halt of strikes on X"."""
    objs = [c for c in verb.children if c.dep_ in OBJ_DEPS]
    words = [verb.lemma_]
    end = verb.i + 1
    if objs:
        s, e = phrase_bounds(objs[0])
        words += ["of", doc[s:e].text]
        end = e
    else:
        preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
        if preps:
            p = preps[0]
            e = min(p.right_edge.i + 1, p.i + MAX_PHRASE_TOKENS)
            words.append(doc[p.i:e].text)
            end = e
    return Mention(" ".join(words), verb.i, end, verb.i, "", "clause")


def prep_governor(prep: Token) -> tuple[Token, str] | None:
    """Return the verb a preposition belongs to and its spelling with any adverb between them:
    "refrained from" -> (refrain, "from"); "stopped short of" -> (stop, "short of")."""
    head = prep.head
    if head.pos_ == "VERB":
        return head, prep.lower_
    if head.dep_ == "advmod" and head.head.pos_ == "VERB":
        return head.head, f"{head.lower_} {prep.lower_}"
    return None


def prep_objects(head: Token) -> Iterator[tuple[str, Token]]:
    """Yield (preposition, object) pairs of a token's prepositional dependents."""
    for c in head.children:
        if c.dep_ in PREP_DEPS:  # "dative": "sent a message to Iran"
            for p in c.children:
                if p.dep_ == "pobj":
                    for o in conjuncts(p):
                        yield c.lower_, o


def find_pattern(lexicon: Lexicon, *keys: str) -> tuple[str, RelationEntry | None]:
    """Return the first key the lexicon knows, else the first key with no entry."""
    for key in keys:
        entry = lexicon.get(key)
        if entry is not None:
            return key, entry
    return keys[0], None


def is_participant(token: Token) -> bool:
    """Return True unless the token is a date, number or amount, or a wh-/expletive pronoun."""
    if token.ent_type_ in NON_PARTICIPANT_ENTS:
        return False
    return not (token.pos_ == "PRON" and token.lower_ in ("what", "which", "that", "there", "this", "it", "itself", "themselves"))


def objects(verb: Token, passive: bool, lexicon: Lexicon) -> Iterator[tuple[str, RelationEntry | None, Token | None, Token | None]]:
    """Yield (pattern, entry, object token, complement verb) for one predicate."""
    found = False
    for pat, entry, obj, comp in _raw_objects(verb, passive, lexicon):
        if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            obj = verb.head  # "the deal that the president withdrew from"
        if obj is None or is_participant(obj):
            found = True
            yield pat, entry, obj, comp
    if not found and not passive and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the vessels they attacked": the noun the clause modifies is its missing object.
        subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
        entry = lexicon.get(verb_key(verb))
        if subj and entry is not None and subj[0].lower_ not in RELATIVE_PRONOUNS:
            yield verb_key(verb), entry, verb.head, None


def _raw_objects(verb: Token, passive: bool, lexicon: Lexicon) -> Iterator[tuple[str, RelationEntry | None, Token | None, Token | None]]:
    key = verb_key(verb)
    if passive:
        targets = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if not targets and verb.dep_ == "acl":
            targets = [verb.head]  # "a demand rejected by Hamas"
        for c in targets:
            for o in conjuncts(c):
                pat, entry = find_pattern(lexicon, key)
                yield pat, entry, o, None
        return
    # The first direct object with its conjuncts; a later one is a misparsed apposition
    # ("accused Iran of X - an allegation denied by Iran").
    first = next((c for c in verb.children if c.dep_ in OBJ_DEPS), None)
    dobjs = conjuncts(first) if first is not None else []
    # "kept the US informed" is a lexicon pattern ("keep _ informed"), whichever way the parser
    # attaches the predicate; "called the truce an important step" is naming, not calling anyone.
    predicates = [c for c in verb.children if c.dep_ in NAMING_DEPS
                  or (c.dep_ in SMALL_CLAUSE_DEPS and not any(g.dep_ in SUBJ_DEPS for g in c.children))]
    matched = [(f"{key} _ {p.lower_}", lexicon.get(f"{key} _ {p.lower_}"), o) for o in dobjs for p in predicates]
    matched = [(pat, entry, o) for pat, entry, o in matched if entry is not None]
    for pat, entry, o in matched:
        yield pat, entry, o, None
    if matched or any(c.dep_ in NAMING_DEPS for c in verb.children):
        return
    preps = list(prep_objects(verb))
    # A preposition hanging off an adverb of the verb: "stopped short of a full endorsement".
    preps += [(f"{a.lower_} {p}", o) for a in verb.children if a.dep_ == "advmod" for p, o in prep_objects(a)]
    light_done = False
    for o in dobjs:
        noun = o.lemma_.lower()
        # Light verb + event noun + preposition: "hold talks with X", "send envoys to X"; the
        # preposition may hang off the noun or off the verb.
        for prep, po in [*prep_objects(o), *preps]:
            pat = f"{key} {noun} {prep}"
            entry = lexicon.get(pat)
            if entry is not None:
                light_done = True
                yield pat, entry, po, None
        if not light_done and key in LIGHT_VERBS:
            for prep, po in [*prep_objects(o), *preps]:
                entry = lexicon.get(f"{noun} {prep}", "NOUN")
                if entry is not None:
                    light_done = True
                    yield f"{key} {noun} {prep}", entry, po, None
        if light_done:
            continue
        # Verb + noun without preposition: "extend the truce", "declare a ceasefire".
        pat = f"{key} {noun}"
        if lexicon.get(pat) is not None:
            yield pat, lexicon.get(pat), o, None
            continue
        # "accuse X of Y": the direct object is the target, the prepositional phrase the content.
        with_content = [p for p, _ in preps if lexicon.get(f"{key} _ {p}")]
        if with_content:
            pat = f"{key} _ {with_content[0]}"
            yield pat, lexicon.get(pat), o, None
        else:
            pat, entry = find_pattern(lexicon, key)
            yield pat, entry, o, None
    if light_done:
        return
    for prep, o in preps:
        pat = f"{key} {prep}"
        entry = lexicon.get(pat)
        if entry is None:
            continue  # an adjunct ("in Berlin", "on Tuesday"), or a preposition the lexicon does not know
        yield pat, entry, o, None
    if dobjs:
        return  # "urged both parties to talk": the complement belongs to the object, not to the verb
    for c in verb.children:
        if c.dep_ in CLAUSE_COMPLEMENT_DEPS and c.pos_ in ("VERB", "AUX") and c.lemma_ not in ("be", "have"):
            if any(g.dep_ == "auxpass" for g in c.children):
                continue  # "wants to be remembered": not an event the subject does
            pat, entry = find_pattern(lexicon, f"{key} to", key)
            if entry is not None:
                yield pat, entry, None, c


def clauses(sent: Span, lexicon: Lexicon) -> Iterator[Clause]:
    """Yield each predicate of the sentence with its subjects, negation, source and modality."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        subjects, passive = subjects_of(verb, lexicon)
        if not subjects:
            continue
        negated = is_negated(verb) or _negated_by_governor(verb, lexicon)
        yield Clause(verb, tuple(subjects), negated, reporter_of(verb, lexicon), modality(verb), passive)


def governor_keys(gov: Token, prep: str) -> list[str]:
    """Return the lexicon keys of a governing verb with its preposition, most specific first
    ("stop short of", "refrain from", "refuse to")."""
    return [f"{verb_key(gov)} {prep}", verb_key(gov)]


def _negated_by_governor(verb: Token, lexicon: Lexicon) -> bool:
    """Return True when a governing verb denies the complement ("refused to support",
    "stopped short of endorsing"), or a negated governor does ("did not agree to halt")."""
    if verb.dep_ in CLAUSE_COMPLEMENT_DEPS:
        gov, prep = verb.head, "to"
    elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and prep_governor(verb.head) is not None:
        gov, prep = prep_governor(verb.head)
    else:
        return False
    entry = next((e for k in governor_keys(gov, prep) if (e := lexicon.get(k)) is not None), None)
    governor_negative = entry is not None and entry.negative
    return governor_negative != is_negated(gov)
