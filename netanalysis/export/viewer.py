"""An interactive network: a Jupyter widget and one offline HTML file, both by ipysigma.

:func:`interactive` returns an ``ipysigma.Sigma`` widget (sigma.js, WebGL: search, hover,
zoom, colour and size by attribute, at tens of thousands of nodes).  :func:`save_interactive_html`
writes the same view as one self-contained HTML file: the widget state, ipysigma's own script
(read from the installed package) and the two scripts that run a widget outside Jupyter
(``require.js`` and ``@jupyter-widgets/html-manager``, shipped in ``netanalysis/_data/viewer``
with their licences) are all inlined, so the page opens offline and makes no network request.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from .. import network as nw
from .._errors import PlotError
from .._escape import html_text, json_for_script
from .._io import write_text
from ..metrics import as_igraph, as_networkx
from ..plotting import TYPE_COLORS
from .vosviewer import vosviewer_items

#: Node attributes the viewer shows for each actor (when the graph or table has them).
NODE_FIELDS = ("label", "actor_type", "region", "country", "degree", "betweenness", "cluster", "first_year",
               "last_year", "n_patents")
#: Edge attributes the viewer shows for each tie.
EDGE_FIELDS = ("weight", "n_patents", "first_year", "last_year", "patents")


def edge_patents(applications: pd.DataFrame, most: int = 10) -> pd.DataFrame:
    """The patents behind every tie, as text: ``u, v, patents`` (``id (year) title; …``).

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (``patent_id``, ``applicant_id``, ``year``; ``title`` when the
        source has one).
    most : int
        Patents listed per tie; more are summarised as ``… and N more``.

    Returns
    -------
    pandas.DataFrame
        One row per pair of co-applicants (``u < v``), the same pairs as
        :func:`netanalysis.metrics.patents_between` finds one at a time.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "applicant_id": ["a", "b", "a", "b"],
    ...                      "year": [2010, 2010, 2012, 2012], "title": ["Gear", "Gear", "Axle", "Axle"]})
    >>> edge_patents(apps).loc[0, "patents"]
    'p1 (2010) Gear; p2 (2012) Axle'
    """
    cols = ["patent_id", "applicant_id", "year", *(["title"] if "title" in applications.columns else [])]
    a = applications[cols].drop_duplicates(["patent_id", "applicant_id"])
    pairs = a.merge(a[["patent_id", "applicant_id"]], on="patent_id", suffixes=("_u", "_v"))
    pairs = pairs[pairs["applicant_id_u"] < pairs["applicant_id_v"]]
    title = pairs["title"].fillna("").astype(str).str.slice(0, 80) if "title" in pairs else ""
    pairs = pairs.assign(text=pairs["patent_id"].astype(str) + " (" + pairs["year"].astype(str) + ") " + title)
    pairs = pairs.sort_values(["applicant_id_u", "applicant_id_v", "year", "patent_id"], kind="stable")
    g = pairs.groupby(["applicant_id_u", "applicant_id_v"], sort=False)["text"]
    listed = g.apply(lambda t: "; ".join(s.strip() for s in t.iloc[:most]))
    extra = g.size() - most
    listed = listed.where(extra <= 0, listed + "; … and " + extra.astype(str) + " more")
    return listed.rename("patents").rename_axis(["u", "v"]).reset_index()


def _layout(g: ig.Graph, seed: int) -> np.ndarray:
    """Fixed positions: Fruchterman–Reingold (grid variant beyond 1,000 actors), seeded.

    The start is spread over a square of side ~√n: started in a unit square, the grid
    variant puts every actor in one cell and slows to O(n²) (155 s instead of 8 s at 20 k).
    """
    n = g.vcount()
    start = np.random.default_rng(seed).uniform(-1, 1, size=(n, 2)) * max(1.0, np.sqrt(n))
    grid = "grid" if n > 1000 else "nogrid"
    niter = 500 if n <= 5000 else 250
    xy = np.asarray(g.layout_fruchterman_reingold(seed=start.tolist(), niter=niter, grid=grid).coords, dtype=float)
    return _pull_in(xy, np.asarray(g.connected_components().membership))


def _pull_in(xy: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Bring far-flung small components to a rim just outside the largest one.

    Force layouts push disconnected pieces far away, which shrinks the main component to a
    dot when the view fits everything; radii beyond the largest component's 99th
    percentile are compressed into a band 15 % wide.
    """
    if len(xy) < 3:
        return xy
    main = membership == np.bincount(membership).argmax()
    centre = np.median(xy[main], axis=0)
    r = np.hypot(*(xy - centre).T)
    cap = float(np.quantile(r[main], 0.99)) or 1.0
    far = r > cap
    scale = np.ones_like(r)
    scale[far] = cap * (1 + 0.15 * np.tanh((r[far] - cap) / cap)) / r[far]
    return centre + (xy - centre) * scale[:, None]


def interactive(
    graph: Any,
    table: pd.DataFrame | None = None,
    *,
    applications: pd.DataFrame | None = None,
    color_by: str = "actor_type",
    size_by: str = "betweenness",
    seed: int = 0,
    height: int = 700,
    **sigma_options: Any,
) -> Any:
    """An interactive view of a co-patent network (an ``ipysigma.Sigma`` widget).

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        The network (:func:`netanalysis.network.to_igraph`).
    table : pandas.DataFrame, optional
        Per-actor columns to show and to colour or size by (``applicant_id`` plus e.g. the
        :func:`netanalysis.metrics.centrality` scores and a ``cluster`` from
        :func:`netanalysis.metrics.communities`); centrality is computed when omitted.
    applications : pandas.DataFrame, optional
        The canonical long table: each tie then lists the patents behind it.
    color_by : str
        Node attribute for colour (``actor_type``, ``cluster``, ``region`` …).
    size_by : str
        Numeric node attribute for size (``betweenness``, ``degree`` …).
    seed : int
        Seed of the layout.
    height : int
        Widget height in pixels.
    **sigma_options
        Passed to ``ipysigma.Sigma`` (``node_label_size``, ``edge_color`` …).

    Returns
    -------
    ipysigma.Sigma
        Shown by Jupyter; search box, zoom, and each actor's and tie's attributes on hover
        or click.

    Raises
    ------
    PlotError
        When ``color_by`` or ``size_by`` is not an attribute, or ipysigma is not installed.

    Notes
    -----
    Positions are computed here (Fruchterman–Reingold, igraph) so that the view opens laid
    out and the same seed gives the same picture; the play button runs ForceAtlas2 in the
    browser.  Edge thickness follows ``weight``.

    Examples
    --------
    >>> import netanalysis as na
    >>> data = na.read_patents(na.datasets.sample_path())
    >>> g = na.to_igraph(na.edges_from_applications(data.applications, region="KR-27"), data.actors)
    >>> w = interactive(g)  # doctest: +SKIP
    """
    try:
        from ipysigma import Sigma
    except ImportError as e:  # pragma: no cover - a dependency
        raise PlotError("the interactive view needs ipysigma: pip install ipysigma") from e
    g = as_igraph(graph).copy()
    if table is None:
        from ..metrics import centrality

        table = centrality(g)
    ids = pd.Index(g.vs["name"])
    t = table.drop_duplicates("applicant_id").set_index("applicant_id").reindex(ids)
    for col in NODE_FIELDS:
        if col in t.columns and col not in ("label",):
            values = t[col]
            g.vs[col] = [None if pd.isna(x) else (x.item() if hasattr(x, "item") else x) for x in values]
    for attr in (color_by, size_by):
        if attr not in g.vs.attributes():
            raise PlotError(f"{attr!r} is not an actor attribute; expected one of {sorted(g.vs.attributes())}")
    if applications is not None and g.ecount():
        listed = edge_patents(applications).set_index(["u", "v"])["patents"]
        names = np.asarray(g.vs["name"], dtype=object)
        ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        a, b = names[ends[:, 0]], names[ends[:, 1]]
        key = pd.MultiIndex.from_arrays([np.where(a < b, a, b), np.where(a < b, b, a)])
        g.es["patents"] = listed.reindex(key).fillna("").tolist()
    for name in set(g.vs.attributes()) - {*NODE_FIELDS, "name"}:
        del g.vs[name]
    for name in set(g.es.attributes()) - set(EDGE_FIELDS):
        del g.es[name]
    if not sigma_options.pop("_legend_escaped", False):
        # in Jupyter, ipysigma's own script writes the legend's category values as HTML: values
        # that hold markup are given escaped (the saved HTML page escapes them in the script)
        values = g.vs[color_by]
        g.vs[color_by] = [html_text(v) if isinstance(v, str) and ("<" in v or "&" in v) else v for v in values]
    xy = _layout(g, seed)
    layout = {v["name"]: {"x": float(x), "y": float(y)} for v, (x, y) in zip(g.vs, xy, strict=True)}
    options: dict[str, Any] = {
        "node_color": color_by, "node_size": size_by, "node_label": "label", "edge_size": "weight",
        "clickable_edges": True, "layout": layout, "start_layout": False, "height": height,
        "edge_size_range": (0.5, 5), "node_size_range": (2, 14), "label_font": FONTS,
    }
    if color_by == "actor_type":  # the package's colours, for the types present
        options["node_color_palette"] = {t: c for t, c in TYPE_COLORS.items() if t in set(g.vs["actor_type"])}
    options.update(sigma_options)
    return Sigma(as_networkx(g), **options)  # keyed by applicant id (ipysigma keys igraph by index)


@lru_cache(maxsize=1)
def _scripts() -> tuple[str, str, str]:
    """require.js, html-manager's embed-amd.js (fonts import removed) and ipysigma's widget."""
    import ipysigma

    here = files("netanalysis") / "_data" / "viewer"
    require = (here / "require.js").read_text(encoding="utf-8")
    embed = (here / "embed-amd.js").read_text(encoding="utf-8")
    embed = re.sub(r"@import url\([^)]*fonts\.googleapis[^)]*\);?", "", embed)
    widget = (Path(ipysigma.__file__).parent / "nbextension" / "index.js").read_text(encoding="utf-8")
    widget = widget.replace('define(["@jupyter-widgets/base"]', 'define("ipysigma",["@jupyter-widgets/base"]', 1)
    if 'define("ipysigma"' not in widget:  # pragma: no cover - a new ipysigma build
        raise PlotError("this ipysigma version's script cannot be inlined; pip install 'ipysigma>=0.24,<0.25'")
    # ipysigma writes the legend's category values (a region code, a cluster label) into the
    # page as HTML: escaped here with its own escaping function H (& < > " ')
    if widget.count(_LEGEND_RAW) != 1 or _ESCAPER not in widget:  # pragma: no cover - a new build
        raise PlotError("this ipysigma version's legend cannot be escaped; pip install 'ipysigma>=0.24,<0.25'")
    widget = widget.replace(_LEGEND_RAW, _LEGEND_ESCAPED)
    return require, embed, widget


_LEGEND_RAW = '<span class="category-value">${n}</span>'
_LEGEND_ESCAPED = '<span class="category-value">${H(n)}</span>'
_ESCAPER = 'function H(e){return(""+e).replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")'


#: ipysigma's model has a trait ``layout`` holding node positions, which ipywidgets' base view
#: takes for a Layout model when it changes (after a selection): outside Jupyter that throws.
#: The page's copy of the base view lays out only real Layout models.
LAYOUT_GUARD = ('require(["@jupyter-widgets/base"], function (base) {'
                " var set = base.DOMWidgetView.prototype.setLayout;"
                " base.DOMWidgetView.prototype.setLayout = function (layout, previous) {"
                ' if (layout && typeof layout.get === "function") { return set.call(this, layout, previous); } }; });')


HANGUL = re.compile("[\uac00-\ud7a3]")
#: Page and label fonts: the system's own, then the Korean fonts of macOS, Windows and Linux.
FONTS = ("-apple-system,'Segoe UI',Roboto,'Apple SD Gothic Neo','Malgun Gothic','Noto Sans CJK KR',"
         "'Noto Sans KR',NanumGothic,'Nanum Gothic',sans-serif")
#: On a page with Korean names, shows a note when Hangul cannot be drawn: a Hangul syllable then
#: renders as the same missing-glyph box as an unassigned code point (U+0378).
HANGUL_CHECK = ('document.addEventListener("DOMContentLoaded", function () {'
                ' var c = document.createElement("canvas").getContext("2d");'
                ' function ink(t) { c.clearRect(0, 0, 300, 150); c.font = "40px " + ' + json.dumps(FONTS) + ';'
                ' c.fillText(t, 10, 60); return Array.prototype.join.call(c.getImageData(0, 0, 80, 80).data); }'
                ' if (ink("\\uD55C") === ink("\\u0378")) {'
                ' document.getElementById("no-hangul-font").hidden = false; } });')


def _inline(text: str) -> str:
    """A script body that cannot close its own tag early."""
    return text.replace("</script", "<\\/script")


def save_interactive_html(
    graph: Any,
    path: str | os.PathLike[str],
    table: pd.DataFrame | None = None,
    *,
    applications: pd.DataFrame | None = None,
    title: str = "Co-patent network",
    credit: str | None = None,
    **options: Any,
) -> Path:
    """Write the interactive view as one self-contained, offline HTML file.

    Parameters
    ----------
    graph : igraph.Graph or networkx.Graph
        The network.
    path : path
        The ``.html`` file to write.
    table : pandas.DataFrame, optional
        Per-actor columns (see :func:`interactive`).
    applications : pandas.DataFrame, optional
        The canonical long table: each tie lists its patents.
    title : str
        Page title and heading.
    credit : str, optional
        Source line under the view (say SYNTHETIC when the data is).
    **options
        Passed to :func:`interactive` (``color_by``, ``size_by``, ``seed`` …).

    Returns
    -------
    pathlib.Path
        The file written.

    Notes
    -----
    Every script is inlined: ``require.js`` 2.3.7, ``@jupyter-widgets/html-manager`` 1.0.13
    (``embed-amd.js``, with its one Google Fonts ``@import`` removed) and ipysigma's widget
    script from the installed package; the widget's state (the graph and the view) is JSON
    in the page.  The browser makes no request beyond the file itself (tested in Chromium).

    Examples
    --------
    >>> import tempfile, netanalysis as na
    >>> data = na.read_patents(na.datasets.sample_path())
    >>> g = na.to_igraph(na.edges_from_applications(data.applications, region="KR-27"), data.actors)
    >>> p = save_interactive_html(g, tempfile.mkdtemp() + "/net.html")  # doctest: +SKIP
    """
    from ipywidgets.embed import embed_data

    widget = interactive(graph, table, applications=applications, **{"height": None, **options, "_legend_escaped": True,
                                                                       "raw_height": "calc(100vh - 90px)"})
    widget.snapshot = None
    data = embed_data(views=[widget])
    state = json_for_script(data["manager_state"])  # no "</script>" or "<!--" can end the element
    view = json_for_script(data["view_specs"][0])
    widget.close()
    require, embed, sigma = _scripts()
    check = HANGUL_CHECK if HANGUL.search(state) else ""
    e = html_text
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{margin:8px;font-family:{FONTS}}}
h1{{font-size:1.1rem;margin:0 0 4px}}.credit{{font-size:.75rem;color:#555;margin-top:4px}}</style>
<script>{_inline(require)}</script>
<script>{_inline(sigma)}</script>
<script>{_inline(embed)}</script>
<script>{LAYOUT_GUARD}
{check}</script>
<script type="application/vnd.jupyter.widget-state+json">{state}</script>
</head><body><h1>{e(title)}</h1>
<script type="application/vnd.jupyter.widget-view+json">{view}</script>
<p class="credit" id="no-hangul-font" hidden>This computer has no Korean font, so Korean names show as
boxes: install one (Noto Sans CJK KR, Malgun Gothic, NanumGothic) and reopen the page.</p>
<p class="credit">{e(credit or "")} Search a name at the top right; hover or click an actor or a tie for its
attributes (a tie lists its patents); the play button runs ForceAtlas2.</p>
</body></html>
"""
    return write_text(page, Path(path))


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
    g = nw.to_igraph(edges, actors)
    items, _ = vosviewer_items(edges, actors, clusters, g)
    table = items.drop(columns=["vos_id"])
    return save_interactive_html(g, Path(out_dir) / f"{stem}.html", table,
                                 applications=applications, title="Co-patent network", credit=credit,
                                 color_by=color_by, size_by=size_by)

__all__ = ["edge_patents", "interactive", "save_html", "save_interactive_html"]
