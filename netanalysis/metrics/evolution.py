"""Network size and composition over time (per year or window)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._errors import NetworkInputError
from ..schema import require_years


def network_by_period(edges: pd.DataFrame, actors: pd.DataFrame, focus_type: str = "university") -> pd.DataFrame:
    """Actors, ties and the share of ties involving ``focus_type``, per year (or window).

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year (or per-window) edge table from :func:`netanalysis.network.edges`.
    actors : pandas.DataFrame
        Actor table (``actor_type``).
    focus_type : str
        Actor type whose share of ties is reported.

    Returns
    -------
    pandas.DataFrame
        ``year, n_actors, n_ties, n_patents_weighted, share_ties_<focus>`` (ties with at
        least one end of that type) and ``share_ties_<focus>_<focus>`` (both ends).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "c"], "year": [2010, 2011, 2011],
    ...                   "n_patents": [1, 1, 1], "weight": [1.0, 1.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["university", "sme", "university"]})
    >>> network_by_period(e, act)[["year", "n_actors", "n_ties", "share_ties_university"]]
       year  n_actors  n_ties  share_ties_university
    0  2010         2       1                    1.0
    1  2011         3       2                    1.0
    """
    if edges.empty:
        raise NetworkInputError("the edge table is empty: nothing to follow over time")
    require_years(edges)
    t = actors.drop_duplicates("applicant_id").set_index("applicant_id")["actor_type"].astype(str)
    fu = edges["u"].map(t).eq(focus_type).to_numpy()
    fv = edges["v"].map(t).eq(focus_type).to_numpy()
    e = edges.assign(_any=fu | fv, _both=fu & fv)
    g = e.groupby("year", sort=True)
    ends = pd.concat([e[["year", "u"]].rename(columns={"u": "a"}), e[["year", "v"]].rename(columns={"v": "a"})])
    out = pd.DataFrame({
        "n_actors": ends.groupby("year")["a"].nunique(),
        "n_ties": g.size(),
        "n_patents_weighted": g["weight"].sum(),
        f"share_ties_{focus_type}": g["_any"].mean(),
        f"share_ties_{focus_type}_{focus_type}": g["_both"].mean(),
    }).reset_index()
    out["n_actors"] = out["n_actors"].astype(np.int64)
    return out
