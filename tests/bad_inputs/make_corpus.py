"""Write the bad-input corpus (issue 5).  Deterministic: re-running rewrites the same files.

    python tests/bad_inputs/make_corpus.py

Every file is small, SYNTHETIC and adversarial; ``expected.csv`` beside it says what each
must get (an ``IngestError`` matching a pattern, or exact read/kept/rejected counts and
reject reasons).  Names are fictional but follow real Korean/English naming conventions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
H = "출원번호,출원일자,출원인,출원인주소,발명의명칭"


def kipris(*rows: str, header: str = H) -> str:
    return "\n".join([header, *rows]) + "\n"


GOOD = [
    "1020100000001,2010.03.02,경북대학교 산학협력단|(주)대경정밀,대구광역시 북구|대구광역시 달서구,센서",
    "1020110000002,2011.05.06,영남대학교 산학협력단;(주)경산테크,경상북도 경산시;경상북도 경산시,모터",
]


def text_files() -> dict[str, bytes]:
    u = lambda s: s.encode("utf-8")  # noqa: E731
    f: dict[str, bytes] = {}
    f["empty.csv"] = b""
    f["whitespace_only.csv"] = b"  \r\n\t\n"
    f["header_only.csv"] = u(kipris())
    f["truncated.csv"] = u(kipris(*GOOD) + '1020120000003,2012.01.01,"(주)반쪽')
    f["wrong_delimiter_semicolon.csv"] = u(kipris(*[r.replace(",", ";;").replace(";;", "\t") for r in GOOD],
                                                  header=H.replace(",", "\t")).replace("\t", ";"))
    f["tab_separated.tsv"] = u(kipris(*[r.replace(",", "\t") for r in GOOD], header=H.replace(",", "\t")))
    f["pipe_delimited.csv"] = u(kipris(*[r.replace("|", "/").replace(",", "|") for r in GOOD],
                                       header=H.replace(",", "|")))
    f["utf8_bom.csv"] = b"\xef\xbb\xbf" + u(kipris(*GOOD))
    f["cp949.csv"] = kipris(*GOOD).encode("cp949")
    f["bom_plus_cp949.csv"] = b"\xef\xbb\xbf" + kipris(*GOOD).encode("cp949")
    f["utf8_header_cp949_rows.csv"] = u(H + "\n") + "\n".join(GOOD).encode("cp949") + b"\n"
    f["utf16_excel_unicode_text.csv"] = kipris(*GOOD).replace(",", "\t").encode("utf-16")
    f["binary_garbage.csv"] = bytes((i * 37 + 11) % 256 for i in range(600))
    f["nul_in_one_row.csv"] = u(kipris(GOOD[0], "1020120000003,2012.02.02,(주)널\x00바이트,대구광역시,x", GOOD[1]))
    f["crlf_line_endings.csv"] = u(kipris(*GOOD)).replace(b"\n", b"\r\n")
    f["cr_only_line_endings.csv"] = u(kipris(*GOOD)).replace(b"\n", b"\r")
    f["blank_lines_between.csv"] = u(kipris(GOOD[0], "", ",,,,", GOOD[1]))
    f["extra_fields_in_row.csv"] = u(kipris(GOOD[0], "1020120000003,2012.01.01,(주)가나,대구,x,EXTRA,MORE", GOOD[1]))
    f["short_row.csv"] = u(kipris(GOOD[0], "1020120000003,2012.01.01,(주)가나", GOOD[1]))
    f["quoted_newline_in_cell.csv"] = u(kipris(GOOD[0], '1020120000003,2012.01.01,"(주)가나\n다라",대구광역시,x'))
    f["preamble_rows.csv"] = u("특허검색 결과,,,,\n검색일: 2021-01-01,,,,\n" + kipris(*GOOD))
    f["header_with_spaces.csv"] = u(kipris(*GOOD, header=" 출원번호 , 출원일자 ,출원인 ,출원인주소, 발명의명칭"))
    f["missing_applicant_column.csv"] = u("출원번호,출원일자,발명의명칭\n1,2010.01.01,x\n")
    f["missing_date_column.csv"] = u("출원번호,출원인,발명의명칭\n1,(주)가나|(주)다라,x\n")
    f["unknown_layout.csv"] = u("id,name,value\n1,a,2\n")
    f["year_typo_20O4.csv"] = u(kipris(GOOD[0], "1020040000003,20O4.01.02,(주)가나|(주)다라,대구,x"))
    f["years_out_of_range.csv"] = u(kipris(GOOD[0], "1,1850.01.01,(주)가나|(주)다라,대구,x",
                                           "2,2150.01.01,(주)가나|(주)다라,대구,x", "3,,(주)가나,대구,x"))
    f["excel_serial_dates.csv"] = u(kipris("1,38353,(주)가나|(주)다라,대구광역시,x", "2,40179.5,(주)가나,대구광역시,y"))
    f["duplicate_patents.csv"] = u(kipris(GOOD[0], GOOD[0], GOOD[1]))
    f["same_applicant_twice.csv"] = u(kipris("1,2010.01.01,(주)가나|주식회사 가나|(주)다라,대구|대구|대구,x"))
    many = "|".join(f"(주)회사{i:03d}" for i in range(200))
    f["two_hundred_applicants.csv"] = u(kipris(f"1,2010.01.01,{many},대구광역시,x"))
    f["empty_applicant_cell.csv"] = u(kipris(GOOD[0], "2,2010.01.01,,대구,x", "3,2010.01.01,   ,대구,x"))
    f["separators_only_cell.csv"] = u(kipris(GOOD[0], "2,2010.01.01,|;|,대구,x", "3,2010.01.01,; ;,대구,x"))
    f["legal_form_only_names.csv"] = u(kipris(GOOD[0], "2,2010.01.01,(주),대구,x", "3,2010.01.01,주식회사|Co. Ltd.,대구,x",
                                              "4,2010.01.01,(주)|(주)가나,대구|대구,x"))
    f["very_long_cell.csv"] = u(kipris(GOOD[0], f"2,2010.01.01,(주){'가' * 20000},대구,x",
                                       f"3,2010.01.01,(주)다라,대구,{'x' * 100000}"))
    f["csv_injection_cells.csv"] = u(kipris(GOOD[0], '2,2010.01.01,"=HYPERLINK(""http://x.example"",""click"")|(주)가나",대구|대구,x',
                                            "3,2010.01.01,+cmd|@SUM(1)|-2+3,대구|대구|대구,x"))
    f["non_korean_addresses.csv"] = u(kipris("1,2010.01.01,Acme Corp.|경북대학교 산학협력단,\"Tokyo, Japan|대구광역시 북구\",x",
                                             "2,2011.01.01,Müller GmbH|(주)가나,Stuttgart Germany|경상북도 포항시,y"))
    f["unknown_regions.csv"] = u(kipris("1,2010.01.01,(주)가나|(주)다라,Atlantis|,x"))
    f["names_in_two_scripts.csv"] = u(kipris("1,2010.01.01,경북대학교 산학협력단|KYUNGPOOK NATIONAL UNIVERSITY INDUSTRY-ACADEMIC COOPERATION FOUNDATION,대구|대구,x",
                                             "2,2011.01.01,경북대학교 산학협력단|(주)가나,대구|대구,y"))
    f["address_inside_name.csv"] = u(kipris("1,2010.01.01,영남대학교 산학협력단(경상북도 경산시)|(주)가나(대구광역시 달서구),,x"))
    f["lens_header_only.csv"] = u("Lens ID,Application Date,Applicants,Title\n")
    f["lens_single_semicolon.csv"] = u("Lens ID,Application Date,Applicants,Title\n"
                                       "001-002-003-004-005,2015-03-02,ACME CORP; Foo University,x\n"
                                       "001-002-003-004-006,2016-03-02,,y\n")
    f["lens_latin1.csv"] = ("Lens ID,Application Date,Applicants,Title\n"
                            "001-002-003-004-005,2015-03-02,SOCIÉTÉ GÉNÉRALE;;Université de Lyon,x\n").encode("latin-1")
    f["patentsview_api_bad.json"] = b'{"patents": [ {"patent_id": "1"'
    f["patentsview_api_empty.json"] = b'{"patents": [], "count": 0, "total_hits": 0}'
    f["patentsview_api_not_patents.json"] = u(json.dumps({"error": True, "reason": "quota exceeded"}))
    f["kipris_xml_malformed.xml"] = u("<response><body><items><item><applicationNumber>1</applicationNumber>")
    f["kipris_xml_no_items.xml"] = u("<response><header><resultCode>00</resultCode></header><body><items/></body></response>")
    f["renamed_text.xlsx"] = u(kipris(*GOOD))
    f["not_parquet.parquet"] = u("PAR1 but not really")
    return f


def excel_files() -> None:
    from openpyxl import Workbook

    def rows_of(lines: list[str]) -> list[list[str]]:
        return [r.split(",") for r in lines]

    # merged title cells over the header, and a notes sheet before the data sheet
    wb = Workbook()
    notes = wb.active
    notes.title = "안내"
    notes.append(["이 파일은 특허검색 결과입니다"])
    ws = wb.create_sheet("검색결과")
    ws.append(["특허 검색 결과 (2004–2020)"])
    ws.merge_cells("A1:E1")
    ws.append(["검색식: 대구 OR 경북"])
    ws.merge_cells("A2:E2")
    for r in rows_of([H, *GOOD]):
        ws.append(r)
    wb.create_sheet("빈시트")
    wb.save(HERE / "excel_merged_title_several_sheets.xlsx")

    # merged header cells: a two-row header, 출원번호/출원일자 merged down, 출원인 merged across
    wb = Workbook()
    ws = wb.active
    ws.append(["출원번호", "출원일자", "출원인", None, "발명의명칭"])
    ws.append([None, None, "명칭", "주소", None])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("C1:D1")
    ws.merge_cells("E1:E2")
    for r in rows_of(GOOD):
        ws.append(r)
    wb.save(HERE / "excel_merged_header_cells.xlsx")

    # formulas: openpyxl writes no cached values, as when a workbook was never opened in Excel
    wb = Workbook()
    ws = wb.active
    for r in rows_of([H, GOOD[0]]):
        ws.append(r)
    ws.append(["1020120000003", "2012.01.01", '=CONCATENATE("(주)","가나")', "대구광역시", "x"])
    ws.append(["1020120000004", "=DATE(2012,1,1)", "(주)다라|(주)마바", "대구광역시|대구광역시", "y"])
    wb.save(HERE / "excel_formulas.xlsx")

    # dates as Excel serial numbers and real date cells
    import datetime as dt

    wb = Workbook()
    ws = wb.active
    ws.append(H.split(","))
    ws.append(["1", 38353, "(주)가나|(주)다라", "대구광역시|대구광역시", "x"])
    ws.append(["2", dt.datetime(2012, 3, 4), "(주)가나|(주)다라", "대구광역시|대구광역시", "y"])
    ws.append(["3", "2013.05.06", "(주)가나", "대구광역시", "z"])
    wb.save(HERE / "excel_serial_and_date_cells.xlsx")

    # header only in every sheet
    wb = Workbook()
    wb.active.append(H.split(","))
    wb.create_sheet("Sheet2").append(H.split(","))
    wb.save(HERE / "excel_header_only_sheets.xlsx")

    # generic parquet, used with a column mapping
    pd.DataFrame({"app_no": ["1", "2", "3"], "filed": ["2010-01-01", "", "2012-01-01"],
                  "owners": ["ACME|BETA", "ACME|GAMMA", ""]}).to_parquet(HERE / "generic_mapped.parquet", index=False)


def main() -> None:
    for name, data in text_files().items():
        (HERE / name).write_bytes(data)
    excel_files()


if __name__ == "__main__":
    main()
