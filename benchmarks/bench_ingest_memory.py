"""Peak memory and time of ingest as a multiple of the decompressed input (issue 15).

Each input is read in a fresh child process (so one file's peak does not hide another's);
the child reports its peak resident memory above the interpreter's own, and the script
prints it per decompressed input byte.  Inputs: SYNTHETIC CSV tables of 25k-200k records
written here (wide, two to four applicants a row), and every real export in
``../shared/data`` that the README's commands read.

    python benchmarks/bench_ingest_memory.py [--data ../shared/data] [--rows 25000 100000 200000]

The ratio is what ``docs/reliability.md`` states; with the default ``bytes`` limit of 2 GiB,
the worst ratio printed here bounds the memory an ingest may take.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import netanalysis as na
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path, columns, sep = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] or None
t = time.perf_counter()
kw = {"columns": columns, "sep": sep} if columns else {}
r = na.read_patents(Path(path), **kw)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"added_kb": peak - base, "seconds": time.perf_counter() - t, "rows": r.report.rows_read}))
"""


def inflated_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(inflated_bytes(p) for p in path.rglob("*") if p.is_file())
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return sum(i.file_size for i in z.infolist())
    return path.stat().st_size


def synthetic_csv(folder: Path, n: int, seed: int = 15) -> Path:
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


def measure(path: Path, columns: dict | None = None, sep: str = "") -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), json.dumps(columns or {}), sep],
                         capture_output=True, text=True, check=True)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["inflated"] = inflated_bytes(path)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--rows", type=int, nargs="+", default=[25_000, 100_000, 200_000])
    args = ap.parse_args()
    generic = {"patent_id": "patent_id", "year": "year", "applicants": "applicants"}
    cases: list[tuple[str, Path, dict | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            cases.append((f"SYNTHETIC CSV, {n:,} rows", synthetic_csv(Path(tmp), n), generic, ";"))
        d = args.data
        real = [
            ("KIPRIS Plus XML (folder)", d / "kipris-plus-xml", None, ""),
            ("Lens drones CSV", d / "lens-exports" / "drones_tac_1606_families.csv", None, ""),
            ("Thomson synbio XLSX", d / "lens-exports" / "synbio.xlsx",
             {"patent_id": "publication_number", "year": "application_dates",
              "applicants": "patent_assignees_original_no_address"}, ";"),
            ("PATSTAT ItUniv1 XLSX (long)", d / "patstat-it" / "ItUniv1.xlsx",
             {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name"}, ""),
        ]
        cases += [c for c in real if c[1].exists()]
        print(f"{'input':36} {'inflated MB':>11} {'records':>9} {'peak +MB':>9} {'x input':>8} {'s':>6}")
        for label, path, cols, sep in cases:
            r = measure(path, cols, sep)
            mb = r["inflated"] / 1e6
            print(f"{label:36} {mb:11.1f} {r['rows']:9,d} {r['added_kb'] / 1e3:9.0f} "
                  f"{r['added_kb'] * 1e3 / r['inflated']:8.1f} {r['seconds']:6.1f}")


if __name__ == "__main__":
    main()
