"""Dependency grammar over spaCy tokens: who does a verb, what a phrase spans, which verb governs.

Small pure functions. Grammar lives in the dependency-label sets below; meaning (which verb is
which relation) lives in the lexicon, never here.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.model import QUOTE_MARKS, Mention

SUBJ_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass"})
OBJ_DEPS = frozenset({"dobj"})
PREP_DEPS = frozenset({"prep", "dative"})
CLAUSE_COMPLEMENT_DEPS = frozenset({"xcomp"})
NEG_WORDS = frozenset({"not", "n't", "never", "no"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
HYPHENS = frozenset({"-", "‐", "‑"})
PARTICLE_ADVERBS = frozenset({"back", "out", "off", "down", "up", "away", "in", "over"})
RECIPROCALS = frozenset({"each other", "one another"})
# Dependents kept when a token becomes a noun-phrase label (left side of the head).
PHRASE_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "npadvmod", "case"})
# Prepositions whose phrase still names the object ("proposal for a ceasefire", "strikes on energy sites").
PHRASE_PREPS = frozenset({"of", "for", "on", "against", "to", "between", "with"})
MAX_PHRASE_TOKENS = 8
NAMING_DEPS = frozenset({"oprd"})
NAMING_VERBS = frozenset({"call", "brand", "label", "dub", "term", "deem", "declare"})  # "called X a dictator"
CONTACT_VERBS = frozenset({"call", "telephone", "phone", "ring", "meet", "visit", "write"})  # "phoned X to …": a purpose
OBJECT_CONTROL_PREPS = frozenset({"for", "of", "from", "into"})
# Entity types that are circumstances (when, how much), never participants.
NON_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
NON_PARTICIPANT_PRONOUNS = frozenset({"what", "which", "that", "there", "this", "it", "itself", "themselves",
                                      "something", "anything", "nothing", "everything"})
# Quantities standing as objects ("asking very little of Russia"): the target is elsewhere.
QUANTITY_WORDS = frozenset({"little", "much", "more", "less", "lot", "all", "none", "nothing", "everything",
                            "part"})  # "for his part"
# Nouns that count or measure what their "of" phrase names ("several hours of talks", "dozens of
# strikes", "a round of talks"): the act is the noun after "of".
MEASURE_NOUNS = frozenset({"hour", "day", "week", "month", "year", "round", "series", "number", "dozen", "dozens",
                           "hundred", "hundreds", "thousand", "thousands", "couple", "pair", "string", "wave", "spate",
                           "flurry", "lot", "set", "host", "range", "raft", "slew", "kind", "sort", "type", "form",
                           "million", "millions", "billion", "billions", "tens", "scores"})
PARTITIVES = frozenset({"some", "many", "several", "most", "few", "none", "both", "each", "one", "two", "three", "four",
                        "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands"})
# Prepositions of time: "after speaking with X" belongs to the main clause, not to a complement.
TEMPORAL_PREPS = frozenset({"after", "before", "while", "since", "upon", "during", "following"})


def joint_noun(token: Token) -> Token | None:
    """Return the common noun coordinated with a common noun as one idea ("international peace and
    security", "sovereignty and territorial integrity"): "and" with no determiner, no name on either
    side. Such a pair is one object, not two."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    rights = list(token.rights)
    for k, c in enumerate(rights[:-1]):
        if c.dep_ == "cc" and c.lower_ == "and":
            nxt = rights[k + 1]
            if nxt.dep_ == "conj" and nxt.pos_ == "NOUN" and not nxt.ent_type_ and nxt.tag_ == token.tag_ == "NN" \
                    and not any(g.dep_ in ("det", "poss", "nummod", "cc", "conj") for g in nxt.children):
                return nxt
    return None


def sentence_start(token: Token) -> int:
    """Return where the token's sentence starts (token.sent.start), from a table made once per document."""
    doc = token.doc
    starts = doc.user_data.get("geokg_sentence_starts")
    if starts is None:
        starts = doc.user_data["geokg_sentence_starts"] = [0] * len(doc)
        for sent in doc.sents:
            starts[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
    return starts[token.i]


def conjuncts(token: Token) -> list[Token]:
    """Return the token with the tokens coordinated with it ("Macron and Scholz"), in text order.

    A name the parser hung as a modifier carrying its own "and" ("Mali and Burkina Faso" read as
    "[Mali and] Burkina Faso") is coordinated too.
    """
    hung = [c for c in token.lefts if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and token.pos_ == "PROPN"
            and any(g.dep_ == "cc" for g in c.children)]
    joint = joint_noun(token)
    return [*hung, token, *[c for c in token.conjuncts if c.i > token.i and (joint is None or c.i != joint.i)]]


def is_negated(verb: Token) -> bool:
    """Return True when the verb (or its auxiliary chain) carries a negation ("did not", "no longer")."""
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEG_WORDS)
               or (c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children))
               for c in verb.children)


def particle(verb: Token) -> str:
    return " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")


def _memo(token: Token, table: str, make) -> list[str]:
    """Return make(token) as a new list, made once per token of a document (kept in its user_data)."""
    memo = token.doc.user_data.get(table)
    if memo is None:
        memo = token.doc.user_data[table] = {}
    found = memo.get(token.i)
    if found is None:
        found = memo[token.i] = tuple(make(token))
    return list(found)


def lemmas(token: Token) -> list[str]:
    """Return the token's lemma, then the other base forms its spelling allows.

    The small English model's rule lemmatizer misreads some regular forms ("hoped" -> "hop",
    "eased" -> "eas"); the spelling-based alternatives let the lexicon still find the verb.
    """
    return _memo(token, "geokg_lemmas", _lemmas)


def _lemmas(token: Token) -> list[str]:
    word, lemma = token.lower_, token.lemma_.lower()
    out = [lemma]
    if token.tag_ in ("VBD", "VBN") or (token.pos_ == "ADJ" and word.endswith("ed")):
        if word.endswith("ed"):
            out += [word[:-1], word[:-2]]
            if len(word) > 4 and word[-3] == word[-4]:
                out.append(word[:-3])  # "committed" -> "commit"
    elif token.tag_ == "VBG" and word.endswith("ing"):
        out += [word[:-3] + "e", word[:-3]]
    elif token.tag_ == "VBZ" and word.endswith("s"):
        out += [word[:-1], word[:-2]]
    elif token.tag_ in ("NNS", "NNPS") and word.endswith("s"):
        out += [word[:-3] + "y"] if word.endswith("ies") else [word[:-1], word[:-2]]
    return list(dict.fromkeys(w for w in out if w))


def verb_keys(verb: Token) -> list[str]:
    """Return the verb's lexicon spellings with its particle, best first ("carry out").

    An adverb the parser attaches where a particle belongs ("turned back the flights") counts as one.
    """
    return _memo(verb, "geokg_verb_keys", _verb_keys)


def _verb_keys(verb: Token) -> list[str]:
    prt = particle(verb) or next((c.lower_ for c in verb.children if c.dep_ == "advmod"
                                   and c.lower_ in PARTICLE_ADVERBS and c.i == verb.i + 1), "")
    keys = [f"{lemma} {prt}" if prt else lemma for lemma in lemmas(verb)]
    return keys if not prt or particle(verb) else [*keys, *lemmas(verb)]


def own_subjects(verb: Token) -> tuple[list[Token], bool]:
    """Return the verb's own subjects (with conjuncts) and whether it is passive."""
    subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    # A subject the parser hung on the auxiliary ("Chile is committed": "Chile" under "is").
    subj += [g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ in SUBJ_DEPS]
    if subj:
        return [t for s in subj for t in conjuncts(s)], False
    agents = _by_agents(verb)
    if any(c.dep_ in PASSIVE_SUBJ_DEPS for c in verb.children) or (agents and verb.dep_ == "acl"):
        return agents, True
    return [], False


def _by_agents(verb: Token) -> list[Token]:
    """Return a passive verb's agents, with their conjuncts ("was struck by X and Y")."""
    return [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]


def _reduced_passive(verb: Token) -> bool:
    """Return True for a participle with a "by" phrase and no auxiliary that the parser did not read
    as passive ("X, branded a threat by Y, won"): Y did it, to X, so it is not X's own act, and
    who the parser would make its subject is wrong."""
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ not in ("acl", "relcl") \
        and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.dep_ == "prep" and c.lower_ == "by" and any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children)
                for c in verb.children)


def subjects_of(verb: Token) -> tuple[list[Token], bool]:
    """Return who does the verb, inherited through coordination, control and relative clauses."""
    if _reduced_passive(verb):
        return [], False
    subj, passive = own_subjects(verb)
    if subj or passive:
        if verb.dep_ == "relcl" and any(s.lower_ in RELATIVE_PRONOUNS for s in subj):
            return _antecedents(verb), passive
        return subj, passive
    head = verb.head
    if verb.dep_ in CLAUSE_COMPLEMENT_DEPS:
        # "X is scheduled to visit Moscow": the passive head's subject does the complement.
        controller = [c for c in head.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if controller and not own_subjects(head)[0]:
            return conjuncts(controller[0]), False
    if head.i == verb.i:
        return [], False
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if _after_other_clause(head, verb):
            return [], False
        if any(c.dep_ == "auxpass" for c in verb.children):
            # "X arrived and was granted asylum by Y": the shared subject is the patient, Y the agent
            return _by_agents(verb), True
        if _after_reported_copula(head, verb):
            if head.tag_ in ("VBZ", "VBP") and head.dep_ == "ccomp" and head.head.tag_ == "VBD":
                return subjects_of(head.head)  # "said Y is ready but rejected Z": the tense goes with "said"
            return [], False
        return subjects_of(head)
    if verb.dep_ in CLAUSE_COMPLEMENT_DEPS:
        # Object control ("urged Iran to halt"): the head's object does the complement; not the
        # purpose of a call or a visit ("telephoned X to apologise": the caller apologises).
        objs = [c for c in head.children if c.dep_ in OBJ_DEPS]
        if objs and head.dep_ != "xcomp" and head.lemma_.lower() not in CONTACT_VERBS:
            return conjuncts(objs[0]), False
        return subjects_of(head)
    if verb.dep_ == "acomp" or (verb.pos_ == "ADJ" and verb.dep_ in ("amod", "conj")):
        return subjects_of(head)  # "Iran is ready to talk": ready's subject is the copula's
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and _reduced_relative(head, verb):
        return [], False
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return subjects_of(head)  # "..., saying it would retaliate"; "called X on Tuesday to urge him …"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and prep_governor(head) is not None:
        gov = prep_governor(head)[0]
        while head.lower_ in TEMPORAL_PREPS and gov.dep_ in CLAUSE_COMPLEMENT_DEPS:
            gov = gov.head  # "ordered the army to stop strikes after speaking with X": the orderer spoke
        objs = [c for c in gov.children if c.dep_ in OBJ_DEPS]
        if objs and head.lower_ in OBJECT_CONTROL_PREPS:
            return conjuncts(objs[0]), False  # "blamed Hamas for refusing"
        patients = [c for c in gov.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if patients and head.lower_ in OBJECT_CONTROL_PREPS and head.head.i == gov.i:
            return conjuncts(patients[0]), False  # "X was accused by Y of failing to …": X failed
        found, _ = subjects_of(gov)  # "responded by accusing", "committed to finding"
        patient = [c for c in gov.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        if not found and patient:
            return conjuncts(patient[0]), False  # "X is committed to maintaining": X maintains
        return found, False
    if verb.dep_ in ("acl", "advcl") and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return noun_agents(head), False  # "the decision of X and Y to withdraw", "X's refusal to accept"
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("PROPN", "NOUN"):
        return [head], False  # "the minister, speaking in the capital, ..."
    return [], False


def _antecedents(relcl: Token) -> list[Token]:
    """Return what a relative pronoun stands for: the noun the clause hangs on or, when that noun
    is coordinated, the whole coordination if the verb agrees with a plural ("Washington and Seoul,
    which have accused …"), else the nearest conjunct ("Peru and Bolivia, which has accused …")."""
    head = relcl.head
    first = head
    while first.dep_ == "conj" and first.head.pos_ == first.pos_:
        first = first.head
    group = conjuncts(first)
    if len(group) == 1:
        return [head]
    plural = relcl.tag_ == "VBP" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("have", "are", "were")
                                         for c in relcl.children)
    if plural:
        return group
    before = [t for t in group if t.i < relcl.left_edge.i]
    return [before[-1]] if before else [head]


def _after_other_clause(head: Token, verb: Token) -> bool:
    """Return True when a verb coordinated with `head` comes after a subordinate clause of `head`
    with a subject of its own ("X watched as Y courted A, isolated B and insulted C"): the parser
    hangs the last conjunct on the main verb, but it may as well be the subordinate clause's, so
    who does it is unsure and the clause gets no subject."""
    doc = head.doc
    return any(t.dep_ == "advcl" and own_subjects(t)[0] and head in t.ancestors for t in doc[head.i + 1:verb.i])


def _reduced_relative(head: Token, verb: Token) -> bool:
    """Return True when a participle the parser hangs on the verb follows the verb's noun object with
    no comma between ("vetoed a resolution in October calling for a pause"): it most likely says
    what the object does, not what the subject does ("…, saying it would retaliate" has its comma)."""
    objs = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i and c.pos_ == "NOUN"]
    return bool(objs) and not any(t.is_punct for t in head.doc[objs[0].i:verb.i])


def _after_reported_copula(head: Token, verb: Token) -> bool:
    """Return True for a past-tense deed coordinated with the copula of a reported clause ("X said
    that Y was a criminal and accused Z of …"): the parser hangs it on the copula, but it is as
    likely the speaker's second act, so who does it is unsure (unless the tenses tell: "said Y is
    ready but rejected Z" is the speaker's). A conjunct with its own auxiliary stays in the reported
    clause ("said Y was ready and would sign")."""
    reported = head.dep_ in ("ccomp", "acl") or any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
    return head.lemma_ == "be" and reported and verb.tag_ == "VBD" \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def noun_agents(noun: Token) -> list[Token]:
    """Return who does what an event noun names: its possessor ("X's refusal"), its "of"/"by" phrase
    ("the decision of X and Y"), else the subject of the clause it is the object of ("X announced a plan")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return conjuncts(c)
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "by"):
            found = [o for p in c.children if p.dep_ == "pobj" for o in conjuncts(p)]
            if found and any(o.pos_ in ("PROPN", "PRON") or o.ent_type_ for o in found):
                return found
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        return subjects_of(noun.head)[0]
    return []


def governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above a token, if any."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def prep_governor(prep: Token) -> tuple[Token, str] | None:
    """Return the word a preposition belongs to and its spelling with any adverb between them:
    "refrained from" -> (refrain, "from"); "stopped short of" -> (stop, "short of");
    "committed to" -> (committed, "to")."""
    head = prep.head
    if head.pos_ in ("VERB", "ADJ"):
        return head, prep.lower_
    if head.dep_ == "advmod" and head.head.pos_ == "VERB":
        return head.head, f"{head.lower_} {prep.lower_}"
    return None


def hyphen_piece(token: Token) -> bool:
    """Return True for a hyphen, or a word glued to a following hyphen, inside a hyphenated word
    the parser split ("de-escalation" read as "de", "-", "escalation")."""
    doc = token.doc
    if token.text in HYPHENS:
        return True
    return token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS and not token.whitespace_


def prep_objects(head: Token) -> Iterator[tuple[str, Token]]:
    """Yield (preposition, object) pairs of a token's prepositional dependents."""
    for c in head.children:
        if c.dep_ in PREP_DEPS:  # "dative": "sent a message to Iran"
            for p in c.children:
                if p.dep_ == "pobj" and not hyphen_piece(p):
                    for o in conjuncts(p):
                        yield c.lower_, o


def through_measure(noun: Token) -> Token:
    """Return the noun a measure word or number counts ("hours of talks" -> talks, "three of the
    gunmen" -> gunmen), else the noun itself."""
    counted = noun.pos_ == "NUM" or noun.lower_ in PARTITIVES
    if noun.lemma_.lower() not in MEASURE_NOUNS and noun.lower_ not in MEASURE_NOUNS and not counted:
        return noun
    return next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), noun)


def is_participant(token: Token) -> bool:
    """Return True unless the token is a date, number or amount, or a wh-/expletive pronoun."""
    if token.ent_type_ in NON_PARTICIPANT_ENTS or token.lower_ in QUANTITY_WORDS:
        return False
    return not (token.pos_ == "PRON" and token.lower_ in NON_PARTICIPANT_PRONOUNS)


def is_reciprocal(token: Token) -> bool:
    """Return True for "each other" / "one another" headed by `token`."""
    if token.dep_ != "case" and not any(token.lower_ in r for r in RECIPROCALS):
        return False  # its own word is not one of theirs (the subtree's words are read only then)
    words = " ".join(t.lower_ for t in token.subtree if t.dep_ != "case")
    return words in RECIPROCALS


def the_other(token: Token) -> bool:
    """Return True for "the other" standing alone ("each side threatened the other")."""
    return token.lower_ == "other" and any(c.lower_ == "the" for c in token.lefts) and not any(
        c.pos_ in ("NOUN", "PROPN") for c in token.children)


CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                            "february", "march", "april", "may", "june", "july", "august", "september", "october",
                            "november", "december"})


def _a_date(token: Token) -> bool:
    """Return True for a date word ("on Monday", "in March", "on 5 June"); the tagger also calls
    some names dates ("in defence of Niger"), so a proper noun counts only if it is a calendar word."""
    return token.ent_type_ in ("DATE", "TIME") and (token.pos_ != "PROPN" or token.lower_ in CALENDAR_WORDS)


def _own_subject(relcl: Token) -> bool:
    """Return True when a relative clause has a subject of its own: one that is no relative pronoun,
    or a relative pronoun that is its object ("a plan that Peru rejects", "a deal Chile signed")."""
    return any((c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS)
               or (c.dep_ in ("dobj", "pobj") and c.lower_ in RELATIVE_PRONOUNS) for c in relcl.children)


def phrase_bounds(token: Token, *, with_preps: bool = True, relative: bool = True) -> tuple[int, int]:
    """Return the token offsets of a compact noun phrase around `token` (its "of"/"for"/… phrase and,
    when `relative`, its relative clause too)."""
    start = token.i
    for c in token.lefts:
        if c.dep_ in PHRASE_LEFT_DEPS:
            start = min(start, c.left_edge.i)
    doc = token.doc
    while start >= 2 and doc[start - 1].text in HYPHENS and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        start -= 2  # the rest of a split hyphenated word: "de-" of "de-escalation"
        for c in doc[start].lefts:
            if c.dep_ in PHRASE_LEFT_DEPS:
                start = min(start, c.left_edge.i)
    end = token.i + 1
    for c in token.rights:
        if with_preps and c.dep_ == "prep" and c.lower_ in PHRASE_PREPS and c.i == end \
                and not any(_a_date(p) for p in c.children if p.dep_ == "pobj"):
            comma = next((t.i for t in token.doc[c.i:c.right_edge.i + 1] if t.text == ","), None)
            end = max(end, comma if comma is not None else c.right_edge.i + 1)  # not into a clause after a comma
        elif with_preps and relative and c.dep_ == "relcl" and c.left_edge.i == end and token.pos_ == "NOUN" \
                and not _own_subject(c):
            # "moves that de-escalate tensions": what the thing is; not "a plan that Peru rejects",
            # which is another party's stance on it
            end = max(end, c.right_edge.i + 1)
        elif c.dep_ in ("compound", "amod", "nummod") and c.i == end:
            end = c.i + 1
        elif c.dep_ == "cc" and c.i == end and (joint := joint_noun(token)) is not None:
            end = joint.i + 1  # "peace and security": one idea, one phrase
        else:
            break
    while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2  # the rest of a split hyphenated word: "-election" of "re-election"
    limit = MAX_PHRASE_TOKENS + sum(1 for t in doc[start:end] if t.text in QUOTE_MARKS)  # quotation marks are no words
    if end - start > limit:
        # cut a long phrase before a nested preposition ("goal of spending 5 percent | of their GDP")
        cuts = [t.i for t in token.doc[token.i + 1:start + limit] if t.dep_ == "prep" and t.head.i != token.i]
        end = cuts[-1] if cuts else max(token.i + 1, start + limit)
    while end > token.i + 1 and (token.doc[end - 1].is_punct or token.doc[end - 1].pos_ in ("DET", "ADP", "CCONJ")):
        end -= 1  # a cut phrase ends on a word, not on "a", "of" or "and"
    return start, end


def named_by_free_relative(verb: Token) -> Token | None:
    """Return the noun a free relative names ("condemned what the ministry called China's reckless
    actions": the actions), or None."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_.lower() in NAMING_VERBS and c.i > verb.i \
                and any(w.lower_ == "what" and w.dep_ in ("dobj", "nsubj") for w in c.children):
            return next((n for n in c.children if n.dep_ in (*NAMING_DEPS, "attr", "xcomp", "dobj")
                         and n.pos_ in ("NOUN", "PROPN") and n.lower_ != "what"), None)
    return None


def clause_mention(doc: Doc, verb: Token) -> Mention:
    """Return a complement clause as a nominal object: "halt strikes on X" -> "halt of strikes on X"."""
    # not "know of what"; "expel millions of migrants" counts its migrants
    objs = [c for c in verb.children if c.dep_ in OBJ_DEPS and (is_participant(c) or through_measure(c).i != c.i)] \
        or [n for n in [named_by_free_relative(verb)] if n is not None]  # "send what it called peacekeepers"
    words = [verb_keys(verb)[0]]  # with its particle: "set up of a naval base"
    end = verb.i + 1
    if objs:
        s, e = phrase_bounds(objs[0])
        # "had any role in the attack" is "any role in the attack": "have" names nothing of its own
        words = [doc[s:e].text] if verb.lemma_ == "have" else [*words, "of", doc[s:e].text]
        end = e
    # the first prepositional phrase after it: "halt strikes", "return the nation to civilian rule"
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i >= end]
    objs_of = [o for o in preps[0].children if o.dep_ == "pobj"] if preps else []
    if objs_of and len(words) + (phrase_bounds(objs_of[0])[1] - preps[0].i) <= MAX_PHRASE_TOKENS + 2:
        e = phrase_bounds(objs_of[0])[1]
        words.append(doc[preps[0].i:e].text)
        end = e
    return Mention(" ".join(words), verb.i, end, verb.i, "", "clause", verb.lemma_.lower())


def noun_key(noun: Token) -> list[str]:
    """Return the lexicon spellings of a noun, the compound first: "trade war", then "war"."""
    compounds = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    keys = [" ".join([*(c.lower_ for c in compounds), lemma]) for lemma in lemmas(noun)] if compounds else []
    # "an aid package to X": the compound names the act when the head is only its container
    return list(dict.fromkeys([*keys, *lemmas(noun), *(c.lemma_.lower() for c in compounds)]))
