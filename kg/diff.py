"""The difference between two states of the graph: actors and statements added and gone, and
changed stances (the same pair of actors, or an actor and a proposal, whose relation moved)."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
class GraphDiff:
    """What changed between two states, each list sorted."""

    actors_added: tuple[Actor, ...]
    actors_removed: tuple[Actor, ...]
    statements_added: tuple[Statement, ...]
    statements_removed: tuple[Statement, ...]
    stance_changes: tuple[StanceChange, ...]

    def to_json(self) -> dict:
        return {
            "actors_added": [a.to_json() for a in self.actors_added],
            "actors_removed": [a.to_json() for a in self.actors_removed],
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
    return GraphDiff(
        actors_added=tuple(sorted((a for k, a in a_act.items() if k not in b_act), key=lambda a: (a.label, a.id))),
        actors_removed=tuple(sorted((a for k, a in b_act.items() if k not in a_act), key=lambda a: (a.label, a.id))),
        statements_added=tuple(sorted((s for s in after if s.id not in b_ids), key=_order)),
        statements_removed=tuple(sorted((s for s in before if s.id not in a_ids), key=_order)),
        stance_changes=tuple(changes),
    )


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
    for title, group in (("New statements", d.statements_added), ("Statements gone", d.statements_removed)):
        if not group:
            continue
        lines.append(f"{title} ({len(group)})")
        by_actor: dict[str, list[Statement]] = defaultdict(list)
        for s in group:
            by_actor[s.subject.label].append(s)
        for actor in sorted(by_actor, key=lambda a: (-len(by_actor[a]), a)):
            lines.append(f"  {actor}")
            for s in by_actor[actor]:
                lines.append(f"    {_phrase(s)} ({_day(s)}, {s.document})")
                lines.append(f"      \"{s.sentence}\"")
    for title, actors in (("Actors added", d.actors_added), ("Actors gone", d.actors_removed)):
        if actors:
            lines.append(f"{title} ({len(actors)}): " + ", ".join(a.label for a in actors))
    return "\n".join(lines) if lines else "No difference."


def _phrase(s: Statement) -> str:
    return f"{s.subject.label} {'NOT ' if s.negated else ''}{s.relation_label} {s.object.label}{_mark(s)}"


def _mark(s: Statement) -> str:
    """Return " [hedged]" or " [conditional]" for a statement that is not asserted, else ""."""
    return "" if s.modality == "asserted" else f" [{s.modality}]"


ADDED, REMOVED, CHANGED = "#2f9e44", "#e03131", "#f08c00"


def render_html(d: GraphDiff, *, include_hedged: bool = False) -> str:
    """Return the graph page of a diff: added edges green, removed ones red and dashed, changed orange;
    hedged and conditional statements dotted, shown from the start when `include_hedged`."""
    from kg.export.html import render_html as graph_page

    styles: dict[str, dict] = {}
    for s in d.statements_added:
        styles[s.id] = {"color": ADDED, "dashes": False}
    for s in d.statements_removed:
        styles[s.id] = {"color": REMOVED, "dashes": True}
    for c in d.stance_changes:
        styles[c.after.id] = {"color": CHANGED, "width": 4,
                              "title": f"changed: was '{c.before.relation_label}'{' (negated)' if c.before.negated else ''}"
                                       f"{_mark(c.before)} on {_day(c.before)}, now '{c.after.relation_label}'"
                                       f"{' (negated)' if c.after.negated else ''}{_mark(c.after)} on {_day(c.after)}"}
    shown = {s.id: s for s in (*d.statements_added, *d.statements_removed, *(c.after for c in d.stance_changes))}
    legend = (f"green: added ({len(d.statements_added)}), red dashed: removed ({len(d.statements_removed)}), "
              f"orange: changed stance ({len(d.stance_changes)})")
    return graph_page(shown.values(), styles=styles, legend=legend, show_hedged=include_hedged)


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
