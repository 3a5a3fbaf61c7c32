"""Issue 35: a null model compares like with like — the same actors, the same network rule.

The report's Q1 and Q4 numbers are over the actors located in the focus (with a tie).  The
null models randomise every patent of the period and project the ties touching the focus;
in a draw, other actors outside the focus touch it than in the observed network.  A group's
null statistic must stay over the focus's actors of the group — not over whichever actors of
the group touch the focus in each draw.  Each case below is small enough to enumerate every
network of the null by hand (curveball draws are uniform over them), so the expected null
distribution is written down, and the former definition's is too, to show the two differ.
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd
import pytest

import netanalysis.metrics as m
import netanalysis.network as nw
from netanalysis.report.findings import answer_univ_univ
from netanalysis.report.indicators import headline_indicators

IN, OUT = "KR-27", "KR-11"


def _five():
    """U (university) and s (SME) in the focus; t (SME), V (university), w (SME) outside.

    Patents p1 {U, s}, p2 {U, t}, p3 {V, w}: every patent has two applicants, U is on two,
    the others on one.  A network with these counts puts U with two of {s, t, V, w} and the
    other two together: 6 partner pairs, equally likely.  Observed: U's partners are {s, t}.
    """
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
                         "applicant_id": ["U", "s", "U", "t", "V", "w"], "year": 2010,
                         "region": [IN, IN, IN, OUT, OUT, OUT]})
    act = pd.DataFrame({"applicant_id": list("UstVw"),
                        "actor_type": ["university", "sme", "sme", "university", "sme"],
                        "region": [IN, IN, OUT, OUT, OUT]})
    return apps, act


# The six null networks (U's partners; the third patent's pair; ties touching the focus, i.e.
# with an end U or s), worked by hand.  Betweenness normalised by the actors with a tie n:
# 2 / ((n - 1)(n - 2)).
#   {s,t}: s-U-t                 n=3: U 1            universities touching: U
#   {s,V}: s-U-V (t-w not)       n=3: U 1, V 0       U, V
#   {s,w}: s-U-w (t-V not)       n=3: U 1            U
#   {t,V}: t-U-V, s-w            n=5: U 1/6, V 0     U, V
#   {t,w}: t-U-w, s-V            n=5: U 1/6, V 0     U, V
#   {V,w}: V-U-w, s-t            n=5: U 1/6, V 0     U, V
# The focus's universities: U alone, in every draw -> null {1: 1/2, 1/6: 1/2}, mean 7/12.
# The former "universities touching the focus": {1: 2/6, 1/2: 1/6, 1/12: 3/6}, mean 11/24.


def test_betweenness_null_is_over_the_focus_universities_in_every_draw():
    apps, act = _five()
    r = m.bipartite_null_model(apps, act, n=600, seed=2, region=IN, sequential=None).set_index("actor_type")
    u = r.loc["university"]
    assert u["n_actors"] == 1 and u["observed"] == pytest.approx(1.0)  # U bridges s and t: 1 of 1 pair
    draws = np.asarray(r.attrs["null_model"]["draws"]["university"])
    # only U's value, 1 or 1/6, ever enters: never V's 0 (the former means 1/2 and 1/12)
    assert np.isclose(draws[:, None], [1.0, 1 / 6]).any(axis=1).all()
    share_one = float(np.isclose(draws, 1.0).mean())
    assert abs(share_one - 0.5) < 4 * np.sqrt(0.25 / 600)  # 1/2 of the six networks
    assert u["null_mean"] == pytest.approx(0.5 * 1 + 0.5 / 6, abs=4 * (5 / 12) / np.sqrt(600))
    assert u["null_mean"] > 11 / 24 + 0.05  # far from the former definition's 11/24
    # p counts the draws at least 1: about 1/2 (the former: 1/3)
    assert abs(u["p_greater"] - 0.5) < 0.1
    # the SME of the focus is s (a leaf in every network): t and w never enter its mean
    assert r.loc["sme", "n_actors"] == 1 and set(r.attrs["null_model"]["draws"]["sme"]) == {0.0}
    info = r.attrs["null_model"]
    assert info["network_actors"] == 3 and "located in KR-27" in info["population"]


def test_the_null_observed_value_is_the_reports_number():
    # the observed mean equals the centrality of the report's network over the focus's actors
    apps, act = _five()
    apps = pd.concat([apps, pd.DataFrame({"patent_id": ["p4", "p4"], "applicant_id": ["t", "V"],
                                          "year": 2010, "region": [OUT, OUT]})])
    r = m.bipartite_null_model(apps, act, n=5, seed=0, region=IN).set_index("actor_type")
    e = nw.edges_from_applications(apps, region=[IN])
    cent = m.centrality(nw.to_igraph(e, act))
    mine = cent[cent["region"] == IN].groupby("actor_type")["betweenness"].mean()
    assert r.loc["university", "observed"] == pytest.approx(mine["university"])
    assert r.loc["sme", "observed"] == pytest.approx(mine["sme"])
    # t-V touches no focus actor: not in the network; every actor drawn is U's or s's partner
    assert r.attrs["null_model"]["network_actors"] == cent.shape[0] == 3


def test_without_a_focus_every_actor_is_the_population_as_before():
    apps, act = _five()
    r = m.bipartite_null_model(apps, act, n=200, seed=2, sequential=None).set_index("actor_type")
    # whole network: U and V are the universities, both always tied (every patent has 2)
    assert r.loc["university", "n_actors"] == 2
    draws = np.asarray(r.attrs["null_model"]["draws"]["university"])
    # every network has the 5 actors and three ties x-U-y, z-q: U links one pair of the
    # C(4, 2) = 6 others (1/6), V is a leaf or in the lone pair (0): the mean is 1/12 always
    assert np.allclose(draws, (1 / 6 + 0) / 2)


# Type mixing: U (university) and s (SME) in the focus, V (university) and f (large firm)
# outside; patents p1 {U, s}, p2 {V, f}.  The null networks are the 3 matchings of the four,
# equally likely.  Ties touching the focus (an end U or s) and the university row:
#   {U-s, V-f}: U-s                  focus universities' ties: U-s (sme 1)   former: U-s (1)
#   {U-V, s-f}: U-V, s-f             U-V (sme 0)                             U-V (0)
#   {U-f, s-V}: U-f, s-V             U-f (sme 0)                             U-f, s-V (1/2)
# Observed {U-s, V-f}: university–SME share 1.  Null mean 1/3 (former 1/2).


def _four():
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "applicant_id": ["U", "s", "V", "f"],
                         "year": 2010, "region": [IN, IN, OUT, OUT]})
    act = pd.DataFrame({"applicant_id": list("UsVf"), "actor_type": ["university", "sme", "university", "large_firm"],
                        "region": [IN, IN, OUT, OUT], "country": "KR"})
    return apps, act


def test_mixing_null_row_is_over_the_focus_universities_ties():
    apps, act = _four()
    r = m.mixing_null_model(apps, act, n=900, seed=4, region=IN).set_index(["group_a", "group_b"])
    us = r.loc[("university", "sme")]
    assert us["observed"] == 1.0 and us["n_ties"] == 1
    assert us["null_mean"] == pytest.approx(1 / 3, abs=4 * np.sqrt(2 / 9 / 900))
    assert us["null_mean"] < 0.5 - 0.05  # not the former 1/2
    assert us["p_greater"] == pytest.approx(1 / 3, abs=0.07)  # the draws with U-s
    # the SME row (s's ties): s-U, s-f, s-V -> university 1, 0, 1: mean 2/3 (both definitions)
    assert r.loc[("sme", "university"), "null_mean"] == pytest.approx(2 / 3, abs=4 * np.sqrt(2 / 9 / 900))
    assert "located in KR-27" in r.attrs["null_model"]["population"]


def test_mixing_rows_count_a_tie_of_two_focus_actors_once():
    # U1, U2 (universities) and s in the focus, V outside; ties U1-U2, U1-V, U2-s
    apps = pd.DataFrame({"patent_id": ["a", "a", "b", "b", "c", "c"],
                         "applicant_id": ["U1", "U2", "U1", "V", "U2", "s"], "year": 2010, "region": IN})
    act = pd.DataFrame({"applicant_id": ["U1", "U2", "V", "s"],
                        "actor_type": ["university", "university", "university", "sme"],
                        "region": [IN, IN, OUT, IN]})
    r = m.mixing_null_model(apps, act, n=20, seed=1, region=IN).set_index(["group_a", "group_b"])
    # the focus universities' ties: U1-U2 (once), U1-V, U2-s: 2 of 3 join two universities
    assert r.loc[("university", "university"), "n_ties"] == 2
    assert r.loc[("university", "university"), "observed"] == pytest.approx(2 / 3)
    assert r.loc[("university", "sme"), "observed"] == pytest.approx(1 / 3)
    # without a focus every university's ties: V's one tie is U1-V, counted once already
    whole = m.mixing_null_model(apps, act, n=20, seed=1).set_index(["group_a", "group_b"])
    g = ig.Graph.TupleList([("U1", "U2"), ("U1", "V"), ("U2", "s")])
    assert whole.loc[("university", "university"), "observed"] == pytest.approx(2 / 3)
    assert whole.attrs["assortativity"]["observed"] == pytest.approx(
        g.assortativity_nominal([0 if n != "s" else 1 for n in g.vs["name"]], directed=False))


def test_the_reports_share_is_over_the_focus_universities_and_says_so():
    apps, act = _four()
    apps = pd.concat([apps, pd.DataFrame({"patent_id": ["p3", "p3"], "applicant_id": ["s", "V"],
                                          "year": 2011, "region": [IN, OUT]})])
    e = nw.edges_from_applications(apps, region=[IN])
    ind = headline_indicators(e, act, [IN])
    # ties touching the focus: U-s, s-V; the focus's university U has one tie (U-s): 0 of 1.
    # V (outside) has a tie touching the focus, but it is not a university in the focus.
    assert (ind["univ_univ_n"], ind["univ_ties_n"], ind["univ_univ_actors"]) == (0.0, 1.0, 1.0)
    assert ind["univ_univ_share"] == 0.0
    mix = m.mixing_null_model(apps, act, n=30, seed=1, region=IN).set_index(["group_a", "group_b"])
    assert mix.loc[("university", "sme"), "n_ties"] == ind["univ_ties_n"]  # the same population
    f = answer_univ_univ(ind, label="Daegu")
    assert "0 of the 1 ties of the university in Daegu" in f.sentence


def test_rewiring_null_takes_the_focus_actors_only():
    # a star: U (focus) at the centre, leaves a, b (focus SMEs) and V (a university outside);
    # a star is the only simple graph with its degrees, so every rewiring is the star itself
    g = ig.Graph.Star(4)
    g.vs["name"] = ["U", "a", "b", "V"]
    g.vs["actor_type"] = ["university", "sme", "sme", "university"]
    g.vs["region"] = [IN, IN, IN, OUT]
    whole = m.betweenness_null_model(g, n=5, seed=1).set_index("actor_type")
    assert whole.loc["university", "observed"] == pytest.approx(0.5)  # (1 + 0) / 2: V is a leaf
    mine = m.betweenness_null_model(g, n=5, seed=1, region=IN).set_index("actor_type")
    assert mine.loc["university", "n_actors"] == 1
    assert mine.loc["university", "observed"] == mine.loc["university", "null_mean"] == pytest.approx(1.0)
    assert mine.attrs["null_model"]["unknown_actors"] == 0


@pytest.mark.slow  # 200 datasets × 39 draws (~20 s)
def test_p_values_with_a_focus_are_uniform_on_data_drawn_from_the_null():
    # As tests/test_null_calibration.py, with a focus: half the applicants (3 of the 6
    # universities) located in it, the network the ties touching it, the statistic the
    # focus universities' mean.  Location is an attribute, not part of the draw, so the
    # statistic is one function of every network and the p-value is exact: uniform once
    # ties are split at random, and the package's p_greater never rejects more than α.
    from scipy import stats

    from netanalysis.metrics._curveball import curveball

    rng = np.random.default_rng(7)
    n_u = 30
    sizes = rng.choice([1, 2, 2, 3, 3, 4], size=40)
    weight = np.r_[np.full(6, 3.0), np.ones(n_u - 6)]
    members = np.concatenate([rng.choice(n_u, size=s, replace=False, p=weight / weight.sum()) for s in sizes])
    indptr = np.r_[0, np.cumsum(sizes)].astype(np.int64)
    pid = np.repeat(np.arange(len(sizes)), sizes)
    inside = np.isin(np.arange(n_u), [0, 1, 2, *range(6, 18)])
    act = pd.DataFrame({"applicant_id": [f"a{i}" for i in range(n_u)],
                        "actor_type": ["university"] * 6 + ["sme"] * (n_u - 6),
                        "region": np.where(inside, IN, OUT)})
    draw = np.random.default_rng(11)
    p_rand, p_pkg = [], []
    for r in range(200):
        data = curveball(indptr, members, n_u, 20_000, seed=2000 + r)
        apps = pd.DataFrame({"patent_id": [f"p{i}" for i in pid], "applicant_id": [f"a{u}" for u in data],
                             "year": 2010, "region": np.where(inside[data], IN, OUT)})
        res = m.bipartite_null_model(apps, act, n=39, seed=r, region=IN, sequential=None,
                                     trades_per_patent=3).set_index("actor_type")
        if "university" not in res.index:  # no focus university with a tie: no statistic
            continue
        obs = float(res.loc["university", "observed"])
        null = np.asarray(res.attrs["null_model"]["draws"]["university"])
        null = null[np.isfinite(null)]
        above, tied = int((null > obs + 1e-12).sum()), int((np.abs(null - obs) <= 1e-12).sum())
        p_rand.append((above + draw.uniform() * (tied + 1)) / (len(null) + 1))
        p_pkg.append(float(res.loc["university", "p_greater"]))
    p_rand_a, p_pkg_a = np.array(p_rand), np.array(p_pkg)
    assert len(p_rand_a) >= 190
    assert stats.kstest(p_rand_a, "uniform").pvalue > 0.01
    assert (p_pkg_a >= p_rand_a - 1e-12).all()
    for alpha in (0.05, 0.1, 0.25):
        assert (p_pkg_a <= alpha).mean() <= alpha + 2.6 * np.sqrt(alpha * (1 - alpha) / len(p_pkg_a))
