"""The report's bootstrap: the observed share, reproducible, no width when certain, bad arguments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _tables import T, _universities, make

import netanalysis as na
from netanalysis.report import uncertainty as u
from netanalysis.report.indicators import headline_indicators
from netanalysis.report.uncertainty import bootstrap_indicators, check_samples
from netanalysis.run import RunSettings, build_context


@pytest.fixture(scope="module")
def sample_ctx():
    return build_context(RunSettings(null_model_runs=30))




@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
def test_bootstrap_estimate_is_the_observed_share_and_reproducible(sample_ctx):
    ctx = sample_ctx
    apps = ctx.processed.applications
    a = bootstrap_indicators(apps, ctx.actors, ctx.focal, ctx.years, n=12, seed=4, n_jobs=1)
    b = bootstrap_indicators(apps, ctx.actors, ctx.focal, ctx.years, n=12, seed=4, n_jobs=2)
    pd.testing.assert_frame_equal(a, b)
    ind = headline_indicators(ctx.edges, ctx.actors, ctx.focal, ctx.centrality, end_year=ctx.years[1])
    for row in a.itertuples():
        assert row.estimate == pytest.approx(float(ind[row.indicator]))
        assert row.low <= row.high and row.n_valid == 12


@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
def test_bootstrap_of_a_certain_share_has_no_width():
    apps, act = make([("p1", ["U", "a"], 2010), ("p2", ["U", "b"], 2011), ("p3", ["a", "b"], 2012)],
                     {"U": ("university", T), "a": ("sme", T), "b": ("sme", T)})
    ci = bootstrap_indicators(apps, act, [T], n=40, seed=1).set_index("indicator")
    assert ci.loc["outside_all", "low"] == ci.loc["outside_all", "high"] == 0.0
    assert ci.loc["univ_sme_one_time", "low"] == ci.loc["univ_sme_one_time", "high"] == 1.0


def test_bootstrap_rejects_bad_arguments():
    apps, act = _universities(1, 2)
    with pytest.raises(na.NetworkInputError, match="from 2 to 10,000"):
        bootstrap_indicators(apps, act, n=1)
    with pytest.raises(na.NetworkInputError, match="bootstrap samples = 10,000,000; expected a whole number"):
        bootstrap_indicators(apps, act, n=10**7)  # an hour of work refused at once, not started
    with pytest.raises(na.NetworkInputError, match="confidence level"):
        bootstrap_indicators(apps, act, n=5, level=95)


def test_check_samples_bounds():
    check_samples(2)
    check_samples(u.MAX_SAMPLES)
    for bad in (0, 1, u.MAX_SAMPLES + 1, 2.5, True, "50"):
        with pytest.raises(na.NetworkInputError, match="bootstrap samples"):
            check_samples(bad)


def _both_ways(apps, act, region, years, unit, n, seed=3):
    """The samples by per-tie counts and by rebuilding each sample's tables (the definition)."""
    edges = na.edges_from_applications(apps, years=years, region=region) if region else \
        na.edges_from_applications(apps, years=years)
    seeds = np.random.SeedSequence(seed).spawn(n)
    fast = u._batch(u._state(apps, act, region, years, None, unit, edges, by_counts=True)[0], seeds)
    slow = u._batch(u._state(apps, act, region, years, None, unit, edges, by_counts=False)[0], seeds)
    return fast, slow


@pytest.mark.parametrize("unit", ["actors", "patents"])
def test_samples_by_counts_are_the_tables_numbers(sample_ctx, unit):
    """No table is rebuilt per sample, yet every share of every sample is the number the metric
    functions give on that sample's rebuilt tables, to the last bit (NaN where undefined), on the
    sample's focus and on a hand-made focus with outside partners and a large collaboration."""
    ctx = sample_ctx
    fast, slow = _both_ways(ctx.processed.applications, ctx.actors, ctx.focal, ctx.years, unit, n=8)
    assert np.array_equal(fast, slow, equal_nan=True)
    assert np.isfinite(fast).mean() > 0.9  # the comparison is of numbers, not of NaNs
    apps, act = make([("p1", ["U", "a"], 2010), ("p2", ["U", "b", "x"], 2011), ("p3", ["a", "x"], 2012),
                      ("p4", ["U", "V"], 2012), ("p5", ["b", "y"], 2013), ("p6", ["U", "a"], 2014)],
                     {"U": ("university", T), "V": ("university", "KR-11"), "a": ("sme", T), "b": ("sme", T),
                      "x": ("large_firm", "KR-11"), "y": ("sme", "KR-26")})
    fast, slow = _both_ways(apps, act, [T], (2010, 2014), unit, n=40)
    assert np.array_equal(fast, slow, equal_nan=True)


def test_samples_by_counts_whole_network(sample_ctx):
    """Without a focus (no openness shares), both units."""
    ctx = sample_ctx
    apps = ctx.processed.applications
    apps = apps[apps["year"].between(2015, 2020)]  # a smaller network: the rebuilt tables are slow
    for unit in ("actors", "patents"):
        fast, slow = _both_ways(apps, ctx.actors, None, (2015, 2020), unit, n=4)
        assert np.array_equal(fast, slow, equal_nan=True)
