"""The difference between two states of the graph: actors, events and statements added and gone,
events whose reports changed (a second article now reports one), and changed stances (the same pair
of actors, or an actor and a proposal, whose relation moved). Events (kg/events.py) are what the
diff counts: two reports of one happening are one new event with two reports, not two."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.events import Event, group_events
from kg.model import Actor, Statement
from kg.ontology import QUAD_OF_ROOT

_CUT = re.compile(r"\s+(?:of|for|on|in|with|to|against|between|from)\s+.*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StanceChange:
    """The latest statement of a pair before and after: "supports" then "rejects"."""

    subject: Actor
    topic: str  # the object actor's id, or the normalised head word of a non-actor object
    before: Statement
    after: Statement
    also: tuple[Statement, ...] = ()  # the pair's other statements of the `after` date

    @property
    def flipped(self) -> bool:
        """True when the change crosses between cooperation and conflict (or its negation)."""
        return polarity(self.before) * polarity(self.after) < 0

    def to_json(self) -> dict:
        return {"subject": self.subject.to_json(), "object": self.after.object.to_json(), "topic": self.topic,
                "flipped": self.flipped, "before": _side(self.before), "after": _side(self.after),
                "also": [_side(s) for s in self.also]}


@dataclass(frozen=True, slots=True)
class ReportChange:
    """An event of both states whose reports changed: a new article reports it, or a report is gone."""

    before: Event
    after: Event

    @property
    def documents_added(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.after.documents) - set(self.before.documents)))

    @property
    def documents_removed(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.before.documents) - set(self.after.documents)))

    @property
    def reports_added(self) -> tuple[Statement, ...]:
        old = {s.id for s in self.before.reports}
        return tuple(s for s in self.after.reports if s.id not in old)

    def to_json(self) -> dict:
        return {"before": self.before.to_json(), "after": self.after.to_json(),
                "documents_added": list(self.documents_added), "documents_removed": list(self.documents_removed)}


@dataclass(frozen=True, slots=True)
class GraphDiff:
    """What changed between two states, each list sorted."""

    actors_added: tuple[Actor, ...]
    actors_removed: tuple[Actor, ...]
    statements_added: tuple[Statement, ...]
    statements_removed: tuple[Statement, ...]
    stance_changes: tuple[StanceChange, ...]
    events_added: tuple[Event, ...] = ()
    events_removed: tuple[Event, ...] = ()
    reports_changed: tuple[ReportChange, ...] = ()

    def to_json(self) -> dict:
        return {
            "actors_added": [a.to_json() for a in self.actors_added],
            "actors_removed": [a.to_json() for a in self.actors_removed],
            "events_added": [e.to_json() for e in self.events_added],
            "events_removed": [e.to_json() for e in self.events_removed],
            "reports_changed": [c.to_json() for c in self.reports_changed],
            "statements_added": [s.to_json() for s in self.statements_added],
            "statements_removed": [s.to_json() for s in self.statements_removed],
            "stance_changes": [c.to_json() for c in self.stance_changes],
        }


def _side(s: Statement) -> dict:
    return {"statement": s.id, "relation": s.relation, "relation_label": s.relation_label, "cameo": s.cameo,
            "negated": s.negated, "modality": s.modality, "date": _day(s).isoformat() if _day(s) else None,
            "document": s.document, "sentence": s.sentence}


def polarity(s: Statement) -> int:
    """Return +1 for cooperation, -1 for conflict (CAMEO quad classes), flipped when negated; 0 unknown."""
    quad = QUAD_OF_ROOT.get(s.cameo or "")
    sign = 0 if quad is None else (1 if quad <= 2 else -1)
    return -sign if s.negated else sign


def load_topics(path: Path) -> dict[str, str]:
    """Return word -> topic ("truce" -> "ceasefire") from ontology/topics.csv."""
    with path.open(encoding="utf-8", newline="") as f:
        return {row["word"].strip().lower(): row["topic"].strip() for row in csv.DictReader(f)}


def topic_of(obj: Actor, topics: dict[str, str]) -> str:
    """Return what a statement is about: an actor's id, or a non-actor object's head word
    ("full 30-day ceasefire" and "temporary truce" are both "ceasefire")."""
    if obj.is_actor:
        return obj.id
    words = _CUT.sub("", obj.label.lower()).split()
    head = words[-1] if words else obj.label.lower()
    for w in reversed(words):
        if w in topics:
            return topics[w]
    return topics.get(head, head)


def _day(s: Statement, by: str = "published") -> date | None:
    return s.event_date if by == "event" else s.published


def as_of(statements: list[Statement], day: date, *, by: str = "published") -> list[Statement]:
    """Return the statements known on `day`: published (or, by="event", happened) on or before it."""
    return [s for s in statements if _day(s, by) is not None and _day(s, by) <= day]


def _actors(statements: list[Statement]) -> dict[str, Actor]:
    return {a.id: a for s in statements for a in (s.subject, s.object) if a.is_actor}


def _rank(s: Statement, by: str) -> tuple:
    # The latest first; on one date, the actor's own words before reported ones, then the surest.
    return (_day(s, by) or date.min, s.attributed_to is None, s.confidence, s.id)


def _stances(statements: list[Statement], topics: dict[str, str]) -> dict[tuple[str, str], list[Statement]]:
    """Return the event statements per (subject, topic); offices and unknown verbs are not stances."""
    out: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        if s.cameo is not None:
            out[(s.subject.id, topic_of(s.object, topics))].append(s)
    return out


def diff_statements(before: list[Statement], after: list[Statement], topics: dict[str, str], *,
                    by: str = "published") -> GraphDiff:
    """Return what changed from the statements `before` to the statements `after`."""
    b_ids, a_ids = {s.id for s in before}, {s.id for s in after}
    b_act, a_act = _actors(before), _actors(after)
    changes = []
    old, new = _stances(before, topics), _stances(after, topics)
    for key in sorted(old.keys() & new.keys()):
        x = max(old[key], key=lambda s: _rank(s, by))
        y = max(new[key], key=lambda s: _rank(s, by))
        if (x.relation, x.negated) != (y.relation, y.negated):
            same_day = sorted((s for s in new[key] if s.id != y.id and _day(s, by) == _day(y, by)), key=lambda s: s.id)
            changes.append(StanceChange(y.subject, key[1], x, y, tuple(same_day)))
    changes.sort(key=lambda c: (not c.flipped, c.subject.label, c.topic))
    added, removed, changed = match_events(group_events(before), group_events(after))
    return GraphDiff(
        actors_added=tuple(sorted((a for k, a in a_act.items() if k not in b_act), key=lambda a: (a.label, a.id))),
        actors_removed=tuple(sorted((a for k, a in b_act.items() if k not in a_act), key=lambda a: (a.label, a.id))),
        statements_added=tuple(sorted((s for s in after if s.id not in b_ids), key=_order)),
        statements_removed=tuple(sorted((s for s in before if s.id not in a_ids), key=_order)),
        stance_changes=tuple(changes),
        events_added=added, events_removed=removed, reports_changed=changed,
    )


def match_events(before: tuple[Event, ...], after: tuple[Event, ...]) -> tuple[
        tuple[Event, ...], tuple[Event, ...], tuple[ReportChange, ...]]:
    """Return the events added, the events gone and the events whose reports changed. An event of
    `after` is the same as the event of `before` that shares most of its reports (an earlier report
    found later moves an event's first date, and so its IRI, but not what it is)."""
    owner = {s.id: e for e in before for s in e.reports}
    matched: set[str] = set()
    added, changed = [], []
    for e in after:
        shared: dict[str, int] = defaultdict(int)
        for s in e.reports:
            if s.id in owner:
                shared[owner[s.id].id] += 1
        if not shared:
            added.append(e)
            continue
        best = min(shared, key=lambda i: (-shared[i], i))
        matched.add(best)
        old = next(b for b in before if b.id == best)
        if {s.id for s in old.reports} != {s.id for s in e.reports}:
            changed.append(ReportChange(old, e))
    removed = tuple(e for e in before if e.id not in matched)
    return tuple(added), removed, tuple(changed)


def diff_dates(statements: list[Statement], start: date, end: date, topics: dict[str, str], *,
               by: str = "published") -> GraphDiff:
    """Return the difference between the graph as of `start` and as of `end`."""
    return diff_statements(as_of(statements, start, by=by), as_of(statements, end, by=by), topics, by=by)


def _order(s: Statement) -> tuple:
    return (s.published or date.min, s.document, s.sentence_index, s.id)


def render_text(d: GraphDiff) -> str:
    """Return the diff for people: changed stances first, then each actor's new and gone statements,
    most active actors first, with the evidence and its date."""
    lines: list[str] = []
    if d.stance_changes:
        lines.append(f"Changed stances ({len(d.stance_changes)})")
        for c in d.stance_changes:
            mark = " [cooperation <-> conflict]" if c.flipped else ""
            target = c.after.object.label if c.after.object.is_actor else c.topic
            lines.append(f"  {c.subject.label} -> {target}{mark}")
            for side, s in (("before", c.before), ("after", c.after), *(("also", a) for a in c.also)):
                lines.append(f"    {side}: {_phrase(s)} ({_day(s)}, {s.document})")
                lines.append(f"      \"{s.sentence}\"")
    for title, group in (("New events", d.events_added), ("Events gone", d.events_removed)):
        if not group:
            continue
        lines.append(f"{title} ({len(group)})")
        by_actor: dict[str, list[Event]] = defaultdict(list)
        for e in group:
            by_actor[e.subject.label].append(e)
        for actor in sorted(by_actor, key=lambda a: (-len(by_actor[a]), a)):
            lines.append(f"  {actor}")
            for e in by_actor[actor]:
                lines.append(f"    {_event_phrase(e)} ({_event_reports(e)})")
                lines.extend(_evidence(e.reports))
    if d.reports_changed:
        lines.append(f"Reports changed ({len(d.reports_changed)})")
        for c in d.reports_changed:
            moved = [f"+{x}" for x in c.documents_added] + [f"-{x}" for x in c.documents_removed]
            lines.append(f"  {_event_phrase(c.after)}: {c.before.corroboration} -> {c.after.corroboration} independent "
                         f"reports ({', '.join(moved) or 'same documents'})")
            lines.extend(_evidence(c.reports_added))
    for title, actors in (("Actors added", d.actors_added), ("Actors gone", d.actors_removed)):
        if actors:
            lines.append(f"{title} ({len(actors)}): " + ", ".join(a.label for a in actors))
    return "\n".join(lines) if lines else "No difference."


def _event_phrase(e: Event) -> str:
    mark = "" if e.modality == "asserted" else f" [{e.modality}]"
    return f"{e.subject.label} {'NOT ' if e.negated else ''}{e.relation_label} {e.object.label}{mark}"


def _event_reports(e: Event) -> str:
    """Return "2025-03-19; 2 reports: 002, 004" for an event."""
    when = (e.first_date.isoformat() if e.first_date else "undated") + (
        f" to {e.last_date}" if e.last_date and e.last_date != e.first_date else "")
    return f"{when}; {len(e.reports)} report{'s' if len(e.reports) != 1 else ''}: {', '.join(e.documents)}"


def _evidence(reports: tuple[Statement, ...]) -> list[str]:
    return [f"      \"{s.sentence}\" ({s.document}, {s.event_date or s.published or 'undated'})" for s in reports]


def _phrase(s: Statement) -> str:
    return f"{s.subject.label} {'NOT ' if s.negated else ''}{s.relation_label} {s.object.label}{_mark(s)}"


def _mark(s: Statement) -> str:
    """Return " [hedged]" or " [conditional]" for a statement that is not asserted, else ""."""
    return "" if s.modality == "asserted" else f" [{s.modality}]"


def render_html(d: GraphDiff, *, include_hedged: bool = False) -> str:
    """Return the graph page of a diff: the events of the statements added, gone and of changed stances,
    each in its own colour (none of them a quad class colour), with a legend of its own; hedged and
    conditional events dotted, shown from the start when `include_hedged`."""
    from kg.export.html import render_html as graph_page

    marks: dict[str, str] = {}
    notes: dict[str, str] = {}
    for s in d.statements_added:
        marks[s.id] = "added"
    for s in d.statements_removed:
        marks[s.id] = "removed"
    for c in d.stance_changes:
        marks[c.after.id] = "changed"
        notes[c.after.id] = (f"changed: was '{c.before.relation_label}'{' (negated)' if c.before.negated else ''}"
                             f"{_mark(c.before)} on {_day(c.before)}, now '{c.after.relation_label}'"
                             f"{' (negated)' if c.after.negated else ''}{_mark(c.after)} on {_day(c.after)}")
    shown = {s.id: s for s in (*d.statements_added, *d.statements_removed, *(c.after for c in d.stance_changes))}
    return graph_page(shown.values(), marks=marks, notes=notes, show_hedged=include_hedged)


def render_trig(d: GraphDiff) -> str:
    """Return the diff as TriG: two named graphs, <…/diff/added> and <…/diff/removed>."""
    from rdflib import Dataset

    from kg.graph import PREFIXES, add_actor, add_statement
    from kg.ontology import ID

    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for name, group in (("added", d.statements_added), ("removed", d.statements_removed)):
        g = ds.graph(ID[f"diff/{name}"])
        for s in group:
            add_statement(g, s)
            for a in (s.subject, s.object):
                add_actor(ds.default_graph, a)
    return ds.serialize(format="trig")


FORMATS = ("text", "json", "ttl", "html")
BY = ("published", "event")


def run_diff(builds: list[Path], start: date | None, end: date | None, graph: Path, by: str, fmt: str,
             ontology_dir: Path, *, include_hedged: bool = False) -> str:
    """Return the rendered diff: of two builds (A, B), or of one graph between two dates. Only asserted
    statements count; with `include_hedged` hedged and conditional ones too, marked in every format."""
    import json

    from kg.errors import InputError
    from kg.query import load_statements

    if fmt not in FORMATS:
        raise InputError(f"--format: unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    if by not in BY:
        raise InputError(f"--by: unknown choice {by!r} (choose published or event)")
    topics = load_topics(ontology_dir / "topics.csv")
    if builds:
        if len(builds) != 2:
            raise InputError(f"kg diff takes two builds to compare, got {len(builds)}")
        d = diff_statements(load_statements(builds[0], include_hedged=include_hedged),
                            load_statements(builds[1], include_hedged=include_hedged), topics, by=by)
    else:
        if start is None or end is None:
            raise InputError("kg diff needs --from and --to dates, or two builds to compare")
        if start > end:
            raise InputError(f"--from {start} is after --to {end}")
        d = diff_dates(load_statements(graph, include_hedged=include_hedged), start, end, topics, by=by)
    if fmt == "json":
        return json.dumps(d.to_json(), ensure_ascii=False, indent=2, sort_keys=True)
    if fmt == "ttl":
        return render_trig(d)
    if fmt == "html":
        return render_html(d, include_hedged=include_hedged)
    return render_text(d)
