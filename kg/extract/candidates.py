"""Parsed document -> Candidate statements, sentence by sentence.

Four sources, each a small function:
- deeds: a clause's own predicate and its targets ("Chile recalled its envoy from Peru");
- undertakings and refusals: a governing word and its complement as one statement ("agreed to
  meet X" is an intent to meet X, "refused to accept X" a rejection of X), never the complement
  as a deed;
- demands: "X said Y must leave" and "X demanded that Y leave" are X's demand on Y;
- nominal events: "talks between A and B", "A's support for B", "Iran-backed Hamas".
An act announced for the future ("will strike X") is coded as what CAMEO makes of it: a threat
(13) for conflict, an intent (03) for cooperation.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import (
    APPEAL,
    DEED,
    DEMAND,
    DENY,
    EXCLUDE,
    INTENT,
    OBLIGATION,
    OPEN,
    REFUSAL,
    Clause,
    clauses,
    date_of,
    modality,
    reporter_of,
)
from kg.extract.grammar import (
    clause_mention,
    conjuncts,
    governing_verb,
    is_negated,
    lemmas,
    noun_key,
    phrase_bounds,
    prep_objects,
    subjects_of,
    verb_keys,
)
from kg.extract.lexicon import FALLBACK_RELATION, Lexicon, RelationEntry
from kg.extract.mentions import mention
from kg.extract.nominal import is_event_noun, nominal_events, participants
from kg.extract.objects import Target, relative_clause, targets
from kg.model import Candidate, Mention

OBLIGATION_PATTERN = "demand"  # the lexicon entry a reported "must" maps to
INTENT_CODE, REFUSAL_CODE = "03", "12"
PARTY_ROOTS = frozenset({"04"})  # hosting, mediating, brokering: done with the parties of the event
APPEAL_ROOTS = frozenset({"02", "10"})  # appeals and demands
ANNOUNCED_WORDS = {"13": "threatens", "03": "intends"}  # "threatens to strike", "intends to send aid"
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
AIM_PREPS = frozenset({"against", "on", "inside", "into", "in", "with"})  # "strikes inside X", "action against X"
VERBAL_ROOTS = frozenset({"01", "02", "03", "09", "10", "11", "12", "13"})


@dataclass(frozen=True, slots=True)
class _Sentence:
    """Where candidates come from: the document, the sentence's index and its text as written."""

    doc: Doc
    document_id: str
    index: int
    text: str

    def candidate(self, subject: Mention, obj: Mention, entry: RelationEntry | None, pattern: str, *,
                  negated: bool = False, modality: str = "asserted", date_text: str | None = None,
                  attributed_to: Mention | None = None, rule: str = "clause", label: str | None = None,
                  code: str | None = None, topic: str | None = None, co_subjects: tuple[Mention, ...] = (),
                  requires_actor: bool = False, unless_actor: Mention | None = None,
                  symmetric: bool | None = None) -> Candidate:
        return Candidate(
            document_id=self.document_id, sentence_index=self.index, sentence=self.text, subject=subject, object=obj,
            relation=entry.relation if entry else FALLBACK_RELATION,
            relation_label=label or (entry.label if entry else pattern.replace(" _ ", " ").replace(" * ", " ")),
            cameo=code or (entry.cameo if entry else None), negated=negated, attributed_to=attributed_to,
            modality=modality, date_text=date_text, pattern=pattern, matched_lexicon=entry is not None,
            rule=rule, topic=topic, symmetric=bool(entry and entry.symmetric) if symmetric is None else symmetric,
            co_subjects=co_subjects,
            requires_actor=requires_actor, unless_actor=unless_actor,
        )


def _phrase(doc: Doc, token: Token | None) -> str | None:
    if token is None:
        return None
    start, end = phrase_bounds(token, with_preps=False)
    return doc[start:end].text


def _names_its_object(t: Target, entry: RelationEntry) -> bool:
    """Return True when the pattern spells out the object's noun ("agree to ceasefire"): the object
    is then the act itself, not its counterpart."""
    words = t.pattern.split()
    return len(words) > 1 and t.obj.lemma_.lower() in words[1:] and entry.relation != FALLBACK_RELATION


def _verb_label(lexicon: Lexicon, verb: Token, t: Target) -> str | None:
    """Return the label of the pattern's verb alone ("agree to" -> "agrees to"), if the lexicon has it."""
    words = t.pattern.split()
    for n in range(len(words) - 1, 0, -1):
        found = lexicon.get(" ".join(words[:n]))
        if found is not None:
            return found.label
    return None


def _reporter(doc: Doc, reporter: Token | None, subjects: tuple[Token, ...]) -> Mention | None:
    """Return the mention whose words carry a clause, unless the clause's subjects are among the
    speakers ("X and Y announced they are restoring ties": their own words, not X's about Y)."""
    if reporter is None:
        return None
    speakers = {t.i for t in conjuncts(reporter)}
    return None if speakers and all(s.i in speakers for s in subjects) else mention(doc, reporter)


def _announced(entry: RelationEntry, lexicon: Lexicon, verb: Token) -> tuple[RelationEntry, str, str] | None:
    """Return (entry, label, code) of an act announced for the future: a threat or an intent."""
    if entry.cameo_root in VERBAL_ROOTS:
        return None
    code = lexicon.intended(entry.cameo)
    named = lexicon.by_code(code) if code else None
    if code is None or named is None:
        return None
    label = named.label if named.cameo == code else f"{ANNOUNCED_WORDS.get(code[:2], named.label)} to {verb_keys(verb)[0]}"
    return named, label, code


def _threatened(clause: Clause) -> bool:
    """Return True when an announced act of conflict is a threat: someone says it would come
    ("said it would strike"), or it hangs on a condition ("if talks fail, will strike"). A plain
    "the EU will impose duties from Wednesday" is a decision announced, coded as the act."""
    aux = {c.lower_ for c in clause.verb.children if c.dep_ == "aux"}
    return clause.modality == "conditional" or clause.attributed_to is not None or bool(aux & {"would", "'d"})


def deeds(here: _Sentence, clause: Clause, lexicon: Lexicon) -> Iterator[Candidate]:
    """Yield the statements of a clause's own predicate."""
    doc = here.doc
    reporter = _reporter(doc, clause.attributed_to, clause.subjects)
    subjects = [mention(doc, s, with_preps=False) for s in clause.subjects]
    aimed = list(targets(clause.verb, clause.passive, lexicon))
    if not aimed and not clause.passive:
        yield from _with_each_other(here, clause, subjects, reporter, lexicon)
    for t in aimed:
        entry, label, code, mode, negated = t.entry, None, None, clause.modality, clause.negated
        if entry is not None and clause.negated and lexicon.complement_class(*verb_keys(clause.verb)) == EXCLUDE:
            # "had not ruled out further strikes": the act left open, a threat or an intent, not a rejection
            act = _act_of_noun(t.topic if t.topic is not None else t.obj, lexicon)
            code = _combined_code(INTENT, None, act, lexicon)
            entry, label, negated = lexicon.by_code(code) or entry, f"does not {verb_keys(clause.verb)[0]}", False
            aim = next((o for p, o in prep_objects(t.obj) if p in AIM_PREPS and o.pos_ == "PROPN"), None)
            if aim is not None:  # "further strikes inside Afghanistan": aimed at Afghanistan
                t = Target(t.pattern, t.entry, aim, topic=t.obj)
        if entry is not None and clause.future and not clause.negated and mode != "hedged" \
                and (entry.cameo_root not in CONFLICT_ROOTS or _threatened(clause)):
            announced = _announced(entry, lexicon, clause.verb)
            if announced is not None:  # "will strike X" is a threat to X; "will send aid" an intent
                entry, label, code = announced
                mode = "asserted"
        elif entry is not None and clause.future and entry.cameo_root in CONFLICT_ROOTS and mode == "asserted":
            mode = "hedged"  # "Chile will strike Peru", told as a prediction: not a fact yet
        if label is None and entry is not None and _names_its_object(t, entry):
            label = _verb_label(lexicon, clause.verb, t) or label  # "agrees to · ceasefire", not "declares a ceasefire with · ceasefire"
        # "the pact that Canada withdrew from": the object is the pact, not the clause about it
        obj = mention(doc, t.obj, relative=t.obj.i != clause.verb.head.i)
        unless = mention(doc, t.unless_actor) if t.unless_actor is not None else None
        if clause.passive and clause.verb.dep_ == "acl" and t.obj.i == clause.verb.head.i and entry is not None \
                and entry.cameo_root in PARTY_ROOTS and is_event_noun(t.obj, lexicon):
            # "a deal brokered by China", "talks hosted by Iraq": the mediator or host meets the event's parties.
            for party in participants(t.obj):
                for i, subj in enumerate(subjects):
                    if party.i != clause.subjects[i].i:
                        yield here.candidate(subj, mention(doc, party), entry, t.pattern, negated=clause.negated,
                                             modality=mode, date_text=date_of(clause.verb), attributed_to=reporter,
                                             label=label, code=code, topic=_phrase(doc, t.obj), rule="event parties",
                                             requires_actor=True)
        for i, subj in enumerate(subjects):
            if t.obj.i == clause.subjects[i].i:
                continue
            yield here.candidate(subj, obj, entry, t.pattern, negated=negated, modality=mode,
                                 date_text=date_of(clause.verb), attributed_to=reporter, label=label, code=code,
                                 topic=_phrase(doc, t.topic), co_subjects=tuple(s for s in subjects if s is not subj),
                                 requires_actor=t.requires_actor, unless_actor=unless)


def _threat_idiom(verb: Token, lexicon: Lexicon) -> bool:
    """Return True when a clause says something befalls its subject ("will pay a price", "will regret it")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    keys = verb_keys(verb)
    return any(k in lexicon.threat_idioms for k in keys) or any(
        f"{k} {lemma}" in lexicon.threat_idioms for k in keys for o in objs for lemma in lemmas(o))


def _act_of_noun(noun: Token, lexicon: Lexicon) -> RelationEntry | None:
    """Return the lexicon entry of the act an event noun names ("strikes", "military action"), if any."""
    described = [f"{c.lower_} {lemma}" for c in noun.lefts if c.dep_ == "amod" for lemma in lemmas(noun)]
    for key in [*described, *noun_key(noun)]:  # "military action" before "action"
        found = lexicon.get(key, "NOUN") or next(
            (e for c in noun.children if c.dep_ == "prep" and (e := lexicon.get(f"{key} {c.lower_}", "NOUN"))), None) \
            or lexicon.get(key)
        if found is not None:
            return found
    return None


def _with_each_other(here: _Sentence, clause: Clause, subjects: list[Mention], reporter: Mention | None,
                     lexicon: Lexicon) -> Iterator[Candidate]:
    """Yield "X and Y met", "both sides talked", "the two armies clashed": a symmetric verb with no
    object holds between its coordinated subjects (or the group one subject names), each with the other."""
    pattern = verb_keys(clause.verb)[0]
    entry = lexicon.get(pattern)
    if entry is None or not entry.symmetric:
        return
    each_other = Mention("each other", clause.verb.i, clause.verb.i, clause.verb.i, "", "reciprocal")
    for subj in subjects:
        yield here.candidate(subj, each_other, entry, pattern, negated=clause.negated, modality=clause.modality,
                             date_text=date_of(clause.verb), attributed_to=reporter, rule="reciprocal",
                             co_subjects=tuple(x for x in subjects if x is not subj))


def _governor_entry(gov: Token, lexicon: Lexicon) -> RelationEntry | None:
    keys = verb_keys(gov) if gov.pos_ in ("VERB", "AUX") else lemmas(gov)
    return next((e for k in [*(f"{k} to" for k in keys), *keys] if (e := lexicon.get(k)) is not None), None)


def _combined_code(role: str, gov_entry: RelationEntry | None, act: RelationEntry | None, lexicon: Lexicon) -> str:
    """Return the CAMEO code of undertaking or refusing an act ("agreed to meet" 036, "refused to meet" 125)."""
    gov_code = gov_entry.cameo if gov_entry else (REFUSAL_CODE if role == REFUSAL else INTENT_CODE)
    if act is None or role == DENY:
        return gov_code  # a denial is coded as a denial, whatever it denies
    if role == REFUSAL:
        return lexicon.refused(act.cameo)
    intended = lexicon.intended(act.cameo)
    if intended is None:
        return gov_code if act.cameo_root not in VERBAL_ROOTS else act.cameo
    if gov_entry is not None and gov_entry.cameo_root == "13" and intended[:2] != "13":
        return gov_code  # "threatened to withdraw": still a threat
    return intended


def _governor_word(gov: Token, gov_entry: RelationEntry | None, role: str) -> str:
    """Return how the governor reads before its complement: "agrees to", "refuses to", "is ready to"."""
    if gov_entry is not None and role == REFUSAL and not gov_entry.label.endswith(" to"):
        word = "refuses"  # "ruled out sending": refuses to send, not "rejects to send"
    elif gov_entry is not None:
        word = gov_entry.label
    elif gov.pos_ == "NOUN":  # "Colombia's refusal to accept", "a plan to strike"
        word = {REFUSAL: "refuses", DENY: "denies"}.get(role, "intends")
    else:
        word = f"is {gov.lower_}"
    return word if word.endswith(" to") or role == DENY else f"{word} to"


def undertakings(here: _Sentence, clause: Clause, lexicon: Lexicon) -> Iterator[Candidate]:
    """Yield the governor's statement of an intent, refusal or denial clause: "agreed to meet X" ->
    intent to meet X; "refused to accept X" -> rejection of X; "denied arming X" -> denial towards X.
    With no actor to aim at, the clause itself is the object ("agrees to · halt of strikes"). An
    undertaking not to act ("agreed not to use force") keeps the governor's own code."""
    doc, gov = here.doc, clause.governor
    assert gov is not None
    if clause.passive and not clause.subjects:
        return
    if any(c.dep_ == "auxpass" for c in clause.verb.children) or (
            clause.verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in clause.verb.children)):
        return  # "wants to be remembered as", "wants its advances taken into account": undergone, not done
    left_open = clause.role == OPEN  # "did not rule out sending troops": neither done nor refused
    gov_entry = None if left_open else _governor_entry(gov, lexicon)
    gov_clause_verb = gov if gov.pos_ in ("VERB", "AUX") else gov.head  # "is ready to": the copula's clause
    negated = (is_negated(gov_clause_verb) or is_negated(gov)) and not left_open
    mode = modality(gov_clause_verb, lexicon)
    # "X warned that Y would …", "X denied that its forces …": the governor's subject speaks
    actors = subjects_of(gov)[0] if clause.verb.dep_ == "ccomp" else list(clause.subjects)
    if not actors and clause.verb.dep_ == "ccomp" and any(c.dep_ in ("nsubjpass", "auxpass") for c in gov.children):
        actors = list(clause.subjects)  # "it was agreed that X would not support Y": X undertakes it
    if not actors:
        return
    reporter = _reporter(doc, reporter_of(gov_clause_verb, lexicon), tuple(actors))
    when = date_of(gov_clause_verb)
    subjects = [mention(doc, s, with_preps=False) for s in actors]
    refrains = is_negated(clause.verb) or (clause.verb.dep_ == "conj" and is_negated(clause.verb.head))
    gov_word = (f"does not {verb_keys(gov)[0]}" if left_open else _governor_word(gov, gov_entry, clause.role)) \
        + (" not" if refrains else "")
    symmetric = bool(gov_entry and (gov_entry.symmetric or getattr(lexicon.get(f"{gov_entry.pattern.split()[0]} with"),
                                                                       "symmetric", False)))
    aimed = list(targets(clause.verb, clause.passive, lexicon))
    whole = clause_mention(doc, clause.verb)
    if refrains:
        # "would not conclude trade agreements with X": "not to conclude trade agreements with X" (no "not conclude of")
        rest = doc[clause.verb.i + 1:whole.end].text
        whole = Mention(" ".join(w for w in ("not to", verb_keys(clause.verb)[0], rest) if w), whole.start, whole.end,
                        whole.head, whole.ent_label, whole.kind, whole.lemma)
    relative, gap_label = relative_clause(clause.verb), None
    gap = next((t for t in aimed if relative is not None and t.obj.i == relative.head.i), None)
    if gap is not None and not refrains:
        # "a decision Beijing has refused to recognise": refuses to recognise · decision
        whole, gap_label = mention(doc, gap.obj, relative=False), f"{gov_word} {verb_keys(clause.verb)[0]}"
    first_target = None
    for t in aimed:
        code = gov_entry.cameo if refrains and gov_entry else \
            _combined_code(INTENT if left_open else clause.role, gov_entry, t.entry, lexicon)
        named = (gov_entry if refrains else lexicon.by_code(code)) or gov_entry
        obj = mention(doc, t.obj)
        first_target = first_target or obj
        for subj in subjects:
            if subj.head == t.obj.i:
                continue
            yield here.candidate(subj, obj, named, f"{gov_entry.pattern if gov_entry else gov.lower_} + {t.pattern}",
                                 negated=negated, modality=mode, date_text=when, attributed_to=reporter,
                                 rule=clause.role, label=f"{gov_word} {verb_keys(clause.verb)[0]}", code=code,
                                 topic=whole.text, requires_actor=True,
                                 co_subjects=tuple(x for x in subjects if x is not subj))
    if gov_entry is None and clause.role not in (REFUSAL, OPEN):
        return  # "is ready to talk" with nobody to talk to: nothing to state
    if whole.end == clause.verb.i + 1 and not lexicon.get(verb_keys(clause.verb)[0]) and not aimed:
        return  # "vowed that Israel would keep …": a bare verb the lexicon does not know says nothing
    act = lexicon.get(verb_keys(clause.verb)[0])
    entry = lexicon.by_code(_combined_code(INTENT, None, act, lexicon)) if left_open else \
        gov_entry or lexicon.by_code(REFUSAL_CODE)
    for subj in subjects:
        yield here.candidate(subj, whole, entry, entry.pattern if entry else gov.lower_, negated=negated,
                             label=gov_word if left_open else gap_label, code=_combined_code(INTENT, None, act, lexicon)
                             if left_open else None, modality=mode, date_text=when, attributed_to=reporter, rule=clause.role,
                             unless_actor=first_target, co_subjects=tuple(x for x in subjects if x is not subj),
                             symmetric=symmetric)


def demands(here: _Sentence, sent: Span, sent_clauses: list[Clause], lexicon: Lexicon) -> Iterator[Candidate]:
    """Yield the demands of a sentence: "X said Y must stop", "X said Y should be reinstated",
    "X demanded that Y leave" are X's demand on Y (CAMEO 10), with what is demanded as the topic."""
    doc = here.doc
    demand = lexicon.get(OBLIGATION_PATTERN)
    for clause in sent_clauses:
        if clause.role == OBLIGATION and clause.attributed_to is not None and demand is not None and not clause.passive:
            for subj in clause.subjects:
                yield here.candidate(mention(doc, clause.attributed_to, with_preps=False), mention(doc, subj), demand,
                                     "say that _ must", modality=modality(clause.verb, lexicon),
                                     date_text=date_of(clause.verb), rule="obligation",
                                     topic=clause_mention(doc, clause.verb).text, requires_actor=True)
        if clause.role in (DEMAND, APPEAL) and clause.governor is not None and clause.verb.dep_ == "ccomp":
            gov = clause.governor
            entry = _governor_entry(gov, lexicon)
            if entry is None or entry.cameo_root not in APPEAL_ROOTS:
                entry = demand  # "insisted that X leave": whatever else "insist" is, this is a demand
            for speaker in subjects_of(gov)[0]:
                for subj in clause.subjects:
                    yield here.candidate(mention(doc, speaker, with_preps=False), mention(doc, subj), entry,
                                         f"{entry.pattern if entry else gov.lower_} that", rule="demand",
                                         modality=modality(gov, lexicon), date_text=date_of(gov),
                                         topic=clause_mention(doc, clause.verb).text, requires_actor=True)
    threat = lexicon.get("threaten")
    for clause in sent_clauses:
        # "X will pay a heavy price", said by Y: Y threatens X
        if threat is not None and clause.future and not clause.negated and clause.attributed_to is not None \
                and _threat_idiom(clause.verb, lexicon):
            for subj in clause.subjects:
                yield here.candidate(mention(doc, clause.attributed_to, with_preps=False), mention(doc, subj), threat,
                                     "say that _ will pay a price", modality=clause.modality,
                                     date_text=date_of(clause.verb), rule="threat idiom",
                                     topic=clause_mention(doc, clause.verb).text, requires_actor=True)
    if demand is None:
        return
    for verb in sent:
        # "X said Y should be reinstated": a passive obligation's subject, an actor, is what is demanded.
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if objs and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children) \
                and not any(c.dep_ == "agent" for c in verb.children):
            speaker = reporter_of(verb, lexicon)
            if speaker is not None:
                yield here.candidate(mention(doc, speaker, with_preps=False), mention(doc, objs[0]), demand,
                                     "say that _ must", modality=modality(verb, lexicon), date_text=date_of(verb),
                                     rule="obligation", topic=clause_mention(doc, verb).text,
                                     requires_actor=True)  # not "said many details must be resolved"


def nominals(here: _Sentence, sent: Span, lexicon: Lexicon) -> Iterator[Candidate]:
    """Yield the statements of event nouns ("talks between A and B", "A's support for B")."""
    doc = here.doc
    for subj, entry, obj, reporter in nominal_events(sent, lexicon):
        gov = governing_verb(obj)
        yield here.candidate(mention(doc, subj, with_preps=False), mention(doc, obj), entry,
                             f"{entry.pattern} (noun)", rule="nominal",
                             modality=modality(gov, lexicon) if gov is not None else "asserted",
                             date_text=date_of(gov) if gov is not None else None,
                             attributed_to=mention(doc, reporter) if reporter is not None else None)


def extract_candidates(doc: Doc, document_id: str, lexicon: Lexicon, *, source_text: str | None = None) -> list[Candidate]:
    """Return the candidate statements of every sentence of a parsed document, in text order."""
    out: list[Candidate] = []
    for s_index, sent in enumerate(doc.sents):
        # Evidence as written: the Doc may hold a re-cased copy of the text, with the same offsets.
        here = _Sentence(doc, document_id, s_index,
                         (source_text[sent.start_char:sent.end_char] if source_text is not None else sent.text).strip())
        sent_clauses = list(clauses(sent, lexicon))
        for clause in sent_clauses:
            if clause.role == DEED:
                out.extend(deeds(here, clause, lexicon))
            elif clause.role in (INTENT, REFUSAL, DENY, OPEN) and clause.governor is not None:
                out.extend(undertakings(here, clause, lexicon))
        out.extend(demands(here, sent, sent_clauses, lexicon))
        out.extend(nominals(here, sent, lexicon))
    return out
