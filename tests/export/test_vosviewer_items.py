"""VOSviewer items: actors numbered, their mean year weighted by patents (SYNTHETIC path a - b - c)."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.export.vosviewer import vosviewer_items

# SYNTHETIC: a path a - b - c (a-b twice as heavy)
E = pd.DataFrame({"u": ["a", "b"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [2, 1], "weight": [2.0, 1.0]})


ACT = pd.DataFrame({"applicant_id": list("abcz"), "name": ["Alpha", "Beta", "Beta", "Zed"],
                    "actor_type": ["university", "sme", "sme", "sme"]})


def test_vosviewer_items_number_actors_and_weight_their_mean_year_by_patents():
    items, links = vosviewer_items(E, ACT, None)
    assert items[["vos_id", "applicant_id", "degree"]].values.tolist() == [[1, "a", 1], [2, "b", 2], [3, "c", 1]]
    # b: 2 patents in 2010 and 1 in 2011
    assert items.set_index("applicant_id").loc["b", "mean_year"] == pytest.approx((2 * 2010 + 2011) / 3, abs=0.01)
    assert links[["u", "v", "n_patents"]].values.tolist() == [["a", "b", 2], ["b", "c", 1]]
