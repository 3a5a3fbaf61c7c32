"""Graphs from edge tables: igraph for computing, networkx for reference and interchange.

Both builders take the same tables and give the same graph: one vertex per actor
(``name`` = ``applicant_id``, every actor column as a vertex attribute, the display
``name`` as ``label``), one edge per dyad with its summed weights, and the edge table's
provenance as graph attributes.
"""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._contracts import check_self_pairs
from ..schema import require_columns
from .build import collapse


def _graph_tables(edges: pd.DataFrame, actors: pd.DataFrame | None, isolates: bool):
    require_columns(edges, ("u", "v", "n_patents", "weight"), "edges")
    e = collapse(edges) if "year" in edges.columns else edges
    check_self_pairs(e)
    ids = pd.Index(pd.unique(np.concatenate([e["u"].to_numpy(), e["v"].to_numpy()])))
    nodes = pd.DataFrame({"applicant_id": ids})
    if actors is not None:
        require_columns(actors, ["applicant_id"], "actors")
        if isolates:
            extra = actors.loc[~actors["applicant_id"].isin(ids), ["applicant_id"]]
            nodes = pd.concat([nodes, extra], ignore_index=True)
        attrs = actors.drop_duplicates("applicant_id").rename(columns={"name": "label"})
        nodes = nodes.merge(attrs, on="applicant_id", how="left")
    nodes = nodes.sort_values("applicant_id", kind="stable").reset_index(drop=True)
    return e, nodes


def _clean_attr(s: pd.Series) -> list:
    if isinstance(s.dtype, pd.CategoricalDtype) or s.dtype == object or pd.api.types.is_string_dtype(s):
        return s.astype(object).where(s.notna(), "").astype(str).tolist()
    if pd.api.types.is_bool_dtype(s):
        return s.fillna(False).astype(bool).tolist()
    return s.astype("float64").tolist() if s.isna().any() else s.tolist()


def to_igraph(
    edges: pd.DataFrame, actors: pd.DataFrame | None = None, isolates: bool = False
) -> ig.Graph:
    """Build an undirected igraph graph, carrying every actor attribute.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed); several rows of one dyad are summed.
    actors : pandas.DataFrame, optional
        Actor table; every column becomes a vertex attribute.
    isolates : bool
        Also add actors without any tie (they change normalisations by ``n``).

    Returns
    -------
    igraph.Graph
        Vertex attribute ``name`` = ``applicant_id`` (the actors' display ``name`` becomes
        ``label``, as Gephi expects); edge attributes ``weight``,
        ``n_patents``, ``n_patents_3plus`` (if present), ``n_active_years``,
        ``first_year``, ``last_year``; graph attributes hold the provenance.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A", "B"], "v": ["B", "C"], "year": [2010, 2010],
    ...                   "n_patents": [1, 2], "weight": [1.0, 2.0]})
    >>> g = to_igraph(e)
    >>> g.vcount(), g.ecount(), g.es["weight"]
    (3, 2, [1.0, 2.0])
    """
    e, nodes = _graph_tables(edges, actors, isolates)
    index = pd.Series(np.arange(len(nodes)), index=nodes["applicant_id"].to_numpy())
    g = ig.Graph(n=len(nodes), edges=list(zip(index[e["u"]].to_numpy(), index[e["v"]].to_numpy(),
                                                strict=True)), directed=False)
    g.vs["name"] = nodes["applicant_id"].tolist()
    for col in nodes.columns.drop("applicant_id"):
        g.vs[col] = _clean_attr(nodes[col])
    for col in e.columns.drop(["u", "v"]):
        g.es[col] = _clean_attr(e[col])
    for key, val in edges.attrs.get("netanalysis", {}).items():
        g[key] = val
    return g


def to_networkx(
    edges: pd.DataFrame, actors: pd.DataFrame | None = None, isolates: bool = False
) -> nx.Graph:
    """Build an undirected networkx graph, carrying every actor attribute.

    Same contract as :func:`to_igraph`; nodes are ``applicant_id`` strings.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame, optional
        Actor table; every column becomes a node attribute.
    isolates : bool
        Also add actors without any tie.

    Returns
    -------
    networkx.Graph
        Nodes keyed by ``applicant_id``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A"], "v": ["B"], "year": [2010], "n_patents": [3], "weight": [3.0]})
    >>> to_networkx(e).edges(data="weight")
    EdgeDataView([('A', 'B', 3.0)])
    """
    e, nodes = _graph_tables(edges, actors, isolates)
    G = nx.Graph()
    G.graph.update(edges.attrs.get("netanalysis", {}))
    attrs = {c: _clean_attr(nodes[c]) for c in nodes.columns.drop("applicant_id")}
    G.add_nodes_from(
        (nid, {c: attrs[c][i] for c in attrs}) for i, nid in enumerate(nodes["applicant_id"])
    )
    ecols = list(e.columns.drop(["u", "v"]))
    evals = {c: _clean_attr(e[c]) for c in ecols}
    G.add_edges_from(
        (u, v, {c: evals[c][i] for c in ecols})
        for i, (u, v) in enumerate(zip(e["u"], e["v"], strict=True))
    )
    return G
