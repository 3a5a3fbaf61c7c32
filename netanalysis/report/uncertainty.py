"""Bootstrap confidence intervals for the headline shares, resampling patents."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .. import metrics as m
from .. import network as nw
from .._errors import NetworkInputError
from .._parallel import map_batches, resolve_jobs
from .indicators import SHARES, UNIV_SME, headline_indicators, sme_comparable


@dataclass(frozen=True)
class _BootState:
    applications: pd.DataFrame  # the period's rows only
    patent_codes: np.ndarray  # row -> patent code
    n_patents: int
    actors: pd.DataFrame
    region: list[str] | None
    end_year: int | None
    core: dict[str, list[str]] | None
    univ_sme: np.ndarray  # per observed typed dyad: is it a university–SME tie
    one_time: np.ndarray  # per observed typed dyad: is it one-time


def _one_time_shares(state: _BootState, rng: np.random.Generator) -> tuple[float, float]:
    """University–SME and other one-time shares of one sample of the observed ties."""
    pick = rng.integers(0, len(state.one_time), len(state.one_time))
    us, once = state.univ_sme[pick], state.one_time[pick]
    mean = lambda x: float(x.mean()) if len(x) else float("nan")  # noqa: E731
    return mean(once[us]), mean(once[~us])


def _replicate(state: _BootState, rng: np.random.Generator) -> np.ndarray:
    """The shares of one bootstrap sample: patents drawn with replacement, each copy its own patent
    (ties drawn with replacement for the one-time shares)."""
    one_time = _one_time_shares(state, rng) if len(state.one_time) else (float("nan"), float("nan"))
    draws = np.bincount(rng.integers(0, state.n_patents, state.n_patents), minlength=state.n_patents)
    times = draws[state.patent_codes]
    apps = state.applications.loc[state.applications.index.repeat(times)]
    copy = apps.groupby(level=0).cumcount().astype(str)
    apps = apps.assign(patent_id=apps["patent_id"].astype(str) + "#" + copy.to_numpy())
    edges = nw.edges_from_applications(apps.reset_index(drop=True), region=state.region)
    if edges.empty:
        return np.full(len(SHARES), np.nan)
    s = headline_indicators(edges, state.actors, state.region, end_year=state.end_year, core=state.core)
    s["univ_sme_one_time"], s["other_one_time"] = one_time
    s["one_time_gap"] = one_time[0] - one_time[1]
    return s[list(SHARES)].to_numpy(dtype=float)


def _batch(state: _BootState, seeds: list[np.random.SeedSequence]) -> np.ndarray:
    return np.vstack([_replicate(state, np.random.default_rng(s)) for s in seeds])


def bootstrap_indicators(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    region: list[str] | None = None,
    years: tuple[int, int] | None = None,
    n: int = 200,
    seed: int = 0,
    level: float = 0.95,
    core: dict[str, list[str]] | None = None,
    n_jobs: int | None = 1,
    verbose: bool = False,
    observed: pd.Series | None = None,
) -> pd.DataFrame:
    """Percentile bootstrap intervals of the headline shares, resampling patents.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (``patent_id, applicant_id, year, region``).
    actors : pandas.DataFrame
        Actor table.
    region : list of str, optional
        Focal region codes (ties touching them, as in the report); ``None``: every tie.
    years : (int, int), optional
        Filing years kept (inclusive).
    n : int
        Bootstrap samples (default 200).
    seed : int
        Seed; the same seed gives the same intervals for any ``n_jobs``.
    level : float
        Confidence level of the intervals (default 0.95).
    core : dict, optional
        Core regions by country (see :func:`netanalysis.metrics.regional_openness`).
    n_jobs : int or None
        Worker processes (``None`` / ``-1``: all cores).
    verbose : bool
        Progress bar.
    observed : pandas.Series, optional
        :func:`~netanalysis.report.indicators.headline_indicators` of the observed data when
        the caller has it already (the report does), so its betweenness is not computed again.

    Returns
    -------
    pandas.DataFrame
        One row per share of :data:`~netanalysis.report.indicators.SHARES`:
        ``indicator, estimate`` (on the observed data), ``low, high`` (the percentile
        interval), ``se`` (sd of the bootstrap samples) and ``n_valid`` (samples in which
        the share is defined).

    Notes
    -----
    Patents are the sampling units of the network shares: a sample draws as many patents
    as the period has, with replacement, a patent drawn twice counting as two patents, and
    every share is recomputed exactly as on the observed data, betweenness included; the
    interval says how much a share depends on which patents happened to be filed.  The
    one-time shares are means over ties, and a patent drawn twice would turn its tie
    from one-time into a two-patent tie, so for them the ties are drawn with replacement
    instead (the cluster bootstrap of a share).  Actors keep their observed type and
    region.  Percentile intervals (Efron &
    Tibshirani 1993, ch. 13); 200 samples are enough for a 95 % interval's ends to about
    one percentage point on a network of a few thousand ties.

    References
    ----------
    B. Efron, R. J. Tibshirani (1993). An Introduction to the Bootstrap. Chapman & Hall.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
    ...     "applicant_id": ["U", "a", "U", "b", "a", "b"], "year": 2010, "region": "KR-27"})
    >>> act = pd.DataFrame({"applicant_id": ["U", "a", "b"], "actor_type": ["university", "sme", "sme"],
    ...                     "region": "KR-27", "country": "KR"})
    >>> ci = bootstrap_indicators(apps, act, ["KR-27"], n=50, seed=1).set_index("indicator")
    >>> float(ci.loc["outside_all", "high"])  # every tie is internal in every sample
    0.0
    """
    if n < 2:
        raise NetworkInputError(f"n={n}; expected at least 2 bootstrap samples")
    if not 0 < level < 1:
        raise NetworkInputError(f"level={level}; expected a confidence level between 0 and 1, e.g. 0.95")
    apps = applications if years is None else applications[applications["year"].between(*years)]
    apps = apps.reset_index(drop=True)
    if apps.empty:
        raise NetworkInputError("no application in the years asked for; nothing to resample")
    pcode, pids = pd.factorize(apps["patent_id"])
    edges = nw.edges_from_applications(apps, region=region)
    end_year = None if years is None else years[1]
    if observed is None:
        observed = headline_indicators(edges, actors, region, end_year=end_year, core=core)
    observed = observed[list(SHARES)]
    dyads = m.dyad_persistence(edges, actors)
    dyads = sme_comparable(dyads)  # as the observed shares: university ties with unknown-size firms left out
    state = _BootState(apps, np.asarray(pcode), len(pids), actors, region, end_year, core,
                       (dyads["type_pair"] == UNIV_SME).to_numpy(), dyads["one_time"].to_numpy(dtype=bool))
    seeds = np.random.SeedSequence(seed).spawn(n)
    batches = [seeds[i:i + 10] for i in range(0, n, 10)]
    parts = map_batches(_batch, state, tqdm(batches, disable=not verbose, desc="bootstrap"),
                        resolve_jobs(n_jobs), work=float(n) * len(apps) * 1e3)
    samples = np.vstack(parts)
    alpha = (1 - level) / 2
    with np.errstate(invalid="ignore"):
        valid = np.isfinite(samples).sum(axis=0)
        low = [np.nanquantile(c, alpha) if k else np.nan for c, k in zip(samples.T, valid, strict=True)]
        high = [np.nanquantile(c, 1 - alpha) if k else np.nan for c, k in zip(samples.T, valid, strict=True)]
        se = [np.nanstd(c, ddof=1) if k > 1 else np.nan for c, k in zip(samples.T, valid, strict=True)]
    out = pd.DataFrame({"indicator": list(SHARES), "estimate": observed.to_numpy(dtype=float),
                        "low": low, "high": high, "se": se, "n_valid": valid})
    out.attrs["bootstrap"] = {"n": n, "seed": seed, "level": level, "unit": "patent"}
    return out


__all__ = ["bootstrap_indicators"]
