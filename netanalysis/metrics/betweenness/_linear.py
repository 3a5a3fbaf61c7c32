"""Kernel of the sampled betweenness estimator: linearly scaled dependencies, batched.

Private: :func:`netanalysis.metrics.betweenness` is the public wrapper.  Breadth-first
search from ``B`` sources at once is a sparse-matrix × dense-matrix product per level
(scipy), so the work is vectorised over sources and vertices (no Python loop over either).
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import scipy.sparse as sp

#: Cells (vertices × sources) of one block of the batched search: about 8 float arrays of
#: this many cells are alive at once, so 2e6 keeps a block near 130 MB.
_BLOCK_CELLS = 2_000_000


def adjacency(g: ig.Graph, vertices: np.ndarray | None = None) -> sp.csr_matrix:
    """Symmetric adjacency matrix with edge multiplicities (parallel edges are distinct paths,
    as in igraph's betweenness); loops dropped.  With ``vertices``, the subgraph they induce,
    numbered in their order."""
    el = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    n = g.vcount()
    if vertices is not None:
        pos = np.full(n, -1)
        pos[vertices] = np.arange(len(vertices))
        el = pos[el]
        el = el[(el >= 0).all(axis=1)]
        n = len(vertices)
    el = el[el[:, 0] != el[:, 1]]
    rows, cols = np.r_[el[:, 0], el[:, 1]], np.r_[el[:, 1], el[:, 0]]
    a = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    a.sum_duplicates()
    return a


def linear_dependencies(a: sp.csr_matrix, sources: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """Linearly scaled dependencies of every vertex on each source (one column per source).

    ``δ̃_s(v) = d(s, v) Σ_t ω_t σ_st(v) / (σ_st d(s, t))`` over targets ``t ≠ s, v``, with
    ``σ_st`` the number of shortest s–t paths and ``σ_st(v)`` those through ``v``.  Summed
    over all sources ``s`` weighted by ``ω_s`` it is ``Σ_{s<t} ω_s ω_t σ_st(v)/σ_st``
    (the two directions of a pair add ``d(s,v)/d(s,t) + d(t,v)/d(s,t) = 1``).

    Notes
    -----
    Brandes' recursion with target weights ``f(t) = ω_t / d(s, t)``:
    ``φ_s(v) = Σ_{w: v precedes w} σ_sv/σ_sw (f(w) + φ_s(w))`` and ``δ̃_s(v) = d(s,v) φ_s(v)``
    (Geisberger, Sanders & Schultes 2008).  Every level of the forward search and of the
    backward sweep is one product ``A @ X`` over the block's sources.

    Examples
    --------
    Path 0–1–2 from source 0: the pair (0, 2) passes 1 at half its length, so 1/2.

    >>> g = ig.Graph([(0, 1), (1, 2)])
    >>> linear_dependencies(adjacency(g), np.array([0]), np.ones(3))[:, 0].tolist()
    [0.0, 0.5, 0.0]
    """
    n, b = a.shape[0], len(sources)
    cols = np.arange(b)
    dist = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    front = sigma.copy()
    depth = 0
    while True:  # forward: one level of all b searches per product
        reach = a @ front
        new = (reach > 0) & (dist < 0)
        if not new.any():
            break
        depth += 1
        dist[new] = depth
        front = np.where(new, reach, 0.0)
        sigma += front
    phi = np.zeros((n, b))
    om = omega[:, None]
    for level in range(depth, 1, -1):  # backward; level 1 only feeds the sources (d = 0)
        at = dist == level
        coef = np.where(at, (om / level + phi) / np.where(at, sigma, 1.0), 0.0)
        prev = dist == level - 1
        phi += np.where(prev, sigma * (a @ coef), 0.0)
    return phi * np.maximum(dist, 0)


def linear_kernel(state: tuple[sp.csr_matrix, np.ndarray], batch: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Kernel over one batch of sampled sources: ``Σ y_s, Σ (1 − π_s) y_s, Σ (1 − π_s) y_s²``
    per vertex (rows), the sums :func:`hajek_se` needs.

    ``state = (A, ω)``; ``batch = (sources, π)``; ``y_s = ω_s δ̃_s / π_s`` is a source's
    Horvitz–Thompson term.  Sources run in blocks of ``_BLOCK_CELLS / n`` columns.
    """
    a, omega = state
    sources, pi = batch
    n = a.shape[0]
    out = np.zeros((3, n))
    width = max(1, _BLOCK_CELLS // max(n, 1))
    for lo in range(0, len(sources), width):
        s, p = sources[lo:lo + width], pi[lo:lo + width]
        y = linear_dependencies(a, s, omega) * (omega[s] / p)
        out[0] += y.sum(axis=1)
        out[1] += (y * (1 - p)).sum(axis=1)
        out[2] += (y**2 * (1 - p)).sum(axis=1)
    return out


def hajek_se(s1: np.ndarray, s2: np.ndarray, pi: np.ndarray) -> np.ndarray:
    """Standard error of the Horvitz–Thompson total under fixed-size πps sampling.

    Hájek's approximation: ``v = k/(k−1) Σ (1 − π_s)(y_s − A)²`` with
    ``A = Σ (1 − π_s) y_s / Σ (1 − π_s)``, from ``s1 = Σ (1 − π_s) y_s`` and
    ``s2 = Σ (1 − π_s) y_s²`` (per vertex) and the sample's ``π``.  Zero when every source
    was certain; NaN for a sample of one.
    """
    k, c = len(pi), float((1 - pi).sum())
    if k < 2:
        return np.full(s1.shape, np.nan)
    if c <= 0:
        return np.zeros(s1.shape)
    return np.sqrt(np.maximum(k / (k - 1) * (s2 - s1**2 / c), 0.0))


def inclusion_probabilities(size: np.ndarray, k: int) -> np.ndarray:
    """``π_i ∝ size_i`` with ``Σ π = k`` and ``π <= 1`` (units that would exceed 1 are taken
    with certainty and the rest rescaled, repeatedly)."""
    pi = np.zeros(len(size))
    certain = np.zeros(len(size), dtype=bool)
    while True:
        rest = ~certain
        pi[rest] = (k - certain.sum()) * size[rest] / size[rest].sum()
        over = rest & (pi >= 1)
        if not over.any():
            break
        certain |= over
        pi[certain] = 1.0
    return pi


def systematic_sample(pi: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Indices drawn by systematic πps sampling over a random order (Madow 1949).

    Unit ``i`` is in the sample with probability exactly ``π_i``; the sample size is
    ``Σ π`` (rounded).  Sorted indices.
    """
    order = rng.permutation(len(pi))
    cum = np.cumsum(pi[order])
    cum *= np.round(cum[-1]) / cum[-1]  # the sum is a whole number up to rounding: make it exact
    u = rng.random()
    hits = np.floor(cum - u) - np.floor(np.concatenate([[0.0], cum[:-1]]) - u)
    return np.sort(order[hits > 0])
