"""Regional technological specialisation, relatedness and bursts of technology classes, drawn.

* :func:`plot_specialisation` — the region × class RCA table as a heatmap (one row per region,
  the focus outlined and its RCAs written in its cells; WIPO fields grouped by sector), and
  beside it each region's knowledge complexity.
* :func:`plot_relatedness_density` — the focus's classes placed by relatedness density and
  class complexity (Balland et al. 2019's picture of smart-specialisation options).
* :func:`plot_class_bursts` — Kleinberg bursts of classes, the focus's applications beside
  every region's (CiteSpace's bars on a year axis).

Each takes what :mod:`netanalysis.metrics.specialisation` and :mod:`netanalysis.metrics.bursts`
return, and names the classification the tables carry (``attrs["class_names"]``: IPC
subclasses, WIPO technology fields …).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Rectangle

from .._errors import PlotError
from ..regions import parse_region_codes, region_names, within
from ..schema import WIPO_FIELDS, WIPO_SECTORS, require_columns
from . import _style as st
from .comparison import FOCAL_COLOR

#: RCA bins of the heatmap (a region's share of a class over the class's share everywhere): below 1 a
#: region is not specialised, at 1 or above it is (the bins are symmetric on a log scale).
RCA_BINS = (0.0, 0.25, 0.5, 0.8, 1.0, 1.25, 2.0, 4.0, np.inf)
_RCA_COLORS = ["#2166AC", "#67A9CF", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#EF8A62", "#B2182B", "#67001F"]
ALL_COLOR = "#0072B2"  # Okabe–Ito blue: every region's bursts
#: A region with fewer applications than this is greyed in the specialisation figure.
FEW_APPLICATIONS = 5
NONE_COLOR = "#DDDDDD"  # a cell with no application in the class


def _region_label(code: str, size: float | None = None) -> str:
    """``Bolzano (ITH1)``: the region's name shortened (no "Provincia Autonoma di", the first of two
    official names), its code, and its applications when given."""
    name = region_names([code]).get(code, code)
    short = name.removeprefix("Provincia Autonoma di ").split("/")[0].strip()
    label = code if name == code else f"{st.short_label(short, 26)} ({code})"
    if size is None or not np.isfinite(size):
        return label
    return f"{label} · {size:,.0f}" if size >= 9.95 else f"{label} · {size:.1f}"


def _place_labels(fig, ax, texts: list, points: np.ndarray) -> None:
    """Move point labels that overlap another label or point, or leave the axes, to the first free spot
    around their point (right, left, above, below, a little further): a greedy placement, enough for a
    few dozen labels.  ``points``: the data coordinates of every point drawn."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    r, pad = 4.5 * fig.dpi / 72, 1.5 * fig.dpi / 72  # a point's radius; room kept around a label
    xy = ax.transData.transform(points)
    dots = [Bbox.from_extents(x - r, y - r, x + r, y + r) for x, y in xy]
    placed: list = []
    spots = [(dx, dy, ha) for step in (1, 2, 3) for dx, dy, ha in
             ((6 * step, 0, "left"), (-6 * step, 0, "right"), (4, 9 * step, "left"), (4, -9 * step, "left"),
              (-4, 9 * step, "right"), (-4, -9 * step, "right"), (0, 9 * step, "center"), (0, -9 * step, "center"))]
    for i, t in enumerate(texts):
        t.set_in_layout(False)  # the labels must not move the axes they are placed in
        others = dots[:i] + dots[i + 1:]  # a label may touch its own point, not another
        best, fewest = spots[0], None
        for dx, dy, ha in spots:
            t.set_position((dx, dy))
            t.set_ha(ha)
            e = t.get_window_extent(renderer)
            box = Bbox.from_extents(e.x0 - pad, e.y0 - pad, e.x1 + pad, e.y1 + pad)  # a margin: the final layout
            inside = box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1
            hits = sum(box.overlaps(b) for b in placed) + sum(box.overlaps(b) for b in others) + (0 if inside else 9)
            if fewest is None or hits < fewest:
                best, fewest = (dx, dy, ha), hits
            if hits == 0:
                break
        t.set_position(best[:2])
        t.set_ha(best[2])
        final = t.get_window_extent(renderer)
        if any(final.overlaps(b) for b in placed):  # no free spot left: the point stays, unlabelled
            t.set_visible(False)
            continue
        if getattr(t, "arrow_patch", None) is not None:  # a leader line only to a label moved off its point's side
            t.arrow_patch.set_visible(best != spots[0] and best != spots[1])
        placed.append(t.get_window_extent(renderer))


def _a(noun: str) -> str:
    """``noun`` with its indefinite article by its first letter: "an IPC subclass", "a WIPO field"."""
    return f"{'an' if noun[:1].casefold() in 'aeiou' else 'a'} {noun}"


def _nouns(table: pd.DataFrame) -> tuple[str, str]:
    return (str(table.attrs.get("class_name", "technology class")),
            str(table.attrs.get("class_names", "technology classes")))


def _ordered_classes(rca: pd.DataFrame, k: int) -> tuple[list[str], list[str] | None]:
    """The classes drawn, in order, and their WIPO sector (None when the classes are not WIPO fields)."""
    cols = [str(c) for c in rca.columns]
    wipo = {f.casefold(): i for i, f in enumerate(WIPO_FIELDS)}
    if cols and all(c.casefold() in wipo for c in cols):
        ordered = sorted(cols, key=lambda c: wipo[c.casefold()])
        return ordered, [WIPO_SECTORS[WIPO_FIELDS[wipo[c.casefold()]]] for c in ordered]
    present = (rca.fillna(0) > 0).sum(axis=0)
    present.index = present.index.astype(str)
    ordered = present.sort_values(ascending=False, kind="stable").index[:k].sort_values().tolist()
    return ordered, None


@st.figure_doc
def plot_specialisation(
    rca: pd.DataFrame,
    complexity: pd.DataFrame | None = None,
    *,
    focus: str | Iterable[str] | None = None,
    sizes: pd.Series | None = None,
    k: int = 40,
    title: str | None = None,
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Every region's revealed technological advantage (RCA) per class, and its knowledge complexity.

    Parameters
    ----------
    rca : pandas.DataFrame
        :func:`netanalysis.metrics.rca` output (region × class); its ``attrs`` name the
        classification.
    complexity : pandas.DataFrame, optional
        :func:`netanalysis.metrics.knowledge_complexity` of the regions (``diversity,
        complexity``): drawn as a bar beside each row, and the rows ordered by it (most
        complex on top); without it rows follow the number of specialisations.
    focus : str or iterable of str, optional
        Region code(s) outlined, their RCAs written in their cells.
    sizes : pandas.Series, optional
        Each region's applications (e.g. the count table's row sums), written after its name:
        a reader sees which rows rest on a handful of patents.
    k : int
        Most classes drawn: WIPO fields are all drawn, grouped by sector; other classes,
        the ``k`` in which most regions have applications (the figure says how many).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The heatmap's axes.

    Raises
    ------
    PlotError
        Not a region × class table, or fewer than one region and class.

    Examples
    --------
    >>> from netanalysis.metrics import knowledge_complexity, rca
    >>> x = pd.DataFrame({"Optics": [3.0, 1.0, 2.0], "Transport": [1.0, 3.0, 2.0], "Biotechnology": [2.0, 0.0, 4.0]},
    ...                  index=["ITC4", "ITI4", "ITH5"])
    >>> fig, ax = plot_specialisation(rca(x), knowledge_complexity(x), focus="ITC4")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Optics', 'Biotechnology', 'Transport']
    """
    if not isinstance(rca, pd.DataFrame) or rca.empty or rca.shape[1] == 0:
        raise PlotError("rca: expected a non-empty region × class table (netanalysis.metrics.rca output)")
    one, many = _nouns(rca)
    table = rca.copy()
    table.index, table.columns = table.index.astype(str), table.columns.astype(str)
    classes, sectors = _ordered_classes(table, k)
    focal_codes = parse_region_codes(focus) if focus else []
    focal = within(pd.Series(table.index, index=table.index), focal_codes) if focal_codes else \
        pd.Series(False, index=table.index)
    if complexity is not None and "complexity" in complexity:
        kci = complexity["complexity"].astype(float).reindex(table.index)
        order = kci.fillna(-np.inf).sort_values(ascending=False, kind="stable").index
    else:
        kci = None
        order = (table >= 1).sum(axis=1).sort_values(ascending=False, kind="stable").index
    shown = table.loc[order, classes]
    values = shown.to_numpy(float)
    n_rows, n_cols = values.shape
    cmap = ListedColormap(_RCA_COLORS).with_extremes(bad="#FFFFFF")
    norm = BoundaryNorm([*RCA_BINS[:-1], 1e9], cmap.N)
    longest = max(len(c) for c in classes)
    label_in = min(2.6, 0.055 * longest + 0.3)
    own_fig = ax is None
    with mpl.rc_context(st.rc()):
        if own_fig:
            width = 7.2
            height = 0.24 * n_rows + label_in + 1.9 + (0.3 if sectors else 0)
            fig = plt.figure(figsize=st.page_size(width, height), layout="constrained")
            grid = fig.add_gridspec(1, 2, width_ratios=[max(n_cols, 6), 6 if kci is not None else 0.01])
            ax = fig.add_subplot(grid[0, 0])
            side = fig.add_subplot(grid[0, 1], sharey=ax) if kci is not None else None
        else:
            fig, side = ax.figure, None
        masked = np.ma.masked_invalid(np.where(values == 0, np.nan, values))
        im = ax.imshow(masked, cmap=cmap, norm=norm, aspect="auto", interpolation="none")
        zero_r, zero_c = np.nonzero(values == 0)
        for r, c in zip(zero_r, zero_c, strict=True):  # no application in the class: grey, not "low"
            ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=NONE_COLOR, edgecolor="none"))
        ax.set_xticks(range(n_cols), classes, rotation=90, fontsize=6.5)
        n_of = sizes.reindex(shown.index).astype(float) if sizes is not None else pd.Series(np.nan, index=shown.index)
        small = (n_of < FEW_APPLICATIONS).to_numpy(bool)
        ax.set_yticks(range(n_rows), [_region_label(c, n_of[c]) for c in shown.index], fontsize=7,
                      **st.font_kwargs())
        for label, few in zip(ax.get_yticklabels(), small, strict=True):
            if few:
                label.set_color("#888888")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows), minor=True)
        ax.grid(which="minor", color="white", lw=0.6)
        ax.grid(which="major", visible=False)
        ax.tick_params(which="minor", length=0)
        for i, code in enumerate(shown.index):
            if not focal[code]:
                continue
            ax.add_patch(Rectangle((-0.5, i - 0.5), n_cols, 1, fill=False, edgecolor=FOCAL_COLOR, lw=1.6,
                                   zorder=5, clip_on=False))
            ax.get_yticklabels()[i].set_color(FOCAL_COLOR)
            for j, v in enumerate(values[i]):
                if np.isfinite(v):
                    dark = v >= 2.0 or 0 < v < 0.25
                    ax.text(j, i, "0" if v == 0 else f"{v:.1f}" if v < 9.95 else f"{v:.0f}", ha="center",
                            va="center", fontsize=5,
                            color="white" if dark else "#222222", zorder=6)
        if sectors:
            starts = [j for j in range(n_cols) if j == 0 or sectors[j] != sectors[j - 1]]
            for a, b in zip(starts, [*starts[1:], n_cols], strict=True):
                ax.annotate("", xy=(a - 0.4, -0.75), xytext=(b - 0.6, -0.75), xycoords="data",
                            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.8}, annotation_clip=False)
                ax.text((a + b - 1) / 2, -0.95, sectors[a] if b - a > 2 else sectors[a].split()[0], ha="center",
                        va="bottom", fontsize=6.5, color="#444444", clip_on=False)
        cbar = fig.colorbar(im, ax=[ax, side] if side is not None else ax, location="bottom", shrink=0.55,
                            aspect=40, pad=0.01, ticks=list(RCA_BINS[1:-1]))
        cbar.ax.set_xticklabels([f"{b:g}" for b in RCA_BINS[1:-1]], fontsize=6.5)
        cbar.set_label(f"RCA (location quotient): ≥ 1, specialised; grey: no application in the {one}",
                       fontsize=7)
        if side is not None and kci is not None:
            k_vals = kci.loc[shown.index].to_numpy(float)
            colours = np.where(focal.loc[shown.index].to_numpy(bool), FOCAL_COLOR, "#888888")
            bars = side.barh(range(n_rows), np.nan_to_num(k_vals), color=colours, height=0.7)
            for bar, few in zip(bars, small, strict=True):
                if few:  # a handful of applications: drawn, but light and hatched
                    bar.set_facecolor("white")
                    bar.set_edgecolor("#888888")
                    bar.set_hatch("////")
            side.axvline(0, color="#444444", lw=0.6)
            side.tick_params(axis="y", left=False, labelleft=False)
            side.set_xlabel("knowledge\ncomplexity (s.d.)", fontsize=7)
            side.tick_params(axis="x", labelsize=6.5)
            side.grid(axis="x", color="#EEEEEE", lw=0.6)
            for spine in ("top", "right"):
                side.spines[spine].set_visible(False)
            for i, v in enumerate(k_vals):
                if not np.isfinite(v):
                    side.text(0, i, " n/a", va="center", fontsize=6, color="#777777")
        ax.set_ylim(n_rows - 0.5, -0.5 - (1.0 if sectors else 0))
        n_all = rca.shape[1]
        what = f"all {n_all} {many}" if n_cols == n_all else f"the {n_cols} of {n_all} {many} with applications in " \
            "the most regions"
        heading = title or f"Technological specialisation of {n_rows} regions: RCA in {what}"
        if own_fig:  # over both panels, wrapped to the page
            fig.suptitle(textwrap.fill(heading, 100), fontsize=9)
        else:
            ax.set_title(heading, pad=6)
        note = [f"Rows: regions{', most complex on top' if kci is not None else ''}"
                + (", with their applications (fractional counts; in grey, hatched: fewer than "
                   f"{FEW_APPLICATIONS}, too few for a stable RCA or complexity)" if sizes is not None and small.any()
                   else ", with their applications (fractional counts)" if sizes is not None else "")
                + (f"; outlined, with {'its' if len(focal_codes) == 1 else 'their'} RCAs written: "
                   f"{', '.join(focal_codes)}" if focal.any() else "") + "."]
        notes = [str(n) for n in rca.attrs.get("notes", []) if "classes are" in str(n)]
        if notes:
            note.append(notes[0][0].upper() + notes[0][1:] + ".")
        text = " ".join(note)
        st.add_credit(fig, f"{text} {credit}" if credit else text)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_relatedness_density(
    rca: pd.DataFrame,
    density: pd.DataFrame,
    class_complexity: pd.DataFrame,
    *,
    focus: str,
    most: int = 6,
    title: str | None = None,
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """The focus's classes by relatedness density (how close to what it does) and class complexity.

    Parameters
    ----------
    rca : pandas.DataFrame
        :func:`netanalysis.metrics.rca` output (region × class).
    density : pandas.DataFrame
        :func:`netanalysis.metrics.relatedness_density` output.
    class_complexity : pandas.DataFrame
        :func:`netanalysis.metrics.knowledge_complexity` with ``of="classes"`` (``complexity``).
    focus : str
        The region whose classes are drawn (a row of the tables).
    most : int
        With more than 30 classes, those named: the ``most`` not yet specialised in with the
        highest density, and the ``most`` strongest specialisations (else every class is named).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Raises
    ------
    PlotError
        The focus is not a row of the tables, or no class has both measures.

    Notes
    -----
    Balland et al. (2019)'s framework: classes up and to the right (dense around what the
    region does and complex) are the low-risk, high-value options of smart specialisation.

    Examples
    --------
    >>> from netanalysis.metrics import knowledge_complexity, rca, relatedness_density
    >>> x = pd.DataFrame({"A": [3.0, 1.0, 1.0], "B": [2.0, 1.0, 0.0], "C": [0.0, 2.0, 3.0]},
    ...                  index=["r1", "r2", "r3"])
    >>> fig, ax = plot_relatedness_density(rca(x), relatedness_density(x), knowledge_complexity(x, of="classes"),
    ...                                    focus="r2")
    >>> ax.get_xlabel()[:20]
    'relatedness density '
    """
    for name, t in (("rca", rca), ("density", density)):
        if not isinstance(t, pd.DataFrame) or focus not in t.index:
            raise PlotError(f"{name}: {focus!r} is not a row of the table; pass the region × class table that "
                            "holds the focus")
    require_columns(class_complexity, ["complexity"], "class_complexity", error=PlotError,
                    hint="pass knowledge_complexity(counts, of='classes')")
    one, many = _nouns(rca)
    d = pd.Series(density.loc[focus], dtype=float)
    r = pd.Series(rca.loc[focus], dtype=float).reindex(d.index)
    c = pd.Series(class_complexity["complexity"], dtype=float).reindex(d.index)
    ok = (d.notna() & c.notna() & r.notna()).to_numpy(bool)
    if not ok.any():
        raise PlotError(f"no {one} has both a relatedness density and a complexity for {focus!r}; nothing to draw")
    d, r, c = d[ok], r[ok], c[ok]
    spec = pd.Series(r >= 1 - 1e-9, dtype=bool)
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(7.2, 5.2))
        ax.scatter(d[~spec], c[~spec], s=28, facecolors="white", edgecolors="#555555", lw=0.9, zorder=3,
                   label=f"not specialised (RCA < 1): {int((~spec).sum())}")
        ax.scatter(d[spec], c[spec], s=34, color=FOCAL_COLOR, zorder=4,
                   label=f"specialised (RCA ≥ 1): {int(spec.sum())}")
        ax.axhline(0, color="#999999", lw=0.6, zorder=1)
        ax.axvline(float(d.median()), color="#999999", lw=0.6, ls=":", zorder=1)
        # the likeliest diversifications, then the strongest specialisations: placed first where labels crowd
        ranked = list(d[~spec].sort_values(ascending=False, kind="stable").index) + \
            list(r[spec].sort_values(ascending=False, kind="stable").index)
        named = ranked if len(d) <= 30 else (ranked[:most] + ranked[int((~spec).sum()):][:most])
        span_x = float(d.max() - d.min()) or 1.0
        span_y = float(c.max() - c.min()) or 1.0
        ax.set_xlim(float(d.min()) - 0.05 * span_x, float(d.max()) + 0.05 * span_x)
        ax.set_ylim(float(c.min()) - 0.06 * span_y, float(c.max()) + 0.08 * span_y)
        leader = {"arrowstyle": "-", "color": "#AAAAAA", "lw": 0.5, "shrinkA": 1, "shrinkB": 4}
        texts = [ax.annotate(st.short_label(str(cls), 40), (d[cls], c[cls]), xytext=(4, 3), textcoords="offset points",
                             fontsize=6.5, color=FOCAL_COLOR if spec[cls] else "#333333", arrowprops=leader,
                             va="center", zorder=2) for cls in named]
        ax.set_xlabel(f"relatedness density of the {one} to {_region_label(focus)}'s specialisations (0–100)")
        ax.set_ylabel(f"{one} complexity (s.d.)")
        ax.grid(color="#EEEEEE", lw=0.6, zorder=0)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7)
        ax.set_title(title or f"Where {_region_label(focus)} could diversify: its {many}", pad=22)
        for t in texts:
            t.set_in_layout(False)
        fig.canvas.draw()  # the final layout (the labels out of it), then the labels placed in it
        _place_labels(fig, ax, texts, np.column_stack([d[named].to_numpy(float), c[named].to_numpy(float)]))
        note = (f"Each point {_a(one)}; dotted line: the median density; filled: RCA ≥ 1. Up and right: close to "
                "what the region already does and complex (Balland et al. 2019).")
        st.add_credit(fig, f"{note} {credit}" if credit else note)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_class_bursts(
    table: pd.DataFrame,
    *,
    years: tuple[int, int] | None = None,
    k: int = 20,
    title: str | None = None,
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Kleinberg bursts of technology classes as bars on a year axis, one panel per scope.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.metrics.class_bursts` output (``id, start, end, strength``), or
        several stacked with a ``scope`` column (e.g. the focus's applications and every
        region's): one panel each, in order of first appearance, the classes on shared rows.
    years : (int, int), optional
        The year axis (default: ``attrs["years"]``, else the bursts' span).
    k : int
        Most classes drawn (the strongest burst of each, strongest first).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The first panel's axes.

    Raises
    ------
    PlotError
        A table without the columns above, or without a burst.

    Examples
    --------
    >>> t = pd.DataFrame({"id": ["Optics", "Transport", "Optics"], "start": [2003, 2010, 2004],
    ...                   "end": [2005, 2012, 2004], "strength": [4.2, 2.0, 1.5],
    ...                   "scope": ["Lombardia (ITC4)", "Lombardia (ITC4)", "all regions"]})
    >>> fig, ax = plot_class_bursts(t, years=(2000, 2015))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Optics', 'Transport']
    """
    require_columns(table, ["id", "start", "end", "strength"], "table", error=PlotError,
                    hint="pass the table from metrics.class_bursts()", nonempty=True)
    one, many = _nouns(table)
    t = table.copy()
    if "scope" not in t:
        t["scope"] = "all applications"
    scopes = list(dict.fromkeys(t["scope"].astype(str)))
    per = t.sort_values("strength", ascending=False, kind="stable").drop_duplicates("id")
    rows = per["id"].head(k).tolist()
    first = t[t["id"].isin(rows)].groupby("id")["start"].min()
    rows = sorted(rows, key=lambda c: (first[c], c))
    span = years or table.attrs.get("years") or (int(t["start"].min()), int(t["end"].max()))
    lo, hi = int(span[0]), int(span[1])
    n = len(rows)
    with mpl.rc_context(st.rc()):
        if ax is None:
            fig, grid = plt.subplots(1, len(scopes), sharey=True, squeeze=False, layout="constrained",
                                     figsize=st.page_size(7.2, 0.26 * n + 1.9))
            axes = list(grid[0])
        else:
            fig, axes = ax.figure, [ax]
            scopes = scopes[:1]
        for i, (panel, scope) in enumerate(zip(axes, scopes, strict=True)):
            colour = FOCAL_COLOR if i == 0 and len(scopes) > 1 else ALL_COLOR
            mine = t[t["scope"].astype(str) == scope]
            panel.hlines(range(n), lo - 0.5, hi + 0.5, color="#DDDDDD", lw=1.2, zorder=1)
            for _, b in mine[mine["id"].isin(rows)].iterrows():
                y = rows.index(b["id"])
                panel.barh(y, b["end"] - b["start"] + 1, left=b["start"] - 0.5, height=0.56, color=colour, zorder=3)
                panel.text(b["end"] + 0.7, y, f"{b['strength']:.1f}", va="center", fontsize=6, color="#333333")
            panel.set_xlim(lo - 0.5, hi + 0.5 + 0.06 * (hi - lo + 1))
            n_burst = mine["id"].nunique()
            panel.set_title(f"{scope}: {n_burst} {many if n_burst != 1 else one} with a burst", fontsize=8)
            panel.grid(axis="x", color="#EEEEEE", lw=0.6, zorder=0)
            panel.tick_params(axis="x", labelsize=7)
        axes[0].set_yticks(range(n), [st.short_label(str(c), 40) for c in rows], fontsize=7)
        st.pad_rows(axes[0], n)
        axes[0].invert_yaxis()
        fig.suptitle(title or f"Bursts of {many}, {lo}–{hi}", fontsize=9)
        model = (f"Each panel: the {many} of that scope's applications (the stream: its applications with "
                 f"{_a(one)} each year); bar: a burst's years; number: its strength (Kleinberg's two-state model on "
                 f"yearly counts, gamma = {table.attrs.get('gamma', 1):g}, s = {table.attrs.get('s', 2):g}); "
                 "grey line: no burst.")
        st.add_credit(fig, f"{model} {credit}" if credit else model)
    return st.finish_figure(fig, axes[0], show=show, save=save, filepath=filepath, dpi=dpi)


__all__ = ["plot_class_bursts", "plot_relatedness_density", "plot_specialisation"]
