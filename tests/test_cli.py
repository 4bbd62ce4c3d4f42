from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kg.cli import app

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    res = CliRunner().invoke(app, [name, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.stdout


def test_build_and_query_are_commands():
    assert {"build", "query"} <= set(COMMANDS)


def test_build_of_a_missing_folder_is_one_line_and_exit_2(tmp_path):
    res = CliRunner().invoke(app, ["build", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert res.stderr == f"error: {tmp_path / 'missing'}: no such file or folder\n"
    assert not (tmp_path / "o").exists()


def test_build_with_a_bad_as_of_date_is_refused(tmp_path):
    res = CliRunner().invoke(app, ["build", str(tmp_path), "--as-of", "yesterday"])
    assert res.exit_code == 2 and "--as-of: bad date" in res.stderr




def test_min_confidence_filters_statements(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Norway supported Sweden. Norway backed the plan.\n", encoding="utf-8")
    counts = {}
    for threshold in ("0", "0.9"):
        out = tmp_path / f"out{threshold}"
        assert CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(out), "--min-confidence", threshold]).exit_code == 0
        rows = (out / "statements.jsonl").read_text().splitlines()
        counts[threshold] = len(rows)
    assert counts["0"] >= 1 and counts["0.9"] < counts["0"]


def test_terminal_output_carries_no_control_characters(tmp_path):
    from kg.cli import _safe

    assert _safe("\x1b[2J\x1b[31mred\x1b[0m\tand\nbell\x07 \x9b") == "red\tand\nbell "
    res = CliRunner().invoke(app, ["query", "ASK {}", "--graph", str(tmp_path / "no\x1b[31mwhere")])
    assert res.exit_code == 2 and "\x1b" not in res.stderr and "nowhere" in res.stderr
