"""Exact betweenness: Brandes' algorithm by igraph's C core over leaf-reduced sources, by networkx
(``backend="networkx"``), or through the biconnected blocks (:mod:`.blocks`)."""

from __future__ import annotations

from fractions import Fraction

import igraph as ig
import networkx as nx
import numpy as np

from ..._parallel import map_batches
from .blocks import Decomposition, batches_by_cost, compile_kernel, piece_kernel

Groups = list[tuple[float, list[int]]]  # (multiplicity, sources): one batch of the kernel


def _subset_betweenness(g: ig.Graph, sources: list[int], weights: list[float] | None) -> np.ndarray:
    """Kernel: Σ over ``sources`` of each vertex's dependency ``x_s(v) = δ_s(v) / 2``.

    With ``sources`` = all vertices this is the exact (unnormalised) betweenness; it is
    additive over disjoint source sets, which is what the parallel path uses.
    """
    if len(sources) == g.vcount():
        return np.asarray(g.betweenness(directed=False, weights=weights), dtype=float)
    return np.asarray(
        g.betweenness(directed=False, weights=weights, sources=sources, targets=None), dtype=float
    )


def _weighted_subset(g: ig.Graph, groups: Groups, weights: list[float] | None) -> np.ndarray:
    """Kernel over one batch: Σ over groups of ``multiplicity × Σ_{s in sources} x_s(v)``."""
    out = np.zeros(g.vcount())
    for mult, sources in groups:
        out += mult * _subset_betweenness(g, sources, weights)
    return out


def _plain_kernel(state: tuple[ig.Graph, list[float] | None], groups: Groups) -> np.ndarray:
    """Kernel of exact and uniformly sampled betweenness; ``state = (graph, weights)``."""
    g, weights = state
    return _weighted_subset(g, groups, weights)


def _leaf_reduction(g: ig.Graph) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sources that carry betweenness, their multiplicities, and the exact leaf terms.

    A leaf ``s`` (one neighbour ``h``, in a component of size ``c >= 3``) reaches every
    other vertex through ``h``, so ``δ_s(h) = c − 2`` and ``δ_s(v) = δ_h(v)`` for every other
    ``v``.  Hence ``Σ_s δ_s(v) = Σ_{s in N} (1 + L_s) δ_s(v) + L_v (c_v − 2)``, where ``N``
    holds the non-leaf vertices of components of size >= 3 and ``L_s`` counts the leaves
    hanging on ``s``.  Vertices of components of size <= 2 lie on no shortest path.

    The linear estimator counts pairs instead: those with a leaf of ``v`` as an endpoint
    and ``v`` strictly inside their path number ``L_v (c_v − 1) − L_v (L_v + 1) / 2``
    (pairs leaf–other, minus the pairs leaf–``v`` and the leaf–leaf pairs counted twice).

    Returns
    -------
    (sources N, multiplicities 1 + L_s, leaf term x(v) = L_v (c_v − 2) / 2 of the Brandes
    sum, leaf pairs L_v (c_v − 1) − L_v (L_v + 1) / 2 of the pair sum)
    """
    n = g.vcount()
    simple = g.copy()
    simple.simplify(multiple=True, loops=True, combine_edges=None)
    deg = np.asarray(simple.degree())
    memb = np.asarray(g.connected_components().membership)
    size = np.bincount(memb)[memb]
    leaf = (deg == 1) & (size >= 3)
    el = np.asarray(simple.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    u, v = el[:, 0], el[:, 1]
    hub = np.concatenate([v[leaf[u]], u[leaf[v]]])  # the neighbour of every leaf
    n_leaves = np.bincount(hub, minlength=n)
    sources = np.flatnonzero((deg >= 2) & (size >= 3))
    leaf_pairs = n_leaves * (size - 1) - n_leaves * (n_leaves + 1) / 2
    return sources, 1 + n_leaves[sources], n_leaves * (size - 2) / 2.0, leaf_pairs


def _groups(sources: np.ndarray, mult: np.ndarray) -> Groups:
    """One batch as ``[(multiplicity, sorted sources), ...]``."""
    return [(float(w), sorted(sources[mult == w].tolist())) for w in np.unique(mult)]


def _bare(g: ig.Graph) -> ig.Graph:
    """Topology only (what workers need; attributes would only slow pickling)."""
    return ig.Graph(n=g.vcount(), edges=g.get_edgelist(), directed=False)


def exact_distances(G: nx.Graph) -> nx.Graph:
    """A copy whose edges carry ``distance = 1 / weight`` as exact fractions.

    Path lengths that are equal in exact arithmetic (1/2 + 1/2 = 1) then compare equal,
    as they do in igraph (which compares with a tolerance); float sums would not.
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes())
    H.add_edges_from(
        (u, v, {"distance": 1 / Fraction(d["weight"]).limit_denominator(10**9)})
        for u, v, d in G.edges(data=True)
    )
    return H


def _betweenness_networkx(G: nx.Graph, weighted: bool, sources: list, exact: bool) -> dict:
    H = G
    weight = None
    if weighted:
        H = exact_distances(G)
        weight = "distance"
    if exact:
        return nx.betweenness_centrality(H, normalized=False, weight=weight)
    return nx.betweenness_centrality_subset(H, sources=sources, targets=list(H), normalized=False,
                                            weight=weight)


def _block_batches(jobs: int, client) -> int:
    """How many batches the block kernel's sources are dealt into: a few per thread, so the
    threads finish together; 64 tasks on a dask cluster."""
    return max(1, 4 * jobs if client is None else 64)


def _exact_by_blocks(d: Decomposition, jobs: int, client) -> np.ndarray:
    """Exact unnormalised betweenness through the biconnected blocks (see :mod:`._blocks`),
    the blocks' sources dealt to ``jobs`` threads (the compiled kernel releases the GIL) or
    to the dask ``client``, by cost."""
    out = d.separation + d.twin_pairs
    if not d.pieces:
        return out
    compile_kernel()
    batches = batches_by_cost(d.pieces, _block_batches(jobs, client))
    work = sum(p.cost for p in d.pieces)
    for part in map_batches(piece_kernel, d.pieces, batches, jobs, work, client, threads=True):
        out[: len(part)] += part
    return out
