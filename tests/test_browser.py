"""The HTML views in a real browser: Debian's Chromium driven by Playwright, network blocked."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.test_diff import DOCS, write_articles

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parent.parent / "output" / "test-artefacts"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

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


def open_offline(browser, page_file: Path):
    """Open a local page with every network request refused; return the page, errors and blocked URLs."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
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
    page.wait_for_function("typeof network !== 'undefined' && network.body.data.nodes.length > 0", timeout=20000)
    page.wait_for_timeout(3000)  # let the layout settle, then frame it for the screenshot
    page.evaluate("network.stopSimulation(); network.fit();")
    page.wait_for_timeout(300)
    return page, errors, blocked


def test_seed_graph_loads_offline_with_its_nodes_and_edges(browser, tmp_path):
    out = tmp_path / "seeds"
    assert CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out)]).exit_code == 0
    import json

    rows = [json.loads(line) for name in ("statements.jsonl", "offices.jsonl")
            for line in (out / name).read_text(encoding="utf-8").splitlines()]
    expected_nodes = {a["id"] for r in rows for a in (r["subject"], r["object"])}
    expected_edges = {(r["subject"]["id"], r["relation"], r["object"]["id"], r["negated"], r["modality"]) for r in rows}
    page, errors, blocked = open_offline(browser, out / "graph.html")
    assert page.evaluate("network.body.data.nodes.length") == len(expected_nodes)
    assert page.evaluate("network.body.data.edges.length") == len(expected_edges)
    assert blocked == [] and errors == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "seeds-graph.png"))


def test_diff_page_shows_coloured_edges(browser, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", str(write_articles(tmp_path / "in", DOCS)), "--out", str(out)]).exit_code == 0
    target = tmp_path / "diff.html"
    res = CliRunner().invoke(app, ["diff", "--from", "2024-03-05", "--to", "2024-03-12", "--graph", str(out),
                                   "--format", "html", "--out", str(target)])
    assert res.exit_code == 0, res.output
    page, errors, blocked = open_offline(browser, target)
    colours = page.evaluate("network.body.data.edges.get().map(e => (e.color && e.color.color) || e.color)")
    assert "#2f9e44" in colours and "#f08c00" in colours
    assert "orange: changed stance (1)" in page.inner_text("#geokg-legend")
    assert blocked == [] and errors == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "diff.png"))


def explorer_page(tmp_path: Path) -> Path:
    """Write a small explorer page whose data includes an actor named like an HTML injection."""
    from kg.export.html import write_html
    from kg.model import Actor
    from tests.helpers import ALPHA, BETA, PLAN, statement

    evil = Actor("https://w3id.org/geokg/id/actor/evil", '<img src=x onerror="window.__xss=1">', "Person", "NOR")
    from datetime import date

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
    page.wait_for_function("window.geokgReady === true")
    assert page.evaluate("network.body.data.nodes.length") == 4
    assert page.evaluate("window.geokgVisibleEdges") == 3
    # a family filter hides its edges
    page.uncheck("input[data-quad='4']")
    assert page.evaluate("window.geokgVisibleEdges") == 2
    page.check("input[data-quad='4']")
    # a date range hides what falls outside it
    page.fill("#geokg-from", "2024-02-01")
    page.dispatch_event("#geokg-from", "change")
    assert page.evaluate("window.geokgVisibleEdges") == 2
    # search focuses an actor and selects its neighbours
    page.fill("#geokg-search", "sweden")
    page.click("#geokg-search-go")
    assert page.evaluate("window.geokgFocused") == "https://w3id.org/geokg/id/country/SWE"
    assert sorted(page.evaluate("network.getSelectedNodes()")) == sorted([
        "https://w3id.org/geokg/id/country/SWE", "https://w3id.org/geokg/id/person/alpha", "https://w3id.org/geokg/id/actor/evil"])
    # hovering the injected name shows it as text; nothing runs
    evil = "https://w3id.org/geokg/id/actor/evil"
    xy = page.evaluate(f"(() => {{ const p = network.getPositions(['{evil}'])['{evil}']; return network.canvasToDOM(p); }})()")
    box = page.query_selector("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    page.wait_for_timeout(600)
    tooltip = page.evaluate("(document.querySelector('.vis-tooltip') || {}).innerText || ''")
    assert '<img src=x onerror="window.__xss=1">' in tooltip
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('img[src=x], #mynetwork script').length") == 0
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
    page.wait_for_function("window.geokgReady === true")
    finland = "https://w3id.org/geokg/id/country/FIN"
    # by default only the asserted statements are drawn, and Finland, which only a hedged one mentions, is hidden
    assert not page.is_checked("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 2
    assert page.evaluate(f"nodes.get('{finland}').hidden") is True
    assert "2 of 4 edges shown" in page.inner_text("#geokg-status")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "explorer-asserted.png"))
    # ticking the box draws them, dotted, marked in label and tooltip
    page.check("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 4
    assert page.evaluate(f"nodes.get('{finland}').hidden") is False
    marked = page.evaluate("edges.get({filter: e => e.modality !== 'asserted'})"
                           ".map(e => [e.modality, e.label, e.dashes, e.title])")
    assert sorted(m[:3] for m in marked) == [["conditional", "supports (conditional)", [2, 6]],
                                             ["hedged", "attacks (hedged)", [2, 6]]]
    assert any("[d3 2024-01-09, hedged] Finland might attack Sweden." in m[3] for m in marked)
    # hovering the hedged edge shows its evidence, marked
    page.evaluate("network.stopSimulation()")
    sweden = "https://w3id.org/geokg/id/country/SWE"
    xy = page.evaluate(f"""(() => {{ const p = network.getPositions(['{finland}', '{sweden}']);
        return network.canvasToDOM({{x: (p['{finland}'].x + p['{sweden}'].x) / 2, y: (p['{finland}'].y + p['{sweden}'].y) / 2}}); }})()""")
    box = page.query_selector("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    page.wait_for_function("(document.querySelector('.vis-tooltip') || {}).innerText", timeout=3000)
    assert "hedged" in page.inner_text(".vis-tooltip")
    page.screenshot(path=str(ARTEFACTS / "explorer-hedged.png"))
    # unticking hides them again
    page.uncheck("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 2
    assert blocked == [] and errors == []


def test_view_with_include_hedged_shows_them_from_the_start(browser, tmp_path):
    from tests.test_diff import write_hand_graph

    target = tmp_path / "view.html"
    res = CliRunner().invoke(app, ["view", "--graph", str(write_hand_graph(tmp_path / "g")), "--out", str(target),
                                   "--include-hedged"])
    assert res.exit_code == 0, res.output
    page, errors, blocked = open_offline(browser, target)
    page.wait_for_function("window.geokgReady === true")
    assert page.is_checked("#geokg-hedged")
    assert page.evaluate("window.geokgVisibleEdges") == 5  # three asserted, one hedged, one conditional
    assert sorted(page.evaluate("edges.get().map(e => e.modality)")) == [
        "asserted", "asserted", "asserted", "conditional", "hedged"]
    assert blocked == [] and errors == []
