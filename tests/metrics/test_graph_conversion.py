"""Graph conversion both ways (igraph, networkx), the input untouched."""

from __future__ import annotations

import igraph as ig
import networkx as nx

from netanalysis.metrics import as_igraph, as_networkx


def test_as_igraph_and_as_networkx_round_trip_without_touching_the_input():
    G = nx.Graph([("b", "a"), ("b", "c")])
    g = as_igraph(G)
    assert sorted(g.vs["name"]) == ["a", "b", "c"] and g.ecount() == 2 and G.number_of_nodes() == 3
    back = as_networkx(g)
    assert nx.utils.graphs_equal(nx.Graph(back.edges()), nx.Graph(G.edges()))
    same = ig.Graph([(0, 1)])
    same.vs["name"] = ["x", "y"]
    assert as_igraph(same).vs["name"] == ["x", "y"]
