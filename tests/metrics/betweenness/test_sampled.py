"""The sampled betweenness kernel: linearly scaled dependencies, πps sampling, Hájek's se."""

from __future__ import annotations

import importlib
import itertools

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from netanalysis import metrics as m
from netanalysis._errors import NetworkInputError
from netanalysis.metrics.betweenness import _linear as ls
from netanalysis.metrics.betweenness.blocks import decompose

cmod = importlib.import_module("netanalysis.metrics.betweenness.exact")
sampled = importlib.import_module("netanalysis.metrics.betweenness.sampled")


def deps(g: ig.Graph, sources, omega=None, ego=None) -> np.ndarray:
    omega = np.ones(g.vcount()) if omega is None else np.asarray(omega, dtype=float)
    return ls.scaled_dependencies(ls.adjacency(g), np.asarray(sources), omega, ego=ego)


def test_path_by_hand():
    """P5 from source 0.  Pair (0,2), D = 2: half to 1 (an ego pair of 1, left to the sample
    without the mask).  Pair (0,3), D = 3: 1 is the source's neighbour (0), 2 is right
    before the end (1).  Pair (0,4), D = 4: 1 gets 0, 2 gets 2/4, 3 gets 1."""
    d = deps(ig.Graph([(0, 1), (1, 2), (2, 3), (3, 4)]), [0])[:, 0]
    assert d == pytest.approx([0, 0.5, 1 + 0.5, 1, 0])
    every = np.ones(5, dtype=bool)
    assert deps(ig.Graph([(0, 1), (1, 2), (2, 3), (3, 4)]), [0], ego=every)[:, 0] == pytest.approx([0, 0, 1.5, 1, 0])


def test_cycle_by_hand():
    """C4 from source 0: the pair (0,2) has two paths; each middle vertex gets 1/2 · 1/2 (none
    with the ego mask); C6 from 0: the opposite pair (0,3) gives 1/2 to 2 and 4 (right before
    the end), none to 1 and 5 (the source's neighbours)."""
    assert deps(ig.Graph.Ring(4), [0])[:, 0] == pytest.approx([0, 0.25, 0, 0.25])
    assert deps(ig.Graph.Ring(4), [0], ego=np.ones(4, bool))[:, 0] == pytest.approx([0, 0, 0, 0])
    assert deps(ig.Graph.Ring(6), [0], ego=np.ones(6, bool))[:, 0] == pytest.approx([0, 0, 0.5, 0, 0.5, 0])


def test_target_weights_by_hand():
    """P4 from source 0 with ω_3 = 5: the pair (0,3) counts 5 times, all of it to 2."""
    d = deps(ig.Graph([(0, 1), (1, 2), (2, 3)]), [0], omega=[1, 1, 1, 5])[:, 0]
    assert d == pytest.approx([0, 0.5, 5, 0])


def test_ego_pairs_by_hand():
    """Star: 3 pairs of leaves through the centre.  C4: each vertex is one of the two middles
    of the pair of its neighbours (1/2).  A triangle's pairs are adjacent: none.  Weights
    multiply: ω = (1, 2, 3, 4) on the star gives 2·3 + 2·4 + 3·4 = 26."""
    assert ls.ego_pairs(ls.adjacency(ig.Graph.Star(4)), np.ones(4))[0] == pytest.approx([3, 0, 0, 0])
    assert ls.ego_pairs(ls.adjacency(ig.Graph.Ring(4)), np.ones(4))[0] == pytest.approx([0.5] * 4)
    assert ls.ego_pairs(ls.adjacency(ig.Graph.Full(3)), np.ones(3))[0] == pytest.approx([0, 0, 0])
    star = ls.adjacency(ig.Graph.Star(4))
    assert ls.ego_pairs(star, np.array([1.0, 2, 3, 4]))[0][0] == pytest.approx(26)
    pairs, done = ls.ego_pairs(star, np.ones(4), max_degree=2)  # the centre has 3 partners: left out
    assert pairs == pytest.approx([0, 0, 0, 0]) and done.tolist() == [False, True, True, True]


def brute_weighted_pairs(G: nx.Graph, omega: dict) -> dict:
    """Σ over pairs {s,t} of ω_s ω_t σ_st(v)/σ_st by listing every shortest path (reference)."""
    out = dict.fromkeys(G, 0.0)
    for s, t in itertools.combinations(G, 2):
        if not nx.has_path(G, s, t):
            continue
        paths = list(nx.all_shortest_paths(G, s, t))
        for p in paths:
            for v in p[1:-1]:
                out[v] += omega[s] * omega[t] / len(paths)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_all_sources_give_weighted_pair_sums(seed):
    """Σ_s ω_s y_s(v) + ego pairs = Σ_{s<t} ω_s ω_t σ_st(v)/σ_st, whichever rows count their
    ego pairs exactly: against igraph (ω = 1) and a brute-force path listing in networkx
    (random ω), on random graphs with several components."""
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(int(rng.integers(5, 25)), int(rng.integers(4, 40)), seed=seed)
    g = ig.Graph(n=G.number_of_nodes(), edges=list(G.edges()))
    n, a = g.vcount(), ls.adjacency(g)
    everyone = np.arange(n)
    assert deps(g, everyone).sum(axis=1) == pytest.approx(g.betweenness(directed=False), abs=1e-9)
    omega = rng.integers(1, 6, n).astype(float)
    want = brute_weighted_pairs(G, dict(enumerate(omega)))
    for cap in (0, 2, 100):
        pairs, done = ls.ego_pairs(a, omega, max_degree=cap)
        got = (ls.scaled_dependencies(a, everyone, omega, ego=done) * omega).sum(axis=1) + pairs
        assert got == pytest.approx([want[v] for v in range(n)], abs=1e-9)


def test_parallel_edges_count_as_distinct_paths_like_igraph():
    g = ig.Graph([(0, 1), (0, 1), (1, 2), (0, 3), (3, 2), (2, 4)])
    a = ls.adjacency(g)
    pairs, done = ls.ego_pairs(a, np.ones(5))
    got = ls.scaled_dependencies(a, np.arange(5), np.ones(5), ego=done).sum(axis=1) + pairs
    assert got == pytest.approx(g.betweenness(directed=False))


def pieces_of(g: ig.Graph):
    d = decompose(g)
    return d, [ls.ego_pairs(p.a, p.weight, p.members)[1] for p in d.pieces]


def test_blocks_do_not_change_the_sums(monkeypatch):
    g = ig.Graph(n=60, edges=list(nx.gnm_random_graph(60, 150, seed=1).edges()))
    d, ego = pieces_of(g)
    rows = np.arange(0, d.pieces[0].a.shape[0], 2)
    state, batch = (d.pieces, ego, 60), [(0, rows, np.full(len(rows), 0.5))]
    whole = ls.linear_kernel(state, batch)
    monkeypatch.setattr(ls, "_BLOCK_CELLS", 60 * 7)  # blocks of 7 sources
    assert ls.linear_kernel(state, batch) == pytest.approx(whole)


def test_inclusion_probabilities_cap_and_rescale():
    pi = ls.inclusion_probabilities(np.array([10.0, 1, 1, 1]), 2)
    assert pi == pytest.approx([1, 1 / 3, 1 / 3, 1 / 3])
    pi = ls.inclusion_probabilities(np.array([1.0, 2, 3, 4]), 2)
    assert pi == pytest.approx([0.2, 0.4, 0.6, 0.8])


def test_systematic_sample_has_fixed_size_and_the_right_inclusion_rates():
    pi = ls.inclusion_probabilities(np.array([8.0, 4, 2, 1, 1, 1, 1, 1, 1]), 4)
    hits = np.zeros(len(pi))
    for s in range(4000):
        pick = ls.systematic_sample(pi, np.random.default_rng(s))
        assert len(pick) == 4 and len(set(pick)) == 4
        hits[pick] += 1
    assert hits / 4000 == pytest.approx(pi, abs=0.025)
    rng = np.random.default_rng(0)
    for k in range(1, 30):  # any k and any sizes: exactly k distinct units
        size = rng.pareto(1.0, 30) + 1e-3
        pick = ls.systematic_sample(ls.inclusion_probabilities(size, k), rng)
        assert len(pick) == k == len(set(pick))


def test_hajek_se_by_hand():
    """π = (1/2, 1/2), y = (2, 4): A = 3, v = 2/1 · (1/2 · 1 + 1/2 · 1) = 2."""
    pi, y = np.array([0.5, 0.5]), np.array([[2.0], [4.0]])
    s1, s2 = ((1 - pi)[:, None] * y).sum(0), ((1 - pi)[:, None] * y**2).sum(0)
    assert ls.hajek_se(s1, s2, pi) == pytest.approx([np.sqrt(2)])
    assert ls.hajek_se(s1, s2, np.ones(2)) == pytest.approx([0.0])  # every source certain
    assert np.isnan(ls.hajek_se(s1, s2, np.array([0.5]))).all()


def test_every_source_with_certainty_is_exact_with_leaves_and_twins():
    """Every source row of every block (π = 1) on a graph with pendant leaves, tiny
    components, a double edge and twins (merged, their paths multiplied): the closed forms,
    the ego pairs and the split pairs add up to Brandes' value, and the result says exact."""
    rng = np.random.default_rng(5)
    core = nx.gnm_random_graph(80, 240, seed=5)  # one block of its own (packs hold blocks under 64)
    edges = list(core.edges())
    n = 80
    for hub in rng.integers(0, 80, 30):  # 30 pendant leaves
        edges.append((int(hub), n))
        n += 1
    for _ in range(3):  # three false twins of vertex 7 (same partners), one true twin of 9
        edges += [(n, int(x)) for x in core.neighbors(7)]
        n += 1
    edges += [(n, 9), *[(n, int(x)) for x in core.neighbors(9)]]
    n += 1
    edges += [(n, n + 1), (n + 2, n + 3), (n + 3, n + 4)]  # a pair and a path of three
    edges += [(n + 5 + i, n + 5 + (i + 1) % 5) for i in range(5)] + [(n + 5, n + 6)]  # C5, one edge doubled
    g = ig.Graph(n=n + 10, edges=edges)
    d = decompose(g)
    assert d.stats["twins_merged"] >= 3
    monkey = sampled.CHEAP_PIECE
    sampled.CHEAP_PIECE = 0.0  # every piece sampled
    try:
        raw, se, reached, k = sampled._sampled_linear(d, sum(p.a.shape[0] for p in d.pieces), 0, 1, None)
    finally:
        sampled.CHEAP_PIECE = monkey
    assert k == 0  # every row certain: exact
    assert raw == pytest.approx(g.betweenness(directed=False), abs=1e-9)
    assert se == pytest.approx(np.zeros(g.vcount())) and (reached == 0).all()


def test_linear_estimator_beats_uniform_on_a_co_patent_graph():
    """Mean squared error over the top 10 % across 60 seeds: the linear-scaled πps estimator
    is more accurate than uniform sources (Geisberger et al. 2008 report the same)."""
    from integration.test_scale import co_patent_graph

    g = co_patent_graph(600, 1500, seed=4)
    exact = m.betweenness(g, method="exact", normalized=False)["betweenness"].to_numpy()
    top = np.argsort(-exact)[:60]

    def mse(est):
        runs = np.array([m.betweenness(g, k=60, seed=s, estimator=est, normalized=False, n_jobs=1)["betweenness"]
                         for s in range(60)])
        return float((((runs[:, top] - exact[top]) / exact[top]) ** 2).mean())

    assert mse("linear") < 0.8 * mse("uniform")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"estimator": "fast"}, "expected 'auto', 'blocks', 'linear' or 'uniform'"),
    ({"estimator": "linear", "weighted": True}, "estimator='uniform'"),
    ({"estimator": "linear", "backend": "networkx"}, "estimator='uniform'"),
])
def test_bad_estimator(kwargs, match):
    with pytest.raises(NetworkInputError, match=match):
        m.betweenness(ig.Graph.Star(6), k=2, **kwargs)


def test_centrality_passes_the_estimator_on():
    g = ig.Graph(n=80, edges=list(nx.gnm_random_graph(80, 200, seed=2).edges()))
    g.vs["name"] = [f"a{i:02d}" for i in range(80)]
    for est in ("linear", "uniform"):
        c = m.centrality(g, k=20, seed=1, estimator=est).set_index("applicant_id")["betweenness"]
        b = m.betweenness(g, k=20, seed=1, estimator=est).set_index("applicant_id")["betweenness"]
        assert c.sort_index().to_numpy() == pytest.approx(b.sort_index().to_numpy())
    lin = m.centrality(g, k=20, seed=1).set_index("applicant_id")["betweenness"].sort_index()
    uni = m.centrality(g, k=20, seed=1, estimator="uniform").set_index("applicant_id")["betweenness"].sort_index()
    assert not np.allclose(lin, uni)  # the two estimators really differ


def test_auto_estimator_avoids_the_linear_kernel_on_long_paths():
    """A 400-vertex cycle: eccentricity 200 from the hub, 2 · 200 · 400 > 40 · 400, so the
    level-by-level kernel would cost far more than igraph's searches; auto falls back."""
    path = ig.Graph.Ring(400)
    assert m.betweenness(path, k=40).attrs["betweenness"]["estimator"] == "uniform"
    assert m.betweenness(path, k=40, estimator="linear").attrs["betweenness"]["estimator"] == "linear-scaled, pps, blocks"
    small_world = ig.Graph(n=400, edges=list(nx.watts_strogatz_graph(400, 6, 0.2, seed=1).edges()))
    assert m.betweenness(small_world, k=40).attrs["betweenness"]["estimator"] == "linear-scaled, pps, blocks"


# --- the standard error, by enumeration and over seeds ------------------------------------


class _Draw:
    """A stand-in generator: the rotation and the start ``u`` of one systematic sample."""

    def __init__(self, rotation: int, u: float):
        self.rotation, self.u = rotation, u

    def integers(self, high):
        return self.rotation

    def random(self, size=None):
        return self.u if size is None else np.arange(size)[::-1] / size  # a fixed shuffle


def test_se_by_enumeration_on_a_ring(monkeypatch):
    """C6, k = 2 of its 6 sources (π = 1/3 each, degree 2 everywhere).  Each vertex: B = 2,
    the pair of its two neighbours (an ego pair: exact, 1) and two opposite pairs through it
    (1/2 each), which go whole to their end two steps away: y_{v+2}(v) = y_{v−2}(v) = 1/2.

    Simple random samples of 2 (all 15 equally likely): T̂ = 2 − 1 + 3 X / 2 with X the
    number of {v+2, v−2} drawn, hypergeometric: Var X = 2 · 1/3 · 2/3 · 4/5 = 16/45, so
    Var T̂ = 9/4 · 16/45 = 4/5.  Hájek's variance is the unbiased one here (equal π):
    the mean of se² over the 15 samples is 4/5 too.

    The package's own design (systematic over the blocks' row order, turned at random): its
    18 equally likely (rotation, start) outcomes give the exact value on average (unbiased),
    and a mean se² no smaller than the variance (conservative, as for any implicitly
    stratified systematic sample)."""
    g = ig.Graph.Ring(6)
    real = sampled.systematic_sample

    def run(pick=None, draw=None):
        def fake(pi, rng, order=None):
            assert pi == pytest.approx(np.full(6, 1 / 3))
            return np.array(pick) if pick is not None else real(pi, draw, order)
        monkeypatch.setattr(sampled, "systematic_sample", fake)
        r = m.betweenness(g, k=2, estimator="linear", normalized=False, n_jobs=1)
        return r["betweenness"].to_numpy(), r["betweenness_se"].to_numpy()

    srs = [run(pick=list(p)) for p in itertools.combinations(range(6), 2)]
    est, se = np.array([e for e, _ in srs]), np.array([s for _, s in srs])
    assert est.mean(axis=0) == pytest.approx(np.full(6, 2.0))
    assert ((est - 2.0) ** 2).mean(axis=0) == pytest.approx(np.full(6, 4 / 5))
    assert (se**2).mean(axis=0) == pytest.approx(np.full(6, 4 / 5))
    own = [run(draw=_Draw(r, u)) for r in range(6) for u in (1 / 6, 1 / 2, 5 / 6)]
    est, se = np.array([e for e, _ in own]), np.array([s for _, s in own])
    assert est.mean(axis=0) == pytest.approx(np.full(6, 2.0))
    assert ((se**2).mean(axis=0) >= ((est - 2.0) ** 2).mean(axis=0) - 1e-12).all()


def test_se_covers_the_exact_value_where_vouched_for():
    """SYNTHETIC 500-actor co-patent graph, k = 20 % of its sources, seeds 0–99 (fixed, so
    the numbers are always the same): where ``betweenness_se_reliable`` is True the interval
    ± 1.96 se holds the exact value for at least 90 % of (actor, seed) among the top 20 and
    80 % among all actors with betweenness; most of the top 20 is vouched for.  (Measured:
    0.976 and 0.958, 85 % of the top 20 vouched for; 0.945 / 0.912 over all pairs.)"""
    from integration.test_scale import co_patent_graph

    g = co_patent_graph(500, 1300, seed=8)
    exact = m.betweenness(g, method="exact", normalized=False)["betweenness"].to_numpy()
    k = int(0.2 * (np.asarray(g.degree()) > 1).sum())
    runs = [m.betweenness(g, k=k, seed=s, normalized=False, n_jobs=1) for s in range(100)]
    assert runs[0].attrs["betweenness"]["estimator"] == "linear-scaled, pps, blocks"
    est = np.array([r["betweenness"] for r in runs])
    se = np.array([r["betweenness_se"] for r in runs])
    ok = np.array([r["betweenness_se_reliable"] for r in runs])
    covered = np.abs(est - exact) <= 1.96 * se + 1e-9
    top, pos = np.argsort(-exact)[:20], exact > 0
    assert ok[:, top].mean() >= 0.8
    assert covered[:, top][ok[:, top]].mean() >= 0.9
    assert covered[:, pos][ok[:, pos]].mean() >= 0.8
    assert est.mean(axis=0)[top] == pytest.approx(exact[top], rel=0.05)  # unbiased (100 seeds)


def test_se_reliable_column():
    g = ig.Graph(n=80, edges=list(nx.gnm_random_graph(80, 200, seed=2).edges()))
    assert m.betweenness(g)["betweenness_se_reliable"].all()  # exact
    uni = m.betweenness(g, k=20, estimator="uniform")
    sources = np.asarray(g.degree()) >= 2  # estimated; the leaves' value is exact
    assert not uni["betweenness_se_reliable"][sources].any() and uni["betweenness_se_reliable"][~sources].all()
    assert "not vouched for" in uni.attrs["betweenness"]["se_note"]
    lin = m.betweenness(g, k=20, seed=1, n_jobs=1)
    flag = lin["betweenness_se_reliable"]
    assert flag.dtype == bool and 0 < flag.sum() < len(flag)
    assert f"{(~flag).sum():,} actors are not" in lin.attrs["betweenness"]["se_note"]
