"""Type mixing: who co-patents with whom, and Newman's attribute assortativity."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..network import collapse
from ..schema import ACTOR_TYPES, require_columns
from ._graph import Graph, as_igraph, as_networkx, check_backend, check_nonempty


def type_mixing(edges: pd.DataFrame, actors: pd.DataFrame, attribute: str = "actor_type") -> pd.DataFrame:
    """Ties and weights by pair of actor groups, with row shares.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed; dyads are counted once).
    actors : pandas.DataFrame
        Actor table holding ``attribute``.
    attribute : str
        Grouping attribute (``actor_type``, ``region``, ``macro_region`` …).

    Returns
    -------
    pandas.DataFrame
        Long, symmetric table: one row per ordered pair ``(group_a, group_b)`` with
        ``n_ties``, ``weight`` (the same for ``(a, b)`` and ``(b, a)``; a within-group tie is
        counted once), ``row_share_ties`` and ``row_share_weight`` — the share of group
        ``a``'s ties that are with group ``b``.  The university–university share is the row
        ``("university", "university")``.  Newman's (2003) edge-end version beside it:
        ``e_newman`` (the fraction :math:`e_{ab}` of edge ends joining *a* to *b*: a
        within-group tie gives both of its ends to the diagonal, a between-group tie half
        to each side, so the matrix sums to 1) and ``row_share_ends`` (:math:`e_{ab} /
        a_a`, the edge-end row share, which the assortativity coefficient is built from).
        Ties with an end of unknown group (``""``) are left out and counted in
        ``attrs["ties_unknown"]``: unknown is not a group.

    References
    ----------
    M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67, 026126 (2003).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "c"], "n_patents": [1, 1, 1],
    ...                   "weight": [1.0, 1.0, 2.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["university", "university", "sme"]})
    >>> m = type_mixing(e, act)
    >>> m[m.group_a == "university"][["group_b", "n_ties", "row_share_ties"]]
          group_b  n_ties  row_share_ties
    0  university       1        0.333333
    1         sme       2        0.666667
    """
    check_inputs(edges, actors)
    require_columns(actors, ["applicant_id", attribute], "actors")
    if edges.empty:
        raise NetworkInputError("the edge table is empty: no ties to mix")
    e = collapse(edges) if "year" in edges.columns else edges
    a = actors.drop_duplicates("applicant_id").set_index("applicant_id")[attribute].astype("string")
    ga_all = e["u"].map(a).fillna("").to_numpy(dtype=object)
    gb_all = e["v"].map(a).fillna("").to_numpy(dtype=object)
    known = (ga_all != "") & (gb_all != "")
    if not known.any():
        raise NetworkInputError(f"no tie has both ends of known {attribute}; nothing to mix")
    e = e[known]
    ga, gb = ga_all[known], gb_all[known]
    both = pd.DataFrame({
        "group_a": np.concatenate([ga, gb[ga != gb]]),
        "group_b": np.concatenate([gb, ga[ga != gb]]),
        "weight": np.concatenate([e["weight"].to_numpy(), e["weight"].to_numpy()[ga != gb]]),
    })
    out = both.groupby(["group_a", "group_b"]).agg(n_ties=("weight", "size"), weight=("weight", "sum"))
    out = out.reset_index()
    rows = out.groupby("group_a")
    out["row_share_ties"] = out["n_ties"] / rows["n_ties"].transform("sum")
    out["row_share_weight"] = out["weight"] / rows["weight"].transform("sum")
    within = out["group_a"] == out["group_b"]
    out["e_newman"] = np.where(within, out["n_ties"], out["n_ties"] / 2) / len(e)
    out["row_share_ends"] = out["e_newman"] / out.groupby("group_a")["e_newman"].transform("sum")
    out.attrs["ties_unknown"] = int((~known).sum())
    order = {t: i for i, t in enumerate(ACTOR_TYPES)}
    key = lambda s: s.map(lambda x: (order.get(x, 99), x))  # noqa: E731
    ordered = out.sort_values(["group_a", "group_b"], key=key).reset_index(drop=True)
    ordered.attrs["ties_unknown"] = int((~known).sum())
    return ordered


def mixing_matrix(mixing: pd.DataFrame, value: str = "n_ties") -> pd.DataFrame:
    """Pivot :func:`type_mixing` into a square matrix (rows ``group_a``, columns ``group_b``).

    Parameters
    ----------
    mixing : pandas.DataFrame
        :func:`type_mixing` output.
    value : str
        The column to spread.

    Returns
    -------
    pandas.DataFrame
        Square: rows ``group_a``, columns ``group_b``, 0 where no tie.

    Examples
    --------
    >>> m = pd.DataFrame({"group_a": ["u", "u", "s"], "group_b": ["u", "s", "u"],
    ...                   "n_ties": [1, 2, 2]})
    >>> mixing_matrix(m)
    group_b  u  s
    group_a
    u        1  2
    s        2  0
    """
    groups = list(dict.fromkeys(list(mixing["group_a"]) + list(mixing["group_b"])))
    mat = mixing.pivot(index="group_a", columns="group_b", values=value)
    return mat.reindex(index=groups, columns=groups).fillna(0).astype(mixing[value].dtype)


def _weighted_r(ta: np.ndarray, tb: np.ndarray, w: np.ndarray) -> float:
    """Newman's r from edge-end fractions weighted by ``w`` (both ends of each tie)."""
    cats, codes_ = np.unique(np.concatenate([ta, tb]), return_inverse=True)
    a, b = codes_[: len(ta)], codes_[len(ta):]
    e = np.zeros((len(cats), len(cats)))
    np.add.at(e, (a, b), w)
    np.add.at(e, (b, a), w)
    e /= e.sum()
    ab = float((e.sum(axis=1) ** 2).sum())
    return float((np.trace(e) - ab) / (1 - ab)) if ab < 1 else float("nan")


def assortativity(graph: Graph, attribute: str = "actor_type", backend: str = "igraph",
                  weighted: bool = False) -> float:
    """Newman's attribute (nominal) assortativity coefficient.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        The network with the ``attribute`` vertex attribute.
    attribute : str
        The nominal attribute.
    backend : {"igraph", "networkx"}
        Which library computes (they agree).
    weighted : bool
        Weight each tie by its ``weight`` edge attribute (e.g. fractional counts of joint
        patents) in the edge-end fractions :math:`e_{ij}`; default: every tie counts 1.

    Returns
    -------
    float
        :math:`r` in :math:`[-1, 1]`.

    Notes
    -----
    :math:`r = (\\sum_i e_{ii} - \\sum_i a_i b_i) / (1 - \\sum_i a_i b_i)`, where
    :math:`e_{ij}` is the fraction of edge ends joining group *i* to *j* (Newman 2003).
    ``r < 0``: ties run mostly between different groups, as in university–SME networks.
    Actors of unknown group (``""`` or missing) are left out with their ties: unknown is
    not a group.  Unweighted by default (igraph's / networkx's own functions);
    ``weighted=True`` builds :math:`e` from the tie weights, so a tie of ten joint patents
    counts ten times one of one (or its fractional weight).

    References
    ----------
    M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67, 026126 (2003).

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1), (2, 3)])
    >>> g.vs["actor_type"] = ["university", "sme", "university", "sme"]
    >>> assortativity(g)
    -1.0
    """
    check_backend(backend)
    check_nonempty(graph)
    if backend == "igraph":
        g = as_igraph(graph)
        if attribute not in g.vs.attributes():
            raise NetworkInputError(f"graph vertices lack attribute {attribute!r}")
        values = pd.Series(g.vs[attribute], dtype="string").fillna("")
        g = g.induced_subgraph(np.flatnonzero(values.to_numpy() != "").tolist())
        if weighted:
            ends = np.array(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
            t = np.asarray(g.vs[attribute], dtype=str)
            w = np.asarray(g.es["weight"] if "weight" in g.es.attributes() else [1.0] * g.ecount(), dtype=float)
            return _weighted_r(t[ends[:, 0]], t[ends[:, 1]], w)
        codes, _ = pd.factorize(pd.Series(g.vs[attribute], dtype=str))
        return float(g.assortativity_nominal(types=codes.tolist(), directed=False))
    G = as_networkx(graph)
    known = [v for v, x in G.nodes(data=attribute) if x is not None and str(x) not in ("", "nan")]
    H = G.subgraph(known)
    if weighted:
        kind = dict(H.nodes(data=attribute))
        edges = list(H.edges(data="weight", default=1.0))
        return _weighted_r(np.array([str(kind[a]) for a, _, _ in edges]),
                           np.array([str(kind[b]) for _, b, _ in edges]),
                           np.array([float(w) for _, _, w in edges]))
    return float(nx.attribute_assortativity_coefficient(H, attribute))
