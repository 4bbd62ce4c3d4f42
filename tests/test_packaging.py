"""The installed package carries everything the program reads (issue: `pip install .` lost ontology/)."""
from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

from kg.settings import ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_kg_subpackage_is_listed_for_the_wheel():
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert found | {"kg.data"} == set(PYPROJECT["packages"])


def test_the_data_package_is_the_ontology_folder():
    assert PYPROJECT["package-dir"]["kg.data"] == "ontology"
    assert ONTOLOGY_DIR.resolve() == Path(str(files("kg.data"))).resolve()
    assert (ONTOLOGY_DIR / "relations.csv").is_file() and (ONTOLOGY_DIR / "gazetteer" / "people.csv").is_file()


def test_every_data_file_matches_a_package_data_pattern():
    patterns = PYPROJECT["package-data"]["kg.data"]
    data = [p.relative_to(ROOT / "ontology") for p in (ROOT / "ontology").rglob("*")
            if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts]
    def shipped(path: Path) -> bool:  # setuptools globs from the package folder, one level per part
        return any(len(path.parts) == len(Path(pt).parts) and path.match(pt) for pt in patterns)

    assert data and [p for p in data if not shipped(p)] == []
