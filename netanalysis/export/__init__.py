"""Network files other tools open: one module per tool, and :func:`save_network` to write any set.

=================  ==========================================================
module             what it writes
=================  ==========================================================
``gephi``          GEXF 1.2draft (static, dynamic with Gephi's timeline), GraphML
``vosviewer``      VOSviewer map and network files, VOSviewer Online JSON
``pajek``          Pajek ``.net``
``viewer``         the interactive offline HTML viewer (ipysigma), and the notebook widget
``_tables``        the node and tie lists all of them share (labels, ids, centrality)
=================  ==========================================================

CSV node and edge lists (``<stem>_nodes.csv``, ``<stem>_edges.csv``) are written here. Every
writer takes the per-year edge table and the actor table, writes atomically and returns the
path. ``netanalysis export`` (:func:`netanalysis.run_export`) reads data and calls
:func:`save_network`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from .. import network as nw
from .._deprecation import moved_attributes
from .._errors import NetanalysisError
from .._io import atomic_path, write_csv
from .._safe_text import clean_text
from ._tables import check_ids, export_labels, nodes_with_metrics, prepare
from .gephi import graph_for_export, neutral_ids, save_dynamic_gexf, write_gexf
from .pajek import save_pajek
from .viewer import interactive, save_html, save_interactive_html
from .vosviewer import save_vosviewer, save_vosviewer_json

FORMATS = ("gexf", "graphml", "csv")


#: Every format ``save_network`` writes: the defaults, plus VOSviewer (map + network files,
#: JSON), Pajek, a dynamic GEXF for Gephi's timeline and the HTML viewer (one module each).
ALL_FORMATS = (*FORMATS, "vosviewer", "vosviewer-json", "pajek", "gexf-dynamic", "html")


#: Written last into every export folder: what the run wrote, from what, with which version.
MANIFEST = "export_manifest.json"


def save_network(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                 formats: Sequence[str] = FORMATS, stem: str = "copatent_network",
                 applications: pd.DataFrame | None = None, color_by: str = "actor_type",
                 size_by: str = "betweenness") -> list[Path]:
    """Write the network as GEXF / GraphML (all attributes and metrics) and CSV lists.

    Parameters
    ----------
    edges, actors : pandas.DataFrame
        Edge and actor tables.
    out_dir : path
        Output folder (created).
    formats : sequence of str
        What to write: ``gexf``, ``graphml``, ``csv`` (the default set), ``vosviewer`` (map
        and network files), ``vosviewer-json``, ``pajek``, ``gexf-dynamic``, ``html`` (the
        interactive offline viewer).
    stem : str
        File name stem.
    applications : pandas.DataFrame, optional
        The canonical long table; the HTML viewer's ties then list their patents.
    color_by, size_by : str
        The HTML viewer's node colour and size attributes.

    Returns
    -------
    list of pathlib.Path
        The files written.  GEXF 1.2draft (valid against the official XSD; node id = applicant
        id, label = display name, ``full_name`` when the name was cut), GraphML (neutral node
        ids ``n0 …`` with ``applicant_id`` as a typed attribute).  CSV: ``<stem>_nodes.csv``
        (``id, label`` + attributes) and ``<stem>_edges.csv`` (``source, target, weight,
        n_patents`` …), formulas neutralised so spreadsheets cannot run them.  Each file is written atomically.

    Examples
    --------
    >>> import tempfile
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> [p.name for p in save_network(e, act, tempfile.mkdtemp(), ["csv"])]
    ['copatent_network_nodes.csv', 'copatent_network_edges.csv']
    """
    bad = [f for f in formats if f not in ALL_FORMATS]
    if bad:
        raise NetanalysisError(f"formats {bad} unknown; expected some of {ALL_FORMATS}")
    edges, actors = prepare(edges, actors)  # one clear error before anything is written
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    G = graph_for_export(edges, actors)
    if "gexf" in formats:
        write_gexf(G, out / f"{stem}.gexf")
        written.append(out / f"{stem}.gexf")
    if "graphml" in formats:
        with atomic_path(out / f"{stem}.graphml") as tmp:
            nx.write_graphml(neutral_ids(G), tmp)
        written.append(out / f"{stem}.graphml")
    if "csv" in formats:
        nodes = nodes_with_metrics(edges, actors).rename(columns={"applicant_id": "id"})
        nodes = nodes[["id", "label", *[c for c in nodes.columns if c not in ("id", "label")]]]
        edges_c = nw.collapse(edges).rename(columns={"u": "source", "v": "target"})
        text = nodes.select_dtypes(include=["object", "string"]).columns
        nodes[text] = nodes[text].apply(lambda c: c.map(clean_text, na_action="ignore"))
        written.append(write_csv(nodes, out / f"{stem}_nodes.csv"))
        written.append(write_csv(edges_c, out / f"{stem}_edges.csv"))
    if "vosviewer" in formats:
        written += save_vosviewer(edges, actors, out, stem)
    if "vosviewer-json" in formats:
        written.append(save_vosviewer_json(edges, actors, out, stem))
    if "pajek" in formats:
        written.append(save_pajek(edges, actors, out, stem))
    if "gexf-dynamic" in formats:
        written.append(save_dynamic_gexf(edges, actors, out, stem))
    if "html" in formats:
        credit = "SYNTHETIC sample (fictional applicants)." if stem.startswith("synthetic") else None
        written.append(save_html(edges, actors, out, stem, applications=applications, credit=credit,
                                    color_by=color_by, size_by=size_by))
    return written


# Kept for one release: old names, and the export run, which lives with the other jobs of a run.
__getattr__ = moved_attributes(__name__, {
    "node_table": "netanalysis.export:nodes_with_metrics",
    "run_export": "netanalysis.run.export",
})

__all__ = [
    "ALL_FORMATS",
    "FORMATS",
    "MANIFEST",
    "check_ids",
    "export_labels",
    "graph_for_export",
    "interactive",
    "neutral_ids",
    "nodes_with_metrics",
    "save_dynamic_gexf",
    "save_html",
    "save_interactive_html",
    "save_network",
    "save_pajek",
    "save_vosviewer",
    "save_vosviewer_json",
    "write_gexf",
]
