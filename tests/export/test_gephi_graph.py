"""The Gephi graph: every attribute and score on its nodes, neutral ids, GEXF read back (SYNTHETIC path a - b - c)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from netanalysis.export.gephi import graph_for_export, neutral_ids, write_gexf

# SYNTHETIC: a path a - b - c (a-b twice as heavy)
E = pd.DataFrame({"u": ["a", "b"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [2, 1], "weight": [2.0, 1.0]})


ACT = pd.DataFrame({"applicant_id": list("abcz"), "name": ["Alpha", "Beta", "Beta", "Zed"],
                    "actor_type": ["university", "sme", "sme", "sme"]})


def test_graph_for_export_then_neutral_ids_then_gexf(tmp_path):
    G = graph_for_export(E, ACT)
    assert G.nodes["b"]["degree"] == 2 and G.edges["a", "b"]["weight"] == 2.0
    H = neutral_ids(G)
    assert sorted(H.nodes(data="applicant_id")) == [("n0", "a"), ("n1", "b"), ("n2", "c")]
    write_gexf(H, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_edges() == 2 and back.number_of_nodes() == 3
