"""Betweenness centrality: one public function, :func:`betweenness`, choosing its engine.

===============  ===================================================================
module           what it owns
===============  ===================================================================
``exact``        Brandes' algorithm (igraph's C core, or networkx), leaf reduction
``blocks``       the biconnected-block decomposition and its compiled (numba) kernel
``sampled``      the sampled estimators and their standard errors
``_linear``      the sampled estimator's array kernels
===============  ===================================================================
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd

from ..._errors import NetworkInputError
from ..._parallel import resolve_jobs
from .._graph import (
    Graph,
    as_igraph,
    as_networkx,
    check_backend,
    check_nonempty,
    distances_from_weights,
    vertex_table,
)
from .blocks import Decomposition, decompose
from .exact import _betweenness_networkx, _exact_by_blocks, _leaf_reduction
from .sampled import _brandes_pich, _drawn_and_cheap, _sampled_by_blocks, _sampled_linear

#: ``estimator="auto"`` uses the linear kernel while (2 × eccentricity of the hub) × |N| <= this × m
_DEPTH_FACTOR = 40

#: ``method="auto"`` computes exactly while ``n · m`` (Brandes' cost, O(nm)) is at most this
#: (about two to five minutes on one core of a 2020s laptop), and samples beyond it.
EXACT_BUDGET = 1e10


#: Betweenness goes through the biconnected blocks when their searches cost at most this
#: share of Brandes' work on the whole graph.  The compiled block kernel runs at 0.9-1.3x
#: igraph's speed per unit of work (Barabasi-Albert, lattice, Erdos-Renyi, geometric graphs;
#: ``benchmarks/bench_exact.py``) and its threads share the work without starting processes,
#: so it pays even on one giant block: 1.0 sends every large enough graph through it.
BLOCK_WORK_LIMIT = 1.0


#: ... and when the graph is big enough (``n · m``) for the kernel's one-off cost per process
#: (0.25 s to load it from numba's cache, ~1.4 s to compile it the first time) to pay: below
#: this igraph needs well under a second anyway.
BLOCK_MIN_WORK = 2e7




#: ``estimator="auto"`` samples through the blocks when their searches cost at most this share
#: of Brandes' work (the exact closed forms then carry much of the answer: on the calibrated
#: benchmark graph, work 13 %, Spearman 0.98 in 0.2 s against 0.93 in 0.65 s for ``linear``);
#: on one giant block (work 94 %) the linear estimator is better at equal time (0.97 against
#: 0.93 at 2.3-4.6 s), so it stays the default there.
BLOCK_SAMPLE_LIMIT = 0.5


#: The automatic sample size aims at ``k · m`` about this (about 30 s per core on a 2020s machine).
SAMPLE_BUDGET = 1e9


#: Minimum automatic sample size (the top of the ranking is stable by then).
MIN_AUTO_K = 500




#: The linear estimator vouches for an actor's se when at least this many uncertain sampled
#: sources reached it (see :func:`betweenness`, Notes; ``benchmarks/bench_se_coverage.py``).
MIN_CONTRIBUTORS = 5


def _in_drawn_pieces(d: Decomposition, n: int) -> np.ndarray:
    """Vertices of the pieces whose sources were sampled (the others are exact)."""
    out = np.zeros(n, dtype=bool)
    for i in _drawn_and_cheap(d)[1]:
        out[d.pieces[i].vertices] = True
    return out


def _se_note(linear: bool, unvouched: int) -> str:
    """What ``attrs["betweenness"]["se_note"]`` says of a sampled estimate's se."""
    if linear:
        return (f"se vouched for where betweenness_se_reliable is True ({unvouched:,} actors are not): there, "
                "estimate ± 1.96 se covered the exact value for at least 90 % of the top-100 actors and 80 % of "
                "all on the benchmark graphs (benchmarks/bench_se_coverage.py)")
    return ("se not vouched for (betweenness_se_reliable False wherever the value is estimated): this estimator's "
            "± 1.96 se covered the exact value for about 52–68 % of actors on the benchmark graphs, not 95 % "
            "(heavy-tailed dependencies; benchmarks/bench_se_coverage.py)")


def _choose_k(n: int, m: int, method: str, k: int | None) -> int | None:
    """Number of sampled sources, or None for exact (see :func:`betweenness`, Notes)."""
    if method not in ("auto", "exact", "sampled"):
        raise NetworkInputError(f"method={method!r}; expected 'auto', 'exact' or 'sampled'")
    if k is not None:
        if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
            raise NetworkInputError(f"k={k!r}; expected a whole number of sample sources >= 1")
        if k > n:
            raise NetworkInputError(f"k={k} is larger than the graph ({n} actors); use k <= {n} or k=None")
        if method == "exact":
            raise NetworkInputError(f"k={k} contradicts method='exact'; drop k or use method='sampled'")
        return None if k == n else int(k)
    if method == "exact" or (method == "auto" and n * max(m, 1) <= EXACT_BUDGET):
        return None
    auto_k = int(np.clip(SAMPLE_BUDGET / max(m, 1), MIN_AUTO_K, n))
    return None if auto_k >= n else auto_k


def _shallow(g: ig.Graph, src: np.ndarray) -> bool:
    """Whether the linear kernel pays off: its searches cost about ``depth × n`` per source
    (one dense pass per level) against igraph's ``m``.  The depth is bounded by twice the
    eccentricity of the best-connected source, found by one breadth-first search."""
    if not len(src):
        return True
    hub = int(src[np.argmax(np.asarray(g.degree(src.tolist())))])
    eccentricity = len(g.bfs(hub)[1]) - 2  # layers has a closing sentinel
    return 2 * eccentricity * len(src) <= _DEPTH_FACTOR * max(g.ecount(), 1)


def _use_linear(estimator: str, backend: str, weighted: bool) -> bool:
    """Whether sampling may use the linear-scaled estimator (see :func:`betweenness`)."""
    if estimator not in ("auto", "blocks", "linear", "uniform"):
        raise NetworkInputError(f"estimator={estimator!r}; expected 'auto', 'blocks', 'linear' or 'uniform'")
    if estimator == "blocks" and backend != "igraph":
        raise NetworkInputError("estimator='blocks' runs on the igraph backend; use backend='igraph' "
                                "or estimator='uniform'")
    possible = backend == "igraph" and not weighted
    if estimator == "linear" and not possible:
        raise NetworkInputError(
            "estimator='linear' needs unweighted shortest paths and the igraph backend; "
            "use estimator='uniform' (or 'auto') with weighted=True or backend='networkx'"
        )
    return possible and estimator in ("auto", "linear")


def _blocks_if_worth(g: ig.Graph, k: int | None, estimator: str, backend: str, weighted: bool
                     ) -> Decomposition | None:
    """The block decomposition when betweenness goes through it (see :func:`betweenness`)."""
    n, m = g.vcount(), g.ecount()
    if backend != "igraph" or (k is not None and estimator not in ("auto", "blocks")):
        return None
    if estimator != "blocks" and n * max(m, 1) < BLOCK_MIN_WORK:
        return None
    lengths = distances_from_weights(g) if weighted else None
    d = decompose(g, None if lengths is None else np.asarray(lengths, dtype=float))
    limit = BLOCK_WORK_LIMIT if k is None else BLOCK_SAMPLE_LIMIT
    return d if estimator == "blocks" or d.stats["work_fraction"] <= limit else None


def betweenness(
    graph: Graph,
    *,
    weighted: bool = False,
    normalized: bool = True,
    method: str = "auto",
    k: int | None = None,
    seed: int | None = 0,
    backend: str = "igraph",
    estimator: str = "auto",
    n_jobs: int | None = None,
    client=None,
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
    method : {"auto", "exact", "sampled"}
        ``auto`` (default): exact while ``n · m <= EXACT_BUDGET`` (1e10), otherwise
        sampled; passing ``k`` means sampled.
    k : int, optional
        Number of source vertices sampled (seeded) from the non-leaf vertices ``N`` (see
        Notes).  ``k >= |N|`` gives the exact value.  Default for sampling:
        ``SAMPLE_BUDGET / m`` (at least 500, at most ``n``).
    seed : int, optional
        Seed of the source sample.
    backend : {"igraph", "networkx"}
    estimator : {"auto", "blocks", "linear", "uniform"}
        How a sample is drawn and scaled (see Notes).  ``auto`` (default): ``linear`` for
        unweighted paths with the igraph backend, unless the graph is long-pathed (twice the
        hub's eccentricity times ``|N|`` above ``40 m``: the linear kernel makes one dense
        pass per search level); otherwise ``blocks`` when the graph is large enough for the
        block decomposition (igraph backend, ``n · m >= BLOCK_MIN_WORK``) and its blocks hold
        at most ``BLOCK_SAMPLE_LIMIT`` (half) of Brandes' work; ``uniform`` otherwise.
        ``blocks`` forces the compiled block sampler (also for exact values, the
        decomposition) on a graph of any size.
    n_jobs : int, optional
        Workers for the igraph backend (threads of the compiled block kernel, processes
        otherwise): sources split in chunks, partial sums added (the same numbers as one
        worker, to rounding).  ``None`` or ``-1``: all
        cores.  Small graphs always run in-process.
    client : dask.distributed.Client, optional
        Run the source chunks on this dask cluster instead (igraph backend); the
        workers need ``netanalysis`` installed.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, betweenness, betweenness_se, betweenness_se_reliable,
        betweenness_sources`` plus every vertex attribute.  ``betweenness_se`` is the standard
        error of a sampled estimate (0 when exact); ``betweenness_se_reliable`` says whether
        the estimate vouches for it (True when exact; see Notes); ``betweenness_sources`` is
        ``n`` when exact, ``k`` when sampled.  ``.attrs["betweenness"]`` records the method,
        the estimator, ``k``, the seed and, when sampled, ``se_note``: how far the se is
        vouched for (see Notes).

    Notes
    -----
    For vertex :math:`v`, :math:`B(v) = \\sum_{s < t,\\, s,t \\ne v} \\sigma_{st}(v)/\\sigma_{st}`
    (Brandes 2001).  Normalised: :math:`2B(v)/((n-1)(n-2))`.  Weighted: path length is the
    sum of ``1 / weight`` (Opsahl, Agneessens & Skvoretz 2010 with α = 1).

    Brandes' sum is additive over sources, :math:`B(v) = \\frac12 \\sum_s \\delta_s(v)`, so
    exact work is split into chunks of sources computed apart and added.  Leaves are not
    run as sources (Baglioni et al. 2012): a vertex :math:`s` with a single neighbour
    :math:`h`, in a component of :math:`c \\ge 3` vertices, reaches everything through
    :math:`h`, so :math:`\\delta_s(h) = c - 2` and :math:`\\delta_s(v) = \\delta_h(v)`
    otherwise; hence :math:`\\sum_s \\delta_s(v) = \\sum_{s \\in N} (1 + L_s)\\,\\delta_s(v)
    + L_v (c_v - 2)` with :math:`N` the non-leaf vertices of components of size
    :math:`\\ge 3` and :math:`L_s` the number of leaves on :math:`s` (vertices of smaller
    components lie on no path).  The result is Brandes' exactly; co-patent networks with many
    one-time partners save the leaves' share of the work.

    With the igraph backend and ``n · m >= BLOCK_MIN_WORK`` the graph is first cut into its
    biconnected blocks (Puzis, Zilberman & Elovici 2012): a vertex :math:`x` of block
    :math:`B` stands for the :math:`w_B(x)` vertices it connects to :math:`B` (itself and
    all that hangs on it away from :math:`B`), and
    :math:`B(v) = \\sum_{B \\ni v} \\tfrac12 \\sum_{x \\in B} w_B(x)\\,\\delta^B_x(v)
    + \\tfrac12 \\sum_{B \\ni v} (w_B(v) - 1)(c_v - w_B(v))` with
    :math:`\\delta^B_x(v) = \\sum_{y \\in B} w_B(y) \\sigma_{xy}(v)/\\sigma_{xy}` searched inside
    the block only (a compiled Brandes with source and target weights) and the last term the
    pairs :math:`v` separates.  Leaves and bridges cost nothing and every search stays in
    its block.  Unweighted, each block's identical vertices (the same neighbours: false
    twins; the same neighbours and each other: true twins) are then merged into one vertex
    of multiplicity :math:`m` (Sariyüce et al. 2013): it weighs the sum of its members'
    :math:`w_B` as source and target and multiplies the paths through it,
    :math:`\\sigma(w) = \\sum_{v \\in P(w)} m(v)\\sigma(v)`,
    :math:`\\delta(v) = \\sum_{w: v \\in P(w)} \\sigma(v)/\\sigma(w)\\,(w(w) + m(w)\\delta(w))`;
    the pairs inside a class of false twins :math:`i, j` (all their shortest paths run through
    one of their :math:`d` common neighbours) add :math:`w_B(i) w_B(j)/d` to each common
    neighbour.  Weighted (Dijkstra's searches, lengths equal within a relative ``1e-10`` as
    in igraph), blocks and weights stay exact but twins do not (two twins' shortest path
    need not pass a common neighbour), so they are not merged.  The blocks' sources are
    dealt to ``n_jobs`` threads by cost, largest first.  ``attrs["betweenness"]
    ["decomposition"]`` says which way was taken ("leaves": the leaf rule above, in igraph).

    Sampled through blocks, ``estimator="blocks"``: the separation and twin terms and the
    pieces costing at most ``CHEAP_PIECE`` (2 %) of the work are exact; from the rest about
    ``k`` source rows are drawn by systematic sampling with probability
    :math:`\\pi_x \\propto w(x)` (the vertices it stands for; capped at 1), and
    :math:`\\hat B(v) = \\text{exact part} + \\sum_{x \\in S} \\tfrac12 w(x)\\delta_x(v)/\\pi_x`
    (Horvitz–Thompson, unbiased) with Hájek's standard error as below.  On the calibrated
    20 k-actor benchmark graph ``k = 1000`` reaches a top-100 Spearman of 0.98 in 0.2 s
    (``benchmarks/README.md``).

    Sampled, ``estimator="uniform"`` (Brandes & Pich 2007):
    :math:`\\hat B(v) = \\frac{|N|}{k} \\sum_{s \\in S} (1 + L_s)\\,\\delta_s(v)/2 + L_v (c_v - 2)/2`
    over a uniform sample :math:`S` of :math:`k` sources from :math:`N`, unbiased; the leaf
    term is exact.  Its standard error is estimated by batch means: the sample, in draw
    order, is cut into :math:`b` (up to 50) batches of sizes :math:`m_j` and means
    :math:`\\bar y_j` of :math:`x_s = (1 + L_s)\\,\\delta_s(v)/2`,
    :math:`s^2 = \\sum_j m_j (\\bar y_j - \\bar y)^2 / (b - 1)` and :math:`\\mathrm{se} = |N|
    \\sqrt{s^2 / k \\,(1 - k/|N|)}` (finite-population correction).

    Sampled, ``estimator="linear"`` (unweighted, igraph backend; the default there), through
    the blocks and twins above: the separation and twin terms and the pieces costing at most
    ``CHEAP_PIECE`` of the work are exact.  In the other pieces, with :math:`W_x` the vertices
    row :math:`x` stands for, :math:`B(v) = \\sum_{\\{x,y\\}} W_x W_y \\sigma_{xy}(v)/\\sigma_{xy}`
    is split in three.  (1) Pairs at distance 2 through :math:`v` — the pairs of its partners
    that are not partners themselves, its ego betweenness (Everett & Borgatti 2005) — are
    counted exactly for every row of at most ``EGO_MAX_DEGREE`` (64) partners.  (2) Every
    other pair's credit is split between its two ends, :math:`f(i, D) + f(D - i, D) = 1` with
    :math:`i = d(x, v)`, :math:`D = d(x, y)`: in proportion to distance, :math:`f = i/D`
    (linear scaling, Geisberger, Sanders & Schultes 2008), except that a partner of
    :math:`v` gets none of a longer pair through :math:`v` and the other end all of it,
    :math:`f(1, D) = 0`, :math:`f(D-1, D) = 1` (a hub's ego pairs, above 64 partners, are
    split in half).  Source :math:`x` contributes
    :math:`y_x(v) = W_x \\sum_y W_y f(d(x,v), d(x,y)) \\sigma_{xy}(v)/\\sigma_{xy}` and
    :math:`\\sum_x y_x(v)` is exact.  Partners of a broker carried most of the former
    estimator's variance (a median 99 % of an actor's on the calibrated benchmark graph):
    they no longer hand it any credit.  (3) About ``k`` source rows are drawn by systematic
    πps sampling (Madow 1949) with :math:`\\pi_x \\propto W_x / \\sqrt{d_x}` (capped at 1),
    ``CHAIN_BOOST`` (3 and 2) times more for rows of :math:`d_x = 2` and 3 partners and
    :math:`1 + 2F_x` times more for a row whose second step runs into one vertex (the share
    :math:`F_x` of :func:`funnel`): such sources hand the broker two steps away a large
    share of their pairs, and were the largest remaining contributions (importance
    sampling).  The list is the blocks' rows in reverse Cuthill–McKee order, cut into strata
    of about ``STRATUM_DRAWS`` (2) draws and shuffled within them, so neighbouring sources
    share the draws (implicit stratification, Cochran 1977, ch. 8).
    :math:`\\hat B(v) = \\text{exact parts} + \\sum_{x \\in S} y_x(v)/\\pi_x` is unbiased
    (Horvitz–Thompson); its standard error is Hájek's approximation
    :math:`\\frac{k}{k-1} \\sum_{x \\in S} (1 - \\pi_x)(y_x/\\pi_x - A)^2`, :math:`A` the
    :math:`(1-\\pi)`-weighted mean of :math:`y_x/\\pi_x` (Hájek 1964), which ignores the strata
    and so errs on the safe side (Wolter 2007, ch. 8).  ``betweenness_se_reliable`` is True
    where the value is exact or at least ``MIN_CONTRIBUTORS`` (5) uncertain sampled sources
    reached the actor; below that the se rests on too few draws (it is 0 when none did) and
    is not vouched for.

    Coverage measured (``benchmarks/bench_se_coverage.py``: SYNTHETIC graphs of 2,400–2,600
    actors, the PATSTAT-IT structure and a Zipf co-patent model, k = 20 % of the sources,
    100 seeds; ``benchmarks/README.md``): ``estimate ± 1.96 se`` held the exact value for
    96 % / 93 % (calibrated) and 93 % / 90 % (Zipf) of the (top-100 actor, seed) / (actor
    with betweenness > 0, seed) pairs, and where vouched for 97 % / 96 % and 94 % / 94 %
    (92–95 % of the top 100 and 80–83 % of the rest vouched for); on the real PATSTAT-IT
    co-patent graph (755 actors) 92 % / 92 %.  The former estimator held 67–68 % / 52–53 %,
    with an se of the same size as the spread but too often small when its few large
    contributors were missed.  Dependencies stay heavy-tailed for some actors (a few peripheral
    sources behind them), and a sample that misses those sources under-estimates both the
    score and its se: no statistic of the sample can see it, so the coverage is a measured
    property of these graphs, not a guarantee.  The other estimators' se is not vouched for
    (``betweenness_se_reliable`` False wherever the value is estimated: 51–66 % coverage
    measured).

    References
    ----------
    R. Puzis, P. Zilberman, Y. Elovici (2012). Heuristics for speeding up betweenness
    centrality computation. ASONAM 2012, 302–309.  A. E. Sariyüce, E. Saule, K. Kaya,
    Ü. V. Çatalyürek (2013). Shattering and compressing networks for betweenness centrality.
    SIAM SDM 2013, 686–694.
    U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25 (2001).
    U. Brandes and C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation
    and Chaos 17 (2007).  M. Baglioni, F. Geraci, M. Pellegrini, E. Lastres, "Fast exact
    computation of betweenness centrality in social networks", ASONAM 2012.  T. Opsahl,
    F. Agneessens, J. Skvoretz, "Node centrality in weighted networks: generalizing degree
    and shortest paths", Social Networks 32 (2010).  R. Geisberger, P. Sanders, D. Schultes,
    "Better approximation of betweenness centrality", ALENEX 2008.  W. G. Madow, "On the
    theory of systematic sampling, II", Ann. Math. Stat. 20 (1949).  J. Hájek, "Asymptotic
    theory of rejective sampling with varying probabilities from a finite population",
    Ann. Math. Stat. 35 (1964).  M. Everett, S. P. Borgatti, "Ego network betweenness",
    Social Networks 27 (2005).  W. G. Cochran, Sampling Techniques, 3rd ed. (1977).
    K. M. Wolter, Introduction to Variance Estimation, 2nd ed. (2007).

    Examples
    --------
    >>> g = ig.Graph.Star(5)
    >>> g.vs["name"] = list("abcde")
    >>> betweenness(g)[["applicant_id", "betweenness", "betweenness_se"]].head(2)
      applicant_id  betweenness  betweenness_se
    0            a          1.0             0.0
    1            b          0.0             0.0
    """
    check_backend(backend)
    check_nonempty(graph)
    g = as_igraph(graph)
    n, m = g.vcount(), g.ecount()
    k = _choose_k(n, m, method, k)
    jobs = resolve_jobs(n_jobs)
    if client is not None and backend != "igraph":
        raise NetworkInputError("client= runs the igraph backend on the cluster; use backend='igraph'")
    linear_possible = _use_linear(estimator, backend, weighted)
    src, mult, leaf_term, _ = _leaf_reduction(g)
    n_src = len(src)
    if k is not None and k >= n_src:  # every source that carries betweenness: the exact value
        k = None
    # on a long-pathed graph the level-by-level kernel would cost depth × n per source
    linear = k is not None and linear_possible and (estimator == "linear" or _shallow(g, src))
    blocks = decompose(g) if linear else _blocks_if_worth(g, k, estimator, backend, weighted)
    estimated = np.ones(n, dtype=bool)  # vertices whose value has a sampled part
    reached = np.zeros(n)
    if k is None and backend == "networkx":
        # networkx exact: Brandes over every source without the leaf rule, an independent check
        G = as_networkx(graph)
        res = _betweenness_networkx(G, weighted, list(G), True)
        raw, se = np.array([res[nm] for nm in g.vs["name"]], dtype=float), np.zeros(n)
    elif blocks is not None and k is None:
        raw, se = _exact_by_blocks(blocks, jobs, client), np.zeros(n)
    elif blocks is not None and linear and k is not None:
        raw, se, reached, k = _sampled_linear(blocks, k, seed, jobs, client)
        k = k or None  # nothing drawn: every block was searched whole, the value is exact
        estimated = _in_drawn_pieces(blocks, n)
    elif blocks is not None and k is not None:
        raw, se, k = _sampled_by_blocks(blocks, k, seed, jobs, client)
        k = k or None
        estimated = _in_drawn_pieces(blocks, n)
    else:
        raw, se = _brandes_pich(graph, g, src, mult, leaf_term, k, seed, weighted, backend, jobs, client)
        estimated[:] = False
        estimated[src] = True
    exact = k is None
    # the se is vouched for where the value is exact, or where the linear estimator's sample
    # reached the vertex from at least MIN_CONTRIBUTORS uncertain sources (see Notes)
    reliable = ~estimated | exact | (linear & (reached >= MIN_CONTRIBUTORS))
    if normalized:
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        raw, se = raw * scale, se * scale
    out = vertex_table(g)
    out.insert(1, "betweenness", raw)
    out.insert(2, "betweenness_se", se)
    out.insert(3, "betweenness_se_reliable", reliable)
    out.insert(4, "betweenness_sources", n if exact else k)
    estimator_name = None if exact else (
        "linear-scaled, pps, blocks" if linear else "blocks, pps" if blocks else "uniform")
    out.attrs["betweenness"] = {
        "method": "exact" if exact else "sampled", "k": n if exact else k, "seed": None if exact else seed,
        "estimator": estimator_name,
        "sources_carrying_betweenness": n_src,
        "decomposition": ("biconnected blocks" + ("" if weighted else ", twins")) if blocks
        else ("leaves" if exact else None),
        "weighted": weighted, "normalized": normalized, "backend": backend,
        "se_note": None if exact else _se_note(linear, int((~reliable).sum())),
    }
    return out


__all__ = ["betweenness"]
