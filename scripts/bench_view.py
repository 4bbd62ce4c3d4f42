#!/usr/bin/env python3
"""Benchmark: how long a generated 5,000-node graph page takes to become interactive in headless Chromium.

usage: python scripts/bench_view.py [--nodes 5000] [--edges 8000]

Builds statements between generated actors, renders geokg's page and, as the baseline in the same
run, pyvis's default page of the same graph (physics on, improved layout, no fixed positions), opens
each in Debian's Chromium (network blocked) and reports the seconds from navigation until the
network is drawn and its layout has stopped moving, and the ratio baseline / geokg. Goal: under 5 s.
It also times geokg's time slider once the page is interactive: one step, and the whole range.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export.html import render_html  # noqa: E402
from kg.model import Actor, Statement  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# Interactive: drawn at its first view (the page says so once vis has drawn it), and not simulating.
READY = ("window.geokgReady === true && typeof network !== 'undefined' && network.body.data.nodes.length > 0 && "
         "!network.physics.physicsEnabled")
# pyvis's page: drawn once its initial stabilisation is done (vis sets physics.ready then).
READY_BASELINE = ("typeof network !== 'undefined' && network.body && network.body.data.nodes.length > 0 && "
                  "network.physics.ready === true")


def generate(nodes: int, edges: int, seed: int = 3) -> list[Statement]:
    rnd = random.Random(seed)
    actors = [Actor(f"https://w3id.org/geokg/id/actor/a{i}", f"Actor {i}", "Person", "NOR") for i in range(nodes)]
    rels = [("support", "05"), ("reject", "12"), ("attack", "190"), ("meet", "04")]
    out = []
    for i in range(edges):
        s, o = rnd.sample(actors, 2) if i >= nodes // 2 else (actors[2 * i], actors[2 * i + 1])
        rel, code = rnd.choice(rels)
        out.append(Statement(id=f"https://w3id.org/geokg/id/statement/s{i}", subject=s, relation=rel, relation_label=rel + "s",
                             cameo=code[:2], cameo_code=code, object=o, negated=False, event_date=date(2025, 1, 1 + i % 28),
                             published=date(2025, 1, 1 + i % 28), document=f"d{i // 10}", sentence_index=i % 10,
                             sentence=f"Sentence {i}.", confidence=0.8))
    return out


def baseline_page(statements: list[Statement]) -> str:
    from pyvis.network import Network

    net = Network(height="760px", width="100%", directed=True, cdn_resources="in_line")
    for a in {a.id: a for s in statements for a in (s.subject, s.object)}.values():
        net.add_node(a.id, label=a.label)
    for s in statements:
        net.add_edge(s.subject.id, s.object.id, label=s.relation_label)
    return net.generate_html()


# Once interactive: how long the time slider takes (every edge's events recounted, the changed edges
# and nodes updated, the frame drawn): one step (back one date and forward again, the mean), and the
# whole range (to the first date and back to the last, the mean: nearly every edge hides, then shows).
SLIDER_MS = """(step) => new Promise(done => {
  const s = document.getElementById('geokg-time'), last = s.max, t0 = performance.now();
  s.value = step ? String(Number(last) - 1) : '0'; s.dispatchEvent(new Event('input'));
  requestAnimationFrame(() => { s.value = last; s.dispatchEvent(new Event('input'));
    requestAnimationFrame(() => done((performance.now() - t0) / 2)); });
})"""


def time_to_interactive(browser, page_file: Path, ready: str, limit_s: float = 120,
                        step: bool = False) -> tuple[float, tuple[float, float] | None]:
    """Return the seconds until the page is interactive and, with `step`, the ms of a slider step and
    of a sweep of the slider over the whole range."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    start = time.perf_counter()
    page.goto(page_file.as_uri())
    try:
        page.wait_for_function(ready, timeout=limit_s * 1000, polling=50)
    except Exception:
        context.close()
        return float("inf"), None
    elapsed = time.perf_counter() - start
    step_ms = (page.evaluate(SLIDER_MS, True), page.evaluate(SLIDER_MS, False)) if step else None
    context.close()
    return elapsed, step_ms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=8000)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    statements = generate(args.nodes, args.edges)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        ours = Path(tmp) / "geokg.html"
        ours.write_text(render_html(statements), encoding="utf-8")
        render_s = time.perf_counter() - t
        base = Path(tmp) / "baseline.html"
        base.write_text(baseline_page(statements), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ours_s, step_ms = time_to_interactive(browser, ours, READY, step=True)
            base_s, _ = time_to_interactive(browser, base, READY_BASELINE)
            browser.close()
    nodes = len({a.id for s in statements for a in (s.subject, s.object)})
    print(f"graph: {nodes} nodes, {len(statements)} edges; geokg page rendered in {render_s:.1f} s (Python)")
    base = f"{base_s:.2f} s" if base_s != float("inf") else "not settled within 120 s"
    ratio = f"{base_s / ours_s:.1f}x" if base_s != float("inf") else f"> {120 / ours_s:.0f}x"
    print(f"interactive in Chromium: geokg {ours_s:.2f} s   pyvis default {base}   "
          f"ratio baseline/geokg {ratio}   goal < 5 s: {'met' if ours_s < 5 else 'missed'}")
    if step_ms is not None:
        print(f"once interactive (fixed layout, no physics): a step of the time slider takes {step_ms[0]:.0f} ms, "
              f"the whole range {step_ms[1]:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
