"""Event dates from the sentence, read against the publication date (a Wednesday here)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract_candidates
from kg.timeline import event_date
from tests.test_extract import LEX

PUBLISHED = date(2025, 3, 19)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("yesterday", date(2025, 3, 18)),
    ("on Tuesday", date(2025, 3, 18)),  # a weekday in the past week
    ("late on Monday", date(2025, 3, 17)),
    ("on Wednesday", date(2025, 3, 19)),  # the publication weekday is the same day
    ("on Thursday", date(2025, 3, 13)),  # a later weekday is last week's
    ("on March 11", date(2025, 3, 11)),
    ("in December", date(2024, 12, 1)),  # a month after publication's is last year's
    ("last month", date(2025, 2, 1)),
    ("in 2014", date(2014, 1, 1)),  # a year alone
])
def test_dates_in_the_text(text, expected):
    assert event_date(text, PUBLISHED) == (expected, "text")


@pytest.mark.parametrize("text", [None, "three years", "for a month", "48 hours"])
def test_durations_and_no_date_fall_back_to_publication(text):
    assert event_date(text, PUBLISHED) == (PUBLISHED, "published")


def test_undated_document_has_no_event_date():
    assert event_date("on Tuesday", None) == (None, "none")


def test_the_clause_date_is_found_and_shared_by_its_complement(nlp):
    doc = nlp("Chile agreed on Tuesday to support Peru and met Bolivia.")
    dates = {c.relation_label: c.date_text for c in extract_candidates(doc, "t", LEX)}
    assert dates["agrees to support"] == "Tuesday" and dates["meets"] == "Tuesday"


def test_a_reported_clause_does_not_take_the_date_of_its_saying(nlp):
    doc = nlp("On Friday, Chile said Peru supported the plan.")
    (c,) = [c for c in extract_candidates(doc, "t", LEX) if c.relation == "support"]
    assert c.date_text is None
