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
