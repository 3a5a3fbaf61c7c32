"""The null model is seeded, and exact when the degrees fix the graph."""

from __future__ import annotations

import igraph as ig
import pandas as pd
import pytest

from netanalysis.metrics import (
    betweenness_null_model,
)


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
