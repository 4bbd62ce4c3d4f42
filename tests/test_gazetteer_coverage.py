"""Coverage of the gazetteer: the main international actors news names, beyond the sample stories."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

# The 19 member states of the G20 (the EU and the African Union are the other members).
G20_STATES = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS",
              "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]
ON = date(2025, 6, 1)


@pytest.mark.parametrize("country", G20_STATES)
def test_g20_state_has_head_of_state_and_government(resources, country):
    roles = resources.gazetteer.roles
    held = {r.role for r in roles if r.of == country and r.held_on(ON)}
    assert {"head_of_state", "head_of_government"} <= held, f"{country} on {ON}: only {sorted(held)}"


def test_role_holders_are_gazetteer_people(resources):
    g = resources.gazetteer
    missing = {r.person for r in g.roles if r.person not in g.entries}
    assert not missing


def test_at_most_one_armed_forces_body_per_country(resources):
    counts = Counter(e.country for e in resources.gazetteer.entries.values() if e.sector == "military")
    assert not [c for c, n in counts.items() if n > 1]
    assert None not in counts  # an armed-forces body always has a country


@pytest.mark.parametrize("country", [*G20_STATES, "ISR", "IRN", "UKR", "PAK", "SDN", "MMR", "PRK", "TWN", "EGY",
                                     "NGA", "MLI", "NER", "BFA", "ETH", "YEM", "SYR", "POL", "ARM", "AZE"])
def test_country_has_its_armed_forces(resources, country):
    body = resources.gazetteer.sector_body(country, "military")
    assert body is not None and body.type == "MilitaryForce"


def test_irgc_and_branches_are_not_the_armed_forces(resources):
    g = resources.gazetteer
    assert g.sector_body("IRN", "military").key == "iranian-armed-forces"
    for name in ["IRGC", "Chinese navy", "Indian Air Force", "Royal Navy"]:
        e = g.lookup(name)
        assert e.type == "MilitaryForce" and e.sector is None


@pytest.mark.parametrize("name, key, kind", [
    ("UNESCO", "unesco", "InternationalOrganization"),
    ("World Health Organization", "world-health-organization", "InternationalOrganization"),
    ("Council of the EU", "council-of-the-european-union", "InternationalOrganization"),
    ("ECOWAS", "ecowas", "InternationalOrganization"),
    ("Alliance of Sahel States", "alliance-of-sahel-states", "InternationalOrganization"),
    ("SADC", "sadc", "InternationalOrganization"),
    ("Mercosur", "mercosur", "InternationalOrganization"),
    ("AUKUS", "aukus", "InternationalOrganization"),
    ("OIC", "organisation-of-islamic-cooperation", "InternationalOrganization"),
    ("Interpol", "interpol", "InternationalOrganization"),
    ("Doctors Without Borders", "medecins-sans-frontieres", "Organization"),
    ("ISWAP", "islamic-state-west-africa-province", "ArmedGroup"),
    ("Jaish-e-Mohammed", "jaish-e-mohammed", "ArmedGroup"),
    ("BLA", "baloch-liberation-army", "ArmedGroup"),
    ("Tren de Aragua", "tren-de-aragua", "ArmedGroup"),
    ("CJNG", "cjng", "ArmedGroup"),
    ("Tatmadaw", "tatmadaw", "MilitaryForce"),
    ("Chinese navy", "pla-navy", "MilitaryForce"),
    ("Department of War", "us-department-of-defense", "GovernmentBody"),
    ("MI6", "mi6", "GovernmentBody"),
    ("R&AW", "research-and-analysis-wing", "GovernmentBody"),
    ("U.S. Congress", "us-congress", "GovernmentBody"),
    ("Majlis", "islamic-consultative-assembly", "GovernmentBody"),
    ("KCNA", "kcna", "Media"),
    ("Yonhap News Agency", "yonhap", "Media"),
    ("Deutsche Welle", "deutsche-welle", "Media"),
])
def test_organisation_names_resolve(resources, name, key, kind):
    e = resources.gazetteer.lookup(name)
    assert e is not None, name
    assert (e.key, e.type) == (key, kind)


@pytest.mark.parametrize("name", ["who", "WHO", "is", "IS", "congress", "Congress", "may", "will",
                                  "raw", "let", "plan", "spa", "dawn", "cis", "kia"])
def test_everyday_words_do_not_resolve(resources, name):
    assert resources.gazetteer.lookup(name) is None
