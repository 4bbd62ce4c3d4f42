"""The interactive actor graph (pyvis), self-contained: no script or style from the network."""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from pyvis.network import Network

from kg.errors import GeokgError
from kg.export.atomic import atomic_write
from kg.model import Statement
from kg.ontology import QUAD_OF_ROOT

QUAD_COLOURS = {1: "#2b8a3e", 2: "#1971c2", 3: "#e8590c", 4: "#c92a2a", None: "#868e96"}
TYPE_COLOURS = {"Person": "#4dabf7", "Country": "#ffd43b", "GovernmentBody": "#ffa94d", "MilitaryForce": "#e03131",
                "ArmedGroup": "#a61e4d", "InternationalOrganization": "#69db7c", "Organization": "#38d9a9", "Media": "#adb5bd",
                "Location": "#d0bfff", "Other": "#dee2e6"}
_EXTERNAL = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def external_references(page: str) -> list[str]:
    """Return every src/href in the page that points outside it (http, https or protocol-relative)."""
    return re.findall(r"""\b(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", page, re.IGNORECASE)


LARGE_GRAPH = 300  # nodes above which the layout is computed once, not simulated in the page
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
              0: "no CAMEO family"}
_ASSETS = Path(__file__).resolve().parent / "assets"
_NONE_HERE = "this page holds none: kg view and kg diff add them with --include-hedged"
DOTTED = [2, 6]  # vis.js dash pattern of hedged and conditional edges (negated ones are dashed)


def _controls(legend: str, dates: list[str], hedged: int, show_hedged: bool) -> str:
    """Return the toolbar: family filters, the hedged-and-conditional switch, date range, actor search
    and the legend (all static HTML)."""
    boxes = "".join(
        f'<label style="color:{QUAD_COLOURS[q or None]};margin-right:10px"><input type="checkbox" data-quad="{q}" checked> '
        f"{html.escape(name)}</label>" for q, name in QUAD_NAMES.items())
    types = "".join(f'<span style="margin-right:8px"><span style="display:inline-block;width:10px;height:10px;'
                    f'border-radius:5px;background:{c}"></span> {html.escape(t)}</span>' for t, c in TYPE_COLOURS.items())
    lo, hi = (dates[0], dates[-1]) if dates else ("", "")
    note = f'<div id="geokg-legend">{html.escape(legend)}</div>' if legend else ""
    # Hedged ("might") and conditional ("if") statements are not facts: off unless asked for.
    state = " checked" if show_hedged else ""
    if not hedged:
        state += f' disabled title="{html.escape(_NONE_HERE)}"'
    switch = (f'<label style="margin-left:6px"><input type="checkbox" id="geokg-hedged"{state}> '
              f"include hedged and conditional ({hedged} statement{'s' if hedged != 1 else ''})</label>")
    return (
        '<div id="geokg-controls" style="font:13px sans-serif;margin:6px;line-height:1.8">'
        f"{note}<div>{boxes}{switch}</div>"
        f'<div>from <input id="geokg-from" type="date" value="{lo}" min="{lo}" max="{hi}"> '
        f'to <input id="geokg-to" type="date" value="{hi}" min="{lo}" max="{hi}"> &nbsp; '
        '<input id="geokg-search" type="search" placeholder="actor name"> <button id="geokg-search-go">focus</button> '
        '&nbsp; <span id="geokg-status"></span></div>'
        "<div>edges: colour = CAMEO family, dashed = negated, dotted = hedged or conditional, width = statements; "
        f"nodes: {types}</div></div>"
    )


def _layout(node_ids: list[str], edge_pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Return fixed positions for a large graph, computed once, so the page need not simulate.

    Each connected component is laid out on its own (force-directed up to a few hundred nodes,
    spectral above, which stays fast at thousands) and the components are packed in rows, largest first.
    """
    import math

    import networkx

    g = networkx.Graph()
    g.add_nodes_from(node_ids)
    g.add_edges_from(edge_pairs)
    components = sorted((sorted(c) for c in networkx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    width = 120 * math.sqrt(len(node_ids)) * 3
    for comp in components:
        size = 60 * math.sqrt(len(comp))  # side of the component's square
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            sub = g.subgraph(comp)
            raw = networkx.spring_layout(sub, seed=7, iterations=50) if len(comp) <= 300 else networkx.spectral_layout(sub)
            local = {n: (float(px), float(py)) for n, (px, py) in raw.items()}
        if x + size > width and x > 0:
            x, y, row_height = 0.0, y + row_height + 80, 0.0
        for n, (px, py) in local.items():
            positions[n] = (x + size / 2 + px * size / 2, y + size / 2 + py * size / 2)
        x += size + 80
        row_height = max(row_height, size)
    return positions


def render_html(statements: Iterable[Statement], *, styles: dict[str, dict] | None = None, legend: str = "",
                show_hedged: bool = False) -> str:
    """Return the graph page: actors as nodes, one edge per (subject, relation, object, negated, modality),
    with controls to filter by CAMEO family and date range and to search and focus an actor.

    Asserted statements are the facts: they size nodes and edges. Hedged and conditional statements
    get edges of their own, dotted and marked in label and tooltip, hidden until the page's "include
    hedged and conditional" box is ticked (`show_hedged` ticks it from the start); so are nodes that
    only they mention. `styles` maps a statement id to vis.js edge options that override the defaults
    (the diff view colours added, removed and changed edges); `legend` is plain text shown above the graph.
    """
    styles = styles or {}
    statements = sorted(statements, key=lambda s: s.id)
    degree: Counter[str] = Counter()  # asserted statements per node
    hedged_degree: Counter[str] = Counter()  # hedged and conditional ones
    nodes = {}
    edges: dict[tuple[str, str, str, bool, str], list[Statement]] = defaultdict(list)
    for s in statements:
        for a in (s.subject, s.object):
            nodes[a.id] = a
            (degree if s.modality == "asserted" else hedged_degree)[a.id] += 1
        edges[(s.subject.id, s.relation, s.object.id, s.negated, s.modality)].append(s)
    large = len(nodes) > LARGE_GRAPH
    positions = _layout(sorted(nodes), sorted({(k[0], k[2]) for k in edges})) if large else {}
    net = Network(height="760px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for nid in sorted(nodes):
        a = nodes[nid]
        tip = "\n".join(f"{k}: {v}" for k, v in (("type", a.type), ("country", a.country), ("wikidata", a.wikidata),
                                                  ("sector", a.sector), ("statements", degree[nid]),
                                                  ("hedged or conditional", hedged_degree[nid])) if v)
        hedged_only = degree[nid] == 0
        extra = {"x": positions[nid][0], "y": positions[nid][1]} if large else {}
        size = degree[nid] or hedged_degree[nid]
        net.add_node(nid, label=a.label, title=f"{a.label}\n{tip}", color=TYPE_COLOURS.get(a.type, "#dee2e6"),
                     shape="dot" if a.is_actor else "box", size=10 + 3 * min(size, 20) if a.is_actor else 8,
                     font={"size": 14 if a.is_actor else 10, "color": "#222" if a.is_actor else "#777"},
                     count=degree[nid], hedgedOnly=hedged_only, hidden=hedged_only and not show_hedged, **extra)
    dates: set[str] = set()
    for (src, rel, dst, negated, modality), group in sorted(edges.items()):
        first = group[0]
        asserted = modality == "asserted"
        mark = "" if asserted else f", {modality}"
        days = sorted(d.isoformat() for s in group if (d := s.event_date or s.published) is not None)
        dates.update(days)
        evidence = "\n".join(f"[{s.document} {s.event_date or s.published or 'undated'}{mark}] {s.sentence}"
                             for s in group[:5])
        more = f"\n… and {len(group) - 5} more" if len(group) > 5 else ""
        label = f"{'not ' if negated else ''}{first.relation_label}{'' if asserted else f' ({modality})'}"
        quad = QUAD_OF_ROOT.get(first.cameo or "") or 0
        kind = "statement" if asserted else f"{modality} statement"
        options = {"label": label, "title": f"{label} (CAMEO {first.cameo or '-'}, {len(group)} {kind}"
                                             f"{'s' if len(group) > 1 else ''})\n{evidence}{more}",
                   "color": QUAD_COLOURS[quad or None], "dashes": negated, "width": 1 + len(group), "arrows": "to",
                   "quad": quad, "dmin": days[0] if days else "", "dmax": days[-1] if days else "",
                   "count": len(group), "modality": modality, "hidden": not asserted and not show_hedged}
        for s in group:
            options.update(styles.get(s.id, {}))
        if not asserted:
            options["dashes"] = DOTTED  # a style may recolour the edge, but it stays marked as not a fact
        net.add_edge(src, dst, **options)
    net.set_options(_options(large))
    page = net.generate_html(notebook=False)
    page = _COMMENT.sub("", page)
    page = _EXTERNAL.sub("", page)
    hedged = sum(1 for s in statements if s.modality != "asserted")
    page = page.replace("<body>", "<body>\n" + _controls(legend, sorted(dates), hedged, show_hedged), 1)
    script = (_ASSETS / "explorer.js").read_text(encoding="utf-8")
    page = page.replace("</body>", f"<script>{script}</script>\n</body>", 1)
    leftover = external_references(page)
    if leftover:
        raise GeokgError(f"graph.html would load {leftover[0]} from the network; refusing to write it")
    return page


def _options(large: bool) -> str:
    """Return vis.js options: a short simulation for small graphs; fixed positions, no physics, for large ones."""
    import json

    options = {
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
        "edges": {"smooth": False if large else {"type": "dynamic"}, "font": {"size": 10, "align": "middle"}},
        "layout": {"improvedLayout": not large},
        "physics": {"enabled": not large, "stabilization": {"iterations": 150},
                    "barnesHut": {"gravitationalConstant": -8000, "springLength": 140}},
    }
    return json.dumps(options)


def write_html(statements: Iterable[Statement], path: Path, *, show_hedged: bool = False) -> None:
    """Write the self-contained HTML view of the statements' actor graph (hedged and conditional
    statements behind a checkbox, ticked from the start with `show_hedged`)."""
    atomic_write(path, render_html(statements, show_hedged=show_hedged))


__all__ = ["external_references", "render_html", "write_html"]
