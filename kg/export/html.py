"""The interactive actor graph: one self-contained page that loads nothing from the network.

The page is built from events (kg/events.py), not statements: two articles reporting one happening
are one event with two reports. Its data is one JSON document in a `<script type="application/json">`
element: nodes with positions computed here (so the page runs no physics, at any size), edges (one
per ordered pair of nodes, CAMEO quad class, negation, modality and, on a diff page, diff mark),
and the events with their reports. `assets/explorer.js` draws it with vis-network (inlined from the
copy pyvis ships) and puts article text into the DOM with textContent only, never as HTML.
"""
from __future__ import annotations

import hashlib
import html
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
import importlib.util
from pathlib import Path

from kg.errors import GeokgError
from kg.events import Event, Report, event_order, group_events, report_date
from kg.export.atomic import atomic_write_lines
from kg.model import Actor, Statement, json_text

QUAD_COLOURS = {1: "#2b8a3e", 2: "#1971c2", 3: "#e8590c", 4: "#c92a2a", None: "#868e96"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
              0: "no CAMEO family"}
TYPE_COLOURS = {"Person": "#4dabf7", "Country": "#ffd43b", "GovernmentBody": "#ffa94d", "MilitaryForce": "#e03131",
                "ArmedGroup": "#a61e4d", "InternationalOrganization": "#69db7c", "Organization": "#38d9a9", "Media": "#adb5bd",
                "Location": "#d0bfff", "Other": "#dee2e6"}
TYPE_NAMES = {"Person": "person", "Country": "country", "GovernmentBody": "government", "MilitaryForce": "military",
              "ArmedGroup": "armed group", "InternationalOrganization": "international org.", "Organization": "organisation",
              "Media": "media", "Location": "place", "Other": "object"}
# A diff page colours edges by what changed, in colours none of the quad classes (or grey) uses.
DIFF_COLOURS = {"added": "#7048e8", "removed": "#343a40", "changed": "#fab005"}
DIFF_NAMES = {"added": "added", "removed": "removed (dashed)", "changed": "changed stance"}
DOTTED = [2, 6]  # vis.js dash pattern of hedged and conditional edges (negated ones are dashed)

LARGE_GRAPH = 300  # nodes above which edges are drawn straight and hidden while dragging or zooming
TOP_ACTORS = 10  # the busiest actors: larger labels, drawn at any zoom
_FONT = {"top": 18, "actor": 14, "object": 12}  # label sizes (px at 100 %)
_GAP = 16.0  # least space between two nodes' boxes (node and label) at 100 %
_NONE_HERE = "this page holds none: kg view and kg diff add them with --include-hedged"
_ASSETS = Path(__file__).resolve().parent / "assets"
_VIS = "templates/lib/vis-9.1.2"  # vis-network as pyvis (a dependency) ships it: no download at run time


def external_references(page: str) -> list[str]:
    """Return every src/href in the page that points outside it (http, https or protocol-relative)."""
    if "=" not in page or "//" not in page:  # a reference has both: two scans cost a fraction of the pattern's
        return []
    return re.findall(r"""\b(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", page, re.IGNORECASE)


# --- the page's data --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Box:
    """A node as the layout sees it: the half sizes of the box around its shape and label, and how far
    the box's centre lies below the node's own (a dot's label hangs below it)."""

    half_w: float
    half_h: float
    dy: float


def _text_width(text: str, size: float) -> float:
    """Return an upper estimate of the width of `text` in Arial at `size` px (canvas text cannot be
    measured here; capitals and digits are wider than lower case)."""
    em = sum(0.68 if c.isupper() or c.isdigit() else 0.3 if c in " .,'il-" else 0.56 for c in text)
    return em * size * 1.05


def _box(label: str, actor: bool, radius: float, font: float) -> _Box:
    text_w, text_h = _text_width(label, font), font * 1.3
    if not actor:  # a box with the label inside: 5 px margins, as vis draws it
        return _Box(text_w / 2 + 6, text_h / 2 + 6, 0.0)
    height = 2 * radius + 4 + text_h
    return _Box(max(text_w / 2, radius) + 2, height / 2, height / 2 - radius)


def _sentence(s: Statement | Report) -> str:
    return s.sentence  # type: ignore[union-attr]


def _stable_unit(key: str) -> float:
    """Return a number in [0, 1) that depends only on `key` (deterministic jitter and angles)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) / 2**32


def _event_json(e: Event, mark: str | None, note: str | None,
                sentence: Callable[[Statement | Report], str] = _sentence) -> dict:
    out = {"id": e.id, "s": e.subject.id, "o": e.object.id, "quad": e.quad or 0, "root": e.cameo, "code": e.cameo_code,
           "relation": e.relation_label, "negated": e.negated, "modality": e.modality,
           "first": e.first_date.isoformat() if e.first_date else None,
           "last": e.last_date.isoformat() if e.last_date else None, "documents": e.corroboration,
           "reports": [{"sentence": sentence(s), "document": s.document, "modality": s.modality,
                        "date": d.isoformat() if (d := report_date(s)) else None, "relation": s.relation_label,
                        "by": s.attributed_to.label if s.attributed_to else None} for s in e.reports]}
    if mark:
        out["mark"] = mark
    if note:
        out["note"] = note
    return out


def _grouped(statements: list[Statement], marks: dict[str, str]) -> list[tuple[Event, str | None]]:
    """Return the events of the statements with their diff mark: statements of different marks never
    share an event (an added report and a removed one are two edges of a diff)."""
    by_mark: dict[str | None, list[Statement]] = defaultdict(list)
    for s in statements:
        by_mark[marks.get(s.id)].append(s)
    out = [(e, m) for m, group in by_mark.items() for e in group_events(group)]
    return sorted(out, key=lambda em: (event_order(em[0]), em[1] or ""))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _node_json(a: Actor, asserted: int, hedged: int, top: bool) -> dict:
    """Return a node of the page: sized by its events (asserted ones; hedged ones when it has no other)."""
    kind = "top" if top else "actor" if a.is_actor else "object"
    radius = 6 + 4 * math.sqrt(min(asserted or hedged, 64)) if a.is_actor else 0
    facts = (("type", a.type), ("country", a.country), ("sector", a.sector), ("events", asserted),
             ("hedged or conditional events", hedged))
    return {"id": a.id, "label": a.label, "type": a.type, "actor": a.is_actor, "top": top, "size": round(radius, 1),
            "font": _FONT[kind], "events": asserted, "hedged": hedged,
            "color": TYPE_COLOURS.get(a.type, TYPE_COLOURS["Other"]),
            "title": "\n".join([a.label] + [f"{k}: {v}" for k, v in facts if v])}


def _edge_json(k: int, key: tuple, ids: list[int], events: list[Event], labels: dict[str, str]) -> dict:
    """Return an edge of the page: its events (indices), its weight (their independent reports) and a
    plain-text summary for the tooltip."""
    src, dst, quad, negated, modality, mark = key
    weight = sum(e.corroboration for e in events)
    head = f"{labels[src]} \u2192 {labels[dst]}: {'not ' if negated else ''}{QUAD_NAMES[quad]}"
    head += "" if modality == "asserted" else f" ({modality})"
    lines = [f"{head}, {_plural(len(events), 'event')}, {_plural(weight, 'independent report')}"]
    lines += [f"{e.first_date or 'undated'} {e.relation_label} ({_plural(len(e.reports), 'report')} in "
              f"{_plural(e.corroboration, 'document')}: {', '.join(e.documents)})" for e in events[:6]]
    if len(events) > 6:
        lines.append(f"\u2026 and {len(events) - 6} more: click the edge")
    edge = {"id": f"e{k}", "from": src, "to": dst, "quad": quad, "negated": negated, "modality": modality,
            "events": ids, "weight": weight, "title": "\n".join(lines)}
    if mark:
        edge["mark"] = mark
    return edge


def page_data(statements: Iterable[Statement], *, marks: dict[str, str] | None = None,
              notes: dict[str, str] | None = None, show_hedged: bool = False) -> dict:
    """Return the page's data: nodes with fixed positions, edges, events with their reports, dates.

    One edge per (subject, object, quad class, negated, modality, diff mark); its events are counted
    by the page under its filters, and its weight is their independent reports (distinct documents).
    `marks` maps a statement id to "added", "removed" or "changed" (a diff), `notes` to a plain-text note.
    """
    marks, notes = marks or {}, notes or {}
    grouped = _grouped(sorted({s.id: s for s in statements}.values(), key=lambda s: s.id), marks)
    data = _page_frame(grouped, diff=bool(marks), show_hedged=show_hedged)
    data["events"] = list(_events_json(grouped, notes))
    return dict(sorted(data.items()))


def _events_json(grouped: list[tuple[Event, str | None]], notes: dict[str, str],
                 sentence: Callable[[Statement | Report], str] = _sentence) -> Iterator[dict]:
    for e, mark in grouped:
        yield _event_json(e, mark, next((notes[s.id] for s in e.reports if s.id in notes), None), sentence)


def _page_frame(grouped: list[tuple[Event, str | None]], *, diff: bool, show_hedged: bool) -> dict:
    """Return the page's data but its events (`page_data`): what is made of all of them at once."""
    actors: dict[str, Actor] = {}
    asserted: Counter[str] = Counter()
    hedged: Counter[str] = Counter()
    by_edge: dict[tuple, list[int]] = defaultdict(list)
    for i, (e, mark) in enumerate(grouped):
        for a in (e.subject, e.object):
            actors[a.id] = a
            (asserted if e.modality == "asserted" else hedged)[a.id] += 1
        by_edge[(e.subject.id, e.object.id, e.quad or 0, e.negated, e.modality, mark or "")].append(i)
    ranked = sorted((n for n in actors if actors[n].is_actor), key=lambda n: (-asserted[n], -hedged[n], actors[n].label, n))
    top = set(ranked[:TOP_ACTORS])
    nodes = [_node_json(actors[n], asserted[n], hedged[n], n in top) for n in sorted(actors)]
    labels = {n: a.label for n, a in actors.items()}
    edges = [_edge_json(k, key, ids, [grouped[i][0] for i in ids], labels)
             for k, (key, ids) in enumerate(sorted(by_edge.items()))]
    large = len(nodes) > LARGE_GRAPH
    positions, main = layout(nodes, [(e["from"], e["to"], len(e["events"])) for e in edges])
    for n in nodes:
        n["x"], n["y"] = positions[n["id"]]
        if n["id"] in main:
            n["main"] = True
    main_nodes = [n for n in nodes if n["id"] in main]
    main_bounds = _bounds({n["id"]: positions[n["id"]] for n in main_nodes},
                          {n["id"]: _box(n["label"], True, n["size"], n["font"]) for n in main_nodes})
    _curve(edges, large)
    return {"nodes": nodes, "edges": edges, "large": large,
            "dates": sorted({d.isoformat() for e, _ in grouped for d in (e.first_date, e.last_date) if d}),
            "mainBounds": [round(v, 1) for v in main_bounds] if main_nodes else None,
            "showHedged": show_hedged, "quadColours": {str(q or 0): c for q, c in QUAD_COLOURS.items()},
            "quadNames": {str(q): name for q, name in QUAD_NAMES.items()},
            "diffColours": DIFF_COLOURS if diff else {}, "dotted": DOTTED, "options": _options(large)}


def _curve(edges: list[dict], large: bool) -> None:
    """Bend the edges between one pair apart: each further edge of an ordered pair bends more, and the
    two directions bend to opposite sides (vis's curvedCW follows the edge's direction)."""
    if large:
        return
    seen: Counter[tuple[str, str]] = Counter()
    for e in edges:
        k = seen[(e["from"], e["to"])]
        seen[(e["from"], e["to"])] += 1
        e["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.12 + 0.14 * k, 2)}


def _options(large: bool) -> dict:
    """Return vis.js options: fixed positions and no physics at any size; for large graphs straight
    edges, hidden while dragging or zooming."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": False},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "selectionWidth": 2, "hoverWidth": 1},
        "nodes": {"borderWidth": 1, "font": {"face": "arial", "color": "#212529", "strokeWidth": 3,
                                             "strokeColor": "#ffffff"}},
    }


# --- layout -----------------------------------------------------------------------------------


def layout(nodes: list[dict], edges: list[tuple[str, str, int]]) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Return fixed positions of the nodes (canvas px at 100 %) and the main component's nodes.

    Actors linked to other actors are laid out first, by connected component: force-directed (networkx
    spring layout) up to 300 nodes, pivot MDS (numpy only) above, scaled to the room their labels need
    and then pushed apart until no two boxes of node and label overlap. The largest component (the
    main one, which the page fits into view) sits at the origin, the others in rows below it. Objects
    and actors linked only to objects go beside the nodes they are linked to, pushed apart the same way
    without moving the actors, so the object layer can be switched on and off over a stable picture.
    """
    import networkx
    import numpy as np

    info = {n["id"]: n for n in nodes}
    boxes = {n["id"]: _box(n["label"], n["actor"], n["size"], n["font"]) for n in nodes}
    g = networkx.Graph()
    g.add_nodes_from(sorted(info))
    for a, b, w in sorted(edges):
        if a != b:
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + w)
    core = sorted(n for n in g if info[n]["actor"] and any(info[m]["actor"] for m in g[n] if m != n))
    comps = sorted((sorted(c) for c in networkx.connected_components(g.subgraph(core))),
                   key=lambda c: (-len(c), -sum(info[n]["events"] for n in c), c[0]))
    main = set(comps[0]) if comps else set()
    positions = _pack([_component(_induced(g, c), c, boxes) for c in comps], boxes)
    # Objects and object-only actors beside their placed neighbours, breadth first from the actors.
    rest = [n for n in sorted(info) if n not in positions]
    attached: dict[str, tuple[float, float]] = {}
    frontier = [n for n in rest if any(m in positions for m in g[n])]
    while frontier:
        for n in frontier:
            around = [positions.get(m) or attached[m] for m in sorted(g[n]) if m in positions or m in attached]
            attached[n] = (sum(p[0] for p in around) / len(around), sum(p[1] for p in around) / len(around))
        frontier = [n for n in rest if n not in attached and any(m in attached for m in g[n])]
    if attached:
        ids = sorted(positions) + sorted(attached, key=lambda n: (-info[n]["events"], n))
        xy = np.array([positions.get(n) or attached[n] for n in ids], dtype=float)
        xy = _settle(xy, ids, boxes, fixed=len(positions))
        positions.update({n: (float(x), float(y)) for n, (x, y) in zip(ids, xy) if n in attached})
    # Whatever is left is linked to nothing placed: its own components, packed below the rest.
    loose = [n for n in rest if n not in positions]
    if loose:
        extra = [_component(_induced(g, sorted(c)), sorted(c), boxes)
                 for c in sorted(networkx.connected_components(g.subgraph(loose)), key=lambda c: (-len(c), min(c)))]
        positions.update(_pack(extra, boxes, below=_bounds(positions, boxes)))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}, main


def _induced(g, ids: list[str]):
    """Return the subgraph of g on `ids` as a new graph whose nodes and edges are in sorted order (a
    networkx subgraph view may iterate in set order, which varies between runs, and the layouts
    depend on the order)."""
    import networkx

    keep = set(ids)
    sub = networkx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_weighted_edges_from(sorted((a, b, d["weight"]) if a < b else (b, a, d["weight"])
                                       for a, b, d in g.edges(sorted(keep), data=True) if a in keep and b in keep))
    return sub


def _component(sub, ids: list[str], boxes: dict[str, _Box]) -> dict[str, tuple[float, float]]:
    """Return positions of one connected component around (0, 0), with no two boxes overlapping."""
    import networkx
    import numpy as np

    n = len(ids)
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    if n <= LARGE_GRAPH:
        raw = networkx.spring_layout(sub, seed=7, iterations=100 if n > 60 else 200, weight=None)
        xy = np.array([raw[i] for i in ids], dtype=float)
    else:
        xy = _pivot_mds(sub, ids)
        xy -= xy.mean(axis=0)
        # MDS piles the many nodes of a large graph into a dense core: keep each node's direction and
        # rank by distance from the centre, spread the ranks evenly over a disc
        radius = np.hypot(xy[:, 0], xy[:, 1])
        rank = np.empty(n)
        rank[np.argsort(radius, kind="stable")] = np.arange(n)
        xy *= (np.sqrt((rank + 0.5) / n) / np.where(radius > 0, radius, 1))[:, None]
    xy -= xy.mean(axis=0)
    rms = math.sqrt(float((xy ** 2).sum(axis=1).mean())) or 1.0
    # Room for the boxes: a disc about 2.2 times their total area (the RMS radius of a uniform disc is R/√2).
    area = sum((2 * boxes[i].half_w + _GAP) * (2 * boxes[i].half_h + _GAP) for i in ids)
    radius = math.sqrt(2.2 * area / math.pi)
    xy *= (radius / math.sqrt(2)) / rms
    jitter = np.array([[_stable_unit(i) - 0.5, _stable_unit(i + "|y") - 0.5] for i in ids])
    xy += jitter  # coincident points (pivot MDS puts twins on one spot) need a direction to part in
    xy = _separate(xy, ids, boxes, np.ones(n, dtype=bool))
    # what overlaps still, the busiest nodes keeping their place, moves to the nearest free spot
    order = sorted(range(n), key=lambda k: (-sub.degree(ids[k], weight="weight"), ids[k]))
    settled = _settle(xy[order], [ids[k] for k in order], boxes)
    return {ids[k]: (float(x), float(y)) for k, (x, y) in zip(order, settled)}


def _pivot_mds(sub, ids: list[str], pivots: int = 40):
    """Return 2-D coordinates of a large connected graph by pivot MDS (Brandes and Pich, 2006): graph
    distances from a few far-apart pivot nodes, double-centred, projected on their two main axes."""
    import networkx
    import numpy as np

    index = {n: i for i, n in enumerate(ids)}
    k = min(pivots, len(ids))
    start = max(ids, key=lambda n: (sub.degree(n), n))
    dist = np.zeros((len(ids), k))
    nearest = np.full(len(ids), np.inf)
    pivot = start
    for j in range(k):
        col = np.full(len(ids), float(len(ids)))
        for node, d in networkx.single_source_shortest_path_length(sub, pivot).items():
            col[index[node]] = d
        dist[:, j] = col
        nearest = np.minimum(nearest, col)
        pivot = ids[int(np.argmax(nearest))]
    sq = dist ** 2
    centred = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    xy = u[:, :2] * s[:2]
    return xy * np.where(xy.sum(axis=0) < 0, -1, 1)  # the sign of a singular vector is arbitrary: fix it


def _separate(xy, ids: list[str], boxes: dict[str, _Box], movable, rounds: int = 150):
    """Return the positions pushed apart until no two boxes overlap (with `_GAP` between them):
    overlapping pairs move apart along the axis where they overlap less; fixed nodes do not move."""
    import numpy as np

    xy = np.array(xy, dtype=float)
    hw = np.array([boxes[i].half_w for i in ids]) + _GAP / 2
    hh = np.array([boxes[i].half_h for i in ids]) + _GAP / 2
    dy = np.array([boxes[i].dy for i in ids])
    mov = np.asarray(movable, dtype=float)
    if len(ids) < 2 or not mov.any():
        return xy
    cell = 2 * max(hw.max(), hh.max())
    for _ in range(rounds):
        cx, cy = xy[:, 0], xy[:, 1] + dy
        i, j = _near_pairs(cx, cy, cell)
        ox = hw[i] + hw[j] - np.abs(cx[j] - cx[i])
        oy = hh[i] + hh[j] - np.abs(cy[j] - cy[i])
        hit = (ox > 0.01) & (oy > 0.01) & ((mov[i] + mov[j]) > 0)
        if not hit.any():
            break
        i, j, ox, oy = i[hit], j[hit], ox[hit], oy[hit]
        ddx, ddy = cx[j] - cx[i], cy[j] - cy[i]
        # a pair on one spot parts along a direction fixed by its indices
        sx = np.where(ddx > 0, 1.0, np.where(ddx < 0, -1.0, np.where((i + j) % 2 == 0, 1.0, -1.0)))
        sy = np.where(ddy > 0, 1.0, np.where(ddy < 0, -1.0, np.where((i * 7 + j) % 2 == 0, 1.0, -1.0)))
        along_x = ox <= oy
        push = np.where(along_x, ox, oy) + 0.5
        share_i = mov[i] / (mov[i] + mov[j])
        share_j = mov[j] / (mov[i] + mov[j])
        move = np.zeros_like(xy)
        np.add.at(move[:, 0], i, -np.where(along_x, sx * push * share_i, 0))
        np.add.at(move[:, 0], j, np.where(along_x, sx * push * share_j, 0))
        np.add.at(move[:, 1], i, -np.where(along_x, 0, sy * push * share_i))
        np.add.at(move[:, 1], j, np.where(along_x, 0, sy * push * share_j))
        # a node in many overlaps moves by the largest push, not their sum (no overshoot)
        hits = np.bincount(np.concatenate([i, j]), minlength=len(ids)).clip(min=1)
        xy += move / np.sqrt(hits)[:, None]
    return xy


def _settle(xy, ids: list[str], boxes: dict[str, _Box], *, fixed: int = 0):
    """Return positions where no two boxes overlap (`_GAP` apart at least). The first `fixed` nodes stay
    where they are (they must not overlap one another); each other node, in the order given, keeps its
    place when it is free, else takes the nearest free spot (`_nearest_free`)."""
    import numpy as np

    xy = np.array(xy, dtype=float)
    cell = 64.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)
    placed = np.empty((len(ids), 4))  # the boxes placed so far, for the search of a free spot
    pad = _GAP / 2

    def rect(k: int, x: float, y: float) -> tuple[float, float, float, float]:
        b = boxes[ids[k]]
        return (x - b.half_w - pad, y + b.dy - b.half_h - pad, x + b.half_w + pad, y + b.dy + b.half_h + pad)

    def cells(r: tuple[float, float, float, float]):
        for gx in range(math.floor(r[0] / cell), math.floor(r[2] / cell) + 1):
            for gy in range(math.floor(r[1] / cell), math.floor(r[3] / cell) + 1):
                yield gx, gy

    def blocked(r: tuple[float, float, float, float]) -> bool:
        for c in cells(r):
            for o in grid.get(c, ()):
                if o[0] < r[2] and r[0] < o[2] and o[1] < r[3] and r[1] < o[3]:
                    return True
        return False

    for k in range(len(ids)):
        x0, y0 = float(xy[k][0]), float(xy[k][1])  # Python floats: numpy scalars make every step slow
        r = rect(k, x0, y0)
        if k >= fixed and blocked(r):
            b = boxes[ids[k]]
            x0, y0 = _nearest_free(x0, y0, b.half_w + pad, b.half_h + pad, b.dy, placed[:k])
            xy[k] = (x0, y0)
            r = rect(k, x0, y0)
        placed[k] = r
        for c in cells(r):
            grid[c].append(r)
    return xy


def _nearest_free(x0: float, y0: float, w: float, h: float, dy: float, placed) -> tuple[float, float]:
    """Return the free spot nearest to (x0, y0) for a box of half sizes w, h whose centre lies dy
    below the node, among the boxes `placed` (rows of left, top, right, bottom).

    The nearest free spot is the spot itself, or just clear of a placed box's edge on one axis and
    on the spot's own line or just clear of another edge on the other: the candidates are that grid
    of coordinates, each placed box blocking a block of it. Within a square window that doubles until
    a free candidate lies inside the circle it bounds, the nearest such one (ties by x, then y) is
    the nearest of all."""
    import numpy as np

    left, top, right, bottom = placed.T
    xs = np.concatenate(([x0], right + w + 0.5, left - w - 0.5))
    ys = np.concatenate(([y0], bottom + h - dy + 0.5, top - h - dy - 0.5))
    reach = max(w, h)
    while True:
        wx = np.unique(xs[np.abs(xs - x0) <= reach])
        wy = np.unique(ys[np.abs(ys - y0) <= reach])
        # A box blocks the spots (x, y) with left - w < x < right + w and top - h < y + dy < bottom + h.
        near = (left - w < x0 + reach) & (right + w > x0 - reach) & (top - h - dy < y0 + reach) & (bottom + h - dy > y0 - reach)
        x_from = np.searchsorted(wx, left[near] - w, "right")
        x_to = np.searchsorted(wx, right[near] + w, "left")
        y_from = np.searchsorted(wy, top[near] - h - dy, "right")
        y_to = np.searchsorted(wy, bottom[near] + h - dy, "left")
        cover = np.zeros((len(wx) + 1, len(wy) + 1), dtype=np.int32)  # a box's block: +1 at two corners, -1 at two
        np.add.at(cover, (x_from, y_from), 1)
        np.add.at(cover, (x_to, y_from), -1)
        np.add.at(cover, (x_from, y_to), -1)
        np.add.at(cover, (x_to, y_to), 1)
        blocked = cover.cumsum(axis=0).cumsum(axis=1)[:-1, :-1] > 0
        d = (wx[:, None] - x0) ** 2 + (wy[None, :] - y0) ** 2
        ix, iy = np.nonzero(~blocked & (d <= reach * reach))
        if ix.size:
            best = np.lexsort((iy, ix, d[ix, iy]))[0]
            return float(wx[ix[best]]), float(wy[iy[best]])
        reach *= 2


def _near_pairs(x, y, cell: float):
    """Return index pairs (i, j) of points in the same or neighbouring grid cells of side `cell`:
    every pair closer than `cell` along both axes is among them (vectorised, no quadratic loop)."""
    import numpy as np

    gx = np.floor(x / cell).astype(np.int64)
    gy = np.floor(y / cell).astype(np.int64)
    gx -= gx.min()
    gy -= gy.min()
    span = int(gy.max()) + 3
    keys = gx * span + gy
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    n = len(x)
    out_i, out_j = [], []
    for ox, oy in ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1)):
        target = (gx + ox) * span + (gy + oy)
        lo = np.searchsorted(sorted_keys, target, "left")
        hi = np.searchsorted(sorted_keys, target, "right")
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            continue
        i = np.repeat(np.arange(n), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        j = order[np.repeat(lo, counts) + offsets]
        keep = i < j if (ox, oy) == (0, 0) else i != j
        out_i.append(i[keep])
        out_j.append(j[keep])
    if not out_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


def _bounds(positions: dict[str, tuple[float, float]], boxes: dict[str, _Box]) -> tuple[float, float, float, float]:
    """Return (left, top, right, bottom) of the nodes' boxes."""
    if not positions:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(x - boxes[n].half_w for n, (x, y) in positions.items()),
            min(y + boxes[n].dy - boxes[n].half_h for n, (x, y) in positions.items()),
            max(x + boxes[n].half_w for n, (x, y) in positions.items()),
            max(y + boxes[n].dy + boxes[n].half_h for n, (x, y) in positions.items()))


def _pack(components: list[dict[str, tuple[float, float]]], boxes: dict[str, _Box], *,
          below: tuple[float, float, float, float] | None = None) -> dict[str, tuple[float, float]]:
    """Return the components placed without overlap: the first centred on the origin (unless `below`
    is given), the next ones in rows under it, each row as wide as the first component (at least 1200 px)."""
    out: dict[str, tuple[float, float]] = {}
    if not components:
        return out
    margin = 60.0
    if below is None:
        first, components = components[0], components[1:]
        out.update(first)
        below = _bounds(first, boxes)
    left, _, right, bottom = below
    width = max(right - left, 1200.0)
    x, y, row = left, bottom + margin, 0.0
    for comp in components:
        l, t, r, b = _bounds(comp, boxes)
        if x > left and x + (r - l) > left + width:
            x, y, row = left, y + row + margin, 0.0
        for n, (px, py) in comp.items():
            out[n] = (px - l + x, py - t + y)
        x += (r - l) + margin
        row = max(row, b - t)
    return out




# --- the page ---------------------------------------------------------------------------------


def _controls(data: dict, legend: str, hedged: int, show_hedged: bool, marks: dict[str, int] | None) -> str:
    """Return the toolbar (static HTML: no article text): family filters, the object layer, the hedged
    switch, date range, time slider, actor search and the legend (on a diff page, `marks` counts
    the events of each diff mark)."""
    diff = marks is not None
    def chip(colour: str, dashed: bool = False) -> str:
        style = f"border-top:3px {'dashed' if dashed else 'solid'} {colour}"
        return f'<span class="geokg-chip" style="{style}"></span>'

    def quad_box(q: int, name: str) -> str:
        # on a diff page colour means what changed: the family filters are not coloured there
        colour = "" if diff else f' style="color:{QUAD_COLOURS[q or None]}"'
        hint = ' title="offices held, verbs the lexicon does not know"' if not q else ""
        return f'<label{colour}{hint}><input type="checkbox" data-quad="{q}" checked> {html.escape(name)}</label>'

    boxes = "".join(quad_box(q, name) for q, name in QUAD_NAMES.items())
    objects = sum(1 for n in data["nodes"] if not n["actor"])
    state = " checked" if show_hedged else ""
    if not hedged:
        state += f' disabled title="{html.escape(_NONE_HERE)}"'
    # a diff shows stances on proposals as much as acts between actors: its object layer starts on
    switches = (f'<label title="non-actor objects: proposals, ceasefires, agreements"><input type="checkbox" '
                f'id="geokg-objects"{" checked" if diff else ""}> objects ({objects})</label>'
                f'<label><input type="checkbox" id="geokg-hedged"{state}> include hedged and conditional '
                f"({hedged} event{'s' if hedged != 1 else ''})</label>")
    dates = data["dates"]
    lo, hi = (dates[0], dates[-1]) if dates else ("", "")
    last = max(len(dates) - 1, 0)
    present = {n["type"] for n in data["nodes"]}
    types = "".join(f'<span class="geokg-key"><span class="geokg-dot" style="background:{c}"></span> '
                    f"{html.escape(TYPE_NAMES[t])}</span>" for t, c in TYPE_COLOURS.items() if t in present)
    if diff:
        key = "".join(f'<span class="geokg-key">{chip(DIFF_COLOURS[m], m == "removed")} {html.escape(DIFF_NAMES[m])}'
                      f' (<span data-diff-count="{m}">{n}</span>)</span>' for m, n in (marks or {}).items())
        legend_row = (f'<div id="geokg-legend" class="geokg-row">{html.escape(legend) + " " if legend else ""}'
                      f'edges: {key}<span class="geokg-key">width = events, dotted = hedged or conditional</span></div>')
    else:
        note = f"{html.escape(legend)} " if legend else ""
        legend_row = (f'<div id="geokg-legend" class="geokg-row">{note}<span class="geokg-key">edges: colour = CAMEO quad '
                      f'class, width = events,</span><span class="geokg-key">{chip("#495057", True)} negated,</span>'
                      f'<span class="geokg-key">dotted = hedged or conditional;</span> nodes: {types}</div>')
    return (
        '<div id="geokg-controls">'
        f'<div class="geokg-row">{boxes}{switches}</div>'
        f'<div class="geokg-row">from <input id="geokg-from" type="date" value="{lo}" min="{lo}" max="{hi}"> '
        f'to <input id="geokg-to" type="date" value="{hi}" min="{lo}" max="{hi}"> '
        f'<button id="geokg-play" type="button" title="replay the events in date order">\u25b6 replay</button> '
        f'<input id="geokg-time" type="range" min="0" max="{last}" value="{last}" step="1" '
        'title="show the events up to this date"> '
        f'<span id="geokg-time-label">{hi}</span> &nbsp; '
        '<input id="geokg-search" type="search" placeholder="actor name"> <button id="geokg-search-go" type="button">'
        'focus</button> <span id="geokg-status"></span></div>'
        f"{legend_row}</div>"
    )


_STYLE = """
html, body { margin: 0; height: 100%; font: 13px arial, sans-serif; color: #212529; }
body { display: flex; flex-direction: column; }
#geokg-controls { padding: 2px 8px; border-bottom: 1px solid #dee2e6; line-height: 1.75; font-size: 12px; }
.geokg-row label, .geokg-key { margin-right: 8px; white-space: nowrap; }
#geokg-controls input, #geokg-controls button { font-size: 12px; }
.geokg-chip { display: inline-block; width: 18px; vertical-align: middle; }
.geokg-dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; }
#geokg-time { width: 200px; vertical-align: middle; }
#geokg-main { flex: 1; display: flex; min-height: 0; }
#mynetwork { flex: 1; min-width: 0; position: relative; }
#geokg-panel { width: 360px; overflow-y: auto; border-left: 1px solid #dee2e6; padding: 8px 10px; background: #f8f9fa; }
#geokg-panel h2 { font-size: 16px; margin: 4px 0; }
#geokg-panel .geokg-meta { color: #495057; margin-bottom: 6px; }
#geokg-panel ol { padding-left: 0; list-style: none; margin: 0; }
.geokg-event { margin: 6px 0; padding: 4px 6px; background: #fff; border-left: 4px solid #868e96; }
.geokg-event .geokg-head { font-weight: bold; }
.geokg-report { margin: 4px 0 0 8px; font-size: 12px; }
.geokg-report q { display: block; color: #343a40; }
.geokg-source { color: #6c757d; }
.geokg-note { color: #5f3dc4; font-style: italic; }
#geokg-timeline { display: block; margin: 4px 0 8px; background: #fff; border: 1px solid #dee2e6; }
"""


def render_html(statements: Iterable[Statement], *, legend: str = "", show_hedged: bool = False,
                marks: dict[str, str] | None = None, notes: dict[str, str] | None = None) -> str:
    """Return the graph page of the statements' events.

    Asserted events are the facts: they size nodes and edges. Hedged and conditional events get edges
    of their own, dotted, hidden until the page's "include hedged and conditional" box is ticked
    (`show_hedged` ticks it from the start). `marks` makes it a diff page (statement id -> "added",
    "removed" or "changed", with its own legend and colours); `notes` adds a plain-text note to the
    events of those statements; `legend` is plain text shown above the graph.
    """
    marks = marks or {}
    grouped = _grouped(sorted({s.id: s for s in statements}.values(), key=lambda s: s.id), marks)
    return "".join(_page(grouped, legend=legend, show_hedged=show_hedged, diff=bool(marks), notes=notes or {}))


def _json(value: object) -> str:
    # JSON inside <script>: "<" never appears as such, so no text can close the element or open a tag.
    text = json_text(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_folder() -> Path:
    """Return the folder of vis-network in the installed pyvis, found without importing pyvis (whose
    import loads IPython and jinja2, a tenth of a second for two files)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GeokgError("pyvis is not installed: it ships the vis-network script the page embeds")
    return Path(next(iter(spec.submodule_search_locations))) / _VIS


def _page(grouped: list[tuple[Event, str | None]], *, legend: str, show_hedged: bool, diff: bool,
          notes: dict[str, str], sentence: Callable[[Statement | Report], str] = _sentence) -> Iterator[str]:
    """Yield the page of grouped events in pieces: its data is written an event at a time, as
    `json_text(page_data(…))` would write it whole."""
    data = _page_frame(grouped, diff=diff, show_hedged=show_hedged)
    hedged = sum(1 for e, _ in grouped if e.modality != "asserted")
    marks = Counter(m for _, m in grouped)
    lib = _vis_folder()
    vis_css = (lib / "vis-network.css").read_text(encoding="utf-8")
    vis_js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    explorer = (_ASSETS / "explorer.js").read_text(encoding="utf-8")
    title = "geokg diff" if diff else "geokg actor graph"
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{vis_css}</style>\n<style>{_STYLE}</style>\n"
        f"<script>{vis_js}</script>\n</head>\n<body>\n"
        f"{_controls(data, legend, hedged, show_hedged, {m: marks[m] for m in DIFF_COLOURS} if diff else None)}\n"
        '<div id="geokg-main"><div id="mynetwork"></div>'
        '<aside id="geokg-panel"><h2 id="geokg-panel-title">Evidence</h2><div id="geokg-panel-body">'
        '<p class="geokg-meta">Select an actor or an edge to list its events and their reports.</p></div></aside></div>\n'
        '<script type="application/json" id="geokg-data">'
    )
    _refuse_external(head)
    yield head
    # The payload: a JSON object with sorted keys, its "events" list one event at a time.
    data["events"] = None
    for n, key in enumerate(sorted(data)):
        piece = ("{" if n == 0 else ",") + _json(key) + ":"
        if key != "events":
            yield _refuse_external(piece + _json(data[key]))
            continue
        yield piece + "["
        for k, event in enumerate(_events_json(grouped, notes, sentence)):
            yield _refuse_external(("," if k else "") + _json(event))
        yield "]"
    yield _refuse_external(f"}}</script>\n<script>{explorer}</script>\n</body>\n</html>\n")


def _refuse_external(piece: str) -> str:
    leftover = external_references(piece)
    if leftover:
        raise GeokgError(f"graph.html would load {leftover[0]} from the network; refusing to write it")
    return piece


def write_html(statements: Iterable[Statement], path: Path, *, show_hedged: bool = False) -> None:
    """Write the self-contained HTML view of the statements' actor graph (hedged and conditional
    events behind a checkbox, ticked from the start with `show_hedged`)."""
    grouped = _grouped(sorted({s.id: s for s in statements}.values(), key=lambda s: s.id), {})
    atomic_write_lines(path, _page(grouped, legend="", show_hedged=show_hedged, diff=False, notes={}))


def write_events_page(events: Iterable[Event], path: Path, *, sentence: Callable[[Statement | Report], str] = _sentence,
                      show_hedged: bool = False) -> None:
    """Write the page of events already grouped (`write_html` of their reports), reading each
    report's sentence with `sentence` as it is written: a build's page is never held whole."""
    grouped = [(e, None) for e in sorted(events, key=event_order)]
    atomic_write_lines(path, _page(grouped, legend="", show_hedged=show_hedged, diff=False, notes={}, sentence=sentence))


__all__ = ["DIFF_COLOURS", "QUAD_COLOURS", "external_references", "layout", "page_data", "render_html", "write_events_page", "write_html"]
