"""Survival of ties: time to a tie's first repeat (Kaplan–Meier, right-censored, by type pair)
and tie survival across windows (:func:`tie_survival`, :func:`survival_curve`).

A tie (dyad) is born in the first year its two actors file a joint patent.  Its *event* is
the first later year with another joint patent.  A tie that has not repeated by the end
of the data is *right-censored*: it was observed for ``end_year − first_year`` years only,
and may still repeat.  Counting it as "one-time" biases the one-time share up for ties born
late; the Kaplan–Meier estimator uses each tie only for the years it was observed.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from .persistence import _check_edges, dyad_persistence, type_pair


def time_to_repeat(edges: pd.DataFrame, actors: pd.DataFrame | None = None,
                   end_year: int | None = None) -> pd.DataFrame:
    """Each dyad's years until its first repeat, or until the end of the data (censored).

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table (``u, v, year, n_patents``).
    actors : pandas.DataFrame, optional
        Actor table; adds ``type_pair``.
    end_year : int, optional
        The last year the data could show a repeat in (default: the last year of
        ``edges``).  Pass the end of the period you extracted when later years are missing
        for another reason.

    Returns
    -------
    pandas.DataFrame
        ``u, v, first_year, years, repeated`` (``years``: to the first repeat when
        ``repeated``, else to ``end_year`` — a censored observation) and ``type_pair``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "c"], "v": ["b", "b", "d"], "year": [2010, 2013, 2015],
    ...                   "n_patents": [1, 1, 1]})
    >>> time_to_repeat(e, end_year=2016)[["u", "first_year", "years", "repeated"]]
       u  first_year  years  repeated
    0  a        2010      3      True
    1  c        2015      1     False
    """
    check_inputs(edges, actors, actors_optional=True)
    _check_edges(edges)
    end = int(edges["year"].max()) if end_year is None else int(end_year)
    if end < int(edges["year"].max()):
        raise NetworkInputError(f"end_year={end} is before the last year of the edges ({int(edges['year'].max())})")
    # the first and the second year of each dyad come from dyad_persistence (one computation)
    d = dyad_persistence(edges, actors)
    out = d[["u", "v", "first_year"]].assign(
        years=(d["second_year"].fillna(end) - d["first_year"]).astype(int), repeated=d["second_year"].notna())
    if actors is not None:
        out["type_pair"] = d["type_pair"]
    out.attrs["end_year"] = end
    return out


def _kaplan_meier(years: pd.Series, event: pd.Series, z: float) -> pd.DataFrame:
    """Kaplan–Meier estimate on a yearly timeline with Greenwood log(−log) bands."""
    timeline = np.arange(0, int(years.max()) + 1)
    d = pd.crosstab(years, event.astype(bool)).reindex(index=timeline, columns=[False, True], fill_value=0)
    repeated, censored = d[True].to_numpy(), d[False].to_numpy()
    at_risk = len(years) - np.concatenate([[0], np.cumsum(repeated + censored)[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard = np.where(at_risk > 0, repeated / at_risk, 0.0)
        surv = np.cumprod(1 - hazard)
        greenwood = np.cumsum(np.where(at_risk > repeated, repeated / (at_risk * (at_risk - repeated)), 0.0))
        # bands for log(-log S), back-transformed (Kalbfleisch & Prentice): stay inside [0, 1]
        half = z * np.sqrt(greenwood) / np.abs(np.log(surv))
        lower, upper = surv ** np.exp(half), surv ** np.exp(-half)
    defined = (surv > 0) & (surv < 1)
    return pd.DataFrame({
        "years": timeline, "n_at_risk": at_risk.astype(int), "n_repeated": repeated.astype(int),
        "n_censored": censored.astype(int), "survival": surv,
        "ci_lower": np.where(defined, lower, surv), "ci_upper": np.where(defined, upper, surv)})


def repeat_survival(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    contrast: tuple[str, str] | None = ("university", "sme"),
    end_year: int | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Kaplan–Meier share of ties not yet repeated, by years since their first joint patent.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table.
    actors : pandas.DataFrame
        Actor table (``applicant_id, actor_type``).
    contrast : (str, str) or None
        Two actor types whose ties form one group (default university–SME) against
        ``all other pairs``; when one is ``sme``, the same pair with firms of unknown size
        (``university–firm``) is a third group; ``None``: one curve per type pair.
    end_year : int, optional
        See :func:`time_to_repeat`.
    alpha : float
        The confidence bands cover ``1 − alpha``.

    Returns
    -------
    pandas.DataFrame
        One row per ``group`` and ``years`` (0, 1, … up to the longest observation):
        ``n_at_risk`` (ties observed that long and not yet repeated), ``n_repeated``,
        ``n_censored`` (ties whose observation ends that year without a repeat),
        ``survival`` (the estimated share not yet repeated after ``years``), ``ci_lower``,
        ``ci_upper``.  ``attrs``: ``end_year``, ``n_dyads`` and ``n_censored`` per group.

    Notes
    -----
    Kaplan–Meier (1958): :math:`\\hat S(t) = \\prod_{t_i \\le t} (1 - d_i / n_i)` with
    :math:`d_i` repeats among :math:`n_i` ties at risk in year :math:`t_i`; pointwise bands
    from Greenwood's variance on the log(−log) scale (Kalbfleisch & Prentice 2002), the
    default of ``lifelines`` and R's ``survival`` (``lifelines`` itself is not used: it pins
    pandas below 3); the tests check both against values worked by hand.  A tie
    that never repeats is censored at ``end_year``: the estimator assumes its chance of a
    repeat does not depend on when it was born (non-informative censoring).  Burt (2000)
    measures such decay by tie age, as here.

    References
    ----------
    Kaplan, E. L., Meier, P. (1958). Nonparametric estimation from incomplete observations.
    JASA 53, 457–481.  Burt, R. S. (2000). Decay functions. Social Networks 22, 1–28.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "c", "e"], "v": ["b", "b", "d", "f"],
    ...                   "year": [2010, 2012, 2010, 2013], "n_patents": [1, 1, 1, 1]})
    >>> act = pd.DataFrame({"applicant_id": list("abcdef"), "actor_type": ["university", "sme"] * 3})
    >>> s = repeat_survival(e, act, end_year=2014)
    >>> s[s.years <= 2][["group", "years", "n_at_risk", "n_repeated", "survival"]]
                group  years  n_at_risk  n_repeated  survival
    0  university–sme      0          3           0  1.000000
    1  university–sme      1          3           0  1.000000
    2  university–sme      2          2           1  0.500000
    """
    check_inputs(edges, actors)
    if not 0 < alpha < 1:
        raise NetworkInputError(f"alpha={alpha}; expected a number between 0 and 1")
    dyads = time_to_repeat(edges, actors, end_year)
    if contrast is None:
        dyads["group"] = dyads["type_pair"]
    else:
        pair = type_pair(pd.Series([contrast[0]]), pd.Series([contrast[1]])).iloc[0]
        dyads["group"] = np.where(dyads["type_pair"] == pair, pair, "all other pairs")
        if "sme" in contrast:  # the same pair with firms of unknown size: their own curve, neither SME nor other
            a, b = ("firm" if t == "sme" else t for t in contrast)
            unknown = type_pair(pd.Series([a]), pd.Series([b])).iloc[0]
            dyads["group"] = dyads["group"].mask(dyads["type_pair"] == unknown, unknown)
    z = float(NormalDist().inv_cdf(1 - alpha / 2))
    parts, n_dyads, n_censored = [], {}, {}
    for group, d in dyads.groupby("group", sort=True):
        parts.append(_kaplan_meier(d["years"], d["repeated"], z).assign(group=str(group)))
        n_dyads[str(group)], n_censored[str(group)] = len(d), int((~d["repeated"]).sum())
    out = pd.concat(parts, ignore_index=True)[
        ["group", "years", "n_at_risk", "n_repeated", "n_censored", "survival", "ci_lower", "ci_upper"]]
    out.attrs.update(end_year=dyads.attrs["end_year"], n_dyads=n_dyads, n_censored=n_censored)
    return out


def tie_survival(edges: pd.DataFrame, window: int = 1, max_lag: int = 5) -> pd.DataFrame:
    """Share of the dyads active in window *t* that are active again later.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table.
    window : int
        Window length in years; windows start at the first year of the data.
    max_lag : int
        Largest lag (in windows) to report.

    Returns
    -------
    pandas.DataFrame
        One row per (``window_start``, ``lag``) for which window *t + lag* lies inside the
        data: ``n_dyads`` active in *t*, ``n_active_at`` / ``share_active_at`` (active in
        window *t + lag*) and ``n_active_within`` / ``share_active_within`` (active in any
        of *t + 1 … t + lag*: the survival curve).  ``lag = 1`` is the table contract's
        "share active again in window t + 1".

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A", "A", "C", "C"], "v": ["B", "B", "D", "D"],
    ...     "year": [2010, 2011, 2010, 2012], "n_patents": [1, 1, 1, 1], "weight": [1.0] * 4})
    >>> tie_survival(e, window=1, max_lag=2)[["window_start", "lag", "n_dyads", "share_active_at",
    ...                                       "share_active_within"]]
       window_start  lag  n_dyads  share_active_at  share_active_within
    0          2010    1        2              0.5                  0.5
    1          2010    2        2              0.5                  1.0
    2          2011    1        1              0.0                  0.0
    """
    check_inputs(edges)
    _check_edges(edges)
    if not isinstance(window, (int, np.integer)) or window < 1:
        raise NetworkInputError(f"window={window!r}; expected a whole number of years >= 1")
    if max_lag < 1:
        raise NetworkInputError(f"max_lag={max_lag}; expected >= 1")
    first, last = int(edges["year"].min()), int(edges["year"].max())
    n_windows = (last - first) // window + 1
    act = pd.DataFrame({
        "dyad": pd.factorize(edges["u"].astype(str) + "\x00" + edges["v"].astype(str))[0],
        "w": (edges["year"].to_numpy() - first) // window,
    }).drop_duplicates().sort_values(["dyad", "w"], kind="stable")
    nxt = act.groupby("dyad")["w"].shift(-1)
    act["gap"] = (nxt - act["w"]).to_numpy()
    rows = []
    for lag in range(1, max_lag + 1):
        sub = act[act["w"] + lag < n_windows]
        if sub.empty:
            break
        later = act[["dyad", "w"]].assign(w=act["w"] - lag, hit=True)
        at = sub.merge(later, on=["dyad", "w"], how="left")["hit"].fillna(False).to_numpy(dtype=bool)
        within = (sub["gap"] <= lag).to_numpy()
        g = pd.DataFrame({"w": sub["w"].to_numpy(), "at": at, "within": within}).groupby("w")
        part = pd.DataFrame({"n_dyads": g.size(), "n_active_at": g["at"].sum(),
                             "n_active_within": g["within"].sum()}).reset_index()
        part["lag"] = lag
        rows.append(part)
    if not rows:
        raise NetworkInputError(
            f"the data span {first}–{last} holds a single window of {window} year(s); "
            "tie survival needs at least two windows"
        )
    out = pd.concat(rows, ignore_index=True)
    out["window_start"] = first + out["w"] * window
    out["window_end"] = out["window_start"] + window - 1
    out["share_active_at"] = out["n_active_at"] / out["n_dyads"]
    out["share_active_within"] = out["n_active_within"] / out["n_dyads"]
    out = out.sort_values(["window_start", "lag"]).reset_index(drop=True)
    return out[["window_start", "window_end", "lag", "n_dyads", "n_active_at", "share_active_at",
                "n_active_within", "share_active_within"]].astype(
        {"n_active_at": "int64", "n_active_within": "int64"})


def survival_curve(survival: pd.DataFrame) -> pd.DataFrame:
    """Pool :func:`tie_survival` over windows: share surviving within each lag.

    Parameters
    ----------
    survival : pandas.DataFrame
        :func:`tie_survival` output.

    Returns
    -------
    pandas.DataFrame
        ``lag, n_dyads, n_active_at, n_active_within, share_active_at, share_active_within``.

    Examples
    --------
    >>> s = pd.DataFrame({"lag": [1, 1], "n_dyads": [2, 2], "n_active_at": [1, 0],
    ...                   "n_active_within": [1, 0]})
    >>> survival_curve(s)[["lag", "share_active_within"]]
       lag  share_active_within
    0    1                 0.25
    """
    g = survival.groupby("lag", sort=True)
    out = pd.DataFrame({"n_dyads": g["n_dyads"].sum(), "n_active_at": g["n_active_at"].sum(),
                        "n_active_within": g["n_active_within"].sum()}).reset_index()
    out["share_active_at"] = out["n_active_at"] / out["n_dyads"]
    out["share_active_within"] = out["n_active_within"] / out["n_dyads"]
    return out


__all__ = ["repeat_survival", "survival_curve", "tie_survival", "time_to_repeat"]
