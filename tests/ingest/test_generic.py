"""The generic reader with a column mapping, and a bad mapping."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.ingest import (
    IngestError,
    read_patents,
    read_table,
)
from netanalysis.regions import at_level
from netanalysis.run.inputs import parse_columns


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_generic_reader_with_mapping(tmp_path, fmt):
    df = pd.DataFrame({"id": ["P1", "P2"], "filed": ["2015", "2016-02-03"],
                       "owners": ["Foo Inc; Bar University", "대구대학교 산학협력단"],
                       "addr": ["Austin, USA; Daegu, Korea", "대구 북구"]})
    f = tmp_path / f"t.{fmt}"
    getattr(df, "to_excel" if fmt == "xlsx" else f"to_{fmt}")(f, index=False)
    res = read_table(f, {"patent_id": "id", "year": "filed", "applicants": "owners", "address": "addr"})
    a = res.applications
    assert a["applicant_id"].tolist() == ["FOO", "BAR UNIVERSITY", "DAEGU UNIVERSITY"]
    assert a["year"].tolist() == [2015, 2015, 2016]
    assert at_level(a["region"], 1).tolist() == ["", "KR-27", "KR-27"]


def test_generic_reader_bad_mapping(write):
    f = write("t.csv", "id,filed,owners\nP1,2015,Foo\n")
    with pytest.raises(IngestError, match="missing key"):
        read_table(f, {"patent_id": "id", "applicants": "owners"})
    with pytest.raises(IngestError, match="no header row found.*'filed_on'"):
        read_table(f, {"patent_id": "id", "year": "filed_on", "applicants": "owners"})


def test_technology_column_long_exports_split_by_sector(tmp_path):
    # SYNTHETIC: two exports of one query, split by technology sector as PATSTAT-Italy's are: one row per
    # patent × applicant × field; the second file's header says "techn_fields" and one of its cells holds two
    # fields on two lines, written with Excel's escape of the carriage return (_x000D_) that openpyxl keeps
    chem = pd.DataFrame({"id": ["P1"] * 4 + ["P2"], "filed": [2010] * 4 + [2011],
                         "name": ["UNI A", "UNI A", "FIRM B SPA", "FIRM B SPA", "UNI A"],
                         "nuts": ["ITC4C", "ITC4C", "ITI43", "ITI43", "ITC4C"],
                         "techn_field": ["Pharmaceuticals", "Biotechnology", "Pharmaceuticals", "Biotechnology",
                                         "Pharmaceuticals"]})
    elec = pd.DataFrame({"id": ["P1", "P3"], "filed": [2010, 2012], "name": ["UNI A", "FIRM B SPA"],
                         "nuts": ["ITC4C", "ITI43"], "techn_fields": ["Semiconductors", "Semiconductors_x000D_\nOptics"]})
    chem.to_csv(tmp_path / "chem.csv", index=False)
    elec.to_excel(tmp_path / "elec.xlsx", index=False)
    cols = {"patent_id": "id", "year": "filed", "applicants": "name", "region": "nuts",
            "technology": "techn_field|techn_fields"}
    res = read_patents([tmp_path / "chem.csv", tmp_path / "elec.xlsx"], columns=cols)
    fields = res.applications.drop_duplicates("patent_id").set_index("patent_id")["technology"].to_dict()
    # P1: its chemistry rows' two fields (one per row, read once each) and the electrical file's one, in the
    # order first read; P3: the two lines of one cell, the escape decoded
    assert fields == {"P1": "Pharmaceuticals; Biotechnology; Semiconductors", "P2": "Pharmaceuticals",
                      "P3": "Semiconductors; Optics"}
    # the Python API and the command line take the same key; a file without the column names the one it has
    with pytest.raises(IngestError, match=r"technology=techn_field\|techn_fields"):
        read_patents([tmp_path / "elec.xlsx"], columns={**cols, "technology": "techn_field"})
    assert parse_columns("patent_id=id,year=filed,applicants=name,technology=techn_field|techn_fields")[
        "technology"] == "techn_field|techn_fields"
