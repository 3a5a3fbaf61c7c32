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
