"""Kernel of exact betweenness through the graph's biconnected components (blocks).

Private: :func:`netanalysis.metrics.betweenness` is the public wrapper.  A shortest path
between two vertices of one block never leaves the block, and a path between vertices of
two blocks enters and leaves each block on its way through an articulation point.  So
every vertex ``x`` of a block ``B`` stands for ``w_B(x)`` vertices of its component: itself
and everything hanging on it away from ``B``.  Then (Puzis, Zilberman & Elovici 2012)

    BC(v) = Σ_{B ∋ v} ½ Σ_{x ∈ B} w_B(x) δ^B_x(v)  +  ½ Σ_{B ∋ v} (w_B(v) − 1)(n_c − w_B(v))

with ``δ^B_x(v) = Σ_{y ∈ B} w_B(y) σ_xy(v) / σ_xy`` the dependency of Brandes' algorithm
with target weights inside the block, and the last term the pairs that ``v`` separates
(``n_c`` the size of ``v``'s component).  Blocks of two vertices (bridges, leaves) have no
interior: only the separation term remains, so leaves cost nothing.  Each block is searched
from its own vertices only, so the work falls from ``n · m`` to ``Σ_B |B| · m_B``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import igraph as ig
import numpy as np
import scipy.sparse as sp

from ._linear_scaling import adjacency

#: Blocks smaller than this are packed together into one block-diagonal matrix (searches
#: never cross between them), so thousands of tiny blocks cost a few products, not a loop.
PACK_SIZE = 64
#: Vertices per packed group of small blocks.
PACK_VERTICES = 2000


@dataclass(frozen=True)
class Piece:
    """One block (or a pack of small blocks) to search: its matrix, the global vertex of each
    row, and each row's weight ``w_B``."""

    a: sp.csr_matrix
    vertices: np.ndarray
    weight: np.ndarray
    cost: float  # Brandes' work: Σ over its blocks of sources × (edges + vertices)


@dataclass(frozen=True)
class Decomposition:
    """The pieces to search, the separation term of every vertex, and what was removed."""

    pieces: list[Piece]
    separation: np.ndarray
    stats: dict[str, float]


def _block_weights(g: ig.Graph, blocks: list[np.ndarray], cut: np.ndarray) -> list[np.ndarray]:
    """``w_B(x)`` for every vertex of every block, from the block–cut tree's subtree sizes."""
    n, nb = g.vcount(), len(blocks)
    cuts = np.flatnonzero(cut)
    node_of_cut = np.full(n, -1)
    node_of_cut[cuts] = nb + np.arange(len(cuts))
    edges, own = [], np.zeros(nb + len(cuts))
    for b, vs in enumerate(blocks):
        at = cut[vs]
        own[b] = float((~at).sum())
        edges += [(b, int(c)) for c in node_of_cut[vs[at]]]
    own[nb:] = 1.0
    tree = ig.Graph(n=nb + len(cuts), edges=edges)
    comp = np.asarray(tree.connected_components().membership)
    total = np.bincount(comp, weights=own)[comp]  # n_c of each tree node's component
    # one search over the whole forest from an extra node tied to every tree's root (a search
    # per tree would cost a pass over all nodes each)
    top = tree.vcount()
    roots = np.unique(comp, return_index=True)[1]
    tree.add_vertices(1)
    tree.add_edges([(top, int(r)) for r in roots])
    vs, layers, par = tree.bfs(top)
    parent = np.asarray(par)[:top]
    parent[parent == top] = -1
    sub = own.copy()
    bounds = np.asarray(layers)
    for lo, hi in reversed(list(itertools.pairwise(bounds))):  # deepest layer first: children before parents
        level = np.asarray(vs[lo:hi])
        level = level[(level != top) & (parent[np.minimum(level, top - 1)] >= 0)]
        np.add.at(sub, parent[level], sub[level])
    out = []
    for b, vs in enumerate(blocks):
        w = np.ones(len(vs))
        for i in np.flatnonzero(cut[vs]):
            node = node_of_cut[vs[i]]
            # the cut vertex is this block's parent: everything outside the block's subtree;
            # or its child: its own subtree
            w[i] = total[b] - sub[b] if parent[b] == node else sub[node]
        out.append(w)
    return out


def _block_matrices(g: ig.Graph, blocks: list[np.ndarray], wanted: list[int],
                    cut: np.ndarray) -> dict[int, sp.csr_matrix]:
    """The adjacency matrix of each wanted block, rows in the block's vertex order, from one
    pass over the edge list (an edge lies in the one block holding both its ends)."""
    n = g.vcount()
    el = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    el = el[el[:, 0] != el[:, 1]]
    sizes = np.array([len(b) for b in blocks], dtype=np.int64)
    blk = np.repeat(np.arange(len(blocks)), sizes)
    vtx = np.concatenate(blocks).astype(np.int64) if blocks else np.zeros(0, np.int64)
    local = np.concatenate([np.arange(k) for k in sizes]) if blocks else np.zeros(0, np.int64)
    key = vtx * len(blocks) + blk  # (vertex, block) pairs, searchable
    order = np.argsort(key)
    key, local_sorted = key[order], local[order]
    home = np.full(n, -1)
    home[vtx[~cut[vtx]]] = blk[~cut[vtx]]  # a vertex that is no cut vertex lies in one block
    u, v = el[:, 0], el[:, 1]
    b = np.where(home[u] >= 0, home[u], home[v])
    both = np.flatnonzero(b < 0)  # an edge between two cut vertices: the block they share
    if len(both):
        member: dict[int, set[int]] = {}
        for x, y in zip(vtx[cut[vtx]], blk[cut[vtx]], strict=True):
            member.setdefault(int(x), set()).add(int(y))
        b[both] = [min(member[int(u[i])] & member[int(v[i])]) for i in both]
    keep = np.isin(b, wanted)
    u, v, b = u[keep], v[keep], b[keep]
    if not len(b):
        return {}
    lu = local_sorted[np.searchsorted(key, u * len(blocks) + b)]
    lv = local_sorted[np.searchsorted(key, v * len(blocks) + b)]
    out = {}
    starts = np.argsort(b, kind="stable")
    b, lu, lv = b[starts], lu[starts], lv[starts]
    bounds = np.flatnonzero(np.r_[True, b[1:] != b[:-1], True])
    for lo, hi in itertools.pairwise(bounds):
        i, k = int(b[lo]), int(sizes[b[lo]])
        rows, cols = np.r_[lu[lo:hi], lv[lo:hi]], np.r_[lv[lo:hi], lu[lo:hi]]
        a = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(k, k))
        a.sum_duplicates()
        out[i] = a
    return out


def decompose(g: ig.Graph) -> Decomposition:
    """Blocks, their weights and the separation term of an undirected graph.

    Examples
    --------
    Two triangles sharing vertex 2: vertex 2 separates 2 × 2 pairs; inside each triangle it
    lies on no shortest path.

    >>> d = decompose(ig.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (2, 4)]))
    >>> d.separation.tolist()
    [0.0, 0.0, 4.0, 0.0, 0.0]
    """
    n = g.vcount()
    cover, points = g.biconnected_components(return_articulation_points=True)
    blocks = [np.asarray(b, dtype=np.int64) for b in cover]
    cut = np.zeros(n, dtype=bool)
    cut[points] = True
    weights = _block_weights(g, blocks, cut) if blocks else []
    membership = np.asarray(g.connected_components().membership)
    comp_size = np.bincount(membership)[membership]
    if blocks:
        vtx = np.concatenate(blocks)
        w_all = np.concatenate(weights)
        separation = np.bincount(vtx, weights=0.5 * (w_all - 1) * (comp_size[vtx] - w_all), minlength=n)
    else:
        separation = np.zeros(n)
    big = [i for i, vs in enumerate(blocks) if len(vs) >= 3]
    mats = _block_matrices(g, blocks, big, cut)
    pieces: list[Piece] = []
    def work(i: int) -> float:
        return float(len(blocks[i])) * (mats[i].nnz / 2 + len(blocks[i]))

    for i in sorted((i for i in big if len(blocks[i]) >= PACK_SIZE), key=lambda i: -len(blocks[i])):
        pieces.append(Piece(mats[i], blocks[i], weights[i], work(i)))
    pack: list[int] = []
    packed = 0
    small = [i for i in big if len(blocks[i]) < PACK_SIZE]
    for i in [*small, -1]:  # -1 flushes the last pack
        if pack and (i < 0 or packed + len(blocks[i]) > PACK_VERTICES):
            pieces.append(Piece(sp.block_diag([mats[j] for j in pack], format="csr"),
                                np.concatenate([blocks[j] for j in pack]),
                                np.concatenate([weights[j] for j in pack]), sum(work(j) for j in pack)))
            pack, packed = [], 0
        if i >= 0:
            pack.append(i)
            packed += len(blocks[i])
    in_pieces = sum(len(p.vertices) for p in pieces)
    largest = max((len(blocks[i]) for i in big), default=0)
    stats = {"vertices": float(n), "blocks": float(len(blocks)), "bridges": float(sum(len(b) == 2 for b in blocks)),
             "articulation_points": float(cut.sum()), "largest_block": float(largest),
             "sources_searched": float(in_pieces),
             "work_fraction": sum(p.cost for p in pieces) / max(1.0, float(n) * (g.ecount() + n))}
    return Decomposition(pieces, separation, stats)


def _weighted_dependencies_py(indptr: np.ndarray, indices: np.ndarray, mult: np.ndarray, sources: np.ndarray,
                           weight: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """``Σ_{s in sources} w(s) δ_s(v)`` with ``δ_s(v) = Σ_t w(t) σ_st(v) / σ_st`` (Brandes 2001
    with source and target weights; ``mult`` = edge multiplicities, parallel edges being
    distinct paths as in igraph)."""
    n = len(indptr) - 1
    out = np.zeros(n)
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    for s in sources:
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail = 0, 1
        while head < tail:  # breadth-first search counting shortest paths
            v = order[head]
            head += 1
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    order[tail] = w
                    tail += 1
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v] * mult[k]
        for i in range(tail - 1, 0, -1):  # dependencies, farthest first
            w = order[i]
            coef = (weight[w] + delta[w]) / sigma[w]
            for k in range(indptr[w], indptr[w + 1]):
                v = indices[k]
                if dist[v] == dist[w] - 1:
                    delta[v] += sigma[v] * mult[k] * coef
        for i in range(1, tail):
            out[order[i]] += weight[s] * delta[order[i]]
        for i in range(tail):
            w = order[i]
            dist[w], sigma[w], delta[w] = -1, 0.0, 0.0
    return out


@lru_cache(maxsize=1)
def _compiled() -> Callable[..., np.ndarray]:
    """The kernel compiled by numba (imported here: ``import netanalysis`` stays light)."""
    from numba import njit

    return njit(cache=True, nogil=True)(_weighted_dependencies_py)


def compile_kernel() -> None:
    """Compile the kernel before worker processes fork, so each inherits it: about 0.8 s the
    first time, then loaded from numba's cache (``__pycache__`` beside this module, like
    Python's own ``.pyc`` files, or numba's user cache when that folder is read-only)."""
    a = adjacency(ig.Graph([(0, 1), (1, 2)]))
    _compiled()(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data,
                np.arange(3, dtype=np.int64), np.ones(3))


def piece_kernel(state: list[Piece], batch: list[tuple[int, int, int]]) -> np.ndarray:
    """Σ over ``batch`` = ``[(piece, first source row, end row), …]`` of ``½ w(x) δ_x(v)``,
    scattered to the global vertex numbering."""
    n = max(int(p.vertices.max()) for p in state if len(p.vertices)) + 1
    out = np.zeros(n)
    for i, lo, hi in batch:
        piece = state[i]
        a = piece.a
        dep = _compiled()(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data,
                                     np.arange(lo, hi, dtype=np.int64), piece.weight)
        # a cut vertex is a row of each small block it is in: add, do not overwrite
        out += np.bincount(piece.vertices, weights=0.5 * dep, minlength=n)
    return out


def batches_by_cost(pieces: list[Piece], n_batches: int) -> list[list[tuple[int, int, int]]]:
    """Source ranges of every piece dealt into ``n_batches`` of about equal cost, largest first."""
    chunks = []
    for i, p in enumerate(pieces):
        k = len(p.vertices)
        per_source = p.cost / max(k, 1)
        step = max(1, min(k, int(np.ceil(k / max(1, n_batches)))))
        chunks += [(per_source * (min(lo + step, k) - lo), (i, lo, min(lo + step, k))) for lo in range(0, k, step)]
    chunks.sort(key=lambda c: -c[0])
    load = np.zeros(max(1, n_batches))
    out: list[list[tuple[int, int, int]]] = [[] for _ in range(len(load))]
    for cost, chunk in chunks:  # longest processing time first: each chunk to the least-loaded batch
        j = int(load.argmin())
        out[j].append(chunk)
        load[j] += cost
    return [b for b in out if b]
