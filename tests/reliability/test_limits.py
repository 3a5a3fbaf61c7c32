"""Bounded resources (issue 15): the limits, their environment variables and overrides, and the files refused before they are loaded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from netanalysis._limits import limits, parse_size, set_limits
from netanalysis.ingest import IngestError, read_patents, read_table

COLS = {"patent_id": "patent_id", "year": "year", "applicants": "applicants"}


def table(tmp_path: Path, text: str, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_limits_default_env_and_override(monkeypatch):
    assert limits().columns == 2000
    monkeypatch.setenv("NETANALYSIS_LIMIT_ROWS", "12K")
    assert limits().rows == 12 * 1024
    with set_limits(rows=5) as lim:
        assert lim.rows == 5 and limits().rows == 5
    assert limits().rows == 12 * 1024
    with pytest.raises(Exception, match="unknown limit"):
        with set_limits(lines=3):
            pass
    assert parse_size("1.5M") == 1572864


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_workbook_spanning_column_xfd_is_refused_before_loading(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["patent_id", "year", "applicants"])
    ws.append(["P1", 2004, "A;B"])
    ws["XFD20"] = "x"  # one cell far right: openpyxl would build a 16,384-column grid
    p = tmp_path / "xfd.xlsx"
    wb.save(p)
    assert p.stat().st_size < 10_000
    with pytest.raises(IngestError, match=r"xfd\.xlsx.*16,384 columns.*columns limit of 2,000.*--limit columns"):
        read_table(p, columns=COLS, sep=";")
    with set_limits(columns=20000):  # raised: read (the grid is only 20 rows high)
        assert read_table(p, columns=COLS, sep=";").report.rows_kept == 1


def test_zip_inflating_past_the_byte_limit_is_refused(tmp_path):
    d = tmp_path / "pv"
    d.mkdir()
    with zipfile.ZipFile(d / "g_patent.tsv.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("g_patent.tsv", "a\t" * 400_000)
    for name in ("g_application", "g_assignee_disambiguated", "g_location_disambiguated"):
        (d / f"{name}.tsv").write_text("patent_id\n")
    with set_limits(bytes="100K"), pytest.raises(IngestError, match=r"inflates to 800,000 bytes.*bytes limit"):
        read_patents(d)


def test_file_over_the_byte_limit_and_header_over_the_column_limit(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\nP1,2004,A;B\n")
    with set_limits(bytes=10), pytest.raises(IngestError, match=r"t\.csv.*holds \d+ bytes.*bytes limit of 10"):
        read_table(p, columns=COLS, sep=";")
    wide = table(tmp_path, ",".join(f"c{i}" for i in range(2500)) + "\n" + ",".join(["1"] * 2500) + "\n", "w.csv")
    with pytest.raises(IngestError, match=r"w\.csv.*2,500 fields.*columns limit"):
        read_table(wide, columns={"patent_id": "c0", "year": "c1", "applicants": "c2"})


def test_a_file_too_big_for_the_memory_is_refused_before_reading(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\n" + "P1,2004,A;B\n" * 500)
    assert limits().memory > 10**9  # by default the machine's RAM
    with set_limits(memory="100K"), pytest.raises(IngestError, match=r"t\.csv.*would take about.*100x.*memory limit"):
        read_table(p, columns=COLS, sep=";")


def test_rows_and_cell_length_limits(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\n" + "".join(f"P{i},2004,A;B\n" for i in range(50)))
    with set_limits(rows=10), pytest.raises(IngestError, match=r"50 records.*rows limit of 10"):
        read_table(p, columns=COLS, sep=";")
    q = table(tmp_path, 'patent_id,year,applicants\nP1,2004,"' + "x" * 5000 + '"\n', "long.csv")
    with set_limits(cell_chars=1000), pytest.raises(IngestError, match=r"long\.csv.*longer than 1,000.*cell_chars"):
        read_table(q, columns=COLS, sep=";")
