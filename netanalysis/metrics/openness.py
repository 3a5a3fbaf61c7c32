"""Regional openness: how much a region's ties lean on actors elsewhere.

The focal region may be of any level and scheme (a sido, a si/gun/gu, a NUTS region, a US
state, a user's region, a whole country); the categories are the same everywhere:
internal, the country's core region, the rest of the country, abroad, unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..network import collapse
from ..regions import at_level, core_regions, country_of, parse_region_codes, region_names, within
from ..schema import OPENNESS_CATEGORIES, require_columns

Core = Mapping[str, Iterable[str]] | None


def _ends(edges: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    require_columns(actors, ("applicant_id", "region", "country", "actor_type"), "actors",
                    hint="pass the actors table from ingest")
    if edges.empty:
        raise NetworkInputError("the edge table is empty: no ties to measure openness on")
    e = collapse(edges) if "year" in edges.columns else edges.copy()
    a = actors.drop_duplicates("applicant_id").set_index("applicant_id")
    region = a["region"].fillna("").astype(str)
    country = a["country"].fillna("").astype(str)
    country = country.where(country != "", country_of(region))  # a region names its country
    for end in ("u", "v"):
        e[f"region_{end}"] = e[end].map(region).fillna("").astype(str)
        e[f"country_{end}"] = e[end].map(country).fillna("").astype(str)
        e[f"type_{end}"] = e[end].map(a["actor_type"].astype(str)).fillna("other")
    return e


def _focal_countries(focal: list[str], e: pd.DataFrame) -> set[str]:
    """The focus's countries: from its codes, else from the actors inside it."""
    found = set(country_of(pd.Series(focal))) - {""}
    if found:
        return found
    inside = pd.concat([e.loc[within(e["region_u"], focal), "country_u"],
                        e.loc[within(e["region_v"], focal), "country_v"]])
    return set(inside) - {""}


def _category(region: pd.Series, country: pd.Series, focal: list[str], home: set[str],
              core: list[str]) -> np.ndarray:
    return np.select(
        [within(region, focal), within(region, core) if core else np.zeros(len(region), bool),
         country.isin(home) & region.ne(""), country.ne("") & ~country.isin(home)],
        ["internal", "core_region", "rest_of_country", "abroad"],
        default="unknown",
    )


def regional_openness(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    region: str | Iterable[str],
    core: Core = None,
    large: str = "patents",
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
        The focal region R, of any level and scheme: ``"KR-27,KR-47"`` for
        Daegu–Gyeongbuk, ``"구미시"``, ``"ITC4"``, ``"US-CA"``, ``"DE"``.
    core : mapping, optional
        ``{country: codes}``: each country's core region.  Built in: Korea's capital area
        (Seoul, Incheon, Gyeonggi); e.g. ``{"FR": ["FR1"]}`` for Île-de-France.  A country
        without one has no ``core_region`` ties (they count as ``rest_of_country``).
    large : {"patents", "dyads"}
        What the ``large`` scope counts of a tie.  ``patents`` (default): the weight of its
        joint patents with ≥ 3 applicants (``weight_3plus``), or its whole weight when one end
        is a large firm.  ``dyads``: the tie's whole weight as soon as one of its patents has
        ≥ 3 applicants (a tie of ten patents, one of them with three applicants, counts ten).

    Returns
    -------
    pandas.DataFrame
        One row per ``scope`` × ``category``: ``scope`` is ``all`` or ``large`` (ties with a
        joint patent of ≥ 3 applicants, or involving a large firm); ``category`` is
        ``internal`` (both ends in R), ``core_region`` (the other end in the core region
        of R's country, outside R), ``rest_of_country`` (elsewhere in R's country),
        ``abroad`` (another country) or ``unknown`` (region or country not known).
        Columns ``n_ties``, ``share_ties``, ``weight``, ``share_weight``.  ``attrs`` hold
        the focal codes, its countries, the core region used and ``notes``: a sentence for
        each fallback taken (an edge table without ``weight_3plus`` or ``n_patents_3plus``),
        empty when none was.

    Notes
    -----
    Only ties with at least one end in R count; the shares are over those ties (by
    number of dyads) and over their summed weight.  An actor's region is its most
    frequent one in the data (the actors table), and an actor is in R when that region
    is R or lies inside R (a si/gun/gu inside its sido, DE212 inside DE2).  A partner
    whose country is R's but whose region is unknown is ``unknown``: it may be in R.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "d"], "year": [2010] * 3,
    ...                   "n_patents": [1, 1, 1], "weight": [1.0, 3.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["university"] * 4,
    ...     "region": ["KR-27-Buk-gu", "KR-27", "KR-11", "KR-26"], "country": ["KR"] * 4})
    >>> o = regional_openness(e, act, "KR-27")
    >>> o[o.scope == "all"][["category", "n_ties", "share_ties", "share_weight"]]
              category  n_ties  share_ties  share_weight
    0         internal       1    0.333333           0.2
    1      core_region       1    0.333333           0.6
    2  rest_of_country       1    0.333333           0.2
    3           abroad       0    0.000000           0.0
    4          unknown       0    0.000000           0.0
    """
    return _openness_counts(tie_openness(edges, actors, region, core=core, large=large))


def _openness_counts(ties: pd.DataFrame) -> pd.DataFrame:
    """:func:`regional_openness`'s table: the ties of :func:`tie_openness` counted by category."""
    parts = []
    for scope, sub in (("all", ties), ("large", ties[ties["large"]].assign(weight=ties["weight_large"]))):
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
    out = out[["scope", "category", "n_ties", "share_ties", "weight", "share_weight"]]
    out.attrs.update(ties.attrs)
    return out


def tie_openness(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    region: str | Iterable[str],
    core: Core = None,
    large: str = "patents",
) -> pd.DataFrame:
    """Each tie touching a focal region: where its partner is, and whether it is a large collaboration.

    The per-tie table that :func:`regional_openness` counts (its shares are this table's counts
    by ``category``, over every tie and over the ``large`` ones), for callers that count ties
    in other ways, e.g. the report's bootstrap, which weighs each tie by its copies in a sample.

    Parameters
    ----------
    edges, actors, region, core, large
        As :func:`regional_openness`.

    Returns
    -------
    pandas.DataFrame
        One row per tie (dyad over the period) with an end in the focus, in the order of
        :func:`netanalysis.network.collapse`: ``u, v``, ``category`` (``internal``,
        ``core_region``, ``rest_of_country``, ``abroad``, ``unknown``), ``large_firm`` (an end
        is a large firm), ``large`` (counts in the large scope: a large firm or a joint patent
        of ≥ 3 applicants), ``weight`` and ``weight_large`` (the weight the large scope
        counts).  ``attrs`` as :func:`regional_openness`'s.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010] * 2, "n_patents": [1, 1],
    ...                   "weight": [1.0, 1.0], "n_patents_3plus": [0, 1], "weight_3plus": [0.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme"] * 3,
    ...                     "region": ["KR-27", "KR-27", "KR-11"], "country": "KR"})
    >>> tie_openness(e, act, "KR-27")[["u", "v", "category", "large"]]
       u  v     category  large
    0  a  b     internal  False
    1  a  c  core_region   True
    """
    region = check_inputs(edges, actors, region=region, region_required=True) or []
    return _tie_openness(_ends(edges, actors), parse_region_codes(region), core, large)


def _tie_openness(e: pd.DataFrame, focal: list[str], core: Core, large: str) -> pd.DataFrame:
    """:func:`tie_openness` of the ties ``e`` with their ends' places and types (:func:`_ends`)."""
    in_u, in_v = within(e["region_u"], focal), within(e["region_v"], focal)
    if not (in_u | in_v).any():
        present = sorted(set(at_level(pd.concat([e["region_u"], e["region_v"]]), 1)) - {""})
        raise NetworkInputError(f"no tie touches region {focal}; regions in the data (level 1): {present[:20]}")
    e = e[in_u | in_v].copy()
    in_u, in_v = in_u[e.index], in_v[e.index]
    home = _focal_countries(focal, e)
    cores = core_regions(core)
    core_codes = [c for country in sorted(home) for c in cores.get(country, [])]
    other_region = e["region_v"].where(in_u, e["region_u"])
    other_country = e["country_v"].where(in_u, e["country_u"])
    cat = _category(other_region, other_country, focal, home, core_codes)
    e["category"] = np.where(in_u & in_v, "internal", cat)
    if large not in ("patents", "dyads"):
        raise NetworkInputError(f"large={large!r}; expected 'patents' or 'dyads'")
    firm = e["type_u"].eq("large_firm") | e["type_v"].eq("large_firm")
    notes = []
    if "n_patents_3plus" not in e:
        notes.append("the edge table has no n_patents_3plus column, so no tie is known to have a patent of three "
                     "or more applicants: 'large' counts only the ties of large firms (build the edges with "
                     "netanalysis.network.edges_from_applications)")
    if large == "patents" and "weight_3plus" not in e and "n_patents_3plus" in e:
        notes.append("large='patents' needs the edge table's weight_3plus column, which is missing: the large "
                     "scope counts the whole weight of each tie with a patent of three or more applicants "
                     "(as large='dyads')")
    n3 = e["n_patents_3plus"] if "n_patents_3plus" in e else pd.Series(0, index=e.index)
    weight_large = e["weight"].where(firm, e["weight_3plus"]) if large == "patents" and "weight_3plus" in e \
        else e["weight"]
    out = pd.DataFrame({"u": e["u"], "v": e["v"], "category": e["category"], "large_firm": firm,
                        "large": firm | n3.gt(0), "weight": e["weight"], "weight_large": weight_large}
                       ).reset_index(drop=True)
    out.attrs.update(region=focal, countries=sorted(home), core=core_codes, large=large, notes=notes)
    return out


def openness_by_region(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    regions: Mapping[str, Iterable[str]] | None = None,
    level: int = 1,
    country: str | None = None,
    core: Core = None,
) -> pd.DataFrame:
    """:func:`regional_openness` for many focal regions, side by side.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``region``, ``country``, ``actor_type``).
    regions : mapping, optional
        ``{label: codes}``; default: every region at ``level`` that an actor of the data
        lies in (of ``country`` when given), each on its own, labelled by its name.
    level : int
        The level of the default regions: 1 (sido, NUTS 1, state), 2 (si/gun/gu, NUTS 2),
        3 (NUTS 3).
    country : str, optional
        Keep the default regions of this country (ISO 3166-1 alpha-2).
    core : mapping, optional
        Core regions by country, see :func:`regional_openness`.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`regional_openness` with leading ``focal`` (label) and ``code``
        (the codes, comma-joined) columns; regions with no tie are skipped.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010] * 2, "n_patents": [1, 1],
    ...                   "weight": [1.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme"] * 3,
    ...                     "region": ["KR-27-Buk-gu", "KR-27", "ITC4C"], "country": ["KR", "KR", "IT"]})
    >>> sorted(openness_by_region(e, act)["focal"].unique())
    ['Daegu', 'Nord-Ovest']
    >>> sorted(openness_by_region(e, act, level=2, country="KR")["code"].unique())
    ['KR-27-Buk-gu']
    """
    check_inputs(edges, actors)
    if regions is None:
        located = actors["region"].fillna("").astype(str)
        if country is not None:
            located = located[country_of(located) == country.upper()]
        present = sorted(set(at_level(located, level)) - {""})
        names = region_names(present)
        by_name: dict[str, Iterable[str]] = {names[c]: [c] for c in present}
        if len(set(names.values())) < len(present):  # a name repeats (Jung-gu): label by code
            by_name = {c: [c] for c in present}
        regions = by_name
    parts = []
    ends = _ends(edges, actors)  # the ties' places and types, once for every region
    for label, focus in regions.items():
        try:
            codes = parse_region_codes(check_inputs(region=focus, region_required=True) or [])
            t = _openness_counts(_tie_openness(ends, codes, core, "patents"))  # regional_openness(edges, …)
        except NetworkInputError as err:
            if "no tie touches" in str(err):
                continue
            raise
        t.insert(0, "code", ",".join(t.attrs["region"]))
        t.insert(0, "focal", label)
        parts.append(t)
    if not parts:
        raise NetworkInputError("no tie touches any of the given regions")
    return pd.concat(parts, ignore_index=True)


def actors_by_region(actors: pd.DataFrame, level: int | None = None) -> pd.DataFrame:
    """How many actors each region holds: the node sizes of an inter-regional map.

    Parameters
    ----------
    actors : pandas.DataFrame
        Actor table (``region``).
    level : int, optional
        Count at this level (see :func:`region_ties`); default: the regions as recorded.

    Returns
    -------
    pandas.DataFrame
        ``region, n_actors``, largest first; actors of unknown region (or known only at a
        coarser level) are left out.

    Examples
    --------
    >>> act = pd.DataFrame({"applicant_id": list("abcd"), "region": ["KR-27-Buk-gu", "KR-27", "KR-11", ""]})
    >>> actors_by_region(act, level=1)
      region  n_actors
    0  KR-27         2
    1  KR-11         1
    """
    check_inputs(actors=actors)
    region = actors["region"].fillna("").astype(str)
    if level is not None:
        region = at_level(region, level)
    counts = region[region != ""].value_counts(sort=False)
    out = counts.rename_axis("region").rename("n_actors").reset_index()
    return out.sort_values(["n_actors", "region"], ascending=[False, True], kind="stable").reset_index(drop=True)


def region_ties(edges: pd.DataFrame, actors: pd.DataFrame, level: int | None = None) -> pd.DataFrame:
    """Ties between (and within) regions: the table behind an inter-regional map.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``region``, ``country``, ``actor_type``).
    level : int, optional
        Count regions at this level (1: sido, NUTS 1; 2: si/gun/gu, NUTS 2 …); actors
        known only at a coarser level are left out.  Default: the regions as recorded.

    Returns
    -------
    pandas.DataFrame
        ``region_a, region_b, n_ties, weight`` with ``region_a <= region_b``; actors of
        unknown region are left out (``attrs["ties_unknown"]`` counts the ties dropped).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010, 2010],
    ...                   "n_patents": [1, 1], "weight": [1.0, 2.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme"] * 3,
    ...                     "region": ["KR-27-Buk-gu", "KR-11", "KR-11-Jung-gu"], "country": ["KR"] * 3})
    >>> region_ties(e, act, level=1)
      region_a region_b  n_ties  weight
    0    KR-11    KR-27       2     3.0
    """
    check_inputs(edges, actors)
    e = _ends(edges, actors)
    if level is not None:
        e["region_u"], e["region_v"] = at_level(e["region_u"], level), at_level(e["region_v"], level)
    known = (e["region_u"] != "") & (e["region_v"] != "")
    e = e[known]
    a = np.minimum(e["region_u"].to_numpy(), e["region_v"].to_numpy())
    b = np.maximum(e["region_u"].to_numpy(), e["region_v"].to_numpy())
    out = pd.DataFrame({"region_a": a, "region_b": b, "weight": e["weight"].to_numpy()})
    out = out.groupby(["region_a", "region_b"], as_index=False).agg(n_ties=("weight", "size"), weight=("weight", "sum"))
    out = out[["region_a", "region_b", "n_ties", "weight"]]
    out.attrs["ties_unknown"] = int((~known).sum())
    return out
