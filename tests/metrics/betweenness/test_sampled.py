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

cmod = importlib.import_module("netanalysis.metrics.betweenness.exact")
sampled = importlib.import_module("netanalysis.metrics.betweenness.sampled")


def deps(g: ig.Graph, sources, omega=None) -> np.ndarray:
    omega = np.ones(g.vcount()) if omega is None else np.asarray(omega, dtype=float)
    return ls.linear_dependencies(ls.adjacency(g), np.asarray(sources), omega)


def test_path_by_hand():
    """P4 from source 0: pair (0,2) puts 1 at 1/2 of its length; (0,3) puts 1 at 1/3, 2 at 2/3."""
    d = deps(ig.Graph([(0, 1), (1, 2), (2, 3)]), [0])[:, 0]
    assert d == pytest.approx([0, 1 / 2 + 1 / 3, 2 / 3, 0])


def test_cycle_by_hand():
    """C4 from source 0: the pair (0,2) has two paths; each middle vertex gets 1/2 · 1/2."""
    d = deps(ig.Graph.Ring(4), [0])[:, 0]
    assert d == pytest.approx([0, 0.25, 0, 0.25])


def test_target_weights_by_hand():
    """P3 from source 0 with ω_2 = 5: the pair (0,2) counts 5 times, at half its length."""
    d = deps(ig.Graph([(0, 1), (1, 2)]), [0], omega=[1, 1, 5])[:, 0]
    assert d == pytest.approx([0, 2.5, 0])


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
    """Σ_s ω_s δ̃_s(v) = Σ_{s<t} ω_s ω_t σ_st(v)/σ_st: against igraph (ω = 1) and a brute-force
    path listing in networkx (random ω), on random graphs with several components."""
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(int(rng.integers(5, 25)), int(rng.integers(4, 40)), seed=seed)
    g = ig.Graph(n=G.number_of_nodes(), edges=list(G.edges()))
    n = g.vcount()
    everyone = np.arange(n)
    assert deps(g, everyone).sum(axis=1) == pytest.approx(g.betweenness(directed=False), abs=1e-9)
    omega = rng.integers(1, 6, n).astype(float)
    got = (deps(g, everyone, omega) * omega).sum(axis=1)
    want = brute_weighted_pairs(G, dict(enumerate(omega)))
    assert got == pytest.approx([want[v] for v in range(n)], abs=1e-9)


def test_parallel_edges_count_as_distinct_paths_like_igraph():
    g = ig.Graph([(0, 1), (0, 1), (1, 2), (0, 3), (3, 2), (2, 4)])
    assert deps(g, np.arange(5)).sum(axis=1) == pytest.approx(g.betweenness(directed=False))


def test_blocks_do_not_change_the_sums(monkeypatch):
    g = ig.Graph(n=60, edges=list(nx.gnm_random_graph(60, 150, seed=1).edges()))
    state = (ls.adjacency(g), np.ones(60))
    batch = (np.arange(0, 60, 2), np.full(30, 0.5))
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


def test_every_core_source_with_certainty_is_exact_with_leaves():
    """All non-leaf sources (π = 1) on a graph with pendant leaves, tiny components and a
    double edge: core pairs weighted by ω = 1 + leaves, plus the leaf pairs, is Brandes'."""
    rng = np.random.default_rng(5)
    edges = [*nx.gnm_random_graph(40, 90, seed=5).edges(), (0, 1), (0, 1)]
    n = 40
    for hub in rng.integers(0, 40, 30):  # 30 pendant leaves
        edges.append((int(hub), n))
        n += 1
    edges += [(n, n + 1), (n + 2, n + 3), (n + 3, n + 4)]  # a pair and a path of three
    g = ig.Graph(n=n + 5, edges=edges)
    src, mult, _, leaf_pairs = cmod._leaf_reduction(g)
    raw, se, k = sampled._sampled_linear(g, src, mult, leaf_pairs, len(src), 0, 1, None)
    assert k == len(src)
    assert raw == pytest.approx(g.betweenness(directed=False), abs=1e-9)
    assert se == pytest.approx(np.zeros(g.vcount()))


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
    """A 400-vertex path: eccentricity 200 from the hub, 2 · 200 · 398 > 40 · 399, so the
    level-by-level kernel would cost far more than igraph's searches; auto falls back."""
    path = ig.Graph.Lattice([400], circular=False)
    assert m.betweenness(path, k=40).attrs["betweenness"]["estimator"] == "uniform"
    assert m.betweenness(path, k=40, estimator="linear").attrs["betweenness"]["estimator"] == "linear-scaled, pps"
    small_world = ig.Graph(n=400, edges=list(nx.watts_strogatz_graph(400, 6, 0.2, seed=1).edges()))
    assert m.betweenness(small_world, k=40).attrs["betweenness"]["estimator"] == "linear-scaled, pps"
