"""Significance of "type X has higher betweenness": a degree-preserving rewiring null model."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .._contracts import check_inputs
from .._errors import NetworkInputError
from .._parallel import map_batches, resolve_jobs
from .._rng import igraph_seed
from ..regions import within
from ._curveball import all_stopped, curveball, sequential_p
from ._graph import Graph, as_igraph, check_nonempty


def _known(kind: pd.Series) -> pd.Series:
    """Each value as a group label, ``""`` for unknown (missing, empty, or a missing value
    turned into text): unknown is never a group in any null model (as in brokerage and
    mixing)."""
    text = kind.astype("string").fillna("").str.strip()
    return text.mask(text.isin(["nan", "None", "<NA>", "NaN"]), "").astype(object)


def _group_codes(kind: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes of the known groups (sorted), unknown as the last code ``len(labels)``."""
    known = _known(kind)
    labels = sorted(set(known) - {""})
    codes = known.map({g: i for i, g in enumerate(labels)}).fillna(len(labels)).to_numpy(dtype=np.int64)
    return codes, labels


def _group_means(b: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    sums = np.bincount(codes, weights=b, minlength=n_groups)
    counts = np.bincount(codes, minlength=n_groups)
    return sums / np.maximum(counts, 1)


def betweenness_null_model(
    graph: Graph,
    group: str = "actor_type",
    n: int = 100,
    seed: int = 0,
    swaps_per_edge: int = 10,
    verbose: bool = False,
    region: str | list[str] | None = None,
) -> pd.DataFrame:
    """Compare each group's mean betweenness with degree-preserving random rewirings.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        The observed (unweighted) network with the ``group`` vertex attribute.
    group : str
        Vertex attribute defining groups.
    n : int
        Number of randomised networks.
    seed : int
        Seed; the same seed gives the same answer.
    swaps_per_edge : int
        Edge swaps per edge and randomisation (``Graph.rewire(mode="simple")``).
    verbose : bool
        Progress bar.
    region : str or list of str, optional
        Take each group's mean over its actors located in this focus (vertex attribute
        ``region``), in the observed network and every rewiring; every actor stays in the
        network and its normalisation.  ``None``: every actor.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``n_actors`` (its actors the mean is over), ``observed`` mean normalised betweenness,
        ``null_mean``, ``null_sd``, ``z = (observed − null_mean) / null_sd`` and
        ``p_greater = (1 + #{null ≥ observed}) / (n_valid + 1)`` (one-sided empirical
        p-value, never below ``p_min = 1 / (n_valid + 1)``, also a column), ``n_valid``
        (the draws in which the group's mean is defined) and ``note`` (why ``z`` is
        missing: the null has no spread, e.g. every rewiring gives a star the same
        betweenness; how many draws were left out).  ``attrs["null_model"]["draws"]``
        holds each group's ``n`` null means, ``nan`` where undefined (for
        :func:`netanalysis.plotting.plot_null_model`); ``attrs["null_model"]["unknown_actors"]``
        counts the actors of unknown group.

    Notes
    -----
    Each randomisation keeps every actor's degree and its group but rewires who is tied
    to whom (simple graph, no loops or multi-edges).  A small ``p_greater`` for
    universities says their brokerage is more than their number of partners explains.
    One rule for every null model of the package: a draw in which a group's statistic is
    undefined (no actor of the group with a tie) is left out of that group's mean, sd and
    p and counted (``n_valid``), never counted as below the observed value; actors of
    unknown group (missing, ``""``) stay in every network and its normalisation but are
    never a group (as in brokerage and type mixing).  ``other`` is a type the classifier
    gives (non-profit bodies, empty names) and stays a group.  With ``region``, the actors a
    group's mean is over are those located in the focus, the same actors in every rewiring
    (rewiring keeps every degree, so each keeps a tie), as the report's numbers.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph.Star(6)
    >>> g.vs["actor_type"] = ["university"] + ["sme"] * 5
    >>> r = betweenness_null_model(g, n=5, seed=1)
    >>> float(r.set_index("actor_type").loc["university", "observed"])
    1.0
    """
    check_nonempty(graph)
    check_draws(n)
    g = as_igraph(graph)
    if group not in g.vs.attributes():
        raise NetworkInputError(f"graph vertices lack attribute {group!r}")
    if g.ecount() == 0:
        raise NetworkInputError("the network has no ties; betweenness is 0 everywhere")
    nv = g.vcount()
    kind = _known(pd.Series(g.vs[group], dtype=object))
    unknown = int((kind == "").sum())
    focus = check_inputs(region=region)
    if focus:
        if "region" not in g.vs.attributes():
            raise NetworkInputError("graph vertices lack attribute 'region'; the focus's actors cannot be told "
                                    "(build the graph with network.to_igraph(edges, actors))")
        inside = within(pd.Series(g.vs["region"], dtype=object).fillna("").astype(str), focus).to_numpy()
        kind = kind.where(inside, "")  # outside the focus: in the network and its normalisation, in no mean
    codes, labels = _group_codes(kind)
    if not labels:
        where = f" located in {', '.join(focus)}" if focus else ""
        raise NetworkInputError(f"no vertex{where} has a known {group!r}; there is no group to test")
    scale = 2.0 / ((nv - 1) * (nv - 2)) if nv > 2 else 0.0
    observed = _group_means(np.asarray(g.betweenness(directed=False)) * scale, codes, len(labels) + 1)
    null = np.empty((n, len(labels) + 1))
    with igraph_seed(seed):
        h = g.copy()
        for i in tqdm(range(n), disable=not verbose, desc="rewiring"):
            r = h.copy()
            r.rewire(swaps_per_edge * r.ecount())  # simple graphs: no loops, no multi-edges
            null[i] = _group_means(np.asarray(r.betweenness(directed=False)) * scale, codes, len(labels) + 1)
    info = {"n": n, "seed": seed, "swaps_per_edge": swaps_per_edge,
            "method": "degree-preserving rewiring (igraph Graph.rewire, simple)",
            "unknown_actors": unknown, "region": focus or [],
            "population": (f"the actors of the group located in {', '.join(focus)} (vertex attribute region), in "
                           "the observed network and each rewiring; every actor stays in the network and its "
                           "normalisation") if focus else "every actor of the group"}
    k = len(labels)
    return _summarise(observed[:k], null[:, :k], pd.Index(labels), np.bincount(codes, minlength=k + 1)[:k], group,
                      info)


def _summarise(observed: np.ndarray, null: np.ndarray, labels: pd.Index, counts: np.ndarray, group: str,
               info: dict, sequential: int | None = None) -> pd.DataFrame:
    """The table both null models return, from the observed and the null group means
    (``p_greater`` by Besag & Clifford's sequential rule with ``h = sequential``)."""
    stats = [_z_and_p(float(o), null[:, i]) for i, o in enumerate(observed)]
    p_seq, used, stopped = sequential_p(observed, null, sequential)
    valid = np.isfinite(null).sum(axis=0) if len(null) else np.zeros(len(labels), dtype=int)
    sd = np.array([st[1] for st in stats])
    note = np.where(valid == 0, "no randomisation gives this group an actor with a tie",
                    np.where(sd > 0, "", np.where(valid > 1, "z undefined: the null has no spread",
                                                  "z undefined: one randomisation has no spread")))
    left_out = len(null) - valid
    note = np.array([t + ("; " if t else "") + f"{d} randomisations in which no actor of this group has a tie left out"
                     if d else t for t, d in zip(note, left_out, strict=True)], dtype=object)
    out = pd.DataFrame({
        group: labels, "n_actors": counts, "observed": observed, "null_mean": [st[0] for st in stats],
        "null_sd": sd, "z": [st[2] for st in stats], "p_greater": p_seq,
        "p_min": 1 / (valid + 1), "n_valid": valid, "n_draws_p": used, "stopped_early": stopped, "note": note,
    })
    out.attrs["null_model"] = {"sequential_h": sequential, **info,
                               "draws": {str(lab): null[:, i].tolist() for i, lab in enumerate(labels)}}
    return out.sort_values("observed", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class _NullState:
    """What every draw of the bipartite null model needs (sent to each worker once)."""

    pid: np.ndarray
    uid: np.ndarray
    n_u: int
    focal: np.ndarray | None
    gcodes: np.ndarray
    n_groups: int
    unknown: bool = False  # the last group code is "unknown type" (left out of mixing counts)
    indptr: np.ndarray | None = None  # curveball: each patent's rows (pid sorted, pairs distinct)
    start: np.ndarray | None = None  # curveball: the hub every draw starts from
    n_trades: int = 0  # curveball: trades per draw
    members: np.ndarray | None = None  # the population of each group's statistic (None: every actor)


#: Most draws a null model runs: 100,000 gives a smallest p of 1e-5; more is an hour of
#: silence for a question the sequential rule answers in far fewer.
MAX_DRAWS = 100_000

#: Null models the bipartite functions draw from.
METHODS = ("curveball", "stub")


def check_draws(n: object) -> None:
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise NetworkInputError(f"null model runs = {n!r}; expected a whole number of randomisations, at least 1 "
                                "(e.g. --null-model-runs 200)")
    if n > MAX_DRAWS:
        raise NetworkInputError(f"null model runs = {n:,}; at most {MAX_DRAWS:,} (smallest p 1/{MAX_DRAWS + 1:,}). "
                                "The draws stop early once a p-value is clear (Besag–Clifford), so a few "
                                "thousand are enough for p = 0.001")


def _draw(state: _NullState, s: np.random.SeedSequence) -> np.ndarray:
    """The applicant codes of one draw: curveball trades from the hub, or (``start`` None)
    a permutation of the applicant column (stub matching)."""
    if state.start is None:
        return np.random.default_rng(s).permutation(state.uid)
    assert state.indptr is not None
    return curveball(state.indptr, state.start, state.n_u, state.n_trades, s)


def _with_curveball(state: _NullState, seed: np.random.SeedSequence, trades_per_patent: float) -> _NullState:
    """``state`` on distinct (patent, applicant) pairs sorted by patent, with the hub drawn
    from the observed network by ``trades_per_patent`` × patents trades."""
    key = np.unique(state.pid * state.n_u + state.uid)  # sorted by patent, each pair once
    pid, uid = key // state.n_u, key % state.n_u
    n_p = int(pid.max()) + 1 if len(pid) else 0
    indptr = np.concatenate([[0], np.cumsum(np.bincount(pid, minlength=n_p))]).astype(np.int64)
    trades = max(1, int(round(trades_per_patent * n_p)))
    start = curveball(indptr, uid, state.n_u, trades, seed)
    return _NullState(pid, uid, state.n_u, state.focal, state.gcodes, state.n_groups, state.unknown, indptr, start,
                      trades, state.members)


def _permutable(applications: pd.DataFrame, n: int, region: str | list[str] | None,
                years: str | tuple[int, int] | None) -> tuple[np.ndarray, np.ndarray, pd.Index, np.ndarray | None,
                                                              list[str]]:
    """What both bipartite null models permute: patent and applicant codes of the period's
    rows, the applicants' labels, which applicants are in the focus, and the focus's codes."""
    from ..network.build import edge_options, focal_actors
    from ..network.kernel import codes

    check_draws(n)
    opts = edge_options(years=years, region=region)
    apps = applications if opts.years is None else applications[applications["year"].between(*opts.years)]
    if apps.empty:
        raise NetworkInputError("no application in the years asked for; nothing to randomise")
    uid, labels = codes(apps["applicant_id"], sort=True)
    pid, _ = codes(apps["patent_id"], sort=False)
    focal = None if opts.region is None else np.asarray(
        pd.Index(labels).isin(focal_actors(applications, opts.region)))
    return (np.asarray(pid, dtype=np.int64), np.asarray(uid, dtype=np.int64), pd.Index(labels), focal,
            list(opts.region or []))


def _population(labels: pd.Index, actors: pd.DataFrame, focus: list[str], focal: np.ndarray | None
                ) -> np.ndarray | None:
    """Which applicants (codes of ``labels``) a group's statistic is over: every applicant
    without a focus; with one, the applicants located in it by the actors table's ``region``
    (as the report's numbers: ``RunContext.in_focus``), or by the applications' usual region
    (the rule that builds the network) when the actors table has no ``region``."""
    if focal is None:
        return None
    if "region" not in actors.columns:
        return focal
    located = actors.drop_duplicates("applicant_id").set_index("applicant_id")["region"]
    region = located.reindex(labels).astype(object).fillna("").astype(str).reset_index(drop=True)
    return np.asarray(within(region, focus), dtype=bool)


def _population_words(focus: list[str]) -> str:
    """What a group's statistic is over, in words (for ``attrs["null_model"]["population"]``)."""
    if not focus:
        return "every actor of the group with a tie, in the observed network and in each draw"
    return (f"the actors of the group located in {', '.join(focus)} (the actors table's region) with a tie, "
            "in the observed network and in each draw; the network is the ties touching the focus")


def _tied(state: _NullState) -> int:
    """The actors with a tie in the observed network (the betweenness normalisation's)."""
    u, v = _project(state, state.uid)
    return int(len(np.unique(np.r_[u, v])))


def _project(state: _NullState, u_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ties ``(u, v)`` of the network projected from the applicant codes ``u_codes``."""
    from ..network.kernel import edges_from_codes

    zeros, ones = np.zeros(len(u_codes), dtype=np.int64), np.ones(len(u_codes), dtype=bool)
    u, v, *_ = edges_from_codes(state.pid, u_codes, state.n_u, zeros, ones,
                                None if state.focal is None else state.focal[u_codes],
                                "touching", "count", None, None, False)
    return u, v


def _exact_betweenness(g: ig.Graph) -> np.ndarray:
    """Exact, unnormalised betweenness of every vertex, by the package's engine (blocks, twins and
    leaves: on a national co-patent network of 160,000 actors about 0.5 s where igraph's Brandes
    takes 20 s; equal to igraph's to rounding, see :func:`netanalysis.metrics.betweenness`), one
    thread: the draws themselves run in parallel."""
    from .betweenness import betweenness

    if g.vcount() < 3 or g.ecount() == 0:
        return np.zeros(g.vcount())
    return betweenness(g, method="exact", normalized=False, n_jobs=1)["betweenness"].to_numpy(dtype=float)


def _group_betweenness(state: _NullState, u_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean normalised betweenness per group of the network projected from ``u_codes``, over
    the actors of ``state.members`` with a tie in it (normalised by every actor with a tie),
    and those actors' numbers per group."""
    return _betweenness_of(state, *_project(state, u_codes))


def _betweenness_of(state: _NullState, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_group_betweenness` of the projected ties ``(u, v)``."""
    g = ig.Graph(n=state.n_u, edges=np.column_stack([u, v]).tolist())
    tied = np.asarray(g.degree()) > 0
    nv = int(tied.sum())
    scale = 2.0 / ((nv - 1) * (nv - 2)) if nv > 2 else 0.0
    b = _exact_betweenness(g) * scale
    pop = tied if state.members is None else tied & state.members  # normalised by the whole network drawn
    sums = np.bincount(state.gcodes[pop], weights=b[pop], minlength=state.n_groups)
    counts = np.bincount(state.gcodes[pop], minlength=state.n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan), counts


def _duplicates(state: _NullState, drawn: np.ndarray) -> int:
    """Applicant–patent pairs a draw lists twice: none by curveball trades (their hub is made of
    distinct pairs and a trade never lists an applicant twice), so only stub draws are counted
    (a sort of every row, a third of a national draw's time)."""
    if state.start is not None:
        return 0
    return len(drawn) - len(np.unique(state.pid * state.n_u + drawn))


def _null_batch(state: _NullState, seeds: list[np.random.SeedSequence]) -> np.ndarray:
    """Group means of one batch of draws, with the duplicates each draw merged as a last column."""
    rows = []
    for s in seeds:
        drawn = _draw(state, s)
        dup = _duplicates(state, drawn)
        rows.append(np.append(_group_betweenness(state, drawn)[0], dup))
    return np.vstack(rows)


def _run_draws(kernel: Callable[[Any, list], np.ndarray], state: Any,
               seeds: list[np.random.SeedSequence], jobs: int, per_draw: float,
               stop: Callable[[np.ndarray], bool], verbose: bool, desc: str, batch: int = 10) -> np.ndarray:
    """The rows of ``kernel(state, batch)`` over batches of ``seeds``, in order, until
    ``stop(rows so far)`` (checked after each batch, in draw order, so the answer does not
    depend on ``jobs``).  A progress bar, and an estimate before the work starts."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    from .._errors import NetanalysisError
    from .._parallel import batch_in_worker, init_worker

    n = len(seeds)
    batches = [seeds[i:i + batch] for i in range(0, n, batch)]
    parallel = jobs > 1 and len(batches) > 1 and per_draw * n > 5.0
    workers = jobs if parallel else 1
    if verbose:
        est = per_draw * n / workers
        tqdm.write(f"{desc}: up to {n:,} draws at about {per_draw:.3f} s each on {workers} worker(s): at most "
                   f"~{est / 60:.1f} min; stops earlier once every p-value is clear")
    parts: list[np.ndarray] = []
    bar = tqdm(total=n, disable=not verbose, desc=desc, unit="draw")
    try:
        if not parallel:
            for b in batches:
                parts.append(kernel(state, b))
                bar.update(len(b))
                if stop(np.vstack(parts)):
                    break
            return np.vstack(parts)
        with ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(kernel, state)) as pool:
            todo = iter(batches)
            pending: deque[tuple[Future, int]] = deque()
            for b in todo:
                pending.append((pool.submit(batch_in_worker, b), len(b)))
                if len(pending) >= 2 * jobs:
                    break
            while pending:
                fut, size = pending.popleft()
                parts.append(fut.result())
                bar.update(size)
                if stop(np.vstack(parts)):
                    for f, _ in pending:
                        f.cancel()
                    break
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append((pool.submit(batch_in_worker, nxt), len(nxt)))
        return np.vstack(parts)
    except NetanalysisError:
        raise
    except Exception as e:  # a dead worker fails the call, never a partial answer
        raise NetworkInputError(f"parallel {desc} failed in a worker ({type(e).__name__}: {e}); no partial result "
                                "was returned — retry with n_jobs=1 to run in this process") from e
    finally:
        bar.close()


def bipartite_null_model(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    n: int = 1000,
    seed: int = 0,
    region: str | list[str] | None = None,
    years: str | tuple[int, int] | None = None,
    group: str = "actor_type",
    verbose: bool = False,
    n_jobs: int | None = 1,
    method: str = "curveball",
    sequential: int | None = 20,
    trades_per_patent: float = 5.0,
) -> pd.DataFrame:
    """Each group's mean betweenness against a patent–applicant null model.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (``patent_id, applicant_id, year, region``).
    actors : pandas.DataFrame
        Actor table (``applicant_id`` and ``group``).
    n : int
        Most randomised networks drawn (default 1,000; at most :data:`MAX_DRAWS`).
    seed : int
        Seed; the same seed gives the same answer.
    region : str or list of str, optional
        Build the observed and every null network as ties touching this focus (the same
        rule as :func:`netanalysis.network.edges_from_applications`), and take each group's
        mean over its actors located in the focus (see Notes).
    years : "YYYY-YYYY" or (int, int), optional
        Filing years kept.
    group : str
        Actor attribute defining the groups.
    verbose : bool
        Progress bar.
    n_jobs : int or None
        Worker processes for the draws (``None`` / ``-1``: all cores); every draw has its
        own random stream, so the answer does not depend on ``n_jobs``.
    method : {"curveball", "stub"}
        ``"curveball"`` (default): curveball trades, which never list an applicant twice on
        a patent; ``"stub"``: the applicant column permuted across rows (stub matching,
        duplicates merged: conservative, kept for comparison).
    sequential : int or None
        Besag & Clifford's ``h`` (default 20): a group's p-value is settled at its ``h``-th
        draw at least as large as observed, and the draws stop once every group's is;
        ``None`` draws all ``n``.
    trades_per_patent : float
        Curveball trades per draw, per patent (default 5).

    Returns
    -------
    pandas.DataFrame
        As :func:`betweenness_null_model`: ``n_actors, observed, null_mean, null_sd, z,
        p_greater, p_min, n_valid, n_draws_p, stopped_early, note`` per known group
        (unknown type is never a group); ``n_draws_p`` is the draws the p-value used
        (``p = h / n_draws_p`` when ``stopped_early``); ``n_actors`` is the group's
        population in the observed network (with a focus: its actors located in the focus
        with a tie).  ``attrs["null_model"]`` with the method, ``n`` (the draws run),
        ``max_draws``, ``sequential_h``, the draws, ``unknown_actors``,
        ``duplicates_merged`` (the mean number of applicant–patent pairs a draw drew twice
        and merged; 0 for curveball), ``population`` (what a group's mean is over, in words)
        and ``network_actors`` (the actors with a tie in the observed network, the
        normalisation's).

    Notes
    -----
    Co-patent networks are projections of a patent–applicant (bipartite) network: a patent
    with *k* applicants is a *k*-clique.  Rewiring the projected network breaks those
    cliques; this model keeps them.  Each randomisation keeps every patent's number of
    applicants and every applicant's number of patents, then projects as the observed
    network was built.  By default it is drawn by curveball trades (Strona et al. 2014;
    uniform over such networks, Carstens 2015) started from a hub of the observed network
    (Besag & Clifford 1989), so the p-values are exact whatever the chain's mixing, and no
    patent lists an applicant twice, as in real data.  Stub matching (``method="stub"``,
    Newman, Strogatz & Watts 2001) can put one applicant twice on a patent; those are merged
    (``duplicates_merged``), which makes the test conservative.  The p-values are
    sequential (Besag & Clifford 1991): a clearly large p stops early.

    The statistic is the same function of the observed network and of every draw, over the
    same actors.  The network is the period's ties touching the focus (every tie without
    one), projected by the rule that built the observed network; betweenness is unweighted
    (as :func:`netanalysis.metrics.centrality` by default, so the ties' weighting does not
    enter) and normalised by the actors with a tie in that network.  With a focus, a group's
    mean is over **its actors located in the focus** (by the actors table's ``region``, as
    the report's numbers; by the applications' usual region when the table has none) that
    have a tie — in the observed network and in each draw alike.  Location is an attribute
    of the actor, not of the draw, so the population is the same actors in every network
    (an actor that a draw leaves on single-applicant patents only has no tie there and is
    out of that draw's mean, as it would be observed).  Actors outside the focus are in
    every network (as partners) and in its normalisation, never in a group's mean: a draw
    spreads the focus's patents over partners from the whole period, so the number of
    outside actors touching the focus differs from draw to draw and from the observed
    network (on the SYNTHETIC sample 62 universities touch the focus in a draw, 3 outside it
    observed), and a mean over them would compare other actors with the observed ones.
    A draw in which no actor of a group's population has a tie is left out of that group's
    numbers and counted (``n_valid``).  Saracco et al. (2015) fix the degrees in
    expectation instead (BiCM); both keep the bipartite structure that one-mode rewiring
    loses.

    References
    ----------
    G. Strona et al. (2014). A fast and unbiased procedure to randomize ecological binary
    matrices with fixed row and column totals. Nat. Commun. 5, 4114.  C. J. Carstens (2015).
    Proof of uniform sampling of binary matrices with fixed row sums and column sums for the
    fast Curveball algorithm. Phys. Rev. E 91, 042812.  J. Besag, P. Clifford (1989, 1991).
    Generalized Monte Carlo significance tests; Sequential Monte Carlo p-values. Biometrika
    76, 633–642; 78, 301–304.
    M. E. J. Newman, S. H. Strogatz, D. J. Watts (2001). Random graphs with arbitrary degree
    distributions and their applications. Phys. Rev. E 64, 026118.  F. Saracco et al.
    (2015). Randomizing bipartite networks: the case of the World Trade Web. Sci. Rep. 5,
    10595.  Z. Neal (2014). The backbone of bipartite projections. Social Networks 39, 84–97.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
    ...     "applicant_id": ["U", "a", "U", "b", "c", "d"], "year": 2010, "region": ""})
    >>> act = pd.DataFrame({"applicant_id": ["U", "a", "b", "c", "d"],
    ...                     "actor_type": ["university", "sme", "sme", "sme", "sme"]})
    >>> r = bipartite_null_model(apps, act, n=50, seed=1).set_index("actor_type")
    >>> round(float(r.loc["university", "observed"]), 4)  # U bridges a and b: 1 pair of 6 (5 actors)
    0.1667
    >>> # U is on two patents in every draw, so it is 1/6 every time: p settles at 20/20
    >>> float(r.loc["university", "p_greater"]), int(r.loc["university", "n_draws_p"])
    (1.0, 20)
    >>> # stub matching puts both of U's rows on one patent in some draws: untied, left out
    >>> s = bipartite_null_model(apps, act, n=50, seed=1, method="stub", sequential=None)
    >>> int(s.set_index("actor_type").loc["university", "n_valid"]) < 50
    True
    """
    plan = _betweenness_plan(applications, actors, n, seed, region, years, group, method, sequential,
                             trades_per_patent)
    rows = _run_draws(_null_batch, plan.state, plan.seeds, resolve_jobs(n_jobs), plan.per_draw, plan.clear, verbose,
                      "bipartite null model")
    return _betweenness_table(plan, rows)


@dataclass(frozen=True)
class _BetweennessPlan:
    """Everything :func:`bipartite_null_model` settles before its draws, and uses after them."""

    state: _NullState
    seeds: list[np.random.SeedSequence]
    hub_seed: np.random.SeedSequence
    observed: np.ndarray
    counts: np.ndarray
    keep: np.ndarray
    glabels: list[str]
    per_draw: float
    dupes_observed: int
    focus: list[str]
    n: int
    seed: int
    group: str
    method: str
    h: int | None

    def clear(self, rows: np.ndarray) -> bool:
        """Every group's p settled (Besag–Clifford) by the draws ``rows`` (betweenness columns first)."""
        k = len(self.glabels)
        return all_stopped(self.observed[self.keep], rows[:, :k][:, self.keep], self.h)


def _betweenness_plan(applications: pd.DataFrame, actors: pd.DataFrame, n: int, seed: int,
                      region: str | list[str] | None, years: str | tuple[int, int] | None, group: str, method: str,
                      sequential: int | None, trades_per_patent: float) -> _BetweennessPlan:
    """The checks, the state of the draws, their seeds and the observed statistic of :func:`bipartite_null_model`."""
    region = check_inputs(actors=actors, applications=applications, region=region)
    if method not in METHODS:
        raise NetworkInputError(f"method={method!r}; expected one of {', '.join(METHODS)}")
    if sequential is not None and (not isinstance(sequential, (int, np.integer)) or sequential < 1):
        raise NetworkInputError(f"sequential={sequential!r}; expected a whole number >= 1 (Besag–Clifford h) or None")
    pid, uid, labels, focal, focus = _permutable(applications, n, region, years)
    kind = pd.Series(pd.Index(labels).map(actors.drop_duplicates("applicant_id").set_index("applicant_id")[group]),
                     dtype=object)
    gcodes, known = _group_codes(kind)  # unknown: the last code, a column dropped below
    glabels = [*known, ""]
    members = _population(labels, actors, focus, focal)
    state = _NullState(pid, uid, len(labels), focal, gcodes, len(glabels), members=members)
    dupes_observed = len(uid) - len(np.unique(pid * state.n_u + uid))
    hub_seed, *seeds = np.random.SeedSequence(seed).spawn(n + 1)  # one stream per draw: any n_jobs, one answer
    if method == "curveball":
        state = _with_curveball(state, hub_seed, trades_per_patent)  # compiles or loads the kernel once
    clock = time.perf_counter()
    observed, counts = _group_betweenness(state, state.uid)
    per_draw = time.perf_counter() - clock  # a draw: the same work on a drawn network (trades are cheap)
    keep = counts > 0
    keep[-1] = False  # unknown type: in every network, never a group
    return _BetweennessPlan(state, seeds, hub_seed, observed, counts, keep, glabels, per_draw, dupes_observed, focus,
                            n, seed, group, method, sequential)


def _betweenness_table(plan: _BetweennessPlan, rows: np.ndarray) -> pd.DataFrame:
    """:func:`bipartite_null_model`'s table from the draws' rows (group means, then the duplicates merged)."""
    k = len(plan.glabels)
    null, dupes = rows[:, :k], float(rows[:, k].mean())
    how = ("bipartite null model: curveball trades (Strona et al. 2014) from a hub of the observed network "
           "(Besag & Clifford 1989): patent sizes and applicant counts kept, no applicant twice on a patent"
           if plan.method == "curveball" else
           "bipartite configuration model (applicant column permuted across application rows; patent sizes and "
           "applicant counts kept, an applicant drawn twice on a patent merged)")
    n, keep, counts = plan.n, plan.keep, plan.counts
    info = {"n": len(null), "max_draws": n, "seed": plan.seed, "method": how, "sequential_h": plan.h,
            "stopped_early": len(null) < n, "trades_per_draw": plan.state.n_trades,
            "duplicates_merged": dupes - (0 if plan.method == "curveball" else plan.dupes_observed),
            "region": plan.focus, "unknown_actors": int(counts[-1]), "population": _population_words(plan.focus),
            "network_actors": _tied(plan.state)}
    return _summarise(plan.observed[keep], null[:, keep], pd.Index(plan.glabels)[keep], counts[keep], plan.group,
                      info, plan.h)


def _pair_counts(state: _NullState, u_codes: np.ndarray) -> np.ndarray:
    """Ties per ordered group pair ``(a, b)`` of the actors of group *a* in the population
    (``state.members``; every actor when None) — a ``G × G`` matrix, flattened — and the
    nominal assortativity of every tie as a last entry.  A tie counts in row *a* once when
    an end of group *a* is in the population (a tie of two such actors of one group, once);
    ties with an end of unknown group (code ``G - 1`` when ``state.unknown``) count in
    neither."""
    return _pair_counts_of(state, *_project(state, u_codes))


def _pair_counts_of(state: _NullState, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """:func:`_pair_counts` of the projected ties ``(u, v)``."""
    a, b = state.gcodes[u], state.gcodes[v]
    g = state.n_groups
    counts = np.bincount(a * g + b, minlength=g * g).reshape(g, g)
    counts = counts + counts.T - np.diag(np.diag(counts))  # a within-group tie counted once
    if state.members is None:
        rows = counts
    else:
        mu, mv = state.members[u], state.members[v]
        rows = (np.bincount((a * g + b)[mu], minlength=g * g) + np.bincount((b * g + a)[mv], minlength=g * g)
                ).reshape(g, g) - np.diag(np.bincount(a[(a == b) & mu & mv], minlength=g))
    if state.unknown:
        counts[g - 1, :] = counts[:, g - 1] = 0
        rows[g - 1, :] = rows[:, g - 1] = 0
    return np.append(rows.ravel(), _nominal_r(counts))


def _nominal_r(counts: np.ndarray) -> float:
    """Newman's nominal assortativity from symmetric tie counts by group pair."""
    ends = counts.astype(float) + np.diag(np.diag(counts))  # a within-group tie gives both ends
    total = ends.sum()
    if total == 0:
        return float("nan")
    e = ends / total
    a2 = float((e.sum(axis=1) ** 2).sum())
    return (float(np.trace(e)) - a2) / (1 - a2) if a2 < 1 else float("nan")


def _mixing_batch(state: _NullState, seeds: list[np.random.SeedSequence]) -> np.ndarray:
    return np.vstack([_pair_counts(state, _draw(state, s)) for s in seeds])


def mixing_null_model(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    n: int = 1000,
    seed: int = 0,
    region: str | list[str] | None = None,
    years: str | tuple[int, int] | None = None,
    group: str = "actor_type",
    n_jobs: int | None = 1,
    method: str = "curveball",
    trades_per_patent: float = 5.0,
    verbose: bool = False,
) -> pd.DataFrame:
    """Who ties with whom, against the patent–applicant null model.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (``patent_id, applicant_id, year, region``).
    actors : pandas.DataFrame
        Actor table (``applicant_id`` and ``group``).
    n : int
        Number of randomised networks (default 1,000).
    seed : int
        Seed; the same seed gives the same answer for any ``n_jobs``.
    region : str or list of str, optional
        Ties touching this focus, observed and in every draw; group *a*'s row is over the
        ties of its actors located in the focus (see Notes).
    years : "YYYY-YYYY" or (int, int), optional
        Filing years kept.
    group : str
        Actor attribute defining the groups.
    n_jobs : int or None
        Worker processes for the draws (``None`` / ``-1``: all cores).
    method : {"curveball", "stub"}
        As :func:`bipartite_null_model` (curveball: no applicant twice on a patent).
    trades_per_patent : float
        Curveball trades per draw, per patent (default 5).
    verbose : bool
        A progress bar over the draws (advancing as each batch of 50 returns).

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair ``(group_a, group_b)`` with a tie: ``n_ties`` and
        ``observed`` (the share of group *a*'s ties that are with group *b*, as
        ``row_share_ties`` of :func:`~netanalysis.metrics.type_mixing` on the ties of group
        *a*'s actors — with a focus, those located in it), ``null_mean``,
        ``null_sd``, ``z``, ``p_greater`` and ``p_less`` (one-sided, ``(1 + #draws at least
        as extreme) / (n_valid + 1)``), ``p_min`` and ``n_valid`` (the draws in which group
        *a* has a tie: a share of nothing is left out and counted, never compared).
        ``attrs["assortativity"]``: the observed nominal assortativity of every tie of the
        network (with a focus: every tie of an actor located in it), its null mean, sd, both
        p-values and ``n_valid``; ``attrs["null_model"]``: the method, ``n``, ``seed`` and
        ``population`` (what a row is over, in words).

    Notes
    -----
    The draws are those of :func:`bipartite_null_model` (curveball trades from a hub of the
    observed network, or stub matching; projected by the observed rule), so "universities rarely
    co-patent with each other" is judged against networks in which every patent keeps its
    number of applicants and every applicant its number of applications.  Ties are
    distinct pairs over the period; a tie with an end of unknown group counts for neither
    the shares nor the assortativity (unknown is not a group).  With a focus, group *a*'s
    row is over the ties of its actors located in the focus, observed and in each draw (a
    tie of two such actors of one group counted once): the same actors every time, as in
    :func:`bipartite_null_model`.  The ties of actors outside the focus are left out of the
    rows — which of them touch the focus is what a draw changes (on the SYNTHETIC sample 62
    universities in a draw against 15 observed), so a row over them would set other actors'
    ties against the observed ones.  The assortativity is over every tie of the network
    (the ties touching the focus are the ties of the actors in it).  The assortativity is
    Newman's :math:`r = (\\sum_i e_{ii} - \\sum_i a_i^2) / (1 - \\sum_i a_i^2)`.

    References
    ----------
    M. E. J. Newman (2003). Mixing patterns in networks. Phys. Rev. E 67, 026126.
    M. E. J. Newman, S. H. Strogatz, D. J. Watts (2001). Random graphs with arbitrary degree
    distributions and their applications. Phys. Rev. E 64, 026118.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
    ...     "applicant_id": ["U", "V", "U", "a", "V", "b"], "year": 2010, "region": ""})
    >>> act = pd.DataFrame({"applicant_id": ["U", "V", "a", "b"],
    ...                     "actor_type": ["university", "university", "sme", "sme"]})
    >>> r = mixing_null_model(apps, act, n=200, seed=1).set_index(["group_a", "group_b"])
    >>> float(r.loc[("university", "university"), "observed"])  # 1 of U's and V's 3 ties
    0.3333333333333333
    """
    region = check_inputs(actors=actors, applications=applications, region=region)
    pid, uid, labels, focal, focus = _permutable(applications, n, region, years)
    kind = pd.Series(pd.Index(labels).map(actors.drop_duplicates("applicant_id").set_index("applicant_id")[group]),
                     dtype=object)
    gcodes, glabels = _group_codes(kind)
    if method not in METHODS:
        raise NetworkInputError(f"method={method!r}; expected one of {', '.join(METHODS)}")
    state = _mixing_state(_NullState(pid, uid, len(labels), focal, gcodes, len(glabels) + 1,
                                     members=_population(labels, actors, focus, focal)), len(glabels))
    hub_seed, *seeds = np.random.SeedSequence(seed).spawn(n + 1)
    if method == "curveball":
        state = _with_curveball(state, hub_seed, trades_per_patent)
    null = _mixing_draws(state, seeds, n_jobs, verbose)
    return _mixing_table(state, glabels, null, n, seed, focus, method)


def _mixing_state(state: _NullState, n_known: int) -> _NullState:
    """``state`` (any number of groups) with the mixing model's groups: the known ones, and an
    unknown one last only when an applicant has no known group."""
    unknown = bool((state.gcodes == n_known).any())
    return replace(state, n_groups=n_known + 1 if unknown else n_known, unknown=unknown)


def _mixing_draws(state: _NullState, seeds: list[np.random.SeedSequence], n_jobs: int | None,
                  verbose: bool) -> np.ndarray:
    """The pair counts of the draws of ``seeds`` (one row each, in order), in batches of 50."""
    n = len(seeds)
    if n == 0:
        return np.zeros((0, state.n_groups * state.n_groups + 1))
    batches = [seeds[i:i + 50] for i in range(0, n, 50)]
    with tqdm(total=n, disable=not verbose, desc="mixing null model", unit="draw") as bar:
        parts = map_batches(_mixing_batch, state, batches, resolve_jobs(n_jobs), work=float(n) * len(state.uid) * 50,
                            what="mixing null model", progress=lambda k: bar.update(min(50 * k, n - bar.n)))
    return np.vstack(parts)


def _mixing_table(state: _NullState, glabels: list[str], null: np.ndarray, n: int, seed: int, focus: list[str],
                  method: str) -> pd.DataFrame:
    """:func:`mixing_null_model`'s table from the pair counts of its ``n`` draws."""
    observed = _pair_counts(state, state.uid)
    names = [*glabels, ""] if state.unknown else glabels
    k = len(names)
    obs_counts = observed[:-1].reshape(k, k)
    null_counts = null[:, :-1].reshape(n, k, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        obs_share = obs_counts / obs_counts.sum(axis=1, keepdims=True)
        null_share = null_counts / null_counts.sum(axis=2, keepdims=True)
    rows = []
    for i, j in zip(*np.nonzero(obs_counts), strict=True):
        mean, sd, z, p_greater, p_less = _z_and_p(float(obs_share[i, j]), null_share[:, i, j])
        valid = int(np.isfinite(null_share[:, i, j]).sum())
        rows.append({"group_a": names[i], "group_b": names[j], "n_ties": int(obs_counts[i, j]),
                     "observed": float(obs_share[i, j]), "null_mean": mean, "null_sd": sd, "z": z,
                     "p_greater": p_greater, "p_less": p_less, "p_min": 1 / (valid + 1), "n_valid": valid})
    out = pd.DataFrame(rows, columns=["group_a", "group_b", "n_ties", "observed", "null_mean", "null_sd", "z",
                                      "p_greater", "p_less", "p_min", "n_valid"])
    r_mean, r_sd, r_z, r_greater, r_less = _z_and_p(float(observed[-1]), null[:, -1])
    out.attrs["assortativity"] = {"observed": float(observed[-1]), "null_mean": r_mean, "null_sd": r_sd,
                                  "z": r_z, "p_greater": r_greater, "p_less": r_less,
                                  "n_valid": int(np.isfinite(null[:, -1]).sum())}
    out.attrs["null_model"] = {"n": n, "seed": seed, "region": focus, "trades_per_draw": state.n_trades,
                               "method": f"{method} (as bipartite_null_model)",
                               "population": _population_words(focus).replace("actors of the group", "ties of the "
                                                                              "actors of group a")}
    return out


@dataclass(frozen=True)
class _JointState:
    """Both null models' states on one chain of draws (the same patents, applicants, hub and trades)."""

    between: _NullState
    mixing: _NullState


def _joint_batch(state: _JointState, seeds: list[np.random.SeedSequence]) -> np.ndarray:
    """Per draw, projected once: the group means and duplicates of :func:`_null_batch`, then the
    pair counts of :func:`_mixing_batch` (the same numbers as the two kernels apart)."""
    b = state.between
    rows = []
    for s in seeds:
        drawn = _draw(b, s)
        dup = _duplicates(b, drawn)
        u, v = _project(b, drawn)
        rows.append(np.concatenate([_betweenness_of(b, u, v)[0], [dup], _pair_counts_of(state.mixing, u, v)]))
    return np.vstack(rows)


def null_models(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    n: int = 1000,
    seed: int = 0,
    region: str | list[str] | None = None,
    years: str | tuple[int, int] | None = None,
    group: str = "actor_type",
    verbose: bool = False,
    n_jobs: int | None = 1,
    method: str = "curveball",
    sequential: int | None = 20,
    trades_per_patent: float = 5.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both bipartite null models from one chain of draws: betweenness by group and who ties with whom.

    :func:`bipartite_null_model` and :func:`mixing_null_model` called with the same arguments
    draw the same networks (the same hub, the same stream per draw); this function draws and
    projects each network once and measures both statistics on it.  The betweenness draws
    stop where Besag & Clifford's rule stops them; the mixing model's remaining draws (it
    uses all ``n``) follow without betweenness.  The tables are those of the two functions,
    number for number; on a national table the projection is most of a draw's cost, so the
    pair costs about one model's time.

    Parameters
    ----------
    applications, actors, n, seed, region, years, group, verbose, n_jobs, method, sequential, trades_per_patent
        As :func:`bipartite_null_model` (``sequential`` and ``n_jobs`` as there; the mixing
        model takes every other argument the same way).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        ``bipartite_null_model(...)`` and ``mixing_null_model(...)`` of these arguments.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
    ...     "applicant_id": ["U", "V", "U", "a", "V", "b"], "year": 2010, "region": ""})
    >>> act = pd.DataFrame({"applicant_id": ["U", "V", "a", "b"],
    ...                     "actor_type": ["university", "university", "sme", "sme"]})
    >>> between, mixing = null_models(apps, act, n=40, seed=1)
    >>> alone = mixing_null_model(apps, act, n=40, seed=1)
    >>> mixing["null_mean"].tolist() == alone["null_mean"].tolist()
    True
    """
    plan = _betweenness_plan(applications, actors, n, seed, region, years, group, method, sequential,
                             trades_per_patent)
    known = plan.glabels[:-1]
    mixing = _mixing_state(plan.state, len(known))
    joint = _JointState(plan.state, mixing)
    rows = _run_draws(_joint_batch, joint, plan.seeds, resolve_jobs(n_jobs), plan.per_draw, plan.clear, verbose,
                      "bipartite null models")
    k = len(plan.glabels)
    rest = _mixing_draws(mixing, plan.seeds[len(rows):], n_jobs, verbose)
    pairs = np.vstack([rows[:, k + 1:], rest])
    return (_betweenness_table(plan, rows[:, :k + 1]),
            _mixing_table(mixing, known, pairs, n, seed, plan.focus, method))


def _z_and_p(observed: float, null: np.ndarray) -> tuple[float, float, float, float, float]:
    """Null mean, sd, z and the one-sided p-values (greater, less) of one statistic.

    Draws where the statistic is undefined (no tie of the group) are left out; p counts
    the observed network as one draw: ``(1 + #draws as extreme) / (n + 1)``.
    """
    null = null[np.isfinite(null)]
    n = len(null)
    if n == 0 or not np.isfinite(observed):
        return float("nan"), float("nan"), float("nan"), float("nan"), float("nan")
    mean = float(null.mean())
    sd = float(null.std(ddof=1)) if n > 1 else 0.0
    z = (observed - mean) / sd if sd > 0 else float("nan")
    p_greater = (1 + int((null >= observed - 1e-12).sum())) / (n + 1)
    p_less = (1 + int((null <= observed + 1e-12).sum())) / (n + 1)
    return mean, sd, z, p_greater, p_less
