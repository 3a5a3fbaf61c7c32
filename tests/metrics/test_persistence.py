"""Persistence on a hand-worked toy; metrics never modify their inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.metrics import (
    assortativity,
    betweenness_null_model,
    brokerage,
    dyad_persistence,
    persistence_by_actor,
    persistence_by_type_pair,
    regional_openness,
    type_mixing,
)
from netanalysis.network import edges_from_applications as edges
from netanalysis.network import to_igraph, to_networkx

# ------------------------------------------------------------ persistence -----------
# 4 patents: A-B in 2010 and 2012 (repeated), A-C in 2011 (one-time), C-D in 2011 (one-time)
TOY = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
    "year": [2010, 2010, 2012, 2012, 2011, 2011, 2011, 2011],
    "applicant_id": ["A", "B", "A", "B", "A", "C", "C", "D"],
})


TOY_ACTORS = pd.DataFrame({
    "applicant_id": list("ABCD"), "name": list("abcd"),
    "actor_type": ["university", "sme", "sme", "research_institute"],
    "region": ["KR-27", "KR-27", "KR-47", "KR-11"], "country": ["KR"] * 4,
})


def test_persistence_toy():
    d = dyad_persistence(edges(TOY), TOY_ACTORS).set_index(["u", "v"])
    assert d.loc[("A", "B"), ["n_patents", "n_active_years", "span"]].tolist() == [2, 2, 3]
    assert d["one_time"].tolist() == [False, True, True]
    assert d["repeated"].tolist() == [True, False, False]
    assert d["one_time"].mean() == pytest.approx(2 / 3)
    p = persistence_by_type_pair(d.reset_index()).set_index("type_pair")
    assert p.loc["university–sme", ["n_dyads", "share_one_time", "share_repeated", "median_span"]].tolist() == [
        2, 0.5, 0.5, 2.0]
    assert p.loc["research_institute–sme", "share_one_time"] == 1.0
    a = persistence_by_actor(d.reset_index()).set_index("applicant_id")
    assert a.loc["A", ["n_partners", "n_repeated_partners"]].tolist() == [2, 1]
    assert a.loc["A", "share_repeated_partners"] == 0.5


def test_same_year_double_patent_is_neither_one_time_nor_repeated():
    t = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "year": [2010] * 4,
                      "applicant_id": ["A", "B", "A", "B"]})
    d = dyad_persistence(edges(t))
    assert d[["n_patents", "one_time", "repeated"]].values.tolist() == [[2, False, False]]


def test_metric_inputs_are_not_modified():
    e = edges(TOY)
    before_e, before_a = e.copy(), TOY_ACTORS.copy()
    dyad_persistence(e, TOY_ACTORS)
    regional_openness(e, TOY_ACTORS, "KR-27")
    type_mixing(e, TOY_ACTORS)
    brokerage(e, TOY_ACTORS)
    pd.testing.assert_frame_equal(e, before_e)
    pd.testing.assert_frame_equal(TOY_ACTORS, before_a)
    G = to_networkx(e, TOY_ACTORS)
    n_before = G.number_of_edges()
    assortativity(G, backend="networkx")
    assert G.number_of_edges() == n_before
    g = to_igraph(e, TOY_ACTORS)
    betweenness_null_model(g, n=3)
    assert g.ecount() == 3
