"""The main job's time, and bootstrap samples per CPU-second (issue 30, items 2 and 4), on the SYNTHETIC sample.

    PYTHONPATH=. python benchmarks/bench_main_job.py [--before DIR] [--runs 2] [--samples 20]

Each run of ``python -m netanalysis figures --quiet`` is a fresh process in an empty folder;
wall and CPU seconds count its worker processes; the first run of a package root compiles
its numba kernels into an empty cache (cold), the next ones reuse it (warm). ``--before``
times another copy of the package (e.g. ``git archive`` of main) in the same run. The
bootstrap line times the samples by counts (the default) and by rebuilding every sample's
tables (the definition they are checked against), in this process, one core.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_main_job(root: Path, cache: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds (children included) of the main job with the package at ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root), "NUMBA_CACHE_DIR": str(cache)}
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "netanalysis", "figures", "--quiet"], cwd=out, env=env,
                           capture_output=True, text=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, "" if p.returncode == 0 else (p.stderr.strip().splitlines() or ["?"])[-1][:200]


def bootstrap_rates(n: int) -> None:
    """Bootstrap samples per CPU-second, by counts and by rebuilt tables (the same numbers)."""
    import numpy as np

    from netanalysis import network as nw
    from netanalysis.report import uncertainty as u
    from netanalysis.run import RunSettings, build_context

    warnings.simplefilter("ignore")
    ctx = build_context(RunSettings(null_model_runs=2))
    apps = ctx.processed.applications
    edges = nw.edges_from_applications(apps, years=ctx.years, region=ctx.focal)
    for unit in ("actors", "patents"):
        seeds = np.random.SeedSequence(1).spawn(n)
        rows, rates = [], []
        for by_counts in (True, False):
            state = u._state(apps, ctx.actors, ctx.focal, ctx.years, None, unit, edges, by_counts=by_counts)[0]
            c0 = time.process_time()
            rows.append(u._batch(state, seeds))
            rates.append(n / (time.process_time() - c0))
        same = np.array_equal(rows[0], rows[1], equal_nan=True)
        print(f"  bootstrap of {unit}: {rates[0]:6.1f} samples/CPU-s by counts, {rates[1]:5.1f} rebuilding the "
              f"tables ({rates[0] / rates[1]:.1f}x); the {n} samples {'identical' if same else 'DIFFER'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, help="root of another copy of the package, timed in the same run")
    ap.add_argument("--runs", type=int, default=2, help="runs of each root (the first with a cold numba cache)")
    ap.add_argument("--samples", type=int, default=20, help="bootstrap samples of each unit for the rates")
    args = ap.parse_args()
    print(f"main job (netanalysis figures --quiet), {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    roots = [*([("before", args.before)] if args.before else []), ("after", ROOT)]
    with tempfile.TemporaryDirectory() as caches:
        for label, root in roots:
            cache = Path(caches) / label
            for i in range(args.runs):
                wall, cpu, err = time_main_job(root, cache)
                print(f"  {label:6} {'cold' if i == 0 else 'warm'}: {wall:6.1f} s wall {cpu:6.1f} s CPU  "
                      f"load {os.getloadavg()[0]:.1f}  {err}", flush=True)
    bootstrap_rates(args.samples)


if __name__ == "__main__":
    main()
