"""Event dates: the date a sentence gives its event, resolved against the publication date."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import dateparser

# A date expression names a point in time when it has one of these; "three years", "48 hours"
# and "for a month" are durations and date nothing.
_POINT = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|last|ago|earlier this|this (?:week|month|year)|\d{4})\b",
    re.IGNORECASE)
_NOISE = re.compile(r"\b(?:late|early|earlier|on|in|at|since|by|until|from|the|overnight|around|mid|of)\b", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SOURCES = ("text", "published", "none")


def is_point_in_time(text: str) -> bool:
    """Return True when a date expression names a day, month or year rather than a duration."""
    return bool(_POINT.search(text)) and not re.search(r"\b(?:for|within|over|during)\b", text, re.IGNORECASE)


@lru_cache(maxsize=4096)  # a pure function of its arguments; dateparser takes about a millisecond a call
def resolve_date(text: str, published: date) -> date | None:
    """Return the date an expression names, read from the publication date.

    Weekdays and months are the most recent ones on or before publication ("on Tuesday" in a
    Wednesday paper is the day before; "on Wednesday" is the same day); a year alone is 1 January;
    a month alone its first day.
    """
    cleaned = " ".join(_NOISE.sub(" ", text).split())
    if not cleaned:
        return None
    year = _YEAR.match(cleaned)
    if year:
        return date(int(year.group(1)), 1, 1)
    if cleaned.lower() == _WEEKDAYS[published.weekday()]:
        return published
    parsed = dateparser.parse(cleaned, languages=["en"], settings={
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
    })
    if parsed is None:
        return None
    resolved = parsed.date()
    return resolved if resolved <= published else None


def event_date(date_text: str | None, published: date | None) -> tuple[date | None, str]:
    """Return the event date and where it came from: ("text"), the publication date, or none."""
    if date_text and published is not None and is_point_in_time(date_text):
        resolved = resolve_date(date_text, published)
        if resolved is not None:
            return resolved, "text"
    if published is not None:
        return published, "published"
    return None, "none"
