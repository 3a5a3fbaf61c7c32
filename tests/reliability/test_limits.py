"""Reliability II (issue 15): bounded resources, no traceback, valid exports, one graph contract.

Each test builds its hostile input in a temporary folder and checks the outcome a user must
get: one error naming the file and the limit (and how to raise it), or a result whose
outputs any parser reads back.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from netanalysis import network as nw
from netanalysis._limits import limits, parse_size, set_limits
from netanalysis._safe_text import clean_text, terminal_text
from netanalysis.cli import main
from netanalysis.export import save_network
from netanalysis.ingest import IngestError, read_patents, read_table

COLS = {"patent_id": "patent_id", "year": "year", "applicants": "applicants"}


def table(tmp_path: Path, text: str, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


# ---- limits ---------------------------------------------------------------------------------

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


# ---- JSON and XML -------------------------------------------------------------------------

PV = {"patents": [{"patent_id": "1", "patent_year": 2004,
                   "assignees": [{"assignee_organization": "A"}, {"assignee_organization": "B"}]}]}


@pytest.mark.parametrize(("text", "match"), [
    ("[" * 5000 + "]" * 5000, "nested deeper than 64"),
    (json.dumps(PV).replace("2004", "9" * 5000), "5000 digits"),
    (json.dumps(PV).replace('"1"', "NaN"), "NaN is not a JSON value"),
    (json.dumps(PV).replace('"1"', "Infinity"), "Infinity is not a JSON value"),
    (json.dumps(PV)[:-1] + ', "patents": []}', "'patents' appears twice"),
])
def test_hostile_json_gets_one_error_naming_the_file(tmp_path, text, match):
    p = table(tmp_path, text, "api.json")
    with pytest.raises(IngestError, match=match) as info:
        read_patents(p)
    assert "api.json" in str(info.value)


def test_xml_declaring_euc_kr_is_read(tmp_path):
    body = ("<response><body><items><PatentUtilityInfo><ApplicationNumber>1020100000001</ApplicationNumber>"
            "<ApplicationDate>2010.03.02</ApplicationDate><Applicant>경북대학교 산학협력단|(주)가나</Applicant>"
            "</PatentUtilityInfo></items></body></response>")
    p = tmp_path / "kipris.xml"
    p.write_bytes(('<?xml version="1.0" encoding="EUC-KR"?>' + body).encode("euc-kr"))
    res = read_patents(p)
    assert res.report.rows_kept == 1 and res.applications["applicant_id"].nunique() == 2
    p.write_bytes(('<?xml version="1.0" encoding="EUC-KR"?>' + body).encode("utf-8"))  # lies about its bytes
    with pytest.raises(IngestError, match="declares encoding 'EUC-KR'"):
        read_patents(p)


# ---- digits, control characters, the terminal ------------------------------------------------

def test_full_width_and_arabic_indic_digits_are_years(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\nP1,２００４,A;B\nP2,٢٠٠٥,C;D\nP3,２００６．０３．０２,E;F\n")
    res = read_table(p, columns=COLS, sep=";")
    assert sorted(res.applications.drop_duplicates("patent_id")["year"].astype(int)) == [2004, 2005, 2006]


HOSTILE_NAMES = ["ACME\x01 CO", "BETA\x0bINC", "GAMMA\x1f", "DELTA\ufffe", "\u202eEVIL\u202c", "ZETA\x85"]


def test_control_and_bidi_characters_never_reach_ids_or_exports(tmp_path):
    cells = [f'"{HOSTILE_NAMES[i]};{HOSTILE_NAMES[i + 1]}"' for i in range(0, 6, 2)]
    p = table(tmp_path, "patent_id,year,applicants\n" + "".join(f"P{i},2004,{c}\n" for i, c in enumerate(cells)))
    res = read_table(p, columns=COLS, sep=";")
    ids = set(res.applications["applicant_id"]) | set(res.actors["name"].astype(str))
    assert ids and all(clean_text(x) == x for x in ids)
    written = save_network(nw.edges_from_applications(res.applications), res.actors, tmp_path / "out")
    for f in written:
        if f.suffix in (".gexf", ".graphml"):
            ET.parse(f)  # well-formed XML: Gephi can open it
            g = nx.read_gexf(f) if f.suffix == ".gexf" else nx.read_graphml(f)
            assert g.number_of_nodes() == 6
        else:
            with open(f, encoding="utf-8-sig", newline="") as fh:
                assert all(clean_text(c) == c for row in csv.reader(fh) for c in row)


def test_export_cleans_a_hand_built_table_too(tmp_path):
    e = pd.DataFrame({"u": ["a\x01"], "v": ["b\u202e"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    act = pd.DataFrame({"applicant_id": ["a\x01", "b\u202e"], "name": ["A\x0b", "B\x1f"], "actor_type": ["sme"] * 2})
    for f in save_network(e, act, tmp_path, ["gexf", "graphml"]):
        ET.parse(f)


def test_terminal_text_escapes_what_a_terminal_would_obey():
    assert terminal_text("x\x1b[2Jy\u202e") == "x\\x1b[2Jy\\u202e"
    assert terminal_text("경북 OK") == "경북 OK"  # letters of any script pass


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


# ---- one file, one read ---------------------------------------------------------------------

def test_the_same_file_by_two_paths_is_read_once(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\nP1,2004,A;B\n")
    link = tmp_path / "hard.csv"
    os.link(p, link)
    sym = tmp_path / "sym.csv"
    sym.symlink_to(p)
    res = read_patents([p, link, sym, tmp_path / "." / "t.csv"], columns=COLS, sep=";")
    assert res.report.rows_read == 1 and res.report.rows_rejected == 0
    assert sum("same file" in n for n in res.report.notes) == 3
