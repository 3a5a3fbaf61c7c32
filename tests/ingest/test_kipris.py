"""The KIPRIS readers (CSV in every encoding, XLSX, KIPRIS Plus XML) on hand-built small files, hand-checked."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.ingest import (
    detect_layout,
    read_kipris,
    read_kipris_xml,
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
