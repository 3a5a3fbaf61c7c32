"""Which columnar engine for the national ingest: pyarrow, Polars or DuckDB (issue 30, item 1), on SYNTHETIC data.

Issue 30 asks for the streaming engine to be chosen by measurement. The package reads with
pyarrow (pandas' own string storage); this script times the work an engine could take off
the pipeline's hands, the same work in each engine, on the SYNTHETIC national long table of
``bench_ingest_scale.py`` (same generator and seed):

1. ``read``: the CSV, every column as text (the comment line skipped);
2. ``codes``: the patent id and the applicant name as integer codes (dictionary encoding);
3. ``records``: the distinct (patent, applicant) pairs, each patent's first filing year, each
   applicant's number of distinct patents (what ``kept_mentions`` and the actors table do);
4. ``rules``: on the distinct applicant names, three of the name rules as regular expressions
   (whitespace runs to one space, an English legal form stripped from the end, a university
   word found), each engine in its own regex engine.

Each engine runs in a fresh child process with two threads; it reports wall seconds per step
and its peak resident memory (``VmHWM``) above the interpreter with the engine imported.
Polars and DuckDB are not dependencies of the package: the script says so and skips an
engine that is not installed (``pip install polars duckdb``).

    python benchmarks/bench_ingest_engines.py [--rows 10000000] [--keep DIR]

Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_ingest_scale import write_national_table

#: The three name rules, as Python writes them (each engine is given the same text).
RULES = {"spaces": (r"\s+", " "), "legal_form": (r"\b(?:CO|LTD|INC|CORP|LLC|LTDA|S\.?A\.?|GMBH)\.?$", ""),
         "university": (r"\bUNIVERSI(?:TY|DADE|DAD|TE|TA)\b", None)}

CHILD = {
    "pyarrow": r"""
import pyarrow as pa, pyarrow.csv as csv, pyarrow.compute as pc
pa.set_cpu_count(2); pa.set_io_thread_count(2)
def run(path, rules, step):
    t = step("read", lambda: csv.read_csv(path, read_options=csv.ReadOptions(skip_rows=1),
             convert_options=csv.ConvertOptions(column_types={c: pa.string() for c in COLS})))
    pat = step("codes", lambda: pc.dictionary_encode(t["numero_pedido"]).combine_chunks())
    app = step("codes", lambda: pc.dictionary_encode(t["depositante"]).combine_chunks())
    def records():
        pairs = pa.table({"p": pat.indices, "a": app.indices,
                          "y": pc.cast(pc.utf8_slice_codeunits(t["data_deposito"], 0, 4), pa.int32())})
        first = pairs.group_by("p").aggregate([("y", "min")])
        distinct = pairs.group_by(["p", "a"]).aggregate([])
        per_actor = distinct.group_by("a").aggregate([("p", "count")])
        return len(first), len(distinct), len(per_actor)
    n = step("records", records)
    names = app.dictionary
    def rule():
        out = pc.replace_substring_regex(names, rules["spaces"][0].replace("\\s", "[\\t-\\r\\x1c-\\x20]"), " ")
        out = pc.replace_substring_regex(out, rules["legal_form"][0], "")
        return int(pc.sum(pc.match_substring_regex(out, rules["university"][0])).as_py())
    u = step("rules", rule)
    return dict(rows=t.num_rows, patents=n[0], pairs=n[1], actors=n[2], names=len(names), university=u)
""",
    "polars": r"""
import os
os.environ["POLARS_MAX_THREADS"] = "2"
import polars as pl
def run(path, rules, step):
    t = step("read", lambda: pl.read_csv(path, skip_rows=1, infer_schema=False))
    def codes():
        return t.select(p=pl.col("numero_pedido").cast(pl.Categorical).to_physical(),
                        a=pl.col("depositante").cast(pl.Categorical).to_physical(),
                        y=pl.col("data_deposito").str.slice(0, 4).cast(pl.Int32))
    c = step("codes", codes)
    def records():
        first = c.group_by("p").agg(pl.col("y").min())
        distinct = c.select("p", "a").unique()
        per_actor = distinct.group_by("a").agg(pl.len())
        return first.height, distinct.height, per_actor.height
    n = step("records", records)
    names = t.select(pl.col("depositante").unique())["depositante"]
    def rule():
        out = names.str.replace_all(rules["spaces"][0], " ").str.replace(rules["legal_form"][0], "")
        return int(out.str.contains(rules["university"][0]).sum())
    u = step("rules", rule)
    return dict(rows=t.height, patents=n[0], pairs=n[1], actors=n[2], names=len(names), university=u)
""",
    "duckdb": r"""
import duckdb
def run(path, rules, step):
    con = duckdb.connect()
    con.execute("SET threads = 2")
    step("read", lambda: con.execute(
        f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', skip=1, header=true, all_varchar=true)"))
    step("codes", lambda: con.execute(
        "CREATE TABLE c AS SELECT dense_rank() OVER (ORDER BY numero_pedido) AS p, "
        "dense_rank() OVER (ORDER BY depositante) AS a, CAST(substr(data_deposito, 1, 4) AS INTEGER) AS y FROM t"))
    def records():
        first = con.execute("SELECT count(*) FROM (SELECT p, min(y) FROM c GROUP BY p)").fetchone()[0]
        pairs = con.execute("SELECT count(*) FROM (SELECT DISTINCT p, a FROM c)").fetchone()[0]
        actors = con.execute("SELECT count(*) FROM (SELECT a, count(*) FROM (SELECT DISTINCT p, a FROM c) "
                             "GROUP BY a)").fetchone()[0]
        return first, pairs, actors
    n = step("records", records)
    def rule():
        con.execute("CREATE TABLE names AS SELECT DISTINCT depositante AS n FROM t")
        return con.execute(
            "SELECT sum(CASE WHEN regexp_matches(regexp_replace(regexp_replace(n, ?, ' ', 'g'), ?, ''), ?) "
            "THEN 1 ELSE 0 END), count(*) FROM names",
            [rules["spaces"][0], rules["legal_form"][0], rules["university"][0]]).fetchone()
    u, k = step("rules", rule)
    rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
    return dict(rows=rows, patents=n[0], pairs=n[1], actors=n[2], names=k, university=int(u))
""",
}

FRAME = r"""
import json, sys, time
COLS = ["numero_pedido", "data_deposito", "depositante", "pais", "uf", "cidade", "inventores"]
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
{engine}
base = hwm()
times = {{}}
def step(name, fn):
    t0 = time.perf_counter()
    out = fn()
    times[name] = times.get(name, 0.0) + time.perf_counter() - t0
    return out
got = run(sys.argv[1], json.loads(sys.argv[2]), step)
print(json.dumps({{"times": times, "peak_mb": hwm() - base, **got}}))
"""


def measure(engine: str, path: Path) -> dict:
    code = FRAME.format(engine=CHILD[engine])
    p = subprocess.run([sys.executable, "-c", code, str(path), json.dumps(RULES)], capture_output=True, text=True,
                       env={**os.environ, "OMP_NUM_THREADS": "2"})
    if p.returncode:
        last = (p.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": "not installed" if "ModuleNotFoundError" in last else last[:200]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--keep", type=Path, help="write the SYNTHETIC table here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"national_{args.rows}.csv"
        if not path.exists():
            write_national_table(path, args.rows)
        size = path.stat().st_size
        print(f"SYNTHETIC national long table, {args.rows:,} applicant rows, {size / 1e6:,.0f} MB; two threads each")
        print(f"  {'engine':8} {'read':>7} {'codes':>7} {'records':>8} {'rules':>7} {'total':>7}  {'peak':>9}  checks")
        for engine in CHILD:
            r = measure(engine, path)
            if "error" in r:
                print(f"  {engine:8} skipped: {r['error']}")
                continue
            t = r["times"]
            total = sum(t.values())
            print(f"  {engine:8} {t['read']:6.1f}s {t['codes']:6.1f}s {t['records']:7.1f}s {t['rules']:6.1f}s "
                  f"{total:6.1f}s  {r['peak_mb']:6,.0f} MB  rows {r['rows']:,}, patents {r['patents']:,}, "
                  f"(patent, applicant) pairs {r['pairs']:,}, applicants {r['actors']:,} of {r['names']:,} "
                  f"names, {r['university']:,} with a university word", flush=True)


if __name__ == "__main__":
    main()
