"""What every export shares: ids checked before writing, labels, the node list with metrics (SYNTHETIC path a - b - c)."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis._errors import NetworkInputError
from netanalysis.export import check_ids, export_labels, nodes_with_metrics

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
