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

# CAMEO quad classes by root: verbal/material cooperation/conflict (as GDELT and ICEWS group them).
QUAD_OF_ROOT = {f"{r:02d}": q for q, roots in {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}.items() for r in roots}
QUAD_COLOURS = {1: "#2b8a3e", 2: "#1971c2", 3: "#e8590c", 4: "#c92a2a", None: "#868e96"}
TYPE_COLOURS = {"Person": "#4dabf7", "Country": "#ffd43b", "GovernmentBody": "#ffa94d", "MilitaryForce": "#e03131",
                "ArmedGroup": "#a61e4d", "InternationalOrganization": "#69db7c", "Organization": "#38d9a9", "Media": "#adb5bd",
                "Location": "#d0bfff", "Other": "#dee2e6"}
_EXTERNAL = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def external_references(page: str) -> list[str]:
    """Return every src/href in the page that points outside it (http, https or protocol-relative)."""
    return re.findall(r"""\b(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", page, re.IGNORECASE)


def render_html(statements: Iterable[Statement], *, styles: dict[str, dict] | None = None, legend: str = "") -> str:
    """Return the graph page: actors as nodes, one edge per (subject, relation, object, negated).

    `styles` maps a statement id to vis.js edge options that override the defaults (the diff view
    colours added, removed and changed edges); `legend` is plain text shown above the graph.
    """
    styles = styles or {}
    statements = sorted(statements, key=lambda s: s.id)
    degree: Counter[str] = Counter()
    nodes = {}
    edges: dict[tuple[str, str, str, bool], list[Statement]] = defaultdict(list)
    for s in statements:
        for a in (s.subject, s.object):
            nodes[a.id] = a
            degree[a.id] += 1
        edges[(s.subject.id, s.relation, s.object.id, s.negated)].append(s)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for nid in sorted(nodes):
        a = nodes[nid]
        tip = "\n".join(f"{k}: {v}" for k, v in (("type", a.type), ("country", a.country), ("wikidata", a.wikidata),
                                                  ("statements", degree[nid])) if v)
        net.add_node(nid, label=a.label, title=f"{a.label}\n{tip}", color=TYPE_COLOURS.get(a.type, "#dee2e6"),
                     shape="dot" if a.is_actor else "box", size=10 + 3 * min(degree[nid], 20))
    for (src, rel, dst, negated), group in sorted(edges.items()):
        first = group[0]
        evidence = "\n".join(f"[{s.document} {s.published or 'undated'}] {s.sentence}" for s in group[:5])
        label = f"{'not ' if negated else ''}{first.relation_label}"
        options = {"label": label, "title": f"{label} (CAMEO {first.cameo or '-'})\n{evidence}",
                   "color": QUAD_COLOURS[QUAD_OF_ROOT.get(first.cameo or "")], "dashes": negated,
                   "width": 1 + len(group), "arrows": "to"}
        for s in group:
            options.update(styles.get(s.id, {}))
        net.add_edge(src, dst, **options)
    page = net.generate_html(notebook=False)
    if legend:
        page = page.replace("<body>", f'<body>\n<div id="geokg-legend" style="font:14px sans-serif;margin:6px">'
                                      f"{html.escape(legend)}</div>", 1)
    page = _COMMENT.sub("", page)
    page = _EXTERNAL.sub("", page)
    leftover = external_references(page)
    if leftover:
        raise GeokgError(f"graph.html would load {leftover[0]} from the network; refusing to write it")
    return page


def write_html(statements: Iterable[Statement], path: Path) -> None:
    """Write the self-contained HTML view of the statements' actor graph."""
    atomic_write(path, render_html(statements))


__all__ = ["external_references", "render_html", "write_html"]
