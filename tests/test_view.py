from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.model import Actor
from kg.view import focus_statements
from tests.helpers import BETA, STATEMENTS, statement

GAMMA = Actor("https://w3id.org/geokg/id/country/FIN", "Finland", "Country", "FIN")
MORE = STATEMENTS + [statement("d3", GAMMA, "support", "supports", "05", BETA)]


def ids(sts):
    return sorted({a.label for s in sts for a in (s.subject, s.object)})


def test_min_statements_keeps_busy_nodes():
    assert ids(focus_statements(MORE, min_statements=3)) == []  # only Sweden is that busy: no edge is left
    assert ids(focus_statements(MORE, min_statements=2)) == ["Ann Alpha", "Sweden", "peace plan"]


def test_actor_and_hops():
    assert ids(focus_statements(MORE, actor="finland", hops=1)) == ["Finland", "Sweden"]
    assert ids(focus_statements(MORE, actor="finland", hops=2)) == ["Ann Alpha", "Finland", "Sweden", "peace plan"]


def test_unknown_actor_is_an_input_error():
    with pytest.raises(InputError, match="no node"):
        focus_statements(MORE, actor="atlantis")

