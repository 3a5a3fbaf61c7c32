"""Period comparison and the co-patent-weighted mean tie year, on hand-made networks (issue 16)."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis import metrics as m


def test_compare_periods_on_a_hand_made_network():
    e = pd.DataFrame({"u": ["a", "a", "b", "a"], "v": ["b", "c", "c", "b"], "year": [2005, 2012, 2006, 2015],
                      "n_patents": [1, 1, 1, 2], "weight": [1.0, 1.0, 1.0, 2.0]})
    act = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["university", "sme", "sme", "sme"]})
    r = m.compare_periods(e, act, [(2004, 2010), (2011, 2020)])
    t = r["ties"].set_index(["u", "v"])
    assert t.loc[("a", "b"), "status"] == "continued" and t.loc[("a", "b"), "n_patents_2"] == 2
    assert t.loc[("a", "c"), "status"] == "new" and t.loc[("b", "c"), "status"] == "dropped"
    bp = r["ties_by_type_pair"].set_index("type_pair")
    assert bp.loc["university–sme", ["continued", "new", "dropped"]].tolist() == [1, 1, 0]
    assert bp.loc["sme–sme", ["continued", "new", "dropped"]].tolist() == [0, 0, 1]
    a = r["actors"].set_index("applicant_id")
    # first period: ties a–b and b–c, so b lies on the one a–c path: normalised betweenness 1
    assert a.loc["b", "betweenness_1"] == pytest.approx(1.0) and a.loc["b", "degree_2"] == 1
    assert a.loc["a", "degree_change"] == 1  # 1 partner, then 2


def test_mean_tie_year_is_weighted_by_co_patents():
    e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "c"], "year": [2004, 2010, 2006], "n_patents": [1, 3, 2]})
    t = m.mean_tie_year(e).set_index("applicant_id")
    assert t.loc["a", "mean_year"] == pytest.approx((2004 + 3 * 2010) / 4)
    assert t.loc["c", "mean_year"] == pytest.approx((3 * 2010 + 2 * 2006) / 5)
    assert (t.loc["b", "first_year"], t.loc["b", "last_year"]) == (2004, 2006)
