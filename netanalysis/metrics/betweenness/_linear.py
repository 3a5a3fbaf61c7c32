"""Kernel of the sampled betweenness estimator: linearly scaled dependencies, batched.

Private: :func:`netanalysis.metrics.betweenness` is the public wrapper.  Breadth-first
search from ``B`` sources at once is a sparse-matrix × dense-matrix product per level
(scipy), so the work is vectorised over sources and vertices (no Python loop over either).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import igraph as ig
import numpy as np
import scipy.sparse as sp

from .._compiled import njit_cached

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


def scaled_dependencies(a: sp.csr_matrix, sources: np.ndarray, weight: np.ndarray,
                        members: np.ndarray | None = None, ego: np.ndarray | None = None) -> np.ndarray:
    """Dependencies of every vertex (per member of each row) on each source, with every
    pair's credit split between its two ends (one column per source).

    ``y_s(v) = Σ_t W_t f(d(s,v), d(s,t)) σ_st(v)/σ_st`` over targets ``t ≠ s, v`` with the
    scaling ``f(i, D) = i/D`` (Geisberger, Sanders & Schultes 2008), except that a neighbour
    of ``v`` gets no share of a pair ``(s, t)`` that ``v`` lies on and the other end all of it:
    ``f(1, D) = 0`` and ``f(D − 1, D) = 1`` for ``D >= 3``.  Pairs at distance 2 through ``v``
    (``D = 2``) are counted exactly elsewhere where ``ego[v]`` (:func:`ego_pairs`), else
    split in half.  Since ``f(i, D) + f(D − i, D) = 1``, summed over all sources weighted by
    ``W_s`` it is ``Σ_{s<t} W_s W_t σ_st(v)/σ_st`` (less the ego pairs).

    A row standing for ``members[v]`` identical vertices (twins, see
    :func:`netanalysis.metrics.betweenness.blocks.merge_twins`) multiplies the paths through
    it, ``σ(w) = Σ_{v ∈ P(w)} m(v) a_vw σ(v)`` (the source counting once); the dependency is
    per member.

    Notes
    -----
    Brandes' recursion with target weights ``W_t / d(s, t)`` gives the linear part,
    ``φ_s(v) = Σ_{w: v precedes w} a_vw σ_sv/σ_sw (W_w / d(s,w) + m_w φ_s(w))`` and
    ``i φ_s(v)``; the targets right behind ``v`` (``D = i + 1``) add
    ``σ_sv Σ_w a_vw W_w / σ_sw`` times ``1/(i + 1)`` (their share rises from ``i/(i+1)`` to 1).
    Every level of the forward search and of the backward sweep is one product ``A @ X``
    over the block's sources.

    Examples
    --------
    Path 0–1–2–3 from source 0: the pair (0, 3) passes 2, right before its end (all of it),
    and 1, a neighbour of the source (none); the pair (0, 2) is an ego pair of 1: half of it
    here, none when :func:`ego_pairs` counts it.

    >>> g = ig.Graph([(0, 1), (1, 2), (2, 3)])
    >>> scaled_dependencies(adjacency(g), np.array([0]), np.ones(4))[:, 0].tolist()
    [0.0, 0.5, 1.0, 0.0]
    >>> scaled_dependencies(adjacency(g), np.array([0]), np.ones(4), ego=np.ones(4, bool))[:, 0].tolist()
    [0.0, 0.0, 1.0, 0.0]
    """
    n, b = a.shape[0], len(sources)
    cols = np.arange(b)
    mem = np.ones((n, 1)) if members is None else members.astype(float)[:, None]
    dist = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    front = sigma.copy()  # the source passes its paths on once, whatever its class's size
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
        front *= mem
    phi = np.zeros((n, b))
    direct = np.zeros((n, b))
    w = weight[:, None]
    for level in range(depth, 1, -1):  # backward; level 1 only feeds the sources (d = 0)
        at = dist == level
        inv = np.where(at, 1.0 / np.where(at, sigma, 1.0), 0.0)
        target = a @ (w * inv)
        prev = dist == level - 1
        phi += np.where(prev, sigma * (target / level + a @ (mem * phi * inv)), 0.0)
        direct += np.where(prev, sigma * target, 0.0)
    out = np.where(dist >= 2, dist * phi + direct / (np.maximum(dist, 0) + 1.0), 0.0)
    half = dist == 1
    if ego is not None:
        half &= ~ego[:, None]
    return out + np.where(half, 0.5 * direct, 0.0)


def _ego_pairs_py(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, weight: np.ndarray,
                  members: np.ndarray, max_degree: int, hub: np.ndarray, hub_sigma: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Per row ``v`` of at most ``max_degree`` neighbours: ``Σ W_x W_y a_xv a_vy / σ_xy`` over
    pairs of non-adjacent neighbours ``x < y`` (per member of ``v``), with
    ``σ_xy = Σ_c a_xc m_c a_cy``; and which rows were counted.  Sorted indices.  A pair of
    hubs (``hub[x] >= 0``) reads ``σ`` from ``hub_sigma`` (``-1``: adjacent): their lists are
    long and many rows share them."""
    n = len(indptr) - 1
    out = np.zeros(n)
    done = np.zeros(n, dtype=np.bool_)
    for v in range(n):
        lo, hi = indptr[v], indptr[v + 1]
        if hi - lo > max_degree:
            continue
        done[v] = True
        for p in range(lo, hi):
            x = indices[p]
            for q in range(p + 1, hi):
                y = indices[q]
                if hub[x] >= 0 and hub[y] >= 0:
                    sigma = hub_sigma[hub[x], hub[y]]
                    if sigma > 0:
                        out[v] += weight[x] * weight[y] * data[p] * data[q] / sigma
                    continue
                # walk the shorter list, binary search the longer: adjacency and σ_xy
                if indptr[x + 1] - indptr[x] <= indptr[y + 1] - indptr[y]:
                    short, other = x, y
                else:
                    short, other = y, x
                olo, ohi = indptr[other], indptr[other + 1]
                sigma = 0.0
                adjacent = False
                for r in range(indptr[short], indptr[short + 1]):
                    c = indices[r]
                    if c == other:
                        adjacent = True
                        break
                    i, j = olo, ohi
                    while i < j:
                        mid = (i + j) // 2
                        if indices[mid] < c:
                            i = mid + 1
                        else:
                            j = mid
                    if i < ohi and indices[i] == c:
                        sigma += data[r] * data[i] * members[c]
                if not adjacent and sigma > 0:
                    out[v] += weight[x] * weight[y] * data[p] * data[q] / sigma
    return out, done


@lru_cache(maxsize=1)
def _ego_compiled() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    return njit_cached(_ego_pairs_py)


#: Rows with more neighbours than this leave their ego pairs to the sample (split in half):
#: the exact count costs the square of the degree, and a hub's ego pairs are spread over many
#: sources anyway (measured: the se's coverage is the same with 16 or unlimited).
EGO_MAX_DEGREE = 64


#: Pairs among this many best-connected rows read their number of paths from a table.
_EGO_HUBS = 1024


def ego_pairs(a: sp.csr_matrix, weight: np.ndarray, members: np.ndarray | None = None,
              max_degree: int = EGO_MAX_DEGREE) -> tuple[np.ndarray, np.ndarray]:
    """Exact credit of the pairs at distance 2 through each row (its ego betweenness,
    Everett & Borgatti 2005, with weights ``W``), per member, for rows of at most
    ``max_degree`` neighbours; and the mask of those rows.

    Examples
    --------
    A star with three leaves: three pairs of leaves, all through the centre.

    >>> ego_pairs(adjacency(ig.Graph.Star(4)), np.ones(4))[0].tolist()
    [3.0, 0.0, 0.0, 0.0]
    """
    a = a.tocsr()
    a.sort_indices()
    n = a.shape[0]
    mem = np.ones(n, dtype=np.int64) if members is None else members.astype(np.int64)
    # the _EGO_HUBS best-connected rows: σ of each pair of them from one sparse product
    degree = np.diff(a.indptr)
    big = np.argsort(-degree, kind="stable")[: min(_EGO_HUBS, n)]
    big = big[degree[big] > max_degree]
    hub = np.full(n, -1, dtype=np.int64)
    hub[big] = np.arange(len(big))
    rows, h = a[big], len(big)
    hub_sigma = np.asarray((rows @ sp.diags(mem.astype(float)) @ rows.T).todense(), dtype=float).reshape(h, h)
    hub_sigma[np.asarray(rows[:, big].todense()).reshape(h, h) > 0] = -1.0  # adjacent: no pair
    return _ego_compiled()(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data.astype(float),
                           weight.astype(float), mem, int(max_degree), hub, hub_sigma)


def _funnel_py(indptr: np.ndarray, indices: np.ndarray, degree: np.ndarray, cap: int, reach: np.ndarray,
               widest: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Per row ``s``: the largest share of its second step that runs into one vertex ``v``,
    ``max_v P_sv d_v / Σ_v P_sv d_v`` over ``v`` two steps away (``P_sv`` paths of length 2,
    ``d_v`` partners).  A partner ``u`` of more than ``cap`` partners is not walked: it adds
    ``reach[u] = Σ_{v ∈ N(u)} d_v`` below and ``widest[u] = max_{v ∈ N(u)} d_v`` above."""
    n = len(indptr) - 1
    out = np.zeros(n)
    paths = np.zeros(n)
    touched = np.empty(n, dtype=np.int64)
    partner = np.zeros(n, dtype=np.bool_)
    for s in range(n):
        for p in range(indptr[s], indptr[s + 1]):
            partner[indices[p]] = True
        top, total, nt = 0.0, 0.0, 0
        for p in range(indptr[s], indptr[s + 1]):
            u = indices[p]
            if degree[u] > cap:
                total += reach[u]
                top = max(top, widest[u])
                continue
            for q in range(indptr[u], indptr[u + 1]):
                v = indices[q]
                if v == s or partner[v]:
                    continue
                if paths[v] == 0:
                    touched[nt] = v
                    nt += 1
                paths[v] += 1.0
        for j in range(nt):
            v = touched[j]
            score = paths[v] * degree[v]
            total += score
            top = max(top, score)
            paths[v] = 0.0
        for p in range(indptr[s], indptr[s + 1]):
            partner[indices[p]] = False
        out[s] = top / total if total > 0 else 0.0
    return out


@lru_cache(maxsize=1)
def _funnel_compiled() -> Callable[..., np.ndarray]:
    return njit_cached(_funnel_py)


def funnel(a: sp.csr_matrix, cap: int = EGO_MAX_DEGREE) -> np.ndarray:
    """How much of each row's second step runs into a single vertex (0–1): a source whose
    search funnels through one broker two steps away hands that broker a large share of its
    pairs, so it is worth drawing more often (see :func:`netanalysis.metrics.betweenness`).

    Examples
    --------
    Path 0–1–2 and leaves 3, 4, 5 on 2: two steps from 0 there is only 2 (share 1); from 3
    there are 1 (two partners) and the leaves 4 and 5 (one each), so 2 / 4.

    >>> g = ig.Graph([(0, 1), (1, 2), (2, 3), (2, 4), (2, 5)])
    >>> funnel(adjacency(g)).round(2).tolist()
    [1.0, 0.33, 1.0, 0.5, 0.5, 0.5]
    """
    a = a.tocsr()
    degree = np.diff(a.indptr).astype(np.int64)
    deg_f = degree.astype(float)
    reach = np.asarray(a.astype(bool).astype(float) @ deg_f).ravel()
    widest = np.zeros(a.shape[0])
    rows = np.repeat(np.arange(a.shape[0]), degree)
    np.maximum.at(widest, rows, deg_f[a.indices])
    return _funnel_compiled()(a.indptr.astype(np.int64), a.indices.astype(np.int64), degree, int(cap), reach, widest)


def linear_kernel(state: tuple[list, list[np.ndarray], int], batch: list[tuple[int, np.ndarray, np.ndarray]]
                  ) -> np.ndarray:
    """Kernel over one batch of sampled sources: per global vertex (columns) the rows
    ``Σ y_s``, ``Σ (1 − π_s) y_s``, ``Σ (1 − π_s) y_s²`` (the sums :func:`hajek_se` needs) and
    the number of uncertain sources (``π_s < 1``) with ``y_s > 0``.

    ``state = (pieces, ego masks, n)`` (pieces of
    :class:`netanalysis.metrics.betweenness.blocks.Piece`); ``batch = [(piece, source rows,
    π), …]``; ``y_s = W_s y_s(v) / π_s`` is a source's Horvitz–Thompson term
    (:func:`scaled_dependencies`).  Sources run in blocks of ``_BLOCK_CELLS / n`` columns.
    """
    pieces, ego, n = state
    out = np.zeros((4, n))
    for i, rows, pi in batch:
        piece = pieces[i]
        size = piece.a.shape[0]
        width = max(1, _BLOCK_CELLS // max(size, 1))
        for lo in range(0, len(rows), width):
            s, p = rows[lo:lo + width], pi[lo:lo + width]
            y = scaled_dependencies(piece.a, s, piece.weight, piece.members, ego[i]) * (piece.weight[s] / p)
            c = 1 - p
            sums = (y.sum(axis=1), (y * c).sum(axis=1), (y**2 * c).sum(axis=1), ((y > 0) & (c > 0)).sum(axis=1))
            for j, row in enumerate(sums):  # each member of a row; a cut vertex is a row of each block
                out[j] += np.bincount(piece.vertices, weights=row[piece.row], minlength=n)
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


def stratified_order(pi: np.ndarray, rng: np.random.Generator, draws: float = 2.0) -> np.ndarray:
    """The units in list order, turned at a random place, cut into consecutive strata of
    about ``draws`` expected draws each, and shuffled within each stratum.

    A systematic sample over this order (:func:`systematic_sample`) takes about ``draws``
    units from each stratum: units next to each other in the list (neighbours in the graph,
    when the list is in reverse Cuthill–McKee order) share the draws instead of being missed
    together (implicit stratification, Cochran 1977, ch. 8), while the shuffle keeps the
    sample free of the list's periodicities.

    Examples
    --------
    >>> order = stratified_order(np.full(8, 0.5), np.random.default_rng(0))
    >>> sorted(order.tolist())
    [0, 1, 2, 3, 4, 5, 6, 7]
    """
    n = len(pi)
    base = np.roll(np.arange(n), -int(rng.integers(max(n, 1))))
    stratum = np.floor((np.cumsum(pi[base]) - pi[base] / 2) / draws)
    return base[np.lexsort((rng.random(n), stratum))]


def systematic_sample(pi: np.ndarray, rng: np.random.Generator, order: np.ndarray | None = None) -> np.ndarray:
    """Indices drawn by systematic πps sampling (Madow 1949) over a random order, or over
    ``order`` (e.g. :func:`stratified_order`).

    Unit ``i`` is in the sample with probability exactly ``π_i`` whatever the order; the
    sample size is ``Σ π`` (rounded).  Sorted indices.
    """
    order = rng.permutation(len(pi)) if order is None else order
    cum = np.cumsum(pi[order])
    cum *= np.round(cum[-1]) / cum[-1]  # the sum is a whole number up to rounding: make it exact
    u = rng.random()
    hits = np.floor(cum - u) - np.floor(np.concatenate([[0.0], cum[:-1]]) - u)
    return np.sort(order[hits > 0])
