"""Drill-down: the patents behind a tie or an actor, and an actor's technology profile."""

from __future__ import annotations

import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError


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


__all__ = ["patents_between", "patents_of", "technology_profile"]
