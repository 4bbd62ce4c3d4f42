from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import clean_text, is_furniture, load_documents, read_inputs


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
def test_a_bad_jsonl_line_is_skipped_naming_file_line_and_problem_and_the_rest_is_read(tmp_path, record, problem):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "ok", "text": "Fine."}\n' + record + '\n{"id": "ok2", "text": "Also fine."}\n')
    corpus = read_inputs([p])
    assert [d.id for d in corpus.documents] == ["ok", "ok2"]
    (skipped,) = corpus.skipped
    assert skipped.path.endswith("bad.jsonl:2") and skipped.reason.startswith(problem)


def test_a_file_that_is_not_utf8_is_skipped_and_the_folder_still_read(tmp_path):
    write(tmp_path / "good.txt", "The minister met the envoy.\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken \x81\x82")
    corpus = read_inputs([tmp_path])
    assert [d.id for d in corpus.documents] == ["good"]
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [("bad.txt", "not UTF-8 text")]


def test_a_good_folder_skips_nothing(tmp_path):
    write(tmp_path / "a.txt", "One.\n")
    write(tmp_path / "b.txt", "Two.\n")
    assert read_inputs([tmp_path]).skipped == ()


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load_documents([tmp_path / "nope"])


def test_a_second_document_with_a_used_id_is_skipped(tmp_path):
    write(tmp_path / "a.txt", "One.\n")
    p = tmp_path / "more.jsonl"
    p.write_text('{"id": "a", "text": "Two."}\n')
    corpus = read_inputs([tmp_path])
    assert [(d.id, d.text) for d in corpus.documents] == [("a", "One.")]
    (skipped,) = corpus.skipped
    assert skipped.path.endswith("more.jsonl:1") and "document id 'a' already used by" in skipped.reason


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


# Saved web pages, written for these tests: each with its site's furniture around the article.
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li><li>Subscribe now</li></ul></nav>"
FOOTER = "<aside><h3>Most read</h3><ul><li>Ten things to do this weekend</li></ul></aside><footer>Cookie settings. Privacy policy.</footer>"


def page(head: str, title: str, paragraphs: list[str], *, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='{charset}'><title>{title} | The Example Herald</title>{head}"
            f"</head><body>{NAV}<header><h1>{title}</h1></header><article>{body}</article>{FOOTER}</body></html>")


PACT = ["Norway and Chile signed a fisheries agreement in Oslo on Monday, ending two years of talks over quotas.",
        "The Norwegian fisheries minister said the pact would protect stocks for the next decade.",
        "Environmental groups criticised the agreement, saying the quotas were still too high."]
RECALL = ["Peru recalled its ambassador from Bolivia on Friday after a dispute over a border crossing.",
          "The Bolivian government called the decision a regrettable overreaction."]


def test_saved_pages_mix_with_text_files_and_keep_titles_and_dates(tmp_path):
    write(tmp_path / "pact.html", page("<meta property='article:published_time' content='2024-06-03T08:15:00Z'>"
                                        "<meta property='og:title' content='Norway and Chile sign fisheries pact'>",
                                        "Norway and Chile sign fisheries pact", PACT))
    ld = '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Peru recalls envoy", "datePublished": "2023-11-17"}'
    write(tmp_path / "recall.htm", page(f"<script type='application/ld+json'>{ld}</script>", "Peru recalls envoy", RECALL))
    write(tmp_path / "brief.txt", "Sweden expelled two diplomats.\n")
    write(tmp_path / "wire.jsonl", json.dumps({"id": "w1", "text": "Envoys met.", "published": "2022-03-04"}) + "\n")
    docs = {d.id: d for d in load_documents([tmp_path])}
    assert sorted(docs) == ["brief", "pact", "recall", "w1"]
    assert (docs["pact"].title, docs["pact"].published) == ("Norway and Chile sign fisheries pact", date(2024, 6, 3))
    assert (docs["recall"].title, docs["recall"].published) == ("Peru recalls envoy", date(2023, 11, 17))
    assert docs["pact"].text.splitlines() == PACT  # the article's paragraphs, and nothing of the page around them
    assert docs["recall"].text.splitlines() == RECALL


def test_page_date_from_a_time_element_and_metadata_csv_overriding_the_page(tmp_path):
    paragraphs = [*RECALL[:1], "<time datetime='2021-09-30'>30 September 2021</time>"]
    write(tmp_path / "a.html", page("<meta property='article:published_time' content='2024-01-05'>", "Peru recalls envoy", RECALL))
    write(tmp_path / "b.html", page("", "Envoy recalled", paragraphs))
    write(tmp_path / "metadata.csv", "file,published,title\na.html,2024-02-01,Our own title\n")
    docs = {d.id: d for d in load_documents([tmp_path])}
    assert (docs["a"].published, docs["a"].title) == (date(2024, 2, 1), "Our own title")
    assert docs["b"].published == date(2021, 9, 30)


def test_a_page_in_its_own_legacy_encoding_is_read(tmp_path):
    text = ["The Peruvian foreign minister, José García, met his Chilean counterpart in Lima on Tuesday."]
    (tmp_path / "old.html").write_bytes(page("", "Ministers meet", text, charset="windows-1252").encode("cp1252"))
    (doc,) = load_documents([tmp_path])
    assert "José García" in doc.text


def test_a_page_without_article_text_is_skipped_with_its_reason(tmp_path):
    write(tmp_path / "menu.html", f"<html><head><title>Sections</title></head><body>{NAV}{FOOTER}</body></html>")
    write(tmp_path / "short.html", page("", "Envoy recalled", RECALL[:1]))  # one sentence is still an article
    corpus = read_inputs([tmp_path])
    assert [d.id for d in corpus.documents] == ["short"]
    assert [(Path(s.path).name, s.reason) for s in corpus.skipped] == [("menu.html", "no article text found in the page")]


def test_metadata_csv_as_a_spreadsheet_saves_it(tmp_path):
    write(tmp_path / "a.txt", "The council met.\n")
    (tmp_path / "metadata.csv").write_bytes("\ufeffFile,Published,Source,Notes\r\na.txt,2024-05-02,Wire,checked\r\n".encode())
    (doc,) = load_documents([tmp_path])
    assert (doc.published, doc.source) == (date(2024, 5, 2), "Wire")


def test_an_article_with_a_byte_order_mark_reads_clean(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffNorway met Sweden.\r\n".encode())
    (doc,) = load_documents([tmp_path])
    assert doc.text == "Norway met Sweden."


def test_conflicting_metadata_rows_are_an_error_naming_both_lines(tmp_path):
    write(tmp_path / "a.txt", "The council met.\n")
    write(tmp_path / "metadata.csv", "file,published\na.txt,2024-05-02\nb.txt,2024-05-03\na.txt,2024-06-01\n")
    with pytest.raises(InputError, match=r"metadata.csv:4: a.txt is described differently on line 2"):
        load_documents([tmp_path])


def test_repeated_identical_metadata_rows_are_fine_and_a_missing_file_is_a_warning(tmp_path):
    write(tmp_path / "a.txt", "The council met.\n")
    write(tmp_path / "metadata.csv", "file,published\na.txt,2024-05-02\ngone.txt,2024-05-03\na.txt,2024-05-02\n")
    corpus = read_inputs([tmp_path])
    assert [d.published for d in corpus.documents] == [date(2024, 5, 2)]
    assert corpus.warnings == (f"{tmp_path / 'metadata.csv'}:3: no file gone.txt in {tmp_path}",)


def test_a_bad_date_in_metadata_names_the_row(tmp_path):
    write(tmp_path / "a.txt", "The council met.\n")
    write(tmp_path / "metadata.csv", "file,published\nb.txt,2024-13-45\n")
    with pytest.raises(InputError, match=r"metadata.csv:2: bad date '2024-13-45'"):
        load_documents([tmp_path])


def test_control_characters_and_terminal_escapes_are_removed_from_article_text(tmp_path):
    write(tmp_path / "a.txt", "\x1b[31mNorway\x1b[0m criticized\x07 Sweden.\x1b]0;owned\x07\r\nSecond line.\n")
    (doc,) = load_documents([tmp_path])
    assert doc.text == "Norway criticized Sweden.]0;owned\nSecond line."
    assert not any(ord(c) < 32 and c not in "\n\t" for c in doc.text)
