"""Issue 30: the whole-column ingest gives exactly the tables of the row-by-row one.

The reference is the package as it was before the ingest was made whole-column (commit
:data:`REFERENCE`, the tip of main when the work started), archived with ``git archive`` into a
temporary folder and run in a child process; its ``applications`` and ``actors`` tables are
compared cell by cell, with their dtypes, to this checkout's, on the bundled SYNTHETIC sample,
a SYNTHETIC national long table (inventors, states, cities: every whole-column step), the Lens
pizza export, PATSTAT's ItUniv1.xlsx read with its ``--columns`` mapping and the KIPRIS Plus XML
folder. Nothing is stored: both sides are computed here. The test skips where git or the
reference commit is missing (a shallow clone); ``NETANALYSIS_REFERENCE_COMMIT`` names another.
When a later change alters results on purpose, move :data:`REFERENCE` to the commit before it.
"""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pandas as pd
import pytest
from _hyp import ROOT

REFERENCE = os.environ.get("NETANALYSIS_REFERENCE_COMMIT", "cbf657f")  # issue 27's review pass (Lens pizza retyped on purpose)
PATSTAT_COLUMNS = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
                   "country": "person_ctry_code", "actor_type": "psn_sector"}

CHILD = r"""
import pickle, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
import netanalysis
assert netanalysis.__file__.startswith(sys.argv[1]), netanalysis.__file__
from _ingest_cases import read_case
out = {}
for name in sys.argv[4:]:
    r = read_case(name, sys.argv[3])
    out[name] = (r.applications, r.actors)
sys.stdout.buffer.write(pickle.dumps(out))
"""


def _reference_tree(tmp: Path) -> Path:
    try:
        blob = subprocess.run(["git", "-C", str(ROOT), "archive", REFERENCE, "netanalysis"], capture_output=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"git or the reference commit {REFERENCE} is not available (shallow clone?)")
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(tmp, filter="data")
    return tmp


def _cases_module(tmp: Path) -> Path:
    """The reading of each case, one module both sides import (so both read alike)."""
    folder = tmp / "cases"
    folder.mkdir()
    (folder / "_ingest_cases.py").write_text(f'''
from pathlib import Path
import netanalysis as na
PATSTAT_COLUMNS = {PATSTAT_COLUMNS!r}
NATIONAL_COLUMNS = {{"patent_id": "numero_pedido", "year": "data_deposito", "applicants": "depositante",
                    "country": "pais", "region": "uf", "city": "cidade", "inventors": "inventores"}}
def read_case(name, data):
    d = Path(data)
    if name == "sample":  # copied beside the national table: one path for both packages
        return na.read_patents(d / "sample.csv", firm_sizes=d / "sample_firm_sizes.csv")
    if name == "national":
        return na.read_patents(d / "national.csv", columns=NATIONAL_COLUMNS)
    if name == "lens_pizza":
        return na.read_patents(d / "lens-exports" / "pizza_lens_1000_raw.csv")
    if name == "patstat_ituniv1":
        return na.read_patents(d / "patstat-it" / "ItUniv1.xlsx", columns=PATSTAT_COLUMNS)
    if name == "kipris_xml":
        return na.read_patents(d / "kipris-plus-xml")
    raise ValueError(name)
''', encoding="utf-8")
    return folder


def _run(package_root: Path, cases: Path, data: Path, names: list[str]) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, str(package_root), str(cases), str(data), *names],
                       capture_output=True, cwd=package_root)
    assert p.returncode == 0, p.stderr.decode()[-3000:]
    return pickle.loads(p.stdout)


def _compare(name: str, ref: tuple, new: tuple) -> None:
    for table, a, b in zip(("applications", "actors"), ref, new, strict=True):
        assert list(a.columns) == list(b.columns), (name, table)
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=f"{name}.{table}")


@pytest.mark.slow  # two packages read five inputs, each in its own process (about a minute)
def test_whole_column_ingest_gives_the_same_tables(shared_data, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_ingest_scale import write_national_table
    finally:
        sys.path.pop(0)
    ref_root = _reference_tree(tmp_path / "reference")
    cases = _cases_module(tmp_path)
    from netanalysis.datasets import sample_firm_sizes_path, sample_path

    mine = tmp_path / "synthetic"
    mine.mkdir()
    write_national_table(mine / "national.csv", 30_000, seed=5)
    shutil.copy(sample_path(), mine / "sample.csv")
    shutil.copy(sample_firm_sizes_path(), mine / "sample_firm_sizes.csv")
    real = ["lens_pizza", "patstat_ituniv1", "kipris_xml"]
    ref = {**_run(ref_root, cases, mine, ["national", "sample"]), **_run(ref_root, cases, shared_data, real)}
    new = {**_run(ROOT, cases, mine, ["national", "sample"]), **_run(ROOT, cases, shared_data, real)}
    assert set(ref) == set(new) == {"national", "sample", *real}
    for name in ref:
        assert len(ref[name][0]) > 100, name  # the case read something
        _compare(name, ref[name], new[name])
