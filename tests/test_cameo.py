"""One sentence per CAMEO root, through the real lexicon and gazetteer: the statement and its family."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import discourse, extract_candidates
from kg.model import Document
from kg.resolve import resolve_candidates

CASES = [
    ("01", "Chile denied the accusation.", ("Chile", "accusation")),
    ("02", "Chile urged Peru to negotiate.", ("Chile", "Peru")),
    ("03", "Chile pledged to rebuild the bridge.", ("Chile", "rebuild of the bridge")),
    ("04", "Chile met Peru in Lima.", ("Chile", "Peru")),
    ("05", "Chile praised Peru.", ("Chile", "Peru")),
    ("06", "Chile cooperated with Peru.", ("Chile", "Peru")),
    ("07", "Chile provided aid to Peru.", ("Chile", "Peru")),
    ("08", "Chile eased sanctions on Peru.", ("Chile", "Peru")),
    ("09", "Chile investigated Peru.", ("Chile", "Peru")),
    ("10", "Chile demanded an apology.", ("Chile", "apology")),
    ("11", "Chile criticized Peru.", ("Chile", "Peru")),
    ("12", "Chile rejected the proposal.", ("Chile", "proposal")),
    ("13", "Chile threatened Peru.", ("Chile", "Peru")),
    ("14", "Chilean protesters protested against Peru.", ("Chile (civilians)", "Peru")),
    ("15", "Chile deployed troops to the border.", ("Chile", "border")),
    ("16", "Chile expelled the Peruvian ambassador.", ("Chile", "Peru (government)")),
    ("17", "Chile arrested Peruvian diplomats.", ("Chile", "Peru (government)")),
    ("18", "Chile abducted Peruvian soldiers.", ("Chile", "Peru (military)")),
    ("19", "Chile attacked Peru.", ("Chile", "Peru")),
    ("20", "Chile massacred civilians.", ("Chile", "civilians")),
]


@pytest.mark.parametrize("root, text, dyad", CASES, ids=[c[0] for c in CASES])
def test_each_cameo_root_is_extracted(nlp, lexicon, resources, root, text, dyad):
    doc = nlp(text)
    sts = resolve_candidates(discourse(doc), Document("t", text, date(2024, 1, 1)), extract_candidates(doc, "t", lexicon), resources)
    got = {(s.subject.label, s.object.label): s.cameo for s in sts}
    assert got.get(dyad) == root, got


def test_all_twenty_roots_are_covered():
    assert sorted(c[0] for c in CASES) == [f"{i:02d}" for i in range(1, 21)]


def statements(nlp, lexicon, resources, text):
    doc = nlp(text)
    return resolve_candidates(discourse(doc), Document("t", text, None), extract_candidates(doc, "t", lexicon), resources)


@pytest.mark.parametrize("text, dyad, relation", [
    ("Chile stopped short of endorsing Peru.", ("Chile", "Peru"), "endorse"),
    ("Chile did not accept Peru's offer.", ("Chile", "Peru's offer"), "accept"),
    ("Chile avoided committing to the plan.", ("Chile", "plan"), "pledge"),
])
def test_negations_negate_the_event(nlp, lexicon, resources, text, dyad, relation):
    got = {(s.subject.label, s.relation, s.object.label): s.negated for s in statements(nlp, lexicon, resources, text)}
    assert got.get((*dyad[:1], relation, dyad[1])) is True, got


@pytest.mark.parametrize("text", ["Chile refused to support Peru.", "Chile declined to recognize Peru."])
def test_refusals_are_rejections_never_the_refused_event(nlp, lexicon, resources, text):
    got = {(s.subject.label, s.object.label, s.cameo, s.negated) for s in statements(nlp, lexicon, resources, text)}
    assert ("Chile", "Peru", "12", False) in got, got
    assert not any(cameo == "05" for _, _, cameo, _ in got)


@pytest.mark.parametrize("text, expected", [
    # the agent of a mediation or hosting participle meets the event's parties
    ("Chile and Peru signed a deal brokered by Norway.", {("Norway", "Chile"), ("Norway", "Peru")}),
    ("Chile and Peru began talks hosted by Norway.", {("Norway", "Chile"), ("Norway", "Peru")}),
])
def test_mediators_and_hosts_of_an_event_meet_its_parties(nlp, lexicon, resources, text, expected):
    got = {(s.subject.label, s.object.label) for s in statements(nlp, lexicon, resources, text) if s.cameo == "04"}
    assert expected <= got, got


@pytest.mark.parametrize("text", [
    "Chile and Peru signed a deal praised by Norway.",  # praising the deal is not meeting its parties
    "Norway brokered a deal.",  # no parties named
])
def test_other_participles_do_not_reach_the_parties(nlp, lexicon, resources, text):
    got = {(s.subject.label, s.object.label) for s in statements(nlp, lexicon, resources, text)}
    assert not ({("Norway", "Chile"), ("Norway", "Peru")} & got), got


def test_joint_announcement_is_both_parties_own_words(nlp, lexicon, resources):
    text = "Chile and Peru announced they are restoring diplomatic relations."
    sts = [s for s in statements(nlp, lexicon, resources, text) if s.cameo == "05"]
    assert {(s.subject.label, s.object.label) for s in sts} == {("Chile", "Peru"), ("Peru", "Chile")}
    assert all(s.attributed_to is None for s in sts)
