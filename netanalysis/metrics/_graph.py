"""Private helpers shared by the metric modules: backends, node tables, argument checks."""

from __future__ import annotations

from typing import TypeAlias

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from .._errors import NetworkInputError

BACKENDS = ("igraph", "networkx")
Graph: TypeAlias = "ig.Graph | nx.Graph"


def check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise NetworkInputError(f"backend={backend!r}; expected one of {BACKENDS}")


def _check_weights(values: list, where: str) -> None:
    arr = np.asarray(values)
    if arr.dtype.kind not in "iuf":  # text, booleans, None or objects among the weights
        bad = next((x for x in values if x is not None and (not isinstance(x, (int, float, np.number))
                                                           or isinstance(x, bool))), None)
        if bad is not None:
            raise NetworkInputError(f"edge weight {bad!r} is not a number; {where} weights must be finite "
                                    "numbers > 0")
        arr = np.asarray([np.nan if x is None else x for x in values], dtype=float)
    w = arr.astype(float)
    bad_mask = ~np.isfinite(w) | (w <= 0)
    if bad_mask.any():
        raise NetworkInputError(
            f"{int(bad_mask.sum())} edge weight(s) are zero, negative, NaN, infinite or missing (e.g. "
            f"{values[int(np.argmax(bad_mask))]!r}); {where} weights must be finite numbers > 0")


def check_graph(graph: Graph) -> None:
    """The one graph contract of every metric and backend, checked once with one clear error.

    Undirected; simple (no parallel edges, no self-loops); edge ``weight`` (when present)
    finite and > 0; node ids (networkx nodes, igraph ``name``) hashable and of one comparable
    kind, so results sort and join the same on both backends.

    Raises
    ------
    NetworkInputError
        Naming the first broken rule and how to fix it.
    """
    if isinstance(graph, ig.Graph):
        if graph.is_directed():
            raise NetworkInputError("graph is directed; co-patenting graphs are undirected "
                                    "(use graph.as_undirected(mode='collapse'))")
        if graph.ecount() and any(graph.is_loop()):
            raise NetworkInputError("graph has self-loops; an actor is not its own partner (g.simplify())")
        if graph.has_multiple():
            raise NetworkInputError("graph has parallel edges, which would count one partner twice; collapse them "
                                    "into one edge with a summed weight (g.simplify(combine_edges='sum'))")
        if graph.ecount() and "weight" in graph.es.attributes():
            _check_weights(graph.es["weight"], "igraph")
        ids = graph.vs["name"] if "name" in graph.vs.attributes() else []
    elif isinstance(graph, nx.Graph):
        if graph.is_directed():
            raise NetworkInputError("graph is directed; co-patenting graphs are undirected (use G.to_undirected())")
        if graph.is_multigraph():
            raise NetworkInputError("graph is a multigraph, which would count one partner twice; collapse parallel "
                                    "edges into one with a summed weight (nx.Graph with weight=sum)")
        if nx.number_of_selfloops(graph):
            raise NetworkInputError("graph has self-loops; an actor is not its own partner "
                                    "(G.remove_edges_from(nx.selfloop_edges(G)))")
        weights = [d["weight"] for _, _, d in graph.edges(data=True) if "weight" in d]
        if weights:
            _check_weights(weights, "networkx")
        ids = list(graph.nodes())
    else:
        raise NetworkInputError(f"graph is a {type(graph).__name__}; expected igraph.Graph or networkx.Graph")
    kinds = {type(n) for n in ids}
    if len(kinds) > 1 and not kinds <= {int, np.int64, np.int32}:
        names = sorted(k.__name__ for k in kinds)
        raise NetworkInputError(f"node ids mix types ({', '.join(names)}); use one kind, e.g. all str")
    if None in ids:
        raise NetworkInputError("a node id is None; every actor needs an id")
    if any(isinstance(n, float) and n != n for n in ids):
        raise NetworkInputError("a node id is NaN; every actor needs an id")


def as_igraph(graph: Graph) -> ig.Graph:
    """The graph as igraph (converted from networkx if needed; the input is not modified).

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        A co-patent network.

    Returns
    -------
    igraph.Graph
        ``graph`` itself when it is igraph; else a new graph, vertices in sorted node order,
        the node keyed ``name``, node and edge attributes copied.

    Examples
    --------
    >>> import networkx as nx
    >>> as_igraph(nx.Graph([("b", "a")])).vs["name"]
    ['a', 'b']
    """
    check_graph(graph)
    if isinstance(graph, ig.Graph):
        return graph
    if isinstance(graph, nx.Graph):
        nodes = sorted(graph.nodes())
        index = {n: i for i, n in enumerate(nodes)}
        g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges()])
        g.vs["name"] = nodes
        keys = sorted({k for _, d in graph.nodes(data=True) for k in d})
        for k in keys:
            g.vs[k] = [graph.nodes[n].get(k) for n in nodes]
        ekeys = sorted({k for _, _, d in graph.edges(data=True) for k in d})
        for k in ekeys:
            g.es[k] = [d.get(k) for _, _, d in graph.edges(data=True)]
        return g
    raise NetworkInputError(f"graph is a {type(graph).__name__}; expected igraph.Graph or networkx.Graph")


def as_networkx(graph: Graph) -> nx.Graph:
    """The graph as networkx, nodes keyed by ``name`` (applicant_id).

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        A co-patent network.

    Returns
    -------
    networkx.Graph
        ``graph`` itself when it is networkx; else a new graph with igraph's vertex and
        edge attributes.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph([(0, 1)]); g.vs["name"] = ["a", "b"]
    >>> sorted(as_networkx(g).edges())
    [('a', 'b')]
    """
    check_graph(graph)
    if isinstance(graph, nx.Graph):
        return graph
    if isinstance(graph, ig.Graph):
        G = nx.Graph()
        names = graph.vs["name"] if "name" in graph.vs.attributes() else list(range(graph.vcount()))
        attrs = [a for a in graph.vs.attributes() if a != "name"]
        G.add_nodes_from((names[v.index], {a: v[a] for a in attrs}) for v in graph.vs)
        G.add_edges_from((names[e.source], names[e.target], e.attributes()) for e in graph.es)
        return G
    raise NetworkInputError(f"graph is a {type(graph).__name__}; expected igraph.Graph or networkx.Graph")


def vertex_table(graph: Graph) -> pd.DataFrame:
    """Vertex attributes as a DataFrame keyed by ``applicant_id`` (in igraph vertex order)."""
    if isinstance(graph, nx.Graph):
        rows = [{"applicant_id": n, **d} for n, d in graph.nodes(data=True)]
        return pd.DataFrame(rows) if rows else pd.DataFrame({"applicant_id": []})
    g = graph
    data = {a: g.vs[a] for a in g.vs.attributes()}
    df = pd.DataFrame(data)
    if "name" in df:
        df = df.rename(columns={"name": "applicant_id"})
    else:
        df.insert(0, "applicant_id", range(g.vcount()))
    return df


def check_nonempty(graph: Graph) -> None:
    n = graph.vcount() if isinstance(graph, ig.Graph) else graph.number_of_nodes()
    if n == 0:
        raise NetworkInputError(
            "the network is empty (no actors); check the year range, region and type filters"
        )


def distances_from_weights(g: ig.Graph) -> list[float] | None:
    """Edge lengths 1 / weight for weighted shortest paths (Opsahl et al. 2010, alpha = 1).

    ``g`` comes from :func:`as_igraph`, whose :func:`check_graph` has refused zero, negative,
    NaN, infinite and missing weights; only the attribute itself may be absent.
    """
    if g.ecount() == 0:
        return None
    if "weight" not in g.es.attributes():
        raise NetworkInputError("weighted=True needs an edge attribute 'weight'")
    return [1.0 / x for x in g.es["weight"]]
