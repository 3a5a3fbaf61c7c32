"""Figures for brokerage roles by group and for the betweenness null model."""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .._errors import PlotError
from ..schema import BROKERAGE_ROLES
from . import _style as st

ROLE_COLORS = {"coordinator": "#0072B2", "itinerant": "#E69F00", "gatekeeper_representative": "#009E73",
               "liaison": "#CC79A7"}


def _label(group: str) -> str:
    return st.TYPE_LABELS.get(group, group.replace("_", " "))


@st.figure_doc
def plot_brokerage(
    summary: pd.DataFrame, value: str = "ratio", *, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Brokerage by Gould–Fernandez role and group: against its expectation, or raw counts.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`netanalysis.metrics.brokerage_by_group` output (``group``, ``n``,
        ``mean_<role>`` per role, ``share_of_total``, and ``ratio_<role>`` when the
        brokerage table had expectations).
    value : {"ratio", "mean"}
        ``ratio`` (default when present): each group's observed count over its expected
        count under random assignment of the groups — 1 is what chance gives, so the
        figure does not restate degree; ``mean``: mean raw count per actor.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Notes
    -----
    One point per role and group.  With ``ratio``: the group's open two-paths in that role
    over the count expected if the groups of each broker's partners were drawn at random
    (Gould & Fernandez 1989), joined to the dashed line at 1 (chance); no point means
    nothing was expected (a group in which no actor has two unlinked partners says "no open
    two-path" in its place).  With ``mean``: the mean raw count per actor, which grows with the
    square of degree.  Points, not bars: the axis is logarithmic when the values span a
    decade or more (a ratio of 4 and one of ¼ then lie as far from 1), and a bar has no
    length on a log axis; a value of 0 is then a hollow point at the bottom edge.  Under a
    decade the axis is linear from 0.  The label under each group gives its actors and its
    share of all brokerage.

    Examples
    --------
    >>> s = pd.DataFrame({"group": ["university", "sme"], "n": [2, 10], "mean_coordinator": [5.0, 0.5],
    ...     "mean_itinerant": [1.0, 0.0], "mean_gatekeeper_representative": [9.0, 0.2],
    ...     "mean_liaison": [3.0, 0.0], "share_of_total": [0.9, 0.1]})
    >>> fig, ax = plot_brokerage(s)
    >>> len(ax.patches), ax.get_yscale()
    (0, 'log')
    """
    if value not in ("ratio", "mean"):
        raise PlotError(f"value={value!r}; expected 'ratio' or 'mean'")
    if value == "ratio" and f"ratio_{BROKERAGE_ROLES[0]}" not in summary.columns:
        value = "mean"  # a table without expectations: raw counts
    cols = [f"{value}_{r}" for r in BROKERAGE_ROLES]
    missing = [c for c in ["group", "n", "share_of_total", *cols] if c not in summary.columns]
    if missing:
        raise PlotError(f"summary lacks column(s) {missing}; pass metrics.brokerage_by_group() output")
    s = summary.reset_index(drop=True)
    x = np.arange(len(s))
    width = 0.8 / len(BROKERAGE_ROLES)
    values = s[cols].to_numpy(float)
    positive = values[np.isfinite(values) & (values > 0)]
    ref = 1.0 if value == "ratio" else 0.0
    span = np.append(positive, ref) if value == "ratio" else positive
    log = bool(len(span) and span.min() > 0 and span.max() / span.min() >= 10)
    floor = float(span.min()) / 1.6 if log else 0.0  # where a 0 is drawn on a log axis
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.8, 3.9))
        zero_drawn = False
        for i, role in enumerate(BROKERAGE_ROLES):
            v = s[f"{value}_{role}"].to_numpy(float)
            xi = x + (i - 1.5) * width
            shown = np.isfinite(v)
            zero = shown & (v <= 0)
            y = np.where(zero, floor, v) if log else v
            color = ROLE_COLORS[role]
            if value == "ratio" or not log:  # a stem from chance (1) or from 0
                ax.vlines(xi[shown], ref, y[shown], color=color, lw=1.4)
            ax.scatter(xi[shown & ~zero] if log else xi[shown], y[shown & ~zero] if log else y[shown], s=30,
                       color=color, zorder=3, label=role.replace("_", " / "))
            if log and zero.any():
                ax.scatter(xi[zero], y[zero], s=30, facecolors="white", edgecolors=color, linewidths=1.2, zorder=3)
                zero_drawn = True
        if log:
            ax.set_yscale("log")
            top = float(span.max()) * 1.6
            ax.set_ylim(floor / 1.25, top)
            st.log_ticks(ax.yaxis, floor / 1.25, top)
        else:
            ax.set_ylim(0, max(float(span.max()) * 1.12 if len(span) else 1.0, 1.2 if value == "ratio" else 0.0))
        if value == "ratio":
            ax.axhline(1.0, color="#333333", lw=0.8, ls="--", zorder=1)
            # a group none of whose actors stands between two others has nothing expected in any role:
            # said in its place, not left as an empty column a reader takes for missing data
            for xg in x[~np.isfinite(values).any(axis=1)]:
                ax.text(xg, 0.5, "no open\ntwo-path", transform=ax.get_xaxis_transform(), ha="center",
                        va="center", fontsize=7, color="#555555", zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
        wrap = 12 if len(s) > 4 else 40  # many groups: names on two lines, so neighbours do not touch
        ax.set_xticks(x, [f"{textwrap.fill(_label(str(g)), wrap)}\nn={n:,} · {share:.0%}" for g, n, share in
                          zip(s["group"], s["n"], s["share_of_total"], strict=True)],
                      fontsize=8 if len(s) <= 5 else 7.5)
        ax.set_xlim(-0.6, len(s) - 0.4)
        ax.set_ylabel("observed / expected (random groups)" if value == "ratio"
                      else "mean open two-paths brokered per actor")
        handles, _ = ax.get_legend_handles_labels()
        if zero_drawn:
            handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor="#555555",
                                  label="0 (bottom edge, log axis)"))
        ax.legend(handles=handles, ncols=min(len(handles), 5 if zero_drawn else 4), loc="lower center",
                  bbox_to_anchor=(0.5, 1.0), fontsize=7.5, handlelength=1.0, columnspacing=1.0)
        ax.set_title(title or "Brokerage roles by actor type", pad=22)
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
    # undefined draws (no actor of the group with a tie) are left out, as in the p-values
    values = [v[np.isfinite(v)] for v in (np.asarray(draws[str(g)], float) for g in r[group])]
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.4, 0.55 * len(r) + 1.6))
        y = np.arange(len(r))
        sideways = ({"orientation": "horizontal"} if tuple(int(x) for x in mpl.__version__.split(".")[:2]) >= (3, 10)
                    else {"vert": False})
        observed = r["observed"].to_numpy(float)
        all_values = np.concatenate([*values, observed])
        positive = all_values[all_values > 0]
        log = bool(len(positive) and positive.max() / positive.min() > 100)
        zero = observed <= 0
        if log:  # a log axis has no 0: zeros are drawn at a floor at the left edge, and say so
            floor = positive.min() / 3
            values = [np.maximum(v, floor) for v in values]
            observed = np.maximum(observed, floor)
        ax.boxplot(values, positions=y, **sideways, whis=(5, 95), widths=0.5, showfliers=False,
                   patch_artist=True, boxprops={"facecolor": "#E8E8E8", "edgecolor": "#777777"},
                   medianprops={"color": "#555555"})
        colors = np.array([st.TYPE_COLORS.get(str(g), "#555555") for g in r[group]])
        shown = ~zero if log else np.ones(len(r), dtype=bool)
        ax.scatter(observed[shown], y[shown], marker="D", s=42, c=colors[shown], edgecolors="black", linewidths=0.5,
                   zorder=3, label="observed mean")
        if log and zero.any():
            ax.scatter(observed[zero], y[zero], marker="D", s=42, facecolors="white", edgecolors=colors[zero],
                       linewidths=1.2, zorder=3)
            for yi in y[zero]:
                ax.annotate("0", (observed[zero][0], yi), xytext=(-7, 0), textcoords="offset points",
                            ha="right", va="center", fontsize=7.5)
        if log:
            ax.set_xscale("log")
            lo, hi = ax.get_xlim()
            st.log_ticks(ax.xaxis, lo, hi)
        else:  # a linear axis of means (never negative) starts at 0
            hi = float(np.nanmax(all_values)) if np.isfinite(all_values).any() else 0.0
            ax.set_xlim(0, hi * 1.08 if hi > 0 else 1.0)
            ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(st.tick_number))
        st.pad_rows(ax, len(r), fewest=3)
        for yi, (_, row) in zip(y, r.iterrows(), strict=True):
            z = "z: no spread" if pd.isna(row["z"]) else f"z = {row['z']:.1f}"
            at_min = "p_min" in row and row["p_greater"] <= row["p_min"] * (1 + 1e-9)
            p = f"p = {row['p_greater']:.2g} (the minimum)" if at_min else f"p = {row['p_greater']:.3g}"
            ax.annotate(f"{z}, {p}", (1.0, yi), xycoords=("axes fraction", "data"),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5)
        ax.set_yticks(y, [f"{_label(str(g))} (n={k:,})" for g, k in zip(r[group], r["n_actors"], strict=True)])
        ax.set_xlabel("mean normalised betweenness")
        n = info.get("n", "?")
        handles = [Line2D([], [], marker="D", ls="", color="#BBBBBB", markeredgecolor="black",
                          markeredgewidth=0.5, label="observed mean (colour: actor type)")]
        if log and (zero.any() or any((np.asarray(draws[str(g)], float) <= 0).any() for g in r[group])):
            handles.append(Line2D([], [], marker="D", ls="", markerfacecolor="white", markeredgecolor="#555555",
                                  label="a mean of 0, drawn at the left edge (log axis)"))
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(handles),
                  frameon=False, fontsize=7.5)  # between the title and the axes: never over a box or a label
        ax.set_title(title or f"Betweenness against {n} degree-preserving rewirings", pad=20)
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)
