"""Resolution of mentions to canonical actors, with a small gazetteer written for the test."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import discourse, extract_candidates
from kg.model import Document
from kg.resolve import Resources, load_gazetteer, merge_short_names, resolve_candidates
from kg.extract.lexicon import Lexicon, RelationEntry
from tests.test_extract import LEX

COUNTRIES = """alpha3,label,wikidata,aliases,demonyms,capital,metonyms
NOR,Norway,Q20,Kingdom of Norway,Norwegian,Oslo,
SWE,Sweden,Q34,,Swedish,Stockholm,Rosenbad
"""
PEOPLE = """key,label,aliases,country,wikidata,gender
anna-berg,Anna Berg,Anna K. Berg|Berg,SWE,Q900001,f
olaf-dahl,Olaf Dahl,Dahl,NOR,Q900002,m
per-lund,Per Lund,Lund,NOR,Q900003,m
"""
ROLES = """person,role,of,start,end,title
olaf-dahl,head_of_government,NOR,2015-01-01,2021-01-01,prime minister
per-lund,head_of_government,NOR,2021-01-01,,prime minister
"""
ORGS = """key,label,type,country,wikidata,aliases
nordic-council,Nordic Council,InternationalOrganization,,Q900010,NC
"""


@pytest.fixture(scope="module")
def res(tmp_path_factory, resources):
    """The project's sector and anaphor data with a small gazetteer written for the tests."""
    folder = tmp_path_factory.mktemp("gaz")
    for name, text in [("countries.csv", COUNTRIES), ("people.csv", PEOPLE), ("roles.csv", ROLES),
                       ("organizations.csv", ORGS)]:
        (folder / name).write_text(text, encoding="utf-8")
    return Resources(load_gazetteer(folder), resources.sectors, resources.anaphors, resources.targets)


def statements(nlp, res, text, published=date(2024, 6, 1)):
    doc = nlp(text)
    document = Document("t", text, published)
    return resolve_candidates(discourse(doc), document, extract_candidates(doc, "t", LEX), res)


def rows(sts):
    return sorted((s.subject.label, s.relation, s.object.label, s.negated) for s in sts)


@pytest.mark.parametrize("text", [
    "Anna Berg supported the treaty.",
    "Mrs. Berg supported the treaty.",
    "Swedish Prime Minister Anna K. Berg supported the treaty.",
    "Berg supported the treaty.",
])
def test_name_forms_land_on_one_person(nlp, res, text):
    (s,) = [s for s in statements(nlp, res, text) if s.relation != "holdsOffice"]
    assert (s.subject.id, s.subject.wikidata, s.subject.country, s.subject.type) == (
        "https://w3id.org/geokg/id/person/anna-berg", "Q900001", "SWE", "Person")


@pytest.mark.parametrize("text", ["Sweden backed Norway.", "Stockholm backed Oslo.", "Rosenbad backed the Kingdom of Norway."])
def test_countries_capitals_and_seats_are_the_country(nlp, res, text):
    (s,) = statements(nlp, res, text)
    assert (s.subject.label, s.subject.country, s.object.label, s.object.type) == ("Sweden", "SWE", "Norway", "Country")


def test_role_resolves_to_the_holder_on_the_publication_date(nlp, res):
    text = "The Norwegian prime minister backed Sweden."
    (early,) = statements(nlp, res, text, published=date(2019, 3, 1))
    (late,) = statements(nlp, res, text, published=date(2023, 3, 1))
    assert (early.subject.label, late.subject.label) == ("Olaf Dahl", "Per Lund")


def test_pronoun_takes_the_last_person_of_its_gender(nlp, res):
    text = "Anna Berg met Olaf Dahl in Oslo. She backed the Nordic Council."
    got = rows(statements(nlp, res, text))
    assert ("Anna Berg", "support", "Nordic Council", False) in got


def test_unknown_person_short_name_joins_the_full_name_in_the_document(nlp, res):
    text = "Maria Gonzalez backed the plan. Later, Gonzalez supported the accord."
    subjects = {s.subject.id for s in statements(nlp, res, text)}
    assert subjects == {"https://w3id.org/geokg/id/actor/maria-gonzalez"}


def test_unknown_person_short_name_joins_the_full_name_across_documents(nlp, res):
    a = statements(nlp, res, "Maria Gonzalez backed the plan.")
    b = statements(nlp, res, "Gonzalez supported Sweden.")
    merged = merge_short_names(a + b)
    assert {s.subject.label for s in merged} == {"Maria Gonzalez"}


def test_composite_actor_is_country_with_sector(nlp, res):
    (s,) = statements(nlp, res, "Swedish troops attacked the depot.")
    assert (s.subject.label, s.subject.type, s.subject.country) == ("Sweden (military)", "MilitaryForce", "SWE")


def test_statement_needs_an_actor_as_subject(nlp, res):
    assert statements(nlp, res, "The weather supported the harvest.") == []


def test_same_sentence_gives_same_statement_ids(nlp, res):
    text = "Sweden backed Norway."
    assert [s.id for s in statements(nlp, res, text)] == [s.id for s in statements(nlp, res, text)]


def test_group_noun_with_an_organisation_is_the_organisation(nlp, res):
    (s,) = statements(nlp, res, "Nordic Council officials supported Sweden.")
    assert s.subject.label == "Nordic Council"


def test_definite_nominal_refers_back_to_the_last_subject_of_its_type(nlp, res):
    text = "Sweden met Norway on Monday. The country backed the Nordic Council."
    got = rows(statements(nlp, res, text))
    assert ("Sweden", "support", "Nordic Council", False) in got


def test_first_person_in_a_quote_is_the_speaker(nlp, res):
    got = rows(statements(nlp, res, '"We support the treaty," Norway said.'))
    assert ("Norway", "support", "treaty", False) in got


def test_it_in_reported_speech_is_the_speaker(nlp, res):
    got = rows(statements(nlp, res, "Sweden said it supported the Nordic Council."))
    assert ("Sweden", "support", "Nordic Council", False) in got


def test_appositive_person_wins_over_the_role_noun(nlp, res):
    (s,) = statements(nlp, res, "Norway's envoy, Anna Berg, backed the plan.")
    assert s.subject.label == "Anna Berg"


def test_members_of_an_organisation_through_from(nlp, res):
    got = rows(statements(nlp, res, "Mediators from the Nordic Council backed Sweden."))
    assert ("Nordic Council", "support", "Sweden", False) in got


def test_statement_noun_stands_for_its_author(nlp, res):
    got = rows(statements(nlp, res, "A joint Swedish statement backed the Nordic Council."))
    assert ("Sweden", "support", "Nordic Council", False) in got


def test_unknown_verb_with_the_subjects_own_country_is_dropped(nlp, res):
    assert statements(nlp, res, "Anna Berg governed Sweden.") == []
    assert [s.object.label for s in statements(nlp, res, "Anna Berg outflanked Norway.")] == ["Norway"]


def test_both_sides_are_the_last_pair_named_before(nlp, res):
    text = "Talks between Sweden and Norway stalled. The Nordic Council backed both sides."
    got = rows(statements(nlp, res, text))
    assert {("Nordic Council", "support", "Norway", False), ("Nordic Council", "support", "Sweden", False)} <= set(got)


def test_joint_statement_of_two_countries_is_both(nlp, res):
    got = rows(statements(nlp, res, "A joint Swedish-Norwegian statement backed the Nordic Council."))
    assert {("Sweden", "support", "Nordic Council", False), ("Norway", "support", "Nordic Council", False)} <= set(got)



@pytest.mark.parametrize("text, expected", [
    # a possessive pronoun takes the subject of its clause when they agree
    ("Sweden and Norway reiterated their support for the Nordic Council.",
     {("Sweden", "Nordic Council"), ("Norway", "Nordic Council")}),
    # "its" is not a person: the clause's object is the antecedent
    ("Anna Berg thanked Sweden for its support for the Nordic Council.", {("Sweden", "Nordic Council")}),
])
def test_possessive_pronoun_is_bound_in_its_clause(nlp, res, text, expected):
    lex = Lexicon({**LEX.entries, ("support for", "NOUN"): RelationEntry("support for", "NOUN", "support", "supports", "05", False)},
                  LEX.complements, LEX.intents)
    doc = nlp(text)
    sts = resolve_candidates(discourse(doc), Document("t", text, date(2024, 6, 1)), extract_candidates(doc, "t", lex), res)
    assert {(s.subject.label, s.object.label) for s in sts if s.relation == "support"} == expected
