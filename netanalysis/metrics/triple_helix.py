"""Triple-helix synergy: mutual information among university, industry and government participation.

Each patent is a point in a 2 × 2 × 2 table: does a university (U), a firm (I) and a
government body or public research institute (G) appear among its applicants?  The
three-way mutual information T(UIG) of that table, in bits (Leydesdorff 2003), is computed
for the patents of every region of a level, per period, with seeded bootstrap intervals.

Actor types map to the helices as follows (``HELIX``): ``university`` → U;
``large_firm``, ``sme``, ``firm`` → I; ``government``, ``research_institute`` → G;
``hospital``, ``individual``, ``other`` → none of the three (the patent still counts, in
the cell where all three are absent).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from .specialisation import _located

#: Which helix each actor type belongs to (types not listed belong to none).
HELIX: dict[str, str] = {
    "university": "U",
    "large_firm": "I", "sme": "I", "firm": "I",
    "government": "G", "research_institute": "G",
}
_NAMES = {"U": "university", "I": "industry", "G": "government"}
_NOUN = {"U": "a university", "I": "a firm", "G": "a government or public-research"}


def _entropy(p: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """Shannon entropy in bits of the marginal of ``p`` (…, 2, 2, 2) kept on ``axes`` (of the last 3)."""
    drop = tuple(a - 3 for a in range(3) if a not in axes)
    q = p.sum(axis=drop) if drop else p
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(q > 0, -q * np.log2(np.where(q > 0, q, 1.0)), 0.0)
    return terms.reshape(*terms.shape[: terms.ndim - len(axes)], -1).sum(axis=-1)


def _t_uig(cells: np.ndarray) -> np.ndarray:
    """T(UIG) in bits from cell counts (…, 8), cell = 4·U + 2·I + G."""
    c = np.asarray(cells, dtype=float)
    p = (c / c.sum(axis=-1, keepdims=True)).reshape(*c.shape[:-1], 2, 2, 2)
    h = {ax: _entropy(p, ax) for ax in [(0,), (1,), (2,), (0, 1), (0, 2), (1, 2), (0, 1, 2)]}
    return h[(0,)] + h[(1,)] + h[(2,)] - h[(0, 1)] - h[(0, 2)] - h[(1, 2)] + h[(0, 1, 2)]


def uig_mutual_information(presence: pd.DataFrame) -> float:
    """T(UIG): the three-way mutual information of U, I, G participation, in bits.

    Parameters
    ----------
    presence : pandas.DataFrame
        One row per patent; boolean (or 0/1) columns ``university``, ``industry``,
        ``government``.

    Returns
    -------
    float
        T(UIG) in bits; negative values mean synergy (the three together reduce
        uncertainty more than the pairs).  NaN when fewer than two patents, or when one of
        the three never varies (then T is 0 by construction and says nothing; :func:`triple_helix`
        says which in its ``note`` column).

    Raises
    ------
    NetworkInputError
        A missing column.

    Notes
    -----
    .. math:: T_{UIG} = H_U + H_I + H_G - H_{UI} - H_{UG} - H_{IG} + H_{UIG},
              \\qquad H_X = -\\sum_x p_x \\log_2 p_x

    over the 2 × 2 × 2 table of the patents' participation (Leydesdorff 2003, eq. 6; Park &
    Leydesdorff 2010).  Since :math:`T = I(U;I) - I(U;I \\mid G)`, a constant G (or U, or
    I) makes T exactly 0.

    References
    ----------
    Leydesdorff, L. (2003). The mutual information of university-industry-government
    relations: an indicator of the Triple Helix dynamics. Scientometrics 58(2), 445–467.
    Park, H. W., Leydesdorff, L. (2010). Longitudinal trends in networks of
    university–industry–government relations in South Korea: the role of programmatic
    incentives. Research Policy 39(5), 640–649.

    Examples
    --------
    >>> pres = pd.DataFrame({"university": [1, 1, 0, 0], "industry": [1, 0, 1, 0],
    ...                      "government": [0, 1, 1, 0]})
    >>> uig_mutual_information(pres)
    -1.0
    """
    missing = [c for c in _NAMES.values() if c not in presence]
    if missing:
        raise NetworkInputError(f"presence lacks column(s) {missing}; expected university, industry, government")
    b = presence[list(_NAMES.values())].astype(bool).to_numpy()
    if len(b) < 2 or (b.all(axis=0) | ~b.any(axis=0)).any():
        return float("nan")
    cells = np.bincount(b @ np.array([4, 2, 1]), minlength=8)
    return float(_t_uig(cells))


def _period_of(year: pd.Series, periods: Sequence[tuple[int, int]] | None) -> pd.Series:
    if periods is None:
        return pd.Series("all", index=year.index)
    label = pd.Series(pd.NA, index=year.index, dtype="string")
    for i, (lo, hi) in enumerate(periods):
        if lo > hi:
            raise NetworkInputError(f"period {(lo, hi)}: the first year is after the last")
        for lo2, hi2 in periods[:i]:
            if lo <= hi2 and lo2 <= hi:
                raise NetworkInputError(f"period {(lo, hi)} overlaps {(lo2, hi2)}")
        label[(year >= lo) & (year <= hi)] = f"{lo}-{hi}"
    return label


def triple_helix(
    applications: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    level: int | None = None,
    periods: Sequence[tuple[int, int]] | None = None,
    regions: Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    """T(UIG) of every region's patents, per period, with bootstrap intervals, side by side.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table (``patent_id, applicant_id, year``; ``actor_type`` and
        ``region`` when no actors table is given).
    actors : pandas.DataFrame, optional
        Actor table (``applicant_id, actor_type, region``): each applicant's type and usual
        region.
    level : int, optional
        Regions at this level (1: sido / NUTS 1, 2: si-gun-gu / NUTS 2 …); default: as
        recorded.
    periods : sequence of (first_year, last_year), optional
        Inclusive, non-overlapping; default one period ``"all"``.  Patents outside every
        period are left out.
    regions : sequence of str, optional
        Regions to report (each gets a row per period even with no patents); default every
        region at ``level`` holding an applicant.
    n_boot : int
        Bootstrap resamples of the region's patents (0: no interval).
    seed : int
        Seed of the bootstrap (``numpy.random.default_rng``).
    ci : float
        Coverage of the percentile interval.

    Returns
    -------
    pandas.DataFrame
        One row per region and period: ``region, period, n_patents, share_university,
        share_industry, share_government, t_uig`` (bits), ``ci_low, ci_high, note``; a
        row that cannot be computed has NaN and its ``note`` says why.  ``attrs``:
        ``helix`` (the type mapping), ``n_boot``, ``seed``, ``ci``.

    Raises
    ------
    NetworkInputError
        Missing columns, bad periods, no applicant with a region or a type.

    Notes
    -----
    A region's patents are those with at least one applicant located in it; U, I and G
    are read from *all* the patent's applicants (the collaboration the region takes part
    in).  T(UIG) is computed as in :func:`uig_mutual_information`.  The bootstrap draws
    ``n`` patents with replacement from the region's ``n`` patents, which is a multinomial
    draw over the eight cells of the 2 × 2 × 2 table with the observed shares; the
    interval is the percentile interval of T over the resamples.

    References
    ----------
    Leydesdorff, L. (2003). Scientometrics 58(2), 445–467.
    Park, H. W., Leydesdorff, L. (2010). Research Policy 39(5), 640–649.
    Efron, B., Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4"],
    ...     "applicant_id": ["u", "f", "u", "g", "f", "g", "h"], "year": 2010,
    ...     "actor_type": ["university", "sme", "university", "government", "sme", "government", "individual"],
    ...     "region": "X"})
    >>> triple_helix(apps, n_boot=0)[["region", "n_patents", "t_uig"]].to_dict("records")
    [{'region': 'X', 'n_patents': 4, 't_uig': -1.0}]
    """
    check_inputs(applications=applications)
    if not 0 < ci < 1:
        raise NetworkInputError(f"ci={ci}; expected a coverage between 0 and 1")
    if n_boot < 0:
        raise NetworkInputError(f"n_boot={n_boot}; expected 0 or more resamples")
    if "year" not in applications and periods is not None:
        raise NetworkInputError("applications lack a 'year' column: periods cannot be told")
    who = _located(applications, actors, level)
    if actors is not None:
        if "actor_type" not in actors:
            raise NetworkInputError("actors lack an 'actor_type' column: U, I and G cannot be told")
        kind = who["applicant_id"].map(actors.drop_duplicates("applicant_id").set_index("applicant_id")["actor_type"])
    elif "actor_type" in applications:
        kind = applications.drop_duplicates(["patent_id", "applicant_id"])["actor_type"].reset_index(drop=True)
    else:
        raise NetworkInputError("applications lack an 'actor_type' column and no actors table was given")
    helix = kind.astype("string").map(HELIX).fillna("")
    flags = pd.DataFrame({h: (helix == h).to_numpy() for h in "UIG"}).assign(patent_id=who["patent_id"].to_numpy())
    per_patent = flags.groupby("patent_id")[["U", "I", "G"]].any()
    cell = (per_patent["U"] * 4 + per_patent["I"] * 2 + per_patent["G"]).astype(int).rename("cell")
    year = (applications.drop_duplicates("patent_id").set_index("patent_id")["year"]
            if "year" in applications else pd.Series(0, index=per_patent.index))
    period = _period_of(year.reindex(per_patent.index), periods).rename("period")
    located = who.loc[who["region"] != "", ["patent_id", "region"]].drop_duplicates()
    if located.empty:
        raise NetworkInputError("no applicant has a region" + (f" at level {level}" if level is not None else ""))
    rows = located.join(cell, on="patent_id").join(period, on="patent_id").dropna(subset=["period"])
    table = pd.crosstab([rows["region"], rows["period"]], rows["cell"]).reindex(columns=range(8), fill_value=0)
    labels = ["all"] if periods is None else [f"{lo}-{hi}" for lo, hi in periods]
    wanted = sorted(located["region"].unique()) if regions is None else list(regions)
    full = pd.MultiIndex.from_product([wanted, labels], names=["region", "period"])
    table = table.reindex(full, fill_value=0)
    counts = table.to_numpy()
    n = counts.sum(axis=1)
    cube = counts.reshape(-1, 2, 2, 2)
    share = {h: cube.sum(axis=tuple(a + 1 for a in range(3) if a != i)) for i, h in enumerate("UIG")}
    with np.errstate(divide="ignore", invalid="ignore"):
        present = {h: share[h][:, 1] / n for h in "UIG"}
        t = _t_uig(counts)
    notes = np.full(len(n), "", dtype=object)
    constant = {h: (share[h][:, 1] == 0) | (share[h][:, 1] == n) for h in "UIG"}
    for h in "UIG":
        what = np.where(share[h][:, 1] == 0, f"no patent has {_NOUN[h]} applicant",
                        f"every patent has {_NOUN[h]} applicant")
        add = constant[h] & (n >= 2)
        notes[add] = [f"{x}; {w}" if x else f"cannot be computed: {w} (T is 0 by construction)"
                      for x, w in zip(notes[add], what[add], strict=True)]
    notes[n == 1] = "cannot be computed: one patent"
    notes[n == 0] = "cannot be computed: no patents in this region and period"
    bad = (n < 2) | constant["U"] | constant["I"] | constant["G"]
    t = np.where(bad, np.nan, t)
    lo_hi = np.full((len(n), 2), np.nan)
    if n_boot and (~bad).any():
        rng = np.random.default_rng(seed)
        ok = np.flatnonzero(~bad)
        draws = rng.multinomial(n[ok], counts[ok] / n[ok, None], size=(n_boot, len(ok)))
        boot = _t_uig(draws)
        lo_hi[ok] = np.quantile(boot, [(1 - ci) / 2, (1 + ci) / 2], axis=0).T
    out = pd.DataFrame({
        "region": full.get_level_values("region"), "period": full.get_level_values("period"),
        "n_patents": n.astype(int),
        "share_university": present["U"], "share_industry": present["I"], "share_government": present["G"],
        "t_uig": t, "ci_low": lo_hi[:, 0], "ci_high": lo_hi[:, 1], "note": notes.astype(str)})
    out.attrs = {"helix": dict(HELIX), "n_boot": n_boot, "seed": seed, "ci": ci}
    return out


__all__ = ["HELIX", "triple_helix", "uig_mutual_information"]
