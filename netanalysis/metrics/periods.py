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


def technology_profile(applications: pd.DataFrame, level: str = "subclass", share: bool = False) -> pd.DataFrame:
    """Actor × IPC table: each actor's patents by technology (its technological profile).

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table with ``patent_id, applicant_id, ipc`` (every code of a patent,
        ``"; "``-joined, as the readers keep them).
    level : {"section", "class", "subclass", "group"}
        IPC level: ``H``, ``H01``, ``H01L`` or the main group ``H01L23``.
    share : bool
        Rows as shares of the actor's code assignments (a profile) instead of counts.

    Returns
    -------
    pandas.DataFrame
        Index ``applicant_id``, one column per IPC code at ``level``: the number of the
        actor's patents carrying that code (a patent with codes in two classes counts in
        both); patents without a valid code are left out (``attrs["patents_without_ipc"]``).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p3"], "applicant_id": ["a", "b", "a", "a"],
    ...                      "year": 2010, "ipc": ["H01L 23/00; H01L 21/02", "H01L 23/00; H01L 21/02", "A61K 9/00",
    ...                                            "H01M 4/00; A61K 9/10"]})
    >>> technology_profile(apps, level="class").to_dict("index")
    {'a': {'A61': 2, 'H01': 2}, 'b': {'A61': 0, 'H01': 1}}
    """
    check_inputs(applications=applications)
    from ..network.layers import IPC_LEVELS, layer_items

    if level not in IPC_LEVELS:
        raise NetworkInputError(f"level={level!r}; expected one of {tuple(IPC_LEVELS)}")
    if "ipc" not in applications:
        raise NetworkInputError("applications lack an 'ipc' column; map one with --columns ipc=COL")
    a = applications.drop_duplicates(["patent_id", "applicant_id"])
    with_year = a if "year" in a else a.assign(year=0)
    codes = layer_items(with_year, "ipc", level).rename(columns={"applicant_id": "code"})
    pairs = a[["patent_id", "applicant_id"]].merge(codes[["patent_id", "code"]], on="patent_id")
    table = pd.crosstab(pairs["applicant_id"], pairs["code"])
    table.columns.name = None
    table.index.name = "applicant_id"
    if share:
        table = table.div(table.sum(axis=1), axis=0)
    table.attrs["patents_without_ipc"] = int(codes.attrs["patents_without"])
    table.attrs["level"] = level
    return table


def _documents(apps: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    docs = apps[apps["patent_id"].isin(ids)]
    cols = [c for c in ("patent_id", "year", "title") if c in docs]
    who = (docs[["patent_id", "applicant_id"]].astype(str).drop_duplicates().sort_values(["patent_id", "applicant_id"])
           .groupby("patent_id")["applicant_id"].agg("; ".join))
    out = docs[cols].drop_duplicates("patent_id").set_index("patent_id").join(who.rename("applicants"))
    return out.reset_index().sort_values(["year", "patent_id"] if "year" in out else ["patent_id"]).reset_index(
        drop=True)


def patents_between(applications: pd.DataFrame, u: str, v: str) -> pd.DataFrame:
    """The patents behind a tie: every application on which ``u`` and ``v`` are both applicants.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table (``patent_id, year, applicant_id``; ``title`` if present).
    u, v : str
        Applicant ids.

    Returns
    -------
    pandas.DataFrame
        ``patent_id, year, title, applicants`` (all applicants, ``; ``-joined), by year.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p2"], "year": [2005, 2005, 2009, 2009, 2009],
    ...                      "applicant_id": ["a", "b", "a", "b", "c"], "title": ["x", "x", "y", "y", "y"]})
    >>> patents_between(apps, "a", "b")[["patent_id", "applicants"]].values.tolist()
    [['p1', 'a; b'], ['p2', 'a; b; c']]
    """
    check_inputs(applications=applications)
    of = applications.groupby("applicant_id")["patent_id"]
    ids = pd.Index(of.get_group(u)).intersection(of.get_group(v)) if {u, v} <= set(of.groups) else pd.Index([])
    return _documents(applications, ids)


def patents_of(applications: pd.DataFrame, actor: str) -> pd.DataFrame:
    """The patents behind an actor: every application it is an applicant of.

    Parameters
    ----------
    applications : pandas.DataFrame
    actor : str
        Applicant id.

    Returns
    -------
    pandas.DataFrame
        ``patent_id, year, title, applicants``, by year.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "year": [2005, 2005, 2009],
    ...                      "applicant_id": ["a", "b", "a"]})
    >>> patents_of(apps, "a")["patent_id"].tolist()
    ['p1', 'p2']
    """
    check_inputs(applications=applications)
    ids = pd.Index(applications.loc[applications["applicant_id"] == actor, "patent_id"].unique())
    return _documents(applications, ids)


__all__ = ["compare_periods", "mean_tie_year", "patents_between", "patents_of", "technology_profile"]
