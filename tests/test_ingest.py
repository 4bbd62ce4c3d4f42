from __future__ import annotations

import json
from datetime import date

import pytest

from kg.errors import InputError
from kg.ingest import clean_text, is_furniture, load_documents


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_takes_dates_from_metadata_csv(tmp_path):
    write(tmp_path / "a.txt", "The council met on Monday.\n")
    write(tmp_path / "b.md", "Ministers spoke again.\n")
    write(tmp_path / "metadata.csv", "file,published,source,extra\na.txt,2024-05-02,Wire,x\n")
    docs = load_documents([tmp_path])
    assert [(d.id, d.published, d.source) for d in docs] == [("a", date(2024, 5, 2), "Wire"), ("b", None, None)]


def test_front_matter_overrides_metadata(tmp_path):
    write(tmp_path / "a.txt", "---\npublished: 2023-01-09\ntitle: Talks resume\n---\nThe talks resumed.\n")
    write(tmp_path / "metadata.csv", "file,published\na.txt,2020-01-01\n")
    (doc,) = load_documents([tmp_path / "a.txt"])
    assert (doc.published, doc.title, doc.text) == (date(2023, 1, 9), "Talks resume", "The talks resumed.")


def test_jsonl_records_become_documents(tmp_path):
    p = tmp_path / "news.jsonl"
    p.write_text(json.dumps({"id": "n1", "text": "Envoys met.", "published": "2022-03-04T10:00:00Z", "source": "S"}) + "\n")
    (doc,) = load_documents([p])
    assert (doc.id, doc.published, doc.source, doc.text) == ("n1", date(2022, 3, 4), "S", "Envoys met.")


@pytest.mark.parametrize("record, problem", [
    ('{"id": "x"}', "missing or empty 'text'"),
    ('{"id": "x", "text": "A."', "not valid JSON"),
    ('{"id": "x", "text": "A.", "published": "last week"}', "bad date"),
])
def test_bad_jsonl_line_names_file_line_and_problem(tmp_path, record, problem):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "ok", "text": "Fine."}\n' + record + "\n")
    with pytest.raises(InputError) as e:
        load_documents([p])
    assert f"bad.jsonl:2: {problem}" in str(e.value)


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load_documents([tmp_path / "nope"])


def test_duplicate_document_ids_are_refused(tmp_path):
    write(tmp_path / "a.txt", "One.\n")
    p = tmp_path / "more.jsonl"
    p.write_text('{"id": "a", "text": "Two."}\n')
    with pytest.raises(InputError, match="already used"):
        load_documents([tmp_path])


@pytest.mark.parametrize("line", [
    "Bonus video:", "0 Comments", "12 comments", "Read more: what the summit means", "Advertisement",
    "Best budget phones of the year now on sale: compare prices", "SHARE THIS ARTICLE",
])
def test_page_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "The minister said talks would continue.",
    "\u201cWe will not give up,\u201d she said.",
    "Is this the end of the war?",
    "Armenia and Azerbaijan sign historic peace deal at White House",  # a headline is news
    "UKRAINE SET TO LOSE FOOTHOLD IN BORDER REGION",
    "Analysts see the deal as a turning point",  # "see" is not a shopping teaser without prices or offers
])
def test_prose_is_kept(line):
    assert not is_furniture(line)


def test_glued_blurb_after_last_sentence_is_cut_off():
    text, dropped = clean_text("Troops left the town in May.Cheap laptops and tablets now in stores: see offers")
    assert text == "Troops left the town in May."
    assert dropped == ("Cheap laptops and tablets now in stores: see offers",)
