"""The headline shares for every region of the focus's level: is the focus unusual?"""

from __future__ import annotations

import pandas as pd

from .. import metrics as m
from .. import network as nw
from .._errors import NetworkInputError
from ..regions import at_level, country_of, region_names
from .findings import pct
from .indicators import COMPARED, INDICATORS, headline_indicators


def regions_present(actors: pd.DataFrame, level: int, country: str | None = None) -> list[str]:
    """The region codes at ``level`` that an actor of the data lies in (of ``country`` when given).

    Examples
    --------
    >>> act = pd.DataFrame({"region": ["KR-27-Buk-gu", "KR-47", "ITC4C", ""]})
    >>> regions_present(act, 1, "KR")
    ['KR-27', 'KR-47']
    """
    located = actors["region"].fillna("").astype(str)
    if country is not None:
        located = located[country_of(located) == country.upper()]
    return sorted(set(at_level(located, level)) - {""})


def region_edges(applications: pd.DataFrame, region: list[str], every: pd.DataFrame | None = None,
                 place: pd.Series | None = None) -> pd.DataFrame:
    """``edges_from_applications(applications, region=region)``, taken from the table of every tie.

    The ties touching a region are the rows of the whole edge table with an end among its
    actors (:func:`netanalysis.network.build.focal_actors`: by each actor's usual region):
    a pair of applicants touches the region or not whatever patent it comes from, so each
    ``(year, u, v)`` row sums the same patents either way.  Comparing every region of a
    country then builds the edge table once, not once per region.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (the period's rows).
    region : list of str
        Focal codes.
    every : pandas.DataFrame, optional
        ``edges_from_applications(applications)`` when the caller has it.
    place : pandas.Series, optional
        ``usual_value(applications, "region")`` (each actor's usual region) when the caller has it.

    Returns
    -------
    pandas.DataFrame
        The same table as ``edges_from_applications(applications, region=region)``.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "applicant_id": ["U", "a", "V", "b"],
    ...                      "year": 2010, "region": ["KR-27", "KR-27", "KR-11", "KR-11"]})
    >>> region_edges(apps, ["KR-27"])[["u", "v", "n_patents"]].values.tolist()
    [['U', 'a', 1]]
    """
    from ..ingest import usual_value
    from ..regions import within

    every = nw.edges_from_applications(applications) if every is None else every
    place = usual_value(applications, "region") if place is None else place
    ids = frozenset(place.index[within(place, region).to_numpy()].astype(str))  # network.build.focal_actors
    return every[every["u"].isin(ids) | every["v"].isin(ids)].reset_index(drop=True)


def compare_regions(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    focal: list[str],
    years: tuple[int, int] | None = None,
    level: int | None = None,
    core: dict[str, list[str]] | None = None,
    min_ties: int = 30,
    max_regions: int = 40,
    verbose: bool = False,
) -> pd.DataFrame:
    """The report's headline shares for the focus and for every other region of its level.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table.
    actors : pandas.DataFrame
        Actor table.
    focal : list of str
        The focal region codes (one row, labelled by their names joined).
    years : (int, int), optional
        Filing years kept.
    level : int, optional
        The level of the regions compared (default: the focus's coarsest level).
    core : dict, optional
        Core regions by country (see :func:`netanalysis.metrics.regional_openness`).
    min_ties : int
        Regions with fewer ties are kept but flagged ``few_ties`` (their shares are noisy).
    max_regions : int
        When the country has more regions of the level than this (Korea's 250 si/gun/gu,
        Italy's 107 provinces), only those in the focus's parent region are compared (the
        si/gun/gu of its sido), so the table and figure stay readable.
    verbose : bool
        Progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per region with a tie: ``region`` (name), ``code``, ``focal`` (bool),
        ``n_actors``, ``n_ties``, ``few_ties`` and the shares of
        :data:`~netanalysis.report.indicators.COMPARED`, each computed for the ties touching
        that region exactly as for the focus.  Regions of the focus's country (all
        countries of the focus when it spans several; within its parent region beyond
        ``max_regions``, named in ``attrs["within"]``); the focus's own members are not
        repeated as separate rows.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "applicant_id": ["U", "a", "V", "b"],
    ...                      "year": 2010, "region": ["KR-27", "KR-27", "KR-11", "KR-11"]})
    >>> act = pd.DataFrame({"applicant_id": ["U", "a", "V", "b"],
    ...     "actor_type": ["university", "sme"] * 2, "region": ["KR-27", "KR-27", "KR-11", "KR-11"], "country": "KR"})
    >>> t = compare_regions(apps, act, ["KR-27"], min_ties=1)
    >>> t[["region", "focal", "n_ties"]].values.tolist()
    [['Daegu', True, 1], ['Seoul', False, 1]]
    """
    from tqdm.auto import tqdm

    from ..ingest import usual_value
    from ..regions import level_of, lineage, within

    if not focal:
        raise NetworkInputError("compare_regions needs a focal region; got none")
    lvl = level if level is not None else max(1, min(level_of(c) for c in focal))
    countries = sorted(set(country_of(pd.Series(focal))) - {""})
    apps = applications if years is None else applications[applications["year"].between(*years)]
    present = [c for c in regions_present(actors, lvl)
               if (not countries or country_of(pd.Series([c])).iloc[0] in countries)
               and not within(pd.Series([c]), focal).iloc[0]]
    within_parent: list[str] = []
    if len(present) > max_regions:
        within_parent = sorted({lineage(c)[1] for c in focal if len(lineage(c)) > 1})
        present = [c for c in present if set(lineage(c)[1:]) & set(within_parent)]
    names = region_names([*present, *focal])
    units = [("–".join(names[c] for c in focal), focal, True)] + [(names[c], [c], False) for c in present]
    rows = []
    every, place = nw.edges_from_applications(apps), usual_value(apps, "region")
    for label, codes, is_focal in tqdm(units, disable=not verbose, desc="regions"):
        edges = region_edges(apps, codes, every, place)
        if edges.empty:
            continue
        cent = m.centrality(nw.to_igraph(edges, actors))
        ind = headline_indicators(edges, actors, codes, cent, end_year=None if years is None else years[1], core=core,
                                  survival=False)  # the comparison shows the shares, not the survival fit
        rows.append({"region": label, "code": ",".join(codes), "focal": is_focal, "n_actors": int(ind["n_actors"]),
                     "n_ties": int(ind["n_ties"]), **{k: float(ind[k]) for k in COMPARED}})
    out = pd.DataFrame(rows)
    out.insert(5, "few_ties", out["n_ties"] < min_ties)
    out.attrs.update(level=lvl, min_ties=min_ties, within=within_parent)
    return out


def focus_ranks(comparison: pd.DataFrame, label: str) -> list[str]:
    """Where the focus ranks on each compared share, among the regions where that share is defined.

    A share is ranked only against the other regions for which it is defined (a region
    with no university has no university share); when no other region has it, the focus
    is not ranked on it and the sentence says so: a rank among empty regions says nothing.

    Parameters
    ----------
    comparison : pandas.DataFrame
        :func:`compare_regions`.
    label : str
        The focus's name.

    Returns
    -------
    list of str
        At most two sentences: the ranks, and the shares left unranked.

    Examples
    --------
    >>> t = pd.DataFrame({"focal": [True, False, False], "univ_share_betweenness": [0.5, 0.2, float("nan")],
    ...                   "univ_sme_one_time": [0.9, float("nan"), float("nan")], "outside_all": [0.3, 0.4, 0.1],
    ...                   "outside_large": float("nan"), "univ_univ_share": float("nan")})
    >>> focus_ranks(t, "Daegu")[0]  # doctest: +NORMALIZE_WHITESPACE
    "Daegu — universities' share of betweenness: 50%, rank 1 of 2 regions where it is defined (median of the
    others 20%); ties reaching outside the focus: 30%, rank 2 of 3 regions where it is defined (median of the
    others 25%)."
    """
    focal = comparison[comparison["focal"]]
    others = comparison[~comparison["focal"]]
    if focal.empty:
        return []
    ranks, unranked = [], []
    for col in COMPARED:
        v = float(focal[col].iloc[0])
        if not pd.notna(v):
            continue
        defined = others[col].dropna()
        if defined.empty:
            unranked.append(INDICATORS[col])
            continue
        above = int((defined > v).sum())
        ranks.append(f"{INDICATORS[col]}: {pct(v)}, rank {above + 1} of {len(defined) + 1} regions where it is "
                     f"defined (median of the others {pct(float(defined.median()))})")
    out = [f"{label} — " + "; ".join(ranks) + "."] if ranks else []
    if unranked:
        out.append(f"Not ranked, because no other region has a tie for which the share is defined: "
                   f"{', '.join(unranked)}.")
    return out


__all__ = ["compare_regions", "focus_ranks", "region_edges", "regions_present"]
