"""Communities (clusters) of the co-patent network: Leiden or Louvain, and what each holds.

VOSviewer and Gephi users expect clusters; here they come from igraph's Leiden
implementation (Traag, Waltman & van Eck 2019) — the algorithm VOSviewer itself uses — or
Louvain (Blondel et al. 2008), seeded so a partition repeats exactly.
"""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd

from .._errors import NetworkInputError
from .._rng import igraph_seed
from ._graph import Graph, as_igraph, check_backend, check_nonempty

METHODS = ("leiden", "louvain")
OBJECTIVES = ("modularity", "CPM")


def _membership(g: ig.Graph, method: str, objective: str, resolution: float, weights: list | None,
                seed: int, n_iterations: int) -> list[int]:
    with igraph_seed(seed):
        if method == "leiden":
            part = g.community_leiden(objective_function=objective, weights=weights, resolution=resolution,
                                      n_iterations=n_iterations)
        else:
            part = g.community_multilevel(weights=weights, resolution=resolution)
    return list(part.membership)


def communities(
    graph: Graph,
    method: str = "leiden",
    resolution: float = 1.0,
    weighted: bool = True,
    seed: int = 0,
    objective: str = "modularity",
    backend: str = "igraph",
    n_iterations: int = -1,
) -> pd.DataFrame:
    """One cluster per actor: Leiden (default) or Louvain, seeded and reproducible.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        The co-patent network (actor ids in ``name``).
    method : {"leiden", "louvain"}
    resolution : float
        Resolution :math:`\\gamma` (modularity) or density threshold (CPM); higher gives
        more, smaller clusters.
    weighted : bool
        Use the edge ``weight`` (co-patent count or fractional weight).
    seed : int
        Seed of the random node order; the same seed gives the same partition.
    objective : {"modularity", "CPM"}
        Leiden's quality function (Louvain optimises modularity only).
    backend : {"igraph", "networkx"}
        networkx runs its own Louvain (``louvain_communities``), for cross-checks.
    n_iterations : int
        Leiden iterations; negative runs until the partition is stable.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, cluster`` (clusters numbered 1, 2 … from the largest), sorted by
        cluster then id; ``attrs["modularity"]`` holds the partition's modularity.

    Notes
    -----
    Modularity :math:`Q = \\frac{1}{2m}\\sum_{ij}\\left(A_{ij} - \\gamma\\frac{k_i k_j}{2m}\\right)
    \\delta(c_i, c_j)` (Newman & Girvan 2004), with weights when ``weighted``.  Isolates form
    clusters of their own.  Leiden guarantees connected clusters, which Louvain does not.

    References
    ----------
    .. [1] V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden: guaranteeing
       well-connected communities", Scientific Reports 9, 5233 (2019).
    .. [2] V. D. Blondel et al., "Fast unfolding of communities in large networks",
       J. Stat. Mech. P10008 (2008).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph.Famous("Zachary")
    >>> g.vs["name"] = [f"a{i:02d}" for i in range(g.vcount())]
    >>> c = communities(g, weighted=False)
    >>> c["cluster"].nunique(), round(c.attrs["modularity"], 2)
    (4, 0.42)
    """
    check_backend(backend)
    if method not in METHODS:
        raise NetworkInputError(f"method={method!r}; expected one of {METHODS}")
    if objective not in OBJECTIVES:
        raise NetworkInputError(f"objective={objective!r}; expected one of {OBJECTIVES}")
    if method == "louvain" and objective != "modularity":
        raise NetworkInputError("Louvain optimises modularity only; use method='leiden' for objective='CPM'")
    if not resolution > 0:
        raise NetworkInputError(f"resolution={resolution!r}; expected a number > 0")
    g = as_igraph(graph)
    check_nonempty(g)
    names = g.vs["name"] if "name" in g.vs.attributes() else list(range(g.vcount()))
    weights = g.es["weight"] if weighted and g.ecount() and "weight" in g.es.attributes() else None
    if backend == "networkx":
        import networkx as nx

        from ._graph import as_networkx

        G = as_networkx(graph)
        parts = nx.community.louvain_communities(G, weight="weight" if weights else None,
                                                 resolution=resolution, seed=seed)
        index = {n: i for i, n in enumerate(names)}
        membership = [0] * len(names)
        for c, members in enumerate(parts):
            for n in members:
                membership[index[n]] = c
    else:
        membership = _membership(g, method, objective, resolution, weights, seed, n_iterations)
    # number clusters 1, 2 … by size (largest first), ties by their smallest member id
    frame = pd.DataFrame({"applicant_id": names, "raw": membership})
    size = frame.groupby("raw")["applicant_id"].agg(["size", "min"])
    order = size.sort_values(["size", "min"], ascending=[False, True]).index
    frame["cluster"] = frame["raw"].map({r: i + 1 for i, r in enumerate(order)}).astype(int)
    out = frame[["applicant_id", "cluster"]].sort_values(["cluster", "applicant_id"]).reset_index(drop=True)
    out.attrs["modularity"] = float(g.modularity([m for m in frame["cluster"]], weights=weights,
                                                 resolution=resolution))
    out.attrs["method"], out.attrs["resolution"], out.attrs["seed"] = method, resolution, seed
    return out


def cluster_summary(
    graph: Graph,
    clusters: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    weighted: bool = True,
    top: int = 3,
) -> pd.DataFrame:
    """What each cluster holds: size, share of modularity, types, regions, central members.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
    clusters : pandas.DataFrame
        :func:`communities` output.
    actors : pandas.DataFrame, optional
        Actor table (``applicant_id``, ``name``, ``actor_type``, ``region``); without it the
        composition columns are empty.
    weighted : bool
        Weighted modularity contributions (as :func:`communities` was run).
    top : int
        How many most central members (by degree) to name.

    Returns
    -------
    pandas.DataFrame
        One row per cluster: ``cluster, size, internal_ties, modularity_contribution,
        types`` (e.g. ``sme 12, university 2``), ``regions``, ``top_members``.

    Notes
    -----
    The contribution of cluster :math:`c` is :math:`\\frac{w_{cc}}{m} -
    \\left(\\frac{K_c}{2m}\\right)^2` (internal weight :math:`w_{cc}`, total strength :math:`K_c`,
    total weight :math:`m`); the contributions sum to the modularity at resolution 1.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (1, 2), (0, 2), (3, 4)])
    >>> g.vs["name"] = list("abcde")
    >>> s = cluster_summary(g, communities(g, weighted=False), weighted=False)
    >>> s[["cluster", "size", "internal_ties"]].values.tolist()
    [[1, 3, 3], [2, 2, 1]]
    """
    g = as_igraph(graph)
    names = g.vs["name"] if "name" in g.vs.attributes() else list(range(g.vcount()))
    cmap = dict(zip(clusters["applicant_id"], clusters["cluster"], strict=True))
    memb = np.array([cmap[n] for n in names])
    w = np.asarray(g.es["weight"], dtype=float) if weighted and g.ecount() and "weight" in g.es.attributes() \
        else np.ones(g.ecount())
    ends = np.array(g.get_edgelist(), dtype=int).reshape(-1, 2)
    m = w.sum()
    strength = np.bincount(ends.ravel(), weights=np.repeat(w, 2), minlength=g.vcount()) if len(ends) else \
        np.zeros(g.vcount())
    same = memb[ends[:, 0]] == memb[ends[:, 1]] if len(ends) else np.zeros(0, dtype=bool)
    rows = []
    deg = np.asarray(g.degree())
    table = actors.set_index("applicant_id") if actors is not None and "applicant_id" in actors else None
    for c in sorted(set(memb)):
        inside = memb == c
        internal = w[same & (memb[ends[:, 0]] == c)].sum() if len(ends) else 0.0
        contribution = (internal / m - (strength[inside].sum() / (2 * m)) ** 2) if m else 0.0
        ids = [names[i] for i in np.flatnonzero(inside)]
        best = [names[i] for i in np.flatnonzero(inside)[np.argsort(-deg[inside], kind="stable")][:top]]
        types = regions = ""
        if table is not None:
            sub = table.reindex(ids)
            if "actor_type" in sub:
                vc = sub["actor_type"].astype(str).value_counts()
                types = ", ".join(f"{k} {v}" for k, v in vc.items())
            if "region" in sub:
                vc = sub["region"].fillna("").astype(str).replace("", "unknown").value_counts()
                regions = ", ".join(f"{k} {v}" for k, v in vc.head(5).items())
            if "name" in sub:
                best = [str(sub["name"].get(b, b)) for b in best]
        rows.append({"cluster": int(c), "size": int(inside.sum()),
                     "internal_ties": int((same & (memb[ends[:, 0]] == c)).sum()) if len(ends) else 0,
                     "modularity_contribution": float(contribution), "types": types, "regions": regions,
                     "top_members": "; ".join(best)})
    return pd.DataFrame(rows)


__all__ = ["METHODS", "OBJECTIVES", "cluster_summary", "communities"]
