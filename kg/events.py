"""Events: the statements that report one happening, grouped, each keeping all its reports.

A statement is one sentence of one article; an event is what happened. Two articles that say
"X restored relations with Y" the same week report one event, not two. Statements with the same
subject, object, CAMEO root (the relation itself when there is none), negation and modality whose
dates lie within `EVENT_WINDOW_DAYS` of the event's first report form one `Event`. Its
corroboration is the number of distinct documents that report it: two sentences of one article are
two reports but one source.

Modality is part of the key: a report that something might happen (hedged) or would happen if
(conditional) does not corroborate a report that it happened, so asserted, hedged and conditional
reports never share an event, and counting asserted events stays what counting asserted statements was.

The window is anchored on the first report (sorted by date): a report joins the event when its date
is at most `EVENT_WINDOW_DAYS` after the event's first date, so an event never spans more than that,
however many reports chain along. Undated reports (no event date, no publication date) of one key
form one undated event.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kg.model import Actor, Statement, compact_pickle, json_text
from kg.ontology import QUAD_OF_ROOT, event_iri

EVENT_WINDOW_DAYS = 3  # reports up to this many days after an event's first report report the same event


@compact_pickle
@dataclass(frozen=True, slots=True)
class Report:
    """A statement as events need it: without its sentence, which stays on disk at `sentence_at`
    (offset and length, see kg/spool.py). A build groups a large corpus's events over these."""

    id: str
    subject: Actor
    object: Actor
    relation: str
    relation_label: str
    cameo: str | None
    cameo_code: str | None
    negated: bool
    modality: str
    event_date: date | None
    published: date | None
    document: str
    sentence_index: int
    attributed_to: Actor | None
    sentence_at: tuple[int, int]

    @classmethod
    def of(cls, s: Statement, sentence_at: tuple[int, int]) -> "Report":
        return cls(s.id, s.subject, s.object, s.relation, s.relation_label, s.cameo, s.cameo_code, s.negated, s.modality,
                   s.event_date, s.published, s.document, s.sentence_index, s.attributed_to, sentence_at)


def report_date(s: Statement | Report) -> date | None:
    """Return the date a statement places its act on: the event date, else the publication date."""
    return s.event_date or s.published


def event_key(s: Statement | Report) -> tuple[str, str, str, str, str]:
    """Return what two reports of one event share: subject, object, CAMEO root (or the relation
    when the lexicon gives none: an office held is not "related to"), negation and modality."""
    return (s.subject.id, s.object.id, s.cameo or f"relation:{s.relation}", "negated" if s.negated else "asserted",
            s.modality)


def _report_order(s: Statement | Report) -> tuple:
    d = report_date(s)
    return (d is None, d or date.min, s.document, s.sentence_index, s.id)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Event:
    """One happening and every statement that reports it, in date order."""

    id: str  # IRI: a hash of the key and the first date
    subject: Actor
    object: Actor
    relation: str  # the relation most of its reports give (the earliest on a tie)
    relation_label: str
    cameo: str | None  # CAMEO root, shared by every report
    cameo_code: str | None  # the code of the report whose relation is kept
    negated: bool
    modality: str  # "asserted", "hedged" or "conditional", shared by every report
    first_date: date | None
    last_date: date | None
    reports: tuple[Statement | Report, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """Return the distinct documents that report the event, sorted."""
        return tuple(sorted({s.document for s in self.reports}))

    @property
    def corroboration(self) -> int:
        """Return the number of independent reports: distinct documents."""
        return len(self.documents)

    @property
    def quad(self) -> int | None:
        """Return the CAMEO quad class (1 verbal cooperation … 4 material conflict), None without a root."""
        return QUAD_OF_ROOT.get(self.cameo or "")

    @property
    def label(self) -> str:
        return f"{self.subject.label} {'not ' if self.negated else ''}{self.relation_label} {self.object.label}"

    def to_json(self) -> dict:
        """Return the events.jsonl record."""
        return {
            "id": self.id,
            "subject": self.subject.to_json(),
            "relation": self.relation,
            "relation_label": self.relation_label,
            "cameo": self.cameo,
            "cameo_code": self.cameo_code,
            "object": self.object.to_json(),
            "negated": self.negated,
            "modality": self.modality,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "reports": len(self.reports),
            "corroboration": self.corroboration,
            "documents": list(self.documents),
            "statements": [s.id for s in self.reports],
        }


def _event(key: tuple[str, ...], reports: list[Statement | Report]) -> Event:
    first = reports[0]
    counts = Counter((s.relation, s.relation_label, s.cameo_code) for s in reports)
    best = max(counts.values())
    relation, label, code = next(k for s in reports if counts[k := (s.relation, s.relation_label, s.cameo_code)] == best)
    dates = [d for s in reports if (d := report_date(s)) is not None]
    first_date = min(dates) if dates else None
    return Event(id=event_iri(key, first_date.isoformat() if first_date else ""), subject=first.subject,
                 object=first.object, relation=relation, relation_label=label, cameo=first.cameo, cameo_code=code,
                 negated=first.negated, modality=first.modality, first_date=first_date,
                 last_date=max(dates) if dates else None, reports=tuple(reports))


def group_events(statements: Iterable[Statement | Report], *, window_days: int = EVENT_WINDOW_DAYS) -> tuple[Event, ...]:
    """Return the events the statements report, sorted by first date, subject, relation and object.

    Reports of one key (see `event_key`) are taken in date order; each starts a new event unless its
    date is at most `window_days` after the current event's first date. The result does not depend
    on the order of `statements`, and a statement given twice (same id) counts once.
    """
    by_key: dict[tuple[str, ...], list[Statement | Report]] = defaultdict(list)
    for s in {s.id: s for s in statements}.values():
        by_key[event_key(s)].append(s)
    window = timedelta(days=window_days)
    events: list[Event] = []
    for key, group in by_key.items():
        group.sort(key=_report_order)
        current: list[Statement | Report] = []
        start: date | None = None
        for s in group:
            d = report_date(s)
            if current and (d is None) == (start is None) and (d is None or d - start <= window):
                current.append(s)
                continue
            if current:
                events.append(_event(key, current))
            current, start = [s], d
        events.append(_event(key, current))
    return tuple(sorted(events, key=event_order))


def event_order(e: Event) -> tuple:
    return (e.first_date is None, e.first_date or date.min, e.subject.label, e.relation_label, e.object.label, e.id)


def counted_events(events: Iterable[Event], *, include_hedged: bool = False) -> list[Event]:
    """Return the events that count as facts: asserted ones (negated ones too: an asserted denial),
    or every event with `include_hedged`."""
    return [e for e in events if include_hedged or e.modality == "asserted"]


def events_jsonl(events: Iterable[Event]) -> str:
    """Return events.jsonl: one event per line, in `event_order`, keys sorted."""
    return "".join(events_lines(events))


def events_lines(events: Iterable[Event]) -> Iterator[str]:
    """Yield the lines of events.jsonl one at a time."""
    for e in sorted(events, key=event_order):
        yield json_text(e.to_json()) + "\n"


__all__ = ["EVENT_WINDOW_DAYS", "Event", "Report", "counted_events", "event_key", "event_order", "events_jsonl",
           "events_lines", "group_events", "report_date"]
