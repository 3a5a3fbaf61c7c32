"""PATSTAT's own tables (tls201/206/207) and OECD REGPAT tables read without the user joining them.

The fixtures in tests/fixtures/patstat_native are SYNTHETIC (see their README); every expected value
below is worked out by hand from those files, the working in the comments.
"""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis._errors import IngestError
from netanalysis.ingest import read_table
from netanalysis.ingest.patstat import (
    INVENTOR_COLUMNS,
    inventor_regions,
    is_patstat_native,
    patstat_parts,
    read_patstat_native,
)
from netanalysis.ingest.regpat import is_regpat

FIXTURES = TESTS / "fixtures" / "patstat_native"
PATSTAT = FIXTURES / "patstat"
REGPAT = FIXTURES / "regpat"


def _fractional(inventors: pd.DataFrame) -> dict[str, float]:
    known = inventors[inventors["region"] != ""]
    return (known["region_share"] * known["inventor_share"]).groupby(known["region"]).sum().round(9).to_dict()


# --- PATSTAT ---------------------------------------------------------------------------------

def test_patstat_applications_joined_by_hand():
    res = read_patstat_native(PATSTAT)
    got = res.applications[["patent_id", "year", "applicant_id", "actor_type", "country", "region"]]
    # tls207 applicant rows (applt_seq_nr > 0) of applications in tls201 with a known year and a
    # person in tls206: 1001 (persons 1, 2), 1002 (3, 6), 1004 (7, 10); names from psn_name (person 10
    # has none: person_name), region from nuts, year from appln_filing_year.
    assert got.values.tolist() == [
        ["1001", 2015, "POLITECNICO DI MILANO", "university", "IT", "ITC4C"],   # UNIVERSITY
        ["1001", 2015, "ENI", "firm", "IT", "ITI43"],                           # COMPANY
        ["1002", 2016, "ROSSI MARIO", "individual", "IT", "ITC42"],             # INDIVIDUAL
        ["1002", 2016, "CONSIGLIO NAZIONALE DELLE RICERCHE", "research_institute", "IT", "ITI43"],  # GOV NON-PROFIT
        ["1004", 2017, "FERRARI PAOLO", "individual", "IT", ""],                # UNKNOWN sector, nuts empty
        ["1004", 2017, "ALMA MATER STUDIORUM UNIVERSITA DI BOLOGNA", "university", "IT", "ITH55"],
    ]
    assert res.applications["applicant_raw"].iloc[5] == "Alma Mater Studiorum - Università di Bologna"
    # inventors: invt_seq_nr > 0 in seq order; person 3 is applicant and inventor of 1002
    assert res.applications.drop_duplicates("patent_id")["inventors"].tolist() == [
        "BIANCHI, ANNA; VERDI, LUCA", "ROSSI, MARIO; BIANCHI, ANNA", "FERRARI, PAOLO"]
    reasons = dict(zip(res.applications["applicant_id"], res.applications["type_reason"], strict=True))
    # FERRARI: psn_sector UNKNOWN leaves the name rules, and he is an inventor of 1004
    assert reasons["FERRARI PAOLO"] == "evidence:inventor"
    assert reasons["ROSSI MARIO"] == "source:INDIVIDUAL"
    assert res.applications["applicant_seq"].tolist() == [1, 2, 1, 2, 1, 3]


def test_patstat_technology_fields_from_tls230_and_tls901(tmp_path):
    for f in PATSTAT.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    assert "technology" not in read_patstat_native(tmp_path).applications  # no tls230: no technology column
    # SYNTHETIC tls230 (1001: fields 16 and 15, 1002: field 9, 1099: not an application read) and a tls901
    # (the 2021+ tls901_techn_field_ipc: one row per IPC main group) naming 15 and 16 only
    (tmp_path / "tls230_part01.csv").write_text("appln_id,techn_field_nr,weight\n1001,16,0.5\n1001,15,0.5\n"
                                                "1002,9,1\n1099,13,1\n")
    (tmp_path / "tls901_part01.csv").write_text(
        "techn_field_nr,techn_sector,techn_field,ipc_maingroup_symbol\n15,Chemistry,Biotechnology,C12N%\n"
        "16,Chemistry,Pharmaceuticals,A61K%\n16,Chemistry,Pharmaceuticals,A61P%\n")
    res = read_patstat_native(tmp_path)
    fields = res.applications.drop_duplicates("patent_id").set_index("patent_id")["technology"]
    # in field-number order; 9 is named by WIPO's list (Optics), tls901 lacking it; 1004 has no field
    assert fields.fillna("").to_dict() == {"1001": "Biotechnology; Pharmaceuticals", "1002": "Optics", "1004": ""}
    assert "technology from tls230_appln_techn_field (2 applications with a field)" in " ".join(res.report.notes)
    assert patstat_parts(tmp_path)["tls230"] and patstat_parts(tmp_path)["tls901"]


def test_patstat_every_tls207_row_is_accounted():
    res = read_patstat_native(PATSTAT)
    rep = res.report
    # 15 data rows: 9 name an applicant, 3 only an inventor (rows 3, 4, 7), 3 rejected before joining
    # (13: both sequence numbers 0; 14: person_id 'x'; 15: two fields).  Records = 9 + 3 = 12;
    # kept 1, 2, 5, 6, 9, 11; rejected 8 (year 9999), 10 (person 8 absent), 12 (appln 1005 absent), 13, 14, 15.
    assert (rep.rows_read, rep.rows_kept, rep.rows_rejected) == (12, 6, 6)
    assert res.rejects["source_row"].tolist() == [8, 10, 12, 13, 14, 15]
    assert rep.reject_reasons == {"tls207_pers_appln": 3, "appln_filing_year": 1, "tls206_person": 1,
                                  "tls201_appln": 1}
    assert res.applications["source_row"].tolist() == [1, 2, 5, 6, 9, 11]
    assert "3 only an inventor" in rep.notes[0]
    assert rep.reader == "patstat_native" and rep.layout == "long"
    assert set(res.actors["applicant_id"]) == set(res.applications["applicant_id"])
    rep.check()


def test_patstat_inventors_table_and_fractional_regions():
    inv = read_patstat_native(PATSTAT).inventors
    assert list(inv.columns) == list(INVENTOR_COLUMNS)
    assert inv[["patent_id", "inventor_name", "region", "inventor_share"]].values.tolist() == [
        ["1001", "BIANCHI, ANNA", "ITI43", 0.5], ["1001", "VERDI, LUCA", "DE212", 0.5],
        ["1002", "ROSSI, MARIO", "ITC42", 0.5], ["1002", "BIANCHI, ANNA", "ITI43", 0.5],
        ["1004", "FERRARI, PAOLO", "", 1.0]]
    assert pd.isna(inv["region_share"].iloc[4])  # no region: no share, never a silent zero
    # ITI43: Bianchi on 1001 (1/2) and on 1002 (1/2); DE212: Verdi 1/2; ITC42: Rossi 1/2
    assert _fractional(inv) == {"DE212": 0.5, "ITC42": 0.5, "ITI43": 1.0}


def test_inventor_regions_by_hand():
    """Order by the number as written ("10" < "100" < "9"), then invt_seq_nr; the share over an
    application's distinct inventors (person 4 twice on 10: two inventors, not three); a person not in
    tls206 or without a country, region or address keeps the row with those cells empty."""
    import numpy as np

    persons = pd.DataFrame({
        "person_id": pd.array([1, 2, 3, 4], dtype="Int64"),
        "person_ctry_code": pd.array([" it", None, "", "DE"], dtype="string"),
        "nuts": pd.array(["ITC4C", "ITC45 ", None, "DE21"], dtype="string"),
        "person_address": pd.array(["Via A", "  ", None, "Str 1"], dtype="string"),
        "name": pd.array(["A", None, "C", "D"], dtype="string")}).set_index("person_id")
    inv = pd.DataFrame({
        "person_id": np.array([1, 2, 3, 9, 1, 4, 4]), "appln_id": np.array([10, 9, 9, 100, 9, 10, 10]),
        "invt_seq_nr": np.array([2, 1, 3, 1, 2, 1, 5]), "source_row": np.arange(1, 8),
        "source_file": pd.Categorical(["f1", "f2", "f1", "f1", "f2", "f1", "f1"])})
    before = inv.copy()
    out = inventor_regions(inv, persons, persons["name"])
    pd.testing.assert_frame_equal(inv, before)  # input not modified
    assert list(out.columns) == list(INVENTOR_COLUMNS)
    assert out["source_row"].tolist() == [6, 1, 7, 4, 2, 5, 3]
    assert out["patent_id"].tolist() == ["10", "10", "10", "100", "9", "9", "9"]
    assert out["inventor_share"].tolist() == pytest.approx([1 / 2] * 3 + [1.0] + [1 / 3] * 3)
    assert out["region"].tolist() == ["DE21", "ITC4C", "DE21", "", "ITC45", "ITC4C", ""]
    assert out["country"].tolist() == ["DE", "IT", "DE", "", "", "IT", ""]
    assert out["region_source"].tolist() == ["patstat_nuts"] * 3 + [""] + ["patstat_nuts"] * 2 + [""]
    assert out["region_share"].isna().tolist() == [False, False, False, True, False, False, True]
    assert out["inventor_name"].fillna("?").tolist() == ["D", "A", "D", "?", "?", "A", "C"]
    assert out["address"].fillna("?").tolist() == ["Str 1", "Via A", "Str 1", "?", "?", "Via A", "?"]
    assert out["source_file"].tolist() == ["f1", "f1", "f1", "f1", "f2", "f2", "f1"]
    assert len(inventor_regions(inv.iloc[:0], persons, persons["name"])) == 0


def test_patstat_priority_year_and_name_column():
    res = read_patstat_native(PATSTAT, year="earliest_filing_year", names="person_name")
    first = res.applications.drop_duplicates("patent_id").set_index("patent_id")
    assert first["year"].to_dict() == {"1001": 2014, "1002": 2016, "1004": 2017}  # 1001's priority: 2014-03-12
    assert res.applications["applicant_raw"].tolist()[:2] == ["Politecnico di Milano", "ENI S.p.A."]
    with pytest.raises(IngestError, match="names='psn_id'"):
        read_patstat_native(PATSTAT, names="psn_id")


def test_patstat_parts_zipped_gzipped_and_split(tmp_path):
    """EPO's shipping: one zip per part; a gzipped part and a table in two parts read the same."""
    with zipfile.ZipFile(tmp_path / "tls206_part01.zip", "w") as z:
        z.write(PATSTAT / "tls206_part01.csv", "tls206_part01.csv")
    with gzip.open(tmp_path / "tls201_part01.csv.gz", "wb") as g:
        g.write((PATSTAT / "tls201_part01.csv").read_bytes())
    lines = (PATSTAT / "tls207_part01.csv").read_text().splitlines(keepends=True)
    (tmp_path / "tls207_part01.csv").write_text("".join(lines[:8]))              # header + rows 1-7
    (tmp_path / "tls207_part02.csv").write_text(lines[0] + "".join(lines[8:]))   # header + rows 8-15
    (tmp_path / "README.txt").write_text("not a table\n")
    res = read_patstat_native(tmp_path)
    whole = read_patstat_native(PATSTAT)
    cols = ["patent_id", "year", "applicant_id", "actor_type", "region", "inventors"]
    pd.testing.assert_frame_equal(res.applications[cols], whole.applications[cols])
    # record numbers restart in each part: row 9 of the whole table is row 2 of part02
    assert res.applications["source_row"].tolist() == [1, 2, 5, 6, 2, 4]
    assert (res.report.rows_read, res.report.rows_kept) == (12, 6)
    # the same parts given as a set of files instead of a folder
    files = read_patstat_native(sorted(tmp_path.glob("tls*")))
    pd.testing.assert_frame_equal(files.applications[cols], whole.applications[cols])


def test_patstat_missing_tables_and_bad_bytes(tmp_path):
    shutil.copy(PATSTAT / "tls207_part01.csv", tmp_path)
    with pytest.raises(IngestError, match=r"missing PATSTAT table\(s\): tls206_person .*tls201_appln"):
        read_patstat_native(tmp_path)
    shutil.copy(PATSTAT / "tls201_part01.csv", tmp_path)
    (tmp_path / "tls206_part01.csv").write_bytes(
        (PATSTAT / "tls206_part01.csv").read_bytes().replace("München".encode(), b"M\xfcnchen"))
    with pytest.raises(IngestError, match="tls206_part01.csv: cannot read as a ','-delimited UTF-8 table"):
        read_patstat_native(tmp_path)
    with pytest.raises(IngestError, match="no such file"):
        read_patstat_native(tmp_path / "absent")


def test_patstat_parts_by_header_whatever_the_file_name(tmp_path):
    # the three fixture tables, renamed: each is still found by its header
    for name, new in (("tls201_part01.csv", "a.csv"), ("tls206_part01.csv", "b.csv"), ("tls207_part01.csv", "c.csv")):
        shutil.copy(PATSTAT / name, tmp_path / new)
    parts = patstat_parts(tmp_path)
    assert {role: [Path(t.path).name for t in tables] for role, tables in parts.items() if tables} == {
        "tls201": ["a.csv"], "tls206": ["b.csv"], "tls207": ["c.csv"]}


def test_detection_rules(tmp_path):
    assert is_patstat_native(PATSTAT) and not is_regpat(PATSTAT)
    assert is_regpat(REGPAT) and not is_patstat_native(REGPAT)
    assert is_patstat_native(FIXTURES)  # the parent folder holds both: PATSTAT's tables are found
    assert is_patstat_native([PATSTAT / "tls207_part01.csv"])
    (tmp_path / "other.csv").write_text("patent_id,year,applicants\nP1,2015,ACME\n")
    assert not is_patstat_native(tmp_path) and not is_regpat(tmp_path)
    assert not is_patstat_native(tmp_path / "absent")


# --- real data: an independent cross-check -----------------------------------------------------

def _unjoin(xlsx: Path, out: Path) -> None:
    """Write a real PATSTAT query result (one row per application x applicant x field) back as the
    three native tables it was joined from."""
    d = pd.read_excel(xlsx, dtype=str).fillna("")
    d = d.drop_duplicates(["appln_id", "psn_name", "NUTS", "person_ctry_code", "psn_sector"])
    person = d[["psn_name", "NUTS", "person_ctry_code", "psn_sector"]].drop_duplicates().reset_index(drop=True)
    person["person_id"] = range(1, len(person) + 1)
    d = d.merge(person, on=["psn_name", "NUTS", "person_ctry_code", "psn_sector"])
    d["applt_seq_nr"] = d.groupby("appln_id").cumcount() + 1
    d[["person_id", "appln_id", "applt_seq_nr"]].assign(invt_seq_nr=0).to_csv(out / "tls207_part01.csv", index=False)
    pd.DataFrame({"person_id": person["person_id"], "person_name": person["psn_name"],
                  "person_ctry_code": person["person_ctry_code"], "nuts": person["NUTS"],
                  "psn_name": person["psn_name"], "psn_sector": person["psn_sector"]}
                 ).to_csv(out / "tls206_part01.csv", index=False)
    d[["appln_id", "appln_auth", "appln_filing_year"]].drop_duplicates("appln_id").to_csv(
        out / "tls201_part01.csv", index=False)


@pytest.mark.slow
def test_real_patstat_extract_agrees_with_the_column_mapping(shared_data, tmp_path):
    """ItUniv2 (real PATSTAT, Italian universities) read two independent ways: as the joined table
    with a column mapping (read_table) and as the native tables it was joined from."""
    xlsx = shared_data / "patstat-it" / "ItUniv2.xlsx"
    _unjoin(xlsx, tmp_path)
    native = read_patstat_native(tmp_path)
    mapped = read_table(xlsx, {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name",
                               "region": "NUTS", "country": "person_ctry_code", "actor_type": "psn_sector"})
    key = ["patent_id", "applicant_id", "year", "actor_type"]
    a = native.applications[key].astype(str).sort_values(key).reset_index(drop=True)
    b = mapped.applications[key].astype(str).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert native.applications["patent_id"].nunique() == 272  # SOURCE.txt: ItUniv2 holds 272 applications
    one_region = native.applications.groupby("applicant_id")["region"].transform("nunique") == 1
    both = native.applications[one_region].merge(mapped.applications, on=["patent_id", "applicant_id"])
    assert (both["region_x"] == both["region_y"]).all()


# --- through the readers registry: read_patents, the CLI's ingest and a processed folder ---

def test_registry_reads_the_folder_and_loose_parts_alike(tmp_path):
    from netanalysis.ingest import NativeResult, detect_layout, load_processed, read_patents, save_processed

    assert detect_layout(PATSTAT) == "patstat_native" and detect_layout(REGPAT) == "regpat"
    whole = read_patents([PATSTAT])
    loose = read_patents(sorted(PATSTAT.glob("*.csv")))  # three tables given as files: read together
    assert isinstance(whole, NativeResult) and isinstance(loose, NativeResult)
    key = ["patent_id", "applicant_id", "year"]
    assert sorted(whole.applications[key].itertuples(index=False)) == \
        sorted(loose.applications[key].itertuples(index=False)) == \
        sorted(read_patstat_native(PATSTAT).applications[key].itertuples(index=False))
    assert whole.report.reader == "patstat_native"
    back = load_processed(save_processed(whole, tmp_path / "p")["applications"].parent)
    assert isinstance(back, NativeResult)
    assert len(back.inventors) == len(whole.inventors) > 0


def test_cli_ingests_a_patstat_folder(tmp_path, monkeypatch):
    from netanalysis.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["ingest", str(PATSTAT), "--out", "p"]) == 0
    assert (tmp_path / "p" / "inventors.parquet").is_file()
