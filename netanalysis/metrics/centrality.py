"""Centrality: degree, strength, betweenness (exact or sampled), closeness, eigenvector.

igraph's C core computes by default; ``backend="networkx"`` runs the same definitions in
networkx, and the two agree to 1e-9 (tests prove it).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._errors import NetworkInputError
from ._graph import (
    Graph,
    as_igraph,
    as_networkx,
    check_backend,
    check_nonempty,
    distances_from_weights,
    node_table,
)


def _subset_betweenness(g: ig.Graph, sources: list[int], weights: list[float] | None) -> np.ndarray:
    """Kernel: Σ over ``sources`` of the dependency of each vertex, halved (undirected).

    With ``sources`` = all vertices this is the exact (unnormalised) betweenness; it is
    additive over disjoint source sets, which is what the parallel path uses.
    """
    if len(sources) == g.vcount():
        return np.asarray(g.betweenness(directed=False, weights=weights), dtype=float)
    return np.asarray(
        g.betweenness(directed=False, weights=weights, sources=sources, targets=None), dtype=float
    )


def _chunk_worker(args: tuple[ig.Graph, list[int], list[float] | None]) -> np.ndarray:
    g, sources, weights = args
    return _subset_betweenness(g, sources, weights)


def _resolve_jobs(n_jobs: int | None) -> int:
    if n_jobs is None:
        return os.cpu_count() or 1
    if not isinstance(n_jobs, (int, np.integer)) or n_jobs == 0 or n_jobs < -1:
        raise NetworkInputError(f"n_jobs={n_jobs!r}; expected a whole number >= 1, or -1 / None for all cores")
    return (os.cpu_count() or 1) if n_jobs == -1 else int(n_jobs)


def _betweenness_igraph(
    g: ig.Graph, weights: list[float] | None, sources: list[int], n_jobs: int
) -> np.ndarray:
    if n_jobs <= 1 or len(sources) < 2 * n_jobs:
        return _subset_betweenness(g, sources, weights)
    chunks = [list(c) for c in np.array_split(np.asarray(sources), n_jobs * 4) if len(c)]
    bare = g.copy()
    for a in bare.vs.attributes():
        del bare.vs[a]
    for a in bare.es.attributes():
        del bare.es[a]
    for a in bare.attributes():
        del bare[a]
    try:
        with ProcessPoolExecutor(max_workers=n_jobs) as pool:
            parts = list(pool.map(_chunk_worker, [(bare, c, weights) for c in chunks]))
    except Exception as e:  # a dead worker must fail the call, never give partial sums
        raise NetworkInputError(f"parallel betweenness failed in a worker ({type(e).__name__}: {e})") from e
    return np.sum(parts, axis=0)


def _exact_distances(G: nx.Graph) -> nx.Graph:
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
        H = _exact_distances(G)
        weight = "distance"
    if exact:
        return nx.betweenness_centrality(H, normalized=False, weight=weight)
    return nx.betweenness_centrality_subset(H, sources=sources, targets=list(H), normalized=False,
                                            weight=weight)


def betweenness(
    graph: Graph,
    *,
    weighted: bool = False,
    normalized: bool = True,
    k: int | None = None,
    seed: int | None = 0,
    backend: str = "igraph",
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Betweenness centrality of every actor, exact or estimated from ``k`` sampled sources.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        Undirected co-patenting graph (see :func:`netanalysis.network.to_igraph`).
    weighted : bool
        Use shortest paths with edge length ``1 / weight`` (strong ties are short).
    normalized : bool
        Divide by ``(n − 1)(n − 2) / 2``, the number of pairs excluding the vertex, as
        networkx does for undirected graphs.
    k : int, optional
        Estimate from ``k`` source vertices drawn uniformly without replacement (seeded);
        the sum over the sample is scaled by ``n / k``.  ``None``: exact.
    seed : int, optional
        Seed of the source sample.
    backend : {"igraph", "networkx"}
    n_jobs : int, optional
        Worker processes for the igraph backend (sources split in chunks, partial sums
        added); ``-1`` or ``None`` for all cores.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, betweenness, betweenness_sources`` (``n`` when exact, ``k`` when
        sampled) plus every vertex attribute.  ``.attrs["betweenness"]`` says exact or
        sampled.

    Notes
    -----
    For vertex :math:`v`, :math:`B(v) = \\sum_{s < t,\\, s,t \\ne v} \\sigma_{st}(v)/\\sigma_{st}`
    (Brandes 2001).  Normalised: :math:`2B(v)/((n-1)(n-2))`.  Weighted: path length is the
    sum of ``1 / weight`` (Opsahl, Agneessens & Skvoretz 2010 with α = 1).  Sampled: the
    estimator of Brandes & Pich (2007), ``(n / k) Σ_{s∈S} δ_s(v) / 2``.

    References
    ----------
    U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25 (2001).
    U. Brandes and C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation
    and Chaos 17 (2007).  T. Opsahl, F. Agneessens, J. Skvoretz, "Node centrality in weighted
    networks: generalizing degree and shortest paths", Social Networks 32 (2010).

    Examples
    --------
    >>> g = ig.Graph.Star(5)
    >>> g.vs["name"] = list("abcde")
    >>> betweenness(g)[["applicant_id", "betweenness"]].head(2)
      applicant_id  betweenness
    0            a          1.0
    1            b          0.0
    """
    check_backend(backend)
    check_nonempty(graph)
    g = as_igraph(graph)
    n = g.vcount()
    if k is not None:
        if not isinstance(k, (int, np.integer)) or k < 1:
            raise NetworkInputError(f"k={k!r}; expected a whole number of sample sources >= 1")
        if k > n:
            raise NetworkInputError(f"k={k} is larger than the graph ({n} actors); use k <= {n} or k=None")
    jobs = _resolve_jobs(n_jobs)
    exact = k is None or k == n
    sources = list(range(n)) if exact else sorted(
        np.random.default_rng(seed).choice(n, size=k, replace=False).tolist()
    )
    weights = distances_from_weights(g) if weighted else None
    if backend == "igraph":
        raw = _betweenness_igraph(g, weights, sources, jobs)
    else:
        G = as_networkx(graph)
        names = g.vs["name"]
        res = _betweenness_networkx(G, weighted, [names[i] for i in sources], exact)
        raw = np.array([res[nm] for nm in names], dtype=float)
    if not exact:
        raw = raw * (n / k)
    if normalized:
        raw = raw * (2.0 / ((n - 1) * (n - 2))) if n > 2 else np.zeros(n)
    out = node_table(g)
    out.insert(1, "betweenness", raw)
    out.insert(2, "betweenness_sources", n if exact else k)
    out.attrs["betweenness"] = {
        "method": "exact" if exact else f"sampled k={k} seed={seed}",
        "weighted": weighted, "normalized": normalized, "backend": backend,
    }
    return out


def centrality(
    graph: Graph,
    *,
    weighted: bool = False,
    normalized: bool = True,
    k: int | None = None,
    seed: int | None = 0,
    closeness: bool = False,
    eigenvector: bool = False,
    backend: str = "igraph",
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Degree, strength and betweenness (optionally closeness, eigenvector) of every actor.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
    weighted : bool
        Weighted betweenness and closeness (distance = 1 / weight); degree and strength
        are always both reported.
    normalized : bool
        Betweenness normalisation (see :func:`betweenness`).
    k, seed, n_jobs : see :func:`betweenness`.
    closeness : bool
        Add ``closeness``: Wasserman–Faust for disconnected graphs,
        :math:`C(v) = \\frac{r-1}{n-1} \\cdot \\frac{r-1}{\\sum_u d(v,u)}` over the ``r``
        vertices reachable from ``v`` (networkx's default).
    eigenvector : bool
        Add ``eigenvector`` centrality scaled to unit Euclidean norm (networkx's
        convention); on a disconnected graph only the component with the leading
        eigenvalue gets non-zero values.
    backend : {"igraph", "networkx"}

    Returns
    -------
    pandas.DataFrame
        One row per actor: ``applicant_id, degree, degree_norm, strength, strength_norm,
        betweenness, betweenness_sources`` [``closeness``, ``eigenvector``] and every actor
        attribute, sorted by betweenness (descending), then ``applicant_id``.

    Notes
    -----
    Degree is the number of distinct partners; strength the sum of tie weights; both
    are also given divided by :math:`n - 1`.

    Examples
    --------
    >>> g = ig.Graph([(0, 1), (1, 2)])
    >>> g.vs["name"] = ["a", "b", "c"]
    >>> g.es["weight"] = [1.0, 3.0]
    >>> centrality(g)[["applicant_id", "degree", "strength", "betweenness"]]
      applicant_id  degree  strength  betweenness
    0            b       2       4.0          1.0
    1            a       1       1.0          0.0
    2            c       1       3.0          0.0
    """
    check_backend(backend)
    check_nonempty(graph)
    b = betweenness(graph, weighted=weighted, normalized=normalized, k=k, seed=seed,
                    backend=backend, n_jobs=n_jobs)
    g = as_igraph(graph)
    n = g.vcount()
    has_w = "weight" in g.es.attributes()
    if backend == "igraph":
        degree = np.asarray(g.degree(), dtype=np.int64)
        strength = np.asarray(g.strength(weights="weight" if has_w else None), dtype=float)
    else:
        G = as_networkx(graph)
        names = g.vs["name"]
        dd, ss = dict(G.degree()), dict(G.degree(weight="weight" if has_w else None))
        degree = np.array([dd[x] for x in names], dtype=np.int64)
        strength = np.array([ss[x] for x in names], dtype=float)
    denom = max(n - 1, 1)
    cols = {"degree": degree, "degree_norm": degree / denom, "strength": strength,
            "strength_norm": strength / denom}
    if closeness:
        cols["closeness"] = _closeness(graph, g, weighted, backend)
    if eigenvector:
        cols["eigenvector"] = _eigenvector(graph, g, backend)
    out = b.copy()
    for name, vals in cols.items():
        out[name] = vals
    first = ["applicant_id", "degree", "degree_norm", "strength", "strength_norm", "betweenness",
             "betweenness_sources", *(c for c in ("closeness", "eigenvector") if c in cols)]
    out = out[first + [c for c in out.columns if c not in first]]
    out = out.sort_values(["betweenness", "applicant_id"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs = dict(b.attrs)
    return out


def _closeness(graph: Graph, g: ig.Graph, weighted: bool, backend: str) -> np.ndarray:
    n = g.vcount()
    if backend == "networkx":
        G = as_networkx(graph)
        if weighted:
            res = nx.closeness_centrality(_exact_distances(G), distance="distance")
        else:
            res = nx.closeness_centrality(G)
        return np.array([res[x] for x in g.vs["name"]], dtype=float)
    weights = distances_from_weights(g) if weighted else None
    raw = np.asarray(g.closeness(weights=weights, normalized=True), dtype=float)  # (r-1)/sum d
    comp = g.connected_components()
    r = np.asarray(comp.sizes(), dtype=float)[comp.membership]
    out = np.nan_to_num(raw, nan=0.0) * ((r - 1) / max(n - 1, 1))
    return out


def _eigenvector(graph: Graph, g: ig.Graph, backend: str) -> np.ndarray:
    if g.ecount() == 0:
        return np.zeros(g.vcount())
    if backend == "networkx":
        G = as_networkx(graph)
        res = nx.eigenvector_centrality_numpy(G)
        return np.abs(np.array([res[x] for x in g.vs["name"]], dtype=float))
    ev = np.asarray(g.eigenvector_centrality(scale=True, weights=None), dtype=float)
    norm = np.linalg.norm(ev)
    return ev / norm if norm > 0 else ev
