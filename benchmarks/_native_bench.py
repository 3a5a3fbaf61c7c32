"""What the native-table benchmarks share: a reader timed in a fresh child process.

The child imports a reader's module, wraps its ``applications_from_mentions`` to note the time,
CPU and peak memory at which the shared pipeline starts (the reader's own read and join, "the
join stage"), runs the reader on a folder and prints one JSON line: ``join_s``, ``join_cpu_s``,
``join_rss_kb``, ``mentions``, ``seconds``, ``cpu_s``, ``peak_kb`` (``VmHWM`` of
``/proc/self/status`` above the interpreter's own with the package imported: Arrow's buffers
included, which ``tracemalloc`` does not see; ``ru_maxrss`` is not used because Linux carries it
across ``exec`` from the parent), ``base_kb`` and the report's counts.  Mode ``join`` stops when
the pipeline would start.  Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

READER_CHILD = r"""
import importlib, json, sys, time
def hwm_kb():  # this process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
module, reader, folder, mode = sys.argv[1:5]
M = importlib.import_module(module)
import pyarrow, pandas
base = hwm_kb()
t0, c0 = time.perf_counter(), time.process_time()
out = {}
class JoinDone(Exception):
    pass
real = M.applications_from_mentions
def timed(mentions, **kw):
    out["join_s"] = time.perf_counter() - t0
    out["join_cpu_s"] = time.process_time() - c0
    out["join_rss_kb"] = hwm_kb() - base
    out["mentions"] = len(mentions)
    if mode == "join":
        raise JoinDone
    handed = [mentions]  # (not held here while the pipeline runs: the reader hands it over)
    del mentions
    return real(handed.pop(), **kw)
M.applications_from_mentions = timed
try:
    r = getattr(M, reader)(folder)
    out.update(records=r.report.rows_read, kept=r.report.rows_kept, applications=r.report.patents,
               actors=r.report.actors, inventor_rows=len(r.inventors))
except JoinDone:
    pass
out.update(seconds=time.perf_counter() - t0, cpu_s=time.process_time() - c0,
           peak_kb=hwm_kb() - base, base_kb=base)
print(json.dumps(out))
"""


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter with ``args``; its last output line, read as JSON (the
    child's error, when it fails, ends the benchmark with its message)."""
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    if p.returncode:
        sys.exit(f"the child {args} failed (exit {p.returncode}):\n{p.stderr[-4000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_reader(module: str, reader: str, folder: Path, mode: str = "reader") -> dict:
    """Time ``module.reader(folder)`` in a fresh child (:data:`READER_CHILD`); ``mode`` ``join``
    stops at the shared pipeline."""
    return run_child(READER_CHILD, module, reader, str(folder), mode)


def arguments(description: str, rows_help: str) -> argparse.Namespace:
    """The native benchmarks' options: ``--rows``, ``--keep DIR``, ``--join-only``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--rows", type=int, default=1_000_000, help=rows_help)
    ap.add_argument("--keep", type=Path, help="write the SYNTHETIC tables here and keep them")
    ap.add_argument("--join-only", action="store_true",
                    help="measure the reader's own read + join only (not the shared pipeline)")
    return ap.parse_args()


def print_reader(r: dict, rows: int, total: int, files: str, join_only: bool) -> None:
    """The join stage's and the whole reader's wall, CPU, rows/s and peak (× the ``files``' ``total`` bytes)."""
    print(f"  join stage (read + join to mentions): {r['join_s']:.1f} s wall, {r['join_cpu_s']:.1f} s CPU -> "
          f"{rows / r['join_s']:,.0f} rows/s wall, {rows / r['join_cpu_s']:,.0f} rows/CPU-s; "
          f"peak {r['join_rss_kb'] / 1024:,.0f} MiB = {r['join_rss_kb'] * 1024 / total:.1f}x the {files}")
    if join_only:
        return
    print(f"  whole reader: {r['seconds']:.1f} s wall, {r['cpu_s']:.1f} s CPU -> "
          f"{rows / r['seconds']:,.0f} rows/s wall, {rows / r['cpu_s']:,.0f} rows/CPU-s; peak "
          f"{r['peak_kb'] / 1024:,.0f} MiB = {r['peak_kb'] * 1024 / total:.1f}x the {files} "
          f"({r['applications']:,} applications, {r['actors']:,} actors, {r['inventor_rows']:,} inventor rows)")
    print(f"  of which the shared pipeline (names, types, regions, tables): {r['seconds'] - r['join_s']:.1f} s "
          f"wall, {r['cpu_s'] - r['join_cpu_s']:.1f} s CPU")
