"""Rows/s and peak memory of the OECD REGPAT reader (issue 30, item 1), on SYNTHETIC tables.

Writes SYNTHETIC ``synthetic_EPO_App_reg.txt``, ``synthetic_EPO_Inv_reg.txt`` and
``synthetic_EPO_IPC.txt`` in REGPAT's layout (``|``-separated, with a header) with N applicant +
inventor rows in all (default 1,000,000): about 1.3 applicants and 2.5 inventors per application,
applicants 70 % drawn from a few thousand organisations (Zipf) and 30 % individuals, inventors
individuals; about 3 % of persons placed in two regions (one row per region, ``reg_share`` 0.5
each, as REGPAT does), 27 Italian NUTS-3 codes; 1-3 IPC codes per application, years 1990-2020.
Each measurement runs in a fresh child process, which reports wall and CPU seconds and its peak
resident memory (``VmHWM`` of ``/proc/self/status``: Arrow's buffers included, which
``tracemalloc`` does not see; ``ru_maxrss`` is not used because Linux carries it across ``exec``
from the parent) above the interpreter's own with the package imported.  Also printed: the join
stage alone (everything before the shared pipeline: ``applications_from_mentions`` wrapped).

    python benchmarks/bench_ingest_regpat.py [--rows 1000000] [--keep DIR] [--join-only]

Not a unit test.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _native_bench import arguments, print_reader, run_reader

APP = ("appln_id", "person_id", "app_name", "address", "city", "postal_code", "reg_code", "ctry_code",
       "reg_share", "app_share")
INV = ("appln_id", "person_id", "inv_name", "address", "city", "postal_code", "reg_code", "ctry_code",
       "reg_share", "inv_share")
IPC = ("appln_id", "prio_year", "app_year", "IPC")
#: 27 Italian NUTS-3 codes with a city and a postal code (the codes are real, their use SYNTHETIC)
PLACES = [("ITC11", "Torino", "10121"), ("ITC12", "Vercelli", "13100"), ("ITC16", "Cuneo", "12100"),
          ("ITC41", "Varese", "21100"), ("ITC42", "Como", "22100"), ("ITC43", "Lecco", "23900"),
          ("ITC46", "Bergamo", "24121"), ("ITC47", "Brescia", "25121"), ("ITC48", "Pavia", "27100"),
          ("ITC4C", "Milano", "20121"), ("ITC4D", "Monza", "20900"), ("ITF33", "Napoli", "80121"),
          ("ITF35", "Salerno", "84121"), ("ITH31", "Verona", "37121"), ("ITH32", "Vicenza", "36100"),
          ("ITH34", "Treviso", "31100"), ("ITH35", "Venezia", "30121"), ("ITH36", "Padova", "35121"),
          ("ITH37", "Rovigo", "45100"), ("ITH52", "Parma", "43121"), ("ITH54", "Modena", "41121"),
          ("ITH55", "Bologna", "40121"), ("ITH56", "Ferrara", "44121"), ("ITH57", "Ravenna", "48121"),
          ("ITI41", "Viterbo", "01100"), ("ITI43", "Roma", "00118"), ("ITI45", "Frosinone", "03100")]
SPLIT = 0.03  # persons placed in two regions
#: shares as REGPAT writes them (1/k, six significant digits)
SHARES = ["0"] + [f"{1 / k:.6g}" for k in range(1, 12)]


def _write(columns: dict, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with open(path, "wb") as f:  # the header unquoted, as the OECD writes it
        f.write(("|".join(columns) + "\n").encode())
        pacsv.write_csv(pa.table(columns), f, pacsv.WriteOptions(include_header=False, delimiter="|",
                                                                 quoting_style="none"))


def _persons(table: str, pid: np.ndarray, app_idx: np.ndarray, appln: np.ndarray, names, addresses,
             home: np.ndarray, second: np.ndarray, split: np.ndarray) -> dict:
    """One table's rows: each (application, person) once, twice for a person placed in two regions."""
    import pyarrow as pa

    count = np.bincount(app_idx, minlength=len(appln))
    reps = 1 + split[pid].astype(np.int64)
    row = np.repeat(np.arange(len(pid)), reps)
    later = (np.arange(len(row)) - np.repeat(np.cumsum(reps) - reps, reps)) > 0  # the second region's row
    p = pid[row]
    region = np.where(later, second[p], home[p])
    take = pa.array
    codes, cities, postal = (take([x[i] for x in PLACES]) for i in range(3))
    region_a = take(region)
    name = "app_name" if table == "app" else "inv_name"
    share = "app_share" if table == "app" else "inv_share"
    return {
        "appln_id": appln[app_idx[row]],
        "person_id": p,
        name: names.take(take(p)),
        "address": addresses.take(take(p)),
        "city": cities.take(region_a),
        "postal_code": postal.take(region_a),
        "reg_code": codes.take(region_a),
        "ctry_code": take(["IT"]).take(take(np.zeros(len(row), dtype=np.int64))),
        "reg_share": take(["1", "0.5"]).take(take(split[p].astype(np.int64))),
        share: take(SHARES).take(take(np.minimum(count[app_idx[row]], len(SHARES) - 1))),
    }


def _letters(n: np.ndarray) -> np.ndarray:
    """``n`` in base 26 as capital letters (SYNTHETIC surnames: a digit would make a name a firm's)."""
    alphabet = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    width = max(1, int(np.ceil(np.log(max(int(n.max()), 1) + 1) / np.log(26))))
    out = alphabet[n % 26]
    for k in range(1, width):
        out = np.char.add(alphabet[(n // 26**k) % 26], out)
    return out


def write_tables(folder: Path, rows: int, seed: int = 31) -> tuple[dict[str, int], dict[str, int]]:
    """SYNTHETIC REGPAT tables with about ``rows`` applicant + inventor rows; the files' sizes and rows."""
    import pyarrow as pa

    rng = np.random.default_rng(seed)
    n_apps = max(1, int(rows / (3.8 * (1 + SPLIT))))  # 1.3 applicants + 2.5 inventors, 3 % in two regions
    k_app = 1 + np.minimum(rng.poisson(0.3, n_apps), 4)
    k_inv = 1 + np.minimum(rng.poisson(1.5, n_apps), 9)
    appln = np.arange(1, n_apps + 1, dtype=np.int64) + 400_000_000
    n_org, n_ind = 4_000, max(1000, rows // 3)
    n_persons = n_org + n_ind
    ids = np.arange(n_persons + 1)  # index = person_id (0 unused)
    home = rng.integers(0, len(PLACES), n_persons + 1)
    second = (home + rng.integers(1, len(PLACES), n_persons + 1)) % len(PLACES)
    split = rng.random(n_persons + 1) < SPLIT
    num = pd.Series(ids).astype(str)
    kind = ids % 10
    names = np.where(ids > n_org, "ROSSI" + pd.Series(_letters(ids)) + ", MARIO",
                     np.where(kind == 0, "UNIVERSITA DEGLI STUDI SYNTHETIC " + num,
                              np.where(kind == 5, "OSPEDALE SYNTHETIC " + num,
                                       "SYNTHETIC FIRM " + num + " S.P.A.")))
    names = pa.array(names, type=pa.string())
    addresses = pa.array(("Via Roma " + num).to_numpy(), type=pa.string())
    # applicants: 70 % organisations (Zipf over n_org), 30 % individuals; inventors: individuals;
    # each (application, person) once, ordered by application then person
    app_idx = np.repeat(np.arange(n_apps), k_app)
    org = np.minimum(rng.zipf(1.6, len(app_idx)), n_org)
    app_person = np.where(rng.random(len(app_idx)) < 0.7, org, n_org + rng.integers(1, n_ind + 1, len(app_idx)))
    inv_idx = np.repeat(np.arange(n_apps), k_inv)
    inv_person = n_org + rng.integers(1, n_ind + 1, len(inv_idx))
    width = np.int64(n_persons + 1)
    counts: dict[str, int] = {}
    for table, idx, person, cols in (("app", app_idx, app_person, APP), ("inv", inv_idx, inv_person, INV)):
        key = np.unique(idx.astype(np.int64) * width + person)
        columns = _persons(table, key % width, key // width, appln, names, addresses, home, second, split)
        path = folder / f"synthetic_EPO_{table.capitalize()}_reg.txt"
        _write({c: columns[c] for c in cols}, path)
        counts[path.name] = len(columns["appln_id"])
    # IPC: 1-3 distinct codes per application from a pool of 640, years 1990-2020
    pool = np.array([f"{s}{c:02d}{sub} {g}/{sg:02d}" for s in "ABCDEFGH" for c in (1, 21, 33, 61) for sub in "BKMN"
                     for g, sg in ((1, 0), (3, 12), (5, 10), (9, 0), (33, 50))])
    k_ipc = 1 + np.minimum(rng.poisson(0.8, n_apps), 2)
    ipc_idx = np.repeat(np.arange(n_apps), k_ipc)
    j = np.arange(len(ipc_idx)) - np.repeat(np.cumsum(k_ipc) - k_ipc, k_ipc)
    code = (rng.integers(0, len(pool), n_apps)[ipc_idx] + 37 * j) % len(pool)
    app_year = rng.integers(1990, 2021, n_apps)
    prio_year = app_year - (rng.random(n_apps) < 0.6)
    path = folder / "synthetic_EPO_IPC.txt"
    _write({"appln_id": appln[ipc_idx], "prio_year": prio_year[ipc_idx], "app_year": app_year[ipc_idx],
            "IPC": pa.array(pool).take(pa.array(code))}, path)
    counts[path.name] = len(ipc_idx)
    sizes = {name: (folder / name).stat().st_size for name in counts}
    return sizes, counts


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "applicant + inventor rows (App_reg + Inv_reg)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        sizes, counts = write_tables(folder, args.rows)
        os.sync()  # (the tables written out to disk now: their write-back does not share the cores with the run)
        made = time.perf_counter() - t0
        total = sum(sizes.values())
        print(f"SYNTHETIC REGPAT tables (written in {made:.0f} s): "
              f"{', '.join(f'{k} {v / 1e6:.1f} MB ({counts[k]:,} rows)' for k, v in sizes.items())}"
              f" (total {total / 1e6:.1f} MB)")
        n_app, n_inv, n_ipc = counts.values()
        rows = n_app + n_inv
        r = run_reader("netanalysis.ingest.regpat", "read_regpat", folder, "join" if args.join_only else "reader")
        print(f"  (interpreter + package imported: {r['base_kb'] / 1024:,.0f} MiB, not counted below)")
        print(f"read_regpat on {rows:,} applicant + inventor rows ({n_app:,} App_reg = {r['mentions']:,} applicant "
              f"records, {n_inv:,} Inv_reg; {n_ipc:,} IPC rows read too, not counted in rows/s)")
        print_reader(r, rows, total, "files", args.join_only)


if __name__ == "__main__":
    main()
