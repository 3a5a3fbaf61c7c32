"""OECD REGPAT tables (*_App_reg, *_Inv_reg, *_IPC) read without the user joining them.

The fixtures in tests/fixtures/patstat_native/regpat are SYNTHETIC (see their README); every
expected value below is worked out by hand from those files, the working in the comments.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from _hyp import TESTS, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._errors import IngestError
from netanalysis.ingest.regpat import _address, _person_numbers, _share, is_regpat, read_regpat, regpat_parts

FIXTURES = TESTS / "fixtures" / "patstat_native"
PATSTAT = FIXTURES / "patstat"
REGPAT = FIXTURES / "regpat"


def _fractional(inventors: pd.DataFrame) -> dict[str, float]:
    known = inventors[inventors["region"] != ""]
    return (known["region_share"] * known["inventor_share"]).groupby(known["region"]).sum().round(9).to_dict()


def test_regpat_parts_and_detection():
    parts = regpat_parts(REGPAT)
    # each table found by its header: applicants, inventors and the IPC/years table; no tls201 here
    assert {role: [Path(t.path).name for t in tables] for role, tables in parts.items()} == {
        "app": ["202401_EPO_App_reg.txt"], "inv": ["202401_EPO_Inv_reg.txt"], "ipc": ["202401_EPO_IPC.txt"],
        "tls201": []}
    assert is_regpat(REGPAT) and not is_regpat(PATSTAT)


# ----------------------------------------------------------------------------------

def test_regpat_applications_joined_by_hand():
    res = read_regpat(REGPAT)
    got = res.applications[["patent_id", "year", "applicant_id", "actor_type", "country", "region"]]
    # year: *_IPC app_year (5001: 2011, 5002: 2012); SIEMENS AG has two rows for 5002 (DE212 0.3,
    # DE21H 0.7): one applicant, in DE21H; 5003 has no IPC row, so no year: rejected
    assert got.values.tolist() == [
        ["5001", 2011, "POLITECNICO DI TORINO", "university", "IT", "ITC11"],
        ["5001", 2011, "FIAT", "firm", "IT", "ITC11"],
        ["5002", 2012, "SIEMENS", "large_firm", "DE", "DE21H"],
    ]
    assert res.applications.drop_duplicates("patent_id")["ipc"].tolist() == ["B60K 6/20; H01M 10/44", "G06F 17/30"]
    assert res.applications.drop_duplicates("patent_id")["inventors"].tolist() == ["NERI, Carlo; GIALLI, Sara",
                                                                                   "MUELLER, Hans"]
    rep = res.report
    assert (rep.rows_read, rep.rows_kept, rep.rows_rejected, rep.mentions_merged_duplicate) == (5, 4, 1, 1)
    assert res.rejects["source_row"].tolist() == [5]
    assert res.rejects["reason"].iloc[0].startswith("year: appln_id not in REGPAT *_IPC.app_year")


def test_regpat_inventor_shares():
    inv = read_regpat(REGPAT).inventors
    # 5003's inventor is dropped with its application; MUELLER keeps both regions at 0.5 each
    assert inv[["patent_id", "inventor_name", "inventor_seq", "region", "region_share", "inventor_share"]
               ].values.tolist() == [
        ["5001", "NERI, Carlo", 1, "ITC11", 1.0, 0.5], ["5001", "GIALLI, Sara", 2, "ITC4C", 1.0, 0.5],
        ["5002", "MUELLER, Hans", 1, "DE213", 0.5, 1.0], ["5002", "MUELLER, Hans", 1, "DE21H", 0.5, 1.0]]
    assert _fractional(inv) == {"DE213": 0.5, "DE21H": 0.5, "ITC11": 0.5, "ITC4C": 0.5}


def test_regpat_older_capitalised_edition_with_city(tmp_path):
    (tmp_path / "201602_EPO_App_reg.txt").write_text(
        "App_nbr|Appln_id|Person_id|App_name|Address|City|Postal_code|Reg_code|Ctry_code|Reg_share|App_share\n"
        "EP1|77|1|ACME GMBH|Hauptstr. 1|Berlin|10115|DE300|DE|1|1\n")
    (tmp_path / "201602_EPO_IPC.txt").write_text("Appln_id|Prio_Year|IPC\n77|2009|A01B 1/00\n")
    res = read_regpat(tmp_path)
    assert res.applications[["patent_id", "year", "applicant_id", "region"]].values.tolist() == [
        ["77", 2009, "ACME", "DE300"]]  # no app_year: the priority year, and the report says so
    assert "prio_year (priority year)" in res.report.notes[0]
    assert res.applications["address_raw"].tolist() == ["Hauptstr. 1, 10115 Berlin"]
    assert res.inventors.empty


def test_regpat_year_from_tls201_or_a_clear_error(tmp_path):
    shutil.copy(REGPAT / "202401_EPO_App_reg.txt", tmp_path)
    with pytest.raises(IngestError, match="hold no year: give the \\*_EPO_IPC.txt"):
        read_regpat(tmp_path)
    (tmp_path / "tls201_part01.csv").write_text("appln_id,appln_auth,appln_filing_year\n5001,EP,2009\n")
    res = read_regpat(tmp_path)
    assert res.applications["year"].unique().tolist() == [2009]
    assert (res.report.rows_kept, res.report.rows_rejected) == (2, 3)  # 5002 (2 rows) and 5003 not in tls201
    with pytest.raises(IngestError, match="no REGPAT applicants table"):
        read_regpat(PATSTAT)


def test_regpat_repeats_blanks_and_gaps_by_hand(tmp_path):
    # SYNTHETIC rows. 8: IPC A01B listed twice (one code), its first row without a year (the year is
    # the first row that has one: 2015); 9: no year anywhere, so tls201-less and rejected. Inventors
    # of 8: " ROSSI, Ada " and "ROSSI, Ada" are one name once stripped (one inventor_seq, named once),
    # an empty name (numbered in its place, 2, and named nowhere), then "VERDI, Ugo" (3)
    (tmp_path / "x_EPO_App_reg.txt").write_text(
        "appln_id|person_id|app_name|address|reg_code|ctry_code|reg_share|app_share\n"
        "8|1|ACME S.P.A.|Milano|ITC4C|IT|1|1\n9|1|ACME S.P.A.|Milano|ITC4C|IT|1|1\n")
    (tmp_path / "x_EPO_Inv_reg.txt").write_text(
        "appln_id|person_id|inv_name|address|reg_code|ctry_code|reg_share|inv_share\n"
        "8|5| ROSSI, Ada |Pavia|ITC48|IT|1|0.5\n8|5|ROSSI, Ada|Pavia|ITC48|IT|1|0.5\n"
        "8|6||Lodi|ITC49|IT|1|0.5\n8|7|VERDI, Ugo|Lodi|ITC49|IT|1|0.5\n")
    (tmp_path / "x_EPO_IPC.txt").write_text(
        "appln_id|prio_year|app_year|IPC\n8|||A01B 1/00\n8|2014|2015|A01B 1/00\n8|2014|2015|C12N 5/00\n"
        "9|||A01B 1/00\n")
    res = read_regpat(tmp_path)
    assert res.applications[["patent_id", "year", "ipc", "inventors"]].values.tolist() == [
        ["8", 2015, "A01B 1/00; C12N 5/00", "ROSSI, Ada; VERDI, Ugo"]]
    assert res.rejects["source_row"].tolist() == [2]  # (the second data row)
    inv = res.inventors
    assert inv["inventor_name"].tolist() == ["ROSSI, Ada", "ROSSI, Ada", "", "VERDI, Ugo"]
    assert inv["inventor_seq"].tolist() == [1, 1, 2, 3]
    assert res.report.notes[1] == "REGPAT inventors: 4 rows (inventor × region) of 1 applications"


def test_regpat_applicant_who_is_an_inventor_is_a_person(tmp_path):
    # SYNTHETIC rows: "BIANCHI LUCA" applies for 8 and is its inventor "Bianchi, Luca" (the name evidence
    # reads REGPAT's inventors as codes, not the joined cell); "VERDI ANNA" applies for 9, invented by others
    (tmp_path / "x_EPO_App_reg.txt").write_text(
        "appln_id|person_id|app_name|address|reg_code|ctry_code|reg_share|app_share\n"
        "8|1|BIANCHI LUCA|Pavia|ITC48|IT|1|0.5\n8|2|ACME S.P.A.|Milano|ITC4C|IT|1|0.5\n"
        "9|3|VERDI ANNA|Lodi|ITC49|IT|1|0.5\n9|2|ACME S.P.A.|Milano|ITC4C|IT|1|0.5\n")
    (tmp_path / "x_EPO_Inv_reg.txt").write_text(
        "appln_id|person_id|inv_name|address|reg_code|ctry_code|reg_share|inv_share\n"
        "8|5|NERI, Carlo|Pavia|ITC48|IT|1|0.5\n8|6| Bianchi, Luca |Pavia|ITC48|IT|1|0.5\n"
        "9|7|ROSSI, Ada|Lodi|ITC49|IT|1|1\n")
    (tmp_path / "x_EPO_IPC.txt").write_text("appln_id|prio_year|app_year|IPC\n8|2014|2015|A01B 1/00\n"
                                            "9|2014|2016|A01B 1/00\n")
    got = read_regpat(tmp_path).applications.set_index("applicant_id")
    assert got.loc["BIANCHI LUCA", "type_reason"] == "evidence:inventor"
    assert got.loc["BIANCHI LUCA", "actor_type"] == "individual"
    assert got.loc["VERDI ANNA", "type_reason"] != "evidence:inventor"


def test_regpat_bad_inventor_table_read_in_a_thread_names_the_file(tmp_path):
    # the inventors are read in a thread beside the applicants: its error still reaches the caller,
    # naming the file (SYNTHETIC rows; the inventors file's second row is not UTF-8)
    for f in ("202401_EPO_App_reg.txt", "202401_EPO_IPC.txt"):
        shutil.copy(REGPAT / f, tmp_path)
    (tmp_path / "202401_EPO_Inv_reg.txt").write_bytes(
        b"appln_id|person_id|inv_name|address|reg_code|ctry_code|reg_share|inv_share\n"
        b"5001|21|NERI, Carlo|Torino|ITC11|IT|1|1\n5002|23|M\xfcLLER|Rosenheim|DE213|DE|1|1\n")
    with pytest.raises(IngestError) as e:
        read_regpat(tmp_path)
    assert "202401_EPO_Inv_reg.txt" in str(e.value)


def _address_by_pandas(df: pd.DataFrame) -> pd.Series:
    """``_address`` as it was before issue 30's Arrow version, verbatim (pandas' string methods)."""
    parts = [df[c].astype("string").str.strip() for c in ("address", "postal_code", "city")]
    extra = (parts[1].fillna("") + " " + parts[2].fillna("")).str.strip()
    out = parts[0].fillna("")
    out = out.where(extra.eq(""), (out + ", " + extra).str.strip(", "))
    return out.mask(out.eq(""))


_CELL = st.one_of(st.none(), st.text(alphabet=st.sampled_from([*"aZ1 ,;\t\n.é", "\u3000", "\x1c", "\x85", "\u00a0"]),
                                     max_size=6))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(_CELL, _CELL, _CELL), min_size=1, max_size=12))
def test_address_as_pandas_joined_it(rows):
    # Arrow's trims and joins give the address pandas' string methods gave: blanks of every kind,
    # commas at the joint, missing parts, an address of blanks only (missing)
    df = pd.DataFrame(rows, columns=["address", "postal_code", "city"], dtype="string[pyarrow]")
    got, expect = _address(df), _address_by_pandas(df)
    assert got.isna().tolist() == expect.isna().tolist()
    assert got.dropna().tolist() == expect.dropna().tolist()


def test_address_by_hand():
    df = pd.DataFrame({"address": ["Via Roma 1", " ", None, "Piazza, ", "x"],
                       "postal_code": ["20100", "", "35100", None, ""],
                       "city": ["Milano", "Padova", None, "Roma", " "]}, dtype="string[pyarrow]")
    # (only the ends are trimmed of commas: the address's own comma stays before the joint)
    assert _address(df).tolist() == ["Via Roma 1, 20100 Milano", "Padova", "35100", "Piazza,, Roma", "x"]


def test_shares_and_person_numbers_parsed_once_per_value():
    # each distinct cell parsed as pandas parses it, then taken for each of its rows
    s = pd.Series(["1", " 0,5", "0.5", "", "x", "1"], dtype="string[pyarrow]")
    assert _share(s).tolist()[:3] == [1.0, 0.5, 0.5]
    assert _share(s).isna().tolist() == [False, False, False, True, True, False]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from([*"0179 +-x", "\u0663", "\t"]), max_size=5), min_size=1, max_size=10))
def test_person_numbers_as_pandas_parses_them(cells):
    # Arrow's cast where every cell is a plain integer, pandas per distinct cell otherwise: pandas' answer
    s = pd.Series(cells, dtype="string[pyarrow]")
    expect = pd.to_numeric(s.str.strip(), errors="coerce").astype("Int64")
    got = _person_numbers(s)
    assert got.dtype == "Int64"
    assert got.tolist() == expect.tolist()


def test_person_numbers_by_hand():
    assert _person_numbers(pd.Series([" 12", "007", "3"], dtype="string[pyarrow]")).tolist() == [12, 7, 3]
    assert _person_numbers(pd.Series(["12", "", "x", "+4"], dtype="string[pyarrow]")).tolist() == [12, pd.NA, pd.NA, 4]
