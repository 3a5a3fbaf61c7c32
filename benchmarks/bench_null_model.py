"""Issue 30: the bipartite null model — draws/s, sequential stopping and p-value calibration.

On the bundled SYNTHETIC sample (Daegu–Gyeongbuk, 2004–2020) it times, in one process and
on one core (CPU seconds, the machine being shared), the former null (stub matching: the
applicant column permuted across rows) against curveball trades, both with every draw
(``sequential=None``), then the default sequential rule (Besag & Clifford 1991, h = 20).
Then it draws 200 small datasets FROM the null (a long curveball chain from one base
network: no patent lists an applicant twice, as in real data) and tests each with both
methods: the randomised p-value (ties split at random) must be uniform (KS), the package's
``p_greater`` must reject no more than α.

Run: ``PYTHONPATH=. python3 benchmarks/bench_null_model.py [draws]`` (default 200).
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd
from scipy import stats

import netanalysis.metrics as m
from netanalysis.metrics._curveball import curveball
from netanalysis.run import RunSettings
from netanalysis.run.inputs import load_inputs, resolve_inputs


def draws_per_second(apps: pd.DataFrame, actors: pd.DataFrame, n: int) -> None:
    focus = ["KR-27", "KR-47"]
    for label, kw in [("stub matching, every draw (before)", {"method": "stub", "sequential": None}),
                      ("curveball, every draw", {"method": "curveball", "sequential": None}),
                      ("curveball, sequential h=20 (default)", {"method": "curveball"})]:
        t = time.process_time()
        r = m.bipartite_null_model(apps, actors, n=n, seed=1, region=focus, years=(2004, 2020), n_jobs=1, **kw)
        cpu = time.process_time() - t
        info = r.attrs["null_model"]
        print(f"{label:40s} {info['n']:5d} draws  {cpu:6.1f} CPU s  {info['n'] / cpu:6.1f} draws/s  "
              f"duplicates merged per draw {info['duplicates_merged']:.1f}")
        print("    draws each p used:", dict(zip(r["actor_type"], r["n_draws_p"], strict=True)))


def _base(seed: int = 7) -> tuple[np.ndarray, np.ndarray, int, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n_u = 30
    sizes = rng.choice([1, 2, 2, 3, 3, 4], size=40)
    weight = np.r_[np.full(6, 3.0), np.ones(n_u - 6)]
    members = [rng.choice(n_u, size=s, replace=False, p=weight / weight.sum()) for s in sizes]
    act = pd.DataFrame({"applicant_id": [f"a{i}" for i in range(n_u)],
                        "actor_type": ["university"] * 6 + ["sme"] * (n_u - 6)})
    return np.r_[0, np.cumsum(sizes)].astype(np.int64), np.concatenate(members).astype(np.int64), n_u, act


def calibration(n_rep: int = 200, n_draws: int = 39) -> None:
    indptr, members, n_u, act = _base()
    pid = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    for method in ("stub", "curveball"):
        rng = np.random.default_rng(11)
        p_rand, p_pkg = [], []
        for r in range(n_rep):
            data = curveball(indptr, members, n_u, 20_000, seed=1000 + r)
            apps = pd.DataFrame({"patent_id": [f"p{i}" for i in pid], "applicant_id": [f"a{u}" for u in data],
                                 "year": 2010, "region": ""})
            res = m.bipartite_null_model(apps, act, n=n_draws, seed=r, sequential=None, method=method,
                                         trades_per_patent=3).set_index("actor_type")
            obs = float(res.loc["university", "observed"])
            null = np.asarray(res.attrs["null_model"]["draws"]["university"])
            null = null[np.isfinite(null)]
            above, tied = int((null > obs + 1e-12).sum()), int((np.abs(null - obs) <= 1e-12).sum())
            p_rand.append((above + rng.uniform() * (tied + 1)) / (len(null) + 1))
            p_pkg.append(float(res.loc["university", "p_greater"]))
        pr, pp = np.array(p_rand), np.array(p_pkg)
        ks = stats.kstest(pr, "uniform")
        print(f"{method:10s} KS D = {ks.statistic:.3f}, p = {ks.pvalue:.3f}; mean p {pr.mean():.3f}; "
              f"P(p_greater <= 0.05) = {(pp <= 0.05).mean():.3f}, <= 0.10: {(pp <= 0.10).mean():.3f}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    s = RunSettings()
    processed = load_inputs(resolve_inputs(s.data, options=s.read))
    print("SYNTHETIC sample, one core")
    draws_per_second(processed.applications, processed.actors, n)
    print("\ncalibration: 200 datasets drawn from the null, 39 draws each")
    calibration()


if __name__ == "__main__":
    main()
