"""Betweenness: sampled estimators against the exact value, parallel runs equal serial ones."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from netanalysis.metrics import betweenness


def named(g: ig.Graph, prefix: str = "n") -> ig.Graph:
    g.vs["name"] = [f"{prefix}{i:02d}" for i in range(g.vcount())]
    return g


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("applicant_id").sort_index()


def test_sampled_betweenness():
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"k{i:02d}")
    exact = by_id(betweenness(G))
    full = by_id(betweenness(G, k=34))
    assert np.allclose(exact["betweenness"], full["betweenness"])
    # uniform sources (Brandes & Pich): igraph and networkx sum the same sampled sources
    s1 = by_id(betweenness(G, k=12, seed=3, estimator="uniform"))
    s2 = by_id(betweenness(G, k=12, seed=3, backend="networkx"))
    assert np.allclose(s1["betweenness"], s2["betweenness"], atol=1e-12)
    assert (s1["betweenness_sources"] == 12).all()
    assert s1.attrs["betweenness"]["method"] == "sampled"
    assert s2.attrs["betweenness"]["estimator"] == "uniform"
    linear = by_id(betweenness(G, k=12, seed=3))
    assert linear.attrs["betweenness"]["estimator"] == "linear-scaled, pps, blocks"
    assert (linear["betweenness_sources"] == 12).all()  # systematic sampling: a fixed size
    # both estimators are unbiased: their means over many seeds approach the exact value
    for est in ("uniform", "linear"):
        mean = np.mean([by_id(betweenness(G, k=12, seed=s, estimator=est))["betweenness"] for s in range(300)],
                       axis=0)
        assert np.allclose(mean, exact["betweenness"], atol=0.02)


def test_parallel_equals_serial():
    g = named(ig.Graph.Barabasi(300, 2, directed=False))
    a = by_id(betweenness(g, n_jobs=1))["betweenness"]
    b = by_id(betweenness(g, n_jobs=2))["betweenness"]
    assert np.allclose(a, b, atol=1e-9)
