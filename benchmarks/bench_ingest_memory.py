"""Peak memory and time of ingest against the size of the input (issues 15 and 30), and the check of
the ``memory`` limit's model (:data:`netanalysis._limits.MEMORY_MODEL`) against what is measured.

Each input is read in a fresh child process (so one file's peak does not hide another's); the
child imports the package and the classifier's given-name list first, then reports its peak
resident memory (``VmHWM`` of ``/proc/self/status``, Arrow's buffers included) above that base,
and the base itself.  Inputs: SYNTHETIC wide CSV tables (two to four applicants a row) of
``--rows`` records written here; SYNTHETIC national long tables (``bench_ingest_scale.py``) of
``--national`` applicant rows; and every real export in ``../shared/data``: the Lens CSVs, the
Thomson XLSX, every PATSTAT-IT XLSX (long), every PatentSearch cassette (YAML), the KIPRIS Plus
XML folders and their largest file.

    python benchmarks/bench_ingest_memory.py [--data ../shared/data] [--rows 25000 200000]
        [--national 200000 1000000] [--keep /tmp/d30m]

For each input the script prints the inflated size, the peak above the base (MB and × the input),
what the ``memory`` limit estimates for it (which includes the base) and the margin
``estimate / (base + peak)``: below 1 the limit would let through a file that does not fit (a
folder's estimate is the sum of its files', each checked alone, each with the fixed part).
The numbers of the table in ``netanalysis/_limits.py`` come from this script.  Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]  # this worktree's package

from bench_ingest_scale import COLUMNS as NATIONAL_COLUMNS  # noqa: E402
from bench_ingest_scale import write_national_table  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
def hwm_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
import netanalysis as na, netanalysis.classify
netanalysis.classify.given_names()
from netanalysis.ingest import read_table
base = hwm_kb()
path, kw = Path(sys.argv[1]), json.loads(sys.argv[2])
t, c = time.perf_counter(), time.process_time()
r = na.read_patents(path, **kw)
print(json.dumps({"added_kb": hwm_kb() - base, "base_kb": base, "seconds": time.perf_counter() - t,
                  "cpu_s": time.process_time() - c, "rows": r.report.rows_read}))
"""


def inflated_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(inflated_bytes(p) for p in path.rglob("*") if p.is_file())
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return sum(i.file_size for i in z.infolist())
    return path.stat().st_size


def synthetic_csv(folder: Path, n: int, seed: int = 15) -> Path:
    """A SYNTHETIC wide table: one row per patent, two to four applicants joined by ``;``."""
    rng = np.random.default_rng(seed)
    firms = rng.integers(0, n // 6 + 1, size=(n, 3))
    k = rng.integers(2, 5, size=n)
    p = folder / f"synthetic_{n}.csv"
    with open(p, "w", encoding="utf-8") as f:
        f.write("patent_id,year,applicants\n")
        for i in range(n):
            names = [f"FIRM {firms[i, j]} CO LTD" for j in range(min(k[i], 3))] + ["UNIVERSITY OF X"] * int(k[i] > 3)
            f.write(f"P{i},{2000 + i % 21},{';'.join(names)}\n")
    return p


def measure(path: Path, kwargs: dict) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), json.dumps(kwargs)], capture_output=True,
                         text=True, env=env, cwd=ROOT)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1][:200]}
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["inflated"] = inflated_bytes(path)
    return res


def real_cases(d: Path) -> list[tuple[str, Path, dict]]:
    """Every real export of ``../shared/data`` the readers take, with what each needs."""
    out: list[tuple[str, Path, dict]] = []
    for p in sorted((d / "lens-exports").glob("*.csv")):
        out.append((f"Lens CSV {p.name}", p, {}))
    if (d / "lens-exports" / "synbio.xlsx").exists():
        out.append(("Thomson synbio XLSX", d / "lens-exports" / "synbio.xlsx",
                    {"columns": {"patent_id": "publication_number", "year": "application_dates",
                                 "applicants": "patent_assignees_original_no_address"}, "sep": ";"}))
    patstat = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name"}
    for p in sorted((d / "patstat-it").glob("*.xlsx")):
        out.append((f"PATSTAT-IT {p.name} (long)", p, {"columns": patstat}))
    for p in sorted((d / "patentsview-api").glob("*.yml")):
        out.append((f"PatentSearch {p.name}", p, {"fallback_year": 2007}))
    kipris = d / "kipris-plus-xml"
    if kipris.exists():
        out.append(("KIPRIS Plus XML (whole folder)", kipris, {}))
        biggest = max(kipris.rglob("*.xml"), key=lambda p: p.stat().st_size)
        out.append((f"KIPRIS Plus XML {biggest.parent.name}/{biggest.name}", biggest, {}))
    return [c for c in out if c[1].exists()]


def main() -> None:
    from netanalysis._limits import memory_estimate  # the package of this worktree

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--rows", type=int, nargs="*", default=[25_000, 200_000], help="SYNTHETIC wide tables")
    ap.add_argument("--national", type=int, nargs="*", default=[200_000, 1_000_000],
                    help="SYNTHETIC national long tables (applicant rows)")
    ap.add_argument("--keep", type=Path, help="where the national tables are (written there if absent)")
    args = ap.parse_args()
    cases: list[tuple[str, Path, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        for n in args.rows:
            cases.append((f"SYNTHETIC wide CSV, {n:,} rows", synthetic_csv(Path(tmp), n),
                          {"columns": {"patent_id": "patent_id", "year": "year", "applicants": "applicants"},
                           "sep": ";"}))
        for n in args.national:
            p = keep / f"national_{n}.csv"
            if not p.exists():
                write_national_table(p, n)
            cases.append((f"SYNTHETIC national CSV, {n:,} rows", p, {"columns": NATIONAL_COLUMNS}))
        cases += real_cases(args.data)
        print(f"{'input':44} {'MB':>8} {'records':>10} {'base MB':>7} {'peak +MB':>8} {'x input':>7} "
              f"{'CPU s':>6} {'estimate MB':>11} {'margin':>6}")
        for label, path, kw in cases:
            r = measure(path, kw)
            if "error" in r:
                print(f"{label:44} failed: {r['error']}", flush=True)
                continue
            size, added, base = r["inflated"], r["added_kb"] * 1024, r["base_kb"] * 1024
            est = sum(memory_estimate(p) for p in ([path] if path.is_file() else sorted(path.rglob("*.xml"))))
            print(f"{label:44} {size / 1e6:8.2f} {r['rows']:10,d} {base / 1e6:7.0f} {added / 1e6:8.0f} "
                  f"{added / size:7.1f} {r['cpu_s']:6.1f} {est / 1e6:11,.0f} {est / (base + added):6.2f}", flush=True)


if __name__ == "__main__":
    main()
