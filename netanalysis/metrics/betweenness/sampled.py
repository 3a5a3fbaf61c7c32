"""Sampled betweenness: the split-pair estimator (linear scaling, Geisberger, Sanders &
Schultes 2008, with the broker's partners excluded and its ego pairs exact) through the
blocks, with stratified systematic πps sampling and Hájek standard errors; the compiled
block sampler; and uniform sources (Brandes & Pich 2007)."""

from __future__ import annotations

import igraph as ig
import numpy as np

from ..._parallel import map_batches
from .._graph import (
    Graph,
    as_networkx,
    distances_from_weights,
)
from ._linear import (
    ego_pairs,
    funnel,
    hajek_se,
    inclusion_probabilities,
    linear_kernel,
    stratified_order,
    systematic_sample,
)
from .blocks import Decomposition, compile_kernel, sample_kernel
from .exact import _bare, _betweenness_networkx, _block_batches, _groups, _plain_kernel

#: Sampled through blocks, a piece costing at most this share of all pieces is searched whole.
CHEAP_PIECE = 0.02

#: Sampled source rows are drawn with probability ∝ ``w / sqrt(partners)``, these many times
#: more for rows of two and three partners (see :func:`betweenness`, Notes)
CHAIN_BOOST = (3.0, 2.0)

#: ... and ``1 + this × funnel`` times more for a row whose second step runs into one vertex
#: (:func:`funnel`)
FUNNEL_WEIGHT = 2.0

#: ... systematically over the rows in graph order, cut into strata of about this many draws
#: and shuffled within them (see :func:`stratified_order`)
STRATUM_DRAWS = 2.0




def _batch_means_se(sums: np.ndarray, sizes: np.ndarray, n: int) -> np.ndarray:
    """Standard error of ``(n / k) Σ_s x_s`` from per-batch sums (rows); NaN with one batch."""
    k = sizes.sum()
    if len(sizes) < 2:
        return np.full(sums.shape[1], np.nan)
    xbar = sums.sum(axis=0) / k
    var = (sizes[:, None] * (sums / sizes[:, None] - xbar) ** 2).sum(axis=0) / (len(sizes) - 1)
    return n * np.sqrt(var / k * (1 - k / n))


def _brandes_pich(graph: Graph, g: ig.Graph, src: np.ndarray, mult: np.ndarray, leaf_term: np.ndarray,
                  k: int | None, seed: int | None, weighted: bool, backend: str, jobs: int,
                  client) -> tuple[np.ndarray, np.ndarray]:
    """Unnormalised betweenness and se: all sources of ``src`` (``k=None``, exact) or ``k``
    drawn uniformly (Brandes & Pich 2007), each with its multiplicity, plus the leaf term."""
    n, n_src = g.vcount(), len(src)
    if k is None:
        order = np.argsort(mult, kind="stable")  # few multiplicities per batch: few kernel calls
        src, mult = src[order], mult[order]
        n_batches = max(1, min(len(src), 8 * jobs if client is None else 64))  # small tasks: even finish
    else:
        pick = np.random.default_rng(seed).choice(len(src), size=k, replace=False)
        src, mult = src[pick], mult[pick]
        n_batches = min(k, max(50, 4 * jobs))  # batch means give the standard error
    cuts = [c for c in np.array_split(np.arange(len(src)), n_batches) if len(c)]
    batches = [_groups(src[c], mult[c]) for c in cuts]
    weights = distances_from_weights(g) if weighted else None
    if backend == "igraph":
        parts = map_batches(_plain_kernel, (_bare(g), weights), batches, jobs, n * len(src), client)
    else:
        G = as_networkx(graph)
        names = g.vs["name"]
        parts = []
        for b in batches:
            part = np.zeros(n)
            for w, group in b:
                res = _betweenness_networkx(G, weighted, [names[i] for i in group], False)
                part += w * np.array([res[nm] for nm in names], dtype=float)
            parts.append(part)
    raw = np.sum(parts, axis=0) if parts else np.zeros(n)
    if k is None:
        return raw + leaf_term, np.zeros(n)
    se = _batch_means_se(np.stack(parts), np.array([len(c) for c in cuts], dtype=float), n_src)
    return raw * (n_src / k) + leaf_term, se


def _drawn_and_cheap(d: Decomposition) -> tuple[list[int], list[int]]:
    """Pieces searched whole (each costing at most ``CHEAP_PIECE`` of all) and pieces sampled."""
    total_cost = sum(p.cost for p in d.pieces)
    cheap = [i for i, p in enumerate(d.pieces) if p.cost <= CHEAP_PIECE * total_cost]
    return cheap, [i for i in range(len(d.pieces)) if i not in cheap]


def _exact_pieces(d: Decomposition, which: list[int], jobs: int, client) -> np.ndarray:
    """``½ Σ_x w(x) δ_x(v)`` over every source row of the pieces ``which`` (the compiled kernel)."""
    out = np.zeros(len(d.separation))
    if not which:
        return out
    compile_kernel()
    n_batches = _block_batches(jobs, client)
    batches: list[list] = [[] for _ in range(n_batches)]
    for j, i in enumerate(which):
        batches[j % n_batches].append((i, np.arange(d.pieces[i].a.shape[0]), None, None))
    work = sum(d.pieces[i].cost for i in which)
    for part in map_batches(sample_kernel, d.pieces, [b for b in batches if b], jobs, work, client, threads=True):
        out[: part.shape[1]] += part[0]
    return out


def _sampled_linear(d: Decomposition, k: int, seed: int | None, jobs: int, client
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Unnormalised betweenness, se, number of uncertain sampled sources reaching each
    vertex, and sample size, through the blocks: the closed-form terms, the cheap pieces and
    the ego pairs exact, the rest from about ``k`` source rows drawn by ordered systematic πps
    sampling and split by :func:`scaled_dependencies` (see :func:`betweenness`, Notes).  The
    sample size counts the drawn rows (0 when every piece was searched whole: then exact)."""
    n = len(d.separation)
    cheap, drawn = _drawn_and_cheap(d)
    raw = d.separation + d.twin_pairs + _exact_pieces(d, cheap, jobs, client)
    se, reached = np.zeros(n), np.zeros(n)
    if not drawn:
        return raw, se, reached, 0
    pieces = [d.pieces[i] for i in drawn]
    ego = []
    for p in pieces:  # pairs at distance 2 through a vertex: counted exactly
        pairs, done = ego_pairs(p.a, p.weight, p.members)
        raw += np.bincount(p.vertices, weights=pairs[p.row], minlength=n)
        ego.append(done)
    degree = np.concatenate([np.diff(p.a.indptr) for p in pieces]).astype(float)
    size = np.concatenate([p.weight for p in pieces]) / np.sqrt(np.maximum(degree, 1.0))
    size *= np.where(degree == 2, CHAIN_BOOST[0], np.where(degree == 3, CHAIN_BOOST[1], 1.0))
    size *= 1.0 + FUNNEL_WEIGHT * np.concatenate([funnel(p.a) for p in pieces])
    pi = inclusion_probabilities(size, min(k, len(size)))
    # the pieces' rows are in reverse Cuthill–McKee order: neighbours sit close in the list
    rng = np.random.default_rng(seed)
    pick = systematic_sample(pi, rng, order=stratified_order(pi, rng, STRATUM_DRAWS))
    piece_of = np.repeat(np.arange(len(pieces)), [p.a.shape[0] for p in pieces])
    first = np.r_[0, np.cumsum([p.a.shape[0] for p in pieces])[:-1]]
    n_batches = min(len(pick), max(8, 4 * jobs) if client is None else 64)
    order = np.random.default_rng(seed).permutation(pick)  # mixed pieces: batches of even cost
    batches = []
    for c in np.array_split(order, n_batches):
        batch = []
        for i in np.unique(piece_of[c]):
            mine = np.sort(c[piece_of[c] == i])
            batch.append((int(i), mine - first[i], pi[mine]))
        if batch:
            batches.append(batch)
    work = sum(p.cost for p in pieces) * len(pick) / len(size) * 3.0  # a source costs about 3 igraph searches
    total = np.sum(map_batches(linear_kernel, (pieces, ego, n), batches, jobs, work, client), axis=0)
    raw += total[0]
    se = hajek_se(total[1], total[2], pi[pick])
    return raw, se, total[3], 0 if (pi >= 1).all() else len(pick)  # every row certain: exact


def _sampled_by_blocks(d: Decomposition, k: int, seed: int | None, jobs: int, client
                       ) -> tuple[np.ndarray, np.ndarray, int]:
    """Unnormalised betweenness, se and sample size through the blocks: the closed-form
    terms and the cheap pieces exact, about ``k`` sources of the others drawn by systematic
    πps sampling with probability ∝ ``w_B`` (see :func:`betweenness`, Notes).  The sample
    size counts the drawn sources (0 when every piece was searched whole: then exact)."""
    total_cost = sum(p.cost for p in d.pieces)
    cheap = [i for i, p in enumerate(d.pieces) if p.cost <= CHEAP_PIECE * total_cost]
    drawn = [i for i in range(len(d.pieces)) if i not in cheap]  # pieces whose sources are sampled
    rows = [d.pieces[i].a.shape[0] for i in drawn]
    piece_of = np.repeat(np.array(drawn, dtype=np.int64), rows)
    row_of = np.concatenate([np.arange(r) for r in rows] or [np.zeros(0, dtype=np.int64)])
    size = np.concatenate([d.pieces[i].weight for i in drawn] or [np.zeros(0)])
    rng = np.random.default_rng(seed)
    pi = inclusion_probabilities(size, min(k, len(size))) if len(size) else size
    pick = systematic_sample(pi, rng) if len(size) else np.zeros(0, dtype=np.int64)
    n_batches = _block_batches(jobs, client)
    batches: list[list] = [[] for _ in range(n_batches)]
    for j, i in enumerate(cheap):
        batches[j % n_batches].append((i, np.arange(d.pieces[i].a.shape[0]), None, None))
    for j, c in enumerate(np.array_split(rng.permutation(pick), n_batches)):  # mixed pieces: even batches
        for i in np.unique(piece_of[c]):
            mine = c[piece_of[c] == i]
            batches[j].append((int(i), row_of[mine], 1.0 / pi[mine], 1.0 - pi[mine]))
    batches = [b for b in batches if b]
    raw, se = d.separation + d.twin_pairs, np.zeros(len(d.separation))
    if not batches:  # no block to search: a forest of bridges
        return raw, se, 0
    compile_kernel()
    work = total_cost * (len(pick) + 1) / max(len(size), 1)
    total = np.sum(map_batches(sample_kernel, d.pieces, batches, jobs, work, client, threads=True), axis=0)
    raw[: total.shape[1]] += total[0]
    if len(pick):  # with nothing drawn every piece was searched whole: exact, se 0
        se[: total.shape[1]] = hajek_se(total[1], total[2], pi[pick])
    return raw, se, len(pick)
