"""Kernel of betweenness through the graph's biconnected components (blocks).

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

Unweighted, identical vertices of a block (twins) are merged into one (Sariyüce et al.
2013; :func:`merge_twins`).  Weighted, blocks and weights hold as they are and the search
is Dijkstra's.  The steps: :func:`decompose` (blocks, weights, closed-form terms, pieces),
:func:`batches_by_cost` (sources dealt to workers), :func:`piece_kernel` /
:func:`sample_kernel` (the compiled searches, all sources or a weighted sample).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import igraph as ig
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import breadth_first_order, connected_components, reverse_cuthill_mckee

from .._compiled import njit_cached
from ._linear import adjacency

#: Blocks smaller than this are packed together into one block-diagonal matrix (searches
#: never cross between them), so thousands of tiny blocks cost a few products, not a loop.
PACK_SIZE = 64
#: Vertices per packed group of small blocks.
PACK_VERTICES = 2000


@dataclass(frozen=True)
class Piece:
    """One block (or a pack of small blocks) to search.

    ``a`` is the block's adjacency with twins merged (one row per class of identical
    vertices), ``weight`` each row's source/target weight (the sum of its members' ``w_B``),
    ``members`` each row's number of vertices (its path multiplicity), and ``vertices`` /
    ``row`` list every global vertex with the row that stands for it.
    """

    a: sp.csr_matrix
    vertices: np.ndarray
    row: np.ndarray
    weight: np.ndarray
    members: np.ndarray
    cost: float  # Brandes' work: Σ over its blocks of sources × (edges + vertices)
    lengths: sp.csr_matrix | None = None  # weighted: each edge's length, in the pattern of ``a``


@dataclass(frozen=True)
class Decomposition:
    """The pieces to search, the closed-form terms of every vertex, and what was removed.

    ``separation`` holds the pairs each cut vertex separates; ``twin_pairs`` the pairs of
    merged false twins, which the merged graph no longer sees (see :func:`merge_twins`).
    """

    pieces: list[Piece]
    separation: np.ndarray
    twin_pairs: np.ndarray
    stats: dict[str, float]


@dataclass(frozen=True)
class _Blocks:
    """Every (block, vertex) pair, sorted by block then vertex, and each pair's ``w_B``."""

    block: np.ndarray
    vertex: np.ndarray
    weight: np.ndarray
    cut: np.ndarray  # per graph vertex: an articulation point
    edge_block: np.ndarray  # per edge of the graph: its block


def _pairs(g: ig.Graph, el: np.ndarray) -> _Blocks:
    """The blocks as (block, vertex) pairs and the block of every edge, from igraph's
    spanning trees of the blocks (an edge lies in the one block holding both its ends: two
    blocks share at most one vertex)."""
    n, m = g.vcount(), len(el)
    trees, points = ig.GraphBase.biconnected_components(g, True)
    cut = np.zeros(n, dtype=bool)
    cut[points] = True
    sizes = np.fromiter(map(len, trees), dtype=np.int64, count=len(trees))
    tree_edge = np.fromiter(itertools.chain.from_iterable(trees), dtype=np.int64, count=int(sizes.sum()))
    tree_block = np.repeat(np.arange(len(trees)), sizes)
    key = np.unique(np.r_[tree_block, tree_block] * n + np.r_[el[tree_edge, 0], el[tree_edge, 1]])
    block, vertex = key // n, key % n
    edge_block = np.full(m, -1)
    edge_block[tree_edge] = tree_block
    home = np.full(n, -1)
    home[vertex[~cut[vertex]]] = block[~cut[vertex]]  # a vertex that is no cut vertex lies in one block
    u, v = el[:, 0], el[:, 1]
    rest = np.flatnonzero((edge_block < 0) & (u != v))
    edge_block[rest] = np.where(home[u[rest]] >= 0, home[u[rest]], home[v[rest]])
    both = rest[edge_block[rest] < 0]  # between two cut vertices: the one block they share
    if len(both):
        n_blocks_of = np.bincount(vertex, minlength=n)
        x, y = u[both], v[both]
        swap = n_blocks_of[x] > n_blocks_of[y]  # try the blocks of the end that is in fewer
        x, y = np.where(swap, y, x), np.where(swap, x, y)
        by_vertex = np.argsort(vertex, kind="stable")
        lo = np.searchsorted(vertex[by_vertex], x)
        count = n_blocks_of[x]
        edge_i = np.repeat(np.arange(len(both)), count)
        cand = block[by_vertex[_ranges(lo, count)]]
        want = cand * n + y[edge_i]
        hit = key[np.minimum(np.searchsorted(key, want), len(key) - 1)] == want
        edge_block[both[edge_i[hit]]] = cand[hit]
    return _Blocks(block, vertex, _block_weights(g, block, vertex, cut), cut, edge_block)


def _ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``start[i], …, start[i] + count[i] − 1`` for every ``i``, one after the other.

    >>> _ranges(np.array([5, 0, 2]), np.array([2, 0, 3])).tolist()
    [5, 6, 2, 3, 4]
    """
    return np.repeat(start - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))


def _depths(parent: np.ndarray) -> np.ndarray:
    """Depth of every node of a forest given by ``parent`` (−1 at roots), by pointer jumping:
    ``log2(depth)`` whole-array steps.

    >>> _depths(np.array([-1, 0, 1, 2, 0, -1, 5])).tolist()
    [0, 1, 2, 3, 1, 0, 1]
    """
    up = np.where(parent >= 0, parent, np.arange(len(parent)))  # an ancestor of each node (a root: itself)
    dist = (parent >= 0).astype(np.int64)  # ... and how far up it is
    while (up[up] != up).any():
        dist, up = dist + dist[up], up[up]
    return dist


def _block_weights(g: ig.Graph, block: np.ndarray, vertex: np.ndarray, cut: np.ndarray) -> np.ndarray:
    """``w_B(x)`` of every (block, vertex) pair, from the block–cut tree's subtree sizes."""
    n, nb = g.vcount(), int(block.max()) + 1 if len(block) else 0
    if not nb:
        return np.ones(0)
    at_cut = cut[vertex]
    cuts = np.flatnonzero(cut)
    node_of_cut = np.full(n, -1)
    node_of_cut[cuts] = nb + np.arange(len(cuts))
    own = np.r_[np.bincount(block[~at_cut], minlength=nb), np.ones(len(cuts))].astype(float)
    top = nb + len(cuts)  # the tree's nodes: blocks, then cut vertices; plus one extra node
    b, node = block[at_cut], node_of_cut[vertex[at_cut]]
    _, comp = connected_components(sp.coo_matrix((np.ones(len(b)), (b, node)), shape=(top, top)), directed=False)
    total = np.bincount(comp, weights=own)[comp]  # n_c of each tree node's component
    # one search over the whole forest from the extra node tied to every tree's root (a search
    # per tree would cost a pass over all nodes each); numpy and scipy only: Python objects
    # for thousands of tree edges would wake the garbage collector over the caller's heap
    roots = np.unique(comp, return_index=True)[1]
    forest = sp.coo_matrix((np.ones(len(b) + len(roots)), (np.r_[b, np.full(len(roots), top)], np.r_[node, roots])),
                           shape=(top + 1, top + 1)).tocsr()
    _, pred = breadth_first_order(forest, top, directed=False, return_predecessors=True)
    parent = pred[:top].astype(np.int64)
    parent[parent == top] = -1
    depth = _depths(parent)
    sub = own.copy()
    by_depth = np.argsort(-depth, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(depth[by_depth]) != 0, True])
    for lo, hi in itertools.pairwise(bounds):  # deepest level first: children before parents
        level = by_depth[lo:hi]
        level = level[parent[level] >= 0]
        np.add.at(sub, parent[level], sub[level])
    w = np.ones(len(block))
    # the cut vertex is this block's parent: everything outside the block's subtree; or its child: its own subtree
    w[at_cut] = np.where(parent[b] == node, total[b] - sub[b], sub[node])
    return w


def _set_hashes(a: sp.csr_matrix, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of each row's neighbour set, without and with the row itself: sums
    (wrapping) of random numbers drawn per vertex, so equal sets hash equal in any order."""
    r = np.random.default_rng(seed).integers(1, 2**63, size=a.shape[0], dtype=np.uint64)
    h = np.zeros(a.shape[0], dtype=np.uint64)
    full = np.flatnonzero(np.diff(a.indptr) > 0)
    h[full] = np.add.reduceat(r[a.indices], a.indptr[full])
    return h, h + r


def twin_classes(a: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Classes of identical vertices of a simple graph, and which classes are false twins.

    False twins have the same neighbours and are not adjacent; true twins have the same
    neighbours counting themselves (and are adjacent).  No vertex has both kinds (a false
    twin ``j`` of ``i`` and a true twin ``k`` of ``i`` would make ``i`` and ``j`` adjacent), so
    each vertex is in one class, most in a class of their own.  Candidates share the degree
    and two 64-bit hashes of the set; each is confirmed by comparing the sets themselves.

    Returns
    -------
    label : numpy.ndarray
        Class of each row, ``0 … c − 1`` in order of first row.
    false : numpy.ndarray of bool
        Per class: two or more false twins.

    Examples
    --------
    A 4-cycle is two pairs of false twins; a triangle is one class of true twins.

    >>> label, false = twin_classes(adjacency(ig.Graph.Ring(4)))
    >>> label.tolist(), false.tolist()
    ([0, 1, 0, 1], [True, True])
    >>> label, false = twin_classes(adjacency(ig.Graph.Full(3)))
    >>> label.tolist(), false.tolist()
    ([0, 0, 0], [False])
    """
    k = a.shape[0]
    a = a if a.has_sorted_indices else a.sorted_indices()
    (open0, closed0), (open1, closed1) = _set_hashes(a, 0), _set_hashes(a, 1)
    deg = np.diff(a.indptr)
    rep = np.arange(k)  # each row's representative: the first row of its class
    is_false = np.zeros(k, dtype=bool)
    for h0, h1, closed in ((open0, open1, False), (closed0, closed1, True)):
        free = np.flatnonzero(rep == np.arange(k))  # not merged yet (a false twin is no true twin)
        order = free[np.lexsort((h1[free], h0[free], deg[free]))]
        same = (deg[order][1:] == deg[order][:-1]) & (h0[order][1:] == h0[order][:-1]) & \
            (h1[order][1:] == h1[order][:-1])
        first = np.r_[True, ~same]
        head = order[np.flatnonzero(first)[np.cumsum(first) - 1]]  # the first row of each candidate group
        cand, cand_head = order[head != order], head[head != order]
        # confirm: the candidate's (closed) neighbour list equals its group head's, entry by entry
        match = _same_sets(a, cand, cand_head, closed)
        rep[cand[match]] = cand_head[match]
        is_false[cand_head[match]] = not closed
    reps, label = np.unique(rep, return_inverse=True)
    return label.ravel(), is_false[reps]


def _same_sets(a: sp.csr_matrix, rows: np.ndarray, other: np.ndarray, closed: bool) -> np.ndarray:
    """Whether each row's neighbour set (with the row itself when ``closed``) equals that of
    the matching row of ``other`` (rows of equal degree), compared entry by entry."""
    size = np.diff(a.indptr)[rows] + closed
    owner = np.repeat(np.arange(len(rows)), size)
    differ = _neighbour_lists(a, rows, closed) != _neighbour_lists(a, other, closed)
    return np.bincount(owner, weights=differ, minlength=len(rows)) == 0


def _neighbour_lists(a: sp.csr_matrix, vs: np.ndarray, closed: bool) -> np.ndarray:
    """The sorted neighbour lists of rows ``vs`` (each with the row itself when ``closed``),
    one after the other."""
    deg = np.diff(a.indptr)[vs]
    values = a.indices[_ranges(a.indptr[vs], deg)]
    if not closed:
        return values  # the rows' indices are sorted
    owner = np.r_[np.repeat(np.arange(len(vs)), deg), np.arange(len(vs))]
    values = np.r_[values, vs]
    return values[np.lexsort((values, owner))]


def merge_twins(a: sp.csr_matrix, weight: np.ndarray
                ) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The block with each class of twins merged into one vertex, and the pairs it loses.

    Twins are a module: a class is joined to all of another class or to none of it, so the
    merged graph is the quotient graph.  A merged vertex stands for its ``m`` members: a path
    through it is ``m`` paths of the block (one through each member), and as a source or
    target it weighs the sum of its members' ``w_B``.  What the merged graph cannot see are
    the pairs inside a class: none for true twins (adjacent), and for false twins ``i, j``
    every shortest path has length 2 through one of their ``d`` common neighbours, each of
    which gets ``w_B(i) w_B(j) / d``.

    Parameters
    ----------
    a : scipy.sparse.csr_matrix
        Adjacency of a simple graph (no parallel edges, no loops).
    weight : numpy.ndarray
        ``w_B`` of each row.

    Returns
    -------
    merged : scipy.sparse.csr_matrix
        Adjacency of the quotient graph.
    label : numpy.ndarray
        Row of ``merged`` standing for each row of ``a``.
    class_weight, members : numpy.ndarray
        Per merged row: the sum of its members' weights, their number.
    pairs : numpy.ndarray
        Per row of ``a``: its share of the false twins' pairs.

    Examples
    --------
    The 4-cycle: two classes joined by one edge; the opposite vertices' pair is shared by
    their two common neighbours.

    >>> merged, label, w, m, pairs = merge_twins(adjacency(ig.Graph.Ring(4)), np.ones(4))
    >>> merged.toarray().tolist(), m.tolist(), pairs.tolist()
    ([[0.0, 1.0], [1.0, 0.0]], [2, 2], [0.5, 0.5, 0.5, 0.5])
    """
    label, false = twin_classes(a)
    c = len(false)
    members = np.bincount(label, minlength=c)
    class_weight = np.bincount(label, weights=weight, minlength=c)
    coo = a.tocoo()
    u, v = label[coo.row], label[coo.col]
    keep = u != v
    merged = sp.csr_matrix((np.ones(int(keep.sum())), (u[keep], v[keep])), shape=(c, c))
    merged.sum_duplicates()
    merged.data[:] = 1.0
    pair_weight = (class_weight**2 - np.bincount(label, weights=weight**2, minlength=c)) / 2
    common = merged @ members.astype(float)  # a class's common neighbours, counted in the block
    share = np.where(false, pair_weight, 0.0) / np.maximum(common, 1.0)
    pairs = (merged.T @ share)[label]  # every member of a neighbouring class gets the share
    return merged, label, class_weight, members, pairs


def decompose(g: ig.Graph, lengths: np.ndarray | None = None) -> Decomposition:
    """Blocks, their weights and the separation term of an undirected graph.

    With edge ``lengths`` (weighted shortest paths) the blocks, weights and separation term
    are the same (every path between blocks still runs through their cut vertices), each
    piece keeps its lengths, and twins are not merged: under lengths, two twins' shortest
    path need not run through a common neighbour.  Parallel edges become one edge of the
    shortest length, counted as many times as it occurs (within :data:`EPSILON`).

    Examples
    --------
    Two triangles sharing vertex 2: vertex 2 separates 2 × 2 pairs; inside each triangle it
    lies on no shortest path.

    >>> d = decompose(ig.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (2, 4)]))
    >>> d.separation.tolist()
    [0.0, 0.0, 4.0, 0.0, 0.0]
    """
    n = g.vcount()
    el = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    bl = _pairs(g, el)
    membership = np.asarray(g.connected_components().membership, dtype=np.int64)
    comp_size = np.bincount(membership)[membership]
    w_all, vtx = bl.weight, bl.vertex
    separation = np.bincount(vtx, weights=0.5 * (w_all - 1) * (comp_size[vtx] - w_all), minlength=n)
    n_blocks = int(bl.block.max()) + 1 if len(bl.block) else 0
    size = np.bincount(bl.block, minlength=n_blocks)
    # which piece each block goes to: a large block alone (largest first), small ones packed
    piece_of = np.full(n_blocks, -1)
    large = np.flatnonzero(size >= PACK_SIZE)
    large = large[np.argsort(-size[large], kind="stable")]
    piece_of[large] = np.arange(len(large))
    small = np.flatnonzero((size >= 3) & (size < PACK_SIZE))
    piece_of[small] = len(large) + np.cumsum(size[small]) // PACK_VERTICES
    # row of each (block, vertex) pair in its piece: the block's offset plus the vertex's place
    first = np.r_[0, np.cumsum(size)[:-1]]
    local = np.arange(len(bl.block)) - first[bl.block]
    offset = np.zeros(n_blocks, dtype=np.int64)  # a large block starts its piece
    within = np.cumsum(size[small]) - size[small]  # packed blocks follow each other
    offset[small] = within - within[np.searchsorted(piece_of[small], piece_of[small])]
    row = offset[bl.block] + local
    u, v, eb = el[:, 0], el[:, 1], bl.edge_block
    use = np.flatnonzero((eb >= 0) & (piece_of[np.maximum(eb, 0)] >= 0))
    used_lengths = None if lengths is None else lengths[use]
    key = bl.block * n + bl.vertex
    ru = row[np.searchsorted(key, eb[use] * n + u[use])]
    rv = row[np.searchsorted(key, eb[use] * n + v[use])]
    edge_piece = piece_of[eb[use]]
    pair_piece = piece_of[bl.block]
    block_edges = np.bincount(eb[use], minlength=n_blocks)
    block_work = size * (block_edges + size).astype(float)
    pieces: list[Piece] = []
    twin_pairs = np.zeros(n)

    def add(a: sp.csr_matrix, vs: np.ndarray, w: np.ndarray, cost: float, la: sp.csr_matrix | None) -> None:
        if la is None and (a.data == 1).all():  # simple: twins merged (with parallel edges they stay apart)
            before = _work(a)
            a, label, w, members, pairs = merge_twins(a, w)
            cost *= _work(a) / before
            np.add.at(twin_pairs, vs, pairs)
        else:
            label, members = np.arange(len(vs)), np.ones(len(vs), dtype=np.int64)
        # rows in reverse Cuthill–McKee order: a search's neighbours sit close in memory
        perm = reverse_cuthill_mckee(a, symmetric_mode=True)
        rank = np.empty_like(perm)
        rank[perm] = np.arange(len(perm))
        a = a[perm][:, perm].tocsr()
        a.sort_indices()
        if la is not None:  # the same permutation of the same pattern: entries stay aligned with a's
            la = la[perm][:, perm].tocsr()
            la.sort_indices()
        pieces.append(Piece(a, vs, rank[label], w[perm], members[perm], cost, la))

    pair_order = np.lexsort((row, pair_piece))
    pair_bounds = np.searchsorted(pair_piece[pair_order], np.arange(piece_of.max() + 2 if n_blocks else 1))
    edge_order = np.argsort(edge_piece, kind="stable")
    edge_bounds = np.searchsorted(edge_piece[edge_order], np.arange(len(pair_bounds)))
    work_of = np.bincount(piece_of[piece_of >= 0], weights=block_work[piece_of >= 0])
    for pid in range(len(pair_bounds) - 1):
        pairs = pair_order[pair_bounds[pid]:pair_bounds[pid + 1]]
        if not len(pairs):
            continue
        es = edge_order[edge_bounds[pid]:edge_bounds[pid + 1]]
        k = len(pairs)
        r, c = np.r_[ru[es], rv[es]], np.r_[rv[es], ru[es]]
        if used_lengths is None:
            a, la = sp.csr_matrix((np.ones(2 * len(es)), (r, c)), shape=(k, k)), None
            a.sum_duplicates()
        else:
            a, la = _shortest_parallel(r, c, np.r_[used_lengths[es], used_lengths[es]], k)
        # the blocks of a pack share no row (a cut vertex is a row of each), so twins stay in a block
        add(a, bl.vertex[pairs], bl.weight[pairs], float(work_of[pid]), la)
    merged_away = float(sum(len(p.vertices) - p.a.shape[0] for p in pieces))
    stats = {"vertices": float(n), "blocks": float(n_blocks), "bridges": float((size == 2).sum()),
             "articulation_points": float(bl.cut.sum()), "largest_block": float(size.max(initial=0)),
             "twins_merged": merged_away, "sources_searched": float(sum(p.a.shape[0] for p in pieces)),
             "work_fraction": sum(p.cost for p in pieces) / max(1.0, float(n) * (g.ecount() + n))}
    return Decomposition(pieces, separation, twin_pairs, stats)


def _shortest_parallel(r: np.ndarray, c: np.ndarray, length: np.ndarray, k: int
                       ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Multiplicities and lengths of a weighted graph's entries: of parallel edges only the
    shortest (and those equal to it within :data:`EPSILON`) carry shortest paths."""
    order = np.lexsort((length, c, r))
    r, c, length = r[order], c[order], length[order]
    start = np.r_[True, (r[1:] != r[:-1]) | (c[1:] != c[:-1])]
    group = np.cumsum(start) - 1
    shortest = length[start][group]
    ties = length - shortest <= EPSILON * (length + shortest)
    mult = np.bincount(group[ties], minlength=int(start.sum())).astype(float)
    a = sp.csr_matrix((mult, (r[start], c[start])), shape=(k, k))
    la = sp.csr_matrix((length[start], (r[start], c[start])), shape=(k, k))
    return a, la


def _work(a: sp.csr_matrix) -> float:
    """Brandes' work on a graph: sources × (edges + vertices)."""
    return float(a.shape[0]) * (a.nnz / 2 + a.shape[0])


#: Path lengths equal to this relative tolerance are equal, as in igraph
#: (``IGRAPH_SHORTEST_PATH_EPSILON``): ``1/3 + 1/3 + 1/3`` and ``1`` are the same length.
EPSILON = 1e-10


def _weighted_dependencies_py(indptr: np.ndarray, indices: np.ndarray, mult: np.ndarray, length: np.ndarray,
                              sources: np.ndarray, weight: np.ndarray, members: np.ndarray, scale: np.ndarray,
                              spread: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Row 0: ``Σ_{s in sources} c(s) w(s) δ_s(v)`` with ``δ_s(v) = Σ_t w(t) σ_st(v) / σ_st``
    (Brandes 2001 with source and target weights; ``mult`` = edge multiplicities, parallel
    edges being distinct paths as in igraph).  Unweighted (``length`` empty) the search is
    breadth-first; weighted it is Dijkstra's with a binary heap, lengths equal within
    :data:`EPSILON` (relative) counting as equal.  A vertex standing for ``members[v]`` twins
    multiplies the paths through it: ``σ(w) = Σ_{v ∈ P(w)} σ(v) m(v)`` (``m(s) = 1`` for the
    source) and ``δ(v) = Σ_{w: v ∈ P(w)} σ(v)/σ(w) (w(w) + m(w) δ(w))``, ``δ`` per member.
    As in igraph, the search records each vertex's predecessors ``P(w)`` (in the slots of its
    own row), so the dependencies walk the shortest-path DAG instead of every edge again.

    ``c = scale[i]`` weighs the ``i``-th source (1 when exact, ``1/π`` when sampled); rows 1
    and 2 hold ``Σ spread[i] y`` and ``Σ spread[i] y²`` of ``y = c w(s) δ_s(v)``, the moments
    of a sample's variance (skipped where ``spread`` is 0)."""
    n = len(indptr) - 1
    weighted = len(length) > 0
    out = np.zeros((3, n))
    dist = np.full(n, -1.0)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    n_pred = np.zeros(n, dtype=np.int64)
    pred = np.empty(len(indices), dtype=np.int64)
    pred_mult = np.empty(len(indices))
    done = np.zeros(n, dtype=np.bool_)
    heap_d = np.empty(len(indices) + 1)  # Dijkstra's heap: one entry per improvement at most
    heap_v = np.empty(len(indices) + 1, dtype=np.int64)
    for i_s in range(len(sources)):
        s = sources[i_s]
        dist[s] = 0.0
        sigma[s] = 1.0
        tail = 0
        if not weighted:  # breadth-first search counting shortest paths
            order[0] = s
            head, tail = 0, 1
            while head < tail:
                v = order[head]
                head += 1
                dv = dist[v] + 1.0
                through = sigma[v] * (members[v] if v != s else 1)
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    dw = dist[w]
                    if dw < 0:
                        dist[w] = dw = dv
                        order[tail] = w
                        tail += 1
                    if dw == dv:
                        sigma[w] += through * mult[k]
                        slot = indptr[w] + n_pred[w]
                        pred[slot], pred_mult[slot] = v, mult[k]
                        n_pred[w] += 1
        else:  # Dijkstra: vertices settle in order of distance
            heap_d[0], heap_v[0], size = 0.0, s, 1
            while size > 0:
                d, v = heap_d[0], heap_v[0]
                size -= 1
                if size > 0:  # the last entry sifts down from the top
                    hd, hv, i = heap_d[size], heap_v[size], 0
                    while True:
                        c = 2 * i + 1
                        if c >= size:
                            break
                        if c + 1 < size and heap_d[c + 1] < heap_d[c]:
                            c += 1
                        if heap_d[c] >= hd:
                            break
                        heap_d[i], heap_v[i] = heap_d[c], heap_v[c]
                        i = c
                    heap_d[i], heap_v[i] = hd, hv
                if done[v] or d > dist[v]:
                    continue
                done[v] = True
                order[tail] = v
                tail += 1
                through = sigma[v] * (members[v] if v != s else 1)
                for k in range(indptr[v], indptr[v + 1]):
                    w = indices[k]
                    if done[w]:
                        continue
                    alt, dw = d + length[k], dist[w]
                    diff = alt - dw
                    same = dw >= 0 and abs(diff) <= EPSILON * (alt + dw)
                    if dw < 0 or (diff < 0 and not same):  # a shorter way: w's paths start over
                        dist[w], sigma[w], n_pred[w] = alt, 0.0, 0
                        i = size  # push (alt, w), sifting up
                        size += 1
                        while i > 0 and heap_d[(i - 1) // 2] > alt:
                            heap_d[i], heap_v[i] = heap_d[(i - 1) // 2], heap_v[(i - 1) // 2]
                            i = (i - 1) // 2
                        heap_d[i], heap_v[i] = alt, w
                        same = True
                    if same:
                        sigma[w] += through * mult[k]
                        slot = indptr[w] + n_pred[w]
                        pred[slot], pred_mult[slot] = v, mult[k]
                        n_pred[w] += 1
        for i in range(tail - 1, 0, -1):  # dependencies, farthest first
            w = order[i]
            coef = (weight[w] + members[w] * delta[w]) / sigma[w]
            for j in range(indptr[w], indptr[w] + n_pred[w]):
                v = pred[j]
                delta[v] += sigma[v] * pred_mult[j] * coef
            y = scale[i_s] * weight[s] * delta[w]
            out[0, w] += y
            if spread[i_s] > 0:
                out[1, w] += spread[i_s] * y
                out[2, w] += spread[i_s] * y * y
        for i in range(tail):
            w = order[i]
            dist[w], sigma[w], delta[w], n_pred[w], done[w] = -1.0, 0.0, 0.0, 0, False
    return out


@lru_cache(maxsize=1)
def _compiled() -> Callable[..., np.ndarray]:
    """The kernel compiled by numba and cached in :func:`kernel_cache_dir` (:func:`njit_cached`)."""
    return njit_cached(_weighted_dependencies_py)


def compile_kernel() -> None:
    """Compile the kernel before the worker threads start (both searches, breadth-first and
    Dijkstra's, are one function): about 1 s the first time, then loaded from numba's cache
    in the user's cache folder (:func:`kernel_cache_dir`; ``NUMBA_CACHE_DIR`` overrides it)."""
    a = adjacency(ig.Graph([(0, 1), (1, 2)]))
    for length in (np.zeros(0), a.data):
        _compiled()(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data, length,
                    np.arange(3, dtype=np.int64), np.ones(3), np.ones(3, dtype=np.int64), np.ones(3), np.zeros(3))


def piece_kernel(state: list[Piece], batch: list[tuple[int, int, int]]) -> np.ndarray:
    """Σ over ``batch`` = ``[(piece, first source row, end row), …]`` of ``½ w(x) δ_x(v)``,
    scattered to the global vertex numbering."""
    return sample_kernel(state, [(i, np.arange(lo, hi), None, None) for i, lo, hi in batch])[0]


def sample_kernel(state: list[Piece], batch: list[tuple[int, np.ndarray, np.ndarray | None, np.ndarray | None]]
                  ) -> np.ndarray:
    """Rows ``Σ ½ c w(x) δ_x(v)``, ``Σ d y``, ``Σ d y²`` over ``batch`` = ``[(piece, source rows,
    c, d), …]`` (``c``/``d`` None: 1 and 0), scattered to the global vertex numbering."""
    pieces = state
    n = max(int(p.vertices.max()) for p in pieces if len(p.vertices)) + 1
    out = np.zeros((3, n))
    for i, rows, scale, spread in batch:
        piece = pieces[i]
        a = piece.a
        k = len(rows)
        length = np.zeros(0) if piece.lengths is None else piece.lengths.data
        dep = _compiled()(a.indptr.astype(np.int64), a.indices.astype(np.int64), a.data, length, rows.astype(np.int64),
                          piece.weight, piece.members, np.ones(k) if scale is None else scale,
                          np.zeros(k) if spread is None else spread)
        # per member of each row; a cut vertex is a row of each small block it is in: add
        for j, half in enumerate((0.5, 0.5, 0.25)):
            if j == 0 or spread is not None:
                out[j] += np.bincount(piece.vertices, weights=half * dep[j][piece.row], minlength=n)
    return out


def batches_by_cost(pieces: list[Piece], n_batches: int) -> list[list[tuple[int, int, int]]]:
    """Source ranges of every piece dealt into ``n_batches`` of about equal cost, largest first."""
    chunks = []
    for i, p in enumerate(pieces):
        k = p.a.shape[0]
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
