"""Network size and composition over time (per year or window)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._contracts import check_inputs
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
        least one end of that type) and ``share_ties_<focus>_<focus>`` (both ends).  Every
        year (or window) of the range is a row, those without ties too (counts 0, shares
        missing); for windowed edges, ``window_end`` and ``partial`` (the last window, cut
        at the end of the range, is shorter than the others) are added.

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
    check_inputs(edges, actors)
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
    info = edges.attrs.get("netanalysis", {})
    span = info.get("years") or [int(edges["year"].min()), int(edges["year"].max())]
    step = int(info.get("window") or 1)
    every = pd.Index(range(int(span[0]), int(span[1]) + 1, step), name="year")
    out = out.set_index("year").reindex(every.union(pd.Index(out["year"]))).reset_index()
    for col in ("n_actors", "n_ties"):
        out[col] = out[col].fillna(0).astype(np.int64)
    out["n_patents_weighted"] = out["n_patents_weighted"].fillna(0.0)
    if "window_end" in edges.columns:
        out["window_end"] = np.minimum(out["year"] + step - 1, int(span[1]))
        out["partial"] = (out["window_end"] - out["year"] + 1) < step
    return out
