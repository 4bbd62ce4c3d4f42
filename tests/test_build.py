"""A build as a user runs it on their own archive: bad documents skipped, the old graph kept until
the new one is complete, one build id, the cache, worker processes, progress and its summary."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.extract
import kg.pipeline
from kg.cli import app
from kg.export.rdf import serialise_piece
from kg.pipeline import build
from kg.progress import NORMAL, BuildProgress
from kg.settings import Settings

pytestmark = pytest.mark.slow

ARTICLES = {
    "a1": "The foreign minister of Norway met the Swedish prime minister in Oslo on Monday.",
    "a2": "Germany imposed sanctions on the shipping company.\nThe chancellor said Germany would not lift them.",
    "a3": "France signed a trade agreement with Brazil. The French president praised the deal.",
    "a4": "Kenya accused Somalia of violating its airspace.",
    "a5": "The Japanese government condemned the missile test by North Korea.",
    "a6": "Canada agreed to send aid to Haiti.",
}
FILES = ("graph.trig", "graph.ttl", "statements.jsonl", "events.jsonl", "offices.jsonl", "graph.html", "build-report.json")


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,published"]
    for n, (name, text) in enumerate(sorted(articles.items())):
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name}.txt,2025-03-{n + 1:02d}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def complete(out: Path) -> dict:
    """Return the build report of `out` after checking that every output is the one it lists."""
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    for name, digest in report["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, f"{name} is not from build {report['build_id']}"
    assert (out / "graph.trig").read_text(encoding="utf-8").startswith(f"# geokg build {report['build_id']}\n")
    if report["store"] == "oxigraph":
        assert (out / "oxigraph" / "BUILD_ID").read_text().strip() == report["build_id"]
    return report


def run(*args: str):
    return CliRunner().invoke(app, ["build", *args])


def test_a_file_that_cannot_be_decoded_is_skipped_and_the_rest_is_built(tmp_path):
    src = write_corpus(tmp_path / "in")
    (src / "broken.txt").write_bytes(b"Minister \xff\xfe met \x81 the envoy.")
    res = run(str(src), "--out", str(tmp_path / "out"), "--store", "memory")
    assert res.exit_code == 3, res.output
    assert f"  {src / 'broken.txt'}: not UTF-8 text" in res.stdout.splitlines()
    report = complete(tmp_path / "out")
    assert report["documents"] == 6 and report["exit_code"] == 3
    assert report["skipped"] == [{"input": str(src / "broken.txt"), "reason": "not UTF-8 text"}]


def test_a_clean_folder_exits_0_and_skips_nothing(tmp_path):
    res = run(str(write_corpus(tmp_path / "in")), "--out", str(tmp_path / "out"), "--store", "memory")
    assert res.exit_code == 0, res.output
    assert "skipped" not in res.stdout and complete(tmp_path / "out")["skipped"] == []


def test_a_document_whose_analysis_fails_is_skipped_and_the_others_are_built(tmp_path, monkeypatch):
    real = kg.extract.extract_candidates

    def failing(doc, document_id, *args, **kwargs):
        if document_id == "a4":
            raise ValueError("parser gave up")
        return real(doc, document_id, *args, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_candidates", failing)
    settings = Settings(n_process=1, store="memory", cache=False)
    result = build([write_corpus(tmp_path / "in")], tmp_path / "out", settings)
    assert [d.id for d in result.documents] == ["a1", "a2", "a3", "a5", "a6"]
    assert [(Path(s.path).name, s.reason) for s in result.skipped] == [("a4.txt", "ValueError: parser gave up")]
    assert result.exit_code == 3
    assert all(s.document != "a4" for s in result.statements)


def test_a_document_that_breaks_the_batch_parse_costs_only_itself(tmp_path, monkeypatch):
    real = kg.nlp.parse_documents

    def fragile(nlp, documents, **kwargs):
        if any(d.id == "a2" for d in documents):
            raise RuntimeError("bad text in batch")
        return real(nlp, documents, **kwargs)

    monkeypatch.setattr(kg.nlp, "parse_documents", fragile)
    result = build([write_corpus(tmp_path / "in")], tmp_path / "out", Settings(n_process=1, store="memory", cache=False))
    assert [d.id for d in result.documents] == ["a1", "a3", "a4", "a5", "a6"]
    assert [s.reason for s in result.skipped] == ["RuntimeError: bad text in batch"]


def test_an_empty_input_exits_2_and_keeps_the_previous_graph(tmp_path):
    out = tmp_path / "out"
    assert run(str(write_corpus(tmp_path / "in")), "--out", str(out)).exit_code == 0
    before = {name: (out / name).read_bytes() for name in FILES}
    (tmp_path / "empty").mkdir()
    res = run(str(tmp_path / "empty"), "--out", str(out))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: {tmp_path / 'empty'}: no documents to build; {out} is left as it was"
    assert {name: (out / name).read_bytes() for name in FILES} == before
    complete(out)


def test_an_input_where_every_document_is_bad_keeps_the_previous_graph(tmp_path):
    out = tmp_path / "out"
    assert run(str(write_corpus(tmp_path / "in")), "--out", str(out)).exit_code == 0
    before = (out / "graph.trig").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\xff\xfe\xfa")
    res = run(str(bad), "--out", str(out))
    assert res.exit_code == 2
    assert res.stderr.splitlines()[0] == f"skipped {bad / 'x.txt'}: not UTF-8 text"
    assert (out / "graph.trig").read_bytes() == before


def test_the_output_folder_is_replaced_as_a_whole_keeping_the_users_own_files(tmp_path):
    out = tmp_path / "out"
    assert run(str(write_corpus(tmp_path / "in")), "--out", str(out)).exit_code == 0
    assert (out / "oxigraph").is_dir()
    (out / "view.html").write_text("my page", encoding="utf-8")
    smaller = write_corpus(tmp_path / "small", {"b1": "Chile recalled its ambassador from Peru."})
    assert run(str(smaller), "--out", str(out), "--store", "memory").exit_code == 0
    assert not (out / "oxigraph").exists()  # nothing of the previous build is left beside the new one
    assert (out / "view.html").read_text(encoding="utf-8") == "my page"
    assert complete(out)["documents"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out", "small"]  # no staging folder left


def test_query_refuses_a_store_of_another_build_or_a_half_finished_load(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(str(write_corpus(tmp_path / "in")), "--out", str(one)).exit_code == 0
    assert run(str(write_corpus(tmp_path / "small", {"b1": "Chile recalled its ambassador from Peru."})), "--out", str(two)).exit_code == 0
    ask = ["query", "--graph", str(one), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]
    assert CliRunner().invoke(app, ask).exit_code == 0
    shutil.rmtree(one / "oxigraph")
    shutil.copytree(two / "oxigraph", one / "oxigraph")
    res = CliRunner().invoke(app, ask)
    assert res.exit_code == 2 and "the Oxigraph store does not match the graph (it is from build" in res.stderr
    (one / "oxigraph" / "BUILD_ID").unlink()
    res = CliRunner().invoke(app, ask)
    assert res.exit_code == 2 and "its load did not finish" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = CliRunner().invoke(app, ["serve", "--graph", str(one), "--port", "0"])  # refused before it listens
    assert res.exit_code == 2 and "its load did not finish" in res.stderr


def test_a_second_build_reuses_the_cache_and_equals_a_clean_build(tmp_path):
    src = write_corpus(tmp_path / "in")
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert run(str(src), "--out", str(out), "--store", "memory").exit_code == 0
    (src / "a7.txt").write_text("Egypt hosted talks between Sudan and South Sudan.\n", encoding="utf-8")
    res = run(str(src), "--out", str(out), "--store", "memory", "--verbose")
    assert res.exit_code == 0, res.output
    cached = [line for line in res.stderr.splitlines() if line.endswith("(cached)")]
    assert len(cached) == 6 and not any(": " in line and "a7:" in line for line in cached)
    assert "6 of 7 documents from the cache" in res.stdout
    assert run(str(src), "--out", str(clean), "--store", "memory", "--no-cache").exit_code == 0
    for name in FILES:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name


def _quads(folder: Path) -> set[tuple[str, ...]]:
    """Every quad of a built folder's Oxigraph store, blank nodes all alike (the ontology's)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder / "oxigraph"))
    text = lambda t: "_:" if isinstance(t, ox.BlankNode) else str(t)  # noqa: E731
    return {tuple(text(t) for t in (q.subject, q.predicate, q.object, q.graph_name)) for q in store}


def test_a_rebuild_updates_the_previous_store_to_answer_as_a_fresh_one(tmp_path, monkeypatch):
    from kg.store import OxigraphStore, open_store, select_rows

    src = write_corpus(tmp_path / "in")
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert run(str(src), "--out", str(out)).exit_code == 0
    old_events = set((out / "events.jsonl").read_text(encoding="utf-8").splitlines())
    (src / "a7.txt").write_text("Egypt hosted talks between Sudan and South Sudan.\n", encoding="utf-8")
    (src / "a6.txt").write_text("Canada refused to send aid to Haiti.\n", encoding="utf-8")
    (src / "a1.txt").unlink()
    serialised = []
    monkeypatch.setattr(kg.pipeline, "serialise_piece",
                        lambda name, *args: serialised.append(name) or serialise_piece(name, *args))
    monkeypatch.setattr(OxigraphStore, "load", lambda *args: pytest.fail("the store was loaded afresh"))
    assert run(str(src), "--out", str(out)).exit_code == 0
    monkeypatch.undo()
    documents = sorted(name.rsplit("/", 1)[1] for name in serialised if "/document/" in name)
    assert documents == ["a6", "a7"]  # the others' graphs from the cache
    changed = set((out / "events.jsonl").read_text(encoding="utf-8").splitlines()) - old_events
    assert changed and len([name for name in serialised if "/document/" not in name]) == len(changed)  # and their events
    assert run(str(src), "--out", str(clean), "--no-cache").exit_code == 0
    for name in FILES:
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    complete(out)
    assert _quads(out) == _quads(clean)
    ask = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert select_rows(open_store(out).answer(ask)) == select_rows(open_store(clean).answer(ask))


def test_a_changed_article_is_analysed_again(tmp_path):
    src = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert run(str(src), "--out", str(out), "--store", "memory").exit_code == 0
    (src / "a6.txt").write_text("Canada refused to send aid to Haiti.\n", encoding="utf-8")
    res = run(str(src), "--out", str(out), "--store", "memory", "--verbose")
    assert "[6/6] a6: 1 sentences" in res.stderr and not res.stderr.count("a6:") > 1
    assert "a6: " in res.stderr and "(cached)" not in [l for l in res.stderr.splitlines() if "a6:" in l][0]
    lines = [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["relation_label"].split()[0] for s in lines if s["document"] == "a6"] == ["refuses"]


def test_worker_processes_build_the_same_graph_as_one_process(tmp_path):
    src = write_corpus(tmp_path / "in")
    one = Settings(n_process=1, batch_size=2, store="memory", cache=False)
    build([src], tmp_path / "one", one)
    result = build([src], tmp_path / "two", replace(one, n_process=2))
    assert len(result.documents) == 6
    for name in FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    src = write_corpus(tmp_path / "in")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(tmp_path / seed), "-q", "--no-cache"],
                       env=env, check=True, timeout=300)
    for name in FILES:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_progress_bar_on_a_terminal_and_silence_in_a_pipe(tmp_path):
    stream = io.StringIO()
    bar = BuildProgress(NORMAL, stream, live=True)
    build([write_corpus(tmp_path / "in")], tmp_path / "out", Settings(n_process=1, store="memory", cache=False),
          on_start=bar.start, on_document=bar.document)
    bar.stop()
    drawn = stream.getvalue()
    assert "documents" in drawn and "6/6" in drawn and "sentences/s" in drawn and "statements" in drawn
    res = run(str(tmp_path / "in"), "--out", str(tmp_path / "piped"), "--store", "memory")
    assert res.stderr == ""  # not a terminal: no bar
    assert res.stdout.startswith("6 documents, ")


def test_quiet_prints_nothing_and_verbose_a_line_per_document(tmp_path):
    src = write_corpus(tmp_path / "in")
    quiet = run(str(src), "--out", str(tmp_path / "q"), "--store", "memory", "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = run(str(src), "--out", str(tmp_path / "v"), "--store", "memory", "--verbose")
    lines = [line for line in loud.stderr.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in lines] == [f"[{n}/6" for n in range(1, 7)]


def _kill_when(proc: subprocess.Popen, marker: str, delay: float) -> None:
    for line in proc.stderr:
        if marker in line:
            break
    else:
        pytest.fail(f"the build ended before {marker}")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


@pytest.mark.parametrize("marker, delay", [
    ("[2/8]", 0.0),  # while parsing
    ("[8/8]", 0.0),  # as writing starts
    ("[8/8]", 0.3),  # while writing or loading the store
    ("[8/8]", 0.8),
])
def test_a_killed_build_leaves_the_previous_complete_graph(tmp_path, marker, delay):
    src = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert run(str(src), "--out", str(out)).exit_code == 0
    first = complete(out)
    more = {**ARTICLES, "a7": "Egypt hosted talks between Sudan and South Sudan.", "a8": "Chile recalled its ambassador from Peru."}
    write_corpus(src, more)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out), "-v", "--no-cache", "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _kill_when(proc, marker, delay)
    after = complete(out)  # the previous set, or (if the kill came after the swap) the new one, never a mix
    assert after["build_id"] == first["build_id"] or after["documents"] == 8
    if marker == "[2/8]":  # killed while parsing: the previous graph, untouched
        assert after["build_id"] == first["build_id"] and proc.returncode == -signal.SIGKILL
    res = run(str(src), "--out", str(out))
    assert res.exit_code == 0 and complete(out)["documents"] == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # the killed build's staging is gone


def counting_records(monkeypatch) -> list[str]:
    """Return the list of documents whose records the writers make, in the order they make them."""
    made: list[str] = []
    real = kg.pipeline._Records.add

    def add(self, document):
        made.append(document)
        return real(self, document)

    monkeypatch.setattr(kg.pipeline._Records, "add", add)
    return made


def test_a_rebuild_makes_the_cached_documents_records_while_the_new_one_is_parsed(tmp_path, monkeypatch):
    src = write_corpus(tmp_path / "in")
    two = Settings(n_process=2, store="memory")
    build([src], tmp_path / "out", two)
    (src / "a0.txt").write_text("Chile recalled its ambassador from Peru.\n", encoding="utf-8")
    with (src / "metadata.csv").open("a", encoding="utf-8") as f:
        f.write("a0.txt,2025-03-09\n")
    made = counting_records(monkeypatch)
    build([src], tmp_path / "out", two)
    assert made == ["a1", "a2", "a3", "a4", "a5", "a6", "a0"]  # once each: the new one last, when it came
    build([src], tmp_path / "clean", Settings(n_process=1, store="memory", cache=False))
    for name in FILES:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_a_new_article_that_gives_a_short_name_its_full_name_has_every_record_made_again(tmp_path, monkeypatch):
    articles = {"b1": "Gonzalez supported Sweden.", "b2": "Norway criticized the plan."}
    src = write_corpus(tmp_path / "in", articles)
    two = Settings(n_process=2, store="memory")
    build([src], tmp_path / "out", two)
    write_corpus(src, {**articles, "b3": "Maria Gonzalez backed the plan."})  # "Gonzalez" is now hers
    made = counting_records(monkeypatch)
    build([src], tmp_path / "out", two)
    assert made == ["b1", "b2", "b1", "b2", "b3"]  # the early records did not stand
    lines = [json.loads(line) for line in (tmp_path / "out" / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {s["subject"]["label"] for s in lines if s["document"] in ("b1", "b3")} == {"Maria Gonzalez"}
    build([src], tmp_path / "clean", Settings(n_process=1, store="memory", cache=False))
    for name in FILES:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_a_store_is_compacted_at_every_fourth_update_and_answers_as_before(tmp_path):
    from kg.store import COMPACT_EVERY, UPDATES_FILE, open_store, select_rows

    src = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert run(str(src), "--out", str(out)).exit_code == 0
    assert not (out / "oxigraph" / UPDATES_FILE).exists()  # loaded: compacted, no update yet
    counts = []
    for k in range(COMPACT_EVERY + 1):
        (src / f"c{k}.txt").write_text(f"Chile recalled its ambassador from Peru, for the {k + 1}th time.\n", encoding="utf-8")
        assert run(str(src), "--out", str(out)).exit_code == 0
        counts.append(int((out / "oxigraph" / UPDATES_FILE).read_text(encoding="utf-8")))
    assert counts == [1, 2, 3, 0, 1]  # the fourth update compacted the store
    assert run(str(src), "--out", str(tmp_path / "clean"), "--no-cache").exit_code == 0
    assert _quads(out) == _quads(tmp_path / "clean")
    ask = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert select_rows(open_store(out).answer(ask)) == select_rows(open_store(tmp_path / "clean").answer(ask))
