"""Inventor regions: where inventions happen, how inventors of different regions co-invent, and
where the invention happens against where its owner sits.

Every measure starts from an *inventors table* — one row per (patent, inventor, region), as the
PATSTAT and REGPAT readers return it (``NativeResult.inventors``: ``patent_id``, ``inventor_seq``
or ``person_id`` or ``inventor_name``, ``region``, ``region_share``) — and counts patents
fractionally as OECD REGPAT does (Maraut et al. 2008): each patent counts 1, split equally over
its inventors, and each inventor's part split over the regions of his or her address by
``region_share``.  So the counts of one patent sum to 1 over the regions, the unknown region
(``""``) included: nothing is dropped silently.

=================================  ==============================================================
function                           measure
=================================  ==============================================================
:func:`inventor_region_shares`     fractional count of patents by inventor region (and year)
:func:`co_inventor_flows`          inter-regional co-inventor flows: pairs of a patent's inventors
                                   in two regions, fractional per patent
:func:`invention_vs_ownership`     per region: patents invented there against patents owned there,
                                   the share of its inventions owned outside and the reverse
=================================  ==============================================================

A region with no patents is absent from every table (never a row of zeros); a value that cannot
be computed is NaN with the reason in ``attrs["notes"]``; a table from which nothing at all can
be computed (a source with no inventor addresses) is one :class:`~netanalysis.NetworkInputError`.

References
----------
Maraut, S., Dernis, H., Webb, C., Spiezia, V., Guellec, D. (2008). The OECD REGPAT database: a
presentation. OECD Science, Technology and Industry Working Papers 2008/02.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..regions import at_level

#: Where inventor regions come from: the sources whose readers fill the inventors table.
INVENTOR_REGION_SOURCES = (
    "PATSTAT's own tables (tls206_person.nuts of the persons with invt_seq_nr > 0), OECD REGPAT "
    "(*_Inv_reg.txt), the PatentsView API (inventors' city, state and country) and Lens API JSON "
    "(inventors' residence and extracted_address)"
)
_NO_ADDRESSES = (
    "KIPRIS / KIPRIS Plus XML, Lens CSV exports and PATSTAT query extracts that list applicants only "
    "(e.g. one row per application × applicant) hold inventor names at most, no inventor address"
)
#: Within this of 1, an inventor's region shares are taken to sum to 1.
_TOLERANCE = 1e-6


def _n(k: int, noun: str) -> str:
    """``1 region``, ``2 regions``."""
    return f"{k:,} {noun}" + ("" if k == 1 else "s")


def _no_regions(why: str) -> NetworkInputError:
    return NetworkInputError(f"inventors: {why}, so no patent can be placed by inventor region. Inventor regions "
                             f"come from {INVENTOR_REGION_SOURCES}; {_NO_ADDRESSES}")


def _inventor_key(inv: pd.DataFrame) -> pd.Series:
    """Who an inventor row is within its patent: ``inventor_seq``, else ``person_id``, else the
    name, else the row itself (each row a different inventor)."""
    key = pd.Series(pd.NA, index=inv.index, dtype="string")
    for col in ("inventor_seq", "person_id", "inventor_name"):
        if col in inv:
            text = inv[col].astype("string").str.strip()
            key = key.fillna(text.mask(text == "").radd(f"{col}:"))
    return key.fillna(pd.Series(inv.index.astype(str), index=inv.index).radd("row:").astype("string")).astype(str)


def _inventor_rows(inventors: Any, level: int | None) -> tuple[pd.DataFrame, list[str]]:
    """``patent_id, inventor, region, s`` — one row per patent, inventor and region, ``s`` the
    inventor's share in the region (summing to 1 per inventor) — and what was noted."""
    if inventors is None:
        raise _no_regions("no inventors table was given (the source's reader keeps none)")
    if not isinstance(inventors, pd.DataFrame):
        raise NetworkInputError(f"inventors: expected a pandas DataFrame (NativeResult.inventors), got "
                                f"{type(inventors).__name__}")
    missing = [c for c in ("patent_id", "region") if c not in inventors]
    if missing:
        raise NetworkInputError(f"inventors lack column(s) {missing}; expected the inventors table of a PATSTAT or "
                                "REGPAT read (NativeResult.inventors: patent_id, inventor_seq, region, region_share …)")
    if inventors.empty:
        raise _no_regions("the inventors table is empty")
    region = inventors["region"].astype("string").fillna("").str.strip().astype(str)
    if not (region != "").any() and not (level == 0 and "country" in inventors
                                         and inventors["country"].fillna("").astype(str).str.strip().ne("").any()):
        raise _no_regions(f"none of the {len(inventors):,} inventor rows has a region")
    notes: list[str] = []
    if level is not None and "country" in inventors:
        # an inventor known by country only (a foreign address, REGPAT's country rows) counts at level 0
        country = inventors["country"].astype("string").fillna("").str.strip().str.upper().astype(str)
        region = region.where(region != "", country)
    if level is not None:
        finer = at_level(region, level)
        coarse = int(((region != "") & (finer == "")).sum())
        if coarse:
            notes.append(f"{_n(coarse, 'inventor row')} {'is' if coarse == 1 else 'are'} placed only above level "
                         f"{level} (e.g. in a country): {'its' if coarse == 1 else 'their'} region at level {level} "
                         "is unknown")
        if not (finer != "").any():
            raise NetworkInputError(f"inventors: no inventor region reaches level {level} (the regions given are "
                                    f"coarser, e.g. {region[region != ''].iloc[0]!r}); ask for a coarser level")
        region = finer
    share = (pd.to_numeric(inventors["region_share"], errors="coerce") if "region_share" in inventors
             else pd.Series(np.nan, index=inventors.index)).astype(float)
    t = pd.DataFrame({"patent_id": inventors["patent_id"].astype(str).to_numpy(),
                      "inventor": _inventor_key(inventors).to_numpy(), "region": region.to_numpy(),
                      "s": share.to_numpy()})
    grp = t.groupby(["patent_id", "inventor"], sort=False)["s"]
    given = grp.transform("count") > 0
    t["s"] = t["s"].where(given, 1.0).fillna(0.0).clip(lower=0.0)   # no share given: the inventor's rows equally
    total = t.groupby(["patent_id", "inventor"], sort=False)["s"].transform("sum")
    off = given & ((total - 1.0).abs() > _TOLERANCE)
    if off.any():
        n_off = int(t.loc[off, ["patent_id", "inventor"]].drop_duplicates().shape[0])
        whose = "inventor's" if n_off == 1 else "inventors'"
        notes.append(f"{n_off:,} {whose} region shares do not sum to 1: rescaled to 1")
    rows = t.groupby(["patent_id", "inventor"], sort=False)["s"].transform("size")
    t["s"] = np.where(total > 0, t["s"] / total.where(total > 0, 1.0), 1.0 / rows)
    return t.groupby(["patent_id", "inventor", "region"], sort=False)["s"].sum().reset_index(), notes


def _patent_weights(t: pd.DataFrame) -> pd.DataFrame:
    """``patent_id, region, w, inventors``: REGPAT's fractional count of each patent by region
    (``w`` sums to 1 per patent) and the inventors with a share there."""
    n_inv = t.groupby("patent_id", sort=False)["inventor"].transform("nunique")
    w = t.assign(w=t["s"] / n_inv)
    return w.groupby(["patent_id", "region"], sort=False, as_index=False).agg(
        w=("w", "sum"), inventors=("inventor", "nunique"))


def _patent_years(applications: pd.DataFrame) -> pd.Series:
    if "year" not in applications:
        raise NetworkInputError("applications lack a 'year' column: patents cannot be counted per year")
    years = pd.to_numeric(applications["year"], errors="coerce")
    return pd.Series(years.to_numpy(), index=applications["patent_id"].astype(str).to_numpy()).groupby(
        level=0).min()


def _with_applications(w: pd.DataFrame, applications: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Keep the patents of ``applications``; a patent there without inventors counts 1 in ``""``."""
    patents = pd.Index(applications["patent_id"].astype(str).unique())
    outside = ~w["patent_id"].isin(patents)
    if outside.any():
        notes.append(f"{w.loc[outside, 'patent_id'].nunique():,} patents of the inventors table are not in the "
                     "applications table: not counted")
        w = w[~outside]
    bare = patents.difference(pd.Index(w["patent_id"].unique()))
    if len(bare):
        notes.append(f"{len(bare):,} of {len(patents):,} patents have no inventor in the inventors table (e.g. from a "
                     "source without inventor addresses): counted in the unknown region")
        w = pd.concat([w, pd.DataFrame({"patent_id": bare, "region": "", "w": 1.0, "inventors": 0})],
                      ignore_index=True)
    return w


def inventor_region_shares(
    inventors: pd.DataFrame | None,
    applications: pd.DataFrame | None = None,
    level: int | None = None,
    years: tuple[int, int] | None = None,
    *,
    by_year: bool = False,
) -> pd.DataFrame:
    """Fractional counts of patents by inventor region (OECD REGPAT's counting).

    Parameters
    ----------
    inventors : pandas.DataFrame
        The inventors table (``NativeResult.inventors``): ``patent_id``, ``region`` (``""``
        unknown); ``region_share`` (an inventor's share in the region, default: the inventor's
        rows equally) and ``inventor_seq`` / ``person_id`` / ``inventor_name`` (who the inventor
        is within the patent) when present.
    applications : pandas.DataFrame, optional
        The applications table: restricts the count to its patents (a patent there without
        inventors counts 1 in the unknown region) and gives each patent's ``year``.
    level : int, optional
        Count at this region level (``2``: NUTS 2 …; :func:`netanalysis.regions.at_level`);
        default: the regions as recorded.  With a level, an inventor whose region is unknown
        but whose ``country`` is known counts in that country at level 0.
    years : (int, int), optional
        Count only patents filed in these years (needs ``applications``).
    by_year : bool
        One row per region and filing year (needs ``applications``).

    Returns
    -------
    pandas.DataFrame
        ``region`` (``""``: unknown), ``year`` (with ``by_year``), ``patents`` (fractional
        count), ``share`` (of the patents counted, per year with ``by_year``), ``n_patents``
        (patents with an inventor share there) and ``n_inventors`` (inventor–patent pairs
        there); largest first.  A region with no patent is absent.  ``attrs``: ``level``,
        ``n_patents``, ``unknown`` (patents in the unknown region) and ``notes`` (rescaled
        shares, patents without inventors, years without patents …).

    Raises
    ------
    NetworkInputError
        No inventors table, or no inventor with a region (a source without inventor
        addresses: the message names the sources that have them); ``years`` / ``by_year``
        without applications; no patent in ``years``.

    Notes
    -----
    Patent *p* with inventors *i* = 1 … *n*, inventor *i* in region *r* with share
    :math:`s_{ir}` (:math:`\\sum_r s_{ir} = 1`): region *r* counts
    :math:`\\sum_p \\frac{1}{n_p}\\sum_i s_{ir}`.  The source's own ``inventor_share`` is not
    read: REGPAT's ``inv_share`` is :math:`1/n` by construction.

    Examples
    --------
    >>> inv = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "inventor_seq": [1, 2, 1],
    ...                     "region": ["ITC4C", "ITI43", "ITC4C"], "region_share": [1.0, 1.0, 1.0]})
    >>> inventor_region_shares(inv)[["region", "patents", "share"]].values.tolist()
    [['ITC4C', 1.5, 0.75], ['ITI43', 0.5, 0.25]]
    """
    if (years is not None or by_year) and applications is None:
        raise NetworkInputError("years= and by_year= need the applications table (the inventors table has no filing "
                                "year): pass applications=")
    t, notes = _inventor_rows(inventors, level)
    w = _patent_weights(t)
    keys = ["region"]
    if applications is not None:
        check_inputs(applications=applications)
        w = _with_applications(w, applications, notes)
        year = _patent_years(applications)
        w["year"] = w["patent_id"].map(year)
        if years is not None:
            lo, hi = int(years[0]), int(years[1])
            if lo > hi:
                raise NetworkInputError(f"years={years!r}: the first year is after the last")
            w = w[w["year"].between(lo, hi)]
            if w.empty:
                raise NetworkInputError(f"no patent was filed in {lo}–{hi}: nothing to count by inventor region")
            empty = sorted(set(range(lo, hi + 1)) - set(w["year"].astype(int)))
            if empty:
                notes.append(f"no patent filed in {', '.join(map(str, empty))}: those years have no row")
        if by_year:
            undated = w["year"].isna()
            if undated.any():
                notes.append(f"{w.loc[undated, 'patent_id'].nunique():,} patents have no filing year: left out of "
                             "the count by year")
                w = w[~undated]
            w["year"] = w["year"].astype(int)
            keys = ["year", "region"]
    out = w.groupby(keys, as_index=False).agg(patents=("w", "sum"), n_patents=("patent_id", "nunique"),
                                              n_inventors=("inventors", "sum"))
    out = out[out["patents"] > 1e-12]
    total = out.groupby(keys[:-1])["patents"].transform("sum") if by_year else out["patents"].sum()
    out.insert(len(keys) + 1, "share", out["patents"] / total)
    order = (["year"] if by_year else []) + ["patents", "region"]
    out = out.sort_values(order, ascending=[True] * by_year + [False, True], kind="stable").reset_index(drop=True)
    unknown = float(out.loc[out["region"] == "", "patents"].sum())
    n_patents = int(w["patent_id"].nunique())
    if unknown > 0:
        notes.append(f"{unknown:.1f} of {n_patents:,} patents (fractional) have inventors of unknown region: the "
                     "row with an empty region")
    out.attrs = {"level": level, "n_patents": n_patents, "unknown": unknown, "notes": notes}
    return out


def co_inventor_flows(inventors: pd.DataFrame | None, level: int | None = None) -> pd.DataFrame:
    """Inter-regional co-inventor flows: pairs of one patent's inventors in two regions.

    Parameters
    ----------
    inventors : pandas.DataFrame
        The inventors table (see :func:`inventor_region_shares`).
    level : int, optional
        Regions at this level (default: as recorded).

    Returns
    -------
    pandas.DataFrame
        Undirected edges ``region_a < region_b``, ``weight`` (fractional: each patent with
        *n* ≥ 2 inventors spreads 1 over its *n(n−1)/2* inventor pairs) and ``n_patents``
        (patents with a pair across the two regions), heaviest first.  Pairs within one
        region and pairs with an inventor of unknown region are not edges: their weight is in
        ``attrs`` (``within``, ``unknown``) beside ``between`` and ``patents_with_pairs``
        (``within + unknown + between = patents_with_pairs``) and the ``notes``.

    Raises
    ------
    NetworkInputError
        As :func:`inventor_region_shares` (no inventor regions).

    Notes
    -----
    With :math:`m_{pr} = \\sum_i s_{ir}` the inventors of patent *p* in region *r*, the pair
    weight of regions *a* ≠ *b* is :math:`\\sum_p (m_{pa} m_{pb} - \\sum_i s_{ia} s_{ib}) /
    \\binom{n_p}{2}` (an inventor split over two regions is no pair with him- or herself).

    Examples
    --------
    >>> inv = pd.DataFrame({"patent_id": ["p1", "p1", "p1"], "inventor_seq": [1, 2, 3],
    ...                     "region": ["ITC4C", "ITC4C", "ITI43"]})
    >>> co_inventor_flows(inv)[["region_a", "region_b", "weight"]].values.tolist()
    [['ITC4C', 'ITI43', 0.6666666666666666]]
    """
    t, notes = _inventor_rows(inventors, level)
    n_inv = t.groupby("patent_id", sort=False)["inventor"].nunique()
    pairs = n_inv * (n_inv - 1) / 2
    single = int((n_inv < 2).sum())
    if single:
        notes.append(f"{single:,} of {_n(len(n_inv), 'patent')} {'has' if single == 1 else 'have'} one inventor: "
                     "no pair")
    t = t[t["patent_id"].map(n_inv).to_numpy() >= 2]
    mass = t.groupby(["patent_id", "region"], as_index=False)["s"].sum()
    across = mass.merge(mass, on="patent_id", suffixes=("_a", "_b"))
    across = across[across["region_a"] < across["region_b"]]
    prod = across["s_a"] * across["s_b"]
    split = t[t.groupby(["patent_id", "inventor"])["region"].transform("size") > 1]  # one inventor, several regions
    self_pairs = split.merge(split, on=["patent_id", "inventor"], suffixes=("_a", "_b"))
    self_pairs = self_pairs[self_pairs["region_a"] < self_pairs["region_b"]]
    own = (self_pairs.assign(c=self_pairs["s_a"] * self_pairs["s_b"])
           .groupby(["patent_id", "region_a", "region_b"])["c"].sum())
    key = pd.MultiIndex.from_frame(across[["patent_id", "region_a", "region_b"]])
    correction = own.reindex(key).fillna(0.0).to_numpy() if len(own) else 0.0
    across = across.assign(weight=(prod.to_numpy() - correction)
                           / across["patent_id"].map(pairs).to_numpy(dtype=float))
    across = across[across["weight"] > 1e-12]
    # within a region: (m² − Σ s²) / 2 per patent and region
    sq = t.assign(q=t["s"] ** 2).groupby(["patent_id", "region"], as_index=False)["q"].sum()
    inside = mass.merge(sq, on=["patent_id", "region"])
    inside_w = (inside["s"] ** 2 - inside["q"]) / 2 / inside["patent_id"].map(pairs).to_numpy(dtype=float)
    unknown_end = (across["region_a"] == "") | (across["region_b"] == "")
    within = float(inside_w[inside["region"] != ""].sum())
    unknown = float(across.loc[unknown_end, "weight"].sum() + inside_w[inside["region"] == ""].sum())
    edges = across[~unknown_end]
    out = edges.groupby(["region_a", "region_b"], as_index=False).agg(weight=("weight", "sum"),
                                                                        n_patents=("patent_id", "nunique"))
    out = out.sort_values(["weight", "region_a", "region_b"], ascending=[False, True, True],
                          kind="stable").reset_index(drop=True)
    between = float(out["weight"].sum())
    with_pairs = int((n_inv >= 2).sum())
    if unknown > 0:
        notes.append(f"{unknown:.1f} of {with_pairs:,} patents' pair weight has an inventor of unknown region: not an "
                     "edge")
    if out.empty:
        notes.append("no patent has inventors in two known regions: no inter-regional flow")
    out.attrs = {"level": level, "patents_with_pairs": with_pairs, "between": between, "within": within,
                 "unknown": unknown, "notes": notes}
    return out


def invention_vs_ownership(
    applications: pd.DataFrame,
    inventors: pd.DataFrame | None,
    level: int | None = None,
) -> pd.DataFrame:
    """Where the invention happens against where the owner sits, per region.

    Parameters
    ----------
    applications : pandas.DataFrame
        The applications table (``patent_id, applicant_id, region``): the owners.  Each
        patent counts 1 for ownership too, split equally over its applicants.
    inventors : pandas.DataFrame
        The inventors table (see :func:`inventor_region_shares`).
    level : int, optional
        Regions at this level (default: as recorded).

    Returns
    -------
    pandas.DataFrame
        One row per region with a patent invented or owned there (``""``: unknown):
        ``invented`` and ``owned`` (fractional counts), ``n_invented`` / ``n_owned`` (patents
        with any inventor / applicant there), ``invented_owned_outside`` (the share of what is
        invented in the region whose owner sits in another known region),
        ``invented_owner_unknown``, ``owned_invented_outside`` (the share of what the region's
        applicants own that was invented in another known region) and
        ``owned_inventor_unknown``.  A share is NaN where its base is 0 (nothing invented, or
        nothing owned, there) and for the unknown region.  ``attrs``: ``level``,
        ``n_patents``, ``notes``.

    Raises
    ------
    NetworkInputError
        No inventor regions (as :func:`inventor_region_shares`); applications without a
        ``region`` column or with no applicant placed in a region; no patent in common.

    Notes
    -----
    For patent *p* with inventor weights :math:`I_{pr}` and applicant weights :math:`A_{pr}`
    (each summing to 1 over regions, :math:`\\varnothing` the unknown region), region *r*'s
    ``invented_owned_outside`` is :math:`\\sum_p I_{pr}(1 - A_{pr} - A_{p\\varnothing}) / \\sum_p
    I_{pr}`, the patent's inventions and ownership taken as spread independently.  What stays
    (``1 − outside − unknown``) is invented and owned in *r*.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p2"], "applicant_id": ["A", "B"],
    ...                      "region": ["ITC4C", "ITI43"]})
    >>> inv = pd.DataFrame({"patent_id": ["p1", "p2"], "region": ["ITI43", "ITI43"]})
    >>> t = invention_vs_ownership(apps, inv).set_index("region")
    >>> t.loc["ITI43", ["invented", "owned", "invented_owned_outside"]].tolist()
    [2.0, 1.0, 0.5]
    """
    check_inputs(applications=applications)
    if "region" not in applications:
        raise NetworkInputError("applications lack a 'region' column: the owners cannot be placed (expected the "
                                "applications table of a reader that places applicants)")
    t, notes = _inventor_rows(inventors, level)
    inv_w = _with_applications(_patent_weights(t), applications, notes)
    a = applications.drop_duplicates(["patent_id", "applicant_id"])
    owner = a["region"].astype("string").fillna("").str.strip().astype(str)
    if level is not None:
        owner = at_level(owner, level)
    if not (owner != "").any():
        raise NetworkInputError("applications: no applicant has a region"
                                + (f" at level {level}" if level is not None else "")
                                + ": ownership cannot be placed")
    own = pd.DataFrame({"patent_id": a["patent_id"].astype(str).to_numpy(), "region": owner.to_numpy()})
    own["w"] = 1.0 / own.groupby("patent_id")["patent_id"].transform("size")
    own = own.groupby(["patent_id", "region"])["w"].sum().reset_index()
    inv_w = inv_w[["patent_id", "region", "w"]]
    both = inv_w.merge(own, on=["patent_id", "region"], how="outer", suffixes=("_i", "_a")).fillna(
        {"w_i": 0.0, "w_a": 0.0})
    unknown_i = inv_w[inv_w["region"] == ""].groupby("patent_id")["w"].sum()
    unknown_a = own[own["region"] == ""].groupby("patent_id")["w"].sum()
    ui = both["patent_id"].map(unknown_i).fillna(0.0).to_numpy()
    ua = both["patent_id"].map(unknown_a).fillna(0.0).to_numpy()
    wi, wa = both["w_i"].to_numpy(), both["w_a"].to_numpy()
    both = both.assign(
        inv_out=wi * np.clip(1.0 - wa - ua, 0.0, None), inv_unk=wi * ua,
        own_out=wa * np.clip(1.0 - wi - ui, 0.0, None), own_unk=wa * ui,
        has_i=wi > 0, has_a=wa > 0)
    g = both.groupby("region").agg(
        invented=("w_i", "sum"), owned=("w_a", "sum"), n_invented=("has_i", "sum"), n_owned=("has_a", "sum"),
        inv_out=("inv_out", "sum"), inv_unk=("inv_unk", "sum"), own_out=("own_out", "sum"),
        own_unk=("own_unk", "sum"))
    g = g[(g["invented"] > 1e-12) | (g["owned"] > 1e-12)]
    known = g.index != ""
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_base = g["invented"].where((g["invented"] > 1e-12) & known)
        own_base = g["owned"].where((g["owned"] > 1e-12) & known)
        out = pd.DataFrame({
            "region": g.index.astype(str), "invented": g["invented"].to_numpy(), "owned": g["owned"].to_numpy(),
            "n_invented": g["n_invented"].astype(int).to_numpy(), "n_owned": g["n_owned"].astype(int).to_numpy(),
            "invented_owned_outside": (g["inv_out"] / inv_base).to_numpy(),
            "invented_owner_unknown": (g["inv_unk"] / inv_base).to_numpy(),
            "owned_invented_outside": (g["own_out"] / own_base).to_numpy(),
            "owned_inventor_unknown": (g["own_unk"] / own_base).to_numpy(),
        })
    never_inv = int((known & (g["invented"] <= 1e-12)).sum())
    never_own = int((known & (g["owned"] <= 1e-12)).sum())
    if never_inv:
        notes.append("1 region owns patents but invents none in these data: its share of inventions owned outside "
                     "is not defined" if never_inv == 1 else f"{never_inv:,} regions own patents but invent none in "
                     "these data: their shares of inventions owned outside are not defined")
    if never_own:
        notes.append("1 region invents patents but owns none in these data: its share of owned patents invented "
                     "outside is not defined" if never_own == 1 else f"{never_own:,} regions invent patents but own "
                     "none in these data: their shares of owned patents invented outside are not defined")
    out = out.sort_values(["invented", "owned", "region"], ascending=[False, False, True],
                          kind="stable").reset_index(drop=True)
    n_patents = int(both["patent_id"].nunique())
    out.attrs = {"level": level, "n_patents": n_patents, "notes": notes}
    return out


__all__ = ["INVENTOR_REGION_SOURCES", "co_inventor_flows", "invention_vs_ownership", "inventor_region_shares"]
