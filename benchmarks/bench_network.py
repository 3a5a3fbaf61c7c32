"""Benchmark of the network stage (issue 3). Prints ratios against baselines run in the same process.

    python benchmarks/bench_network.py            # full: 1 M and 5 M rows, 20 k actors
    python benchmarks/bench_network.py --quick    # small sizes, for a smoke run

1. Edge building for 1 M and 5 M application rows (rows/second, peak memory of the call).
2. Betweenness on a 20 k-actor co-patenting graph: the package's full path
   (edges -> to_igraph -> centrality) vs plain networkx
   (bipartite.weighted_projected_graph + nx.betweenness_centrality) vs bare igraph
   (Graph.betweenness on a prebuilt graph).  Targets: >= 30x faster than networkx,
   within 1.3x of bare igraph.

The synthetic co-patent model: patents draw 1-5 applicants (mostly 1-2) from a
heavy-tailed actor popularity distribution, as in real co-patenting data.
"""

from __future__ import annotations

import argparse

import networkx as nx
from _synthetic import machine, peak_rss_of, synthetic_applications, timed
from networkx.algorithms import bipartite

from netanalysis import metrics as m
from netanalysis import network as nw


def bench_edges(sizes):
    print("\n== edge building (network.edges, fractional weights)")
    for n in sizes:
        apps = synthetic_applications(n, n // 20)
        size_in = apps.memory_usage(deep=True).sum()
        e, dt, peak = peak_rss_of(lambda apps=apps: nw.edges_from_applications(apps, weighting="fractional"))
        print(f"{len(apps):>10,d} rows -> {len(e):>10,d} edges: {dt:6.2f} s, {len(apps) / dt:>12,.0f} rows/s, "
              f"peak +{peak / 2**20:,.0f} MiB RSS ({peak / size_in:.1f}x the {size_in / 2**20:,.0f} MiB input table)")


def bench_betweenness(n_actors: int, rows_per_actor: int = 6, nx_sources: int | None = None):
    print(f"\n== betweenness on a {n_actors:,d}-actor co-patenting graph")
    apps = synthetic_applications(n_actors * rows_per_actor, n_actors, seed=1)

    def package():
        e = nw.edges_from_applications(apps)
        g = nw.to_igraph(e)
        return m.centrality(g, method="exact", n_jobs=1)  # one core, like the baselines

    res, t_pkg = timed(package)
    e = nw.edges_from_applications(apps)
    g = nw.to_igraph(e)
    _, t_ig = timed(lambda: g.betweenness(directed=False))

    def projected():
        B = nx.Graph()
        B.add_nodes_from(apps["applicant_id"].unique(), bipartite=0)
        B.add_nodes_from(("P" + apps["patent_id"]).unique(), bipartite=1)
        B.add_edges_from(zip(apps["applicant_id"], "P" + apps["patent_id"], strict=True))
        G = bipartite.weighted_projected_graph(B, apps["applicant_id"].unique())
        G.remove_nodes_from([v for v in list(G) if G.degree(v) == 0])
        return G

    G, t_proj = timed(projected)
    print(f"graph: {g.vcount():,d} actors, {g.ecount():,d} ties")
    print(f"package full path      {t_pkg:8.2f} s")
    print(f"bare igraph            {t_ig:8.2f} s   package / igraph   = {t_pkg / t_ig:5.2f}x (target <= 1.3)")
    if nx_sources is None or nx_sources >= G.number_of_nodes():
        ref, t_bc = timed(lambda: nx.betweenness_centrality(G))
        t_nx = t_proj + t_bc
        got = res.set_index("applicant_id")["betweenness"]
        err = max(abs(got[k] - v) for k, v in ref.items())
        print(f"plain networkx         {t_nx:8.2f} s   networkx / package = {t_nx / t_pkg:5.1f}x (target >= 30)")
        print(f"max |package - networkx| = {err:.2e}")
    else:
        # Brandes' work is the same for every source: time nx on a subset and scale up (labelled)
        srcs = sorted(G)[:nx_sources]
        _, t_sub = timed(lambda: nx.betweenness_centrality_subset(G, srcs, list(G)))
        t_nx = t_proj + t_sub * G.number_of_nodes() / nx_sources
        print(f"plain networkx  ~{t_nx:10.0f} s   networkx / package = {t_nx / t_pkg:5.1f}x (target >= 30) "
              f"[EXTRAPOLATED from {nx_sources} of {G.number_of_nodes()} sources; --nx-exact for the full run]")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    ap.add_argument("--nx-exact", action="store_true", help="run networkx on every source (about an hour at 20 k)")
    args = ap.parse_args()
    print(machine())
    if args.quick:
        bench_edges([100_000])
        bench_betweenness(2_000)
    else:
        bench_edges([1_000_000, 5_000_000])
        bench_betweenness(20_000, nx_sources=None if args.nx_exact else 1_000)


if __name__ == "__main__":
    main()
