"""Bounded resources (issue 15): the limits, their environment variables and overrides, and the files refused before they are loaded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from netanalysis._limits import MEMORY_MODEL, Limits, limits, memory_estimate, parse_size, set_limits
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
    # 26 + 12 * 500 = 6,026 bytes, 501 newlines (+1 for a last line without one) = 502 lines:
    # 200,000,000 + 4 * 6,026 + 1,500 * 502 = 200,777,104 bytes, over 100 MiB, under 200 MiB
    p = table(tmp_path, "patent_id,year,applicants\n" + "P1,2004,A;B\n" * 500)
    assert limits().memory > 10**9  # by default the machine's RAM
    assert memory_estimate(p) == 200_777_104
    with set_limits(memory="100M"), pytest.raises(
            IngestError, match=r"t\.csv.*would take about 0\.2 GB \(200 MB \+ 4x its 0 MB \+ 1,500 bytes x its "
                               r"~502 lines\), over the memory limit of 0\.1 GB.*--limit memory="):
        read_table(p, columns=COLS, sep=";")
    with set_limits(memory="200M"):  # 209,715,200 bytes: enough
        assert read_table(p, columns=COLS, sep=";").report.rows_read == 500


def test_memory_estimate_by_kind_of_file(tmp_path):
    """The model of the module docstring, worked by hand for each kind of file."""
    # a text table over the 4 MiB sample: 5 MiB of 64-byte lines; the head holds 65,536 newlines,
    # + 1 = 65,537 lines, scaled by 5/4 and rounded up: 81,922 lines
    # 200,000,000 + 4 * 5,242,880 + 1,500 * 81,922 = 343,854,520
    big = tmp_path / "big.csv"
    big.write_bytes((b"x" * 63 + b"\n") * (5 * 1024**2 // 64))
    assert memory_estimate(big) == 343_854_520
    # a workbook: its inflated size (1,000 bytes) at 25 a byte: 200,025,000
    with zipfile.ZipFile(tmp_path / "w.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", "a" * 1000)
    assert memory_estimate(tmp_path / "w.xlsx") == 200_025_000
    # a zipped text table: 6,400 bytes inflated, a line per 64 bytes: 200,000,000 + 25,600 + 150,000
    with zipfile.ZipFile(tmp_path / "g.tsv.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("g.tsv", "a\t" * 3200)
    assert memory_estimate(tmp_path / "g.tsv.zip") == 200_175_600
    # JSON, XML, YAML: 20 a byte: 200,020,000
    (tmp_path / "r.json").write_bytes(b" " * 1000)
    assert memory_estimate(tmp_path / "r.json") == 200_020_000
    # the fixed part, the slopes and the rows default of the module docstring
    assert MEMORY_MODEL == {"text": (200_000_000, 4, 1_500), "workbook": (200_000_000, 25, 0),
                            "markup": (200_000_000, 20, 0)}


def test_a_national_table_of_ten_million_rows_passes_the_default_limits():
    # the SYNTHETIC national table of benchmarks/bench_ingest_scale.py at 10 M rows: 1,398 MB, 10,000,003
    # lines; it took 8.4 GB: 200,000,000 + 4 * 1,398,000,000 + 1,500 * 10,000,003 = 20,792,004,500 bytes,
    # under 24 GB (the old model, 100x the file, said 140 GB); 10,000,001 records under the rows default
    fixed, per_byte, per_line = MEMORY_MODEL["text"]
    assert fixed + per_byte * 1_398_000_000 + per_line * 10_000_003 == 20_792_004_500
    assert Limits().rows == 25_000_000 > 10_000_001


def test_rows_and_cell_length_limits(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\n" + "".join(f"P{i},2004,A;B\n" for i in range(50)))
    with set_limits(rows=10), pytest.raises(IngestError, match=r"50 records.*rows limit of 10"):
        read_table(p, columns=COLS, sep=";")
    q = table(tmp_path, 'patent_id,year,applicants\nP1,2004,"' + "x" * 5000 + '"\n', "long.csv")
    with set_limits(cell_chars=1000), pytest.raises(IngestError, match=r"long\.csv.*longer than 1,000.*cell_chars"):
        read_table(q, columns=COLS, sep=";")
