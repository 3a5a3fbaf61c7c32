"""Issue 30, item 3: does the sampled betweenness's standard error cover the exact value?

On SYNTHETIC benchmark graphs (``_synthetic.calibrated_applications``, the structure of the
PATSTAT Italian extracts, and ``synthetic_applications``) the exact betweenness is computed
once; then the sampled estimate with ``k`` sources (a share of the non-leaf actors) is drawn
for ``seeds`` seeds, and for each actor the share of seeds whose interval ``estimate ± 1.96
se`` holds the exact value.  Targets (issue 30): ≥ 90 % for the top-100 actors and ≥ 80 %
for every actor with betweenness > 0 — over all (actor, seed), or over those whose
``betweenness_se_reliable`` is True (the estimate vouches for their se), with the share
vouched for.  It also prints the se against the real spread (sd of the estimates over
seeds) and the accuracy (relative rms error of the top 100).

Run: ``PYTHONPATH=. python benchmarks/bench_se_coverage.py [seeds] [actors] [share] [estimators]``
(defaults 100, 3000, 0.2, ``auto``; e.g. ``auto,blocks,uniform``).  The same script runs on
an older version of the package (no ``betweenness_se_reliable``: nothing vouched for), so
``before → after`` can be measured in one job.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from _synthetic import calibrated_applications, synthetic_applications

import netanalysis.metrics as m
from netanalysis import network as nw


def coverage(apps, label: str, seeds: int, share: float, estimator: str) -> None:
    apps = apps.assign(region="", year=2010)
    g = nw.to_igraph(nw.edges_from_applications(apps), None)
    exact = m.betweenness(g, method="exact", n_jobs=1)["betweenness"].to_numpy()
    n_src = int((np.asarray(g.degree()) > 1).sum())
    k = max(50, int(share * n_src))
    est, se, ok = [], [], []
    t = time.process_time()
    for s in range(seeds):
        r = m.betweenness(g, k=k, seed=s, n_jobs=1, estimator=estimator)
        est.append(r["betweenness"].to_numpy())
        se.append(r["betweenness_se"].to_numpy())
        ok.append(r["betweenness_se_reliable"].to_numpy() if "betweenness_se_reliable" in r else np.zeros(len(r), bool))
    cpu = time.process_time() - t
    est_a, se_a, ok_a = np.array(est), np.array(se), np.array(ok)
    covered = np.abs(est_a - exact) <= 1.96 * se_a + 1e-12 * exact + 1e-15
    pos = exact > 0
    top = np.argsort(-exact)[:100]
    sd = est_a.std(axis=0)
    ratio = np.median(np.sqrt((se_a**2).mean(axis=0))[pos] / np.maximum(sd[pos], 1e-300))
    rmse = np.median(np.sqrt(((est_a - exact) ** 2).mean(axis=0))[top] / exact[top])
    print(f"{label}: {g.vcount():,} actors, {g.ecount():,} ties, k = {k} of {n_src} sources, {seeds} seeds, "
          f"{cpu / seeds:.2f} CPU s per estimate ({r.attrs['betweenness']['estimator']})")
    print(f"    coverage top-100 {covered[:, top].mean():.3f} (target 0.90), betweenness > 0 "
          f"{covered[:, pos].mean():.3f} (target 0.80); rms se / real sd (median) {ratio:.2f}; "
          f"top-100 relative rms error (median) {rmse:.4f}")
    if ok_a[:, pos].any():
        print(f"    where vouched for (betweenness_se_reliable): top-100 {covered[:, top][ok_a[:, top]].mean():.3f} "
              f"of {ok_a[:, top].mean():.0%} vouched, betweenness > 0 {covered[:, pos][ok_a[:, pos]].mean():.3f} "
              f"of {ok_a[:, pos].mean():.0%}; not vouched for: {covered[:, pos][~ok_a[:, pos]].mean():.3f}")
    else:
        print("    no actor's se vouched for")
    with np.errstate(invalid="ignore", divide="ignore"):
        z = ((est_a - exact) / np.where(se_a > 0, se_a, np.nan))[:, pos]
    real = (np.abs(est_a - exact) <= 1.96 * sd + 1e-12 * exact + 1e-15)[:, pos].mean()
    print(f"    with the real sd instead of se: coverage {real:.3f}"
          f"; se = 0 for {(se_a[:, pos] == 0).mean():.3f} of (actor, seed) with betweenness > 0; "
          f"z < -1.96: {np.nanmean(z < -1.96):.3f}, z > 1.96: {np.nanmean(z > 1.96):.3f}")


def main() -> None:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    actors = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2
    estimators = sys.argv[4].split(",") if len(sys.argv) > 4 else ["auto"]
    print(f"SYNTHETIC graphs; sampled betweenness se coverage of the exact value ({m.__file__})")
    for estimator in estimators:
        print(f"-- estimator={estimator!r}")
        coverage(calibrated_applications(actors, seed=3), "calibrated (PATSTAT-IT structure)", seeds, share, estimator)
        coverage(synthetic_applications(3 * actors, actors, seed=3), "Zipf co-patent model", seeds, share, estimator)


if __name__ == "__main__":
    main()
