"""The README's commands are run, so the README cannot go stale.

Every ```sh block is a list of commands a user types. The first block is the quick start: it
installs geokg and runs the tests, so `.ci/run` runs it word for word on a fresh machine, and
here we check its shape. Every other block runs here, in README order, in a folder holding the
sample articles (built once into output/, as the quick start does) and links to the
repository's scripts/, tests/ and ontology/; each must exit 0 and print something.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```sh\n(.*?)^```", README, re.DOTALL | re.MULTILINE)


def commands(block: str) -> list[str]:
    """The commands of a block: lines, joined where a quote is left open or a line ends in a backslash."""
    out: list[str] = []
    pending = ""
    for line in block.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        if pending.endswith("\\") or pending.count("'") % 2:
            continue
        if pending.strip() and not pending.lstrip().startswith("#"):
            out.append(pending)
        pending = ""
    return out


def test_the_quick_start_is_two_commands_install_and_build_then_test():
    quick = commands(BLOCKS[0])
    assert len(quick) == 2
    install, test = quick
    assert "venv" in install and "pip install" in install and "kg build seeds/" in install
    assert test.strip() == "pytest"


def test_ci_runs_the_readme_quick_start():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/readme_quickstart.sh" in ci
    script = (ROOT / "scripts" / "readme_quickstart.sh").read_text(encoding="utf-8")
    assert "README.md" in script and "```sh" in script


def files(root: Path) -> set[str]:
    """The files under root, not following the links into the repository."""
    return {os.path.join(d, f) for d, _, names in os.walk(root) for f in names}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    for name in ("scripts", "tests", "ontology"):
        (root / name).symlink_to(ROOT / name)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GEOKG_ONTOLOGY", None)
    subprocess.run(["kg", "build", "seeds/"], cwd=root, env=env, check=True, capture_output=True, text=True)
    return root, env


@pytest.mark.slow
@pytest.mark.parametrize("block", BLOCKS[1:], ids=[commands(b)[0].split("\n")[0][:60] for b in BLOCKS[1:]])
def test_readme_block_runs(workspace, block):
    root, env = workspace
    before = files(root)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=root, env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, f"README command failed:\n{block}\n{run.stderr[-2000:]}"
    wrote = files(root) - before
    assert run.stdout.strip() or wrote, f"README command printed and wrote nothing:\n{block}"
