"""Centrality: hand-computed small graphs, networkx cross-checks, isolates, bad input."""

from __future__ import annotations

from fractions import Fraction

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._errors import NetworkInputError
from netanalysis.metrics import betweenness, centrality


def named(g: ig.Graph, prefix: str = "n") -> ig.Graph:
    g.vs["name"] = [f"{prefix}{i:02d}" for i in range(g.vcount())]
    return g


def by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_index("applicant_id").sort_index()


def test_star():
    c = by_id(centrality(named(ig.Graph.Star(6))))
    assert c.loc["n00", "betweenness"] == pytest.approx(1.0)
    assert c.loc["n00", "degree"] == 5 and c.loc["n00", "degree_norm"] == pytest.approx(1.0)
    assert c.drop("n00")["betweenness"].tolist() == [0.0] * 5


def test_path():
    # a-b-c-d: b and c each lie on 2 of the 3 pairs not involving them -> 2 * 2 / (3 * 2)
    c = by_id(centrality(named(ig.Graph([(0, 1), (1, 2), (2, 3)]))))
    assert c["betweenness"].tolist() == pytest.approx([0, 2 / 3, 2 / 3, 0])
    raw = by_id(betweenness(named(ig.Graph([(0, 1), (1, 2), (2, 3)])), normalized=False))
    assert raw["betweenness"].tolist() == pytest.approx([0, 2, 2, 0])


def test_two_bridged_cliques():
    g = ig.Graph.Full(4) + ig.Graph.Full(4)
    g.add_edge(3, 4)  # bridge
    c = by_id(centrality(named(g)))
    # 3 x 4 pairs cross through each bridge end: 12 * 2 / (7 * 6) = 4/7
    assert c.loc["n03", "betweenness"] == pytest.approx(4 / 7)
    assert c.loc["n04", "betweenness"] == pytest.approx(4 / 7)
    assert c.loc["n00", "betweenness"] == 0
    assert c.loc["n03", "degree"] == 4


def test_weighted_strength_and_weighted_paths():
    # triangle a-b (w 1), b-c (w 1), a-c (w 0.25): weighted path a->c goes via b
    g = named(ig.Graph([(0, 1), (1, 2), (0, 2)]))
    g.es["weight"] = [1.0, 1.0, 0.25]
    w = by_id(centrality(g, weighted=True, normalized=False))
    u = by_id(centrality(g, weighted=False, normalized=False))
    assert w.loc["n01", "betweenness"] == 1.0 and u.loc["n01", "betweenness"] == 0.0
    assert w.loc["n00", "strength"] == pytest.approx(1.25)


def test_karate_club_against_networkx():
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"k{i:02d}")
    ref = nx.betweenness_centrality(G)
    got = by_id(centrality(G))["betweenness"]
    assert max(abs(got[k] - ref[k]) for k in ref) < 1e-12
    # exact rational path lengths: 1/2 + 1/2 must tie with 1/1, as igraph's tolerance makes it
    refw = nx.betweenness_centrality(
        nx.Graph([(u, v, {"d": 1 / Fraction(d["weight"])}) for u, v, d in G.edges(data=True)]), weight="d")
    gotw = by_id(centrality(G, weighted=True))["betweenness"]
    assert max(abs(gotw[k] - refw[k]) for k in refw) < 1e-9


@settings(max_examples=examples(40), deadline=None)
@given(n=st.integers(3, 25), p=st.floats(0.05, 0.6), seed=st.integers(0, 10_000),
       weighted=st.booleans())
def test_igraph_and_networkx_agree(n, p, seed, weighted):
    G = nx.gnp_random_graph(n, p, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.choice([0.5, 1.0, 1.5, 2.0, 3.0]))
    G = nx.relabel_nodes(G, lambda i: f"v{i:02d}")
    a = by_id(centrality(G, weighted=weighted, closeness=True))
    b = by_id(centrality(G, weighted=weighted, closeness=True, backend="networkx"))
    for col in ("degree", "strength", "betweenness", "closeness"):
        assert np.allclose(a[col], b[col], atol=1e-9, rtol=0), col


def test_eigenvector_agrees_on_connected_graph():
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"k{i:02d}")
    a = by_id(centrality(G, eigenvector=True))["eigenvector"]
    b = by_id(centrality(G, eigenvector=True, backend="networkx"))["eigenvector"]
    assert np.allclose(a, b, atol=1e-9)
    assert np.linalg.norm(a) == pytest.approx(1.0)


def test_isolates_and_components():
    g = named(ig.Graph(n=5, edges=[(0, 1), (1, 2), (3, 4)]))
    c = by_id(centrality(g, closeness=True))
    assert c.loc["n01", "betweenness"] == pytest.approx(1 / 6)  # 1 pair of 6
    G = nx.relabel_nodes(nx.Graph([(0, 1), (1, 2), (3, 4)]), lambda i: f"n{i:02d}")
    ref = nx.closeness_centrality(G)
    assert all(c.loc[k, "closeness"] == pytest.approx(v) for k, v in ref.items())


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"k": 0}, "k="), ({"k": 99}, "larger than the graph"), ({"n_jobs": 0}, "n_jobs"),
    ({"n_jobs": -3}, "n_jobs"), ({"backend": "graph-tool"}, "backend"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(NetworkInputError, match=match):
        betweenness(named(ig.Graph.Star(4)), **kwargs)


def test_empty_network_and_bad_weights():
    with pytest.raises(NetworkInputError, match="empty"):
        centrality(ig.Graph())
    g = named(ig.Graph([(0, 1), (1, 2)]))
    g.es["weight"] = [1.0, 0.0]
    with pytest.raises(NetworkInputError, match="zero, negative"):
        centrality(g, weighted=True)
    g.es["weight"] = [1.0, -2.0]
    with pytest.raises(NetworkInputError, match="zero, negative"):
        betweenness(g, weighted=True)
    # one graph contract for every measure (issue 15): a negative weight is refused even unweighted
    with pytest.raises(NetworkInputError, match="zero, negative"):
        centrality(g)
    g.es["weight"] = [1.0, 2.0]
    assert centrality(g)["betweenness"].max() == pytest.approx(1.0)


def test_single_edge():
    c = centrality(named(ig.Graph([(0, 1)])), closeness=True)
    assert c["betweenness"].tolist() == [0.0, 0.0] and c["degree"].tolist() == [1, 1]
    assert c["closeness"].tolist() == [1.0, 1.0]
