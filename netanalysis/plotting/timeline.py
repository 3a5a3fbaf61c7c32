"""The network in time and in density: when actors enter and burst, and where the network is thick.

* :func:`plot_timeline` — one row per actor of the network: a dot where it enters (its
  first tie), a line while it co-patents, red bars over its Kleinberg bursts (CiteSpace's
  picture), and above it the number of actors entering each year.
* :func:`plot_density` — the item-density view VOSviewer users expect beside the network
  figure: a smooth surface over the same positions as :func:`~netanalysis.plotting.plot_network`
  (same seed, same layout), higher where many well-connected actors sit together.
"""

from __future__ import annotations

from collections.abc import Iterable

import igraph as ig
import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .._errors import PlotError
from ..regions import parse_region_codes, within
from ..schema import require_columns
from . import _style as st

BURST_COLOR = "#C0392B"  # a strong red: bursts in CiteSpace's timelines are red
_TIMELINE_COLUMNS = ["applicant_id", "actor_type", "first_year", "last_year", "burst_start", "burst_end",
                     "burst_strength"]


def _chosen(table: pd.DataFrame, k: int) -> pd.Index:
    """The ``k`` actors to draw: those with bursts first (strongest first), then by co-patents."""
    per = table.groupby("applicant_id", sort=False).agg(
        strength=("burst_strength", "max"), weight=("n_copatents", "max") if "n_copatents" in table else
        ("first_year", "size"))
    per = per.assign(has=per["strength"].notna())
    per = per.sort_values(["has", "strength", "weight"], ascending=[False, False, False], kind="stable")
    return per.index[:k]


@st.figure_doc
def plot_timeline(
    table: pd.DataFrame,
    *,
    k: int = 30,
    title: str | None = None,
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Timeline of a network's actors: entry, activity and Kleinberg bursts.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.metrics.bursts.timeline_table` output (``applicant_id,
        actor_type, first_year, last_year, burst_start, burst_end, burst_strength``; ``label``,
        ``mean_year`` and ``n_copatents`` used when present).
    k : int
        Actors drawn: every actor with a burst first (strongest first), then the actors
        with most co-patents, up to ``k``; rows run from the earliest entry at the top.
        The strip above counts *every* actor of the table entering each year.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Raises
    ------
    PlotError
        A table without the columns above, or without rows.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"applicant_id": ["a", "b"], "actor_type": ["university", "sme"],
    ...     "first_year": [2004, 2008], "last_year": [2012, 2010], "burst_start": [2006, None],
    ...     "burst_end": [2007, None], "burst_strength": [3.2, None]})
    >>> fig, ax = plot_timeline(t)
    >>> len(ax.get_yticks())
    2
    """
    require_columns(table, _TIMELINE_COLUMNS, "table", error=PlotError,
                    hint="pass the table from metrics.bursts.timeline_table()", nonempty=True)
    keep = _chosen(table, k)
    rows = table[table["applicant_id"].isin(keep)]
    actors = rows.drop_duplicates("applicant_id").sort_values(
        ["first_year", "applicant_id"], kind="stable").reset_index(drop=True)
    y_of = pd.Series(np.arange(len(actors)), index=actors["applicant_id"])
    raw = actors["label"] if "label" in actors else actors["applicant_id"]
    labels = st.distinct_labels(st.display_labels(raw.astype(str), actors["applicant_id"].astype(str)).tolist(), 42)
    types = actors["actor_type"].fillna("").astype(str).replace("", "other")
    colors = np.array([st.TYPE_COLORS.get(t, "#999999") for t in types])
    lo = int(min(table["first_year"].min(), pd.to_numeric(table["burst_start"]).min(skipna=True)
                 if table["burst_start"].notna().any() else table["first_year"].min()))
    hi = int(max(table["last_year"].max(), pd.to_numeric(table["burst_end"]).max(skipna=True)
                 if table["burst_end"].notna().any() else table["last_year"].max()))
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(7.2, 0.2 * len(actors) + 3.2))
        y = y_of.to_numpy()
        ax.hlines(y, actors["first_year"], actors["last_year"], colors=colors, lw=1.6, alpha=0.55, zorder=1)
        b = rows[rows["burst_start"].notna()]
        if len(b):
            by = y_of.reindex(b["applicant_id"]).to_numpy()
            ax.barh(by, b["burst_end"] - b["burst_start"] + 1, left=b["burst_start"] - 0.5, height=0.62,
                    color=BURST_COLOR, alpha=0.85, zorder=2, linewidth=0)
        ax.scatter(actors["first_year"], y, s=30, c=colors, edgecolors="white", linewidths=0.6, zorder=3)
        if "mean_year" in actors:
            ax.scatter(actors["mean_year"], y, marker="|", s=40, c="#222222", linewidths=1.0, zorder=4)
        ax.set_yticks(y, labels, **st.font_kwargs())
        ax.tick_params(axis="y", labelsize=7)
        ax.set_ylim(len(actors) - 0.4, -0.6)  # the earliest entry on top
        ax.set_xlim(lo - 0.8, hi + 0.8)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.set_xlabel("filing year")
        ax.grid(axis="x", color="#DDDDDD", lw=0.5, zorder=0)
        # the strip above: every actor of the table entering each year (not only the rows drawn)
        strip = ax.inset_axes((0.0, 1.02, 1.0, 0.12), sharex=ax)
        entering = table.drop_duplicates("applicant_id")["first_year"].astype(int).value_counts().sort_index()
        strip.bar(entering.index, entering.to_numpy(), width=0.8, color="#888888")
        strip.set_yticks([int(entering.max())])
        strip.tick_params(axis="x", labelbottom=False, length=0)
        strip.tick_params(axis="y", labelsize=6.5)
        strip.spines[["top", "right"]].set_visible(False)
        n_all = int(table["applicant_id"].nunique())
        strip.set_title(f"actors entering per year (all {n_all:,})", fontsize=7, loc="left", pad=2)
        handles = st.type_handles(types)  # the dot: the year of its first tie here (entry), coloured by type
        handles += [Line2D([], [], color="#777777", lw=1.6, alpha=0.55, label="in this network (first to last tie)"),
                    Patch(facecolor=BURST_COLOR, alpha=0.85, label="burst of its applications (Kleinberg)")]
        if "mean_year" in actors:
            handles.append(Line2D([], [], marker="|", ls="", color="#222222", markersize=7, label="mean tie year"))
        shown = f"{len(actors)} of {n_all:,} actors" if len(actors) < n_all else f"all {n_all:,} actors"
        ax.set_title(title or f"When actors enter the network, and their bursts ({shown})", pad=30)
        st.add_credit(fig, credit)
        st.fit_title(fig, ax)  # the title settles the axes' height: then the legend goes under the x label
        fig.canvas.draw()
        top = ax.title.get_window_extent(fig.canvas.get_renderer()).y1
        if top > fig.bbox.height:  # the inset strip is unseen by constrained layout: grow the figure
            fig.set_figheight(fig.get_figheight() + (top - fig.bbox.height) / fig.dpi + 0.1)
            fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        below = min(ax.xaxis.get_tightbbox(renderer).y0, ax.xaxis.label.get_window_extent(renderer).y0)
        y = ax.transAxes.inverted().transform((0, below))[1] - 0.01
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, y), ncols=3, fontsize=7)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


def item_density(
    pos: np.ndarray, weight: np.ndarray, *, kernel_width: float = 0.15, size: int = 240,
    extent: tuple[float, float, float, float] = (-1.15, 1.15, -1.15, 1.15),
) -> np.ndarray:
    """VOSviewer's item density on a grid: :math:`D(x) = \\sum_i w_i \\exp(-\\|x - x_i\\|^2 / (h \\bar d)^2)`.

    Parameters
    ----------
    pos : ndarray (n, 2)
        Item positions.
    weight : ndarray (n,)
        Item weights (``w_i >= 0``).
    kernel_width : float
        ``h``: the kernel's width as a share of the mean distance ``d̄`` between two items.
    size : int
        Grid points per side.
    extent : (xmin, xmax, ymin, ymax)
        The grid's bounds.

    Returns
    -------
    ndarray (size, size)
        Density, rows from ``ymin`` to ``ymax``.

    Notes
    -----
    The Gaussian kernel factorises over the two axes, so the grid is ``Kx.T @ diag(w) @ Ky``
    (no loop over items or grid points).  Van Eck, N. J., Waltman, L. (2010). Software survey:
    VOSviewer, a computer program for bibliometric mapping. Scientometrics 84(2), 523–538.

    Examples
    --------
    >>> d = item_density(np.array([[0.0, 0.0]]), np.array([1.0]), size=5, extent=(-1, 1, -1, 1))
    >>> float(d[2, 2]), bool(d[0, 0] < d[2, 2])
    (1.0, True)
    """
    pos = np.asarray(pos, dtype=float)
    w = np.asarray(weight, dtype=float)
    if len(pos) > 1:
        diff = pos[:, None, :] - pos[None, :, :] if len(pos) <= 1000 else None
        if diff is not None:
            dist = np.sqrt((diff ** 2).sum(axis=-1))
            dbar = dist[np.triu_indices(len(pos), 1)].mean()
        else:  # many items: the mean distance from a seeded sample of pairs
            rng = np.random.default_rng(0)
            i, j = rng.integers(0, len(pos), size=(2, 200_000))
            dbar = np.sqrt(((pos[i] - pos[j]) ** 2).sum(axis=1))[i != j].mean()
    else:
        dbar = 1.0
    bw = kernel_width * (dbar if dbar > 0 else 1.0)
    xs = np.linspace(extent[0], extent[1], size)
    ys = np.linspace(extent[2], extent[3], size)
    kx = np.exp(-((xs[None, :] - pos[:, :1]) / bw) ** 2)  # (n, size)
    ky = np.exp(-((ys[None, :] - pos[:, 1:]) / bw) ** 2)
    return (ky.T * w) @ kx  # (ys, xs)


@st.figure_doc
def plot_density(
    graph: ig.Graph,
    metrics: pd.DataFrame,
    *,
    focal_region: str | Iterable[str] | None = None,
    weight_by: str = "degree",
    top_k: int = 12,
    layout_seed: int = 1,
    kernel_width: float = 0.15,
    title: str | None = None,
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Item-density view of the network (VOSviewer's density visualisation), on the network figure's layout.

    Parameters
    ----------
    graph : igraph.Graph
        As for :func:`~netanalysis.plotting.plot_network`.
    metrics : pandas.DataFrame
        Per-actor table with ``applicant_id`` and ``weight_by``.
    focal_region : str or iterable, optional
        Only the focus's actors are drawn (outside partners sit on the network figure's rim,
        where a density means nothing); all actors when omitted.
    weight_by : str
        Column of ``metrics`` weighting each actor's kernel (default ``degree``).
    top_k : int
        Actors labelled (highest ``weight_by``).
    layout_seed : int
        The network figure's layout seed: the same seed puts every actor where
        :func:`~netanalysis.plotting.plot_network` puts it.
    kernel_width : float
        Kernel width as a share of the mean distance between two actors (see
        :func:`item_density`).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Raises
    ------
    PlotError
        An empty graph, a missing column, or no actor in the focus.

    Examples
    --------
    >>> import igraph as ig
    >>> import pandas as pd
    >>> g = ig.Graph.Star(4)
    >>> g.vs["name"], g.vs["label"] = list("abcd"), list("ABCD")
    >>> g.vs["actor_type"], g.vs["region"] = ["university"] + ["sme"] * 3, ["KR-27"] * 4
    >>> g.es["weight"] = [1.0] * 3
    >>> t = pd.DataFrame({"applicant_id": list("abcd"), "degree": [3, 1, 1, 1]})
    >>> fig, ax = plot_density(g, t, top_k=1)
    """
    from .network import _layout, _place_labels

    if graph.vcount() == 0:
        raise PlotError("the graph is empty; nothing to draw")
    for col in ("applicant_id", weight_by):
        if col not in metrics.columns:
            raise PlotError(f"metrics lack column {col!r}; pass the table from metrics.centrality()")
    names = graph.vs["name"]
    m = metrics.drop_duplicates("applicant_id").set_index("applicant_id").reindex(names)
    region = np.asarray(graph.vs["region"] if "region" in graph.vs.attributes() else [""] * graph.vcount(),
                        dtype=object)
    focal = parse_region_codes(focal_region) if focal_region is not None else None
    inner = (within(pd.Series(region, dtype=object), focal).to_numpy() if focal
             else np.ones(graph.vcount(), dtype=bool))
    if not inner.any():
        raise PlotError(f"no actor of the graph is in {focal}; nothing to draw")
    pos = _layout(graph, inner, layout_seed)[inner]
    w = np.nan_to_num(pd.to_numeric(m[weight_by], errors="coerce").to_numpy(dtype=float))[inner]
    w = np.clip(w, 0, None)
    if w.sum() == 0:
        w = np.ones_like(w)
    extent = (-1.15, 1.15, -1.15, 1.15)
    dens = item_density(pos, w, kernel_width=kernel_width, extent=extent)
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(7.2, 7.2))
        ax.set_aspect("equal")
        ax.axis("off")
        img = ax.imshow(dens / dens.max(), origin="lower", extent=extent, cmap="viridis", vmin=0, vmax=1,
                        interpolation="bilinear", zorder=0)
        ax.scatter(pos[:, 0], pos[:, 1], s=2, c="white", alpha=0.5, linewidths=0, zorder=1)
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        cb = fig.colorbar(img, ax=ax, orientation="horizontal", fraction=0.035, pad=0.01, shrink=0.5)
        cb.set_label(f"density of actors weighted by {weight_by} (share of the highest)", fontsize=8)
        cb.ax.tick_params(labelsize=7)
        n = int(inner.sum())
        ax.set_title(title or f"Where the network is dense: {n:,} actors weighted by {weight_by}")
        st.add_credit(fig, credit)
        st.fit_title(fig, ax)  # a wrapped title moves the axes: before the labels are placed
        if top_k:  # last: the colour bar, title and credit have settled the layout the labels are placed in
            top = np.argsort(-w, kind="stable")[:top_k]
            raw = pd.Series(graph.vs["label"] if "label" in graph.vs.attributes() else names, dtype=str)[inner]
            ids = pd.Series(names, dtype=str)[inner]
            labels = st.display_labels(raw.reset_index(drop=True), ids.reset_index(drop=True))
            texts = st.distinct_labels([labels.iloc[i] for i in top])
            _place_labels(ax, pos, [(int(i), t) for i, t in zip(top, texts, strict=True)])
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


__all__ = ["BURST_COLOR", "item_density", "plot_density", "plot_timeline"]
