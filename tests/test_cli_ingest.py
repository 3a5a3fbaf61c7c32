"""The CLI end to end: ingest writes every output atomically and never touches data/raw."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pandas as pd

from netanalysis.cli import main

CSV = "출원번호,출원일자,출원인\n1,2010.03.02,경북대학교 산학협력단(대구 북구)|(주)대경정밀(경북 구미시)\n2,20O4,가나\n"


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_ingest_cli_end_to_end(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    f = raw / "k.csv"
    f.write_text(CSV, encoding="cp949")
    before = sha(f)
    out = tmp_path / "processed"
    assert main(["ingest", str(f), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "read as kipris_export (cp949, wide table)" in text and "rejected 1" in text
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.parquet", "applications.parquet", "ingest_report.json", "name_suggestions.csv", "name_variants.csv",
        "rejects.csv"]
    apps = pd.read_parquet(out / "applications.parquet")
    assert apps["applicant_id"].tolist() == ["KYUNGPOOK NATIONAL UNIVERSITY", "대경정밀"]
    rep = json.loads((out / "ingest_report.json").read_text(encoding="utf-8"))
    assert rep["rows_read"] == rep["rows_kept"] + rep["rows_rejected"] == 2
    rej = pd.read_csv(out / "rejects.csv")
    assert rej["source_row"].tolist() == [3] and "20O4" in rej["reason"].iloc[0]
    assert sha(f) == before  # raw data never modified
    # re-running gives identical tables
    first = (out / "applications.parquet").read_bytes()
    assert main(["ingest", str(f), "--out", str(out)]) == 0
    pd.testing.assert_frame_equal(pd.read_parquet(out / "applications.parquet"), apps)
    assert len(first) > 0


def test_cli_errors_are_one_line_and_nonzero(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    out = tmp_path / "o"
    r = subprocess.run([sys.executable, "-m", "netanalysis", "ingest", str(bad), "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "unknown file layout" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())  # nothing half-written
    r = subprocess.run([sys.executable, "-m", "netanalysis", "ingest", str(tmp_path / "none.csv")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "no such file" in r.stderr


def test_failed_save_leaves_no_partial_files(tmp_path, monkeypatch):
    from netanalysis import ingest as ing

    f = tmp_path / "k.csv"
    f.write_text(CSV)
    res = ing.read_patents(f)
    out = tmp_path / "out"

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    try:
        ing.save_processed(res, out)
    except OSError:
        pass
    assert [p.name for p in out.iterdir()] == []
