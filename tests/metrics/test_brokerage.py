"""Gould–Fernandez brokerage roles counted by hand on small triads."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from netanalysis.metrics import (
    brokerage,
    brokerage_by_group,
)


# ------------------------------------------------------------ brokerage -------------
def test_brokerage_triads_by_hand():
    edges_ = [("b", "a1"), ("b", "a2"), ("b", "c1"), ("b", "c2"), ("a1", "a2"),  # broker b
              ("e", "f"), ("e", "g"),  # itinerant: f, g (S) via e (R)
              ("h", "i"), ("h", "j")]  # coordinator: all U
    e = pd.DataFrame([(min(u, v), max(u, v)) for u, v in edges_], columns=["u", "v"]).assign(
        year=2010, n_patents=1, weight=1.0)
    groups = {"b": "U", "a1": "U", "a2": "U", "c1": "S", "c2": "R", "e": "R", "f": "S", "g": "S",
              "h": "U", "i": "U", "j": "U"}
    act = pd.DataFrame({"applicant_id": list(groups), "actor_type": list(groups.values())})
    b = brokerage(e, act).set_index("applicant_id")
    roles = ["coordinator", "itinerant", "gatekeeper_representative", "liaison"]
    assert b.loc["b", roles].tolist() == [0, 0, 4, 1]
    assert b.loc["e", roles].tolist() == [0, 1, 0, 0]
    assert b.loc["h", roles].tolist() == [1, 0, 0, 0]
    assert b.loc["a1", "total"] == 0  # a1's partners b and a2 are tied
    s = brokerage_by_group(b.reset_index()).set_index("group")
    assert s.loc["U", "share_of_total"] == pytest.approx(6 / 7)


def test_brokerage_total_equals_open_two_paths():
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"k{i:02d}")
    e = pd.DataFrame([(min(u, v), max(u, v)) for u, v in G.edges()], columns=["u", "v"]).assign(
        year=2000, n_patents=1, weight=1.0)
    act = pd.DataFrame({"applicant_id": list(G), "actor_type": ["x"] * 34})
    b = brokerage(e, act).set_index("applicant_id")
    for v in G:
        deg = G.degree(v)
        closed = nx.triangles(G, v)
        assert b.loc[v, "total"] == deg * (deg - 1) // 2 - closed
        assert b.loc[v, "coordinator"] == b.loc[v, "total"]


def test_brokerage_output_has_no_stray_column_name():
    e = pd.DataFrame({"u": ["a", "b"], "v": ["b", "c"], "n_patents": [1, 1], "weight": [1.0, 1.0]})
    act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme", "university", "sme"]})
    assert brokerage(e, act).columns.name is None
