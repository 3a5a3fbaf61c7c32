"""Gephi's files: GEXF 1.2draft (static and dynamic) and GraphML.

* **GEXF** (valid against the official 1.2draft XSD): node id = applicant id, label = display
  name, ``full_name`` when the name was cut; every actor attribute and centrality score.
* **GraphML**: neutral node ids ``n0 …`` with ``applicant_id`` as a typed attribute.
* **Dynamic GEXF** (GEXF 1.2draft ``mode="dynamic"``, ``timeformat="integer"``: years):
  each actor and tie carries one spell per run of consecutive active years (closed
  intervals: ``start="2004" end="2006"`` = 2004, 2005 and 2006), and each tie's ``weight``
  is a dynamic attribute holding its co-patents of *that* year, so Gephi's timeline plays
  what happened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import networkx as nx
import pandas as pd

from .. import network as nw
from .._io import atomic_path
from .._safe_text import clean_text
from ._tables import export_labels, nodes_with_metrics, one_line, prepare


def graph_for_export(edges: pd.DataFrame, actors: pd.DataFrame) -> nx.Graph:
    """A networkx graph whose nodes carry every actor attribute and centrality score.

    Parameters
    ----------
    edges, actors : pandas.DataFrame
        Edge and actor tables.

    Returns
    -------
    networkx.Graph
        Attributes reduced to strings, numbers and booleans (what GEXF and GraphML hold).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> graph_for_export(e, act).nodes["a"]["degree"]
    1
    """
    from ._tables import export_labels, prepare

    edges, actors = prepare(edges, actors)
    nodes = nodes_with_metrics(edges, actors)
    G = nw.to_networkx(edges, actors)
    names = export_labels(nodes["applicant_id"], nodes["label"] if "label" in nodes else None)
    nodes["label"] = names["label"]
    nodes["full_name"] = names["full_name"].where(names["full_name"] != names["label"])
    for row in nodes.to_dict("records"):
        nid = row.pop("applicant_id")
        G.nodes[nid].update(row)
    for _n, d in G.nodes(data=True):
        for k, v in list(d.items()):
            if v is None or (isinstance(v, float) and pd.isna(v)) or (k == "full_name" and v == ""):
                del d[k]  # a missing value is left out: an empty string would change the column's type
            elif not isinstance(v, (str, int, float, bool)):
                d[k] = clean_text(str(v))
            elif isinstance(v, str):
                d[k] = clean_text(v)  # XML cannot hold control characters; bidi controls mislead
    for _u, _v, d in G.edges(data=True):
        for k, v in list(d.items()):
            if isinstance(v, str):
                d[k] = clean_text(v)
    for k in list(G.graph):
        v = G.graph[k]
        G.graph[k] = v if isinstance(v, (int, float, bool)) else clean_text(str(v))
    return G  # ids are as every export writes them already (prepare)


def neutral_ids(G: nx.Graph) -> nx.Graph:
    """The graph with nodes ``n0, n1 …`` (in applicant id order) and the id as ``applicant_id``.

    GraphML node ids are XML ``NMTOKEN`` (no spaces, no commas …): a neutral id is valid in
    every reader, and the applicant id travels as a typed string attribute.

    Parameters
    ----------
    G : networkx.Graph
        A graph keyed by applicant id (not modified).

    Returns
    -------
    networkx.Graph
        A copy whose nodes are ``n0, n1 …`` with the applicant id in ``applicant_id``.

    Examples
    --------
    >>> H = neutral_ids(nx.Graph([("AJOU UNIVERSITY", "b")]))
    >>> sorted(H.nodes(data="applicant_id"))
    [('n0', 'AJOU UNIVERSITY'), ('n1', 'b')]
    """
    order = sorted(G.nodes, key=str)
    H = nx.relabel_nodes(G, {n: f"n{i}" for i, n in enumerate(order)}, copy=True)
    nx.set_node_attributes(H, {f"n{i}": str(n) for i, n in enumerate(order)}, "applicant_id")
    return H


def write_gexf(G: nx.Graph, path: str | os.PathLike[str], dynamic_titles: dict[str, str] | None = None) -> None:
    """Write ``G`` as GEXF 1.2draft with networkx's writer, made valid against the official XSD.

    networkx writes ``name=""`` on ``<graph>`` (the schema has no such attribute) and
    ``timeformat="long"`` for integer times (not one of ``integer, double, date,
    dateTime``); both are fixed here.  ``dynamic_titles`` renames dynamic attributes
    (networkx keeps ``weight`` for the edge's XML attribute, so the per-year weight is
    written under another key and titled ``weight`` here, as Gephi reads it).

    Parameters
    ----------
    G : networkx.Graph
        The graph (attributes: strings, numbers, booleans).
    path : path
        The file written (atomically).
    dynamic_titles : dict, optional
        ``{key: title}`` of dynamic attributes to retitle.

    Returns
    -------
    None

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> write_gexf(nx.Graph([("a", "b")]), path)
    >>> sorted(nx.read_gexf(path).nodes())
    ['a', 'b']
    """
    from networkx.readwrite.gexf import GEXFWriter

    w = GEXFWriter(version="1.2draft")
    w.add_graph(G)
    w.graph_element.attrib.pop("name", None)
    if w.graph_element.get("timeformat") == "long":
        w.graph_element.set("timeformat", "integer")
    for old, new in (dynamic_titles or {}).items():
        for att in w.graph_element.iter("attribute"):
            if att.get("title") == old:
                att.set("title", new)
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        w.write(fh)


def _runs(years: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Consecutive years merged: ``keys…, start, end`` (one row per run of active years)."""
    years = years.assign(year=years["year"].astype(int))
    y = years.drop_duplicates([*keys, "year"]).sort_values([*keys, "year"]).reset_index(drop=True)
    new = (y[keys] != y[keys].shift()).any(axis=1) | (y["year"].diff() != 1)
    return (y.assign(run=new.cumsum()).groupby("run").agg(**{k: (k, "first") for k in keys},
                                                         start=("year", "min"), end=("year", "max"))
            .reset_index(drop=True))


def _pairs(df: pd.DataFrame, keys: list[str], cols: list[str]) -> pd.Series:
    """One list of tuples of ``cols`` per key (what networkx takes for spells and dynamic values)."""
    rows = pd.Series(list(zip(*(df[c].tolist() for c in cols), strict=True)), index=df.index)
    return rows.groupby([df[k] for k in keys], sort=False).agg(list)


def save_dynamic_gexf(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                      stem: str = "copatent_network") -> Path:
    """Write a dynamic GEXF: each actor and tie active in the years it co-patents.

    GEXF 1.2draft, ``timeformat="integer"`` (years).  Spells are closed intervals, one per
    run of consecutive active years; each tie's dynamic ``weight`` is its co-patents of each
    year (Gephi's timeline shows the tie at that strength in that year); the whole period's
    totals are in the static GEXF.  Edges carry no static attribute: Gephi Lite's parser
    (graphology-gexf) reads one ``<attributes>`` block per class, so a static and a dynamic
    block for edges would leave it with one of them.  Valid against the official GEXF
    1.2draft XSD.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table.
    actors : pandas.DataFrame
        Actor table.
    out_dir : path
        Output folder (exists).
    stem : str
        File name without extension.

    Returns
    -------
    pathlib.Path
        ``<stem>_dynamic.gexf``.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> e = pd.DataFrame({"u": ["a", "a", "a"], "v": ["b", "b", "b"], "year": [2010, 2011, 2013],
    ...                   "n_patents": [1, 3, 1], "weight": [1.0, 3.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> G = nx.read_gexf(save_dynamic_gexf(e, act, tempfile.mkdtemp()))
    >>> G.graph["mode"], G.edges["a", "b"]["spells"]
    ('dynamic', [(2010, 2011), (2013, 2013)])
    >>> G.edges["a", "b"]["weight"]
    [(1.0, 2010, 2010), (3.0, 2011, 2011), (1.0, 2013, 2013)]
    """
    edges, actors = prepare(edges, actors)
    e = edges.groupby(["u", "v", "year"])["n_patents"].sum().reset_index()
    e["year"] = e["year"].astype(int)
    node_years = pd.concat([e[["u", "year"]].rename(columns={"u": "id"}), e[["v", "year"]].rename(columns={"v": "id"})])
    node_spells = _pairs(_runs(node_years, ["id"]), ["id"], ["start", "end"])
    edge_spells = _pairs(_runs(e[["u", "v", "year"]], ["u", "v"]), ["u", "v"], ["start", "end"])
    per_year = _pairs(e.assign(w=e["n_patents"].astype(float), end=e["year"]), ["u", "v"], ["w", "year", "end"])

    act = actors.drop_duplicates("applicant_id").set_index("applicant_id")
    ids = pd.Series(node_spells.index.astype(str), index=node_spells.index)
    labels = export_labels(ids, ids.map(act["name"]) if "name" in act else None)
    nodes = pd.DataFrame({"label": labels["label"]})
    for col in ("actor_type", "region", "country"):
        if col in act:
            nodes[col] = one_line(ids.map(act[col]))
    cut = labels["full_name"] != labels["label"]
    G = nx.Graph(mode="dynamic")
    for nid, row, spells, full, is_cut in zip(labels["applicant_id"], nodes.to_dict("records"), node_spells,
                                              labels["full_name"], cut, strict=True):
        attrs: dict[str, Any] = {str(k): x for k, x in row.items()}
        G.add_node(nid, **attrs, spells=spells, **({"full_name": full} if is_cut else {}))
    for key, spells in edge_spells.items():  # ids are clean already (prepare)
        u, v = cast(tuple[str, str], key)
        G.add_edge(u, v, spells=spells, weight_per_year=per_year[(u, v)])
    path = Path(out_dir) / f"{stem}_dynamic.gexf"
    write_gexf(G, path, dynamic_titles={"weight_per_year": "weight"})
    return path


__all__ = ["graph_for_export", "neutral_ids", "save_dynamic_gexf", "write_gexf"]
