"""Exact betweenness through the graph's blocks, against bare igraph and NetworKit (issue 18).

    python benchmarks/bench_exact.py [--sizes 20000 100000] [--skip-100k-igraph]

Graphs: the old SYNTHETIC model of ``bench_scale.py`` (one giant block: the worst case for a
decomposition), the calibrated SYNTHETIC model (``_synthetic.calibrated_applications``, fitted
to the structure of the real PATSTAT Italian extracts), and the real co-patent graph of
``../shared/data/patstat-it`` itself.  For each: bare igraph on one core, the package with
``n_jobs=1`` and with every core, NetworKit's exact parallel ``Betweenness`` with as many
threads (``pip install "netanalysis[bench]"``; skipped with a note when absent), each time
with its ratio to bare igraph, and what the decomposition removed (bridges and leaves,
merged twins, sources left to search); weighted paths too (``--weighted``).  The one-off cost
of a process's first call (importing numba and loading the compiled kernel from its cache,
or compiling it) is timed and printed apart, like igraph's own import.  Then, on the
calibrated 20 k graph, the package's sampled estimators (``blocks``, the default there, and
``linear``) against NetworKit's ``KadabraBetweenness`` and ``ApproxBetweenness`` at equal wall
time: top-100 Spearman and top-10 overlap against exact.
"""

from __future__ import annotations

import argparse
import glob
import os
from pathlib import Path

import numpy as np
import pandas as pd
from _synthetic import PATSTAT_IT_STRUCTURE, calibrated_applications, machine, structure, synthetic_applications, timed

import netanalysis as na
from netanalysis.metrics._graph import distances_from_weights
from netanalysis.metrics.betweenness.blocks import compile_kernel, decompose

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "patstat-it"
CORES = os.cpu_count() or 1


def graph_of(apps: pd.DataFrame):
    actors = pd.DataFrame({"applicant_id": sorted(set(apps["applicant_id"]))})
    return na.to_igraph(na.edges_from_applications(apps), actors, isolates=True)


def patstat_graph():
    files = sorted(glob.glob(str(SHARED / "*.xlsx")))
    if not files:
        return None
    cols = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
            "country": "person_ctry_code", "actor_type": "psn_sector"}
    res = na.read_patents(files, columns=cols)
    return na.to_igraph(na.edges_from_applications(res.applications), res.actors, isolates=True)


def networkit_graph(g):
    import networkit as nk

    h = nk.Graph(g.vcount(), weighted=False, directed=False)
    for u, v in g.get_edgelist():
        h.addEdge(u, v)
    return h


def nk_exact(g, threads: int) -> tuple[np.ndarray | None, float | None]:
    try:
        import networkit as nk
    except ImportError:
        return None, None
    nk.setNumberOfThreads(threads)
    h = networkit_graph(g)
    algo = nk.centrality.Betweenness(h, normalized=False)
    _, t = timed(algo.run)
    return np.asarray(algo.scores()) / 2, t  # NetworKit counts ordered pairs on undirected graphs


def _rel(a: np.ndarray, b: np.ndarray) -> float:
    return float((np.abs(a - b) / np.maximum(np.abs(b), 1.0)).max())


def row(label: str, t: float, base: float, note: str = "") -> None:
    print(f"  {label:38} {t:8.2f} s  {base / t:6.2f}x bare igraph  {note}")


def exact_block(name: str, g, skip_igraph: bool, networkit: bool = True, weighted: bool = False) -> None:
    s = structure(g)
    lengths = np.asarray(distances_from_weights(g)) if weighted else None
    d, t_dec = timed(lambda: decompose(g, lengths))
    st = d.stats
    print(f"\n{name}{' (WEIGHTED paths)' if weighted else ''}: {g.vcount():,} actors, {g.ecount():,} ties; "
          f"isolates {s['isolates']:.1%}, leaves {s['leaves']:.1%} of connected, {s['components']:,} components, "
          f"largest block {s['largest_block']:.1%} of connected, {s['articulation_points']:,} cut vertices, "
          f"{s['non_leaf_twins']:,} non-leaf twins")
    print(f"  decomposition ({t_dec:.2f} s): {st['blocks']:,.0f} blocks, of which {st['bridges']:,.0f} bridges (no "
          f"search); largest {st['largest_block']:,.0f}; twins merged {st['twins_merged']:,.0f}; sources searched "
          f"{st['sources_searched']:,.0f} of {g.vcount():,}; work {st['work_fraction']:.1%} of Brandes on the "
          "whole graph")
    ref, base = (None, None) if skip_igraph else timed(
        lambda: np.asarray(g.betweenness(directed=False, weights=None if lengths is None else lengths.tolist())))
    if base is not None:
        row("bare igraph, 1 core", base, base)
    for jobs in sorted({1, CORES}):
        b, t = timed(lambda j=jobs: na.metrics.betweenness(g, normalized=False, method="exact", n_jobs=j,
                                                           weighted=weighted))
        same = "" if ref is None else f"max relative diff {_rel(b['betweenness'].to_numpy(), ref):.1e}"
        row(f"netanalysis exact, n_jobs={jobs} ({b.attrs['betweenness']['decomposition']})", t, base or t, same)
    if weighted:
        return
    if not networkit:
        print("  NetworKit: not run at this size (--networkit-up-to)")
        return
    nk_scores, t_nk = nk_exact(g, CORES)
    if t_nk is None:
        print("  NetworKit: not installed (pip install 'netanalysis[bench]')")
    else:
        same = "" if ref is None else f"max relative diff {_rel(nk_scores, ref):.1e}"
        row(f"NetworKit Betweenness, {CORES} threads", t_nk, base or t_nk, same)


def top_agreement(est: np.ndarray, exact: np.ndarray) -> tuple[float, float]:
    from scipy.stats import spearmanr

    top = np.argsort(-exact)[:100]
    rho = float(spearmanr(est[top], exact[top]).statistic)
    overlap = len(set(np.argsort(-est)[:10]) & set(np.argsort(-exact)[:10])) / 10
    return rho, overlap


def sampled_block(g) -> None:
    exact = np.asarray(g.betweenness(directed=False))
    print("\nSampled estimators at equal wall time, calibrated 20 k graph (top-100 Spearman, top-10 overlap; "
          "mean of seeds 1-3):")
    ours = []
    for est, ks in (("blocks", (50, 100, 250, 500, 1000, 2000)), ("linear", (1000, 2000, 4000))):
        for k in ks:
            runs = [timed(lambda k=k, seed=seed, est=est: na.metrics.betweenness(
                g, normalized=False, method="sampled", k=k, seed=seed, n_jobs=CORES, estimator=est))
                for seed in (1, 2, 3)]
            t = float(np.mean([r[1] for r in runs]))
            rho, ov = np.mean([top_agreement(r[0]["betweenness"].to_numpy(), exact) for r in runs], axis=0)
            ours.append((t, rho))
            print(f"  netanalysis sampled, estimator={est:<7} k={k:<5}  {t:6.2f} s  rho {rho:.3f}  top-10 {ov:.1f}")
    try:
        import networkit as nk
    except ImportError:
        print("  NetworKit: not installed")
        return
    nk.setNumberOfThreads(CORES)
    h = networkit_graph(g)
    nkc = nk.centrality
    runs = [(f"NetworKit KADABRA, err={eps:<8}       ", nkc.KadabraBetweenness(h, err=eps, delta=0.1))
            for eps in (0.01, 0.005, 0.0025, 0.00125)]
    runs += [(f"NetworKit ApproxBetweenness, eps={eps:<5}  ", nkc.ApproxBetweenness(h, epsilon=eps, delta=0.1))
             for eps in (0.05, 0.03)]
    for label, algo in runs:
        _, t_nk = timed(algo.run)
        rho, ov = top_agreement(np.asarray(algo.scores()), exact)
        best = max((r for t, r in ours if t <= t_nk), default=float("nan"))
        print(f"  {label} {t_nk:6.2f} s  rho {rho:.3f}  top-10 {ov:.1f}   "
              f"netanalysis's best rho in no more time: {best:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--models", nargs="+", default=["calibrated", "old"], choices=["calibrated", "old"])
    ap.add_argument("--skip-100k-igraph", action="store_true", help="no bare igraph at 100 k (minutes)")
    ap.add_argument("--networkit-up-to", type=int, default=20_000,
                    help="run NetworKit's exact Betweenness up to this many actors (it is ~2x slower than igraph)")
    ap.add_argument("--weighted", nargs="*", default=["calibrated"], choices=["calibrated", "old"],
                    help="models also run with weighted paths at 20 k (the old model takes igraph ~1 minute)")
    args = ap.parse_args()
    print(machine())
    _, t_kernel = timed(compile_kernel)
    print(f"one-off per process, not in the times below: import numba and load the compiled kernel {t_kernel:.2f} s "
          "(about 1 s more the very first time, when numba compiles it into its cache)")
    print(f"calibration target (PATSTAT-IT, measured): {PATSTAT_IT_STRUCTURE}")
    real = patstat_graph()
    if real is not None:
        exact_block("real PATSTAT-IT co-patent graph", real, False)
    for n in args.sizes:
        skip, nk = args.skip_100k_igraph and n >= 100_000, n <= args.networkit_up_to
        if "calibrated" in args.models:
            exact_block(f"calibrated SYNTHETIC model, {n:,}", graph_of(calibrated_applications(n, seed=1)), skip, nk)
        if "old" in args.models:
            exact_block(f"old SYNTHETIC model (one giant block), {n:,}",
                        graph_of(synthetic_applications(n * 8, n, seed=1)), skip, nk)
        if n == 20_000:
            for model in args.weighted:
                apps = (calibrated_applications(n, seed=1) if model == "calibrated"
                        else synthetic_applications(n * 8, n, seed=1))
                exact_block(f"{model} SYNTHETIC model, {n:,}", graph_of(apps), False, False, weighted=True)
    if 20_000 in args.sizes and "calibrated" in args.models:
        sampled_block(graph_of(calibrated_applications(20_000, seed=1)))


if __name__ == "__main__":
    main()
