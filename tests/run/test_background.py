"""The run's slow computations in worker processes: the same tables as computed in place."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.run import RunSettings, build_context, run_figures, start_background
from netanalysis.run.background import BACKGROUND_STEPS, _bootstrap, _bootstrap_key, _observed_indicators
from netanalysis.run.steps import MIXING_NULL, NULL_MODELS, STEPS, _null_tables


@pytest.fixture(scope="module")
def ctx():
    return build_context(RunSettings(null_model_runs=20, bootstrap_samples=6))


def test_start_background_on_one_core_starts_nothing(ctx):
    assert start_background(ctx, n_jobs=1) is None
    assert ctx.computed("anything", lambda: 42) == 42  # no background: computed in place


def test_background_tables_equal_the_tables_computed_in_place(ctx):
    steps = {s.name: s for s in STEPS}
    with start_background(ctx, n_jobs=2, n_boot=6, seed=1) as pool:
        assert pool is not None
        for key in (NULL_MODELS, *BACKGROUND_STEPS, *(_bootstrap_key(u, 6, 1) for u in ("actors", "patents"))):
            assert key in pool
        ctx.background = pool
        try:
            got = {key: ctx.computed(key, lambda: pytest.fail("taken from the workers"))
                   for key in (NULL_MODELS, *BACKGROUND_STEPS)}
            boots = {u: ctx.computed(_bootstrap_key(u, 6, 1), lambda: pytest.fail("taken from the workers"))
                     for u in ("actors", "patents")}
        finally:
            ctx.background = None
    between, mixing = _null_tables(ctx, n_jobs=1)
    pd.testing.assert_frame_equal(got[NULL_MODELS][0], between)
    pd.testing.assert_frame_equal(got[NULL_MODELS][1], mixing)
    for name in BACKGROUND_STEPS:
        pd.testing.assert_frame_equal(got[name], steps[name].compute(ctx))
    ind = _observed_indicators(ctx)
    for unit, (table, notes) in boots.items():
        here, here_notes = _bootstrap(ctx, unit, 6, 1, observed=ind)
        pd.testing.assert_frame_equal(table, here)
        assert table.attrs == here.attrs and notes == here_notes


def test_the_null_step_keeps_the_mixing_model_for_the_report(ctx):
    between = {s.name: s for s in STEPS}["11_betweenness_null_model"].compute(ctx)
    assert between.attrs["null_model"]["max_draws"] == 20
    assert ctx.tables[MIXING_NULL].attrs["null_model"]["n"] == 20


@pytest.mark.slow  # a second whole figure run
def test_figures_in_one_process_equal_figures_with_workers(sample_figures, tmp_path):
    """The main job with its slow tables in worker processes (the session's run: n_jobs=None) and in
    one process (n_jobs=1): every file byte for byte — tables, figures and the report."""
    manifest = run_figures(out=tmp_path / "serial", n_jobs=1, **sample_figures.parameters)
    files = {o["file"]: o["sha256"] for o in manifest["outputs"] if "file" in o}
    assert files == {o["file"]: o["sha256"] for o in sample_figures.manifest["outputs"] if "file" in o}
