"""What every export shares: ids checked before writing, labels, the node list with metrics;
the Gephi graph and its neutral ids; Pajek labels; VOSviewer items (hand-built two-tie networks)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from netanalysis._errors import NetworkInputError
from netanalysis.export import check_ids, export_labels, nodes_with_metrics
from netanalysis.export.gephi import graph_for_export, neutral_ids, write_gexf
from netanalysis.export.pajek import pajek_labels
from netanalysis.export.vosviewer import vosviewer_items

# SYNTHETIC: a path a - b - c (a-b twice as heavy)
E = pd.DataFrame({"u": ["a", "b"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [2, 1], "weight": [2.0, 1.0]})
ACT = pd.DataFrame({"applicant_id": list("abcz"), "name": ["Alpha", "Beta", "Beta", "Zed"],
                    "actor_type": ["university", "sme", "sme", "sme"]})


def test_check_ids_refuses_ids_that_collide_once_cleaned():
    check_ids(E)
    with pytest.raises(NetworkInputError, match="written as"):
        check_ids(pd.DataFrame({"u": ["X\x01Y"], "v": ["X\x02Y"]}))


def test_export_labels_fall_back_to_the_id_and_are_cut():
    t = export_labels(pd.Series(["a", "b", "c"]), pd.Series(["Alpha\x07", "", "y" * 300]))
    assert t["label"].tolist()[:2] == ["Alpha", "b"] and len(t["label"][2]) < 300


def test_nodes_with_metrics_only_actors_with_a_tie_and_their_degree():
    n = nodes_with_metrics(E, ACT).set_index("applicant_id")
    assert sorted(n.index) == ["a", "b", "c"]  # z has no tie
    assert n["degree"].to_dict() == {"a": 1, "b": 2, "c": 1}
    assert n.loc["b", "betweenness"] > n.loc["a", "betweenness"] == 0


def test_graph_for_export_then_neutral_ids_then_gexf(tmp_path):
    G = graph_for_export(E, ACT)
    assert G.nodes["b"]["degree"] == 2 and G.edges["a", "b"]["weight"] == 2.0
    H = neutral_ids(G)
    assert sorted(H.nodes(data="applicant_id")) == [("n0", "a"), ("n1", "b"), ("n2", "c")]
    write_gexf(H, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_edges() == 2 and back.number_of_nodes() == 3


def test_pajek_labels_are_unique_when_names_are_shared():
    labels = pajek_labels(export_labels(pd.Series(["b", "c"]), pd.Series(["Beta", "Beta"])))
    assert labels.tolist() == ["Beta [b]", "Beta [c]"]


def test_vosviewer_items_number_actors_and_weight_their_mean_year_by_patents():
    items, links = vosviewer_items(E, ACT, None)
    assert items[["vos_id", "applicant_id", "degree"]].values.tolist() == [[1, "a", 1], [2, "b", 2], [3, "c", 1]]
    # b: 2 patents in 2010 and 1 in 2011
    assert items.set_index("applicant_id").loc["b", "mean_year"] == pytest.approx((2 * 2010 + 2011) / 3, abs=0.01)
    assert links[["u", "v", "n_patents"]].values.tolist() == [["a", "b", 2], ["b", "c", 1]]
