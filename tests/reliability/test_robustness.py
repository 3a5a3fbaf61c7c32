"""Metric robustness: degenerate networks are computed correctly or refused with a clear error.

Empty networks, a single edge, disconnected components, isolates, zero or negative
weights and missing years — for every metric family.
"""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis._errors import NetworkInputError

ACTORS = pd.DataFrame({
    "applicant_id": list("abcdefg"),
    "name": list("ABCDEFG"),
    "actor_type": ["university", "sme", "sme", "research_institute", "university", "sme", "large_firm"],
    "region": ["KR-27", "KR-27", "KR-47", "KR-11", "KR-27", "", "KR-47"],
    "country": ["KR", "KR", "KR", "KR", "KR", "JP", "KR"],
})


def E(rows, years=2010):
    """Edge table from (u, v[, n]) rows."""
    u, v = [r[0] for r in rows], [r[1] for r in rows]
    n = [r[2] if len(r) > 2 else 1 for r in rows]
    return pd.DataFrame({"u": u, "v": v, "year": years, "n_patents": n, "weight": [float(x) for x in n],
                         "n_patents_3plus": 0})


EMPTY = E([("a", "b")]).iloc[0:0]


# ---- empty networks -----------------------------------------------------------------------

@pytest.mark.parametrize("fn", [m.centrality, m.betweenness, m.betweenness_null_model, m.assortativity])
def test_graph_metrics_refuse_an_empty_graph(fn):
    with pytest.raises(NetworkInputError, match="empty|no ties"):
        fn(ig.Graph())
    with pytest.raises(NetworkInputError, match="empty|no ties"):
        fn(nx.Graph())


@pytest.mark.parametrize("call", [
    lambda: m.dyad_persistence(EMPTY, ACTORS),
    lambda: m.tie_survival(EMPTY),
    lambda: m.type_mixing(EMPTY, ACTORS),
    lambda: m.regional_openness(EMPTY, ACTORS, "KR-27"),
    lambda: m.brokerage(EMPTY, ACTORS),
    lambda: m.network_by_period(EMPTY, ACTORS),
])
def test_table_metrics_refuse_an_empty_edge_table(call):
    with pytest.raises(NetworkInputError, match="no ties|empty"):
        call()


def test_edges_from_no_rows_is_an_empty_table():
    apps = pd.DataFrame({"patent_id": pd.Series([], dtype=str), "year": pd.Series([], dtype="int64"),
                         "applicant_id": pd.Series([], dtype=str)})
    e = nw.edges_from_applications(apps)
    assert len(e) == 0 and list(e.columns[:5]) == ["u", "v", "year", "n_patents", "weight"]
    solo = pd.DataFrame({"patent_id": ["p"], "year": [2010], "applicant_id": ["a"]})
    assert len(nw.edges_from_applications(solo)) == 0  # a sole applicant makes no tie


# ---- a single edge ------------------------------------------------------------------------

def test_single_edge():
    g = nw.to_igraph(E([("a", "b", 3)]), ACTORS)
    c = m.centrality(g, weighted=True, closeness=True, eigenvector=True)
    assert c["degree"].tolist() == [1, 1]
    assert c["strength"].tolist() == [3.0, 3.0]
    assert c["betweenness"].tolist() == [0.0, 0.0]  # n = 2: no pair to broker
    assert c["closeness"].tolist() == pytest.approx([3.0, 3.0])  # weighted: distance 1 / 3
    assert c["eigenvector"].tolist() == pytest.approx([math.sqrt(0.5)] * 2)
    mix = m.type_mixing(E([("a", "b")]), ACTORS)
    assert mix.set_index(["group_a", "group_b"]).loc[("sme", "university"), "n_ties"] == 1
    b = m.brokerage(E([("a", "b")]), ACTORS)
    assert b.drop(columns=[c for c in b.columns if not c.startswith(("coord", "itin", "repr", "gate", "liai"))]
                  ).to_numpy().sum() == 0  # no open triad, no broker
    p = m.dyad_persistence(E([("a", "b")]), ACTORS)
    assert p["repeated"].tolist() == [False]


# ---- disconnected components and isolates -------------------------------------------------

def test_disconnected_components_and_isolates_agree_across_backends():
    e = E([("a", "b"), ("b", "c"), ("d", "e"), ("e", "f")])
    g = nw.to_igraph(e, ACTORS, isolates=True)  # g is an isolate
    assert g.vcount() == 7
    ci = m.centrality(g, closeness=True).set_index("applicant_id")
    cn = m.centrality(nw.to_networkx(e, ACTORS, isolates=True), closeness=True,
                      backend="networkx").set_index("applicant_id")
    for col in ("degree", "betweenness", "closeness"):
        np.testing.assert_allclose(ci[col].sort_index(), cn[col].sort_index(), atol=1e-12)
    # b and e each broker one pair of their own path; normalised by (n-1)(n-2)/2 = 15 over all 7
    assert ci.loc["b", "betweenness"] == pytest.approx(1 / 15)
    assert ci.loc["g", "degree"] == 0 and ci.loc["g", "betweenness"] == 0 and ci.loc["g", "closeness"] == 0
    # Wasserman-Faust: b reaches 2 of 6 others at distance 1 each -> (2/6) * (2/2)
    assert ci.loc["b", "closeness"] == pytest.approx(2 / 6)


# ---- weights ------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf"), "2"])
@pytest.mark.parametrize("backend", ["igraph", "networkx"])
def test_bad_weights_break_the_graph_contract_on_every_backend(bad, backend):
    g = ig.Graph([(0, 1), (1, 2)])
    g.vs["name"] = ["a", "b", "c"]
    g.es["weight"] = [bad, 1.0]
    graph = g if backend == "igraph" else g.to_networkx(vertex_attr_hashable="name")
    with pytest.raises(NetworkInputError, match="weight"):
        m.betweenness(graph, weighted=True)
    with pytest.raises(NetworkInputError, match="weight"):  # one contract, weighted or not
        m.centrality(graph)
    g.es["weight"] = [2.0, 1.0]
    graph = g if backend == "igraph" else g.to_networkx(vertex_attr_hashable="name")
    assert m.betweenness(graph).set_index("applicant_id").loc["b", "betweenness"] == pytest.approx(1.0)


@pytest.mark.parametrize("backend", ["igraph", "networkx"])
def test_directed_multi_and_looped_graphs_and_mixed_ids_are_refused(backend):
    def conv(g):
        return g if backend == "igraph" else g.to_networkx(vertex_attr_hashable="name")

    directed = ig.Graph([(0, 1), (1, 2)], directed=True)
    directed.vs["name"] = ["a", "b", "c"]
    with pytest.raises(NetworkInputError, match="directed"):
        m.centrality(conv(directed))
    multi = ig.Graph([(0, 1), (0, 1), (1, 2)])
    multi.vs["name"] = ["a", "b", "c"]
    with pytest.raises(NetworkInputError, match="parallel edges|multigraph"):
        m.centrality(multi if backend == "igraph" else nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "c")]))
    loop = ig.Graph([(0, 0), (0, 1)])
    loop.vs["name"] = ["a", "b"]
    with pytest.raises(NetworkInputError, match="self-loops"):
        m.centrality(conv(loop))
    mixed = nx.Graph([("a", 1), (1, 2)])
    with pytest.raises(NetworkInputError, match="mix types"):
        m.centrality(mixed if backend == "networkx" else ig.Graph.from_networkx(mixed, vertex_attr_hashable="name"))


# ---- missing years ------------------------------------------------------------------------

def test_nan_years_are_refused_where_years_matter():
    apps = pd.DataFrame({"patent_id": ["p", "p"], "year": [np.nan, np.nan], "applicant_id": ["a", "b"]})
    with pytest.raises(NetworkInputError, match="missing year"):
        nw.edges_from_applications(apps)
    e = E([("a", "b"), ("a", "c")]).astype({"year": float})
    e.loc[1, "year"] = np.nan
    for call in (lambda: m.tie_survival(e), lambda: m.dyad_persistence(e, ACTORS),
                 lambda: m.network_by_period(e, ACTORS)):
        with pytest.raises(NetworkInputError, match="year"):
            call()


def test_unknown_region_code_is_refused():
    with pytest.raises(NetworkInputError, match=r"no tie touches region \['KR-50'\]; regions in the data"):
        m.regional_openness(E([("a", "b")]), ACTORS, "KR-50")
