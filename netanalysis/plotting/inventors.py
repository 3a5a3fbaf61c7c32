"""Where the invention happens against where the owner sits: one row per region.

:func:`plot_invention_vs_ownership` draws :func:`netanalysis.metrics.inventor_regions.invention_vs_ownership`
as a dumbbell chart: for each region its patents invented there (by inventor address, REGPAT's
fractional count) and its patents owned there (by applicant), joined by a line, and beside them
the share of the region's inventions owned by applicants elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .._errors import PlotError
from ..regions import parse_region_codes, region_names, within
from ..schema import require_columns
from . import _style as st
from .comparison import FOCAL_COLOR

INVENTED_COLOR = "#0072B2"  # Okabe–Ito blue
OWNED_COLOR = "#CC79A7"     # Okabe–Ito reddish purple
_COLUMNS = ["region", "invented", "owned", "invented_owned_outside"]


def _label(code: str) -> str:
    name = region_names([code]).get(code, code)
    return code if name == code else f"{st.short_label(name, 24)} ({code})"


def _outside(x: float) -> str:
    return "invents none" if not np.isfinite(x) else f"{x:.0%} owned elsewhere"


@st.figure_doc
def plot_invention_vs_ownership(
    table: pd.DataFrame,
    ax=None,
    *,
    focus: str | Iterable[str] | None = None,
    k: int = 20,
    title: str | None = None,
    credit: str | None = None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Patents invented in each region against patents owned there, and the share owned elsewhere.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.metrics.inventor_regions.invention_vs_ownership` output (``region,
        invented, owned, invented_owned_outside``; ``owned_invented_outside`` used in the note
        when present).
    focus : str or iterable of str, optional
        Region code(s) to highlight (a region inside a focus code is highlighted too).
    k : int
        Regions drawn: the ``k`` with most patents invented or owned (the focus always among
        them); the unknown region is not drawn, its count is stated under the figure.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Raises
    ------
    PlotError
        A table without the columns above, or without a located region.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["ITC4", "ITI4", ""], "invented": [3.0, 1.0, 1.0],
    ...                   "owned": [2.0, 2.5, 0.5], "invented_owned_outside": [0.4, 0.0, np.nan]})
    >>> fig, ax = plot_invention_vs_ownership(t, focus="ITC4")
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'Lombardia (ITC4)'
    """
    require_columns(table, _COLUMNS, "table", error=PlotError,
                    hint="pass the table from metrics.inventor_regions.invention_vs_ownership()", nonempty=True)
    located = table[table["region"].astype(str) != ""].copy()
    if located.empty:
        raise PlotError("table: no region is located (every patent's inventors and owners are of unknown region); "
                        "nothing to draw")
    focal_codes = parse_region_codes(focus) if focus else []
    located["region"] = located["region"].astype(str)
    located["focal"] = within(located["region"], focal_codes) if focal_codes else False
    located["size"] = located[["invented", "owned"]].max(axis=1)
    ranked = located.sort_values(["focal", "size", "region"], ascending=[False, False, True], kind="stable")
    shown = ranked.head(max(int(k), int(located["focal"].sum()))).sort_values(
        ["size", "region"], ascending=[False, True], kind="stable").reset_index(drop=True)
    y = np.arange(len(shown))
    inv, own = shown["invented"].to_numpy(float), shown["owned"].to_numpy(float)
    focal = shown["focal"].to_numpy(bool)
    top = float(np.nanmax(np.r_[inv, own]))
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(7.2, 0.26 * len(shown) + 1.9))
        ax.hlines(y, np.minimum(inv, own), np.maximum(inv, own), color=np.where(focal, FOCAL_COLOR, "#BBBBBB"),
                  lw=1.6, zorder=1)
        ax.scatter(inv, y, s=30, c=INVENTED_COLOR, zorder=3, label="invented there (inventor address)")
        # a hollow diamond around the dot: a region inventing what it owns shows both marks
        ax.scatter(own, y, s=70, marker="D", facecolors="none", edgecolors=OWNED_COLOR, linewidths=1.4, zorder=4,
                   label="owned there (applicant address)")
        for yi, right, share in zip(y, np.maximum(inv, own), shown["invented_owned_outside"], strict=True):
            ax.text(right + 0.05 * top, yi, _outside(float(share)), va="center", ha="left", fontsize=6.5,
                    color="#444444")
        ax.set_xlim(-0.02 * top if top > 0 else 0, top * 1.42 if top > 0 else 1)  # a dot at 0 is not cut
        ax.set_yticks(y, [_label(c) for c in shown["region"]], **st.font_kwargs())
        ax.tick_params(axis="y", labelsize=7.5)
        for label, is_focal in zip(ax.get_yticklabels(), focal, strict=True):
            if is_focal:
                label.set_color(FOCAL_COLOR)
        st.pad_rows(ax, len(shown))
        ax.invert_yaxis()  # the largest on top
        ax.set_xlabel("patents (fractional counts: each patent 1, split over its inventors or its applicants)")
        ax.grid(axis="x", color="#EEEEEE", lw=0.6, zorder=0)
        handles = [Line2D([], [], marker="o", ls="", color=INVENTED_COLOR, markersize=6,
                          label="invented there (inventor address)"),
                   Line2D([], [], marker="D", ls="", markerfacecolor="none", markeredgecolor=OWNED_COLOR,
                          markeredgewidth=1.4, markersize=7, label="owned there (applicant address)")]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7.5)
        level = table.attrs.get("level")
        n_regions = len(located)
        what = f"{len(shown)} of {n_regions} regions" if len(shown) < n_regions else f"all {n_regions} regions"
        ax.set_title(title or f"Where the invention happens and where its owner sits ({what})", pad=22)
        unknown = table[table["region"].astype(str) == ""]
        note = [f"Regions{'' if level is None else f' at level {level}'}, largest first; "
                "'owned elsewhere': the share of the region's inventions whose applicants sit in another region."]
        if len(unknown):
            u = unknown.iloc[0]
            note.append(f"Not drawn: {float(u['invented']):.1f} patents invented and {float(u['owned']):.1f} owned "
                        "where the region is unknown.")
        text = " ".join(note)
        st.add_credit(fig, f"{text} {credit}" if credit else text)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


__all__ = ["plot_invention_vs_ownership"]
