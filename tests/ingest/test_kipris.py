"""Every reader on hand-built small files, with hand-checked outputs; bad input errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from netanalysis.ingest import (
    IngestError,
    detect_layout,
    read_kipris,
    read_kipris_xml,
    read_lens,
    read_patents,
    read_patentsview,
    read_patentsview_json,
    read_table,
)
from netanalysis.regions import at_level

KIPRIS_CSV = (
    "검색결과 (KIPRIS)\n"
    "\n"
    "순번,출원번호,출원일자,발명의명칭,IPC분류,출원인,등록일자\n"
    "1,1020100000001,2010.03.02,센서,G01N 33/53,"
    "경북대학교 산학협력단(대구광역시 북구)|(주)대경정밀(경상북도 구미시),2012.05.01\n"
    "2,1020110000002,2011.07.15,합금,C22C 21/00,"
    "삼성전자 주식회사(경기 수원시 영통구); 영남대학교 산학협력단(경북 경산시); 홍길동(대구 수성구),\n"
    "3,1020120000003,2012.01.09,촉매,B01J 23/00,한국전자통신연구원(대전광역시 유성구),\n"
)


def _check_basic_kipris(res):
    a = res.applications
    assert res.report.rows_read == 3 and res.report.rows_kept == 3 and res.report.rows_rejected == 0
    assert a["patent_id"].tolist() == ["1020100000001"] * 2 + ["1020110000002"] * 3 + ["1020120000003"]
    assert a["year"].tolist() == [2010, 2010, 2011, 2011, 2011, 2012]
    assert a["applicant_id"].tolist() == [
        "KYUNGPOOK NATIONAL UNIVERSITY", "대경정밀", "SAMSUNG ELECTRONICS", "YEUNGNAM UNIVERSITY",
        "홍길동", "ETRI"]
    assert a["actor_type"].astype(str).tolist() == [
        "university", "firm", "large_firm", "university", "individual", "research_institute"]
    assert at_level(a["region"], 1).tolist() == ["KR-27", "KR-47", "KR-41", "KR-47", "KR-27", "KR-30"]
    assert a["country"].tolist() == ["KR"] * 6
    assert a["source_row"].tolist() == [4, 4, 5, 5, 5, 6]  # spreadsheet row numbers
    assert a["applicant_raw"].iloc[1] == "(주)대경정밀"
    assert a["address_raw"].iloc[1] == "경상북도 구미시"
    assert a["grant_year"].iloc[0] == 2012 and pd.isna(a["grant_year"].iloc[2])
    assert a["ipc"].iloc[0] == "G01N 33/53"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr"])
def test_kipris_csv_encodings(write, encoding):
    res = read_kipris(write("k.csv", KIPRIS_CSV, encoding=encoding))
    _check_basic_kipris(res)
    assert res.report.encoding == ("utf-8" if encoding.startswith("utf") else "cp949")


def test_kipris_xlsx(tmp_path):
    rows = [line.split(",") for line in KIPRIS_CSV.splitlines()[2:]]
    df = pd.DataFrame(rows[1:], columns=rows[0])
    f = tmp_path / "k.xlsx"
    with pd.ExcelWriter(f) as xw:
        pd.DataFrame({"x": ["preamble"]}).to_excel(xw, sheet_name="info", index=False)
        # a preamble row above the header, as KIPRIS writes it
        pd.DataFrame([["검색결과"]]).to_excel(xw, sheet_name="result", index=False, header=False)
        df.to_excel(xw, sheet_name="result", index=False, startrow=2)
    res = read_kipris(f)
    a = res.applications
    assert a["applicant_id"].tolist()[:2] == ["KYUNGPOOK NATIONAL UNIVERSITY", "대경정밀"]
    assert a["source_row"].tolist() == [4, 4, 5, 5, 5, 6]
    assert res.report.rows_read == 3


def test_kipris_separate_address_column(write):
    f = write("k.csv", "출원번호,출원일자,출원인,출원인주소\n"
                       "1,2015-01-02,가나대학교 산학협력단;(주)다라,대구광역시 북구;Tokyo Japan\n")
    a = read_kipris(f).applications
    assert a["region"].tolist() == ["KR-27-Buk-gu", ""]
    assert a["country"].tolist() == ["KR", "JP"]


KIPRIS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<response><header><resultCode></resultCode></header><body><items>
<PatentUtilityInfo><Applicant>삼성전자주식회사|서울대학교산학협력단</Applicant>
<ApplicationDate>20221223</ApplicationDate><ApplicationNumber>1020220182421</ApplicationNumber>
<InventionName>장치</InventionName><InternationalpatentclassificationNumber>B64D 15/20|G06Q 10/04</InternationalpatentclassificationNumber>
<RegistrationDate>20240101</RegistrationDate></PatentUtilityInfo>
<PatentUtilityInfo><Applicant>서울대학교산학협력단</Applicant>
<ApplicationDate>20200624</ApplicationDate><ApplicationNumber>1020200077312</ApplicationNumber>
<RegistrationDate></RegistrationDate></PatentUtilityInfo>
<PatentUtilityInfo><Applicant>서울대학교 산학협력단</Applicant>
<ApplicationDate>20200624</ApplicationDate><ApplicationNumber>1020200077312</ApplicationNumber>
</PatentUtilityInfo>
</items></body></response>"""


def test_kipris_plus_xml_dedupes_overlapping_pages(write):
    f = write("1.xml", KIPRIS_XML)
    res = read_kipris_xml(f)
    a = res.applications
    assert res.report.rows_read == 3 and res.report.rows_kept == 2 and res.report.rows_rejected == 1
    assert "duplicate" in res.rejects["reason"].iloc[0] and res.rejects["source_row"].iloc[0] == 3
    assert a["applicant_id"].tolist() == [
        "SAMSUNG ELECTRONICS", "SEOUL NATIONAL UNIVERSITY", "SEOUL NATIONAL UNIVERSITY"]
    assert a["ipc"].iloc[0] == "B64D 15/20; G06Q 10/04"  # every code of the patent, not only the first
    assert a["grant_year"].tolist()[:1] == [2024]
    assert detect_layout(f) == "kipris_plus_xml"


def test_lens_csv(write):
    f = write("lens.csv",
              "#,Jurisdiction,Kind,Publication Number,Lens ID,Application Number,Application Date,"
              "Title,Applicants,IPCR Classifications\n"
              "1,US,A1,US 2013/0101709 A1,1-2,US 201213657122 A,22/10/12,Pizza,PIZZA HUT INC;;UNIV TEXAS,A23L1/00;;G01N5/00\n"
              "2,US,B2,US 9000000 B2,1-3,US 201213657122 A,22/10/12,Pizza,PIZZA HUT INC;;UNIV TEXAS,\n"
              "3,EP,A1,EP 1 A1,1-4,EP 1 A,2001-05-02,Dough,,\n"
              "4,US,A,US 3982033 A,1-5,US 17439471 A,24/08/71,Coating,FAIRMONT FOODS CO,\n",
              encoding="cp1252")
    res = read_lens(f)
    assert res.report.rows_read == 4 and res.report.rows_kept == 2 and res.report.rows_rejected == 2
    reasons = res.rejects["reason"].tolist()
    assert reasons[0].startswith("duplicate") and reasons[1].startswith("applicant")
    a = res.applications
    assert a["year"].tolist() == [2012, 2012, 1971]
    assert a["applicant_id"].tolist() == ["PIZZA HUT", "UNIVERSITY TEXAS", "FAIRMONT FOODS"]
    assert detect_layout(f) == "lens"


def _patentsview_dir(tmp_path):
    d = tmp_path / "pv"
    d.mkdir()
    (d / "g_patent.tsv").write_text(
        "patent_id\tpatent_type\tpatent_date\tpatent_title\n"
        "1000001\tutility\t2012-05-01\tWidget\n1000002\tutility\t2013-01-01\tGadget\n")
    (d / "g_application.tsv").write_text(
        "application_id\tpatent_id\tfiling_date\n10/1\t1000001\t2010-03-02\n10/2\t1000002\t2011-06-30\n")
    (d / "g_assignee_disambiguated.tsv").write_text(
        "patent_id\tassignee_sequence\tassignee_id\tdisambig_assignee_individual_name_first\t"
        "disambig_assignee_individual_name_last\tdisambig_assignee_organization\tassignee_type\tlocation_id\n"
        "1000001\t0\ta1\t\t\tSamsung Electronics Co., Ltd.\t3\tL1\n"
        "1000001\t1\ta2\t\t\tKyungpook National University Industry-Academic Cooperation Foundation\t3\tL2\n"
        "1000002\t0\ta3\tJohn\tSmith\t\t4\tL3\n"
        "9999999\t0\ta4\t\t\tOrphan Corp\t2\tL3\n")
    (d / "g_location_disambiguated.tsv").write_text(
        "location_id\tdisambig_city\tdisambig_state\tdisambig_country\n"
        "L1\tSuwon\t\tKR\nL2\tDaegu\t\tKR\nL3\tAustin\tTX\tUS\n")
    return d


def test_patentsview_bulk(tmp_path):
    d = _patentsview_dir(tmp_path)
    res = read_patentsview(d)
    assert res.report.rows_read == 4 and res.report.rows_kept == 3 and res.report.rows_rejected == 1
    assert res.rejects["source_row"].tolist() == [4]
    a = res.applications
    assert a["year"].tolist() == [2010, 2010, 2011]
    assert a["grant_year"].tolist() == [2012, 2012, 2013]
    assert a["applicant_id"].tolist() == ["SAMSUNG ELECTRONICS", "KYUNGPOOK NATIONAL UNIVERSITY", "JOHN SMITH"]
    assert a["country"].tolist() == ["KR", "KR", "US"]
    assert a["actor_type"].astype(str).tolist() == ["large_firm", "university", "individual"]
    assert a["type_reason"].iloc[2] == "source:individual"
    assert detect_layout(d) == "patentsview_bulk"


def test_patentsview_bulk_missing_table(tmp_path):
    d = _patentsview_dir(tmp_path)
    (d / "g_location_disambiguated.tsv").unlink()
    with pytest.raises(IngestError, match="g_location_disambiguated"):
        read_patentsview(d)


def test_patentsview_api_json(write):
    doc = {"error": False, "count": 2, "patents": [
        {"patent_id": "7", "patent_date": "2007-03-06", "application": [{"filing_date": "2005-01-02"}],
         "assignees": [{"assignee_organization": "Pizza Hut Inc", "assignee_country": "US",
                        "assignee_city": "Plano", "assignee_state": "TX", "assignee_sequence": 1},
                       {"assignee_individual_name_first": "Jane", "assignee_individual_name_last": "Doe",
                        "assignee_type": "4", "assignee_country": "US"}]},
        {"patent_id": "8", "assignees": [{"assignee_organization": "Foo GmbH", "assignee_country": "DE"}]},
    ]}
    f = write("pv.json", json.dumps(doc))
    res = read_patentsview_json(f)
    assert res.report.rows_read == 2 and res.report.rows_rejected == 1  # no date at all
    assert res.applications["applicant_id"].tolist() == ["PIZZA HUT", "JANE DOE"]
    res2 = read_patentsview_json(doc, fallback_year=2007)
    assert res2.report.rows_kept == 2 and res2.applications["year"].tolist() == [2005, 2005, 2007]
    assert "fallback_year" in res2.report.notes[0]
    assert res2.applications["country"].tolist() == ["US", "US", "DE"]


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


def test_read_patents_says_which_reader(write):
    f = write("k.csv", KIPRIS_CSV)
    assert read_patents(f).report.reader == "kipris_export"


# ---------------------------------------------------------------- bad input ----------

def test_missing_required_column_names_file_and_column(write):
    f = write("k.csv", "출원번호,출원인\n1,가나대학교\n")
    with pytest.raises(IngestError, match=r"k\.csv.*column '출원일자'"):
        read_kipris(f)


def test_empty_file(write):
    with pytest.raises(IngestError, match="empty"):
        read_kipris(write("e.csv", ""))
    with pytest.raises(IngestError, match="empty"):
        read_kipris(write("bom.csv", b"\xef\xbb\xbf\n\n"))


def test_header_only(write):
    with pytest.raises(IngestError, match="header but no data rows"):
        read_kipris(write("h.csv", "출원번호,출원일자,출원인\n"))


def test_undecodable_bytes(write):
    raw = "출원번호,출원일자,출원인\n".encode() + b"1,2010.01.01,\x81\x81\x81\xff\xfe\n"
    with pytest.raises(IngestError, match=r"cannot decode.*offset"):
        read_kipris(write("bad.csv", raw))


def test_bad_year_is_rejected_with_reason(write):
    f = write("k.csv", "출원번호,출원일자,출원인\n1,20O4,가나대학교\n2,2005.01.02,다라대학교\n")
    res = read_kipris(f)
    assert res.report.rows_rejected == 1
    rej = res.rejects.iloc[0]
    assert rej["source_row"] == 2 and "year" in rej["reason"] and "20O4" in rej["reason"]


def test_all_rows_bad_is_one_error(write):
    f = write("k.csv", "출원번호,출원일자,출원인\n1,20O4,가나대학교\n")
    with pytest.raises(IngestError, match=r"row 2.*20O4"):
        read_kipris(f)


def test_empty_or_separator_only_applicant_cell(write):
    f = write("k.csv", "출원번호,출원일자,출원인\n1,2004.01.01,\n2,2004.01.01, | ; \n3,2004.01.01,(주)\n"
                       "4,2004.01.01,가나대학교\n")
    res = read_kipris(f)
    assert res.report.rows_read == 4 and res.report.rows_kept == 1
    reasons = res.rejects["reason"].tolist()
    assert [r.split(":")[0] for r in reasons] == ["applicant"] * 3
    assert "legal forms" in reasons[2]


def test_unknown_layout(write):
    f = write("x.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(IngestError, match="unknown file layout.*read_table"):
        read_patents(f)


def test_wrong_field_count_rows_are_rejected_not_lost(write):
    f = write("k.csv", "출원번호,출원일자,출원인\n1,2004.01.01,가나대학교,extra,cells\n2,2004.01.01,다라대학교\n")
    res = read_kipris(f)
    assert res.report.rows_read == 2 and res.report.rows_rejected == 1
    assert "fields" in res.rejects["reason"].iloc[0]


def test_ingest_several_files_dedupes_across_files(write, tmp_path):
    f1 = write("a.csv", "출원번호,출원일자,출원인\n1,2004.01.01,가나대학교|(주)다라\n")
    f2 = write("b.csv", "출원번호,출원일자,출원인\n1,2004.01.01,가나대학교|(주)다라\n2,2005.01.01,가나대학교\n")
    out = read_patents([f1, f2])
    assert out.report.rows_read == 3 and out.report.rows_rejected == 1
    assert out.report.rows_read == out.report.rows_kept + out.report.rows_rejected
    assert out.actors.set_index("applicant_id").loc["GANA UNIVERSITY", "n_patents"] == 2
