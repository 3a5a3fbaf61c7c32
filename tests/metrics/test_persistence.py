"""Persistence, tie survival, openness, mixing, brokerage and the null model on hand-worked toys."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._errors import NetworkInputError
from netanalysis.metrics import (
    assortativity,
    betweenness_null_model,
    brokerage,
    brokerage_by_group,
    dyad_persistence,
    mixing_matrix,
    persistence_by_actor,
    persistence_by_type_pair,
    regional_openness,
    survival_curve,
    tie_survival,
    type_mixing,
)
from netanalysis.network import edges_from_applications as edges
from netanalysis.network import to_igraph, to_networkx

# ------------------------------------------------------------ persistence -----------
# 4 patents: A-B in 2010 and 2012 (repeated), A-C in 2011 (one-time), C-D in 2011 (one-time)
TOY = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
    "year": [2010, 2010, 2012, 2012, 2011, 2011, 2011, 2011],
    "applicant_id": ["A", "B", "A", "B", "A", "C", "C", "D"],
})
TOY_ACTORS = pd.DataFrame({
    "applicant_id": list("ABCD"), "name": list("abcd"),
    "actor_type": ["university", "sme", "sme", "research_institute"],
    "region": ["KR-27", "KR-27", "KR-47", "KR-11"], "country": ["KR"] * 4,
})


def test_persistence_toy():
    d = dyad_persistence(edges(TOY), TOY_ACTORS).set_index(["u", "v"])
    assert d.loc[("A", "B"), ["n_patents", "n_active_years", "span"]].tolist() == [2, 2, 3]
    assert d["one_time"].tolist() == [False, True, True]
    assert d["repeated"].tolist() == [True, False, False]
    assert d["one_time"].mean() == pytest.approx(2 / 3)
    p = persistence_by_type_pair(d.reset_index()).set_index("type_pair")
    assert p.loc["university–sme", ["n_dyads", "share_one_time", "share_repeated", "median_span"]].tolist() == [
        2, 0.5, 0.5, 2.0]
    assert p.loc["research_institute–sme", "share_one_time"] == 1.0
    a = persistence_by_actor(d.reset_index()).set_index("applicant_id")
    assert a.loc["A", ["n_partners", "n_repeated_partners"]].tolist() == [2, 1]
    assert a.loc["A", "share_repeated_partners"] == 0.5


def test_same_year_double_patent_is_neither_one_time_nor_repeated():
    t = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "year": [2010] * 4,
                      "applicant_id": ["A", "B", "A", "B"]})
    d = dyad_persistence(edges(t))
    assert d[["n_patents", "one_time", "repeated"]].values.tolist() == [[2, False, False]]


def test_tie_survival_hand_worked():
    # dyads: AB active 2010, 2011, 2014; CD active 2010 only; EF active 2012, 2013
    e = pd.DataFrame({"u": ["A", "A", "A", "C", "E", "E"], "v": ["B", "B", "B", "D", "F", "F"],
                      "year": [2010, 2011, 2014, 2010, 2012, 2013], "n_patents": 1, "weight": 1.0})
    s = tie_survival(e, window=1, max_lag=3).set_index(["window_start", "lag"])
    assert s.loc[(2010, 1), ["n_dyads", "n_active_at", "n_active_within"]].tolist() == [2, 1, 1]
    assert s.loc[(2011, 3), ["n_dyads", "n_active_at"]].tolist() == [1, 1]
    assert s.loc[(2011, 2), ["n_active_at", "n_active_within"]].tolist() == [0, 0]
    assert s.loc[(2012, 1), "share_active_at"] == 1.0
    assert (2014, 1) not in s.index  # no window after the last
    # two-year windows: [2010-11], [2012-13], [2014]: AB in w0, w2; CD w0; EF w1
    s2 = tie_survival(e, window=2, max_lag=2).set_index(["window_start", "lag"])
    assert s2.loc[(2010, 1), "share_active_at"] == 0.0
    assert s2.loc[(2010, 2), "share_active_within"] == 0.5
    curve = survival_curve(s2.reset_index())
    assert curve["lag"].tolist() == [1, 2]


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["AB", "AC", "BC", "CD"]), st.integers(2000, 2008)), min_size=2))
def test_survival_shares_are_monotone_in_lag(rows):
    e = pd.DataFrame({"u": [d[0] for d, _ in rows], "v": [d[1] for d, _ in rows],
                      "year": [y for _, y in rows], "n_patents": 1, "weight": 1.0})
    if e["year"].nunique() < 2 and e["year"].max() == e["year"].min():
        return
    s = tie_survival(e, window=1, max_lag=4)
    for _, grp in s.groupby("window_start"):
        w = grp.sort_values("lag")["n_active_within"].to_numpy()
        assert (np.diff(w) >= 0).all()
        assert (grp["n_active_at"] <= grp["n_active_within"]).all()


def test_tie_survival_bad_args():
    e = edges(TOY)
    with pytest.raises(NetworkInputError, match="window"):
        tie_survival(e, window=0)
    with pytest.raises(NetworkInputError, match="single window"):
        tie_survival(e, window=10)
    with pytest.raises(NetworkInputError, match="empty"):
        tie_survival(e.iloc[:0])


# ------------------------------------------------------------ openness --------------
def test_openness_two_region_toy():
    # focal KR-27: a, b inside; c Seoul (capital), d Busan, f Tokyo, g unknown
    e = pd.DataFrame({"u": ["a", "a", "b", "b", "a", "c"], "v": ["b", "c", "d", "f", "g", "d"],
                      "year": 2010, "n_patents": 1, "weight": [1.0, 2.0, 1.0, 1.0, 1.0, 5.0],
                      "n_patents_3plus": [0, 1, 0, 0, 0, 0]})
    act = pd.DataFrame({"applicant_id": list("abcdfg"),
                        "actor_type": ["university", "sme", "large_firm", "sme", "sme", "sme"],
                        "region": ["KR-27", "KR-27", "KR-11", "KR-26", "", ""],
                        "country": ["KR", "KR", "KR", "KR", "JP", ""]})
    o = regional_openness(e, act, "KR-27").set_index(["scope", "category"])
    alln = o.loc["all", "n_ties"]
    assert alln.tolist() == [1, 1, 1, 1, 1]  # internal, core (capital area), rest of KR, abroad, unknown
    assert o.loc["all", "share_ties"].sum() == pytest.approx(1.0)
    assert o.loc[("all", "core_region"), "share_weight"] == pytest.approx(2 / 6)  # c-d tie not touching
    assert o.loc["large", "n_ties"].tolist() == [0, 1, 0, 0, 0]  # only a-c (large firm, 3+ team)


def test_openness_errors():
    e = edges(TOY)
    with pytest.raises(NetworkInputError, match="no tie touches"):
        regional_openness(e, TOY_ACTORS, "KR-49")
    with pytest.raises(NetworkInputError, match="not a known code or name"):
        regional_openness(e, TOY_ACTORS, "KR-00")


# ------------------------------------------------------------ mixing ----------------
def test_type_mixing_by_hand():
    e = edges(TOY)  # A-B uni-sme, A-C uni-sme, C-D sme-inst
    m = type_mixing(e, TOY_ACTORS).set_index(["group_a", "group_b"])
    assert m.loc[("university", "sme"), "n_ties"] == 2
    assert m.loc[("sme", "university"), "n_ties"] == 2
    assert m.loc[("sme", "university"), "row_share_ties"] == pytest.approx(2 / 3)
    mat = mixing_matrix(m.reset_index())
    assert (mat.values == mat.values.T).all()
    assert ("university", "university") not in m.index


@settings(max_examples=examples(30), deadline=None)
@given(n=st.integers(4, 20), p=st.floats(0.1, 0.7), seed=st.integers(0, 999))
def test_assortativity_backends_agree(n, p, seed):
    G = nx.gnp_random_graph(n, p, seed=seed)
    if G.number_of_edges() == 0:
        return
    rng = np.random.default_rng(seed)
    for v in G:
        G.nodes[v]["actor_type"] = str(rng.choice(["university", "sme", "research_institute"]))
    G = nx.relabel_nodes(G, lambda i: f"v{i:02d}")
    a = assortativity(G)
    b = assortativity(G, backend="networkx")
    if np.isnan(a) or np.isnan(b):
        assert np.isnan(a) and np.isnan(b)
    else:
        assert a == pytest.approx(b, abs=1e-9)


# ------------------------------------------------------------ brokerage -------------
def test_brokerage_triads_by_hand():
    edges_ = [("b", "a1"), ("b", "a2"), ("b", "c1"), ("b", "c2"), ("a1", "a2"),  # broker b
              ("e", "f"), ("e", "g"),  # itinerant: f, g (S) via e (R)
              ("h", "i"), ("h", "j")]  # coordinator: all U
    e = pd.DataFrame([(min(u, v), max(u, v)) for u, v in edges_], columns=["u", "v"]).assign(
        year=2010, n_patents=1, weight=1.0)
    groups = {"b": "U", "a1": "U", "a2": "U", "c1": "S", "c2": "R", "e": "R", "f": "S", "g": "S",
              "h": "U", "i": "U", "j": "U"}
    act = pd.DataFrame({"applicant_id": list(groups), "actor_type": list(groups.values())})
    b = brokerage(e, act).set_index("applicant_id")
    roles = ["coordinator", "itinerant", "gatekeeper_representative", "liaison"]
    assert b.loc["b", roles].tolist() == [0, 0, 4, 1]
    assert b.loc["e", roles].tolist() == [0, 1, 0, 0]
    assert b.loc["h", roles].tolist() == [1, 0, 0, 0]
    assert b.loc["a1", "total"] == 0  # a1's partners b and a2 are tied
    s = brokerage_by_group(b.reset_index()).set_index("group")
    assert s.loc["U", "share_of_total"] == pytest.approx(6 / 7)


def test_brokerage_total_equals_open_two_paths():
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"k{i:02d}")
    e = pd.DataFrame([(min(u, v), max(u, v)) for u, v in G.edges()], columns=["u", "v"]).assign(
        year=2000, n_patents=1, weight=1.0)
    act = pd.DataFrame({"applicant_id": list(G), "actor_type": ["x"] * 34})
    b = brokerage(e, act).set_index("applicant_id")
    for v in G:
        deg = G.degree(v)
        closed = nx.triangles(G, v)
        assert b.loc[v, "total"] == deg * (deg - 1) // 2 - closed
        assert b.loc[v, "coordinator"] == b.loc[v, "total"]


# ------------------------------------------------------------ null model ------------
def test_null_model_is_seeded_and_exact_when_degrees_fix_the_graph():
    g = ig.Graph.Star(8)
    g.vs["actor_type"] = ["university"] + ["sme"] * 7
    r = betweenness_null_model(g, n=10, seed=4).set_index("actor_type")
    # a star's degree sequence is realised only by the star: null == observed
    assert r.loc["university", "null_mean"] == pytest.approx(r.loc["university", "observed"])
    assert r.loc["university", "p_greater"] == 1.0
    g2 = ig.Graph.Barabasi(60, 2, directed=False)
    g2.vs["actor_type"] = ["university" if i < 6 else "sme" for i in range(60)]
    a = betweenness_null_model(g2, n=15, seed=7)
    b = betweenness_null_model(g2, n=15, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert a["p_greater"].between(1 / 16, 1).all()


def test_metric_inputs_are_not_modified():
    e = edges(TOY)
    before_e, before_a = e.copy(), TOY_ACTORS.copy()
    dyad_persistence(e, TOY_ACTORS)
    regional_openness(e, TOY_ACTORS, "KR-27")
    type_mixing(e, TOY_ACTORS)
    brokerage(e, TOY_ACTORS)
    pd.testing.assert_frame_equal(e, before_e)
    pd.testing.assert_frame_equal(TOY_ACTORS, before_a)
    G = to_networkx(e, TOY_ACTORS)
    n_before = G.number_of_edges()
    assortativity(G, backend="networkx")
    assert G.number_of_edges() == n_before
    g = to_igraph(e, TOY_ACTORS)
    betweenness_null_model(g, n=3)
    assert g.ecount() == 3


def test_brokerage_output_has_no_stray_column_name():
    e = pd.DataFrame({"u": ["a", "b"], "v": ["b", "c"], "n_patents": [1, 1], "weight": [1.0, 1.0]})
    act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme", "university", "sme"]})
    assert brokerage(e, act).columns.name is None
