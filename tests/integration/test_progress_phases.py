"""Progress for every long phase (issue 35, item 5): the mixing null model has its own bar, and
a bar over worker processes advances as their results arrive, not when the work is submitted."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from netanalysis._parallel import map_batches
from netanalysis.metrics.nullmodel import mixing_null_model


def _slow_kernel(state, batch):
    time.sleep(0.3)
    return np.asarray(batch, dtype=float) * state


def test_progress_counts_results_not_submissions():
    seen: list[float] = []
    start = time.perf_counter()
    out = map_batches(_slow_kernel, 2.0, [[1], [2], [3]], n_jobs=2, work=1e9, what="test",
                      progress=lambda k: seen.append(time.perf_counter() - start))
    assert [float(o[0]) for o in out] == [2.0, 4.0, 6.0]
    assert len(seen) == 3
    assert seen[0] >= 0.25  # the first tick comes after a batch is done (0.3 s), not at submission


def test_progress_in_process():
    ticks: list[int] = []
    out = map_batches(_slow_kernel, 1.0, [[1], [2]], n_jobs=1, work=0, progress=ticks.append)
    assert ticks == [1, 1] and [float(o[0]) for o in out] == [1.0, 2.0]


def test_mixing_null_model_bar_and_same_answer(capsys):
    # SYNTHETIC: two universities and two SMEs on three patents
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
                         "applicant_id": ["U", "V", "U", "a", "V", "b"], "year": 2010, "region": ""})
    act = pd.DataFrame({"applicant_id": ["U", "V", "a", "b"], "actor_type": ["university", "university", "sme", "sme"]})
    quiet = mixing_null_model(apps, act, n=120, seed=3)
    loud = mixing_null_model(apps, act, n=120, seed=3, verbose=True)
    pd.testing.assert_frame_equal(quiet, loud)
    err = capsys.readouterr().err
    assert "mixing null model" in err and "120/120" in err
