"""Leiden, the VOSviewer files, the dynamic GEXF and the interactive HTML on the 20 k-actor graph (issue 16).

    python benchmarks/bench_export_formats.py [--actors 20000]

The SYNTHETIC co-patent model of ``bench_scale.py`` (``_synthetic.synthetic_applications``);
times are wall-clock seconds, each with the time of igraph's own ``community_multilevel``
(Louvain, the fastest clustering igraph offers) measured in the same process as a baseline.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd
from _synthetic import machine, synthetic_applications, timed

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.export import save_dynamic_gexf, save_html, save_pajek, save_vosviewer, save_vosviewer_json


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=20_000)
    args = ap.parse_args()
    apps = synthetic_applications(args.actors * 8, args.actors, seed=1)
    edges = nw.edges_from_applications(apps)
    actors = pd.DataFrame({"applicant_id": sorted(set(apps["applicant_id"]))})
    actors["name"], actors["actor_type"] = actors["applicant_id"], "sme"
    g = nw.to_igraph(edges, actors)
    print(machine())
    print(f"SYNTHETIC graph: {g.vcount():,} actors, {g.ecount():,} ties, {len(edges):,} tie-years")
    _, base = timed(lambda: g.community_multilevel(weights=g.es["weight"]))
    clusters, t_leiden = timed(lambda: m.communities(g))
    print(f"igraph Louvain (baseline)         {base:7.2f} s")
    print(f"communities (Leiden)              {t_leiden:7.2f} s  ({t_leiden / base:.1f}x baseline), "
          f"{clusters['cluster'].nunique():,} clusters, Q = {clusters.attrs['modularity']:.3f}")
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        for label, fn in [("VOSviewer map + network", lambda: save_vosviewer(edges, actors, out, clusters=clusters)),
                          ("VOSviewer JSON", lambda: save_vosviewer_json(edges, actors, out, clusters=clusters)),
                          ("Pajek", lambda: save_pajek(edges, actors, out)),
                          ("dynamic GEXF", lambda: save_dynamic_gexf(edges, actors, out)),
                          ("interactive HTML (+ patents)",
                           lambda: save_html(edges, actors, out, clusters=clusters, applications=apps))]:
            _, t = timed(fn)
            print(f"{label:33} {t:7.2f} s  ({t / base:.1f}x baseline)")
        size = (out / "copatent_network.html").stat().st_size / 2**20
        print(f"HTML file: {size:.1f} MiB (scripts inlined, graph state as JSON)")


if __name__ == "__main__":
    main()
