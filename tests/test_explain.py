"""kg explain: a user can see why a sentence gives (or does not give) a statement."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app


def test_explain_a_sentence_shows_parse_rule_resolution_policy_and_confidence():
    result = CliRunner().invoke(app, ["explain", "Chile imposed tariffs on Peruvian goods.", "--published", "2025-03-18"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "parse:" in out and "imposed" in out  # the parse
    assert '"imposed" (impose): subjects Chile; role deed' in out  # the clause
    assert 'lexicon "impose tariff on" (VERB) -> imposeTariffs' in out  # the rule that fired
    assert '"Peruvian goods" -> Peru [Country]: "goods" stands for its owner' in out  # a resolution decision
    assert "kept by the policy: Chile -" in out and "confidence 0.95 =" in out  # the verdict and its reasons


def test_explain_says_why_a_statement_is_dropped():
    result = CliRunner().invoke(app, ["explain", "The plan aims at eliminating the root causes of the conflict."])
    assert result.exit_code == 0, result.output
    assert "material conflict needs a physical target" in result.output or "kept by the policy" not in result.output


def test_explain_a_statement_of_a_built_graph(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("Chile met Peru in Lima. It then criticized Bolivia.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", str(articles), "--out", str(out)]).exit_code == 0
    rows = [json.loads(line) for line in (out / "statements.jsonl").read_text().splitlines()]
    (target,) = [r for r in rows if r["cameo"] == "11"]
    short = target["id"].rsplit("/", 1)[-1]
    alone = CliRunner().invoke(app, ["explain", "--statement", short, "--graph", str(out)])
    assert alone.exit_code == 0 and "without the rest of its document" in alone.output
    whole = CliRunner().invoke(app, ["explain", "--statement", short, "--graph", str(out), "--input", str(articles)])
    assert whole.exit_code == 0, whole.output
    assert "<== this statement" in whole.output and '"It" -> Chile' in whole.output


def test_explain_errors_are_one_line():
    missing = CliRunner().invoke(app, ["explain", "--statement", "nope", "--graph", "/nonexistent"])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1 and "statements.jsonl" in missing.output
    nothing = CliRunner().invoke(app, ["explain"])
    assert nothing.exit_code == 2 and "give a SENTENCE" in nothing.output
