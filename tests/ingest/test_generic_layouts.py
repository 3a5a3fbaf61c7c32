"""Encodings and long/wide layouts as real exports have them (issue: real exports in).

Every expected number here is computed by hand from the few rows written in the test.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from netanalysis.ingest import read_patents, read_table
from netanalysis.ingest._text import decode_bytes
from netanalysis.ingest.generic import detect_table_layout
from netanalysis.regions import at_level

LENS_HEADER = "Lens ID,Application Number,Application Date,Applicants\n"
LENS_ROWS = [
    "1,EP 1 A,2012-10-22,SOCIÉTÉ GÉNÉRALE DES EAUX;;UNIV ZÜRICH\n",
    "2,EP 2 A,2013-01-05,MÜLLER GMBH;;TU MÜNCHEN\n",
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "mac_roman"])
def test_latin_exports_in_every_encoding_read_the_same_names(tmp_path, encoding):
    f = tmp_path / "lens.csv"
    f.write_bytes((LENS_HEADER + "".join(LENS_ROWS)).encode(encoding))
    res = read_patents(f)
    assert res.report.rows_read == 2 and res.report.rows_kept == 2
    raw = set(res.applications["applicant_raw"])
    assert raw == {"SOCIÉTÉ GÉNÉRALE DES EAUX", "UNIV ZÜRICH", "MÜLLER GMBH", "TU MÜNCHEN"}


def test_cp949_korean_export_is_detected(tmp_path):
    f = tmp_path / "k.csv"
    f.write_bytes("출원번호,출원일자,출원인\n1,2010.03.02,계명대학교 산학협력단|(주)가나\n".encode("cp949"))
    res = read_patents(f)
    assert res.report.encoding == "cp949"
    assert res.applications["applicant_raw"].tolist() == ["계명대학교 산학협력단", "(주)가나"]


def test_mixed_encodings_are_decoded_per_row_and_named(tmp_path):
    f = tmp_path / "mixed.csv"
    f.write_bytes(LENS_HEADER.encode() + LENS_ROWS[0].encode("utf-8") + LENS_ROWS[1].encode("cp1252"))
    res = read_patents(f)
    assert res.report.encoding == "utf-8+cp1252"
    assert any("lines 3" in n and "cp1252" in n for n in res.report.notes), res.report.notes
    assert "MÜLLER GMBH" in set(res.applications["applicant_raw"])  # not mojibake


def test_decode_bytes_reports_the_rows_in_the_other_encoding():
    text, enc, rows = decode_bytes("a,b\nü,1\n".encode() + "é,2\n".encode("cp1252"), "x.csv")
    assert (text, enc, rows) == ("a,b\nü,1\né,2\n", "utf-8+cp1252", [3])


def test_cr_only_line_endings_keep_row_numbers(tmp_path):
    f = tmp_path / "cr.csv"
    f.write_bytes((LENS_HEADER + "".join(LENS_ROWS)).replace("\n", "\r").encode("mac_roman"))
    res = read_patents(f)
    assert sorted(res.applications["source_row"].unique()) == [2, 3]


def _patstat_like(tmp_path):
    # one row per application x applicant x technology field, as PATSTAT extracts are
    rows = [
        ("101", 2005, "UNIVERSITA DI PISA", "UNIVERSITY", "Chemistry"),
        ("101", 2005, "UNIVERSITA DI PISA", "UNIVERSITY", "Biotechnology"),
        ("101", 2005, "ENI SPA", "COMPANY", "Chemistry"),
        ("101", 2005, "ENI SPA", "COMPANY", "Biotechnology"),
        ("102", 2007, "CONSIGLIO NAZIONALE DELLE RICERCHE", "GOV NON-PROFIT", "Optics"),
        ("102", 2007, "UNIVERSITA DI PISA", "UNIVERSITY", "Optics"),
        ("102", 2007, "ROSSI MARIO", "INDIVIDUAL", "Optics"),
        ("103", 2009, "ENI SPA", "COMPANY", "Chemistry"),
    ]
    f = tmp_path / "patstat.csv"
    pd.DataFrame(rows, columns=["appln_id", "appln_filing_year", "psn_name", "psn_sector", "techn_field"]).to_csv(
        f, index=False)
    return f


MAPPING = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name"}


def test_long_table_keeps_every_patent_and_counts_repeated_pairs(tmp_path):
    res = read_table(_patstat_like(tmp_path), MAPPING)
    rep = res.report
    assert rep.layout == "long" and any(n.startswith("layout long") for n in rep.notes)
    assert (rep.rows_read, rep.rows_kept, rep.rows_rejected) == (8, 8, 0)
    assert rep.patents == 3 and rep.applications == 6  # 2 + 3 + 1 distinct (patent, applicant) pairs
    assert rep.mentions_merged_duplicate == 2  # the second technology field of 101, twice
    by_patent = res.applications.groupby("patent_id")["applicant_id"].nunique().to_dict()
    assert by_patent == {"101": 2, "102": 3, "103": 1}


def test_layout_can_be_forced_and_wide_rejects_repeated_ids(tmp_path):
    res = read_table(_patstat_like(tmp_path), MAPPING, layout="wide")
    assert res.report.layout == "wide"
    # forced wide, each row is a whole record: a repeat adding no applicant is rejected (rows 3 and 5 of
    # 101), one adding an applicant is kept, applicants being the union (issue 33): rows 4, 7, 8
    assert res.report.rows_rejected == 2
    assert sorted(res.rejects["source_row"]) == [3, 5]
    assert res.report.conflict_counts == {"applicants": 4}  # rows 4, 5 (lacks Pisa), 7, 8
    assert res.applications.groupby("patent_id").size().to_dict() == {"101": 2, "102": 3, "103": 1}
    with pytest.raises(Exception, match="layout"):
        read_table(_patstat_like(tmp_path), MAPPING, layout="tall")


def test_detect_table_layout():
    assert detect_table_layout(pd.Series(["1", "2"]), pd.Series(["A|B", "C"]))[0] == "wide"
    assert detect_table_layout(pd.Series(["1", "1", "2"]), pd.Series(["A", "B", "C"]))[0] == "long"
    # overlapping pages of a wide export repeat ids, but their cells hold several names
    ids = pd.Series(["1", "1", "2", "3"])
    assert detect_table_layout(ids, pd.Series(["A|B", "A|B", "C|D", "E"]))[0] == "wide"


def test_kipris_headers_with_type_hints_zero_width_and_nfd(tmp_path):
    import unicodedata

    head = ["순번", "출원번호 NUMERIC", "출원일자  DATE", unicodedata.normalize("NFD", "출원\u200b인") + "  NGRAM",
            "출원인주소"]
    f = tmp_path / "crawl.csv"
    f.write_text(",".join(head) + "\n1,1020100000001,2010.03.02,경북대학교 산학협력단|(주)가나,대구 북구|경북 구미시\n",
                 encoding="utf-8")
    res = read_patents(f)
    assert res.report.reader == "kipris_export"
    assert res.report.columns["patent_id"] == "출원번호 NUMERIC"
    assert res.report.columns["addresses"] == "출원인주소"  # not taken for the applicants
    assert at_level(res.applications["region"], 1).tolist() == ["KR-27", "KR-47"]


def test_space_joined_kipris_cells_split_or_reported(tmp_path):
    f = tmp_path / "k.csv"
    f.write_text("출원번호,출원일자,출원인\n"
                 "1,2010.03.02,경북대학교 산학협력단 주식회사 대경정밀 홍길동\n"
                 "2,2011.03.02,주식회사 대경 정밀 경북대학교 산학협력단\n"
                 "3,2012.03.02,삼성전자 주식회사\n", encoding="utf-8")
    res = read_patents(f)
    first = res.applications[res.applications["patent_id"] == "1"]
    assert first["applicant_raw"].tolist() == ["경북대학교 산학협력단", "주식회사 대경정밀", "홍길동"]
    assert first["actor_type"].astype(str).tolist() == ["university", "firm", "individual"]
    assert res.report.applicant_cells_ambiguous == 1
    assert res.rejects["source_row"].tolist() == [3]
    assert res.rejects["reason"].iloc[0].startswith("applicant: several names joined by spaces")
    assert res.applications.loc[res.applications["patent_id"] == "3", "applicant_raw"].tolist() == ["삼성전자 주식회사"]


def test_source_types_from_patstat_sectors(tmp_path):
    mapping = {**MAPPING, "actor_type": "psn_sector"}
    res = read_table(_patstat_like(tmp_path), mapping)
    types = res.actors.set_index("applicant_id")["actor_type"].astype(str).to_dict()
    reasons = res.actors.set_index("applicant_id")["type_reason"].to_dict()
    assert types["ENI"] == "firm" and reasons["ENI"] == "source:COMPANY"  # a company of unknown size
    assert types["ROSSI MARIO"] == "individual"
    assert reasons["CONSIGLIO NAZIONALE DELLE RICERCHE"].startswith("source:GOV NON-PROFIT")


def test_unknown_source_type_is_other_with_its_label(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("id,y,who,kind\nP1,2015,ACME,Martian\nP1,2015,UNIV X,University\n", encoding="utf-8")
    res = read_table(f, {"patent_id": "id", "year": "y", "applicants": "who", "actor_type": "kind"})
    got = res.applications.set_index("applicant_raw")[["actor_type", "type_reason"]].astype(str)
    assert got.loc["ACME"].tolist() == ["other", "source:Martian"]
    assert got.loc["UNIV X"].tolist() == ["university", "source:University"]


def test_the_same_file_given_twice_is_read_once(tmp_path):
    f = tmp_path / "lens.csv"
    f.write_text(LENS_HEADER + "".join(LENS_ROWS), encoding="utf-8")
    res = read_patents([f, tmp_path / "." / "lens.csv"])
    assert res.report.rows_read == 2 and len(res.report.files) == 1


def test_cli_columns_mapping_and_errors(tmp_path, monkeypatch, capsys):
    from netanalysis.cli import main

    monkeypatch.chdir(tmp_path)
    f = _patstat_like(tmp_path)
    assert main(["ingest", str(f), "--columns", "patent_id=appln_id,year=appln_filing_year,applicants=psn_name",
                 "--out", "p"]) == 0
    out = capsys.readouterr().out
    assert "long table" in out and "applicants=psn_name" in out and "3 patents" in out
    assert main(["ingest", str(f), "--columns", "patent_id=appln_id,colour=red", "--out", "p"]) == 2
    assert "unknown key(s) ['colour']" in capsys.readouterr().err
    assert main(["ingest", str(f), "--out", "p"]) == 2  # no known layout and no mapping
    assert "--columns patent_id=COL" in capsys.readouterr().err
    toml = tmp_path / "map.toml"
    toml.write_text('[columns]\npatent_id = "appln_id"\nyear = "appln_filing_year"\napplicants = "psn_name"\n')
    assert main(["ingest", str(f), "--columns", str(toml), "--layout", "long", "--out", "p2"]) == 0


def test_a_forced_encoding_that_cannot_decode_names_the_row(tmp_path):
    from netanalysis import IngestError

    f = tmp_path / "k.csv"
    f.write_bytes("출원번호,출원일자,출원인\n1,2010.03.02,가나\n2,2011.01.01,".encode() + b"\xff\xfe\n")
    with pytest.raises(IngestError, match=r"k\.csv, row 3: cannot decode as encoding='utf-8'"):
        read_patents(f, encoding="utf-8")
    with pytest.raises(IngestError, match="not an encoding"):
        read_patents(f, encoding="klingon")


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_figures_skip_what_the_data_cannot_support(tmp_path, monkeypatch):
    from netanalysis.cli import main

    monkeypatch.chdir(tmp_path)
    f = tmp_path / "one_year.csv"
    f.write_text(LENS_HEADER + "".join(r.replace("2013-01-05", "2012-01-05") for r in LENS_ROWS), encoding="utf-8")
    assert main(["figures", str(f), "--out", "figs", "--quiet", "--bootstrap", "10"]) == 0
    manifest = json.loads((tmp_path / "figs" / "manifest.json").read_text(encoding="utf-8"))
    skipped = {o["skipped"]: o["reason"] for o in manifest["outputs"] if "skipped" in o}
    assert "single year" in skipped["06_repeat_survival"]
    assert (tmp_path / "figs" / "01_network.png").is_file()


def test_layout_share_of_repeated_ids_is_pandas_duplicated():
    # the share of rows whose id occurs more than once (Arrow's value counts) is pandas'
    # duplicated(keep=False) share, on random ids with blanks, missing values and case variants
    import numpy as np

    rng = np.random.default_rng(30)
    pool = np.array(["P1", "P2", " P1", "", None, "P3", "p1", "P4 "], dtype=object)
    for _ in range(200):
        n = int(rng.integers(0, 40))
        ids = pd.Series(rng.choice(pool, n))
        strip = ids.astype("string").str.strip()
        strip = strip[strip.notna() & (strip != "")]
        want = float(strip.duplicated(keep=False).mean()) if len(strip) else 0.0
        layout, evidence = detect_table_layout(ids, pd.Series(["A"] * n))
        assert evidence.startswith(f"{want:.0%} of rows share")
        assert layout == ("long" if want > 0 else "wide")
