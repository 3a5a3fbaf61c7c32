"""Network files other tools open: VOSviewer (map + network, JSON), Pajek, dynamic GEXF.

* **VOSviewer map and network files** follow the VOSviewer manual ("VOSviewer map and
  network files"): tab-delimited; the map file has a header with ``id`` (a positive
  integer), ``label``, ``cluster`` (an integer 1–1000), ``weight<…>`` and ``score<…>``
  columns; the network file has no header and three columns, two item ids and the link
  strength.
* **VOSviewer JSON** (VOSviewer Online's format): ``{"network": {"items": [...],
  "links": [...]}}`` with ``id, label, cluster, weights, scores`` per item and
  ``source_id, target_id, strength`` per link.
* **Pajek** ``.net`` through networkx's writer (``*Vertices`` with labels, ``*Edges`` with
  weights).
* **Dynamic GEXF** (GEXF 1.2 ``mode="dynamic"``): each node and edge carries one spell per
  year it co-patents, so Gephi's timeline plays the network year by year.
* **Interactive HTML** (:func:`netanalysis.plotting.save_interactive_html`, ipysigma): one
  offline file; actors coloured by type, sized by betweenness, with their cluster, and each
  tie listing its patents.

Every writer takes the per-year edge table and the actor table, writes atomically and
returns the path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd

from . import network as nw
from ._io import atomic_path
from ._safe_text import clean_text


def _items(edges: pd.DataFrame, actors: pd.DataFrame, clusters: pd.DataFrame | None,
           graph: ig.Graph | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors with a tie — integer id (1 …, by applicant_id), label, cluster, degree,
    betweenness, link strength (co-patents), first year of a tie — and the collapsed ties.
    ``graph``: the network of ``edges`` when the caller has built it."""
    from .metrics import centrality, communities, mean_tie_year

    g = graph if graph is not None else nw.to_igraph(edges, actors)
    c = centrality(g).sort_values("applicant_id").reset_index(drop=True)
    c.insert(0, "vos_id", range(1, len(c) + 1))
    c["label"] = c["label"].astype(str).map(clean_text) if "label" in c else c["applicant_id"]
    part = clusters if clusters is not None else communities(g)
    c["cluster"] = c["applicant_id"].map(dict(zip(part["applicant_id"], part["cluster"], strict=True)))
    c["cluster"] = c["cluster"].fillna(0).astype(int).clip(upper=1000)
    ties = nw.collapse(edges)
    ends = pd.concat([ties[["u", "n_patents"]].rename(columns={"u": "id"}),
                      ties[["v", "n_patents"]].rename(columns={"v": "id"})])
    c["link_strength"] = c["applicant_id"].map(ends.groupby("id")["n_patents"].sum()).fillna(0).astype(int)
    c["first_year"] = c["applicant_id"].map(mean_tie_year(edges).set_index("applicant_id")["first_year"])
    return c, ties


def _links(ties: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    ids = dict(zip(items["applicant_id"], items["vos_id"], strict=True))
    out = pd.DataFrame({"source_id": ties["u"].map(ids), "target_id": ties["v"].map(ids),
                        "strength": ties["n_patents"].astype(int)})
    return out.sort_values(["source_id", "target_id"]).reset_index(drop=True)


def save_vosviewer(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                   stem: str = "copatent_network", clusters: pd.DataFrame | None = None) -> list[Path]:
    """Write a VOSviewer map file and network file (``<stem>_vosviewer_map.txt``, ``…_network.txt``).

    Parameters
    ----------
    edges, actors : pandas.DataFrame
        Per-year edge table and actor table.
    out_dir : path
    stem : str
    clusters : pandas.DataFrame, optional
        :func:`netanalysis.metrics.communities` output; computed (Leiden, seed 0) when omitted.

    Returns
    -------
    list of pathlib.Path
        The map file and the network file.

    Notes
    -----
    Items are the actors with at least one tie, numbered 1 … n in ``applicant_id`` order.
    Map columns: ``id, label, cluster, weight<Links>`` (degree), ``weight<Total link strength>``
    (co-patents), ``weight<Documents>`` (the actor's patents), ``score<Betweenness>``,
    ``score<Avg. first year>`` (first year of a tie).  Link strength = co-patents of the pair.

    Examples
    --------
    >>> import tempfile
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> m, n = save_vosviewer(e, act, tempfile.mkdtemp())
    >>> n.read_text().splitlines()
    ['1\\t2\\t2']
    """
    out = Path(out_dir)
    items, ties = _items(edges, actors, clusters)
    docs = actors.set_index("applicant_id")["n_patents"] if "n_patents" in actors else None
    table = pd.DataFrame({
        "id": items["vos_id"], "label": items["label"], "cluster": items["cluster"],
        "weight<Links>": items["degree"],
        "weight<Total link strength>": items["link_strength"],
        "weight<Documents>": items["applicant_id"].map(docs).fillna(0).astype(int) if docs is not None else 0,
        "score<Betweenness>": items["betweenness"].round(6),
        "score<Avg. first year>": items["first_year"],
    })
    map_path, net_path = out / f"{stem}_vosviewer_map.txt", out / f"{stem}_vosviewer_network.txt"
    # the manual: a label holding a comma or semicolon is enclosed in double quotes
    label = table["label"].astype(str).str.replace("\t", " ", regex=False)
    quoted = label.str.contains("[,;\"]", regex=True)
    table["label"] = label.where(~quoted, '"' + label.str.replace('"', '""', regex=False) + '"')
    lines = ["\t".join(table.columns)] + ["\t".join("" if pd.isna(x) else str(x) for x in row)
                                         for row in table.itertuples(index=False)]
    with atomic_path(map_path) as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with atomic_path(net_path) as tmp:
        _links(ties, items).to_csv(tmp, sep="\t", index=False, header=False, lineterminator="\n")
    return [map_path, net_path]


def save_vosviewer_json(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                        stem: str = "copatent_network", clusters: pd.DataFrame | None = None) -> Path:
    """Write VOSviewer JSON (``<stem>_vosviewer.json``), as VOSviewer and VOSviewer Online read it.

    Examples
    --------
    >>> import tempfile, json
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> doc = json.loads(save_vosviewer_json(e, act, tempfile.mkdtemp()).read_text())
    >>> doc["network"]["links"]
    [{'source_id': 1, 'target_id': 2, 'strength': 2}]
    """
    items, ties = _items(edges, actors, clusters)
    kind = actors.set_index("applicant_id")["actor_type"].astype(str) if "actor_type" in actors else None
    doc_items = []
    for r in items.to_dict("records"):
        aid = str(r["applicant_id"])
        desc = f"{aid} · {kind.get(aid, '')}" if kind is not None else aid
        first_year = r["first_year"]
        doc_items.append({"id": int(r["vos_id"]), "label": str(r["label"]), "description": clean_text(desc),
                          "cluster": int(r["cluster"]),
                          "weights": {"Links": int(r["degree"])},
                          "scores": {"Betweenness": float(r["betweenness"]),
                                     "Avg. first year": float(first_year) if pd.notna(first_year) else None}})
    links = [{"source_id": int(a), "target_id": int(b), "strength": int(s)}
             for a, b, s in _links(ties, items).itertuples(index=False)]
    doc = {"config": {"terminology": {"item": "applicant", "items": "applicants", "link": "co-patent tie",
                                      "links": "co-patent ties", "link_strength": "co-patents"}},
           "network": {"items": doc_items, "links": links}}
    path = Path(out_dir) / f"{stem}_vosviewer.json"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def save_pajek(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
               stem: str = "copatent_network") -> Path:
    """Write a Pajek ``.net`` file (labels and co-patent weights) with networkx's writer.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> G = nx.read_pajek(save_pajek(e, act, tempfile.mkdtemp()))
    >>> sorted(G.nodes()), [d["weight"] for _, _, d in G.edges(data=True)]
    (['a', 'b'], [2.0])
    """
    d = nw.collapse(edges)
    G = nx.Graph()
    G.add_nodes_from(sorted(set(d["u"]) | set(d["v"])))
    G.add_weighted_edges_from(zip(d["u"], d["v"], d["n_patents"].astype(float), strict=True))
    G = nx.relabel_nodes(G, {n: clean_text(str(n)).replace('"', "'") for n in G.nodes})
    path = Path(out_dir) / f"{stem}.net"
    with atomic_path(path) as tmp:
        nx.write_pajek(G, tmp)
    return path


def save_dynamic_gexf(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                      stem: str = "copatent_network") -> Path:
    """Write a dynamic GEXF: each node and edge active in the years it co-patents.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "b"], "year": [2010, 2012], "n_patents": [1, 1],
    ...                   "weight": [1.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> G = nx.read_gexf(save_dynamic_gexf(e, act, tempfile.mkdtemp()))
    >>> G.graph["mode"], G.edges["a", "b"]["spells"]
    ('dynamic', [(2010, 2010), (2012, 2012)])
    """
    e = edges.groupby(["u", "v", "year"], as_index=False)[["n_patents", "weight"]].sum()
    G = nx.Graph(mode="dynamic")
    kind = actors.set_index("applicant_id") if "applicant_id" in actors else pd.DataFrame()
    node_years = pd.concat([e[["u", "year"]].rename(columns={"u": "id"}), e[["v", "year"]].rename(columns={"v": "id"})])
    for nid, ys in node_years.groupby("id")["year"]:
        attrs: dict[str, object] = {"spells": [(int(y), int(y)) for y in sorted(set(ys))]}
        if nid in kind.index:
            attrs["label"] = clean_text(str(kind.at[nid, "name"])) if "name" in kind else str(nid)
            if "actor_type" in kind:
                attrs["actor_type"] = str(kind.at[nid, "actor_type"])
            if "region" in kind:
                attrs["region"] = clean_text(str(kind.at[nid, "region"] or ""))
        G.add_node(clean_text(str(nid)), **attrs)
    for (u, v), g in e.groupby(["u", "v"]):
        G.add_edge(clean_text(str(u)), clean_text(str(v)), weight=float(g["n_patents"].sum()),
                   spells=[(int(y), int(y)) for y in sorted(g["year"])])
    path = Path(out_dir) / f"{stem}_dynamic.gexf"
    with atomic_path(path) as tmp:
        nx.write_gexf(G, tmp)
    return path


__all__ = ["save_dynamic_gexf", "save_pajek", "save_vosviewer", "save_vosviewer_json"]


def save_html(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
              stem: str = "copatent_network", applications: pd.DataFrame | None = None,
              clusters: pd.DataFrame | None = None, credit: str | None = None,
              color_by: str = "actor_type", size_by: str = "betweenness") -> Path:
    """Write ``<stem>.html``: the interactive view (search, hover cards, colour by type).

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
    applications : pandas.DataFrame, optional
        The canonical long table: each tie then lists its patents.
    clusters : pandas.DataFrame, optional
        :func:`netanalysis.metrics.communities` output (computed when omitted).
    credit : str, optional
        Source line under the view.
    color_by : str
        Node colour: ``actor_type``, ``cluster``, ``region``, ``country`` …
    size_by : str
        Node size: ``betweenness``, ``degree``, ``link_strength`` …

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [1, 2],
    ...                   "weight": [1.0, 2.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "name": ["A", "B", "C"],
    ...                     "actor_type": ["university", "sme", "sme"]})
    >>> save_html(e, act, tempfile.mkdtemp()).name  # doctest: +SKIP
    'copatent_network.html'
    """
    from .plotting.viewer import save_interactive_html

    g = nw.to_igraph(edges, actors)
    items, _ = _items(edges, actors, clusters, g)
    table = items.drop(columns=["vos_id"])
    return save_interactive_html(g, Path(out_dir) / f"{stem}.html", table,
                                 applications=applications, title="Co-patent network", credit=credit,
                                 color_by=color_by, size_by=size_by)
