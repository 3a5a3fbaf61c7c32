"""Figures for brokerage roles by group and for the betweenness null model."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .._errors import PlotError
from ..schema import BROKERAGE_ROLES
from . import _style as st

#: Log-axis tick labels as plain numbers (mathtext's 10^x would need a math font with U+2212).
_PLAIN = mpl.ticker.FuncFormatter(lambda v, _: f"{v:g}")
ROLE_COLORS = {"coordinator": "#0072B2", "itinerant": "#E69F00", "gatekeeper_representative": "#009E73",
               "liaison": "#CC79A7"}


def _label(group: str) -> str:
    return st.TYPE_LABELS.get(group, group.replace("_", " "))


@st.figure_doc
def plot_brokerage(
    summary: pd.DataFrame, *, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Mean brokerage per actor, by Gould–Fernandez role and group (log scale).

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`netanalysis.metrics.brokerage_by_group` output (``group``, ``n``,
        ``mean_<role>`` per role, ``share_of_total``).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Notes
    -----
    One bar per role and group: the mean number of open two-paths *a – b – c* an actor of
    the group sits in the middle of, by role.  The axis is logarithmic because the
    counts grow with the square of an actor's degree; the label under each group gives
    its actors and its share of all brokerage.  Raw counts restate degree in part: compare
    with the null model (:func:`plot_null_model`).

    Examples
    --------
    >>> s = pd.DataFrame({"group": ["university", "sme"], "n": [2, 10], "mean_coordinator": [5.0, 0.5],
    ...     "mean_itinerant": [1.0, 0.0], "mean_gatekeeper_representative": [9.0, 0.2],
    ...     "mean_liaison": [3.0, 0.0], "share_of_total": [0.9, 0.1]})
    >>> fig, ax = plot_brokerage(s)
    >>> len(ax.patches)
    8
    """
    cols = [f"mean_{r}" for r in BROKERAGE_ROLES]
    missing = [c for c in ["group", "n", "share_of_total", *cols] if c not in summary.columns]
    if missing:
        raise PlotError(f"summary lacks column(s) {missing}; pass metrics.brokerage_by_group() output")
    s = summary.reset_index(drop=True)
    x = np.arange(len(s))
    width = 0.8 / len(BROKERAGE_ROLES)
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.8, 3.9))
        positive = s[cols].to_numpy(float)
        floor = positive[positive > 0].min() / 2 if (positive > 0).any() else 0.1
        for i, role in enumerate(BROKERAGE_ROLES):
            ax.bar(x + (i - 1.5) * width, s[f"mean_{role}"].clip(lower=floor), width, bottom=0,
                   color=ROLE_COLORS[role], label=role.replace("_", " / "))
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(_PLAIN)
        ax.set_ylim(bottom=floor)
        ax.set_xticks(x, [f"{_label(str(g))}\nn={n:,} · {share:.0%}" for g, n, share in
                          zip(s["group"], s["n"], s["share_of_total"], strict=True)], fontsize=8)
        ax.set_ylabel("mean open two-paths brokered per actor")
        ax.legend(ncols=2, loc="upper right", title="Gould–Fernandez role", title_fontsize=8)
        ax.set_title(title or "Brokerage roles by actor type")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_null_model(
    result: pd.DataFrame, group: str = "actor_type", *, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Observed mean betweenness per group against its null distribution, with z and p.

    Parameters
    ----------
    result : pandas.DataFrame
        :func:`netanalysis.metrics.betweenness_null_model` output, with its
        ``attrs["null_model"]["draws"]`` (the null mean of each group in each randomisation).
    group : str
        The group column of ``result``.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Notes
    -----
    Each row is a group: the box and whiskers (5–95 %) show the null means over the
    randomised networks, the diamond the observed mean; the text gives ``z`` and the
    one-sided empirical ``p`` (never below ``1 / (n + 1)``; "no spread" when the null is
    constant).  The x-axis is logarithmic when the groups differ by orders of magnitude.

    Examples
    --------
    >>> import igraph as ig
    >>> from netanalysis.metrics import betweenness_null_model
    >>> g = ig.Graph.Famous("Zachary")
    >>> g.vs["actor_type"] = ["university" if d > 8 else "sme" for d in g.degree()]
    >>> fig, ax = plot_null_model(betweenness_null_model(g, n=20, seed=1))
    """
    info = result.attrs.get("null_model", {})
    draws = info.get("draws")
    if not draws:
        raise PlotError("result lacks the null draws (attrs['null_model']['draws']); "
                        "pass metrics.betweenness_null_model() output as returned")
    if group not in result.columns:
        raise PlotError(f"result lacks column {group!r}")
    r = result.reset_index(drop=True)[::-1]
    values = [np.asarray(draws[str(g)], float) for g in r[group]]
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.4, 0.55 * len(r) + 1.6))
        y = np.arange(len(r))
        sideways = ({"orientation": "horizontal"} if tuple(int(x) for x in mpl.__version__.split(".")[:2]) >= (3, 10)
                    else {"vert": False})
        ax.boxplot(values, positions=y, **sideways, whis=(5, 95), widths=0.5, showfliers=False,
                   patch_artist=True, boxprops={"facecolor": "#E8E8E8", "edgecolor": "#777777"},
                   medianprops={"color": "#555555"})
        colors = [st.TYPE_COLORS.get(str(g), "#555555") for g in r[group]]
        ax.scatter(r["observed"], y, marker="D", s=42, c=colors, edgecolors="black", linewidths=0.5, zorder=3,
                   label="observed mean")
        all_values = np.concatenate([*values, r["observed"].to_numpy(float)])
        positive = all_values[all_values > 0]
        if len(positive) and positive.max() / positive.min() > 100:
            ax.set_xscale("log")
            ax.xaxis.set_major_formatter(_PLAIN)
        for yi, (_, row) in zip(y, r.iterrows(), strict=True):
            z = "z: no spread" if pd.isna(row["z"]) else f"z = {row['z']:.1f}"
            at_min = "p_min" in row and row["p_greater"] <= row["p_min"] * (1 + 1e-9)
            p = f"p = {row['p_greater']:.2g} (the minimum)" if at_min else f"p = {row['p_greater']:.3g}"
            ax.annotate(f"{z}, {p}", (1.0, yi), xycoords=("axes fraction", "data"),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5)
        ax.set_yticks(y, [f"{_label(str(g))} (n={k:,})" for g, k in zip(r[group], r["n_actors"], strict=True)])
        ax.set_xlabel("mean normalised betweenness")
        n = info.get("n", "?")
        ax.legend(handles=[Line2D([], [], marker="D", ls="", color="#BBBBBB", markeredgecolor="black",
                                  markeredgewidth=0.5, label="observed mean (colour: actor type)")],
                  loc="lower right")
        ax.set_title(title or f"Betweenness against {n} degree-preserving rewirings")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)
