"""Shared helpers of the benchmarks: a SYNTHETIC co-patent model, timing and memory.

Everything generated here is synthetic and used for timing only.
"""

from __future__ import annotations

import gc
import os
import platform
import time
from collections.abc import Callable

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd


def synthetic_applications(n_rows: int, n_actors: int, seed: int = 0) -> pd.DataFrame:
    """Application rows of a SYNTHETIC co-patent model.

    Patents draw 1-5 applicants (mostly 1-2); 40 % of the slots go to a heavy-tailed
    (Zipf) set of very active actors, the rest uniformly to all actors, as in real
    co-patenting data where a few universities and groups appear on many patents.
    """
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 4, 5], size=n_rows, p=[0.35, 0.35, 0.18, 0.08, 0.04])
    sizes = sizes[np.cumsum(sizes) <= n_rows]
    pid = np.repeat(np.arange(len(sizes)), sizes)
    hub = np.minimum(rng.zipf(1.6, size=len(pid)) - 1, n_actors - 1)
    actor = np.where(rng.random(len(pid)) < 0.4, hub, rng.integers(0, n_actors, len(pid)))
    return pd.DataFrame({"patent_id": pd.Series(pid).astype("str").to_numpy(),
                         "year": 2004 + pid % 17,
                         "applicant_id": ("A" + pd.Series(actor).astype("str")).to_numpy()})


def timed(fn: Callable):
    """``(result, seconds)`` of one call."""
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def best_of_interleaved(fns: dict[str, Callable], repeat: int = 2) -> tuple[dict, dict]:
    """Run every function ``repeat`` times, round-robin, and keep each one's fastest time.

    Interleaving spreads slow spells of a shared machine over all contenders, and the
    minimum is the least disturbed run.  Returns ``(results, seconds)`` keyed like ``fns``.
    """
    results, best = {}, {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            results[name], dt = timed(fn)
            best[name] = min(best[name], dt)
    return results, best


def _status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return 0


def peak_rss_of(fn: Callable) -> tuple[object, float, int]:
    """``(result, seconds, extra bytes)``: the peak resident memory the call added (Linux).

    Resets the kernel's high-water mark (``/proc/self/clear_refs``) before the call, so
    everything counts, including Arrow and numpy buffers that tracemalloc misses.
    """
    gc.collect()
    before = _status("VmRSS:")
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    out, dt = timed(fn)
    return out, dt, _status("VmHWM:") - before


def machine() -> str:
    return (f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} cores, "
            f"python {platform.python_version()}, igraph {ig.__version__}, networkx {nx.__version__}, "
            f"pandas {pd.__version__}")


#: Structure of the real co-patent network of ../shared/data/patstat-it (all four extracts,
#: 884 applicants; measured by ``structure`` in bench_exact.py), which the calibrated model
#: reproduces at any size.
PATSTAT_IT_STRUCTURE = {"isolates": 0.137, "leaves": 0.440, "largest_block": 0.350, "components_per_connected": 0.046}


def calibrated_applications(n_actors: int, seed: int = 0, isolates: float = 0.137, leaves: float = 0.44,
                            core: float = 0.35, small_components: float = 0.046) -> pd.DataFrame:
    """Application rows of a SYNTHETIC co-patent model calibrated to real structure.

    Real co-patent networks are a biconnected core (universities, large firms and their
    regular partners) with one-time partners hanging on it: many leaves, small blocks of
    two or three firms on a hub, small separate groups and applicants that never co-patent.
    The shares are those measured on the PATSTAT Italian extracts (``PATSTAT_IT_STRUCTURE``):
    ``isolates`` of all actors patent alone; of the connected actors, ``leaves`` have one
    partner, ``core`` form the largest block, ``small_components`` × connected separate
    groups of two or three, and the rest sit in small blocks (triangles) on core actors.
    Core patents join a hub (Zipf-active, as universities are) with one to three core
    members, each core member on at least two patents with different partners.
    """
    rng = np.random.default_rng(seed)
    n_iso = int(round(isolates * n_actors))
    n_conn = n_actors - n_iso
    n_core = max(4, int(round(core * n_conn)))
    n_leaf = int(round(leaves * n_conn))
    n_groups = int(round(small_components * n_conn))
    n_group_members = min(n_conn - n_core - n_leaf, 2 * n_groups + n_groups // 2)
    n_sat = max(0, n_conn - n_core - n_leaf - n_group_members)
    ids = np.arange(n_actors)
    core_ids = ids[:n_core]
    n_hubs = max(2, n_core // 25)
    rows: list[tuple[int, int]] = []
    pid = 0

    def hub() -> int:
        return int(min(rng.zipf(1.7) - 1, n_hubs - 1))

    for _ in range(2):  # every core member twice, with different partners: one block
        for m in rng.permutation(core_ids[n_hubs:]):
            team = {hub(), int(m)} | set(rng.choice(core_ids, size=int(rng.integers(0, 2)), replace=False).tolist())
            rows += [(pid, a) for a in team]
            pid += 1
    for i in range(n_hubs - 1):  # the hubs patent with each other
        rows += [(pid, i), (pid, i + 1)]
        pid += 1
    start = n_core
    for leaf in range(start, start + n_leaf):  # one-time partners: 70 % on a hub, 30 % on a core member
        partner = hub() if rng.random() < 0.7 else int(rng.choice(core_ids))
        rows += [(pid, partner), (pid, leaf)]
        pid += 1
    start += n_leaf
    sat = ids[start:start + n_sat]
    for i in range(0, len(sat) - 1, 2):  # two firms and a core actor: a triangle on it
        a, b, c = int(sat[i]), int(sat[i + 1]), (hub() if rng.random() < 0.6 else int(rng.choice(core_ids)))
        rows += [(pid, a), (pid, b), (pid, c)]
        pid += 1
    start += n_sat
    groups = ids[start:start + n_group_members]
    i = 0
    while i + 1 < len(groups):  # separate groups of two or three
        size = 3 if (rng.random() < 0.25 and i + 2 < len(groups)) else 2
        rows += [(pid, int(a)) for a in groups[i:i + size]]
        pid += 1
        i += size
    for a in ids[n_conn:]:  # applicants who only patent alone
        rows.append((pid, int(a)))
        pid += 1
    p, a = np.asarray(rows).T
    return pd.DataFrame({"patent_id": pd.Series(p).astype("str").to_numpy(), "year": 2004 + p % 17,
                         "applicant_id": ("A" + pd.Series(a).astype("str")).to_numpy()})


def structure(g: ig.Graph) -> dict[str, float]:
    """The figures issue 18 names: isolates, leaves, components, largest block, cut vertices, twins."""
    n = g.vcount()
    deg = np.asarray(g.degree())
    connected = int((deg > 0).sum())
    blocks = g.biconnected_components()
    nbrs = pd.Series([tuple(sorted(g.neighbors(v))) for v in range(n)])
    non_leaf = nbrs[deg >= 2]
    twins = int(non_leaf.duplicated(keep=False).sum())
    return {"actors": n, "isolates": float((deg == 0).mean()), "leaves": float((deg == 1).sum() / max(connected, 1)),
            "components": sum(1 for s in g.connected_components().sizes() if s >= 2),
            "largest_block": max((len(b) for b in blocks), default=0) / max(connected, 1),
            "articulation_points": len(g.articulation_points()), "non_leaf_twins": twins}
