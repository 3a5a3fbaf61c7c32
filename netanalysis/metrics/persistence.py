"""Collaboration persistence per dyad, type pair and actor (survival of ties: :mod:`.survival`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..schema import ACTOR_TYPES, require_columns, require_years

_ORDER = {t: i for i, t in enumerate(ACTOR_TYPES)}


def _check_edges(edges: pd.DataFrame) -> None:
    require_columns(edges, ("u", "v", "year", "n_patents"), "edges",
                    hint="persistence needs the per-year edge table from "
                    "network.edges_from_applications() (not a collapsed one)")
    if edges.empty:
        raise NetworkInputError("the edge table is empty: no co-patenting ties to measure")
    require_years(edges)


def type_pair(a: pd.Series, b: pd.Series) -> pd.Series:
    """Unordered type pair label such as ``university–sme`` (fixed type order).

    Parameters
    ----------
    a, b : pandas.Series of str
        The actor types of the two ends.

    Returns
    -------
    pandas.Series of str
        ``type–type`` in the fixed order of :data:`netanalysis.schema.ACTOR_TYPES`.

    Examples
    --------
    >>> type_pair(pd.Series(["sme", "university"]), pd.Series(["university", "university"])).tolist()
    ['university–sme', 'university–university']
    """
    a, b = a.astype(str), b.astype(str)
    first = a.map(_ORDER).fillna(99).to_numpy() <= b.map(_ORDER).fillna(99).to_numpy()
    return pd.Series(np.where(first, a + "–" + b, b + "–" + a), index=a.index)


def dyad_persistence(edges: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Persistence of every dyad over the years it co-patents.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table (:func:`netanalysis.network.edges`).
    actors : pandas.DataFrame, optional
        Actor table; adds ``type_u``, ``type_v``, ``type_pair``, ``region_u``, ``region_v``.

    Returns
    -------
    pandas.DataFrame
        ``u, v, n_patents, n_active_years, first_year, second_year, last_year, span,
        one_time, repeated`` (+ types); ``second_year`` is the first later year with a
        joint patent (missing for a dyad active in one year only).
        ``span = last − first + 1``; ``one_time = n_patents == 1``;
        ``repeated = n_active_years >= 2``.  A dyad with two joint patents in one year is
        neither one-time nor repeated.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A", "A", "A"], "v": ["B", "B", "C"], "year": [2010, 2013, 2011],
    ...                   "n_patents": [1, 1, 1], "weight": [1.0] * 3})
    >>> dyad_persistence(e)[["u", "v", "n_patents", "span", "one_time", "repeated"]]
       u  v  n_patents  span  one_time  repeated
    0  A  B          2     4     False      True
    1  A  C          1     1      True     False
    """
    check_inputs(edges, actors, actors_optional=True)
    _check_edges(edges)
    g = edges.groupby(["u", "v"], sort=True)
    out = pd.DataFrame({
        "n_patents": g["n_patents"].sum(),
        "n_active_years": g["year"].nunique(),
        "first_year": g["year"].min(),
        "last_year": g["year"].max(),
    }).reset_index()
    years = edges[["u", "v", "year"]].drop_duplicates().sort_values(["u", "v", "year"], kind="stable")
    second = years[years.groupby(["u", "v"]).cumcount() == 1].set_index(["u", "v"])["year"]
    out["second_year"] = second.reindex(pd.MultiIndex.from_frame(out[["u", "v"]])).to_numpy()
    out["span"] = out["last_year"] - out["first_year"] + 1
    out["one_time"] = out["n_patents"] == 1
    out["repeated"] = out["n_active_years"] >= 2
    if actors is not None:
        a = actors.drop_duplicates("applicant_id").set_index("applicant_id")
        for end in ("u", "v"):
            out[f"type_{end}"] = out[end].map(a["actor_type"].astype(str)).fillna("other")
            if "region" in a:
                out[f"region_{end}"] = out[end].map(a["region"]).fillna("")
        out["type_pair"] = type_pair(out["type_u"], out["type_v"])
    return out


def persistence_by_type_pair(dyads: pd.DataFrame, observed_years: int = 3,
                             end_year: int | None = None) -> pd.DataFrame:
    """Share of one-time and repeated ties and median span per actor-type pair.

    Parameters
    ----------
    dyads : pandas.DataFrame
        :func:`dyad_persistence` output with actors given (needs ``type_pair``).
    observed_years : int
        The censoring-aware shares use only ties first seen at least this many years
        before ``end_year`` (default 3), so every tie counted had the same chance to repeat.
    end_year : int, optional
        The last year of the data (default: the latest ``last_year`` of ``dyads``).

    Returns
    -------
    pandas.DataFrame
        ``type_pair, n_dyads, n_patents, share_one_time, share_repeated, median_span``
        (over every tie: ties born late had little time to repeat, so these shares lean
        towards one-time), and ``n_observable`` (ties first seen by ``end_year −
        observed_years``), ``n_censored`` (the rest, left out of the next share) and
        ``share_repeat_within`` (share of observable ties with a second joint year within
        ``observed_years`` years of the first); largest pairs first.

    Notes
    -----
    Right-censoring: a tie first seen in year *t* can only be seen to repeat in
    *t + 1 … end_year*.  Restricting to ties with *t ≤ end_year − k* and counting repeats
    within *k* years gives every tie the same observation window (see also
    :func:`netanalysis.metrics.repeat_survival`, which uses every tie).

    Examples
    --------
    >>> d = pd.DataFrame({"type_pair": ["university–sme"] * 4, "n_patents": [1, 1, 1, 3],
    ...     "one_time": [True, True, True, False], "repeated": [False, False, False, True],
    ...     "span": [1, 1, 1, 5]})
    >>> persistence_by_type_pair(d)[["type_pair", "n_dyads", "share_one_time", "median_span"]]
            type_pair  n_dyads  share_one_time  median_span
    0  university–sme        4            0.75          1.0
    """
    if "type_pair" not in dyads.columns:
        raise NetworkInputError("dyads lack 'type_pair'; call dyad_persistence(edges, actors)")
    if observed_years < 1:
        raise NetworkInputError(f"observed_years={observed_years}; expected a whole number of years >= 1")
    g = dyads.groupby("type_pair", sort=True)
    out = pd.DataFrame({
        "n_dyads": g.size(),
        "n_patents": g["n_patents"].sum(),
        "share_one_time": g["one_time"].mean(),
        "share_repeated": g["repeated"].mean(),
        "median_span": g["span"].median().astype(float),
    })
    if {"first_year", "second_year"} <= set(dyads.columns):
        end = int(dyads["last_year"].max()) if end_year is None else int(end_year)
        observable = dyads["first_year"] <= end - observed_years
        soon = (dyads["second_year"] - dyads["first_year"]) <= observed_years  # NaN (no repeat): False
        h = dyads.assign(_obs=observable, _soon=soon & observable).groupby("type_pair", sort=True)
        out["n_observable"] = h["_obs"].sum().astype("int64")
        out["n_censored"] = out["n_dyads"] - out["n_observable"]
        out["share_repeat_within"] = (h["_soon"].sum() / out["n_observable"]).where(out["n_observable"] > 0)
        out.attrs.update(end_year=end, observed_years=observed_years)
    out = out.reset_index()
    return out.sort_values(["n_dyads", "type_pair"], ascending=[False, True], kind="stable").reset_index(drop=True)


def persistence_by_actor(dyads: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per actor: partners, partners worked with in ≥ 2 years, and their share.

    Parameters
    ----------
    dyads : pandas.DataFrame
        :func:`dyad_persistence` output.
    actors : pandas.DataFrame, optional
        Actor table whose columns are joined on.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, n_partners, n_repeated_partners, share_repeated_partners``
        (+ actor attributes when ``actors`` is given).

    Examples
    --------
    >>> d = pd.DataFrame({"u": ["A", "A"], "v": ["B", "C"], "repeated": [True, False]})
    >>> persistence_by_actor(d)
      applicant_id  n_partners  n_repeated_partners  share_repeated_partners
    0            A           2                    1                      0.5
    1            B           1                    1                      1.0
    2            C           1                    0                      0.0
    """
    ends = pd.concat([
        dyads[["u", "repeated"]].rename(columns={"u": "applicant_id"}),
        dyads[["v", "repeated"]].rename(columns={"v": "applicant_id"}),
    ])
    g = ends.groupby("applicant_id", sort=True)["repeated"]
    out = pd.DataFrame({"n_partners": g.size(), "n_repeated_partners": g.sum().astype("int64")})
    out["share_repeated_partners"] = out["n_repeated_partners"] / out["n_partners"]
    out = out.reset_index()
    if actors is not None:
        out = out.merge(actors, on="applicant_id", how="left")
    return out


