"""Focused views of a built graph: the busiest actors, or one actor and its neighbourhood."""
from __future__ import annotations

from collections import Counter

import networkx

from kg.errors import InputError
from kg.events import group_events
from kg.model import Statement


def focus_statements(statements: list[Statement], *, min_events: int = 1, actor: str | None = None,
                     hops: int = 1) -> list[Statement]:
    """Return the statements among nodes that take part in at least `min_events` events (two reports
    of one happening are one event, kg/events.py) and, with `actor` (a word of its name), lie within
    `hops` links of the best-matching actor."""
    count: Counter[str] = Counter(a.id for e in group_events(statements) for a in {e.subject.id: e.subject,
                                                                                  e.object.id: e.object}.values())
    kept = {n for n, c in count.items() if c >= min_events}
    if actor is not None:
        labels = {a.id: a.label for s in statements for a in (s.subject, s.object)}
        matches = sorted((n for n, label in labels.items() if actor.lower() in label.lower()),
                         key=lambda n: (-count[n], labels[n]))
        if not matches:
            raise InputError(f"--actor {actor!r}: no node of the graph has that in its name")
        g = networkx.Graph()
        g.add_nodes_from(kept | {matches[0]})
        g.add_edges_from((s.subject.id, s.object.id) for s in statements
                         if s.subject.id in g and s.object.id in g)
        kept = set(networkx.ego_graph(g, matches[0], radius=hops))
    return [s for s in statements if s.subject.id in kept and s.object.id in kept]
