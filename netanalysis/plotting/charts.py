"""Charts of metric tables: rankings, persistence, survival, mixing, openness, time."""

from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .._errors import PlotError
from ..regions import parse_region_codes, within
from ..schema import ACTOR_TYPES, OPENNESS_CATEGORIES, require_columns
from . import _style as st


def _need(df: pd.DataFrame, cols: list[str], what: str) -> None:
    require_columns(df, cols, what, error=PlotError, hint="pass the metric's own output table",
                    nonempty=True)


#: A bar shorter than this share of the longest cannot be seen: the ranking then writes every bar's value.
TINY_BAR = 0.02


@st.figure_doc
def plot_centrality_ranking(
    metrics: pd.DataFrame, value: str = "betweenness", k: int = 20, *, focal_region=None,
    title: str | None = None, credit: str | None = None, ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Horizontal bars of the ``k`` actors with the highest ``value``, coloured by type.

    Parameters
    ----------
    metrics : pandas.DataFrame
        Per-actor table (``applicant_id``, ``value``, ``actor_type``, ``label``).
    value : str
        Metric column to rank by.
    k : int
        How many actors to show.
    focal_region : str or iterable of str, optional
        Mark actors located outside these regions (hatched bars, a legend entry): a ranking
        of a network that includes outside partners says which actors are not the focus's.
        Needs a ``region`` column.

    Notes
    -----
    Actors with a score of 0 are left out (unless every one has 0). Where a bar is shorter than
    ``TINY_BAR`` (2 %) of the longest — one hub and many actors that bridge little — each bar's value
    is written at its end, to two significant digits.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"applicant_id": list("abc"), "betweenness": [0.5, 0.2, 0.1],
    ...                   "actor_type": ["university", "sme", "sme"]})
    >>> fig, ax = plot_centrality_ranking(t, k=2)
    >>> len(ax.patches)
    2
    """
    _need(metrics, ["applicant_id", value, "actor_type"], "metrics")
    top = metrics.sort_values([value, "applicant_id"], ascending=[False, True], kind="stable").head(k)[::-1]
    if (top[value] > 0).any():  # a bar of length 0 ranks nobody: leave actors with a score of 0 out
        top = top[top[value] > 0]
    raw = top["label"] if "label" in top else top["applicant_id"]
    # long legal names (PATSTAT's "… IN ABBREVIATED FORM SIAD") would squeeze the bars to nothing
    labels = st.display_labels(raw.astype(str), top["applicant_id"].astype(str))
    labels = pd.Series(st.distinct_labels(labels.tolist(), 34), index=labels.index)  # bars keep most of the width
    colors = [st.TYPE_COLORS.get(str(t), "#999") for t in top["actor_type"]]
    outside = np.zeros(len(top), dtype=bool)
    if focal_region is not None:
        _need(metrics, ["region"], "metrics")
        outside = ~within(top["region"].fillna("").astype(str), parse_region_codes(focal_region)).to_numpy()
    scores = top[value].to_numpy(float)  # ascending from the bottom row
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.5, 0.22 * len(top) + 1.4))
        ax.barh(range(len(top)), top[value], color=colors)
        if outside.any():  # outside the focus: white bars with a hatch in the type's colour
            ax.barh(np.flatnonzero(outside), top[value].to_numpy()[outside], color="white",
                    edgecolor=np.array(colors)[outside], hatch="////", linewidth=0.8)
        ax.set_yticks(range(len(top)), labels, **st.font_kwargs())
        st.pad_rows(ax, len(top))
        ax.set_xlabel(f"{value} (normalised)" if value == "betweenness" else value)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(nbins=5))
        ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(st.tick_number))  # 2.5×10⁻⁴, not 0.00025
        if not (top[value] > 0).any():  # nothing to rank: an axis from 0, and say why the bars are empty
            ax.set_xlim(0, 1)
            ax.text(0.5, 0.5, f"every actor has a {value} of 0", transform=ax.transAxes, ha="center",
                    va="center", fontsize=8, color="#555555")
        else:
            ax.set_xlim(left=0)
            if scores.min() < TINY_BAR * scores.max():  # bars too short to see: each one's value at its end
                for y, v in enumerate(scores):
                    ax.text(v, y, " " + st.tick_number(float(f"{v:.2g}")), va="center", ha="left", fontsize=7,
                            color="#333333")
                ax.set_xlim(0, scores.max() * 1.15)  # (room for the longest bar's value)
        handles = st.type_handles(top["actor_type"].astype(str))
        if outside.any():
            handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="////",
                                 label="located outside the focal region"))
        bottom = scores[: len(handles) + 1]
        if len(top) >= len(handles) + 2 and bottom.max() <= 0.5 * max(scores.max(), 1e-300):
            # the short bars of the bottom rows leave room inside
            ax.legend(handles=handles, loc="lower right")
        else:  # too few bars: beside the axes, never over the bars or the title
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        ax.set_title(title or st.ranking_title(len(top), value))
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_type_summary(
    summary: pd.DataFrame, by: str = "actor_type", *, value_label: str = "mean betweenness",
    title: str | None = None, credit: str | None = None, ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Bars of a per-group summary (:func:`netanalysis.metrics.summarise_by`): mean with the
    median marked, and each group's share of the measure's total in the label ("Individual (n=287,
    85% of all degree)").

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`netanalysis.metrics.summarise_by` output.
    by : str
        The grouping column of ``summary``.
    value_label : str
        Axis label of the mean.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and the axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"actor_type": ["university", "sme"], "n": [2, 5], "mean": [0.4, 0.1],
    ...                   "median": [0.3, 0.0], "share_of_total": [0.6, 0.4]})
    >>> fig, ax = plot_type_summary(s)
    >>> len(ax.patches)
    2
    """
    _need(summary, [by, "mean", "median", "share_of_total", "n"], "summary")
    s = summary[::-1]
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.0, 0.35 * len(s) + 1.2))
        y = np.arange(len(s))
        ax.barh(y, s["mean"], color=[st.TYPE_COLORS.get(str(t), "#999") for t in s[by]])
        ax.plot(s["median"], y, "|", color="black", markersize=10, label="median")
        # whose total the share is of: the measure, without "mean" and its gloss ("85% of all degree")
        measure = re.sub(r"^mean\s+|\s*\(.*\)$", "", value_label)
        of = f"of all {measure}" if measure else "of the total"
        ax.set_yticks(y, [f"{st.TYPE_LABELS.get(str(t), t)} (n={n}, {sh:.0%} {of})"
                          for t, n, sh in zip(s[by], s["n"], s["share_of_total"], strict=True)])
        st.pad_rows(ax, len(s))
        ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(st.tick_number))  # 2×10⁻⁴, not 0.00020
        ax.set_xlabel(value_label)
        # the key beside the axes, never on a row (its tick read as some type's median)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, borderaxespad=0)
        ax.set_title(title or f"{value_label} by {by.replace('_', ' ')}")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_persistence(
    by_pair: pd.DataFrame, *, min_dyads: int = 10, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Stacked bars per actor-type pair: one-time, repeated (≥ 2 years), other multi-patent ties.

    Parameters
    ----------
    by_pair : pandas.DataFrame
        :func:`netanalysis.metrics.persistence_by_type_pair` output.  The bars are the
        shares over every tie (late ties had little time to repeat); when the table has the
        censoring-aware columns, each label adds the share of observable ties that repeated
        within ``observed_years`` and how many ties were observable.
    min_dyads : int
        Pairs with fewer dyads are left out (their shares are noise).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and the axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"type_pair": ["university–sme"], "n_dyads": [40], "share_one_time": [0.7],
    ...                   "share_repeated": [0.2]})
    >>> fig, ax = plot_persistence(p)
    """
    _need(by_pair, ["type_pair", "n_dyads", "share_one_time", "share_repeated"], "by_pair")
    d = by_pair[by_pair["n_dyads"] >= min_dyads].sort_values("share_one_time")
    if d.empty:
        raise PlotError(f"no type pair has >= {min_dyads} dyads; lower min_dyads")
    other = (1 - d["share_one_time"] - d["share_repeated"]).clip(lower=0)
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.8, 0.34 * len(d) + 1.4))
        y = np.arange(len(d))
        ax.barh(y, d["share_one_time"], color="#E69F00", label="one-time (1 patent)")
        ax.barh(y, other, left=d["share_one_time"], color="#DDDDDD", label="≥ 2 patents, 1 year")
        ax.barh(y, d["share_repeated"], left=d["share_one_time"] + other, color="#0072B2",
                label="repeated (≥ 2 years)")
        pretty = d["type_pair"].str.replace("_", " ")
        names = [f"{p} (n={n})" for p, n in zip(pretty, d["n_dyads"], strict=True)]
        if "share_repeat_within" in d:  # the censoring-aware share, over ties old enough to be seen repeating
            k = by_pair.attrs.get("observed_years", 3)
            names = [f"{nm}; repeat ≤ {k} y: {'–' if pd.isna(s) else f'{s:.0%}'} of {o}"
                     for nm, s, o in zip(names, d["share_repeat_within"], d["n_observable"], strict=True)]
        ax.set_yticks(y, names)
        st.pad_rows(ax, len(d))
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_xlabel("share of dyads")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=3, fontsize=7, handlelength=1.2,
                  columnspacing=0.8)
        ax.set_title(title or "Persistence of co-patenting ties by actor-type pair", pad=20, loc="right")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_survival(
    curve: pd.DataFrame, *, window: int = 1, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Tie reactivation across windows: share of the ties of window *t* active again within /
    exactly at each lag (a cumulative share: it rises with the lag).  For the share of ties
    not yet repeated, with right-censoring, see :func:`plot_repeat_survival`.

    ``curve`` is :func:`netanalysis.metrics.survival_curve` output (one row per lag).

    Parameters
    ----------
    curve : pandas.DataFrame
        :func:`netanalysis.metrics.survival_curve` output.
    window : int
        Window length in years (for the axis label).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and the axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"lag": [1, 2], "share_active_within": [0.2, 0.3], "share_active_at": [0.2, 0.15]})
    >>> fig, ax = plot_survival(c, window=2)
    """
    _need(curve, ["lag", "share_active_within", "share_active_at"], "curve")
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(5.5, 3.8))
        ax.plot(curve["lag"], curve["share_active_within"], "o-", color="#0072B2",
                label="active again within lag")
        ax.plot(curve["lag"], curve["share_active_at"], "s--", color="#E69F00", label="active exactly at lag")
        ax.set_ylim(0, max(0.05, float(curve[["share_active_within", "share_active_at"]].max().max()) * 1.15))
        ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_xticks(curve["lag"])
        ax.set_xlabel(f"lag (windows of {window} year{'s' if window > 1 else ''})")
        ax.set_ylabel("share of the ties of window t")
        ax.legend()
        ax.set_title(title or "Tie reactivation")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_repeat_survival(
    survival: pd.DataFrame, *, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Kaplan–Meier curves: share of ties not yet repeated, by years since the first joint patent.

    Parameters
    ----------
    survival : pandas.DataFrame
        :func:`netanalysis.metrics.repeat_survival` output (one curve per ``group``, with
        its confidence band); its ``attrs`` give the censored counts shown in the legend.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Notes
    -----
    Steps drop at each year in which ties repeat; the bands are pointwise (Greenwood,
    log(−log) scale).  A tie that has not repeated by the end of the data is censored: it
    counts only for the years it was observed, so late ties do not inflate "one-time".

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"group": ["university–sme"] * 3, "years": [0, 1, 2], "n_at_risk": [4, 4, 2],
    ...                   "survival": [1.0, 0.75, 0.75], "ci_lower": [1.0, 0.3, 0.3], "ci_upper": [1.0, 0.9, 0.9]})
    >>> fig, ax = plot_repeat_survival(s)
    >>> len(ax.lines)
    1
    """
    _need(survival, ["group", "years", "survival", "ci_lower", "ci_upper"], "survival")
    n_dyads = survival.attrs.get("n_dyads", {})
    n_censored = survival.attrs.get("n_censored", {})
    palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(5.8, 4.0))
        for i, (group, g) in enumerate(survival.groupby("group", sort=False)):
            color = palette[i % len(palette)]
            label = str(group)
            if group in n_dyads:
                label += f" ({n_dyads[group]:,} ties, {n_censored.get(group, 0):,} censored)"
            ax.step(g["years"], g["survival"], where="post", color=color, lw=1.6, label=label)
            ax.fill_between(g["years"], g["ci_lower"], g["ci_upper"], step="post", color=color, alpha=0.18, lw=0)
        ax.set_ylim(0, 1.02)
        ax.set_xlim(left=0)
        ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.set_xlabel("years since the first joint patent")
        ax.set_ylabel("share of ties not yet repeated")
        ax.legend(loc="best", title="Kaplan–Meier, 95% band", title_fontsize=8)  # away from the curves and bands
        ax.set_title(title or "Time to a tie's first repeat")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_mixing_heatmap(
    mixing: pd.DataFrame, value: str = "row_share_ties", *, title: str | None = None, credit: str | None = None,
    ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Heatmap of type mixing (:func:`netanalysis.metrics.type_mixing`), row shares annotated.

    Parameters
    ----------
    mixing : pandas.DataFrame
        :func:`netanalysis.metrics.type_mixing` output.
    value : str
        The share to colour by (``row_share_ties`` or ``row_share_weight``).

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and the axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"group_a": ["university", "university", "sme"],
    ...                   "group_b": ["university", "sme", "university"],
    ...                   "n_ties": [1, 4, 4], "row_share_ties": [0.2, 0.8, 1.0]})
    >>> fig, ax = plot_mixing_heatmap(m)
    """
    _need(mixing, ["group_a", "group_b", value, "n_ties"], "mixing")
    groups = [t for t in ACTOR_TYPES if t in set(mixing["group_a"])] + sorted(
        set(mixing["group_a"]) - set(ACTOR_TYPES))
    mat = mixing.pivot(index="group_a", columns="group_b", values=value).reindex(index=groups, columns=groups)
    cnt = mixing.pivot(index="group_a", columns="group_b", values="n_ties").reindex(index=groups, columns=groups)
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.4, 5.4))
        shares, counts = mat.to_numpy(dtype=float), cnt.to_numpy(dtype=float)
        # aspect "auto": a fixed aspect makes constrained layout drift the y label off the figure
        im = ax.imshow(np.nan_to_num(shares), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        for i in range(len(groups)):
            for j in range(len(groups)):
                v = shares[i, j]
                if not np.isnan(v):
                    ax.text(j, i, f"{v:.0%}\n({int(counts[i, j])})", ha="center", va="center", fontsize=6.5,
                            color="white" if v > 0.55 else "black")
        lab = [st.TYPE_LABELS.get(g, g) for g in groups]
        ax.set_xticks(range(len(groups)), lab, rotation=35, ha="right")
        ax.set_yticks(range(len(groups)), lab)
        ax.set_xlabel("partner type")
        ax.set_ylabel("actor type (row shares sum to 100%)")
        fig.colorbar(im, ax=ax, shrink=0.8, label="share of the row type's ties",
                     format=mpl.ticker.PercentFormatter(1.0))
        ax.set_title(title or "Who co-patents with whom")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_openness(
    openness: pd.DataFrame, *, scope: str = "all", highlight: str | None = None, measure: str = "share_ties",
    title: str | None = None, credit: str | None = None, ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Stacked bars of regional openness, one bar per focal region, side by side (one row per
    region, read across, when more than 16 regions would crowd a printed page).

    Parameters
    ----------
    openness : pandas.DataFrame
        :func:`netanalysis.metrics.openness_by_region` output (``focal`` column), or one
        :func:`~netanalysis.metrics.regional_openness` table.
    scope : {"all", "large"}
    highlight : str, optional
        A ``focal`` label to mark (e.g. the study region).
    measure : {"share_ties", "share_weight"}
        Shares by number of ties or by tie weight.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and the axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"focal": "A", "scope": "all", "category": ["internal", "abroad"],
    ...                   "share_ties": [0.6, 0.4]})
    >>> fig, ax = plot_openness(o)
    """
    _need(openness, ["scope", "category", measure], "openness")
    o = openness if "focal" in openness.columns else openness.assign(focal="focal region")
    o = o[o["scope"] == scope]
    wide = o.pivot(index="focal", columns="category", values=measure)
    wide = wide.reindex(columns=list(OPENNESS_CATEGORIES)).fillna(0)
    wide = wide.sort_values("internal", ascending=False)
    with mpl.rc_context(st.rc()):
        n = len(wide)
        across = n <= 16  # more regions than a double column holds upright: one row each, read across
        fig, ax = st.new_axes(ax, figsize=(max(5.0, 0.36 * n + 2.2), 4.2) if across else (6.8, 0.2 * n + 1.6))
        pos = np.arange(n) if across else np.arange(n)[::-1]  # across: the most internal on top
        start = np.zeros(n)
        for cat in OPENNESS_CATEGORIES:
            if across:
                ax.bar(pos, wide[cat], bottom=start, color=st.OPENNESS_COLORS[cat], width=0.8,
                       label=cat.replace("_", " "))
            else:
                ax.barh(pos, wide[cat], left=start, color=st.OPENNESS_COLORS[cat], height=0.8,
                        label=cat.replace("_", " "))
            start += wide[cat].to_numpy()
        share = (("share of ties" if measure == "share_ties" else "share of tie weight")
                 + "\nwith ≥ 1 end in the region")  # two lines: one is taller than a short figure
        value_axis = ax.yaxis if across else ax.xaxis
        if across:
            ax.set_xticks(pos, wide.index, rotation=45, ha="right")
            ax.set_ylim(0, 1.12)
            ax.set_ylabel(share)
        else:
            rows_pt = fig.get_size_inches()[1] * 72 * 0.8 / n  # points per row
            names = [f"{r} (focus)" if r == highlight else str(r) for r in wide.index]
            ax.set_yticks(pos, names, fontsize=min(8.0, 0.8 * rows_pt))
            for label, r in zip(ax.get_yticklabels(), wide.index, strict=True):
                if r == highlight:  # colour, not weight: no weight is in both the Hangul font and DejaVu Sans
                    label.set_color("#D55E00")
            ax.set_ylim(-0.6, n - 0.4)
            ax.set_xlim(0, 1.0)
            ax.set_xlabel(share.replace("\n", " "))
        if highlight is not None and highlight in wide.index:
            i = pos[list(wide.index).index(highlight)]
            # marked by the annotation, not a bold label: no weight is in both the Hangul font and DejaVu Sans
            if across:  # read across, the focus's row label says so (above)
                ax.annotate("focus", (i, 1.0), xytext=(i, 1.06), ha="center", fontsize=7,
                            arrowprops={"arrowstyle": "-", "lw": 0.6})
        value_axis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.legend(title="partner location", loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title or ("Regional openness" + (" — large collaborations" if scope == "large" else "")))
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)


@st.figure_doc
def plot_network_by_period(
    by_period: pd.DataFrame, focus_type: str = "university", *, title: str | None = None,
    credit: str | None = None, ax=None, show=False, save=False, filepath=None, dpi=300,
):
    """Network size (actors, ties) per year with the share of ties involving ``focus_type``.

    ``by_period`` is :func:`netanalysis.metrics.network_by_period` output.

    Parameters
    ----------
    by_period : pandas.DataFrame
        :func:`netanalysis.metrics.network_by_period` output.
    focus_type : str
        Actor type whose share of ties is drawn on the right axis.

    Other Parameters
    ----------------
    {figure_options}

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and the axes drawn on.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2010, 2011], "n_actors": [5, 8], "n_ties": [4, 9],
    ...                   "share_ties_university": [0.5, 0.6]})
    >>> fig, ax = plot_network_by_period(t)
    """
    share = f"share_ties_{focus_type}"
    _need(by_period, ["year", "n_actors", "n_ties", share], "by_period")
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.4, 3.8))
        ax.plot(by_period["year"], by_period["n_actors"], "o-", color="#009E73", label="actors")
        ax.plot(by_period["year"], by_period["n_ties"], "s-", color="#555555", label="ties")
        ax.set_xlabel("filing year")
        ax.set_ylabel("count")
        ax.set_ylim(bottom=0)  # counts start at 0
        ax2 = ax.twinx()
        ax2.plot(by_period["year"], by_period[share], "^--", color=st.TYPE_COLORS.get(focus_type, "#0072B2"),
                 label=f"share of ties with a {focus_type.replace('_', ' ')}")
        ax2.set_ylim(0, 1)
        ax2.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax2.spines["right"].set_visible(True)
        if "partial" in by_period and by_period["partial"].any():  # a last window shorter than the rest
            for x in by_period.loc[by_period["partial"], "year"]:
                ax.axvspan(x - 0.5, x + 0.5, color="#DDDDDD", alpha=0.6, lw=0, zorder=0,
                           label="partial window (cut at the end of the range)")
        h1, l1 = ax.get_legend_handles_labels()
        h2, l2 = ax2.get_legend_handles_labels()
        ax.legend(h1 + h2, l1 + l2, loc="upper left")
        ax.set_title(title or "Network size over time")
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)
