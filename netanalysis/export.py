"""Network export for Gephi (GEXF, GraphML) and VOSviewer-style CSV node/edge lists."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from . import __version__
from . import metrics as m
from . import network as nw
from ._deprecation import renamed_attributes
from ._errors import NetanalysisError
from ._inputs import ReadOptions, load_inputs, resolve_inputs
from ._io import atomic_folder, atomic_path, check_output_folder, sha256_of, write_csv, write_text
from ._safe_text import clean_text

FORMATS = ("gexf", "graphml", "csv")
#: Every format ``save_network`` writes: the defaults, plus VOSviewer (map + network files,
#: JSON), Pajek and a dynamic GEXF for Gephi's timeline (:mod:`netanalysis.formats`).
ALL_FORMATS = (*FORMATS, "vosviewer", "vosviewer-json", "pajek", "gexf-dynamic", "html")
#: Written last into every export folder: what the run wrote, from what, with which version.
MANIFEST = "export_manifest.json"


def nodes_with_metrics(edges: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actors in the edges with their attributes and centrality (the node list of exports).

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table.

    Returns
    -------
    pandas.DataFrame
        One row per actor with a tie: :func:`netanalysis.metrics.centrality` output,
        sorted by ``applicant_id``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> nodes_with_metrics(e, act)[["applicant_id", "label", "degree"]].values.tolist()
    [['a', 'A', 1], ['b', 'B', 1]]
    """
    g = nw.to_igraph(edges, actors)
    c = m.centrality(g)
    return c.sort_values("applicant_id").reset_index(drop=True)


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
    from .formats import export_labels, prepare

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
    from . import formats as fm

    edges, actors = fm.prepare(edges, actors)  # one clear error before anything is written
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    G = graph_for_export(edges, actors)
    if "gexf" in formats:
        fm.write_gexf(G, out / f"{stem}.gexf")
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
        written += fm.save_vosviewer(edges, actors, out, stem)
    if "vosviewer-json" in formats:
        written.append(fm.save_vosviewer_json(edges, actors, out, stem))
    if "pajek" in formats:
        written.append(fm.save_pajek(edges, actors, out, stem))
    if "gexf-dynamic" in formats:
        written.append(fm.save_dynamic_gexf(edges, actors, out, stem))
    if "html" in formats:
        credit = "SYNTHETIC sample (fictional applicants)." if stem.startswith("synthetic") else None
        written.append(fm.save_html(edges, actors, out, stem, applications=applications, credit=credit,
                                    color_by=color_by, size_by=size_by))
    return written


def run_export(
    data: Sequence[str | os.PathLike[str]] | None = None,
    out: str | os.PathLike[str] = Path("data/processed/export"),
    formats: Sequence[str] = FORMATS,
    firm_sizes: str | os.PathLike[str] | None = None,
    years: str | None = None,
    read: ReadOptions | None = None,
    layer: str = "applicants",
    color_by: str = "actor_type",
    size_by: str = "betweenness",
) -> list[Path]:
    """Back end of ``netanalysis export``: read ``data`` (default: the SYNTHETIC sample), write files.

    Parameters
    ----------
    data : list of paths, optional
        Raw files; default: the bundled SYNTHETIC sample.
    out : path
        Output folder.
    formats : sequence of str
        See :func:`save_network`.
    firm_sizes : path, optional
        Firm-size table.
    years : str, optional
        Year range such as ``"2004-2020"``.
    read : ReadOptions, optional
        How raw files are read (``--columns``, ``--encoding`` …); ``data`` may also be one
        folder written by ``netanalysis ingest``.
    layer : {"applicants", "inventors", "ipc"}
        The network written: co-applicants (default), co-inventors or IPC co-occurrence
        (file names end in ``_inventors`` / ``_ipc``).
    color_by, size_by : str
        The HTML viewer's node colour (``actor_type``, ``cluster``, ``region``) and size.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in run_export(out=tempfile.mkdtemp(), formats=["gexf"])]
    ['synthetic_copatent_network.gexf']
    """
    inputs = resolve_inputs(data, firm_sizes, read)
    processed = load_inputs(inputs)
    e = nw.edges_from_applications(processed.applications, years=years, layer=layer)
    nodes = processed.actors if layer == "applicants" else nw.layer_nodes(
        nw.layer_items(processed.applications, layer))
    stem = ("synthetic_copatent_network" if inputs.synthetic else "copatent_network") + (
        "" if layer == "applicants" else f"_{layer}")
    out = Path(out)
    check_output_folder(out, MANIFEST, ("*copatent_network*",))  # before the work, not after
    # the set is written into a temporary folder and swapped in whole: a run killed at any
    # point leaves the previous set as it was
    with atomic_folder(out, MANIFEST, ("*copatent_network*",)) as tmp:
        written = save_network(e, nodes, tmp, formats, stem=stem,
                               applications=processed.applications if layer == "applicants" else None,
                               color_by=color_by if layer == "applicants" else "cluster", size_by=size_by)
        manifest = {"package_version": __version__, "command": "export", "formats": list(formats), "layer": layer,
                    "years": years, "inputs": [str(p) for p in inputs.paths] if inputs.paths else ["SYNTHETIC sample"],
                    "files": {p.name: sha256_of(p) for p in written}, "synthetic": inputs.synthetic}
        write_text(json.dumps(manifest, ensure_ascii=False, indent=2), tmp / MANIFEST)
    return [out / p.name for p in written]


__getattr__ = renamed_attributes(
    __name__, {"node_table": ("netanalysis.export.nodes_with_metrics", nodes_with_metrics)}
)


__all__ = ["ALL_FORMATS", "FORMATS", "graph_for_export", "neutral_ids", "nodes_with_metrics", "run_export",
           "save_network"]
