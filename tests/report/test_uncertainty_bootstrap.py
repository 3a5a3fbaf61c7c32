"""The report's bootstrap: the observed share, reproducible, no width when certain, bad arguments."""

from __future__ import annotations

import pandas as pd
import pytest
from _tables import T, _universities, make

import netanalysis as na
from netanalysis.report.indicators import headline_indicators
from netanalysis.report.uncertainty import bootstrap_indicators
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
    with pytest.raises(na.NetworkInputError, match="at least 2"):
        bootstrap_indicators(apps, act, n=1)
    with pytest.raises(na.NetworkInputError, match="confidence level"):
        bootstrap_indicators(apps, act, n=5, level=95)
