"""Ingest of a national long table at 1 M and 10 M applicant rows (issue 30, items 1 and 4), on SYNTHETIC data.

The table is SYNTHETIC, fitted to the structure of a national patent gazette (the Brazilian one of
issue 30: 362,624 applicant rows, 343 k applications, 79 k actors): one row per application ×
applicant, about 1.3 applicants per application, three quarters of the rows an individual
(drawn from hundreds of thousands of person names), the rest a few thousand organisations
(Zipf: a few universities and large firms file most), 27 regions (the Brazilian states, ``uf``),
the country, the applicant's city (read as address text) and the application's inventors
(an individual applicant is usually one of them). It is read as a user would, through
``netanalysis.ingest.read_table`` with a ``--columns``-style mapping.

Each measurement runs in a fresh child process, which reports wall and CPU seconds and its
peak resident memory (``VmHWM`` of ``/proc/self/status``, reset by ``exec``; Arrow's buffers
included) above the interpreter's own with the package imported.  ``--before DIR`` reads the
same file with another copy of the package (e.g. ``git worktree add /tmp/main main``) in the
same run, for a before/after table; ``--profile`` prints the top cumulative costs (cProfile)
of the smallest size.

    python benchmarks/bench_ingest_scale.py [--rows 1000000 10000000] [--before /tmp/main] [--profile]
    python benchmarks/bench_ingest_scale.py --report 350000 [--before DIR]   # issue 30, item 4

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

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

#: The 27 federative units of Brazil (ISO 3166-2:BR without the prefix), the table's ``uf`` column.
UF = ("AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO").split()
#: Share of applicant rows per state (SYNTHETIC, shaped like patent filings: São Paulo first).
UF_WEIGHT = np.array([1, 3, 1, 2, 6, 5, 5, 4, 5, 2, 3, 2, 16, 3, 3, 8, 5, 2, 12, 3, 10, 1, 1, 7, 40, 2, 1], float)
CITIES = {"SP": "SAO PAULO", "MG": "BELO HORIZONTE", "RJ": "RIO DE JANEIRO", "RS": "PORTO ALEGRE",
          "PR": "CURITIBA", "SC": "FLORIANOPOLIS", "BA": "SALVADOR", "DF": "BRASILIA"}
GIVEN = ("JOAO JOSE ANTONIO FRANCISCO CARLOS PAULO PEDRO LUCAS LUIZ MARCOS GABRIEL RAFAEL DANIEL MARCELO BRUNO "
         "EDUARDO FELIPE RODRIGO MANOEL MATEUS ANDRE FERNANDO FABIO LEONARDO GUSTAVO GUILHERME LEANDRO TIAGO "
         "ANDERSON RICARDO MARIA ANA FRANCISCA ANTONIA ADRIANA JULIANA MARCIA FERNANDA PATRICIA ALINE SANDRA "
         "CAMILA AMANDA BRUNA JESSICA LETICIA JULIA LUCIANA VANESSA MARIANA GABRIELA VERA VITORIA").split()
SURNAMES = ("SILVA SANTOS OLIVEIRA SOUZA RODRIGUES FERREIRA ALVES PEREIRA LIMA GOMES COSTA RIBEIRO MARTINS "
            "CARVALHO ALMEIDA LOPES SOARES FERNANDES VIEIRA BARBOSA ROCHA DIAS NASCIMENTO ANDRADE MOREIRA NUNES "
            "MARQUES MACHADO MENDES FREITAS CARDOSO RAMOS GONCALVES SANTANA TEIXEIRA ARAUJO PINTO CASTRO CAMPOS "
            "CORREIA MONTEIRO MOURA CAVALCANTI BEZERRA DUARTE NOGUEIRA FARIAS BATISTA MIRANDA MOTA SALES BRITO "
            "AZEVEDO MELO CUNHA PIRES FONSECA REIS").split()
ORG_WORDS = ("ALFA BETA SOLAR VERDE NORTE SUL BRASIL AGRO BIO TEC METAL PLAST QUIMICA MINAS PAULISTA ATLANTICO "
             "PAMPA SERRA VALE RIO MAR SOL LUZ FORTE NOVA PRIMA").split()
ORG_FORMS = ("LTDA", "S.A.", "S/A", "LTDA - ME", "INDUSTRIA E COMERCIO LTDA", "EIRELI")
UNIVERSITIES = [f"UNIVERSIDADE FEDERAL DE {s}" for s in ("MINAS GERAIS", "SAO PAULO", "PERNAMBUCO", "SANTA CATARINA",
                                                         "VICOSA", "UBERLANDIA", "PELOTAS", "GOIAS", "PARANA")]
UNIVERSITIES += ["UNIVERSIDADE DE SAO PAULO - USP", "UNIVERSIDADE ESTADUAL DE CAMPINAS - UNICAMP",
                 "FUNDACAO OSWALDO CRUZ", "EMPRESA BRASILEIRA DE PESQUISA AGROPECUARIA - EMBRAPA"]
COLUMNS = {"patent_id": "numero_pedido", "year": "data_deposito", "applicants": "depositante", "country": "pais",
           "region": "uf", "city": "cidade", "inventors": "inventores"}


def _persons(rng: np.random.Generator, idx: np.ndarray) -> np.ndarray:
    """The name of person ``idx`` (a deterministic function of the index: GIVEN SURNAME SURNAME)."""
    g = np.array(GIVEN, dtype=object)[idx % len(GIVEN)]
    s1 = np.array(SURNAMES, dtype=object)[(idx // len(GIVEN)) % len(SURNAMES)]
    s2 = np.array(SURNAMES, dtype=object)[(idx // (len(GIVEN) * len(SURNAMES))) % len(SURNAMES)]
    mid = np.array(["", "DA ", "DE ", "DOS "], dtype=object)[(idx // 7) % 4]
    return g + " " + mid + s1 + " " + s2


def _organisations(n: int) -> np.ndarray:
    k = np.arange(n)
    words = np.array(ORG_WORDS, dtype=object)
    forms = np.array(ORG_FORMS, dtype=object)
    firms = words[k % len(words)] + " " + words[(k // len(words)) % len(words)] + " " + \
        words[(k // len(words) ** 2) % len(words)] + " " + forms[k % len(forms)]
    firms[: len(UNIVERSITIES)] = UNIVERSITIES
    return firms


def national_chunk(rng: np.random.Generator, first_app: int, n_rows: int, n_persons: int, orgs: np.ndarray,
                   org_uf: np.ndarray) -> pd.DataFrame:
    """About ``n_rows`` SYNTHETIC applicant rows (whole applications, ids from ``first_app``)."""
    n_apps = max(1, int(n_rows / 1.3))
    k = 1 + np.minimum(rng.poisson(0.3, n_apps), 5)
    app = np.repeat(np.arange(first_app, first_app + n_apps), k)
    is_org = rng.random(len(app)) < 0.25
    org = np.minimum(rng.zipf(1.5, len(app)) - 1, len(orgs) - 1)
    person = rng.integers(0, n_persons, len(app))
    name = np.where(is_org, orgs[org], _persons(rng, person))
    uf_p = UF_WEIGHT / UF_WEIGHT.sum()
    uf = np.where(is_org, org_uf[org], np.array(UF, dtype=object)[rng.choice(len(UF), len(app), p=uf_p)])
    city = pd.Series(uf).map(CITIES).fillna("").to_numpy(dtype=object)
    city = np.where(city == "", "MUNICIPIO " + pd.Series(uf).to_numpy(dtype=object), city) + " - " + uf
    year = 1995 + (app * 7919) % 26
    date = pd.Series(year).astype(str).to_numpy(dtype=object) + "-" + \
        pd.Series(1 + app % 12).map("{:02d}".format).to_numpy(dtype=object) + "-15"
    # inventors of the application: 1-4 persons; an individual applicant is usually one of them
    n_inv = 1 + np.minimum(rng.poisson(1.0, n_apps), 3)
    inv_idx = rng.integers(0, n_persons, int(n_inv.sum()))
    inv_names = pd.Series(_persons(rng, inv_idx))
    owner = np.repeat(np.arange(n_apps), n_inv)
    inv_cell = inv_names.groupby(owner).agg("; ".join).to_numpy(dtype=object)
    first_person = pd.Series(np.where(is_org, "", name)).groupby(app - first_app).first().to_numpy(dtype=object)
    with_applicant = (first_person != "") & (rng.random(n_apps) < 0.8)
    inv_cell = np.where(with_applicant, first_person + "; " + inv_cell, inv_cell)
    return pd.DataFrame({"numero_pedido": "BR10" + pd.Series(app).astype(str).str.zfill(9).to_numpy(dtype=object),
                         "data_deposito": date, "depositante": name, "pais": "BR", "uf": uf, "cidade": city,
                         "inventores": inv_cell[app - first_app]})


def write_national_table(path: Path, rows: int, seed: int = 30, chunk: int = 1_000_000) -> int:
    """Write a SYNTHETIC national long table of about ``rows`` applicant rows; return the row count."""
    rng = np.random.default_rng(seed)
    n_persons = max(50_000, int(rows * 0.45))  # many individuals, most filing once
    orgs = _organisations(4_000)
    org_uf = np.array(UF, dtype=object)[rng.choice(len(UF), len(orgs), p=UF_WEIGHT / UF_WEIGHT.sum())]
    written, first = 0, 1
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("# SYNTHETIC national patent table (netanalysis benchmarks/bench_ingest_scale.py)\n")
        while written < rows:
            part = national_chunk(rng, first, min(chunk, rows - written), n_persons, orgs, org_uf)
            part.to_csv(f, index=False, header=written == 0, lineterminator="\n")
            written += len(part)
            first += int(part["numero_pedido"].nunique())
    return written


CHILD = r"""
import cProfile, json, pstats, io, sys, time
def hwm_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
import netanalysis, netanalysis.classify
from netanalysis.ingest import read_table
netanalysis.classify.given_names()  # the given-name list: a one-off per machine (cached on disk)
base = hwm_kb()
path, columns, profile = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "1"
prof = cProfile.Profile() if profile else None
t0, c0 = time.perf_counter(), time.process_time()
if prof: prof.enable()
r = read_table(path, columns)
if prof: prof.disable()
out = dict(seconds=time.perf_counter() - t0, cpu_s=time.process_time() - c0, peak_kb=hwm_kb() - base,
           base_kb=base, rows=r.report.rows_read, applications=r.report.patents, actors=r.report.actors,
           package=netanalysis.__file__)
if prof:
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(40)
    out["profile"] = s.getvalue()
print(json.dumps(out))
"""


def measure(path: Path, package_root: Path, profile: bool = False) -> dict:
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    p = subprocess.run([sys.executable, "-c", CHILD, str(path), json.dumps(COLUMNS), "1" if profile else "0"],
                       capture_output=True, text=True, env=env, cwd=package_root)
    if p.returncode:
        return {"error": (p.stderr.strip().splitlines() or ["?"])[-1][:300]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def _line(label: str, rows: int, size: int, r: dict) -> str:
    if "error" in r:
        return f"  {label:7} failed: {r['error']}"
    return (f"  {label:7} {r['seconds']:8.1f} s wall {r['cpu_s']:8.1f} s CPU  {rows / r['seconds']:>9,.0f} rows/s  "
            f"{rows / r['cpu_s']:>9,.0f} rows/CPU-s  peak {r['peak_kb'] / 1024:>7,.0f} MiB = "
            f"{r['peak_kb'] * 1024 / size:4.1f}x the file  ({r['applications']:,} applications, "
            f"{r['actors']:,} actors)")


REPORT_CHILD = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run([sys.executable, "-m", "netanalysis", *sys.argv[2:]], capture_output=True, text=True,
                   timeout=float(sys.argv[1]))
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_s": r.ru_utime + r.ru_stime, "rc": p.returncode,
                  "peak_mb": r.ru_maxrss / 1024, "err": p.stderr[-400:]}))
"""


def time_command(args: list[str], package_root: Path, limit: float) -> dict:
    """Wall and CPU seconds (children included) of ``netanalysis ARGS`` run with ``package_root``."""
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    try:
        p = subprocess.run([sys.executable, "-c", REPORT_CHILD, str(limit), *args], capture_output=True, text=True,
                           env=env, timeout=limit + 60)
        return json.loads(p.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, IndexError, json.JSONDecodeError):
        return {"seconds": float("nan"), "cpu_s": float("nan"), "rc": "timeout", "peak_mb": float("nan"), "err": ""}


def bench_report(applications: int, folder: Path, roots: list[tuple[str, Path]], limit: float) -> None:
    """``netanalysis ingest`` then ``netanalysis report --region BR-MG`` on a SYNTHETIC national table."""
    path = folder / f"national_{applications}_applications.csv"
    if not path.exists():
        write_national_table(path, int(applications * 1.3))
    mapping = ",".join(f"{k}={v}" for k, v in COLUMNS.items())
    for label, root in roots:
        processed = folder / f"processed_{label}"
        ing = time_command(["ingest", str(path), "--columns", mapping, "--out", str(processed), "--quiet"], root, limit)
        out = folder / f"report_{label}.html"
        rep = time_command(["report", str(processed), "--region", "BR-MG", "--out", str(out), "--quiet"], root, limit)
        for what, r in (("ingest", ing), ("report --region BR-MG", rep)):
            last = r["err"].strip().splitlines()[-1] if r["err"].strip() else ""
            print(f"  {label:7} {what:22} {r['seconds']:8.1f} s wall {r['cpu_s']:8.1f} s CPU  "
                  f"peak {r['peak_mb']:,.0f} MiB  exit {r['rc']} {last}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--before", type=Path, help="root of another copy of the package (e.g. a worktree of main)")
    ap.add_argument("--profile", action="store_true", help="cProfile the smallest size (after) and print the top")
    ap.add_argument("--keep", type=Path, help="write the SYNTHETIC tables here and keep them")
    ap.add_argument("--report", type=int, metavar="APPLICATIONS",
                    help="time `netanalysis ingest` and `report --region BR-MG` on a table of this many applications")
    ap.add_argument("--limit", type=float, default=1800, help="seconds before a command is stopped (--report)")
    args = ap.parse_args()
    if args.report:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            print(f"SYNTHETIC national long table of {args.report:,} applications")
            bench_report(args.report, folder, [*([("before", args.before)] if args.before else []), ("after", ROOT)],
                         args.limit)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for i, n in enumerate(sorted(args.rows)):
            path = folder / f"national_{n}.csv"
            if not path.exists():
                write_national_table(path, n)
                os.sync()  # (the table written out to disk now: its write-back does not share the cores with a run)
            size = path.stat().st_size
            rows = sum(1 for _ in open(path, "rb")) - 2
            print(f"SYNTHETIC national long table, {rows:,} applicant rows, {size / 1e6:,.0f} MB")
            runs = [("before", args.before)] if args.before else []
            for label, root in [*runs, ("after", ROOT)]:
                r = measure(path, root, profile=args.profile and i == 0 and label == "after")
                print(_line(label, rows, size, r), flush=True)
                if "profile" in r:
                    print(r["profile"])


if __name__ == "__main__":
    main()
