"""The command line's failures: escape bytes printed escaped, a legacy code page survived, one line and status 2 (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netanalysis.cli import main


def table(tmp_path: Path, text: str, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_cli_prints_escape_bytes_escaped_and_survives_a_legacy_code_page(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\nP1,20O4\x1b[2J,A;B\nP2,2004,C;D\n", "경북.csv")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    out = subprocess.run([sys.executable, "-m", "netanalysis", "ingest", str(p), "--columns",
                          "patent_id=patent_id,year=year,applicants=applicants", "--sep", ";",
                          "--out", str(tmp_path / "o")], capture_output=True, env=env, check=False)
    assert out.returncode == 0, out.stderr
    assert b"\x1b" not in out.stdout + out.stderr
    assert b"Traceback" not in out.stderr
    assert b"\\uacbd" in out.stdout  # the Korean file name, escaped for a terminal that cannot show it


@pytest.mark.parametrize("argv", [
    ["ingest", "{tmp}/missing.csv", "--out", "{tmp}/o"],
    ["ingest", "{tmp}/folder.xml", "--out", "{tmp}/o"],
    ["ingest", "{tmp}/ok.csv", "--limit", "rows", "--out", "{tmp}/o"],
    ["ingest", "{tmp}/ok.csv", "--limit", "bytes=lots", "--out", "{tmp}/o"],
    ["ingest", "{tmp}/deep.json", "--out", "{tmp}/o"],
    ["export", "{tmp}/ok.csv", "--columns", "patent_id=patent_id,year=year,applicants=applicants",
     "--years", "2004-2010-2030", "--out", "{tmp}/e"],
    ["ingest", "{tmp}/ok.csv", "--columns", "patent_id=patent_id,year=year,applicants=applicants",
     "--out", "{tmp}/afile"],
])
def test_cli_failures_are_one_line_with_status_2(tmp_path, capsys, argv):
    (tmp_path / "folder.xml").mkdir()
    table(tmp_path, "patent_id,year,applicants\nP1,2004,A;B\n", "ok.csv")
    table(tmp_path, "[" * 3000 + "]" * 3000, "deep.json")
    (tmp_path / "afile").write_text("not a folder")
    code = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err and err.startswith("netanalysis ")


def test_an_error_after_the_progress_bar_starts_gets_a_line_of_its_own(tmp_path):
    # the "data" bar was left open when build_context raised: the message was appended to the
    # bar's last redraw on the same line ("…phase, network]netanalysis figures: error: …")
    p = table(tmp_path, "patent_id,year,applicants\nP1,2004,A;B\nP2,2005,C;D\n")
    out = subprocess.run([sys.executable, "-m", "netanalysis", "figures", str(p), "--columns",
                          "patent_id=patent_id,year=year,applicants=applicants", "--sep", ";",
                          "--years", "1990-1991", "--out", str(tmp_path / "f")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert "data:" in out.stderr  # the bar was drawn …
    errors = [line for line in out.stderr.replace("\r", "\n").splitlines() if "error:" in line]
    assert errors == ["netanalysis figures: error: no application in the years 1990–1991; the data covers 2004–2005"]
