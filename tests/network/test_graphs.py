"""igraph and networkx graphs carry the actors' attributes and agree."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from netanalysis.network import collapse, to_igraph, to_networkx
from netanalysis.network import edges_from_applications as edges


def apps(rows):
    """rows: (patent_id, year, applicant_id[, actor_type, region])"""
    cols = ["patent_id", "year", "applicant_id", "actor_type", "region"][: len(rows[0])]
    return pd.DataFrame(rows, columns=cols)


def test_graphs_carry_actor_attributes_and_agree():
    a = apps([("p1", 2010, "A"), ("p1", 2010, "B"), ("p2", 2011, "B"), ("p2", 2011, "C")])
    act = pd.DataFrame({"applicant_id": ["A", "B", "C", "Z"], "name": ["a", "b", "c", "z"],
                        "actor_type": ["university", "sme", "sme", "sme"], "region": ["KR-27"] * 4})
    e = edges(a)
    g, G = to_igraph(e, act), to_networkx(e, act)
    assert g.vs["name"] == ["A", "B", "C"] and g.vs["label"] == ["a", "b", "c"]
    assert G.nodes["A"]["actor_type"] == "university" and G.nodes["B"]["label"] == "b"
    assert sorted(G.edges()) == sorted((g.vs[x.source]["name"], g.vs[x.target]["name"]) for x in g.es)
    assert to_igraph(e, act, isolates=True).vcount() == 4
    assert nx.is_isomorphic(G, to_networkx(collapse(e), act))
