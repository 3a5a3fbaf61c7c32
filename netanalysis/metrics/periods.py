"""Change between periods: which ties and actors are new, continued or dropped, and how
each actor's position moved; and the documents behind any tie or actor (drill-down)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from .centrality import centrality
from .persistence import type_pair


def _window(edges: pd.DataFrame, period: tuple[int, int]) -> pd.DataFrame:
    lo, hi = period
    if lo > hi:
        raise NetworkInputError(f"period {period}: the first year is after the last")
    e = edges[(edges["year"] >= lo) & (edges["year"] <= hi)]
    return e.groupby(["u", "v"], as_index=False).agg(n_patents=("n_patents", "sum"), weight=("weight", "sum"))


def compare_periods(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    periods: Sequence[tuple[int, int]] = ((2004, 2010), (2011, 2020)),
) -> dict[str, pd.DataFrame]:
    """Ties and actors new, continued and dropped between two periods, and position change.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table (``u, v, year, n_patents, weight``).
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``actor_type``; ``name`` if present).
    periods : two (first_year, last_year) pairs
        The earlier and the later period (inclusive).

    Returns
    -------
    dict of pandas.DataFrame
        ``ties``: one row per dyad active in either period with ``status`` (``new``,
        ``continued``, ``dropped``), ``type_pair`` and patents in each period;
        ``ties_by_type_pair``: counts of each status per type pair;
        ``actors``: per actor ``status`` and ``degree_1``, ``degree_2``,
        ``betweenness_1``, ``betweenness_2`` and their changes (normalised betweenness,
        computed in each period's own network).

    Notes
    -----
    A tie is *continued* when the dyad co-patents in both periods, *new* when only in the
    later, *dropped* when only in the earlier; likewise an actor by whether it has any tie.
    Betweenness is comparable across periods only as a share of each period's pairs
    (normalised), as the networks differ in size.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "c"], "year": [2005, 2012, 2006],
    ...                   "n_patents": [1, 1, 1], "weight": [1.0, 1.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["university", "sme", "sme"]})
    >>> r = compare_periods(e, act, [(2004, 2010), (2011, 2020)])
    >>> r["ties"][["u", "v", "status"]].values.tolist()
    [['a', 'b', 'dropped'], ['a', 'c', 'new'], ['b', 'c', 'dropped']]
    """
    check_inputs(edges, actors)
    if len(periods) != 2:
        raise NetworkInputError(f"periods={periods!r}: expected two (first_year, last_year) pairs")
    first, second = ((int(p[0]), int(p[1])) for p in periods)
    if edges["year"].isna().any():
        raise NetworkInputError("edges with a missing year; compare_periods needs every tie's year")
    e1, e2 = _window(edges, first), _window(edges, second)
    ties = e1.merge(e2, on=["u", "v"], how="outer", suffixes=("_1", "_2"))
    for c in ("n_patents_1", "n_patents_2", "weight_1", "weight_2"):
        ties[c] = ties[c].fillna(0)
    ties["n_patents_1"] = ties["n_patents_1"].astype(int)
    ties["n_patents_2"] = ties["n_patents_2"].astype(int)
    in1, in2 = ties["n_patents_1"] > 0, ties["n_patents_2"] > 0
    ties["status"] = pd.Series("continued", index=ties.index).mask(in1 & ~in2, "dropped").mask(~in1 & in2, "new")
    kind = actors.set_index("applicant_id")["actor_type"].astype(str)
    ties["type_pair"] = type_pair(ties["u"].map(kind).fillna("other"), ties["v"].map(kind).fillna("other"))
    ties = ties.sort_values(["u", "v"]).reset_index(drop=True)
    by_pair = ties.pivot_table(index="type_pair", columns="status", values="u", aggfunc="count", fill_value=0)
    by_pair = by_pair.reindex(columns=["continued", "new", "dropped"], fill_value=0).reset_index()
    by_pair.columns.name = None

    from ..network import to_igraph

    def position(e: pd.DataFrame, suffix: str) -> pd.DataFrame:
        if e.empty:
            return pd.DataFrame({"applicant_id": pd.Series(dtype=str), f"degree_{suffix}": pd.Series(dtype=int),
                                 f"betweenness_{suffix}": pd.Series(dtype=float)})
        c = centrality(to_igraph(e.assign(year=0)))
        return c[["applicant_id", "degree", "betweenness"]].rename(
            columns={"degree": f"degree_{suffix}", "betweenness": f"betweenness_{suffix}"})

    pos = position(e1, "1").merge(position(e2, "2"), on="applicant_id", how="outer")
    for c in ("degree_1", "degree_2"):
        pos[c] = pos[c].fillna(0).astype(int)
    for c in ("betweenness_1", "betweenness_2"):
        pos[c] = pos[c].fillna(0.0)
    pos["status"] = pd.Series("continued", index=pos.index).mask(pos["degree_2"] == 0, "dropped").mask(
        pos["degree_1"] == 0, "new")
    pos["degree_change"] = pos["degree_2"] - pos["degree_1"]
    pos["betweenness_change"] = pos["betweenness_2"] - pos["betweenness_1"]
    pos["actor_type"] = pos["applicant_id"].map(kind).fillna("other")
    if "name" in actors:
        pos.insert(1, "name", pos["applicant_id"].map(actors.set_index("applicant_id")["name"]))
    pos = pos.sort_values("applicant_id").reset_index(drop=True)
    out = {"ties": ties, "ties_by_type_pair": by_pair, "actors": pos}
    for v in out.values():
        v.attrs["periods"] = [first, second]
    return out


def mean_tie_year(edges: pd.DataFrame) -> pd.DataFrame:
    """Each actor's mean year of co-patenting, weighted by co-patents (for an overlay colouring).

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table (``u, v, year, n_patents``).

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, mean_year, first_year, last_year``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2004, 2010], "n_patents": [1, 3]})
    >>> mean_tie_year(e).set_index("applicant_id")["mean_year"].to_dict()
    {'a': 2008.5, 'b': 2004.0, 'c': 2010.0}
    """
    check_inputs(edges)
    both = pd.concat([edges[["u", "year", "n_patents"]].rename(columns={"u": "applicant_id"}),
                      edges[["v", "year", "n_patents"]].rename(columns={"v": "applicant_id"})])
    both["wy"] = both["year"] * both["n_patents"]
    g = both.groupby("applicant_id")
    out = pd.DataFrame({"mean_year": g["wy"].sum() / g["n_patents"].sum(), "first_year": g["year"].min(),
                        "last_year": g["year"].max()})
    return out.reset_index()


__all__ = ["compare_periods", "mean_tie_year"]
