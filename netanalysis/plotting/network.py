"""Regional network figures: the co-patent network of a focal region and its map variant."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import adjustText
import igraph as ig
import matplotlib as mpl
import numpy as np
import pandas as pd
from adjustText import adjust_text
from matplotlib.collections import LineCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from .._errors import PlotError
from .._rng import igraph_seed
from ..regions import at_level, parse_region_codes, region_names, within
from . import _style as st


def _layout_iterations(n: int) -> int:
    """Fruchterman–Reingold iterations for ``n`` focal actors: 800 up to 2,000 actors, then fewer
    (the same total work, at least 50), so that a national network is laid out in seconds, not minutes.

    Examples
    --------
    >>> _layout_iterations(500), _layout_iterations(20_000), _layout_iterations(10**6)
    (800, 80, 50)
    """
    return 800 if n <= 2000 else max(50, 800 * 2000 // n)


#: Layouts already computed, by the graph's content (ties, regions), the focus and the seed: the
#: network, mean-year and density figures of a run draw one network on one layout, computed once.
_LAYOUTS: OrderedDict[bytes, np.ndarray] = OrderedDict()


def _layout_key(g: ig.Graph, inner: np.ndarray, seed: int) -> bytes:
    """A digest of everything :func:`_layout` reads: the ties, the actors' regions, the focus and the seed."""
    h = hashlib.blake2b(digest_size=20)
    h.update(np.asarray(g.get_edgelist(), dtype=np.int64).tobytes())
    h.update(np.int64(g.vcount()).tobytes())
    regions = g.vs["region"] if "region" in g.vs.attributes() else []
    h.update("\x1f".join("" if r is None else str(r) for r in regions).encode("utf-8", "surrogatepass"))
    h.update(np.asarray(inner, dtype=bool).tobytes())
    h.update(str(seed).encode())
    return h.digest()


def _layout(g: ig.Graph, inner: np.ndarray, seed: int) -> np.ndarray:
    """:func:`_compute_layout`, computed once per graph, focus and seed (a copy is returned)."""
    key = _layout_key(g, inner, seed)
    if key not in _LAYOUTS:
        _LAYOUTS[key] = _compute_layout(g, inner, seed)
        while len(_LAYOUTS) > 4:
            _LAYOUTS.popitem(last=False)
    _LAYOUTS.move_to_end(key)
    return _LAYOUTS[key].copy()


def _compute_layout(g: ig.Graph, inner: np.ndarray, seed: int) -> np.ndarray:
    """Fruchterman–Reingold for the focal actors inside the unit disc; outside actors on a
    rim, grouped in sectors by region (sorted), so that outside partners read as 'elsewhere'."""
    n = g.vcount()
    pos = np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    idx_in = np.flatnonzero(inner)
    if len(idx_in):
        sub = g.induced_subgraph(idx_in.tolist())
        start = rng.uniform(-1, 1, size=(len(idx_in), 2)).tolist()
        with igraph_seed(seed):
            lay = np.asarray(sub.layout_fruchterman_reingold(seed=start, niter=_layout_iterations(len(idx_in))
                                                             ).coords, dtype=float)
        lay -= lay.mean(axis=0)
        r = np.sqrt((lay**2).sum(axis=1))
        scale = np.quantile(r, 0.98) if len(r) > 2 and np.quantile(r, 0.98) > 0 else max(r.max(), 1)
        lay = lay / scale
        over = np.sqrt((lay**2).sum(axis=1)) > 1
        lay[over] = lay[over] / np.sqrt((lay[over] ** 2).sum(axis=1))[:, None]
        pos[idx_in] = lay
    idx_out = np.flatnonzero(~inner)
    if len(idx_out):
        reg = (at_level(pd.Series(g.vs["region"], dtype=object).fillna("").astype(str), 1).to_numpy()[idx_out]
               if "region" in g.vs.attributes() else np.full(len(idx_out), ""))
        order = np.lexsort((np.asarray(g.degree(idx_out.tolist())), reg.astype(str)))
        angles = np.linspace(0, 2 * np.pi, len(idx_out), endpoint=False) + np.pi / 2
        pos[idx_out[order], 0] = 1.3 * np.cos(angles)
        pos[idx_out[order], 1] = 1.3 * np.sin(angles)
    return pos


def _sizes(values: np.ndarray, smin: float = 6, smax: float = 420) -> np.ndarray:
    v = np.nan_to_num(values.astype(float))
    top = v.max() if len(v) and v.max() > 0 else 1.0
    return smin + (smax - smin) * np.sqrt(v / top)


def _size_key(values: np.ndarray) -> list[Line2D]:
    """Legend markers for three values of the sizing metric (the largest, 1/4 and 1/16 of it)."""
    v = np.nan_to_num(values.astype(float))
    top = v.max() if len(v) and v.max() > 0 else 1.0
    keys = [top, top / 4, top / 16]
    return [Line2D([], [], marker="o", ls="", markerfacecolor="#BBBBBB", markeredgecolor="white",
                   markersize=float(np.sqrt(_sizes(np.array([k, top]))[0])), label=f"{k:.3g}") for k in keys]


def _node_colors(m: pd.DataFrame, color_by: str, types: list[str]):
    """Node colours, legend handles and (for a numeric column) the mappable of a colour bar."""
    if color_by == "actor_type":
        return np.array([st.TYPE_COLORS.get(t, "#999999") for t in types]), st.type_handles(types), None
    values = m[color_by]
    if pd.api.types.is_numeric_dtype(values) and color_by != "cluster":
        v = values.astype(float).to_numpy()
        ok = np.isfinite(v)
        lo, hi = (float(np.nanmin(v)), float(np.nanmax(v))) if ok.any() else (0.0, 1.0)
        sm = mpl.cm.ScalarMappable(norm=mpl.colors.Normalize(vmin=lo, vmax=hi), cmap="viridis")
        rgba = sm.to_rgba(np.where(ok, v, lo))
        colors = np.array([mpl.colors.to_hex(tuple(c)) if good else "#BBBBBB"
                           for c, good in zip(rgba, ok, strict=True)])
        return colors, [], sm
    cats = values.astype("string").fillna("")
    ranked = cats[cats != ""].value_counts()
    palette = [mpl.colormaps["tab10"](i) for i in range(10)]
    colour = {c: mpl.colors.to_hex(palette[i]) for i, c in enumerate(ranked.index[:10])}
    colors = np.array([colour.get(c, "#BBBBBB") for c in cats])
    handles = [Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor=colour[c], markeredgecolor="white",
                      label=f"{c} ({n})") for c, n in ranked.head(10).items()]
    if len(ranked) > 10:
        handles.append(Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor="#BBBBBB",
                              markeredgecolor="white", label=f"{len(ranked) - 10} smaller"))
    return colors, handles, None


@st.figure_doc
def plot_network(
    graph: ig.Graph,
    metrics: pd.DataFrame,
    *,
    focal_region: str | Iterable[str] | None = None,
    size_by: str = "betweenness",
    label_by: str = "betweenness",
    color_by: str = "actor_type",
    top_k: int = 12,
    layout_seed: int = 1,
    title: str | None = "Industry–academia co-patent network",  # reworded by network_title
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Draw a regional co-patent network.

    Nodes are coloured by actor type (Okabe–Ito palette), sized by ``size_by``; edge
    width follows tie weight; actors outside ``focal_region`` sit on a rim, grouped by
    their region, drawn hollow; the ``top_k`` actors by ``label_by`` are labelled with
    overlap removal (adjustText).

    Parameters
    ----------
    graph : igraph.Graph
        From :func:`netanalysis.network.to_igraph` (vertex attributes ``actor_type``,
        ``region``, ``label``; edge attribute ``weight``).
    metrics : pandas.DataFrame
        Per-actor table holding ``applicant_id``, ``size_by`` and ``label_by`` columns
        (e.g. :func:`netanalysis.metrics.centrality`); nothing is computed here.
    focal_region : str or iterable, optional
        Region codes of the focus; all actors are "inside" when omitted.
    size_by : str
        Column of ``metrics`` that sets node area.
    label_by : str
        Column of ``metrics`` that picks the labelled actors (the ``top_k`` highest; ties,
        such as a betweenness of 0 everywhere, broken by ``degree`` when ``metrics`` has it).
    color_by : str
        ``"actor_type"`` (default, Okabe–Ito palette), or a column of ``metrics``: a
        categorical one such as ``cluster`` (from :func:`netanalysis.metrics.communities`;
        the ten largest get colours, the rest grey) or a numeric one such as ``mean_year``
        (from :func:`netanalysis.metrics.mean_tie_year`; viridis with a colour bar).
    top_k : int
        How many actors to label.
    layout_seed : int
        Seed of the force-directed layout (the same seed gives the same picture).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Examples
    --------
    >>> import igraph as ig
    >>> import pandas as pd
    >>> g = ig.Graph.Star(4)
    >>> g.vs["name"], g.vs["label"] = list("abcd"), list("ABCD")
    >>> g.vs["actor_type"], g.vs["region"] = ["university"] + ["sme"] * 3, ["KR-27"] * 4
    >>> g.es["weight"] = [1.0] * 3
    >>> t = pd.DataFrame({"applicant_id": list("abcd"), "betweenness": [1.0, 0, 0, 0]})
    >>> fig, ax = plot_network(g, t, top_k=1)
    """
    for col in ("applicant_id", size_by, label_by, *([color_by] if color_by != "actor_type" else [])):
        if col not in metrics.columns:
            raise PlotError(f"metrics lack column {col!r}; pass the table from metrics.centrality() (merged with "
                            "metrics.communities() for color_by='cluster', metrics.mean_tie_year() for 'mean_year')")
    if graph.vcount() == 0:
        raise PlotError("the graph is empty; nothing to draw")
    names = graph.vs["name"]
    m = metrics.drop_duplicates("applicant_id").set_index("applicant_id").reindex(names)
    types = [str(t) if t else "other" for t in graph.vs["actor_type"]] if "actor_type" in \
        graph.vs.attributes() else ["other"] * graph.vcount()
    region = np.asarray(graph.vs["region"] if "region" in graph.vs.attributes() else [""] * graph.vcount(),
                        dtype=object)
    focal = parse_region_codes(focal_region) if focal_region is not None else None
    inner = (within(pd.Series(region, dtype=object), focal).to_numpy() if focal
             else np.ones(graph.vcount(), dtype=bool))
    pos = _layout(graph, inner, layout_seed)

    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(7.2, 7.6))
        ax.set_aspect("equal")
        ax.axis("off")
        if graph.ecount():
            w = np.asarray(graph.es["weight"] if "weight" in graph.es.attributes() else [1.0] * graph.ecount())
            ends = np.array([e.tuple for e in graph.es])
            segs = np.stack([pos[ends[:, 0]], pos[ends[:, 1]]], axis=1)
            out_tie = ~(inner[ends[:, 0]] & inner[ends[:, 1]])
            widths = 0.25 + 2.2 * np.sqrt(w / w.max())
            for mask, color, alpha in ((~out_tie, "#4D4D4D", 0.28), (out_tie, "#9A9A9A", 0.22)):
                if mask.any():
                    ax.add_collection(LineCollection(segs[mask], linewidths=widths[mask], colors=color,
                                                     alpha=alpha, zorder=1))
        sizes = _sizes(m[size_by].to_numpy())
        colors, handles, colorbar = _node_colors(m, color_by, types)
        order = np.argsort(sizes)
        o_in, o_out = order[inner[order]], order[~inner[order]]
        ax.scatter(pos[o_out, 0], pos[o_out, 1], s=sizes[o_out], facecolors="white",
                   edgecolors=colors[o_out], linewidths=1.0, zorder=2)
        ax.scatter(pos[o_in, 0], pos[o_in, 1], s=sizes[o_in], c=colors[o_in], edgecolors="white",
                   linewidths=0.4, zorder=3)
        rim: list = []
        if focal and (~inner).any():
            ax.add_patch(Circle((0, 0), 1.12, fill=False, ls=(0, (4, 3)), lw=0.8, color="#777777", zorder=0))
            rim = _rim_region_labels(ax, pos, region, inner)
        lim = 1.55 if focal and (~inner).any() else 1.1
        ax.set_xlim(-lim, lim)  # before the labels: they are placed in display space
        ax.set_ylim(-lim, lim + 0.35)
        if focal and (~inner).any():
            handles.append(Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor="white",
                                  markeredgecolor="#555555", label="Outside the focal region (rim)"))
        if handles:
            legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 1.0), ncols=2,
                               title=None if colorbar is not None else
                               "Actor type" if color_by == "actor_type" else color_by.replace("_", " ").capitalize(),
                               title_fontsize=8)
            ax.add_artist(legend)
        if colorbar is not None:
            cb = fig.colorbar(colorbar, ax=ax, orientation="horizontal", fraction=0.035, pad=0.01, shrink=0.5)
            cb.set_label(color_by.replace("_", " "), fontsize=8)
            cb.ax.tick_params(labelsize=7)
        ax.legend(handles=_size_key(m[size_by].to_numpy()), loc="upper right", bbox_to_anchor=(1.0, 1.0),
                  title=f"node size ∝ √{size_by}", title_fontsize=8, labelspacing=1.1, borderpad=0.8)
        if title:
            ax.set_title(title.replace(INDUSTRY_ACADEMIA, network_title(types)))
        st.add_credit(fig, credit)
        if title:
            st.fit_title(fig, ax)  # a wrapped title moves the axes: before the labels are placed
        _clear_of_legends(ax, rim)  # the layout is settled: no rim label under a legend
        if top_k:  # last: the legends, title and credit have settled the layout the labels are placed in
            score = m[label_by].fillna(0).to_numpy()
            second = (m["degree"].fillna(0).to_numpy() if "degree" in m.columns and label_by != "degree"
                      else np.zeros(len(score)))
            top = np.lexsort((-second, -score))[:top_k]  # ties (flat betweenness) by degree, not by name
            raw = pd.Series(graph.vs["label"] if "label" in graph.vs.attributes() else names, dtype=str)
            labels = st.display_labels(raw, pd.Series(names, dtype=str))
            texts = st.distinct_labels([labels.iloc[i] for i in top])
            _place_labels(ax, pos, [(int(i), t) for i, t in zip(top, texts, strict=True)], obstacles=rim)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


INDUSTRY_ACADEMIA = "Industry–academia co-patent network"
_FIRMS = ("sme", "large_firm", "firm")
_NAMES = {"university": "universities", "research_institute": "research institutes", "large_firm": "large firms",
          "sme": "SMEs", "firm": "firms", "government": "government bodies", "hospital": "hospitals",
          "individual": "individuals", "other": "other actors"}


def network_title(actor_types: Iterable[str]) -> str:
    """Words for the network drawn: industry–academia only when it holds a university and a firm.

    ``plot_network`` puts these words in place of ``Industry–academia co-patent network``
    in its title, so a network without a university is not called one.

    Examples
    --------
    >>> network_title(["university", "sme", "sme"])
    'Industry–academia co-patent network'
    >>> network_title(["sme", "individual", "sme", "large_firm"])
    'Co-patent network of SMEs, individuals and large firms'
    """
    kinds = pd.Series(list(actor_types), dtype=object).fillna("other").replace("", "other")
    present = set(kinds)
    if "university" in present and present & set(_FIRMS):
        return INDUSTRY_ACADEMIA
    names = [_NAMES.get(k, str(k)) for k in kinds.value_counts().index[:3]]
    return "Co-patent network of " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def _clear_of_legends(ax: Any, texts: list, step: float = 0.15, most: int = 8) -> None:
    """Raise the top of the y range until no text (the rim's region labels) sits under a legend:
    the legends are anchored to the axes' corners, so a taller data range moves the drawing down
    and out from under them."""
    legends = [a for a in ax.get_children() if isinstance(a, Legend)]
    if not texts or not legends:
        return
    for _ in range(most):
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        boxes = [lg.get_window_extent(renderer) for lg in legends]
        if not any(t.get_window_extent(renderer).overlaps(b) for t in texts for b in boxes):
            return
        lo, hi = ax.get_ylim()
        ax.set_ylim(lo, hi + step)


def _shifts_extra(coords: np.ndarray, extra_coords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """adjustText's ``get_shifts_extra`` (how far each label's box overlaps the points), with its
    pair test done on integer keys.

    adjustText finds the (label, point) pairs that overlap along x and along y, then keeps the
    y-pairs that are also x-pairs by comparing every y-pair with every x-pair: quadratic in the
    points a label's row and column span (9 s of the sample's 35 s of figures).  Here the same
    test is a sorted-key membership (``np.isin``): the same pairs in the same order, so the
    same shifts to the bit and the same picture (checked in ``tests/plotting/test_network.py``).
    """
    from adjustText.arrops import overlap_intervals

    n, m = coords.shape[0], extra_coords.shape[0]
    xoverlaps = overlap_intervals(coords[:, 0], coords[:, 1], extra_coords[:, 0], extra_coords[:, 1])
    yoverlaps = overlap_intervals(coords[:, 2], coords[:, 3], extra_coords[:, 2], extra_coords[:, 3])
    keys_x = xoverlaps[:, 0].astype(np.int64) * m + xoverlaps[:, 1].astype(np.int64)
    keys_y = yoverlaps[:, 0].astype(np.int64) * m + yoverlaps[:, 1].astype(np.int64)
    overlaps = yoverlaps[np.isin(keys_y, keys_x)]
    if len(overlaps) == 0:
        return np.zeros(n), np.zeros(n)
    diff_x = coords[overlaps[:, 0], :2] - extra_coords[overlaps[:, 1], -3::-1]
    diff_y = coords[overlaps[:, 0], 2:] - extra_coords[overlaps[:, 1], -1:-3:-1]
    xshifts = np.where(np.abs(diff_x[:, 0]) < np.abs(diff_x[:, 1]), diff_x[:, 0], diff_x[:, 1])
    yshifts = np.where(np.abs(diff_y[:, 0]) < np.abs(diff_y[:, 1]), diff_y[:, 0], diff_y[:, 1])
    return np.bincount(overlaps[:, 0], xshifts, minlength=n), np.bincount(overlaps[:, 0], yshifts, minlength=n)


#: Labels are kept off at most this many points, those nearest the labelled actors: on a national
#: network (20,000 actors) the labels' repulsion from every point took most of the figure's time.
LABEL_POINTS = 2000


def _points_near(pos: np.ndarray, anchors: list[int], most: int = LABEL_POINTS) -> np.ndarray:
    """Indices (ascending) of the ``most`` points of ``pos`` nearest any of the ``anchors``; every
    point when there are no more than ``most`` (all networks up to 2,000 actors: the same picture).

    Examples
    --------
    >>> pos = np.array([[0.0, 0.0], [5.0, 0.0], [0.1, 0.0], [9.0, 9.0]])
    >>> _points_near(pos, [0], most=2).tolist()
    [0, 2]
    """
    if len(pos) <= most or not anchors:
        return np.arange(len(pos))
    gap = np.full(len(pos), np.inf)
    for a in anchors:
        gap = np.minimum(gap, np.hypot(pos[:, 0] - pos[a, 0], pos[:, 1] - pos[a, 1]))
    return np.sort(np.argsort(gap, kind="stable")[:most])


@contextmanager
def _pair_test_by_keys() -> Iterator[None]:
    """adjustText with :func:`_shifts_extra` in place of its own, for the duration of one call
    (its ``iterate`` looks the function up in its module)."""
    own = adjustText.get_shifts_extra
    adjustText.get_shifts_extra = _shifts_extra
    try:
        yield
    finally:
        adjustText.get_shifts_extra = own


def _place_labels(ax, pos: np.ndarray, items: list[tuple[int, str]], obstacles: list | None = None) -> None:
    """Label nodes (highest rank first) so that no two labels overlap, nor a label an obstacle.

    adjustText moves the labels apart (and away from ``obstacles``, the rim's region labels)
    with a fixed iteration budget (reruns are identical); a label still overlapping a
    higher-ranked one or an obstacle afterwards is dropped and the rest placed again, so the
    figure never shows colliding labels.  A moved label gets a leader line.
    """
    obstacles = obstacles or []
    fig = ax.figure
    while True:
        texts = [ax.text(pos[i, 0], pos[i, 1], s, fontsize=7.5, zorder=5, **st.font_kwargs(),
                         bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
                 for i, s in items]
        near = _points_near(pos, [i for i, _ in items])
        with _pair_test_by_keys():
            adjust_text(texts, ax=ax, x=pos[near, 0], y=pos[near, 1], objects=obstacles or None, expand=(1.2, 1.4),
                        iter_lim=250)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        # a label's white box reaches 0.15 em past its text: padded so that two labels keep a gap
        gap = 0.3 * 7.5 * fig.dpi / 72
        boxes = [t.get_window_extent(renderer).padded(gap) for t in texts]
        fixed = [o.get_window_extent(renderer) for o in obstacles]
        clash = next((j for j in range(len(boxes)) if any(boxes[j].overlaps(boxes[k]) for k in range(j))
                      or any(boxes[j].overlaps(f) for f in fixed)), None)
        if clash is None:
            break
        for t in texts:
            t.remove()
        items = items[:clash] + items[clash + 1:]
    for (i, _), t in zip(items, texts, strict=True):
        x, y = t.get_position()
        if np.hypot(x - pos[i, 0], y - pos[i, 1]) > 0.02:
            ax.plot([pos[i, 0], x], [pos[i, 1], y], color="#555555", lw=0.5, zorder=4)


def _rim_region_labels(ax, pos, region, inner) -> list:
    out = np.flatnonzero(~inner)
    top = at_level(pd.Series(region[out], dtype=object).fillna("").astype(str), 1)
    names = region_names(set(top))
    df = pd.DataFrame({"r": top.to_numpy(), "a": np.arctan2(pos[out, 1], pos[out, 0])})
    df["a"] = np.unwrap(df["a"].to_numpy())
    labels = sorted(((grp["a"].median(), f"{names.get(str(r)) or 'abroad / unknown'} ({len(grp)})")
                     for r, grp in df.groupby("r", sort=False) if len(grp) >= 3), key=lambda t: t[0])
    placed: list[tuple[float, float, float, float]] = []  # x, y, half width, half height (data units, estimated)
    drawn = []
    for a, text in labels:
        half_w, half_h = 0.021 * len(text) + 0.02, 0.05
        for _ in range(60):  # walk round the rim until the label clears the ones already placed
            x, y = 1.47 * np.cos(a), 1.47 * np.sin(a)
            if all(abs(x - px) > half_w + pw or abs(y - py) > half_h + ph for px, py, pw, ph in placed):
                break
            a += 0.03
        placed.append((x, y, half_w, half_h))
        drawn.append(ax.text(x, y, text, fontsize=6.5, color="#444444", ha="center", va="center", rotation=0))
    return drawn
