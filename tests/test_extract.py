"""Grammar of extraction, on sentences written for the test, with a small lexicon of its own."""
from __future__ import annotations

import pytest

from kg.extract import extract_candidates
from kg.extract.lexicon import Lexicon, RelationEntry, load_lexicon
from kg.settings import Settings

# The grammar's own data (which words take a clause, the CAMEO codes of intents) is the project's;
# the relation patterns are written for these tests.
GRAMMAR = load_lexicon(Settings().ontology_dir / "relations.csv")


def entry(pattern, relation, label, cameo, negative=False, pos="VERB", symmetric=False):
    return (pattern, pos), RelationEntry(pattern, pos, relation, label, cameo, negative, symmetric)


def lexicon_of(*entries, base=None):
    """Return a test lexicon: these entries (over `base`'s) with the project's complement data."""
    return Lexicon({**(base.entries if base else {}), **dict(entries)}, GRAMMAR.complements, GRAMMAR.intents)


LEX = lexicon_of(
    entry("say", "makeStatement", "says", "010"),
    entry("support", "support", "supports", "051"),
    entry("back", "support", "supports", "051"),
    entry("attack", "attack", "attacks", "190"),
    entry("call for", "callFor", "calls for", "02"),
    entry("agree to", "agreeTo", "agrees to", "03"),
    entry("refuse to", "refuse", "refuses", "12", negative=True),
    entry("talk with", "talkWith", "talks with", "04"),
    entry("hold talk with", "talkWith", "holds talks with", "04"),
    entry("accuse _ of", "accuse", "accuses", "112"),
    entry("meet", "meet", "meets", "04"),
    entry("meet with", "meet", "meets", "04"),
    entry("urge _ to", "urge", "urges", "02"),
    entry("strike", "strike", "strikes", "195"),
    entry("threaten", "threaten", "threatens", "13"),
    entry("provide aid to", "provideAid", "provides aid to", "07"),
    entry("sign agreement with", "signAgreement", "signs an agreement with", "057", symmetric=True),
    entry("sign", "sign", "signs", "057", symmetric=True),
    entry("impose * on", "imposeSanctions", "imposes sanctions on", "163"),
    entry("impose", "impose", "imposes", "16"),
    entry("praise", "praise", "praises", "051"),
    entry("demand", "demand", "demands", "10"),
    entry("offer to meet", "expressIntentToMeet", "offers to meet", "036"),
)


def triples(nlp, text):
    doc = nlp(text)
    return sorted((c.subject.text, c.relation, c.object.text, c.negated) for c in extract_candidates(doc, "t", LEX))


@pytest.mark.parametrize("text, expected", [
    # active voice with a direct object
    ("Norway supported the Arctic treaty.", ("Norway", "support", "the Arctic treaty", False)),
    # passive voice with "by": the agent is the subject
    ("The convoy was attacked by rebels.", ("rebels", "attack", "The convoy", False)),
    # verb + preposition
    ("Chile called for a full ceasefire.", ("Chile", "callFor", "a full ceasefire", False)),
    # an undertaking with no actor to aim at: the clause is the object
    ("Peru agreed to halt strikes on power plants.", ("Peru", "agreeTo", "halt of strikes on power plants", False)),
    # negation
    ("Canada did not support the plan.", ("Canada", "support", "the plan", True)),
    # light verb + event noun + preposition
    ("Kenya held talks with Ethiopia.", ("Kenya", "talkWith", "Ethiopia", False)),
    # direct object + content preposition
    ("Brazil accused Argentina of spying.", ("Brazil", "accuse", "Argentina", False)),
])
def test_single_statement(nlp, text, expected):
    assert expected in triples(nlp, text)


def test_refused_to_support_is_a_refusal_never_a_support(nlp):
    got = triples(nlp, "Poland refused to support the sanctions.")
    assert ("Poland", "refuse", "support of the sanctions", False) in got
    assert not any(r == "support" for _, r, _, _ in got)


def codes(nlp, text, lex=None):
    doc = nlp(text)
    return sorted((c.subject.text, c.relation_label, c.cameo, c.object.text, c.negated, c.modality)
                  for c in extract_candidates(doc, "t", lex or LEX))


@pytest.mark.parametrize("text, expected", [
    # an undertaking aimed at an actor is one statement: the intent (CAMEO 03x) towards that actor
    ("Chile agreed to support Peru.", ("Chile", "agrees to support", "032", "Peru")),
    # a refusal aimed at an actor is a rejection (CAMEO 12x) of it
    ("Chile refused to support Peru.", ("Chile", "refuses to support", "120", "Peru")),
    # a threat to strike is a threat of conventional attack (1384), not a strike
    ("Chile threatened to strike Peru.", ("Chile", "threatens to strike", "1384", "Peru")),
])
def test_undertakings_and_refusals_are_the_governor_s_statement(nlp, text, expected):
    got = [row[:4] for row in codes(nlp, text)]
    assert expected in got
    verb = text.split()[-2]
    assert not any(label == f"{verb}s" for _, label, _, _ in got)  # the complement is never a deed


@pytest.mark.parametrize("text, expected", [
    # an act of conflict someone says would come is a threat (13); an announced cooperation an intent (03)
    ("Chile said it would strike Peru.", ("it", "1384", "Peru")),
    ("Chile will provide aid to Peru.", ("Chile", "033", "Peru")),
    # the main clause of a condition: "if …, X will attack" is X's threat, stated
    ("If talks fail, Chile will strike Peru.", ("Chile", "1384", "Peru")),
])
def test_announced_acts_are_threats_or_intents(nlp, text, expected):
    got = [(s, code, o) for s, _, code, o, _, _ in codes(nlp, text)]
    assert expected in got
    assert not any(code in ("195", "07") for _, code, _ in got)


@pytest.mark.parametrize("text", [
    "Chile struck Peru.",  # a deed stays a deed
    "Chile will not strike Peru.",  # a negated announcement is not a threat
    "The resolution would have supported Peru.",  # a counterfactual is no announcement
])
def test_what_is_not_an_announcement(nlp, text):
    assert not any(code.startswith("13") or code.startswith("03") for _, _, code, _, _, _ in codes(nlp, text))


@pytest.mark.parametrize("text", [
    "Chile said Peru must withdraw from Bolivia.",
    "Chile hoped that Peru would withdraw from Bolivia.",
    "Chile urged Peru to withdraw from Bolivia.",
])
def test_hopes_and_demands_are_not_deeds(nlp, text):
    lex = lexicon_of(entry("withdraw from", "withdrawFrom", "withdraws from", "16"), base=LEX)
    got = codes(nlp, text, lex)
    assert not any(s == "Peru" and m == "asserted" and code == "16" for s, _, code, _, _, m in got), got


def test_subject_of_a_passive_head_controls_the_complement_and_a_schedule_announces_it(nlp):
    lex = lexicon_of(entry("visit", "visit", "visits", "042"), base=LEX)
    assert [row[:4] for row in codes(nlp, "Japan is scheduled to visit Korea.", lex)] == [("Japan", "visits", "042", "Korea")]
    # a strike the writer announces is not yet a fact, nor anyone's threat
    assert [(row[2], row[5]) for row in codes(nlp, "Japan is set to strike Korea.", lex)] == [("195", "hedged")]


def test_hoped_that_is_hedged(nlp):
    got = codes(nlp, "Chile said it hoped that Peru would support the plan.")
    assert [m for s, _, _, o, _, m in got if s == "Peru"] == ["hedged"]


def test_symmetric_relation_between_coordinated_parties_is_candidate_for_both(nlp):
    doc = nlp("Chile and Peru signed an agreement.")
    cands = [c for c in extract_candidates(doc, "t", LEX) if c.relation in ("sign", "signAgreement")]
    assert {(c.subject.text, tuple(m.text for m in c.co_subjects)) for c in cands} == {("Chile", ("Peru",)), ("Peru", ("Chile",))}
    assert all(c.symmetric for c in cands)


@pytest.mark.parametrize("text, target, topic", [
    ("Chile imposed tariffs on Peru.", "Peru", "tariffs"),
    ("Chile imposed new sanctions on Peru's banks.", "Peru's banks", "new sanctions"),
])
def test_target_inside_the_object_phrase(nlp, text, target, topic):
    doc = nlp(text)
    got = [(c.object.text, c.topic, c.requires_actor) for c in extract_candidates(doc, "t", LEX)
           if c.pattern == "impose * on"]
    assert (target, topic, True) in got


def test_coordinated_subjects_each_get_the_statement(nlp):
    got = triples(nlp, "Mexico and Colombia called for an immediate truce.")
    assert ("Mexico", "callFor", "an immediate truce", False) in got
    assert ("Colombia", "callFor", "an immediate truce", False) in got


def test_coordinated_objects_each_get_the_statement(nlp):
    got = triples(nlp, "Ghana backed Togo and Benin.")
    assert {("Ghana", "support", "Togo", False), ("Ghana", "support", "Benin", False)} <= set(got)


def test_reported_speech_is_attributed_to_the_speaker(nlp):
    doc = nlp("Austria said Hungary supported the proposal.")
    (c,) = [c for c in extract_candidates(doc, "t", LEX) if c.relation == "support"]
    assert (c.subject.text, c.object.text, c.attributed_to.text) == ("Hungary", "the proposal", "Austria")


def test_relative_clause_subject_is_the_noun_it_modifies(nlp):
    got = triples(nlp, "Sweden, which met Finland on Monday, called for calm.")
    assert ("Sweden", "meet", "Finland", False) in got


def test_unknown_verb_still_yields_a_fallback_candidate(nlp):
    doc = nlp("Iceland outmanoeuvred Denmark.")
    got = [(c.subject.text, c.relation, c.object.text, c.matched_lexicon) for c in extract_candidates(doc, "t", LEX)]
    assert ("Iceland", "relatedTo", "Denmark", False) in got


def test_adjunct_beside_a_direct_object_is_not_an_object(nlp):
    got = triples(nlp, "Japan supported the resolution in New York.")
    assert not any(o == "New York" for _, _, o, _ in got)


LEX_MORE = lexicon_of(
    entry("visit", "visit", "visits", "042"),
    entry("x-back", "provideAid", "provides aid to", "07"),
    entry("strike on", "strike", "strikes", "195", pos="NOUN"),
    entry("strike in", "strike", "strikes", "195", pos="NOUN"),
    entry("talk between", "talkWith", "holds talks with", "046", pos="NOUN"),
    entry("support for", "support", "supports", "05", pos="NOUN"),
    entry("withdraw from", "withdrawFrom", "withdraws from", "16"),
    entry("reject", "reject", "rejects", "12"),
    base=LEX)


def triples_more(nlp, text):
    doc = nlp(text)
    return sorted((c.subject.text, c.relation, c.object.text) for c in extract_candidates(doc, "t", LEX_MORE))


@pytest.mark.parametrize("text, expected", [
    # a passive participle with "by" modifying a noun: the noun is the object
    ("Ghana dropped a plan rejected by Togo.", ("Togo", "reject", "a plan")),
    # participial clause under a preposition takes the main subject
    ("Chile answered by accusing Peru of fraud.", ("Chile", "accuse", "Peru")),
    # relative pronoun object stands for the noun it modifies
    ("It was the pact that Canada withdrew from.", ("Canada", "withdrawFrom", "the pact")),
    # light verb: the event noun carries the relation
    ("Norway carried out strikes in Latvia.", ("Norway", "strike", "Latvia")),
    # nominal events
    ("Talks between Chile and Peru began.", ("Chile", "talkWith", "Peru")),
    ("Norway's support for Sweden grew.", ("Norway", "support", "Sweden")),
    ("French strikes on rebel bases continued.", ("French", "strike", "rebel bases")),
    # hyphenated agent
    ("The Chad-backed militia withdrew from the town.", ("Chad", "provideAid", "The Chad-backed militia")),
])
def test_more_grammar(nlp, text, expected):
    assert expected in triples_more(nlp, text)


def test_object_control_complement_is_not_a_second_object(nlp):
    got = triples(nlp, "Mali urged Niger to hold elections.")
    assert not any(r == "urge" and o.startswith("hold") for _, r, o, _ in got)


@pytest.mark.parametrize("text, modality", [
    ("Chile supported the plan.", "asserted"),
    ("Chile might support the plan.", "hedged"),
    ("It was not clear whether Chile would support the plan.", "hedged"),
    ("Will Chile support the plan?", "hedged"),
    ("If talks fail, Chile might attack Peru.", "conditional"),
])
def test_modality(nlp, text, modality):
    got = {c.modality for c in extract_candidates(nlp(text), "t", LEX) if c.relation in ("support", "attack")}
    assert got == {modality}


def test_according_to_attributes_the_clause(nlp):
    doc = nlp("Chile attacked Peru, according to Bolivia.")
    (c,) = [c for c in extract_candidates(doc, "t", LEX) if c.relation == "attack"]
    assert (c.subject.text, c.object.text, c.attributed_to.text) == ("Chile", "Peru", "Bolivia")


def test_capitals_are_parsed_in_sentence_case_and_quoted_as_written(nlp):
    from kg.nlp import normalise_case

    raw = "CHILE ATTACKED PERU ON MONDAY."
    doc = nlp(normalise_case(raw, {"chile": "Chile", "peru": "Peru"}))
    (c,) = [c for c in extract_candidates(doc, "t", LEX, source_text=raw) if c.relation == "attack"]
    assert (c.subject.text, c.object.text, c.sentence) == ("Chile", "Peru", raw)


@pytest.mark.parametrize("text", ["Chile said Peru must withdraw its troops.", "Chile insisted that Peru should pay."])
def test_reported_obligation_is_a_demand_on_its_subject(nlp, text):
    lex = lexicon_of(entry("insist", "makeStatement", "says", "010"), base=LEX)
    got = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(nlp(text), "t", lex)]
    assert ("Chile", "demand", "Peru") in got


def test_naming_is_not_an_event_but_a_predicate_pattern_is(nlp):
    lex = lexicon_of(entry("call", "phone", "speaks by phone with", "041"), entry("keep _ informed", "inform", "informs", "04"),
                     base=LEX)
    named = [(c.relation, c.object.text) for c in extract_candidates(nlp("Chile called the truce an important step."), "t", lex)]
    assert not any(r == "phone" for r, _ in named)
    kept = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(nlp("Chile kept Peru informed."), "t", lex)]
    assert ("Chile", "inform", "Peru") in kept


def test_dative_to_is_a_prepositional_object(nlp):
    lex = lexicon_of(entry("send message to", "makeStatement", "makes a statement to", "010"), base=LEX)
    got = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(nlp("Chile sent a private message to Peru."), "t", lex)]
    assert ("Chile", "makeStatement", "Peru") in got


def test_reported_obligation_on_a_passive_subject_is_a_demand(nlp):
    lex = LEX
    doc = nlp("Chile opposed the coup, saying that the president should be reinstated.")
    got = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(doc, "t", lex)]
    assert ("Chile", "demand", "the president") in got
