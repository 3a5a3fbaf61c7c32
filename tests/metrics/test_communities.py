"""Communities (issue 16): hand-computed modularity, seeded partitions, cluster summaries, CPM."""

from __future__ import annotations

import igraph as ig
import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


def two_cliques() -> ig.Graph:
    """Two 4-cliques joined by one bridge: the partition is known by hand."""
    g = ig.Graph([(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7),
                  (3, 4)])
    g.vs["name"] = list("abcdefgh")
    return g


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_two_cliques_are_two_clusters_with_hand_computed_modularity(method):
    c = communities_of(two_cliques(), method)
    assert c.groupby("cluster")["applicant_id"].apply(lambda s: "".join(sorted(s))).tolist() == ["abcd", "efgh"]
    # Q = sum_c [l_c/m - (d_c/2m)^2] = 2 * (6/13 - (13/26)^2) = 12/13 - 1/2
    assert c.attrs["modularity"] == pytest.approx(12 / 13 - 0.5)


def communities_of(g, method):
    return m.communities(g, method=method, weighted=False)


def test_seeded_partitions_repeat_and_networkx_reaches_the_same_quality():
    g = ig.Graph.Famous("Zachary")
    g.vs["name"] = [f"a{i:02d}" for i in range(g.vcount())]
    a, b = m.communities(g, seed=3, weighted=False), m.communities(g, seed=3, weighted=False)
    assert a.equals(b)
    nx_part = m.communities(g.to_networkx(vertex_attr_hashable="name"), backend="networkx", weighted=False)
    assert nx_part.attrs["modularity"] == pytest.approx(a.attrs["modularity"], abs=0.01)
    assert a.attrs["modularity"] == pytest.approx(0.4198, abs=1e-3)  # the known optimum of Zachary's club


def test_cluster_summary_contributions_sum_to_modularity(sample):
    res, e = sample
    g = nw.to_igraph(e, res.actors)
    c = m.communities(g)
    s = m.cluster_summary(g, c, res.actors)
    assert s["size"].sum() == g.vcount()
    assert s["modularity_contribution"].sum() == pytest.approx(c.attrs["modularity"])
    assert s["types"].str.len().gt(0).all() and s["top_members"].str.len().gt(0).all()


def test_cpm_resolution_and_bad_arguments():
    g = two_cliques()
    fine = m.communities(g, objective="CPM", resolution=0.9, weighted=False)
    assert fine["cluster"].nunique() >= 2
    with pytest.raises(ValueError, match="method"):
        m.communities(g, method="infomap")
    with pytest.raises(ValueError, match="Louvain optimises modularity"):
        m.communities(g, method="louvain", objective="CPM")
