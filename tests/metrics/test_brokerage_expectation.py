"""Brokerage against the Gould–Fernandez expectation; unknown is never a group (worked by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netanalysis import metrics as m

# b (university) is tied to a, c (SMEs) and d (university); a, c, d are not tied to each other.
STAR = pd.DataFrame({"u": ["a", "b", "b"], "v": ["b", "c", "d"], "n_patents": 1, "weight": 1.0})


def _actors(d_type):
    return pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["sme", "university", "sme", d_type]})


def test_expected_counts_by_hand():
    t = m.brokerage(STAR, _actors("university")).set_index("applicant_id")
    b = t.loc["b"]
    # open two-paths of b: a-c (both SME: itinerant), a-d and c-d (b shares its group with d: gatekeeper)
    assert (b["itinerant"], b["gatekeeper_representative"], b["coordinator"], b["liaison"]) == (1, 2, 0, 0)
    # N = 4 known actors, D = 3 * 2 = 6, n_B = 2 universities, the SMEs 2:
    # p_coord = 1*0/6 = 0, p_itin = 2*1/6, p_gate = 2*1*2/6, p_liaison = 0; T_b = 3
    assert b["expected_itinerant"] == pytest.approx(3 * 2 / 6)
    assert b["expected_gatekeeper_representative"] == pytest.approx(3 * 4 / 6)
    assert b["expected_coordinator"] == 0 and b["expected_liaison"] == pytest.approx(0)
    assert b["ratio_itinerant"] == pytest.approx(1.0) and np.isnan(b["ratio_coordinator"])
    # the expectations of every actor sum to its total
    roles = ["coordinator", "itinerant", "gatekeeper_representative", "liaison"]
    assert t[[f"expected_{r}" for r in roles]].sum(axis=1).to_numpy() == pytest.approx(t["total"].to_numpy())


def test_unknown_group_is_counted_apart():
    t = m.brokerage(STAR, _actors("")).set_index("applicant_id")
    b = t.loc["b"]
    # a-d and c-d have an end of unknown group: not itinerant, not gatekeeper — unknown
    assert (b["unknown"], b["itinerant"], b["gatekeeper_representative"], b["total"]) == (2, 1, 0, 1)
    # known actors N = 3 (a, b, c), D = 2, n_B = 1: p_itin = 2*1/2 = 1 on T_b = 1
    assert b["expected_itinerant"] == pytest.approx(1.0)
    summary = m.brokerage_by_group(t.reset_index())
    assert "" not in set(summary["group"])
    assert summary.set_index("group").loc["university", "ratio_itinerant"] == pytest.approx(1.0)


def test_region_groups_with_unknown_regions():
    act = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": "sme",
                        "region": ["", "KR-27", "", "KR-11"]})
    t = m.brokerage(STAR, act, group="region").set_index("applicant_id")
    # every open two-path of b (a-c, a-d, c-d) touches a or c, whose region is unknown
    assert t.loc["b", "unknown"] == 3 and t.loc["b", "total"] == 0


def test_mixing_newman_edge_ends_and_unknown_left_out():
    # u1-u2 within universities, u1-s1 and u2-s2 between, s1-x with x of unknown type
    e = pd.DataFrame({"u": ["u1", "s1", "s2", "s1"], "v": ["u2", "u1", "u2", "x"], "n_patents": 1, "weight": 1.0})
    act = pd.DataFrame({"applicant_id": ["u1", "u2", "s1", "s2", "x"],
                        "actor_type": ["university", "university", "sme", "sme", ""]})
    t = m.type_mixing(e, act).set_index(["group_a", "group_b"])
    assert t.attrs["ties_unknown"] == 1
    assert "" not in {g for pair in t.index for g in pair}
    # 3 known ties: e_uu = 1/3, e_us = e_su = (2 / 2) / 3, e_ss = 0 -> sums to 1
    assert t.loc[("university", "university"), "e_newman"] == pytest.approx(1 / 3)
    assert t.loc[("university", "sme"), "e_newman"] == pytest.approx(1 / 3)
    assert t["e_newman"].sum() == pytest.approx(1.0)
    # edge-end row share of u-u: (1/3) / (2/3); the tie-count row share counts the u-u tie once: 1/3
    assert t.loc[("university", "university"), "row_share_ends"] == pytest.approx(0.5)
    assert t.loc[("university", "university"), "row_share_ties"] == pytest.approx(1 / 3)
    # Newman's r from e: (1/3 - (4/9 + 1/9)) / (1 - 5/9) = -0.5, as igraph gives on the known part
    a = t.groupby(level=0)["e_newman"].sum()
    trace = t.loc[("university", "university"), "e_newman"]
    r = (trace - (a**2).sum()) / (1 - (a**2).sum())
    assert r == pytest.approx(-0.5)
    import igraph as ig

    g = ig.Graph([(0, 1), (2, 0), (3, 1)])
    g.vs["actor_type"] = ["university", "university", "sme", "sme"]
    assert m.assortativity(g) == pytest.approx(r)


def test_assortativity_leaves_unknown_out_on_both_backends():
    import igraph as ig

    g = ig.Graph([(0, 1), (2, 0), (3, 1), (2, 4)])
    g.vs["actor_type"] = ["university", "university", "sme", "sme", ""]
    g.vs["name"] = list("abcde")
    assert m.assortativity(g) == pytest.approx(-0.5)
    assert m.assortativity(g, backend="networkx") == pytest.approx(-0.5)


def test_weighted_assortativity_by_hand():
    import igraph as ig

    # u1-u2 weight 3 (within), u1-s1 and u2-s2 weight 1 (between)
    g = ig.Graph([(0, 1), (0, 2), (1, 3)])
    g.vs["actor_type"] = ["university", "university", "sme", "sme"]
    g.vs["name"] = ["u1", "u2", "s1", "s2"]
    g.es["weight"] = [3.0, 1.0, 1.0]
    # weighted edge ends (total 2*5): e_uu = 6/10, e_us = e_su = 2/10, e_ss = 0; a_u = 0.8, a_s = 0.2
    r = (0.6 - (0.64 + 0.04)) / (1 - 0.68)
    assert m.assortativity(g, weighted=True) == pytest.approx(r)
    assert m.assortativity(g, weighted=True, backend="networkx") == pytest.approx(r)
    # with every weight 1 the weighted coefficient is the unweighted one
    g.es["weight"] = [1.0] * 3
    assert m.assortativity(g, weighted=True) == pytest.approx(m.assortativity(g))
