"""The HTML views in a real browser: Debian's Chromium driven by Playwright, network blocked.

Each page is waited on until it says it is ready (window.geokgReady), then read as vis-network draws
it. Screenshots of the seed page's first view, of its evidence panel and of a diff page are saved
under output/test-artefacts/.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.test_diff import DOCS, write_articles

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parent.parent / "output" / "test-artefacts"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
VIEWPORT = {"width": 1200, "height": 800}

pytestmark = [pytest.mark.browser, pytest.mark.skipif(shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
                                                       reason="Debian chromium is not installed (.ci/run installs it)")]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    assert CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out)]).exit_code == 0
    return out


def open_offline(browser, page_file: Path):
    """Open a local page with every network request refused, wait until it is ready; return the page,
    the console errors and the blocked URLs."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(page_file.as_uri())
    page.wait_for_function("window.geokgReady === true", timeout=20000)
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # drawn once
    return page, errors, blocked


def shown_nodes(page) -> list[dict]:
    return page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => ({id: n.id, actor: n.actor, label: n.label}))")


def top_labels_drawn(page) -> list[dict]:
    """Return the busiest actors of the main component as drawn now: whether vis draws their label,
    its size on screen, and whether the node lies inside the canvas."""
    return page.evaluate("""(() => {
        const box = document.getElementById('mynetwork');
        return nodes.get({filter: n => n.top && n.main && !n.hidden}).map(n => {
            const b = network.body.nodes[n.id];
            const p = network.canvasToDOM({x: b.x, y: b.y});
            return {label: n.label, drawn: b.labelModule.visible(), px: b.options.font.size * network.getScale(),
                    inside: p.x >= 0 && p.y >= 0 && p.x <= box.clientWidth && p.y <= box.clientHeight};
        });
    })()""")


def label_overlaps_at_100(page) -> list[tuple[str, str]]:
    """Return the pairs of shown nodes whose boxes (shape and label, as vis measures them) overlap at
    100 %. The viewport is first made large enough for vis to draw (and so measure) every shown node."""
    extent = page.evaluate("""(() => { const ids = nodes.get({filter: n => !n.hidden}).map(n => n.id);
        const p = Object.values(network.getPositions(ids));
        const xs = p.map(q => q.x), ys = p.map(q => q.y);
        return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]; })()""")
    width, height = extent[2] - extent[0] + 800, extent[3] - extent[1] + 600
    page.set_viewport_size({"width": int(width) + 400, "height": int(height) + 200})
    page.evaluate(f"network.redraw(); network.moveTo({{position: {{x: {(extent[0] + extent[2]) / 2}, "
                  f"y: {(extent[1] + extent[3]) / 2}}}, scale: 1, animation: false}})")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    pairs = page.evaluate("""(() => {
        const ids = nodes.get({filter: n => !n.hidden}).map(n => n.id);
        const boxes = ids.map(id => [id, network.getBoundingBox(id)]);
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i][1], b = boxes[j][1];
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push([boxes[i][0], boxes[j][0]]);
        }
        return out; })()""")
    page.set_viewport_size(VIEWPORT)
    return [tuple(p) for p in pairs]


def click_edge(page, edge_id: str) -> None:
    """Click a point of the edge where no node or label lies over it (vis says which edge is there)."""
    point = page.evaluate(f"""(() => {{
        const e = network.body.edges['{edge_id}'];
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8]) {{
            const p = network.canvasToDOM(e.edgeType.getPoint(t));
            if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === '{edge_id}') return p;
        }}
        return null; }})()""")
    assert point is not None, "no free point on the edge to click"
    box = page.query_selector("#mynetwork").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def edge_between(page, subject: str, obj: str, *, quad: int, modality: str = "asserted") -> str:
    return page.evaluate(f"""edges.get({{filter: e => e.from.endsWith('/{subject}') && e.to.endsWith('/{obj}')
        && e.quad === {quad} && e.modality === '{modality}'}})[0].id""")


def test_seed_page_opens_on_the_actor_graph_with_legible_labels(browser, seeds):
    page, errors, blocked = open_offline(browser, seeds / "graph.html")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "seeds-initial-view.png"))
    # the first view is zoomed to the main component, so labels are read without zooming
    assert page.evaluate("network.getScale()") >= 0.6
    # actors only: the objects (proposals, ceasefires) are a layer that starts switched off
    shown = shown_nodes(page)
    assert shown and all(n["actor"] for n in shown)
    # the busiest actors' labels are drawn, on screen, at a legible size
    top = top_labels_drawn(page)
    assert len(top) >= 5 and {t["label"] for t in top} >= {"Vladimir Putin", "Donald Trump", "Russia", "Ukraine"}
    assert all(t["drawn"] and t["inside"] and t["px"] >= 10 for t in top), top
    # one edge per ordered pair and quad class (and negation, modality): never two for one pair and class
    keys = page.evaluate("edges.get().map(e => [e.from, e.to, e.quad, e.negated, e.modality])")
    assert len(keys) == len({json.dumps(k) for k in keys})
    # no two labels overlap at 100 %
    assert label_overlaps_at_100(page) == []
    assert blocked == [] and errors == []


def test_top_labels_stay_drawn_when_zoomed_out(browser, seeds):
    page, errors, _ = open_offline(browser, seeds / "graph.html")
    page.evaluate("network.moveTo({scale: 0.15, animation: false}); network.body.emitter.emit('zoom', {scale: 0.15})")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    top = page.evaluate("""nodes.get({filter: n => n.top && !n.hidden}).map(n => {
        const b = network.body.nodes[n.id]; return [b.labelModule.visible(), b.options.font.size * network.getScale()]; })""")
    assert top and all(drawn and px >= 10 for drawn, px in top)
    assert errors == []


def test_the_object_layer_switches_on_and_off(browser, seeds):
    page, errors, blocked = open_offline(browser, seeds / "graph.html")
    actors_only = len(shown_nodes(page))
    page.check("#geokg-objects")
    with_objects = shown_nodes(page)
    assert len(with_objects) > actors_only and not all(n["actor"] for n in with_objects)
    assert page.evaluate("window.geokgVisibleNodes") == len(with_objects)
    assert label_overlaps_at_100(page) == []  # objects have room of their own beside the actors
    page.uncheck("#geokg-objects")
    assert len(shown_nodes(page)) == actors_only
    assert blocked == [] and errors == []


def test_selecting_an_edge_lists_its_events_with_their_reports_and_a_timeline(browser, seeds):
    page, errors, blocked = open_offline(browser, seeds / "graph.html")
    edge = edge_between(page, "donald-trump", "vladimir-putin", quad=1)
    click_edge(page, edge)
    page.wait_for_function("window.geokgPanel && window.geokgPanel.kind === 'edge'")
    assert page.inner_text("#geokg-panel-title") == "Donald Trump \u2192 Vladimir Putin"
    events = page.query_selector_all("#geokg-panel .geokg-event")
    assert len(events) == page.evaluate(f"geokgEdgeEvents['{edge}']") >= 2
    # the call of 18 March, told by two articles: one event with both reports
    agreed = [e for e in events if "agrees to" in e.query_selector(".geokg-head").inner_text()]
    assert agreed
    sources = [r.inner_text() for r in agreed[-1].query_selector_all(".geokg-report .geokg-source")]
    assert len(sources) == 2 and sources[0].startswith("002_") and sources[1].startswith("004_")
    assert "2 independent sources" in agreed[-1].inner_text()
    assert all("asserted" in s and "2025-03-19" in s for s in sources)
    # the pair's cooperation and conflict over time
    assert len(page.query_selector_all("#geokg-timeline circle")) >= len(events)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    canvas = page.query_selector("#mynetwork").bounding_box()
    page.mouse.move(canvas["x"] + 3, canvas["y"] + canvas["height"] - 3)  # off the edge: its tooltip goes
    page.wait_for_function("!document.querySelector('.vis-tooltip') || "
                           "document.querySelector('.vis-tooltip').style.visibility === 'hidden'")
    page.screenshot(path=str(ARTEFACTS / "seeds-evidence-panel.png"))
    # selecting an actor lists its events by date
    page.evaluate("geokgShowNode('https://w3id.org/geokg/id/person/donald-trump')")
    heads = [h.inner_text() for h in page.query_selector_all("#geokg-panel .geokg-head")]
    assert len(heads) >= 5 and [h[:10] for h in heads] == sorted(h[:10] for h in heads)
    assert blocked == [] and errors == []


def test_a_hedged_event_of_two_articles_is_one_dotted_edge_with_both_reports(browser, seeds):
    page, errors, _ = open_offline(browser, seeds / "graph.html")
    edge = edge_between(page, "donald-trump", "country/RUS", quad=1, modality="hedged")
    assert page.evaluate(f"edges.get('{edge}').hidden") is True  # not a fact: hidden by default
    page.check("#geokg-hedged")
    assert page.evaluate(f"edges.get('{edge}').hidden") is False
    assert page.evaluate(f"edges.get('{edge}').dashes") == [2, 6]
    page.evaluate(f"geokgShowEdge('{edge}')")
    (restore,) = [e for e in page.query_selector_all("#geokg-panel .geokg-event") if "restores relations" in e.inner_text()]
    sources = [r.inner_text() for r in restore.query_selector_all(".geokg-source")]
    assert [s[:3] for s in sources] == ["002", "004"] and all("hedged" in s for s in sources)
    assert errors == []


def test_the_time_slider_replays_the_edges_and_the_date_range_hides_idle_nodes(browser, seeds):
    page, errors, blocked = open_offline(browser, seeds / "graph.html")
    total = page.evaluate("window.geokgVisibleEdges")
    steps = page.evaluate("Number(document.getElementById('geokg-time').max)")
    seen = []
    for step in range(steps + 1):
        page.fill("#geokg-time", str(step))
        page.dispatch_event("#geokg-time", "input")
        seen.append(page.evaluate("window.geokgVisibleEdges"))
    assert seen == sorted(seen) and seen[0] < total and seen[-1] == total  # edges appear as their events happen
    assert page.inner_text("#geokg-time-label") == "2025-03-19"
    # a date range hides the nodes it leaves without edges
    before = len(shown_nodes(page))
    page.fill("#geokg-from", "2025-03-19")
    page.dispatch_event("#geokg-from", "change")
    after = page.evaluate("""(() => { const shown = new Set();
        edges.get({filter: e => !e.hidden}).forEach(e => { shown.add(e.from); shown.add(e.to); });
        return [nodes.get({filter: n => !n.hidden}).map(n => n.id).sort(), [...shown].sort()]; })()""")
    assert 0 < len(after[0]) < before and after[0] == after[1]
    assert blocked == [] and errors == []


def test_diff_page_has_its_own_legend_and_colours(browser, tmp_path):
    from kg.export.html import DIFF_COLOURS, QUAD_COLOURS

    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", str(write_articles(tmp_path / "in", DOCS)), "--out", str(out)]).exit_code == 0
    target = tmp_path / "diff.html"
    res = CliRunner().invoke(app, ["diff", "--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(out),
                                   "--format", "html", "--out", str(target)])
    assert res.exit_code == 0, res.output
    page, errors, blocked = open_offline(browser, target)
    colours = page.evaluate("edges.get({filter: e => !e.hidden}).map(e => e.color.color)")
    assert sorted(colours) == sorted([DIFF_COLOURS["added"], DIFF_COLOURS["changed"]])
    assert not set(colours) & set(QUAD_COLOURS.values())
    legend = page.inner_text("#geokg-legend")
    assert "added (1)" in legend and "removed (dashed) (0)" in legend and "changed stance (1)" in legend
    assert "CAMEO" not in legend
    click_edge(page, page.evaluate("edges.get({filter: e => e.mark === 'changed'})[0].id"))
    page.wait_for_function("window.geokgPanel && window.geokgPanel.kind === 'edge'")
    assert "changed: was 'supports'" in page.inner_text("#geokg-panel")
    assert blocked == [] and errors == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "diff.png"))


def explorer_page(tmp_path: Path) -> Path:
    """Write a small explorer page whose data includes an actor named like an HTML injection."""
    from datetime import date

    from kg.export.html import write_html
    from kg.model import Actor
    from tests.helpers import ALPHA, BETA, PLAN, statement

    evil = Actor("https://w3id.org/geokg/id/actor/evil", '<img src=x onerror="window.__xss=1">', "Person", "NOR")
    sts = [
        statement("d1", ALPHA, "support", "supports", "051", PLAN, published=date(2024, 1, 2)),
        statement("d2", BETA, "reject", "rejects", "12", ALPHA, published=date(2024, 2, 5)),
        statement("d3", evil, "attack", "attacks", "190", BETA, published=date(2024, 3, 9),
                  sentence='<script>window.__xss=2</script> attacked.'),
    ]
    path = tmp_path / "explorer.html"
    write_html(sts, path)
    return path


def test_explorer_filters_searches_and_keeps_text_as_text(browser, tmp_path):
    page, errors, blocked = open_offline(browser, explorer_page(tmp_path))
    assert page.evaluate("network.body.data.nodes.length") == 4
    assert page.evaluate("window.geokgVisibleEdges") == 2  # the plan is an object: its layer is off
    page.check("#geokg-objects")
    assert page.evaluate("window.geokgVisibleEdges") == 3
    # a family filter hides its edges
    page.uncheck("input[data-quad='4']")
    assert page.evaluate("window.geokgVisibleEdges") == 2
    page.check("input[data-quad='4']")
    # a date range hides what falls outside it
    page.fill("#geokg-from", "2024-02-01")
    page.dispatch_event("#geokg-from", "change")
    assert page.evaluate("window.geokgVisibleEdges") == 2
    # search focuses an actor, selects its neighbours and lists its events
    page.fill("#geokg-search", "sweden")
    page.click("#geokg-search-go")
    assert page.evaluate("window.geokgFocused") == "https://w3id.org/geokg/id/country/SWE"
    assert sorted(page.evaluate("network.getSelectedNodes()")) == sorted([
        "https://w3id.org/geokg/id/country/SWE", "https://w3id.org/geokg/id/person/alpha", "https://w3id.org/geokg/id/actor/evil"])
    assert page.inner_text("#geokg-panel-title") == "Sweden"
    # the injected name and sentence are shown as text in the tooltip and the panel; nothing runs
    evil = "https://w3id.org/geokg/id/actor/evil"
    xy = page.evaluate(f"(() => {{ const p = network.getPositions(['{evil}'])['{evil}']; return network.canvasToDOM(p); }})()")
    box = page.query_selector("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    page.wait_for_function("(document.querySelector('.vis-tooltip') || {}).innerText", timeout=3000)
    assert '<img src=x onerror="window.__xss=1">' in page.inner_text(".vis-tooltip")
    page.evaluate(f"geokgShowNode('{evil}')")
    assert page.inner_text("#geokg-panel-title") == '<img src=x onerror="window.__xss=1">'
    page.locator("#geokg-panel summary").first.click()
    assert "<script>window.__xss=2</script> attacked." in page.inner_text("#geokg-panel .geokg-report q")
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('img[src=x], #geokg-panel script, #mynetwork script').length") == 0
    assert blocked == [] and errors == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "explorer.png"))


def hedged_page(tmp_path: Path) -> Path:
    """Write an explorer page with two asserted statements, a hedged one (whose subject, Finland, appears
    nowhere else) and a conditional one."""
    from datetime import date

    from kg.export.html import write_html
    from kg.model import Actor
    from tests.helpers import ALPHA, BETA, PLAN, statement

    finland = Actor("https://w3id.org/geokg/id/country/FIN", "Finland", "Country", "FIN")
    sts = [
        statement("d1", ALPHA, "support", "supports", "051", PLAN, published=date(2024, 1, 2)),
        statement("d2", BETA, "reject", "rejects", "12", ALPHA, published=date(2024, 1, 5)),
        statement("d3", finland, "attack", "attacks", "190", BETA, published=date(2024, 1, 9), modality="hedged",
                  sentence="Finland might attack Sweden."),
        statement("d3", ALPHA, "support", "supports", "051", BETA, published=date(2024, 1, 9), modality="conditional",
                  sentence="Ann Alpha would support Sweden if it joined."),
    ]
    path = tmp_path / "hedged.html"
    write_html(sts, path)
    return path


def test_explorer_shows_hedged_and_conditional_only_when_asked_and_dotted(browser, tmp_path):
    page, errors, blocked = open_offline(browser, hedged_page(tmp_path))
    finland = "https://w3id.org/geokg/id/country/FIN"
    # by default only the asserted events are drawn, and Finland, which only a hedged one mentions, is hidden
    assert not page.is_checked("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 1  # Sweden rejects Ann Alpha (the plan is an object)
    assert page.evaluate(f"nodes.get('{finland}').hidden") is True
    assert "1 of 4 edges" in page.inner_text("#geokg-status")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "explorer-asserted.png"))
    # ticking the box draws them, dotted, marked in the tooltip
    page.check("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 3
    assert page.evaluate(f"nodes.get('{finland}').hidden") is False
    marked = page.evaluate("edges.get({filter: e => e.modality !== 'asserted'}).map(e => [e.modality, e.dashes, e.title])")
    assert sorted(m[:2] for m in marked) == [["conditional", [2, 6]], ["hedged", [2, 6]]]
    assert any(m[2].startswith("Finland \u2192 Sweden: material conflict (hedged), 1 event") for m in marked)
    # its evidence in the panel is marked too
    page.evaluate("geokgShowEdge(edges.get({filter: e => e.modality === 'hedged'})[0].id)")
    assert "d3 \u00b7 2024-01-09 \u00b7 hedged" in page.inner_text("#geokg-panel .geokg-source")
    page.screenshot(path=str(ARTEFACTS / "explorer-hedged.png"))
    # unticking hides them again
    page.uncheck("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 1
    assert blocked == [] and errors == []


def test_view_with_include_hedged_shows_them_from_the_start(browser, tmp_path):
    from tests.test_diff import write_hand_graph

    target = tmp_path / "view.html"
    res = CliRunner().invoke(app, ["view", "--graph", str(write_hand_graph(tmp_path / "g")), "--out", str(target),
                                   "--include-hedged"])
    assert res.exit_code == 0, res.output
    page, errors, blocked = open_offline(browser, target)
    assert page.is_checked("#geokg-hedged")
    page.check("#geokg-objects")
    assert page.evaluate("window.geokgVisibleEdges") == 5  # three asserted, one hedged, one conditional
    assert sorted(page.evaluate("edges.get().map(e => e.modality)")) == [
        "asserted", "asserted", "asserted", "conditional", "hedged"]
    assert blocked == [] and errors == []
