"""Hostile inputs to ``read_patents`` (issue 15): broken JSON, declared encodings, non-ASCII digits, one file by two paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from netanalysis.ingest import IngestError, read_patents, read_table

COLS = {"patent_id": "patent_id", "year": "year", "applicants": "applicants"}


def table(tmp_path: Path, text: str, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


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


def test_full_width_and_arabic_indic_digits_are_years(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\nP1,２００４,A;B\nP2,٢٠٠٥,C;D\nP3,２００６．０３．０２,E;F\n")
    res = read_table(p, columns=COLS, sep=";")
    assert sorted(res.applications.drop_duplicates("patent_id")["year"].astype(int)) == [2004, 2005, 2006]


def test_the_same_file_by_two_paths_is_read_once(tmp_path):
    p = table(tmp_path, "patent_id,year,applicants\nP1,2004,A;B\n")
    link = tmp_path / "hard.csv"
    os.link(p, link)
    sym = tmp_path / "sym.csv"
    sym.symlink_to(p)
    res = read_patents([p, link, sym, tmp_path / "." / "t.csv"], columns=COLS, sep=";")
    assert res.report.rows_read == 1 and res.report.rows_rejected == 0
    assert sum("same file" in n for n in res.report.notes) == 3
