"""Rows/s and peak memory of the PATSTAT-native reader (issue 30, item 1), on SYNTHETIC tables.

Writes SYNTHETIC ``tls201_part01.csv``, ``tls206_part01.csv`` and ``tls207_part01.csv`` in
PATSTAT's column layout with N person-application rows (``tls207``; default 1,000,000): about
1.3 applicants and 2.5 inventors per application, applicants drawn from a few thousand
organisations (Zipf) and many individuals, 27 NUTS-2-like regions.  Each measurement runs in a
fresh child process, which reports wall and CPU seconds and its peak resident memory
(``VmHWM`` of ``/proc/self/status``: Arrow's buffers included, which ``tracemalloc`` does not
see; ``ru_maxrss`` is not used because Linux carries it across ``exec`` from the parent) above the
interpreter's own with the package imported.  Also printed: the join stage alone (everything before the shared pipeline)
and, for the reader choice, ``tls206`` read and filtered by Arrow's streaming reader against
pandas' ``read_csv``.

    python benchmarks/bench_ingest_native.py [--rows 1000000] [--keep DIR]

Not a unit test.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from _native_bench import arguments, print_reader, run_child, run_reader

TLS201 = ("appln_id,appln_auth,appln_nr,appln_kind,appln_filing_date,appln_filing_year,appln_nr_epodoc,"
          "appln_nr_original,ipr_type,receiving_office,internat_appln_id,int_phase,reg_phase,nat_phase,"
          "earliest_filing_date,earliest_filing_year,earliest_filing_id,earliest_publn_date,earliest_publn_year,"
          "earliest_pat_publn_id,granted,docdb_family_id,inpadoc_family_id,docdb_family_size,nb_citing_docdb_fam,"
          "nb_applicants,nb_inventors").split(",")
TLS206 = ("person_id,person_name,person_name_orig_lg,person_address,person_ctry_code,nuts,nuts_level,"
          "doc_std_name_id,doc_std_name,psn_id,psn_name,psn_level,psn_sector,han_id,han_name,han_harmonized"
          ).split(",")
REGIONS = [f"IT{c}{d}" for c in "CFGHI" for d in range(1, 6)] + ["ITC4C", "ITI43"]  # 27 codes (SYNTHETIC)
SECTORS = ["COMPANY", "UNIVERSITY", "GOV NON-PROFIT", "HOSPITAL"]


def write_tables(folder: Path, rows: int, seed: int = 30) -> dict[str, int]:
    """SYNTHETIC PATSTAT tables with ``rows`` tls207 rows; returns the files' sizes."""
    rng = np.random.default_rng(seed)
    n_apps = int(rows / 3.8)  # 1.3 applicants + 2.5 inventors per application on average
    k_app = 1 + np.minimum(rng.poisson(0.3, n_apps), 4)
    k_inv = 1 + np.minimum(rng.poisson(1.5, n_apps), 9)
    appln = np.arange(1, n_apps + 1) + 40_000_000
    n_org, n_ind = 4_000, max(1000, rows // 3)
    # applicants: 70 % organisations (Zipf over n_org), 30 % individuals; inventors: individuals
    app_rows = np.repeat(appln, k_app)
    org = np.minimum(rng.zipf(1.6, len(app_rows)), n_org)
    is_org = rng.random(len(app_rows)) < 0.7
    app_person = np.where(is_org, org, n_org + rng.integers(1, n_ind + 1, len(app_rows)))
    app_seq = np.arange(len(app_rows)) - np.repeat(np.cumsum(k_app) - k_app, k_app) + 1
    inv_rows = np.repeat(appln, k_inv)
    inv_person = n_org + rng.integers(1, n_ind + 1, len(inv_rows))
    inv_seq = np.arange(len(inv_rows)) - np.repeat(np.cumsum(k_inv) - k_inv, k_inv) + 1
    t207 = pd.DataFrame({"person_id": np.r_[app_person, inv_person], "appln_id": np.r_[app_rows, inv_rows],
                         "applt_seq_nr": np.r_[app_seq, np.zeros(len(inv_rows), int)],
                         "invt_seq_nr": np.r_[np.zeros(len(app_rows), int), inv_seq]})
    t207 = t207.drop_duplicates(["person_id", "appln_id"]).sort_values(["appln_id", "applt_seq_nr"])
    t207.to_csv(folder / "tls207_part01.csv", index=False)
    year = rng.integers(1990, 2021, n_apps)
    month = rng.integers(1, 13, n_apps)
    date = pd.Series(year.astype(str)) + "-" + pd.Series(month).map("{:02d}".format) + "-15"
    t201 = pd.DataFrame({c: "" for c in TLS201}, index=range(n_apps))
    t201 = t201.assign(appln_id=appln, appln_auth="EP", appln_nr=appln + 1_000_000, appln_kind="A ",
                       appln_filing_date=date, appln_filing_year=year, earliest_filing_date=date,
                       earliest_filing_year=year, granted="N", docdb_family_id=appln, nb_applicants=k_app,
                       nb_inventors=k_inv, int_phase="N", reg_phase="N", nat_phase="N", ipr_type="PI")
    t201[TLS201].to_csv(folder / "tls201_part01.csv", index=False)
    pid = np.arange(1, n_org + n_ind + 1)
    org_mask = pid <= n_org
    name = np.where(org_mask, "SYNTHETIC FIRM " + pd.Series(pid).astype(str) + " S.P.A.",
                    "ROSSI" + pd.Series(pid).astype(str) + ", MARIO")
    sector = np.where(org_mask, np.array(SECTORS)[pid % 4], "INDIVIDUAL")
    region = np.array(REGIONS)[rng.integers(0, len(REGIONS), len(pid))]
    t206 = pd.DataFrame({c: "" for c in TLS206}, index=range(len(pid)))
    t206 = t206.assign(person_id=pid, person_name=name, person_address="Via Roma " + pd.Series(pid).astype(str)
                       + ", 20100 Milano", person_ctry_code="IT", nuts=region, nuts_level=3, psn_id=pid,
                       psn_name=name, psn_level=np.where(org_mask, 2, 1), psn_sector=sector, doc_std_name=name)
    t206[TLS206].to_csv(folder / "tls206_part01.csv", index=False)
    return {f.name: f.stat().st_size for f in folder.glob("tls*.csv")}


CHILD = r"""
import json, sys, time
def hwm_kb():  # this process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
import netanalysis.ingest.patstat as P
import pyarrow, pandas
base = hwm_kb()
folder, mode = sys.argv[1], sys.argv[2]
t0, c0 = time.perf_counter(), time.process_time()
out = {}
if mode == "arrow206":
    from netanalysis.ingest._native_csv import read_columns, sniff
    import pyarrow as pa, pandas as pd
    ids = pd.read_csv(folder + "/tls207_part01.csv", usecols=["person_id"])["person_id"].unique()
    df, _ = read_columns(sniff(folder + "/tls206_part01.csv"), P.TLS206_COLUMNS,
                         keep=("person_id", pa.array(ids.astype(str))))
    out["rows"] = len(df)
elif mode == "pandas206":
    import pandas as pd
    ids = pd.read_csv(folder + "/tls207_part01.csv", usecols=["person_id"])["person_id"].unique()
    df = pd.read_csv(folder + "/tls206_part01.csv", usecols=list(P.TLS206_COLUMNS), dtype=str, keep_default_na=False)
    df = df[df["person_id"].isin(ids.astype(str))]
    out["rows"] = len(df)
out.update(seconds=time.perf_counter() - t0, cpu_s=time.process_time() - c0,
           peak_kb=hwm_kb() - base, base_kb=base)
print(json.dumps(out))
"""


def run(folder: Path, mode: str) -> dict:
    if mode in ("reader", "join"):
        return run_reader("netanalysis.ingest.patstat", "read_patstat_native", folder, mode)
    return run_child(CHILD, str(folder), mode)


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "tls207 (person-application) rows")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = write_tables(folder, args.rows)
        os.sync()  # (the tables written out to disk now: their write-back does not share the cores with the run)
        total = sum(sizes.values())
        print(f"SYNTHETIC PATSTAT tables: {', '.join(f'{k} {v / 1e6:.1f} MB' for k, v in sizes.items())}"
              f" (total {total / 1e6:.1f} MB)")
        tls207 = sum(1 for _ in open(folder / "tls207_part01.csv", "rb")) - 1
        r = run(folder, "join" if args.join_only else "reader")
        print(f"  (interpreter + package imported: {r['base_kb'] / 1024:,.0f} MiB, not counted below)")
        print(f"read_patstat_native on {tls207:,} tls207 rows ({r['mentions']:,} applicant records)")
        print_reader(r, tls207, total, "CSVs", args.join_only)
        for mode in ("arrow206", "pandas206"):
            m = run(folder, mode)
            print(f"tls206 read + filtered to tls207's persons by {mode[:-3]}: {m['seconds']:.1f} s wall, "
                  f"{m['cpu_s']:.1f} s CPU, peak {m['peak_kb'] / 1024:,.0f} MiB ({m['rows']:,} rows)")


if __name__ == "__main__":
    main()
