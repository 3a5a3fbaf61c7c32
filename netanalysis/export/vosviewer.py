"""VOSviewer's files: map and network files (tab-delimited) and VOSviewer Online's JSON.

* **Map and network files** follow the VOSviewer manual ("VOSviewer map and network files"):
  tab-delimited; the map file has a header with ``id`` (a positive integer), ``label``,
  ``cluster`` (an integer 1–1000), ``weight<…>`` and ``score<…>`` columns; the network file has
  no header and three columns, two item ids and the link strength.
* **JSON** (VOSviewer Online's format): ``{"network": {"items": [...], "links": [...]}}`` with
  ``id, label, cluster, weights, scores`` per item and ``source_id, target_id, strength`` per link.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import igraph as ig
import pandas as pd

from .. import network as nw
from .._io import atomic_path
from ._tables import export_labels, one_line, prepare, spreadsheet_safe


def vosviewer_items(edges: pd.DataFrame, actors: pd.DataFrame, clusters: pd.DataFrame | None,
           graph: ig.Graph | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors with a tie — integer id (1 …, by applicant_id), label, cluster, degree,
    betweenness, link strength (co-patents), first and mean year of a tie — and the collapsed
    ties.  ``graph``: the network of ``edges`` when the caller has built it."""
    from ..metrics import centrality, communities, mean_tie_year

    g = graph if graph is not None else nw.to_igraph(edges, actors)
    c = centrality(g).sort_values("applicant_id").reset_index(drop=True)
    c.insert(0, "vos_id", range(1, len(c) + 1))
    names = export_labels(c["applicant_id"], c["label"] if "label" in c else None)
    c["label"], c["full_name"] = names["label"], names["full_name"]
    part = clusters if clusters is not None else communities(g)
    c["cluster"] = c["applicant_id"].map(dict(zip(part["applicant_id"], part["cluster"], strict=True)))
    c["cluster"] = c["cluster"].fillna(0).astype(int).clip(upper=1000)
    ties = nw.collapse(edges)
    ends = pd.concat([ties[["u", "n_patents"]].rename(columns={"u": "id"}),
                      ties[["v", "n_patents"]].rename(columns={"v": "id"})])
    c["link_strength"] = c["applicant_id"].map(ends.groupby("id")["n_patents"].sum()).fillna(0).astype(int)
    years = mean_tie_year(edges).set_index("applicant_id")
    c["first_year"] = c["applicant_id"].map(years["first_year"])
    c["mean_year"] = c["applicant_id"].map(years["mean_year"]).round(2)
    docs = actors.drop_duplicates("applicant_id").set_index("applicant_id")["n_patents"] \
        if "n_patents" in actors else None
    c["documents"] = c["applicant_id"].map(docs).fillna(0).astype(int) if docs is not None else 0
    return c, ties


def _links(ties: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    ids = dict(zip(items["applicant_id"], items["vos_id"], strict=True))
    out = pd.DataFrame({"source_id": ties["u"].map(ids), "target_id": ties["v"].map(ids),
                        "strength": ties["n_patents"].astype(int)})
    return out.sort_values(["source_id", "target_id"]).reset_index(drop=True)


#: VOSviewer's weight and score columns: file column -> column of :func:`_items`.
VOS_WEIGHTS = {"Links": "degree", "Total link strength": "link_strength", "Documents": "documents"}


VOS_SCORES = {"Betweenness": "betweenness", "First year": "first_year", "Avg. year": "mean_year"}


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
    ``score<First year>`` (first year of a tie) and ``score<Avg. year>`` (mean year of its
    co-patents, weighted by co-patents: VOSviewer's overlay view).  Link strength = co-patents
    of the pair.  Labels are UTF-8, one line, formulas neutralised (a label starting with
    ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe) and quoted as the manual asks
    when they hold a comma, semicolon or double quote.  :func:`save_vosviewer_json` carries
    the same weights and scores.

    Examples
    --------
    >>> import tempfile
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> m, n = save_vosviewer(e, act, tempfile.mkdtemp())
    >>> n.read_text().splitlines()
    ['1\\t2\\t2']
    """
    edges, actors = prepare(edges, actors)
    out = Path(out_dir)
    items, ties = vosviewer_items(edges, actors, clusters)
    table = pd.DataFrame({"id": items["vos_id"], "label": items["label"], "cluster": items["cluster"]})
    for title, col in VOS_WEIGHTS.items():
        table[f"weight<{title}>"] = items[col]
    for title, col in VOS_SCORES.items():
        table[f"score<{title}>"] = items[col].round(6) if col == "betweenness" else items[col]
    map_path, net_path = out / f"{stem}_vosviewer_map.txt", out / f"{stem}_vosviewer_network.txt"
    # the manual: a label holding a comma or semicolon is enclosed in double quotes
    label = spreadsheet_safe(table["label"])
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

    The same items, weights (``Links``, ``Total link strength``, ``Documents``) and scores
    (``Betweenness``, ``First year``, ``Avg. year``) as :func:`save_vosviewer`; the
    description holds the applicant id, the type and, for a name cut to :data:`MAX_LABEL`
    characters, the whole name.

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
    clusters : pandas.DataFrame, optional
        :func:`netanalysis.metrics.communities` output (computed when omitted).

    Returns
    -------
    pathlib.Path
        ``<stem>_vosviewer.json``.

    Examples
    --------
    >>> import tempfile, json
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> doc = json.loads(save_vosviewer_json(e, act, tempfile.mkdtemp()).read_text())
    >>> doc["network"]["links"]
    [{'source_id': 1, 'target_id': 2, 'strength': 2}]
    >>> doc["network"]["items"][0]["weights"]
    {'Links': 1, 'Total link strength': 2, 'Documents': 0}
    """
    edges, actors = prepare(edges, actors)
    items, ties = vosviewer_items(edges, actors, clusters)
    kind = actors.drop_duplicates("applicant_id").set_index("applicant_id")["actor_type"].astype(str) \
        if "actor_type" in actors else None
    desc = one_line(items["applicant_id"])
    if kind is not None:
        desc = desc + " · " + one_line(items["applicant_id"].map(kind))
    cut = items["full_name"] != items["label"]
    desc = desc.where(~cut, desc + " · " + items["full_name"])

    def num(x: Any, as_int: bool) -> Any:
        return None if pd.isna(x) else (int(x) if as_int else float(x))

    doc_items = [{"id": int(r["vos_id"]), "label": str(r["label"]), "description": d,
                  "cluster": int(r["cluster"]),
                  "weights": {t: num(r[c], True) for t, c in VOS_WEIGHTS.items()},
                  "scores": {t: num(r[c], c == "first_year") for t, c in VOS_SCORES.items()}}
                 for r, d in zip(items.to_dict("records"), desc, strict=True)]
    links = [{"source_id": int(a), "target_id": int(b), "strength": int(s)}
             for a, b, s in _links(ties, items).itertuples(index=False)]
    doc = {"config": {"terminology": {"item": "applicant", "items": "applicants", "link": "co-patent tie",
                                      "links": "co-patent ties", "link_strength": "co-patents"}},
           "network": {"items": doc_items, "links": links}}
    path = Path(out_dir) / f"{stem}_vosviewer.json"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


__all__ = ["VOS_SCORES", "VOS_WEIGHTS", "save_vosviewer", "save_vosviewer_json", "vosviewer_items"]
