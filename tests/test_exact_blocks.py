"""Exact betweenness through biconnected blocks equals igraph's, on graphs built to stress
every part of the decomposition."""

from __future__ import annotations

import sys

import igraph as ig
import numpy as np
import pytest

import netanalysis as na
from netanalysis.metrics import _blocks
from netanalysis.metrics._blocks import batches_by_cost, decompose, piece_kernel


def kernel_bc(g: ig.Graph, n_batches: int = 3) -> np.ndarray:
    """The decomposition's answer straight from the kernel (multigraphs allowed)."""
    d = decompose(g)
    out = d.separation.copy()
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
    monkeypatch.setattr(sys.modules["netanalysis.metrics.centrality"], "BLOCK_MIN_WORK", 0)


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
    assert a.attrs["betweenness"]["decomposition"] == "biconnected blocks"


def test_one_giant_block_goes_to_igraph_and_weighted_keeps_the_leaf_rule():
    g = named(ig.Graph.Full(30))
    limit = sys.modules["netanalysis.metrics.centrality"].BLOCK_WORK_LIMIT
    assert decompose(g).stats["work_fraction"] > limit
    assert na.metrics.betweenness(g, method="exact").attrs["betweenness"]["decomposition"] == "leaves"
    h = named(flower(40))
    h.es["weight"] = [1.0 + (i % 3) for i in range(h.ecount())]
    w = na.metrics.betweenness(h, method="exact", weighted=True, normalized=False)
    assert w.attrs["betweenness"]["decomposition"] == "leaves"
    ref = h.betweenness(directed=False, weights=sys.modules["netanalysis.metrics.centrality"].distances_from_weights(h))
    assert w["betweenness"].to_numpy() == pytest.approx(ref, abs=1e-9)


def test_costs_are_dealt_evenly():
    d = decompose(flower(300))
    batches = batches_by_cost(d.pieces, 4)
    rows = sorted((i, lo, hi) for b in batches for i, lo, hi in b)
    for i, p in enumerate(d.pieces):  # every source row of every piece exactly once
        mine = [(lo, hi) for j, lo, hi in rows if j == i]
        assert sum(hi - lo for lo, hi in mine) == len(p.vertices)
    assert _blocks.PACK_SIZE > 3  # small blocks were packed: few pieces for 300 petals
    assert len(d.pieces) < 10
