"""scripts/petrarch_check.py's readers and code matching, on snippets written here in PETRARCH's formats
(no PETRARCH data, no spaCy model)."""
from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.resolve.gazetteer import Entry, Gazetteer

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "petrarch_check.py"


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("petrarch_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


ACTORS = """<!-- a made-up dictionary
# with a comment block -->
ZEMBLA_  [ZEM]  # exact name
+ZEMBLAN_CROWN
ONHAVA
\t[ONH <900101]
\t[ONHGOV 19900101 - 19951231]
#OLDNAME [OLD]
KRONIA ARMY [KROMIL]
NOBODY  [---]
TWIN_CITIES [TWA/TWB]
"""

RECORDS = """<Validation><Sentences>
<Sentence date="19950102" id="T-01" category="DEMO">
<EventCoding sourcecode="ZEM" targetcode="ONHGOV" eventcode="042"></EventCoding>
<Text>
Zembla praised the
Onhavan government.
</Text>
</Sentence>
<Sentence date="19950103" id="T-02" category="VERB"><EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text></Sentence>
<Sentence date="19950104" id="T-03" category="ERROR"><EventCoding error="storydiscard"></EventCoding>
<Text>X.</Text></Sentence>
</Sentences></Validation>"""


def test_actor_dictionary(check):
    got = {a.names[0]: a.codes for a in check.parse_actors(ACTORS)}
    assert got == {"ZEMBLA_": ("ZEM",), "ONHAVA": ("ONH", "ONHGOV"), "KRONIA ARMY": ("KROMIL",),
                   "TWIN_CITIES": ("TWA", "TWB")}  # the null code and the commented entry are gone
    assert check.parse_actors(ACTORS)[0].names == ("ZEMBLA_", "ZEMBLAN_CROWN")


def test_prefix_agents(check):
    assert check.parse_prefix_agents("AID_GROUP {} [NGO~] # x\nARMY [~MIL]\n") == frozenset({"NGO"})


def test_records(check):
    first, quiet, discard = check.parse_records(RECORDS)
    assert (first.id, first.published) == ("T-01", date(1995, 1, 2))
    assert first.text == "Zembla praised the Onhavan government."  # whitespace and line breaks folded
    assert first.events == (check.Event("ZEM", "ONHGOV", "042"),)
    assert (quiet.events, quiet.error, discard.events, discard.error) == ((), None, (), "storydiscard")


@pytest.mark.parametrize("name, texts, forms", [
    ("ONHAVA", "The Onhavan government met Onhava.", ["Onhava", "Onhavan"]),  # a stem: every word it begins
    ("ZEMBLA_", "Zembla and Zemblan ships.", ["Zembla"]),  # a trailing underscore: the word only
    ("KRONIA ARMY", "nothing here", ["Kronia Army"]),
    ("PRINCE_OF_KRONIA_", "", ["Prince of Kronia"]),
    ("UN_", "", ["UN"]),
])
def test_name_forms(check, name, texts, forms):
    assert check.name_forms(name, texts) == forms


def test_rows_keep_known_names_and_key_by_code(check):
    real = Gazetteer({"ONH": Entry("ONH", "Onhava", "Country", "ONH")}, {"onhava": "ONH"}, {})
    rows = {r["key"]: r for r in check.gazetteer_rows(check.parse_actors(ACTORS), "Zembla. The Onhavan side.", real)}
    assert rows["zem"] == {"key": "zem", "label": "Zembla", "aliases": "Zembla|Zemblan Crown", "type": "Country",
                           "country": "zem"}
    assert rows["onh"]["aliases"] == "Onhavan" and rows["onh"]["country"] == "ONH"  # a new name of a known country
    assert rows["kromil"]["type"] == "Organization" and "country" not in rows["kromil"]


@pytest.mark.parametrize("code, accepted", [
    ("ARNGOV", {"ARN"}), ("ARN", {"ARN"}), ("NGOARN", {"NGO", "ARN"}), ("NGO", {"NGO"}), ("---GOV", {"---"}),
])
def test_wanted(check, code, accepted):
    assert check.wanted(code, frozenset({"NGO"})) == accepted
