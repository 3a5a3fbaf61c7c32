"""The mixing null model: observed values equal type mixing and igraph, any n_jobs, patent sizes kept."""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd
import pytest
from _tables import _universities

from netanalysis import metrics as m
from netanalysis.run import RunSettings, build_context


@pytest.fixture(scope="module")
def sample_ctx():
    return build_context(RunSettings(null_model_runs=30))




def test_mixing_null_model_observed_matches_type_mixing_and_igraph(sample_ctx):
    ctx = sample_ctx
    apps = ctx.processed.applications
    r = m.mixing_null_model(apps, ctx.actors, n=20, seed=1, region=ctx.focal, years=ctx.years)
    got = r.set_index(["group_a", "group_b"])
    # group a's row: type_mixing's row on the ties of group a's actors located in the focus (issue 35)
    focal = ctx.focal_centrality
    for a in got.index.get_level_values(0).unique():
        ours = focal.loc[focal.actor_type == a, "applicant_id"]
        mix = m.type_mixing(ctx.edges[ctx.edges.u.isin(ours) | ctx.edges.v.isin(ours)], ctx.actors)
        mix = mix[mix.group_a == a].set_index(["group_a", "group_b"])
        assert set(got.loc[[a]].index) == set(mix.index)
        assert np.allclose(got.loc[mix.index, "observed"], mix["row_share_ties"])
        assert (got.loc[mix.index, "n_ties"] == mix["n_ties"]).all()
    g = ctx.graph
    codes = pd.factorize(pd.Series(g.vs["actor_type"]))[0]
    assert r.attrs["assortativity"]["observed"] == pytest.approx(g.assortativity_nominal(list(codes), directed=False))
    assert r.attrs["assortativity"]["observed"] == pytest.approx(m.assortativity(g))
    assert ((r["p_greater"] > 0) & (r["p_greater"] <= 1) & (r["p_less"] > 0) & (r["p_less"] <= 1)).all()


def test_mixing_null_model_same_answer_for_any_n_jobs():
    apps, act = _universities(3, 6)
    a = m.mixing_null_model(apps, act, n=60, seed=5, n_jobs=1)
    b = m.mixing_null_model(apps, act, n=60, seed=5, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)


def test_mixing_null_keeps_patent_sizes():
    """Every draw projects the same number of 2-applicant patents: ties per draw ≤ patents."""
    apps, act = _universities(0, 10)
    r = m.mixing_null_model(apps, act, n=50, seed=2)
    # 30 patents of two applicants: a draw has at most 30 distinct ties, universities on all
    assert r.set_index(["group_a", "group_b"]).loc[("university", "sme"), "n_ties"] == 30


def test_nominal_r_hand_worked():
    from netanalysis.metrics.nullmodel import _nominal_r

    # two groups, one tie inside each, one between: e = [[2, .5], [.5, 2]] / 5 ends
    counts = np.array([[1, 1], [1, 1]])
    g = ig.Graph([(0, 1), (2, 3), (0, 2)])
    assert _nominal_r(counts) == pytest.approx(g.assortativity_nominal([0, 0, 1, 1], directed=False))


def test_null_models_are_the_two_models_apart(sample_ctx):
    """One chain of draws for both models: the tables of bipartite_null_model and mixing_null_model
    called apart, number for number — on the sample's focus, and on a table where the betweenness
    draws stop early (h = 1), so that the mixing model's remaining draws run without betweenness."""
    ctx = sample_ctx
    apps, act = _universities(3, 6)
    cases = [(ctx.processed.applications, ctx.actors, dict(n=20, seed=3, region=ctx.focal, years=ctx.years), None),
             (apps, act, dict(n=60, seed=5), 1)]
    for apps, act, args, h in cases:
        between, mixing = m.null_models(apps, act, sequential=h, n_jobs=1, **args)
        alone = m.bipartite_null_model(apps, act, sequential=h, n_jobs=1, **args)
        pd.testing.assert_frame_equal(between, alone)
        assert between.attrs == alone.attrs
        pd.testing.assert_frame_equal(mixing, m.mixing_null_model(apps, act, n_jobs=1, **args))
        assert mixing.attrs == m.mixing_null_model(apps, act, **args).attrs
        assert mixing.attrs["null_model"]["n"] == args["n"]
        # h = 1: the universities' p (about 0.03) settles at their first draw as large as observed
        assert (between.attrs["null_model"]["n"] < args["n"]) == (h == 1)


def test_null_models_hand_worked():
    # U on p1 with V, on p2 with a; V on p3 with b: two universities, two SMEs, three 2-applicant
    # patents. Every draw keeps three patents of two applicants and U, V on two each, never twice
    # on one: they share one patent (ties U–V, U–x, V–y: the share is 1/3) or two (U–V alone: 1).
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
                         "applicant_id": ["U", "V", "U", "a", "V", "b"], "year": 2010, "region": ""})
    act = pd.DataFrame({"applicant_id": ["U", "V", "a", "b"],
                        "actor_type": ["university", "university", "sme", "sme"]})
    between, mixing = m.null_models(apps, act, n=40, seed=1, sequential=None)
    uu = mixing.set_index(["group_a", "group_b"]).loc[("university", "university")]
    assert uu["observed"] == pytest.approx(1 / 3)  # 1 of U's and V's 3 ties
    shared_once = round(uu["p_less"] * 41) - 1  # draws at 1/3: p_less = (1 + those) / (40 + 1)
    assert uu["p_greater"] == 1.0 and 0 < shared_once < 40
    assert uu["null_mean"] == pytest.approx((shared_once / 3 + (40 - shared_once)) / 40)
    # betweenness on the observed path a–U–V–b: U lies between a and V, a and b (2 of the 3 pairs
    # without it), V likewise; the SMEs on none
    b = between.set_index("actor_type")["observed"]
    assert b["university"] == pytest.approx(2 / 3) and b["sme"] == 0
    assert between.attrs["null_model"]["n"] == 40 and mixing.attrs["null_model"]["n"] == 40
