"""The project's gazetteer data: alias families, roles by date, sectors (real actors live here, as data)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import discourse, extract_candidates
from kg.model import Document
from kg.resolve import resolve_candidates


@pytest.mark.parametrize("family", [
    ["Putin", "Vladimir Putin", "Vladimir V. Putin"],
    ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelensky"],
    ["Russia", "Moscow", "the Kremlin", "Russian Federation"],
    ["Ukraine", "Kyiv", "Kiev"],
    ["United States", "U.S.", "Washington", "the White House"],
    ["United Kingdom", "Britain", "Downing Street"],
])
def test_alias_family_is_one_entry(resources, family):
    keys = {resources.gazetteer.lookup(name).key for name in family}
    assert len(keys) == 1


@pytest.mark.parametrize("when, who", [(date(2019, 6, 1), "Donald Trump"), (date(2022, 6, 1), "Joe Biden"),
                                       (date(2025, 6, 1), "Donald Trump")])
def test_us_president_by_date(resources, when, who):
    assert resources.gazetteer.holder("president", "USA", when).label == who


def test_well_known_people_have_wikidata_ids_and_countries(resources):
    for name, qid, country in [("Putin", "Q7747", "RUS"), ("Zelenskyy", "Q3874799", "UKR"), ("Donald Trump", "Q22686", "USA")]:
        e = resources.gazetteer.lookup(name)
        assert (e.wikidata, e.country) == (qid, country)


def resolve(nlp, lexicon, resources, text, published=date(2025, 3, 18)):
    doc = nlp(text)
    return resolve_candidates(discourse(doc), Document("t", text, published), extract_candidates(doc, "t", lexicon), resources)


def test_titles_give_office_statements(nlp, lexicon, resources):
    sts = resolve(nlp, lexicon, resources, "Russian Foreign Minister Sergey Lavrov met NATO Secretary General Mark Rutte.")
    offices = {(s.subject.label, s.relation_label, s.object.label) for s in sts if s.relation == "holdsOffice"}
    assert offices == {("Sergey Lavrov", "is foreign minister of", "Russia"), ("Mark Rutte", "is secretary general of", "NATO")}


def test_unknown_official_keeps_a_node_with_the_country_of_the_title(nlp, lexicon, resources):
    sts = resolve(nlp, lexicon, resources, "Kremlin aide Ivan Ivanovsky criticized Ukraine.")
    (s,) = [s for s in sts if s.relation != "holdsOffice"]
    assert (s.subject.label, s.subject.type, s.subject.country) == ("Ivan Ivanovsky", "Person", "RUS")


def test_national_troops_are_the_armed_forces_node(nlp, lexicon, resources):
    (s,) = resolve(nlp, lexicon, resources, "Russian troops attacked Ukrainian soldiers.")
    assert (s.subject.label, s.subject.sector) == ("Russian Armed Forces", "military")
    assert (s.object.label, s.object.sector) == ("Armed Forces of Ukraine", "military")


def test_composite_without_a_national_body_is_country_and_sector(nlp, lexicon, resources):
    (s,) = resolve(nlp, lexicon, resources, "Chilean officials criticized Peru.")
    assert (s.subject.label, s.subject.type, s.subject.country, s.subject.sector) == (
        "Chile (government)", "GovernmentBody", "CHL", "government")


def test_role_nominal_and_pronoun_chain_land_on_one_node(nlp, lexicon, resources):
    text = ("The Russian president met the US president in Helsinki. He later criticized Ukraine. "
            "Mr. Putin also praised Finland.")
    sts = resolve(nlp, lexicon, resources, text, published=date(2025, 3, 18))
    subjects = {s.relation: s.subject.id for s in sts}
    assert subjects["criticize"] == subjects["praise"] == "https://w3id.org/geokg/id/person/vladimir-putin"
    # a meeting holds both ways
    assert {(s.subject.label, s.object.label) for s in sts if s.relation == "meet"} == {
        ("Vladimir Putin", "Donald Trump"), ("Donald Trump", "Vladimir Putin")}


def test_unknown_person_takes_the_country_of_an_apposition(nlp, lexicon, resources):
    text = "Ivan Ivanovsky, deputy head of a committee of Russia's parliament, criticized Ukraine."
    sts = [s for s in resolve(nlp, lexicon, resources, text) if s.relation == "criticize"]
    assert [(s.subject.label, s.subject.country) for s in sts] == [("Ivan Ivanovsky", "RUS")]


@pytest.mark.parametrize("country, when, who", [("RUS", date(2025, 3, 1), "Vladimir Putin"),
                                                ("DEU", date(2023, 1, 1), "Olaf Scholz")])
def test_leader_is_the_executive_head(resources, country, when, who):
    assert resources.gazetteer.holder("leader", country, when).label == who
