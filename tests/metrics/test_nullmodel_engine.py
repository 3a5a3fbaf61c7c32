"""Issue 30: the null model's draws use the package's exact betweenness engine, which must equal
igraph's Brandes on the networks the draws project (isolates, leaves, twins, several blocks)."""

from __future__ import annotations

import igraph as ig
import numpy as np
import pytest

from netanalysis.metrics.nullmodel import _exact_betweenness


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_null_draw_betweenness_equals_igraph(seed):
    rng = np.random.default_rng(seed)
    # a SYNTHETIC co-patent projection: 300 patents of 1-4 applicants among 400 actors (many isolates)
    edges = set()
    for _ in range(300):
        members = rng.choice(400, size=rng.integers(1, 5), replace=False)
        edges |= {(int(min(a, b)), int(max(a, b))) for a in members for b in members if a != b}
    g = ig.Graph(n=400, edges=sorted(edges))
    ours = _exact_betweenness(g)
    theirs = np.asarray(g.betweenness(directed=False))
    assert len(ours) == 400 and (theirs > 0).sum() > 20
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-9)


def test_tiny_and_empty_draws():
    assert _exact_betweenness(ig.Graph(n=2, edges=[(0, 1)])).tolist() == [0.0, 0.0]
    assert _exact_betweenness(ig.Graph(n=5)).tolist() == [0.0] * 5
    assert _exact_betweenness(ig.Graph(n=3, edges=[(0, 1), (1, 2)])).tolist() == [0.0, 1.0, 0.0]
