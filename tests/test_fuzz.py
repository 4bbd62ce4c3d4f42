"""Fuzzing: whatever text arrives, ingest and extraction end in a result or a documented error."""
from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract import discourse, extract_candidates
from kg.ingest import read_inputs
from kg.model import Document
from kg.nlp import parse_documents
from kg.resolve import resolve_candidates

# Any unicode, with the characters news text is made of weighted in: words, punctuation, names.
WORDS = st.sampled_from(["Norway", "criticized", "Sweden", "the", "minister", "said", "not", "\n", ".", ",", "\"",
                         "President", "Mr.", "he", "---", "published:", "2024-01-02", "\t", "\x1b[31m", "\u202e"])
TEXT = st.lists(st.one_of(st.text(max_size=20), WORDS), max_size=40).map(" ".join)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(files=st.dictionaries(st.sampled_from(["a.txt", "b.md", "c.jsonl", "d.html", "metadata.csv"]), TEXT, max_size=5))
def test_ingest_reads_or_refuses_with_an_input_error(files):
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        try:
            corpus = read_inputs([Path(tmp)])
        except InputError as e:
            assert str(e) and "\n" not in str(e).strip()
            return
        for d in corpus.documents:
            assert isinstance(d.text, str) and not any(ord(c) < 32 and c not in "\n\t" for c in d.text)


@FUZZ
@given(record=st.dictionaries(st.sampled_from(["id", "text", "published", "title"]),
                              st.one_of(TEXT, st.integers(), st.none(), st.lists(st.integers())), max_size=4))
def test_any_jsonl_record_is_read_or_skipped_with_its_reason(record):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        corpus = read_inputs([path])
        assert len(corpus.documents) + len(corpus.skipped) == 1
        if corpus.skipped:
            (skipped,) = corpus.skipped
            assert skipped.path.endswith("feed.jsonl:1") and skipped.reason and "\n" not in skipped.reason
            return
        (document,) = corpus.documents
        assert all(isinstance(v, (str, type(None), date)) for v in (document.title, document.source, document.published))


@pytest.mark.slow
@FUZZ
@given(text=TEXT)
def test_extraction_and_resolution_never_raise(nlp, lexicon, resources, text):
    document = Document("fuzz", text, date(2024, 1, 2))
    for doc_in, doc in parse_documents(nlp, [document]):
        candidates = extract_candidates(doc, doc_in.id, lexicon, source_text=doc_in.text)
        for statement in resolve_candidates(discourse(doc, doc_in.text), doc_in, candidates, resources):
            assert statement.subject.id and statement.object.id
