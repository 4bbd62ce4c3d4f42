"""Exceptions a user can act on. The CLI prints their message on one line."""
from __future__ import annotations


class GeokgError(Exception):
    """Base class of every error geokg raises on purpose."""

    exit_code = 1


class InputError(GeokgError):
    """An input file, folder or argument is missing or malformed."""

    exit_code = 2


class QueryError(GeokgError):
    """A SPARQL query does not parse or cannot run."""

    exit_code = 2


class PipelineError(GeokgError):
    """The NLP pipeline or a data file the pipeline needs is unavailable."""

    exit_code = 1


class NothingBuilt(InputError):
    """A build found no document it could build: the output folder is left as it was."""

    def __init__(self, message: str, skipped: tuple = ()) -> None:
        super().__init__(message)
        self.skipped = skipped  # the inputs skipped, with their reasons (kg.model.Skipped)
