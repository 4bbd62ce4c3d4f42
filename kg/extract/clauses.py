"""Clauses: each predicate of a sentence with who does it, whether it happened, and whose words it is.

A complement clause is not always a deed: "agreed to halt" is an undertaking, "refused to meet"
a refusal, "hoped that X would agree" a hope, "demanded that X leave" a demand. The word that
governs the complement decides (ontology/complements.csv); the clause's `role` says which.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.grammar import (
    CLAUSE_COMPLEMENT_DEPS,
    NON_PARTICIPANT_ENTS,
    SUBJ_DEPS,
    is_negated,
    lemmas,
    prep_governor,
    sentence_start,
    subjects_of,
    through_measure,
    verb_keys,
)
from kg.extract.lexicon import Lexicon, RelationEntry

REPORTED_DEPS = frozenset({"ccomp"})
REPORTING_ROOT = "01"  # CAMEO root of verbs of saying: their clausal complement is reported speech
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
HEDGING_MODALS = frozenset({"might", "could", "may", "can"})
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "provided", "once"})
HEDGING_MARKS = frozenset({"whether"})
# Roles of a clause. A "deed" is stated (asserted, hedged or conditional by its modality); the
# others are what a governing word makes of its complement, and become that word's statement.
DEED, INTENT, REFUSAL, APPEAL, DEMAND, DENY, OBLIGATION, OPEN = (
    "deed", "intent", "refusal", "appeal", "demand", "deny", "obligation", "open")
NOT_DEEDS = frozenset({INTENT, REFUSAL, APPEAL, DEMAND, DENY, OBLIGATION, OPEN})
EXCLUDE = "exclude"  # the class of "rule out": a refusal, or negated ("did not rule out"), an act left open


@dataclass(frozen=True, slots=True)
class Clause:
    """A predicate with its participants, before patterns are matched."""

    verb: Token
    subjects: tuple[Token, ...]
    negated: bool
    attributed_to: Token | None
    modality: str  # "asserted", "hedged" or "conditional"
    passive: bool
    future: bool  # will, would, shall, "is going to": an act announced, not done
    role: str  # DEED, or what the governing word makes of the clause (INTENT, REFUSAL, …)
    governor: Token | None = None  # the word whose complement this clause is ("agreed" of "agreed to halt")


def complement_governor(verb: Token) -> tuple[Token, list[str]] | None:
    """Return the word a complement clause depends on, with its lookup keys ("refuse to", "refuse")."""
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ in CLAUSE_COMPLEMENT_DEPS or (verb.dep_ in ("acl", "advcl") and _has_to(verb)):
        if head.lemma_ == "go" and head.tag_ == "VBG" and any(c.lemma_ == "be" for c in head.children):
            return head, ["be going"]  # "is going to impose": a future, not a journey
        if verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX"):
            return head, []  # a purpose ("called X to urge him"): intended, whatever the verb takes as complements
        keys = verb_keys(head) if head.pos_ in ("VERB", "AUX") else lemmas(head)
        return head, [*(f"{k} to" for k in keys), *keys, head.lower_]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ == "VERB" and verb.i > head.i \
            and not any(c.dep_ == "mark" for c in verb.children) and not any(c.dep_ == "dobj" for c in head.children) \
            and not any(t.is_punct for t in verb.doc[head.i + 1:verb.i]):
        return head, verb_keys(head)  # "ruled out sending troops", read as an adverbial: a complement if the verb takes one
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        gov = prep_governor(head)
        if gov is not None:
            keys = verb_keys(gov[0]) if gov[0].pos_ == "VERB" else lemmas(gov[0])
            return gov[0], [*(f"{k} {gov[1]}" for k in keys), *keys, gov[0].lower_]
    if verb.dep_ in REPORTED_DEPS and head.pos_ in ("VERB", "AUX", "ADJ"):
        return head, [*verb_keys(head), head.lower_]
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


@dataclass(frozen=True, slots=True)
class Role:
    """What the word governing a complement clause makes of it."""

    governor: Token | None
    role: str = DEED
    negated: bool = False  # the negation it takes from its governor ("did not manage to", "failed to")
    hedged: bool = False  # the governor only believes, expects or attempts it
    future: bool = False  # the governor announces it ("is scheduled to visit")


def complement_role(verb: Token, lexicon: Lexicon) -> Role:
    """Return what the word that governs a clause makes of it (a deed, an intent, a refusal, …).

    A verb coordinated with a complement shares its role ("agreed not to threaten or use force":
    "use" is an undertaking too, never a deed).
    """
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.tag_ == verb.head.tag_ and verb.tag_ in ("VB", "VBG") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        shared = complement_role(verb.head, lexicon)
        if shared.governor is not None:
            return shared
    found = complement_governor(verb)
    if found is None:
        return Role(None)
    gov, keys = found
    cls = lexicon.complement_class(*keys)
    if cls is None and verb.dep_ == "advcl":
        return Role(None)  # "…, saying it would retaliate": an adverbial, not what the verb takes
    if cls is None:
        entry = next((e for k in keys if (e := lexicon.get(k)) is not None), None)
        if entry is not None and entry.negative and verb.dep_ not in REPORTED_DEPS:
            cls = "negative"  # "declined to …", not "rejected that …" (a reported clause is not its act)
        elif verb.dep_ in REPORTED_DEPS or verb.dep_ == "pcomp":
            return Role(gov)  # "announced they are restoring", "said after meeting": stated, not doubted
        else:
            # An unknown word over an infinitive ("is poised to", "moved swiftly to"): not known to have happened.
            return Role(gov, hedged=True)
    gov_negated = is_negated(gov) or (gov.pos_ == "ADJ" and is_negated(gov.head))
    if cls == "implicative":
        return Role(gov, negated=gov_negated)
    if cls == "negative":
        return Role(gov, negated=not gov_negated)
    if cls == "future":
        return Role(gov, negated=gov_negated, future=True)
    if cls == "hedge":
        return Role(gov, hedged=True)
    if cls == EXCLUDE:
        return Role(gov, OPEN if gov_negated else REFUSAL)
    if cls == APPEAL and verb.dep_ in REPORTED_DEPS:
        return Role(gov)  # "told reporters that X would": what was told, not an appeal
    if cls == INTENT and verb.dep_ in REPORTED_DEPS and not is_future(verb) and not has_obligation(verb):
        return Role(gov)  # "warned that Russia has increased its production": reported, not intended
    if cls == DEMAND and verb.dep_ in REPORTED_DEPS and not _subjunctive(verb):
        return Role(gov)  # "insisted that X remained": a claim, not a demand
    return Role(gov, cls)


def _subjunctive(verb: Token) -> bool:
    """Return True for the mood of a demand: "that X leave", "that X should leave", "that X be freed"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & OBLIGATION_MODALS:
        return True
    # a base form, which the tagger may read as a present plural ("demanded that Belgrade cooperate")
    return verb.tag_ in ("VB", "VBP") and not aux & (FUTURE_MODALS | HEDGING_MODALS | {"to", "do", "did", "does"})


def modality(verb: Token, lexicon: Lexicon) -> str:
    """Return "conditional", "hedged" or "asserted" for the clause of a verb.

    Conditional: the clause, or one it depends on, is introduced by "if"/"unless". Hedged: a
    modal (might, could, may), a counterfactual ("would have"), a question, "whether", or a
    governing word of belief or expectation ("hoped that", "is likely to").
    """
    hedged = _question(verb)
    node = verb
    while True:
        for c in node.children:
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return "conditional"
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children) \
                    and not (node.i == verb.i and _made_threat(verb, lexicon)):
                return "conditional"  # the main clause of "if talks fail, X will …"
            if c.dep_ == "mark" and c.lower_ in HEDGING_MARKS:
                hedged = True
            if c.dep_ == "aux" and c.lower_ in HEDGING_MODALS:
                hedged = True
        if _counterfactual(node):
            hedged = True
        if node.head.i == node.i or node.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acomp", "pcomp", "prep"):
            break
        gov = complement_governor(node)
        if gov is not None and lexicon.complement_class(*gov[1]) == "hedge":
            hedged = True
        node = node.head
    return "hedged" if hedged else "asserted"


def verb_entry(verb: Token, lexicon: Lexicon) -> RelationEntry | None:
    """Return the lexicon's entry for the verb, by its first spelling the lexicon knows ("carry out", "carry")."""
    return next((e for k in verb_keys(verb) if (e := lexicon.get(k)) is not None), None)


def _made_threat(verb: Token, lexicon: Lexicon) -> bool:
    """Return True for a threat or warning that was made ("threatened military action if X refused"):
    its "if" is what the threat holds over someone, not a doubt that it was made."""
    entry = verb_entry(verb, lexicon)
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return entry is not None and entry.cameo_root == "13" and verb.tag_ in ("VBD", "VBN", "VBZ") \
        and not aux & (FUTURE_MODALS | HEDGING_MODALS)


def _question(verb: Token) -> bool:
    """Return True when the verb's sentence is a question (it ends with "?", before closing quotes),
    from a table made once per document."""
    doc = verb.doc
    table = doc.user_data.get("geokg_questions")
    if table is None:
        table = doc.user_data["geokg_questions"] = [False] * len(doc)
        for sent in doc.sents:
            if sent.text.strip().rstrip('"\u201d\u2019\' ').endswith("?"):
                table[sent.start:sent.end] = [True] * (sent.end - sent.start)
    return table[verb.i]


def _counterfactual(verb: Token) -> bool:
    """Return True for "would have supported": what did not happen."""
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return "have" in aux and any(a in ("would", "could", "might", "should") for a in aux)


def is_future(verb: Token) -> bool:
    """Return True when the clause announces an act: "will strike", "would impose"."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(aux & FUTURE_MODALS) and not _counterfactual(verb)


def has_obligation(verb: Token) -> bool:
    """Return True when the verb carries "must", "should", "has to" or "needs to" ("Iran must stop"),
    itself or through the verb it is coordinated with ("must drop its claims and withdraw")."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children) and not _counterfactual(verb):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("have", "need") and verb.head.dep_ in ("ccomp", "ROOT", "conj"):
        return True
    own_aux = any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children)
    return verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not own_aux and has_obligation(verb.head)


def _date_entities(token: Token) -> list:
    """The DATE and TIME entities of the token's sentence. doc.ents is rebuilt on every access,
    so they are gathered once per document (keyed by sentence start), keeping long texts linear."""
    doc = token.doc
    by_sentence = doc.user_data.get("geokg_dates")
    if by_sentence is None:
        by_sentence = doc.user_data["geokg_dates"] = {}
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                by_sentence.setdefault(sentence_start(ent[0]), []).append(ent)  # ent.sent.start
    return by_sentence.get(sentence_start(token), [])


def date_of(verb: Token) -> str | None:
    """Return the date expression that modifies the verb's clause ("on Tuesday", "in 2014"), if any.

    A complement or coordinated verb shares its governor's date ("agreed on Tuesday to halt");
    a reported clause does not take the date of its saying. Found once per verb of a document.
    """
    memo = verb.doc.user_data.get("geokg_date_of")
    if memo is None:
        memo = verb.doc.user_data["geokg_date_of"] = {}
    if verb.i not in memo:
        memo[verb.i] = _date_of(verb)
    return memo[verb.i]


def _date_of(verb: Token) -> str | None:
    from kg.extract.grammar import governing_verb

    node = verb
    dates = _date_entities(verb)
    while True:
        for ent in dates:
            gov = governing_verb(ent.root)
            if gov is not None and gov.i == node.i:
                return ent.text
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head


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
    while node.head.i != node.i and node.dep_ in ("conj", "xcomp", "ccomp"):
        # up through coordinations, complements and reported clauses to the nearest verb of saying
        # ("He added: 'We're negotiating …; we're going to …'", however the parser nests the quote)
        if node.dep_ in REPORTED_DEPS:
            saying = node.head
            entry = verb_entry(saying, lexicon)
            if entry is not None and entry.cameo_root == REPORTING_ROOT:
                subj, _ = subjects_of(saying)  # inherited too: "…, saying that …"
                return subj[0] if subj else None
        node = node.head
    return None


def _expletive_it(verb: Token, subjects: list[Token], lexicon: Lexicon) -> bool:
    """Return True when the only subject of an infinitive is the "it" of an extraposition ("it is
    important to support X", "would find it hard to agree"): nobody does the act. An adjective
    that takes its subject's act ("it is ready to talk": ready, willing, able) keeps it."""
    if len(subjects) != 1 or subjects[0].lower_ != "it":
        return False
    # a verb that takes its subject from such an infinitive ("hard to agree without hashing out
    # terms and getting guarantees") has nobody doing it either
    while not _has_to(verb) and verb.dep_ in ("pcomp", "conj") and not any(c.dep_ in SUBJ_DEPS for c in verb.children):
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
    if not _has_to(verb) or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    gov = verb.head
    if gov.pos_ == "AUX" or gov.lemma_ == "be":
        gov = next((c for c in gov.children if c.dep_ == "acomp"), gov)
    if gov.pos_ == "ADJ":
        return lexicon.complement_class(*lemmas(gov), gov.lower_) is None
    return gov.lemma_ == "be"


def clauses(sent: Span, lexicon: Lexicon) -> Iterator[Clause]:
    """Yield each predicate of the sentence with its subjects, negation, source, modality and role."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        subjects, passive = subjects_of(verb)
        subjects = [through_measure(s) for s in subjects]  # "three of the gunmen", "dozens of protesters"
        subjects = [s for s in subjects if s.ent_type_ not in NON_PARTICIPANT_ENTS]  # not "Tuesday, the 18th of March,"
        if not subjects or _expletive_it(verb, subjects, lexicon):
            continue
        how = complement_role(verb, lexicon)
        role = OBLIGATION if how.role == DEED and has_obligation(verb) else how.role
        mode = modality(verb, lexicon)
        if how.hedged and mode == "asserted":
            mode = "hedged"
        negated = is_negated(verb) != how.negated
        yield Clause(verb, tuple(subjects), negated, reporter_of(verb, lexicon), mode, passive,
                     is_future(verb) or how.future, role, how.governor)
