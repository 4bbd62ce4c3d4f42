"""A user's own gazetteer and lexicon additions (`kg build --gazetteer DIR --lexicon FILE`), without editing
the installed files.
The people here are invented for the tests."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

PEOPLE = "key,label,aliases,country,wikidata,gender\ntove-aasgaard,Tove Aasgaard,Aasgaard,NOR,,f\n"
ROLES = ("person,role,of,start,end,title\n"
         "tove-aasgaard,fisheries_minister,NOR,2020-01-01,,fisheries minister|Norwegian fisheries minister\n")
ARTICLE = ("---\npublished: 2024-06-03\n---\n"
           "Tove Aasgaard criticised Chile on Monday. The Norwegian fisheries minister later praised Peru.\n")


def build(tmp_path, *extra: str) -> list[dict]:
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / f"out{len(extra)}"
    res = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(out), *extra])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]


def gazetteer(tmp_path, **files: str):
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_an_added_person_and_office_resolve_to_one_known_node(tmp_path):
    plain = {(s["relation"], s["object"]["label"]): s["subject"] for s in build(tmp_path)}
    assert plain[("criticize", "Chile")]["country"] is None  # an unknown name: no country
    assert plain[("praise", "Peru")]["label"] != "Tove Aasgaard"

    folder = gazetteer(tmp_path, people=PEOPLE, roles=ROLES)
    added = {(s["relation"], s["object"]["label"]): s["subject"] for s in build(tmp_path, "--gazetteer", str(folder))}
    assert added[("criticize", "Chile")] == added[("praise", "Peru")]
    assert (added[("praise", "Peru")]["label"], added[("praise", "Peru")]["country"]) == ("Tove Aasgaard", "NOR")


@pytest.mark.parametrize("files, message", [
    ({"people": "key,name\ntove,Tove\n"}, "people.csv: missing column(s) label"),
    ({"persons": PEOPLE}, "persons.csv: not a gazetteer file"),
    ({"roles": ROLES}, "roles.csv:2: unknown person 'tove-aasgaard'"),
    ({"people": PEOPLE, "roles": ROLES.replace("2020-01-01", "January 2020")}, "roles.csv:2: bad date"),
    ({}, "no gazetteer files here"),
])
def test_a_bad_user_gazetteer_is_a_one_line_error_naming_the_file(tmp_path, files, message):
    folder = gazetteer(tmp_path, **files)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--gazetteer", str(folder)])
    assert res.exit_code == 2 and message in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


LEXICON = "pattern,pos,relation,label,cameo,polarity,symmetric\nupbraid,VERB,criticize,criticizes,111,,\n"


@pytest.mark.slow
def test_an_added_lexicon_row_gives_the_verb_its_relation_and_cameo_code(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("---\npublished: 2024-06-03\n---\nNorway upbraided Chile on Monday.\n", encoding="utf-8")
    (tmp_path / "mine.csv").write_text(LEXICON, encoding="utf-8")
    found = {}
    for name, extra in (("plain", []), ("added", ["--lexicon", str(tmp_path / "mine.csv")])):
        res = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / name), "--min-confidence", "0", *extra])
        assert res.exit_code == 0, res.output
        found[name] = [(s["subject"]["label"], s["relation"], s["cameo_code"], s["object"]["label"])
                       for s in map(json.loads, (tmp_path / name / "statements.jsonl").read_text(encoding="utf-8").splitlines())]
    assert ("Norway", "criticize", "111", "Chile") not in found["plain"]
    assert found["added"] == [("Norway", "criticize", "111", "Chile")]


@pytest.mark.parametrize("text, message", [
    ("pattern,relation\nupbraid,criticize\n", "missing column(s) cameo"),
    ("pattern,pos,relation,label,cameo\nupbraid,VERB,criticize,criticizes,999\n", "mine.csv:2: bad lexicon row"),
])
def test_a_bad_user_lexicon_is_a_one_line_error(tmp_path, text, message):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Norway upbraided Chile.\n", encoding="utf-8")
    (tmp_path / "mine.csv").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--lexicon", str(tmp_path / "mine.csv")])
    assert res.exit_code == 2 and message in res.stderr and len(res.stderr.strip().splitlines()) == 1
