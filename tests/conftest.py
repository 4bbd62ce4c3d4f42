"""Shared fixtures: the spaCy pipeline and the ontology data are loaded once per session."""
from __future__ import annotations

import pytest

from kg.extract import load_lexicon
from kg.nlp import load_pipeline
from kg.resolve import load_resources
from kg.settings import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings):
    return load_pipeline(settings.model)


@pytest.fixture(scope="session")
def lexicon(settings):
    return load_lexicon(settings.ontology_dir / "relations.csv")


@pytest.fixture(scope="session")
def resources(settings):
    return load_resources(settings.ontology_dir)
