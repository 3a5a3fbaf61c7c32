"""Calibration of the bipartite null model: on data drawn FROM the null, p-values are uniform.

Every dataset below is a random patent–applicant network with the degree sequences of one
small base network (drawn by a long curveball chain, so no patent lists an applicant twice,
as in real data); the null model's p-value of "universities have higher betweenness than
chance" must then be uniform: P(p ≤ α) = α.  Betweenness means on small graphs tie often, so
uniformity is checked on the randomised p-value that splits ties at random (exactly uniform
under exchangeability); the package's ``p_greater`` counts ties as exceedances, so it is at
least as large (valid, P(p ≤ α) ≤ α), which is checked too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import netanalysis.metrics as m
from netanalysis._errors import NetworkInputError
from netanalysis.metrics._curveball import curveball, sequential_p


def _base(seed: int = 7) -> tuple[np.ndarray, np.ndarray, int, pd.DataFrame]:
    """A base network: 40 patents of 1–4 applicants over 30 applicants (6 universities)."""
    rng = np.random.default_rng(seed)
    n_u = 30
    sizes = rng.choice([1, 2, 2, 3, 3, 4], size=40)
    weight = np.r_[np.full(6, 3.0), np.ones(n_u - 6)]  # universities file more
    members = [rng.choice(n_u, size=s, replace=False, p=weight / weight.sum()) for s in sizes]
    indptr = np.r_[0, np.cumsum(sizes)].astype(np.int64)
    act = pd.DataFrame({"applicant_id": [f"a{i}" for i in range(n_u)],
                        "actor_type": ["university"] * 6 + ["sme"] * (n_u - 6)})
    return indptr, np.concatenate(members).astype(np.int64), n_u, act


def _table(indptr: np.ndarray, members: np.ndarray) -> pd.DataFrame:
    pid = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    return pd.DataFrame({"patent_id": [f"p{i}" for i in pid], "applicant_id": [f"a{u}" for u in members],
                         "year": 2010, "region": ""})


def test_curveball_keeps_both_degree_sequences_and_never_repeats_an_applicant():
    indptr, members, n_u, _ = _base()
    out = curveball(indptr, members, n_u, 5000, seed=3)
    assert np.array_equal(np.bincount(out, minlength=n_u), np.bincount(members, minlength=n_u))
    for i in range(len(indptr) - 1):
        row = out[indptr[i]:indptr[i + 1]]
        assert len(set(row.tolist())) == len(row)
    assert not np.array_equal(out, members)  # it did move
    # the same seed, the same draw
    assert np.array_equal(out, curveball(indptr, members, n_u, 5000, seed=3))


def test_curveball_is_uniform_on_a_tiny_space():
    # two patents of two applicants over applicants 0..3 of one patent each: the networks with
    # these degrees are the C(4,2) = 6 choices of the first patent's pair; uniform: 1/6 each
    indptr, members = np.array([0, 2, 4]), np.array([0, 1, 2, 3])
    first = pd.Series([frozenset(curveball(indptr, members, 4, 7, seed=s)[:2].tolist()) for s in range(3000)])
    counts = first.value_counts().to_numpy()
    assert len(counts) == 6
    assert stats.chisquare(counts).pvalue > 0.001


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_p_values_are_uniform_on_data_drawn_from_the_null():
    indptr, members, n_u, act = _base()
    rng = np.random.default_rng(11)
    n_rep, n_draws = 200, 39
    p_rand, p_pkg = [], []
    for r in range(n_rep):
        data = curveball(indptr, members, n_u, 20_000, seed=1000 + r)  # a dataset drawn from the null
        res = m.bipartite_null_model(_table(indptr, data), act, n=n_draws, seed=r, sequential=None,
                                     trades_per_patent=3).set_index("actor_type")
        obs = float(res.loc["university", "observed"])
        null = np.asarray(res.attrs["null_model"]["draws"]["university"])
        null = null[np.isfinite(null)]
        above, tied = int((null > obs + 1e-12).sum()), int((np.abs(null - obs) <= 1e-12).sum())
        p_rand.append((above + rng.uniform() * (tied + 1)) / (len(null) + 1))
        p_pkg.append(float(res.loc["university", "p_greater"]))
    p_rand_a, p_pkg_a = np.array(p_rand), np.array(p_pkg)
    assert stats.kstest(p_rand_a, "uniform").pvalue > 0.01
    assert (p_pkg_a >= p_rand_a - 1e-12).all()
    for alpha in (0.05, 0.1, 0.25):  # valid: never more rejections than α, beyond binomial noise
        assert (p_pkg_a <= alpha).mean() <= alpha + 2.6 * np.sqrt(alpha * (1 - alpha) / n_rep)


def test_sequential_p_matches_the_fixed_count_when_it_never_stops():
    null = np.array([[0.1], [0.3], [0.2], [0.05]])
    p, used, stopped = sequential_p(np.array([0.25]), null, h=5)
    assert p[0] == pytest.approx(2 / 5) and used[0] == 4 and not stopped[0]


def test_sequential_stops_early_and_states_the_draws():
    indptr, members, _, act = _base()
    res = m.bipartite_null_model(_table(indptr, members), act, n=2000, seed=1, sequential=10)
    info = res.attrs["null_model"]
    # the base network is typical of its null: both groups' p are settled once 10 draws are
    # at least as large, far before 2000; the p-value is then 10 / (the draws it took)
    assert res["stopped_early"].all() and info["stopped_early"] and info["n"] < 200
    assert (res["p_greater"] == 10 / res["n_draws_p"]).all()
    assert res["n_draws_p"].max() <= info["n"]
    assert info["max_draws"] == 2000 and info["sequential_h"] == 10
    assert (res["n_draws_p"] <= info["n"]).all()


@pytest.mark.parametrize("n", [0, -3, 10**7, 2.5])
def test_bad_numbers_of_draws_are_refused(n):
    indptr, members, _, act = _base()
    with pytest.raises(NetworkInputError, match="null model runs"):
        m.bipartite_null_model(_table(indptr, members), act, n=n)
