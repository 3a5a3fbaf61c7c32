"""The offline HTML viewer at 20 k actors in a real browser: file size, fixed script, load time (issue 29).

    python benchmarks/bench_viewer_browser.py [--actors 20000] [--repeat 3]

The SYNTHETIC co-patent model of ``bench_scale.py`` (``_synthetic.synthetic_applications``),
written by ``netanalysis.export.save_html`` (layout, centrality, clusters and the patents
behind every tie), then opened in Debian's Chromium (headless, through Playwright, network
blocked) ``--repeat`` times.  Load time = navigation start to the first sigma canvas in the
page, and to the page's ``load`` event.  Baseline, measured in the same browser: the same
viewer with a 3-actor graph, i.e. the cost of parsing the fixed script alone.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
from _synthetic import machine, synthetic_applications, timed

from netanalysis import network as nw
from netanalysis.export import save_html
from netanalysis.export.viewer import LAYOUT_GUARD, _scripts

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def load_times(browser, path: Path, repeat: int) -> tuple[float, float]:
    """Fastest (seconds to the first sigma canvas, seconds to the load event) over ``repeat`` loads."""
    canvas, load = float("inf"), float("inf")
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.route("http*://**", lambda route: route.abort())  # offline: nothing may be fetched
        t = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=300_000)
        t_load = time.perf_counter() - t
        page.wait_for_selector(".ipysigma-widget canvas", timeout=300_000)
        canvas, load = min(canvas, time.perf_counter() - t), min(load, t_load)
        page.close()
    return canvas, load


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    apps = synthetic_applications(args.actors * 8, args.actors, seed=1)
    edges = nw.edges_from_applications(apps)
    actors = pd.DataFrame({"applicant_id": sorted(set(apps["applicant_id"]))})
    actors["name"], actors["actor_type"] = actors["applicant_id"], "sme"
    tiny_e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [1, 1],
                           "weight": [1.0, 1.0]})
    tiny_a = pd.DataFrame({"applicant_id": list("abc"), "name": list("ABC"), "actor_type": ["sme"] * 3})
    print(machine())
    ties = nw.collapse(edges)
    print(f"SYNTHETIC graph: {len(set(ties['u']) | set(ties['v'])):,} actors with a tie, {len(ties):,} ties")
    fixed = sum(len(s.encode("utf-8")) for s in _scripts()) + len(LAYOUT_GUARD)
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        big, t_write = timed(lambda: save_html(edges, actors, out, "big", applications=apps))
        small = save_html(tiny_e, tiny_a, out, "small")
        size, size_small = big.stat().st_size, small.stat().st_size
        print(f"HTML written in {t_write:.1f} s: {size / 2**20:.1f} MiB; fixed script {fixed / 2**20:.2f} MiB "
              f"({fixed / size:.0%} of this file); the 3-actor page is {size_small / 2**20:.2f} MiB")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=FLAGS)
            version = b.version
            base_canvas, base_load = load_times(b, small, args.repeat)
            canvas, load = load_times(b, big, args.repeat)
            b.close()
        print(f"Chromium {version}, best of {args.repeat}:")
        print(f"  3-actor page (baseline: fixed script alone)  load {base_load:5.2f} s, canvas {base_canvas:5.2f} s")
        print(f"  {args.actors:,}-actor page                      load {load:5.2f} s, canvas {canvas:5.2f} s "
              f"({canvas / base_canvas:.1f}x baseline)")


if __name__ == "__main__":
    main()
