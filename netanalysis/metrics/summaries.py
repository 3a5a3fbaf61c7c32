"""Summaries of per-actor metrics by actor type, region or any actor attribute."""

from __future__ import annotations

import pandas as pd

from .._errors import NetworkInputError


def summarise_by(
    table: pd.DataFrame,
    by: str = "actor_type",
    value: str = "betweenness",
    top_k: int = 3,
    label: str = "label",
) -> pd.DataFrame:
    """Mean, median, maximum, total and share of the total of a metric per group.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per actor (e.g. :func:`netanalysis.metrics.centrality`), with ``by`` and
        ``value`` columns.
    by : str
        Grouping column (``actor_type``, ``region``, ``macro_region`` …).
    value : str
        Metric column.
    top_k : int
        How many top actors per group to name in ``top``.
    label : str
        Column naming actors in ``top`` (falls back to ``applicant_id``).

    Returns
    -------
    pandas.DataFrame
        ``<by>, n, mean, median, max, total, share_of_total, top`` sorted by ``mean``
        (descending).  ``share_of_total`` sums to 1 over groups (0 when the total is 0).

    Examples
    --------
    >>> t = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["u", "u", "s", "s"],
    ...                   "betweenness": [0.6, 0.2, 0.2, 0.0]})
    >>> summarise_by(t, top_k=1)[["actor_type", "n", "mean", "share_of_total", "top"]]
      actor_type  n  mean  share_of_total top
    0          u  2   0.4             0.8   a
    1          s  2   0.1             0.2   c
    """
    for col in (by, value):
        if col not in table.columns:
            raise NetworkInputError(f"column {col!r} is not in the table; columns: {list(table.columns)}")
    name = label if label in table.columns else "applicant_id"
    t = table[[by, value, name]].copy()
    t[by] = t[by].astype(str)
    g = t.groupby(by, sort=False)[value]
    out = pd.DataFrame({"n": g.size(), "mean": g.mean(), "median": g.median(), "max": g.max(),
                        "total": g.sum()})
    total = out["total"].sum()
    out["share_of_total"] = out["total"] / total if total > 0 else 0.0
    ranked = t.sort_values([value, name], ascending=[False, True], kind="stable")
    out["top"] = ranked.groupby(by, sort=False)[name].agg(lambda s: "; ".join(map(str, s[:top_k])))
    out = out.reset_index().sort_values(["mean", by], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def top_actors(table: pd.DataFrame, value: str = "betweenness", k: int = 10,
               by: str | None = None) -> pd.DataFrame:
    """The ``k`` actors with the highest ``value`` (per group of ``by`` if given).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per actor.
    value : str
        Metric column.
    k : int
        How many actors (per group).
    by : str, optional
        Grouping column.

    Returns
    -------
    pandas.DataFrame
        The top rows, highest first (ties by ``applicant_id``).

    Examples
    --------
    >>> t = pd.DataFrame({"applicant_id": list("abc"), "betweenness": [0.1, 0.5, 0.3]})
    >>> top_actors(t, k=2)["applicant_id"].tolist()
    ['b', 'c']
    """
    if value not in table.columns:
        raise NetworkInputError(f"column {value!r} is not in the table")
    if k < 1:
        raise NetworkInputError(f"k={k}; expected k >= 1")
    t = table.sort_values([value, "applicant_id"], ascending=[False, True], kind="stable")
    if by is None:
        return t.head(k).reset_index(drop=True)
    return t.groupby(by, sort=False, observed=True).head(k).reset_index(drop=True)
