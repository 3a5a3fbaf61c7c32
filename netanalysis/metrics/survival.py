"""Time to a tie's first repeat: Kaplan–Meier survival with right-censoring, by type pair.

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
