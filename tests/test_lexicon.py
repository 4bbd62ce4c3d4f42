"""The relation lexicon as data: complete over CAMEO and consistent."""
from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from kg.errors import PipelineError
from kg.extract.lexicon import load_lexicon


def test_every_cameo_root_has_patterns(lexicon, settings):
    with (settings.ontology_dir / "cameo_roots.csv").open(encoding="utf-8") as f:
        roots = {row["root"] for row in csv.DictReader(f)}
    have = {e.cameo_root for e in lexicon.entries.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert roots <= have


def test_each_relation_has_one_cameo_code_and_one_label(lexicon):
    codes, labels = defaultdict(set), defaultdict(set)
    for e in lexicon.entries.values():
        codes[e.relation].add(e.cameo)
        labels[e.relation].add(e.label)
    assert {r: c for r, c in codes.items() if len(c) > 1} == {}
    assert {r: lab for r, lab in labels.items() if len(lab) > 1} == {}


@pytest.mark.parametrize("pattern, root", [
    ("support", "05"), ("call for", "02"), ("urge", "02"), ("accuse", "11"), ("reject", "12"), ("threaten", "13"),
    ("attack", "19"), ("say", "01"), ("meet", "04"), ("demand", "10"), ("expel", "16"),
])
def test_common_verbs_have_their_cameo_family(lexicon, pattern, root):
    entry = lexicon.get(pattern)
    assert entry is not None and entry.cameo_root == root


def test_refusal_verbs_negate_their_complement(lexicon):
    assert lexicon.get("refuse to").negative and lexicon.get("decline to").negative
    assert not lexicon.get("agree to").negative


def test_a_bad_row_is_reported_with_its_line(tmp_path):
    p = tmp_path / "relations.csv"
    p.write_text("pattern,pos,relation,label,cameo,polarity\nsupport,VERB,support,supports,051,\nhit,VERB,hit,hits,99,\n")
    with pytest.raises(PipelineError, match=r"relations.csv:3: bad lexicon row"):
        load_lexicon(p)
