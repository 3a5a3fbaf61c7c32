"""Exact betweenness through biconnected blocks equals igraph's, on graphs built to stress
every part of the decomposition."""

from __future__ import annotations

import sys

import igraph as ig
import numpy as np
import pytest

import netanalysis as na
from netanalysis.metrics.betweenness import blocks as _blocks
from netanalysis.metrics.betweenness.blocks import batches_by_cost, decompose, piece_kernel


def kernel_bc(g: ig.Graph, n_batches: int = 3) -> np.ndarray:
    """The decomposition's answer straight from the kernel (multigraphs allowed)."""
    d = decompose(g)
    out = d.separation + d.twin_pairs
    for b in batches_by_cost(d.pieces, n_batches):
        part = piece_kernel(d.pieces, b)
        out[: len(part)] += part
    return out


def named(g: ig.Graph) -> ig.Graph:
    g.vs["name"] = [f"v{i}" for i in range(g.vcount())]
    return g


def twins(k: int) -> ig.Graph:
    """k false twins on the same two hubs, the hubs joined by a path: many equal neighbour sets."""
    edges = [(0, 2 + i) for i in range(k)] + [(1, 2 + i) for i in range(k)] + [(0, k + 2), (k + 2, 1)]
    return ig.Graph(edges)


def chains(k: int, length: int) -> ig.Graph:
    """k chains of degree-2 vertices between two hubs, plus a tail: long equal-length paths."""
    edges, nxt = [], 2
    for _ in range(k):
        prev = 0
        for _ in range(length):
            edges.append((prev, nxt))
            prev, nxt = nxt, nxt + 1
        edges.append((prev, 1))
    edges.append((1, nxt))
    return ig.Graph(edges)


def flower(petals: int) -> ig.Graph:
    """One cut vertex joining hundreds of blocks (triangles, squares, pentagons) and 20 leaves."""
    edges, nxt = [], 1
    for i in range(petals):
        size = 2 + i % 3
        ring = [0, *range(nxt, nxt + size)]
        edges += [(ring[j], ring[(j + 1) % len(ring)]) for j in range(len(ring))]
        nxt += size
    edges += [(0, nxt + j) for j in range(20)]  # leaves on the centre
    return ig.Graph(edges)


STRESS = {
    "many twins": twins(60),
    "long chains": chains(12, 9),
    "cut vertex joining hundreds of blocks": flower(300),
    "several components": ig.Graph.disjoint_union(ig.Graph.Famous("Zachary"), [twins(5), chains(3, 4), ig.Graph(3)]),
    "path": ig.Graph.Ring(40, circular=False),
    "cycle": ig.Graph.Ring(31),
    "complete": ig.Graph.Full(12),
    "star": ig.Graph.Star(50),
    "tree": ig.Graph.Tree(200, 3),
    "block chain": ig.Graph([(i, i + 1) for i in range(30)] + [(i, i + 2) for i in range(0, 28, 4)]),
}


@pytest.fixture(autouse=True)
def blocks_on_any_size(monkeypatch):
    """The package takes the block path on graphs of any size (tiny test graphs included)."""
    monkeypatch.setattr(sys.modules["netanalysis.metrics.betweenness"], "BLOCK_MIN_WORK", 0)


@pytest.mark.parametrize("name", list(STRESS))
def test_blocks_equal_igraph_on_stress_graphs(name):
    g = named(STRESS[name].copy())
    ref = np.asarray(g.betweenness(directed=False))
    assert kernel_bc(g) == pytest.approx(ref, abs=1e-9)
    got = na.metrics.betweenness(g, normalized=False, method="exact", n_jobs=1)
    assert got["betweenness"].to_numpy() == pytest.approx(ref, abs=1e-9)


def test_blocks_equal_igraph_on_random_graphs_and_multigraphs():
    rng = np.random.default_rng(7)
    for trial in range(60):
        n = int(rng.integers(6, 120))
        g = ig.Graph.Erdos_Renyi(n=n, m=int(rng.integers(n - 1, min(3 * n, n * (n - 1) // 2))))
        g.add_vertices(6)
        g.add_edges([(0, n), (n, n + 1), (n + 2, n + 3), (n + 3, n + 4)])
        if trial % 2:
            g.add_edges([(0, 1), (0, 1), (2, 3)])  # parallel edges are distinct paths, as in igraph
        assert kernel_bc(g, n_batches=1 + trial % 4) == pytest.approx(g.betweenness(directed=False), abs=1e-9)


def test_hand_worked_weights_and_separation():
    # two squares sharing vertex 2, and a leaf 7 on vertex 5
    g = ig.Graph([(0, 1), (1, 2), (2, 3), (3, 0), (2, 4), (4, 5), (5, 6), (6, 2), (5, 7)])
    d = decompose(g)
    # vertex 2 separates {0, 1, 3} from {4, 5, 6, 7}: 12 pairs; vertex 5 separates 7 from the other 6
    assert d.separation.tolist() == [0, 0, 12, 0, 0, 6, 0, 0]
    # inside each square vertex 2 is on one of the two paths of the pair across it: 0.5 + 0.5;
    # inside the second square vertex 5 stands for itself and 7, so 4-6 through 5 counts 0.5
    # and (7, x) pairs across the square count for 4 and 6: 2 x 0.5 each
    assert kernel_bc(g).tolist() == pytest.approx([0.5, 2.5, 13.0, 2.5, 4.0, 6.5, 4.0, 0.0])
    assert d.stats["blocks"] == 3 and d.stats["articulation_points"] == 2


def test_same_answer_for_any_number_of_processes():
    g = named(flower(80))
    a = na.metrics.betweenness(g, method="exact", n_jobs=1)
    b = na.metrics.betweenness(g, method="exact", n_jobs=2)
    assert a["betweenness"].to_numpy() == pytest.approx(b["betweenness"].to_numpy(), abs=1e-12)
    assert a.attrs["betweenness"]["decomposition"] == "biconnected blocks, twins"


def test_one_giant_block_goes_to_igraph_when_the_limit_says_so(monkeypatch):
    centrality = sys.modules["netanalysis.metrics.betweenness"]
    monkeypatch.setattr(centrality, "BLOCK_WORK_LIMIT", 0.6)
    g = named(ig.Graph.Ring(40))  # one block, no twins: nothing to remove
    assert decompose(g).stats["work_fraction"] > 0.6
    assert na.metrics.betweenness(g, method="exact").attrs["betweenness"]["decomposition"] == "leaves"


def lengths_of(g: ig.Graph) -> list[float]:
    return sys.modules["netanalysis.metrics.betweenness"].distances_from_weights(g)


def weighted_kernel_bc(g: ig.Graph) -> np.ndarray:
    d = decompose(g, np.asarray(lengths_of(g)))
    assert d.stats["twins_merged"] == 0  # under lengths twins are not merged
    out = d.separation + d.twin_pairs
    for b in batches_by_cost(d.pieces, 3):
        part = piece_kernel(d.pieces, b)
        out[: len(part)] += part
    return out


def with_weights(g: ig.Graph, weights) -> ig.Graph:
    g = g.copy()
    g.es["weight"] = [float(x) for x in weights]
    return g


WEIGHTED = {
    # 1/3 + 1/3 + 1/3 against 1: equal lengths only within igraph's epsilon
    "thirds against one": with_weights(ig.Graph([(0, 1), (1, 2), (2, 3), (0, 4), (4, 3), (3, 5), (0, 6), (6, 3)]),
                                       [3, 3, 3, 2, 2, 1, 1.5, 1.5]),
    "flower, weights 1-3": with_weights(flower(40), [1 + i % 3 for i in range(flower(40).ecount())]),
    "chains with equal lengths": with_weights(chains(6, 4), [2.0] * chains(6, 4).ecount()),
    "twins under weights": with_weights(twins(12), [1 + (i % 4) for i in range(26)]),
    "parallel edges of different lengths": with_weights(
        ig.Graph([(0, 1), (0, 1), (0, 1), (1, 2), (2, 0), (2, 3), (3, 0), (3, 4), (4, 0)]), [1, 2, 2, 1, 1, 2, 2, 1, 3]),
}


@pytest.mark.parametrize("name", list(WEIGHTED))
def test_weighted_blocks_equal_igraph(name):
    g = WEIGHTED[name]
    ref = g.betweenness(directed=False, weights=lengths_of(g))
    assert weighted_kernel_bc(g) == pytest.approx(ref, abs=1e-9)


def test_weighted_random_graphs_equal_igraph():
    rng = np.random.default_rng(8)
    for trial in range(30):
        g = ig.Graph.Erdos_Renyi(30 + trial, 0.1, loops=False)
        if trial % 3 == 0:
            g.add_edges([(0, 1), (0, 1), (2, 3)])
        # small whole numbers: many ties between paths; otherwise real-valued
        w = rng.choice([1.0, 2.0, 3.0, 4.0], size=g.ecount()) if trial % 2 else rng.uniform(0.2, 3.0, g.ecount())
        g = with_weights(g, w)
        assert weighted_kernel_bc(g) == pytest.approx(g.betweenness(directed=False, weights=lengths_of(g)), abs=1e-9)


def test_weighted_through_the_public_function():
    g = named(patents_graph(300, 280, seed=9))
    g.es["weight"] = [1.0 + (i * 7) % 4 for i in range(g.ecount())]
    ref = g.betweenness(directed=False, weights=lengths_of(g))
    b = na.metrics.betweenness(g, method="exact", weighted=True, normalized=False, estimator="blocks")
    assert b.attrs["betweenness"]["decomposition"] == "biconnected blocks"
    assert b["betweenness"].to_numpy() == pytest.approx(ref, abs=1e-9)


def test_costs_are_dealt_evenly():
    d = decompose(flower(300))
    batches = batches_by_cost(d.pieces, 4)
    rows = sorted((i, lo, hi) for b in batches for i, lo, hi in b)
    for i, p in enumerate(d.pieces):  # every source row of every piece exactly once
        mine = [(lo, hi) for j, lo, hi in rows if j == i]
        assert sum(hi - lo for lo, hi in mine) == p.a.shape[0]
    assert _blocks.PACK_SIZE > 3  # small blocks were packed: few pieces for 300 petals
    assert len(d.pieces) < 10


# --- twins --------------------------------------------------------------------------------


def patents_graph(n_actors: int, n_patents: int, seed: int, copies: int = 0) -> ig.Graph:
    """A co-patent-like graph: each patent a clique of 2-4 actors (hubs more likely), plus
    ``copies`` actors that copy another actor's partners (planted false twins)."""
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, n_actors + 1) ** 0.8
    p /= p.sum()
    edges = set()
    for _ in range(n_patents):
        team = rng.choice(n_actors, size=rng.integers(2, 5), replace=False, p=p)
        edges |= {(min(a, b), max(a, b)) for a in team for b in team if a < b}
    g = ig.Graph(n_actors, sorted(edges))
    for _ in range(copies):
        src = int(rng.integers(n_actors))
        new = g.vcount()
        g.add_vertices(1)
        g.add_edges([(new, x) for x in g.neighbors(src)])
    return g


def multipartite(*sizes: int) -> ig.Graph:
    """Complete multipartite graph: each part is a class of false twins joined to the others."""
    start = np.cumsum((0, *sizes))
    parts = [range(start[i], start[i + 1]) for i in range(len(sizes))]
    return ig.Graph([(a, b) for i, pa in enumerate(parts) for pb in parts[i + 1:] for a in pa for b in pb])


TWIN_GRAPHS = {
    "complete bipartite 3 x 4": multipartite(3, 4),
    "complete multipartite 2, 3, 4": multipartite(2, 3, 4),
    # two universities with the same 12 SME partners, one with 5 leaves, the other with 2:
    # false twins that are cut vertices of different weight
    "twin cut vertices": ig.Graph([(u, s) for u in (0, 1) for s in range(2, 14)]
                                  + [(0, 14 + i) for i in range(5)] + [(1, 19 + i) for i in range(2)]),
    # one patent of five SMEs and a university that has three more partners: the SMEs are
    # true twins; the university's other partners share a second hub
    "true twins": ig.Graph([(a, b) for a in range(6) for b in range(a + 1, 6)]
                           + [(0, 6), (0, 7), (0, 8), (6, 9), (7, 9), (8, 9), (9, 10)]),
    "random co-patents with planted twins": patents_graph(300, 260, seed=3, copies=60),
}


@pytest.mark.parametrize("name", list(TWIN_GRAPHS))
def test_twins_merged_equal_igraph(name):
    g = TWIN_GRAPHS[name]
    assert decompose(g).stats["twins_merged"] > 0
    assert kernel_bc(g) == pytest.approx(g.betweenness(directed=False), abs=1e-9)


def test_twins_hand_worked():
    # K_{3,4}: the 3 pairs of the small side are shared by the 4 common neighbours (3/4
    # each), the 6 pairs of the large side by 3 (2 each); nothing else lies between
    d = decompose(multipartite(3, 4))
    assert d.twin_pairs.tolist() == pytest.approx([2, 2, 2, 0.75, 0.75, 0.75, 0.75])
    assert d.stats["twins_merged"] == 5
    assert [p.a.shape[0] for p in d.pieces] == [2]
    assert kernel_bc(multipartite(3, 4)).tolist() == pytest.approx([2, 2, 2, 0.75, 0.75, 0.75, 0.75])


def test_twin_classes_are_confirmed_not_trusted_to_the_hash(monkeypatch):
    g = TWIN_GRAPHS["random co-patents with planted twins"]
    a = _blocks.adjacency(g)
    hashed = _blocks.twin_classes(a)
    assert (np.bincount(hashed[0]) > 1).sum() > 10  # many classes found with real hashes
    # every row hashing alike: rows are merged only when their sets are equal (fewer merges,
    # never a wrong one), and the betweenness stays exact
    monkeypatch.setattr(_blocks, "_set_hashes", lambda a, seed: (np.zeros(a.shape[0], np.uint64),) * 2)
    for label, false in (_blocks.twin_classes(a), hashed):
        for c in np.flatnonzero(np.bincount(label) > 1):
            rows = np.flatnonzero(label == c)
            sets = {frozenset(g.neighbors(int(v))) | (set() if false[c] else {int(v)}) for v in rows}
            assert len(sets) == 1
    assert kernel_bc(g) == pytest.approx(g.betweenness(directed=False), abs=1e-9)


def test_twins_through_the_public_function_with_threads(monkeypatch):
    import netanalysis._parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_WORK", 0)  # threads even on a small graph
    g = named(patents_graph(400, 380, seed=7, copies=80))
    ref = g.betweenness(directed=False)
    for jobs in (1, 2):
        b = na.metrics.betweenness(g, method="exact", normalized=False, n_jobs=jobs)
        assert b.attrs["betweenness"]["decomposition"] == "biconnected blocks, twins"
        assert b["betweenness"].to_numpy() == pytest.approx(ref, abs=1e-9)


# --- sampled through blocks ---------------------------------------------------------------


def sampled(g: ig.Graph, k: int, seed: int, jobs: int = 1):
    return na.metrics.betweenness(g, normalized=False, method="sampled", k=k, seed=seed, estimator="blocks",
                                  n_jobs=jobs)


def test_block_sampling_is_unbiased_and_its_se_is_honest(monkeypatch):
    monkeypatch.setattr(sys.modules["netanalysis.metrics.betweenness.sampled"], "CHEAP_PIECE", 0.0)  # sample every piece
    g = named(patents_graph(500, 420, seed=11, copies=40))
    exact = np.asarray(g.betweenness(directed=False))
    runs = [sampled(g, 60, seed) for seed in range(300)]
    est = np.stack([r["betweenness"].to_numpy() for r in runs])
    se = np.stack([r["betweenness_se"].to_numpy() for r in runs])
    assert runs[0].attrs["betweenness"]["estimator"] == "blocks, pps"
    top = np.argsort(-exact)[:20]
    spread = est[:, top].std(axis=0)
    # Horvitz–Thompson is unbiased: the mean of 300 estimates within 4 standard errors of it
    assert (spread[:5] > 0).all()  # sampled, not exact
    assert (np.abs(est[:, top].mean(axis=0) - exact[top]) <= 4 * spread / np.sqrt(300) + 1e-9).all()
    # Hájek's se matches the spread of the estimates for the leading actors (within 35 %)
    ratio = np.sqrt((se[:, top[:5]] ** 2).mean(axis=0)) / spread[:5]
    assert ((ratio > 0.65) & (ratio < 1.35)).all()


def test_block_sampling_closed_forms_are_exact_and_all_sources_give_exact():
    g = named(patents_graph(300, 260, seed=5, copies=30))
    exact = np.asarray(g.betweenness(directed=False))
    d = decompose(g)
    rows = sum(p.a.shape[0] for p in d.pieces)
    full = sampled(g, rows, seed=3)
    assert full["betweenness"].to_numpy() == pytest.approx(exact, abs=1e-9)
    assert (full["betweenness_se"] == 0).all()
    # a vertex outside every searched block (a tree hanging on the graph) is never estimated
    h = named(ig.Graph.disjoint_union(patents_graph(200, 180, seed=2), [ig.Graph.Tree(40, 2)]))
    est = sampled(h, 30, seed=1)["betweenness"].to_numpy()
    tree = np.arange(200, 240)
    assert est[tree] == pytest.approx(np.asarray(h.betweenness(directed=False))[tree], abs=1e-9)


def test_block_sampling_of_a_forest_is_exact():
    # no block of three or more: nothing to draw, the closed forms are the whole answer
    g = named(ig.Graph.disjoint_union(ig.Graph.Tree(50, 3), [ig.Graph.Star(9), ig.Graph(4)]))
    b = sampled(g, 5, seed=1)
    assert b["betweenness"].to_numpy() == pytest.approx(g.betweenness(directed=False), abs=1e-9)
    assert (b["betweenness_se"] == 0).all() and b.attrs["betweenness"]["method"] == "exact"


def test_block_sampling_same_for_any_number_of_threads(monkeypatch):
    import netanalysis._parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_WORK", 0)
    g = named(patents_graph(400, 380, seed=7, copies=20))
    a, b = sampled(g, 50, seed=4, jobs=1), sampled(g, 50, seed=4, jobs=2)
    assert a["betweenness"].to_numpy() == pytest.approx(b["betweenness"].to_numpy(), rel=1e-12, abs=1e-12)
    assert a["betweenness_se"].to_numpy() == pytest.approx(b["betweenness_se"].to_numpy(), rel=1e-9, abs=1e-12)


def test_block_estimator_refuses_networkx_and_samples_weighted_paths():
    g = named(patents_graph(300, 260, seed=1))
    with pytest.raises(na.NetworkInputError, match="estimator='blocks'"):
        na.metrics.betweenness(g, k=10, backend="networkx", estimator="blocks")
    g.es["weight"] = [1.0 + i % 3 for i in range(g.ecount())]
    ref = np.asarray(g.betweenness(directed=False, weights=lengths_of(g)))
    rows = sum(p.a.shape[0] for p in decompose(g, np.asarray(lengths_of(g))).pieces)
    kw = dict(normalized=False, method="sampled", estimator="blocks", weighted=True)
    full = na.metrics.betweenness(g, k=rows, **kw)
    assert full["betweenness"].to_numpy() == pytest.approx(ref, abs=1e-9)
    part = na.metrics.betweenness(g, k=rows // 4, seed=2, **kw)
    assert part.attrs["betweenness"]["estimator"] == "blocks, pps"
    assert 0 < np.abs(part["betweenness"].to_numpy() - ref).max() <= 6 * part["betweenness_se"].max()


def test_auto_samples_through_blocks_only_on_a_shattered_graph(monkeypatch):
    """Unweighted, the linear estimator runs through the blocks on any graph.  Weighted, the
    compiled block sampler takes a shattered graph (when large enough for it); uniform
    sampling takes one giant block."""
    shattered = named(ig.Graph.disjoint_union(flower(120), [patents_graph(200, 150, seed=4)]))
    giant = named(ig.Graph.Erdos_Renyi(300, 0.05))  # one block holds all the work
    engine = sys.modules["netanalysis.metrics.betweenness"]
    limit = engine.BLOCK_SAMPLE_LIMIT
    assert decompose(shattered).stats["work_fraction"] <= limit < decompose(giant).stats["work_fraction"]
    est = {name: na.metrics.betweenness(g, k=40, seed=1).attrs["betweenness"]["estimator"]
           for name, g in (("shattered", shattered), ("giant", giant))}
    assert est == {"shattered": "linear-scaled, pps, blocks", "giant": "linear-scaled, pps, blocks"}
    monkeypatch.setattr(engine, "BLOCK_MIN_WORK", 0)
    for g in (shattered, giant):
        g.es["weight"] = 1.0
    est = {name: na.metrics.betweenness(g, k=40, seed=1, weighted=True).attrs["betweenness"]["estimator"]
           for name, g in (("shattered", shattered), ("giant", giant))}
    assert est == {"shattered": "blocks, pps", "giant": "uniform"}
    # exact goes through the blocks either way
    assert na.metrics.betweenness(giant).attrs["betweenness"]["decomposition"] == "biconnected blocks, twins"
