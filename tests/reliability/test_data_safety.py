"""Data safety: atomic writes, idempotent re-runs, formula-free CSV."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from netanalysis._io import atomic_path, neutralise_formulas, write_csv
from netanalysis.datasets import sample_path
from netanalysis.ingest import read_patents as ingest
from netanalysis.ingest import save_processed


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old content", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half a new fi", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old content"  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]  # no temp file left behind


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_ingest_reruns_are_byte_identical(tmp_path):
    out = ingest(sample_path())
    a = save_processed(out, tmp_path / "a")
    b = save_processed(ingest(sample_path()), tmp_path / "b")
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert {k: digest(v) for k, v in a.items()} == {k: digest(v) for k, v in b.items()}
    again = save_processed(out, tmp_path / "a")  # writing over an earlier run is fine too
    assert {k: digest(v) for k, v in again.items()} == {k: digest(v) for k, v in a.items()}


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "=HYPERLINK(\"u\",\"c\")"])
def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path, cell):
    df = pd.DataFrame({"name": [cell, "(주)가나"], "n": [1, -5]})
    write_csv(df, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv", dtype=str)
    assert back["name"][0] == "'" + cell  # shown as text, readable, never evaluated
    assert back["name"][1] == "(주)가나"
    assert back["n"].tolist() == ["1", "-5"]  # real numbers stay numbers
    assert neutralise_formulas(df)["name"][0].startswith("'")
