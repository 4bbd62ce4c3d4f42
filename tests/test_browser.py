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
    page, errors, blocked = open_offline(browser, out / "graph.html")
    nodes = page.evaluate("network.body.data.nodes.length")
    edges = page.evaluate("network.body.data.edges.length")
    assert nodes > 10 and edges > 10
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
