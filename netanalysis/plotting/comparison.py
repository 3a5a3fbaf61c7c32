"""Small multiples: the report's headline shares for every region, the focus highlighted."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._errors import PlotError
from . import _style as st

#: Panel titles of the shares the region comparison shows.
PANEL_TITLES: dict[str, str] = {  # three short lines: five panels share a journal's double column
    "univ_share_betweenness": "universities'\nshare of\nbetweenness",
    "univ_sme_one_time": "university–SME\nties that are\none-time",
    "outside_all": "ties reaching\noutside\nthe region",
    "outside_large": "large\ncollaborations\nreaching outside",
    "univ_univ_share": "university ties\nwith another\nuniversity",
}

FOCAL_COLOR = "#D55E00"  # Okabe–Ito vermillion, the colour of the focus in every figure


def plot_region_comparison(
    comparison: pd.DataFrame, indicators: Sequence[str] | None = None, *, title: str | None = None,
    credit: str | None = None, axes=None, show=False, save=False, filepath=None, dpi=300,
):
    """One panel per share, one row per region, the focus highlighted.

    Parameters
    ----------
    comparison : pandas.DataFrame
        :func:`netanalysis.report.compare_regions` output (``region``, ``focal``,
        ``few_ties`` and the share columns).
    indicators : sequence of str, optional
        The share columns to draw (default: every column of :data:`PANEL_TITLES` present).
    title : str, optional
        Figure title (a default when omitted).
    credit : str, optional
        Source line at the bottom left (say SYNTHETIC when the data is).
    axes : sequence of matplotlib.axes.Axes, optional
        One axes per indicator (the small-multiples form of ``ax=``); a new figure is made
        when omitted.
    show : bool
        Call ``plt.show()`` after drawing.
    save : bool
        Save to ``filepath`` (PNG or SVG by extension, no timestamps).
    filepath : str or path, optional
        Where to save when ``save=True``.
    dpi : int
        Resolution of a saved raster file.

    Returns
    -------
    (matplotlib.figure.Figure, numpy.ndarray of matplotlib.axes.Axes)
        The figure and its panels.

    Notes
    -----
    Regions are ordered by number of ties (the focus first); a dashed line marks the
    median of the other regions; a hollow marker is a region with fewer ties than the
    comparison's ``min_ties`` (a noisy share).

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["Daegu", "Seoul"], "focal": [True, False], "few_ties": [False, True],
    ...                   "n_ties": [40, 10], "univ_share_betweenness": [0.7, 0.2]})
    >>> fig, axes = plot_region_comparison(t)
    >>> len(axes)
    1
    """
    cols = [c for c in (indicators or PANEL_TITLES) if c in comparison.columns]
    missing = [c for c in ("region", "focal", "few_ties", "n_ties") if c not in comparison.columns]
    if missing or not cols:
        raise PlotError(f"comparison lacks {missing or 'any share column'}; pass compare_regions(...) output")
    empty = [c for c in cols if not np.isfinite(comparison[c].to_numpy(dtype=float)).any()]
    if axes is None and len(empty) < len(cols):  # a panel no region has a value for is named, not drawn
        cols = [c for c in cols if c not in empty]
    t = comparison.sort_values(["focal", "n_ties"], ascending=[False, False], kind="stable")[::-1]
    y = np.arange(len(t))
    with mpl.rc_context(st.rc()):
        if axes is None:
            fig, axes = plt.subplots(1, len(cols), figsize=st.page_size(1.45 * len(cols) + 1.9, 0.22 * len(t) + 1.9),
                                     sharey=True, layout="constrained", squeeze=False)
            axes = axes[0]
        else:
            axes = np.asarray(axes)
            fig = axes[0].figure
        focal = t["focal"].to_numpy(dtype=bool)
        few = t["few_ties"].to_numpy(dtype=bool)
        for ax, col in zip(axes, cols, strict=True):
            v = t[col].to_numpy(dtype=float)
            colors = np.where(focal, FOCAL_COLOR, "#555555")
            ax.hlines(y, 0, v, color=np.where(focal, FOCAL_COLOR, "#cccccc"), lw=1.2)
            ax.scatter(v[~few], y[~few], c=colors[~few], s=22, zorder=3)
            ax.scatter(v[few], y[few], facecolors="white", edgecolors=colors[few], s=22, zorder=3)
            others = v[~focal & np.isfinite(v)]
            if len(others):
                ax.axvline(float(np.median(others)), color="#999999", ls="--", lw=0.8)
            top = float(np.nanmax(v)) if np.isfinite(v).any() else 1.0
            ax.set_xlim(0, 1.02 if top > 0.4 else max(top * 1.2, 0.01))
            ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]))
            ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            ax.set_title(PANEL_TITLES.get(col, col.replace("_", " ")), fontsize=8)
            ax.tick_params(axis="x", labelsize=7)
            ax.grid(axis="x", color="#eeeeee", lw=0.6)
        axes[0].set_yticks(y, t["region"].astype(str), **st.font_kwargs())
        for label, is_focal in zip(axes[0].get_yticklabels(), focal, strict=True):
            if is_focal:  # colour only: no weight is in both the Hangul font and DejaVu Sans
                label.set_color(FOCAL_COLOR)
        fig.suptitle(title or "The headline shares in every region", fontsize=10.5)
        note = "Dashed: median of the other regions. Hollow: fewer ties than the comparison's minimum (noisy)."
        dropped = [PANEL_TITLES.get(c, c).replace("\n", " ") for c in empty if c not in cols]
        if dropped:
            note += f" Not drawn (no region has a value): {'; '.join(dropped)}."
        st.add_credit(fig, f"{note} {credit}" if credit else note)
        st.legible_ticks(fig)  # narrow panels: fewer ticks where their labels would touch
    if save:
        st.finish_figure(fig, axes[0], save=True, filepath=filepath, dpi=dpi)
    if show:
        plt.show()
    return fig, axes


__all__ = ["PANEL_TITLES", "plot_region_comparison"]
