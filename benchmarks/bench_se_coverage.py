"""Issue 30, item 3: does the sampled betweenness's standard error cover the exact value?

On SYNTHETIC benchmark graphs (``_synthetic.calibrated_applications``, the structure of the
PATSTAT Italian extracts, and ``synthetic_applications``) the exact betweenness is computed
once; then the sampled estimate with ``k`` sources is drawn for ``seeds`` seeds, and for each
actor the share of seeds whose interval ``estimate ± 1.96 se`` holds the exact value.
Targets (issue 30): ≥ 90 % for the top-100 actors and ≥ 80 % for every actor with
betweenness > 0.  It also prints ``se`` against the real spread (sd of the estimates over
seeds).  Run: ``PYTHONPATH=. python3 benchmarks/bench_se_coverage.py [seeds] [actors]``.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from _synthetic import calibrated_applications, synthetic_applications

import netanalysis.metrics as m
from netanalysis import network as nw


def coverage(apps, label: str, seeds: int, share: float) -> None:
    apps = apps.assign(region="", year=2010)
    g = nw.to_igraph(nw.edges_from_applications(apps), None)
    exact = m.betweenness(g, method="exact", n_jobs=1)["betweenness"].to_numpy()
    n_src = int((np.asarray(g.degree()) > 1).sum())
    k = max(50, int(share * n_src))
    est, se = [], []
    t = time.process_time()
    for s in range(seeds):
        r = m.betweenness(g, k=k, seed=s, n_jobs=1)
        est.append(r["betweenness"].to_numpy())
        se.append(r["betweenness_se"].to_numpy())
    cpu = time.process_time() - t
    est_a, se_a = np.array(est), np.array(se)
    covered = np.abs(est_a - exact) <= 1.96 * se_a + 1e-15
    per_actor = covered.mean(axis=0)
    pos = exact > 0
    top = np.argsort(-exact)[:100]
    ratio = np.median(se_a.mean(axis=0)[pos] / np.maximum(est_a.std(axis=0)[pos], 1e-300))
    print(f"{label}: {g.vcount():,} actors, {g.ecount():,} ties, k = {k} of {n_src} sources, {seeds} seeds, "
          f"{cpu / seeds:.2f} CPU s per estimate ({r.attrs['betweenness']['estimator']})")
    print(f"    coverage top-100 {per_actor[top].mean():.3f} (target 0.90), betweenness > 0 "
          f"{per_actor[pos].mean():.3f} (target 0.80); median se / real sd {ratio:.2f}")
    # diagnosis: is the estimate or its se at fault?
    sd = est_a.std(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = ((est_a - exact) / np.where(se_a > 0, se_a, np.nan))[:, pos]
    real = (np.abs(est_a - exact) <= 1.96 * sd + 1e-15)[:, pos].mean()
    print(f"    with the real sd instead of se: coverage {real:.3f}"
          f"; se = 0 for {(se_a[:, pos] == 0).mean():.3f} of (actor, seed) with betweenness > 0; "
          f"z < -1.96: {np.nanmean(z < -1.96):.3f}, z > 1.96: {np.nanmean(z > 1.96):.3f}")


def main() -> None:
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    actors = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    print("SYNTHETIC graphs; sampled betweenness se coverage of the exact value")
    coverage(calibrated_applications(actors, seed=3), "calibrated (PATSTAT-IT structure)", seeds, 0.2)
    coverage(synthetic_applications(3 * actors, actors, seed=3), "Zipf co-patent model", seeds, 0.2)


if __name__ == "__main__":
    main()
