"""kg diff, kg view and kg export read a build's records (statements.jsonl, offices.jsonl), not its RDF."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kg.errors import InputError
from kg.export import write_jsonl
from kg.model import Statement
from kg.query import load_statements
from tests.helpers import ALPHA, STATEMENTS


def test_a_statement_record_reads_back_as_the_same_statement():
    with_all = replace(STATEMENTS[0], attributed_to=ALPHA, topic="the plan", modality="hedged", date_source="text")
    for s in [*STATEMENTS, with_all]:
        back = Statement.from_json(json.loads(json.dumps(s.to_json())))
        assert back == s and back.to_json() == s.to_json()


def test_a_built_folder_is_read_from_its_records_the_same_as_from_its_rdf(tmp_path):
    from kg.pipeline import write_build
    from kg.settings import Settings
    from tests.helpers import DOCS

    write_build(tmp_path, DOCS, STATEMENTS, 2, Settings(store="memory"), "test", [], [], 0, lambda name: None)
    from_records = load_statements(tmp_path, include_hedged=True)
    from_rdf = load_statements(tmp_path / "graph.trig", include_hedged=True)
    assert [s.to_json() for s in from_records] == [s.to_json() for s in from_rdf]
    (tmp_path / "offices.jsonl").unlink()  # not a complete set of records: the RDF is read
    assert [s.id for s in load_statements(tmp_path, include_hedged=True)] == [s.id for s in from_rdf]


def test_a_damaged_record_is_a_one_line_error_naming_the_line(tmp_path):
    write_jsonl(STATEMENTS, tmp_path / "statements.jsonl")
    (tmp_path / "offices.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"offices.jsonl:1: not a statement record"):
        load_statements(tmp_path)
