"""Text normalisation before parsing: headlines in capitals re-cased, datelines blanked, offsets kept."""
from __future__ import annotations

import pytest

from kg.nlp import blank_dateline, normalise_case

PROPER = {"chile": "Chile", "peru": "Peru", "lima": "Lima", "orbán": "Orbán", "leyen": "Leyen"}
ACRONYMS = frozenset({"US", "NATO"})


@pytest.mark.parametrize("line, expected", [
    ("CHILE ATTACKS PERU AGAIN", "Chile attacks Peru again"),
    ("US TROOPS LEAVE LIMA", "US troops leave Lima"),  # a known acronym keeps its capitals
    ("Chile Recalls Envoy from Peru Over Border Dispute", "Chile recalls envoy from Peru over border dispute"),
    ("NATO Allies Back Chile Against Peru", "NATO allies back Chile against Peru"),
])
def test_headlines_are_recased(line, expected):
    out = normalise_case(line, PROPER, ACRONYMS)
    assert out == expected and len(out) == len(line)


def test_names_are_recased_whole_never_word_by_word():
    proper = {**PROPER, "white house": "White House", "kais said": "Kais Said"}
    out = normalise_case("CHILE SAID AT THE WHITE HOUSE THAT PERU WOULD WORK WITH IT", proper, ACRONYMS)
    assert out == "Chile said at the White House that Peru would work with it"


@pytest.mark.parametrize("line", [
    "US Secretary of State Rubio met Lavrov in Riyadh.",  # a sentence full of names, with its full stop
    "Ursula von der Leyen criticized Viktor Orbán on Tuesday in Brussels",  # a lower-case verb: not a headline
    "Chile and Peru met in Lima.",
])
def test_sentences_are_parsed_as_written(line):
    assert normalise_case(line, PROPER, ACRONYMS) == line


@pytest.mark.parametrize("line, rest", [
    ("LAGOS, Nigeria — Navy vessels seized a tanker.", "Navy vessels seized a tanker."),
    ("BRASILIA: Brazil recalled its envoy.", "Brazil recalled its envoy."),
    ("OTTAWA, March 5 — Canada imposed tariffs.", "Canada imposed tariffs."),
    ("Taipei, Taiwan - Taiwan's ruling party won.", "Taiwan's ruling party won."),
    ("KYIV (Reuters) — Ukraine struck a depot.", "Ukraine struck a depot."),
])
def test_datelines_are_blanked_with_offsets_kept(line, rest):
    out = blank_dateline(line)
    assert out.strip() == rest and len(out) == len(line)


@pytest.mark.parametrize("line", [
    "Russia said - in a statement - that talks would resume.",
    "Chile, Peru and Bolivia met in Lima.",
    "The US and Chile - old allies - met on Monday.",
])
def test_ordinary_sentences_have_no_dateline(line):
    assert blank_dateline(line) == line


def test_split_text_cuts_at_line_ends_and_joins_back():
    from kg.nlp import split_text

    text = "".join(f"Line {i} says something about the talks.\n" for i in range(200))
    pieces = split_text(text, 1000)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(p) <= 1000 and p.endswith("\n") for p in pieces)
    assert split_text("short text", 1000) == ["short text"]
    assert "".join(split_text("x" * 2500, 1000)) == "x" * 2500  # no break anywhere: cut anyway


@pytest.mark.slow
def test_a_text_longer_than_the_parser_accepts_is_parsed_in_pieces(nlp, lexicon, monkeypatch):
    import kg.nlp
    from kg.extract import extract_candidates
    from kg.model import Document
    from kg.nlp import parse_documents

    filler = "".join(f"Officials met on day {i} to review the harvest figures.\n" for i in range(120))
    text = filler + "Norway criticized Sweden over the fishing quotas.\n"
    monkeypatch.setattr(nlp, "max_length", 3000)  # spaCy itself would refuse this text
    monkeypatch.setattr(kg.nlp, "CHUNK_CHARS", 2000)
    ((document, doc),) = list(parse_documents(nlp, [Document("long", text)]))
    assert doc.text == text and len(text) > 3000
    last = list(doc.sents)[-1]
    assert last.text.strip() == "Norway criticized Sweden over the fishing quotas."
    assert text[last.start_char:last.end_char].strip() == last.text.strip()
    found = [(c.subject.text, c.relation, c.object.text) for c in extract_candidates(doc, "long", lexicon)]
    assert ("Norway", "criticize", "Sweden") in found
