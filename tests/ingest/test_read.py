"""``read_patents`` on hand-built small files: which reader, bad input errors, rejected rows, several files."""

from __future__ import annotations

import pytest

from netanalysis.ingest import (
    IngestError,
    read_kipris,
    read_patents,
)

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


def test_read_patents_says_which_reader(write):
    f = write("k.csv", KIPRIS_CSV)
    assert read_patents(f).report.reader == "kipris_export"


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
