"""Grammar of extraction, on sentences written for the test, with a small lexicon of its own."""
from __future__ import annotations

import pytest

from kg.extract import extract_candidates
from kg.extract.lexicon import Lexicon, RelationEntry


def entry(pattern, relation, label, cameo, negative=False, pos="VERB"):
    return (pattern, pos), RelationEntry(pattern, pos, relation, label, cameo, negative)


LEX = Lexicon(dict([
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
]))


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
    # clausal complement becomes a nominal object
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


def test_refused_to_support_is_a_negated_support_and_a_refusal(nlp):
    got = triples(nlp, "Poland refused to support the sanctions.")
    assert ("Poland", "support", "the sanctions", True) in got
    assert ("Poland", "refuse", "support of the sanctions", False) in got
    assert ("Poland", "support", "the sanctions", False) not in got


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


LEX_MORE = Lexicon({**LEX.entries, **dict([
    entry("visit", "visit", "visits", "042"),
    entry("x-back", "provideAid", "provides aid to", "07"),
    entry("strike on", "strike", "strikes", "195", pos="NOUN"),
    entry("strike in", "strike", "strikes", "195", pos="NOUN"),
    entry("talk between", "talkWith", "holds talks with", "046", pos="NOUN"),
    entry("support for", "support", "supports", "05", pos="NOUN"),
    entry("withdraw from", "withdrawFrom", "withdraws from", "16"),
    entry("reject", "reject", "rejects", "12"),
])})


def triples_more(nlp, text):
    doc = nlp(text)
    return sorted((c.subject.text, c.relation, c.object.text) for c in extract_candidates(doc, "t", LEX_MORE))


@pytest.mark.parametrize("text, expected", [
    # a passive participle with "by" modifying a noun: the noun is the object
    ("Ghana dropped a plan rejected by Togo.", ("Togo", "reject", "a plan")),
    # participial clause under a preposition takes the main subject
    ("Chile answered by accusing Peru of fraud.", ("Chile", "accuse", "Peru")),
    # subject of a passive head controls the complement
    ("Japan is scheduled to visit Korea.", ("Japan", "visit", "Korea")),
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
    ("If talks fail, Chile will attack Peru.", "conditional"),
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
    lex = Lexicon({**LEX.entries, **dict([entry("demand", "demand", "demands", "10"), entry("insist", "makeStatement", "says", "010")])})
    got = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(nlp(text), "t", lex)]
    assert ("Chile", "demand", "Peru") in got


def test_naming_is_not_an_event_but_a_predicate_pattern_is(nlp):
    lex = Lexicon({**LEX.entries, **dict([entry("call", "phone", "speaks by phone with", "041"),
                                           entry("keep _ informed", "inform", "informs", "04")])})
    named = [(c.relation, c.object.text) for c in extract_candidates(nlp("Chile called the truce an important step."), "t", lex)]
    assert not any(r == "phone" for r, _ in named)
    kept = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(nlp("Chile kept Peru informed."), "t", lex)]
    assert ("Chile", "inform", "Peru") in kept


def test_possessive_pronoun_of_an_event_noun_is_bound_by_the_clause_subject(nlp):
    lex = Lexicon({**LEX.entries, **dict([entry("call for", "callFor", "calls for", "02", pos="NOUN"),
                                           entry("reiterate", "makeStatement", "says", "010")])})
    doc = nlp("Chile and Peru reiterated their call for a full ceasefire.")
    got = {(c.subject.text, c.relation) for c in extract_candidates(doc, "t", lex) if "noun" in c.pattern}
    assert got == {("Chile", "callFor"), ("Peru", "callFor")}


def test_dative_to_is_a_prepositional_object(nlp):
    lex = Lexicon({**LEX.entries, **dict([entry("send message to", "makeStatement", "makes a statement to", "010")])})
    got = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(nlp("Chile sent a private message to Peru."), "t", lex)]
    assert ("Chile", "makeStatement", "Peru") in got


def test_reported_obligation_on_a_passive_subject_is_a_demand(nlp):
    lex = Lexicon({**LEX.entries, **dict([entry("demand", "demand", "demands", "10")])})
    doc = nlp("Chile opposed the coup, saying that the president should be reinstated.")
    got = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(doc, "t", lex)]
    assert ("Chile", "demand", "the president") in got
