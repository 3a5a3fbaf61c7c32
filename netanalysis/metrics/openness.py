"""Regional openness: how much a region's ties lean on actors elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._errors import NetworkInputError
from ..network import collapse
from ..regions import CAPITAL_AREA, parse_region_codes, sido_table
from ..schema import OPENNESS_CATEGORIES, require_columns


def _ends(edges: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    require_columns(actors, ("applicant_id", "region", "country", "actor_type"), "actors",
                    hint="pass the actors table from ingest")
    if edges.empty:
        raise NetworkInputError("the edge table is empty: no ties to measure openness on")
    e = collapse(edges) if "year" in edges.columns else edges.copy()
    a = actors.drop_duplicates("applicant_id").set_index("applicant_id")
    for end in ("u", "v"):
        e[f"region_{end}"] = e[end].map(a["region"]).fillna("").astype(str)
        e[f"country_{end}"] = e[end].map(a["country"]).fillna("").astype(str)
        e[f"type_{end}"] = e[end].map(a["actor_type"].astype(str)).fillna("other")
    return e


def _category(region: pd.Series, country: pd.Series, focal: list[str]) -> np.ndarray:
    return np.select(
        [region.isin(focal), region.isin(list(CAPITAL_AREA)), region.ne(""),
         country.ne("") & country.ne("KR")],
        ["internal", "capital_area", "other_korea", "abroad"],
        default="unknown",
    )


def regional_openness(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    region: str | Iterable[str],
) -> pd.DataFrame:
    """Where the partners of a focal region's actors are.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed) — build it with ``region_mode="touching"`` or
        without a region filter, so that outside partners are in it.
    actors : pandas.DataFrame
        Actor table (``region``, ``country``, ``actor_type``).
    region : str or iterable of str
        The focal region R, e.g. ``"KR-27,KR-47"`` for Daegu–Gyeongbuk.

    Returns
    -------
    pandas.DataFrame
        One row per ``scope`` × ``category``: ``scope`` is ``all`` or ``large`` (ties with a
        joint patent of ≥ 3 applicants, or involving a large firm); ``category`` is
        ``internal`` (both ends in R), ``capital_area`` (the other end in Seoul, Incheon
        or Gyeonggi, outside R), ``other_korea``, ``abroad`` or ``unknown``.  Columns
        ``n_ties``, ``share_ties``, ``weight``, ``share_weight``.

    Notes
    -----
    Only ties with at least one end in R count; the shares are over those ties (by
    number of dyads) and over their summed weight.  An actor's region is its most
    frequent one in the data (the actors table).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "d"], "year": [2010] * 3,
    ...                   "n_patents": [1, 1, 1], "weight": [1.0, 3.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["university"] * 4,
    ...     "region": ["KR-27", "KR-27", "KR-11", "KR-26"], "country": ["KR"] * 4})
    >>> o = regional_openness(e, act, "KR-27")
    >>> o[o.scope == "all"][["category", "n_ties", "share_ties", "share_weight"]]
           category  n_ties  share_ties  share_weight
    0      internal       1    0.333333           0.2
    1  capital_area       1    0.333333           0.6
    2   other_korea       1    0.333333           0.2
    3        abroad       0    0.000000           0.0
    4       unknown       0    0.000000           0.0
    """
    focal = parse_region_codes(region)
    e = _ends(edges, actors)
    if not (e["region_u"].isin(focal) | e["region_v"].isin(focal)).any():
        raise NetworkInputError(
            f"no tie touches region {focal}; regions in the data: "
            f"{sorted(set(e['region_u']) | set(e['region_v']) - {''})[:20]}"
        )
    in_u, in_v = e["region_u"].isin(focal), e["region_v"].isin(focal)
    e = e[in_u | in_v].copy()
    in_u, in_v = e["region_u"].isin(focal), e["region_v"].isin(focal)
    other_region = e["region_v"].where(in_u, e["region_u"])
    other_country = e["country_v"].where(in_u, e["country_u"])
    cat = _category(other_region, other_country, focal)
    e["category"] = np.where(in_u & in_v, "internal", cat)
    large = e["type_u"].eq("large_firm") | e["type_v"].eq("large_firm")
    if "n_patents_3plus" in e:
        large = large | e["n_patents_3plus"].gt(0)
    parts = []
    for scope, sub in (("all", e), ("large", e[large])):
        g = sub.groupby("category")
        t = pd.DataFrame({"n_ties": g.size(), "weight": g["weight"].sum()}).reindex(OPENNESS_CATEGORIES)
        t = t.fillna(0)
        t["n_ties"] = t["n_ties"].astype("int64")
        n, w = t["n_ties"].sum(), t["weight"].sum()
        t["share_ties"] = t["n_ties"] / n if n else 0.0
        t["share_weight"] = t["weight"] / w if w else 0.0
        t = t.reset_index().rename(columns={"index": "category"})
        t.insert(0, "scope", scope)
        parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["region"] = focal
    return out[["scope", "category", "n_ties", "share_ties", "weight", "share_weight"]]


def openness_by_region(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    regions: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """:func:`regional_openness` for many focal regions, side by side.

    Parameters
    ----------
    regions : dict, optional
        ``{label: [codes]}``; default: each of the 17 sido on its own, labelled by its
        English name.  Regions with no tie are skipped.
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``region``, ``country``, ``actor_type``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`regional_openness` with a leading ``focal`` column.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010] * 2, "n_patents": [1, 1],
    ...                   "weight": [1.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme"] * 3,
    ...                     "region": ["KR-27", "KR-27", "KR-11"], "country": ["KR"] * 3})
    >>> o = openness_by_region(e, act)
    >>> sorted(o["focal"].unique())
    ['Daegu', 'Seoul']
    """
    if regions is None:
        t = sido_table()
        regions = {name: [code] for code, name in zip(t["code"], t["name_en"], strict=True)}
    parts = []
    for label, codes in regions.items():
        try:
            t = regional_openness(edges, actors, codes)
        except NetworkInputError as err:
            if "no tie touches" in str(err):
                continue
            raise
        t.insert(0, "focal", label)
        parts.append(t)
    if not parts:
        raise NetworkInputError("no tie touches any of the given regions")
    return pd.concat(parts, ignore_index=True)


def region_ties(edges: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Ties between (and within) regions: the table behind an inter-regional map.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``region``, ``country``, ``actor_type``).

    Returns
    -------
    pandas.DataFrame
        ``region_a, region_b, n_ties, weight`` with ``region_a <= region_b``; actors of
        unknown region are left out.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010, 2010],
    ...                   "n_patents": [1, 1], "weight": [1.0, 2.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme"] * 3,
    ...                     "region": ["KR-27", "KR-11", "KR-11"], "country": ["KR"] * 3})
    >>> region_ties(e, act)
      region_a region_b  n_ties  weight
    0    KR-11    KR-27       2     3.0
    """
    e = _ends(edges, actors)
    e = e[(e["region_u"] != "") & (e["region_v"] != "")]
    a = np.minimum(e["region_u"].to_numpy(), e["region_v"].to_numpy())
    b = np.maximum(e["region_u"].to_numpy(), e["region_v"].to_numpy())
    out = pd.DataFrame({"region_a": a, "region_b": b, "weight": e["weight"].to_numpy()})
    out = out.groupby(["region_a", "region_b"], as_index=False).agg(n_ties=("weight", "size"), weight=("weight", "sum"))
    return out[["region_a", "region_b", "n_ties", "weight"]]
