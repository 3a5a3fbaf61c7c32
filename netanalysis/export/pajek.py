"""Pajek's ``.net`` file, through igraph's writer.

Every label quoted, the actors' display names, non-ASCII letters as ``&#dddd;`` (what Pajek
itself writes and reads; the file is ASCII, so igraph, networkx and Pajek all read it), no
coordinates (Pajek lays the network out).
"""

from __future__ import annotations

import os
from pathlib import Path

import igraph as ig
import pandas as pd

from .. import network as nw
from .._io import atomic_path
from ._tables import export_labels, prepare


def pajek_labels(labels: pd.DataFrame) -> pd.Series:
    """Labels as written to Pajek: unique (a display name shared by several actors gets the
    applicant id in brackets, so readers keyed by label, like networkx, keep every actor),
    non-ASCII letters as ``&#dddd;`` (Pajek's own escape; the file is then plain ASCII).

    Examples
    --------
    >>> pajek_labels(export_labels(pd.Series(["x", "y"]), pd.Series(["대학", "대학"]))).tolist()
    ['&#45824;&#54617; [x]', '&#45824;&#54617; [y]']
    """
    label = labels["label"]
    dup = label.duplicated(keep=False)
    label = label.where(~dup, label + " [" + labels["applicant_id"] + "]")
    return label.map(lambda s: s.encode("ascii", "xmlcharrefreplace").decode("ascii"))


def save_pajek(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
               stem: str = "copatent_network") -> Path:
    """Write a Pajek ``.net`` file (display names, co-patent weights) with igraph's writer.

    Vertices are the actors with a tie in ``applicant_id`` order, each label quoted (so a
    one-word name such as ``FOS`` or ``ic`` is never read as a Pajek keyword), the display
    name as in every other export (:func:`pajek_labels`: non-ASCII as ``&#dddd;``, a quote
    as ``&#34;``); edge values are co-patents.  No coordinates are written: Pajek lays the
    network out itself.

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
        ``<stem>.net``.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["FOS", "ic"], "actor_type": ["sme", "sme"]})
    >>> p = save_pajek(e, act, tempfile.mkdtemp())
    >>> p.read_text().splitlines()
    ['*Vertices 2', '1 "FOS"', '2 "ic"', '*Edges', '1 2 2']
    >>> G = nx.read_pajek(p)
    >>> sorted(G.nodes()), [d["weight"] for _, _, d in G.edges(data=True)]
    (['FOS', 'ic'], [2.0])
    """
    edges, actors = prepare(edges, actors)
    d = nw.collapse(edges)
    ids = pd.Series(sorted(set(d["u"]) | set(d["v"])))
    names = actors.drop_duplicates("applicant_id").set_index("applicant_id")["name"] if "name" in actors else None
    labels = export_labels(ids, ids.map(names) if names is not None else None)
    index = pd.Series(range(len(ids)), index=ids.to_numpy())
    h = ig.Graph(n=len(ids), edges=list(zip(index[d["u"]].to_numpy(), index[d["v"]].to_numpy(), strict=True)))
    h.vs["name"] = pajek_labels(labels).tolist()
    h.es["weight"] = d["n_patents"].astype(int).tolist()
    path = Path(out_dir) / f"{stem}.net"
    with atomic_path(path) as tmp:
        h.write_pajek(str(tmp))
    return path


__all__ = ["pajek_labels", "save_pajek"]
