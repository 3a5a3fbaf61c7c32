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


def hostile_files() -> dict[str, bytes]:
    """Issue 15's classes: resources, JSON/XML, digits, control characters, quotes, ids, dates."""
    u = lambda s: s.encode("utf-8")  # noqa: E731
    f: dict[str, bytes] = {}
    two = "(주)가나|(주)다라"
    where = "대구광역시|대구광역시"
    # resources: a header wider than the columns limit (2,000)
    f["header_3000_columns.csv"] = u(",".join([*H.split(","), *(f"c{i}" for i in range(3000))]) + "\n" + GOOD[0] + "\n")
    # JSON: nesting, numbers, duplicate keys, NaN/Infinity, BOM, UTF-16, wrong shapes
    pv = {"patents": [{"patent_id": "1", "patent_year": 2004,
                       "assignees": [{"assignee_organization": "ACME"}, {"assignee_organization": "BETA UNIV"}]}]}
    dump = json.dumps(pv)
    f["json_deep_nesting.json"] = u("[" * 3000 + "]" * 3000)
    f["json_5000_digit_number.json"] = u(dump.replace("2004", "9" * 5000))
    f["json_duplicate_key.json"] = u(dump[:-1] + ', "patents": []}')
    f["json_nan_patent_id.json"] = u(dump.replace('"1"', "NaN"))
    f["json_infinity_year.json"] = u(dump.replace("2004", "Infinity"))
    f["json_negative_infinity.json"] = u(dump.replace("2004", "-Infinity"))
    f["json_utf8_bom.json"] = b"\xef\xbb\xbf" + u(dump)
    f["json_utf16.json"] = dump.encode("utf-16")
    f["json_patents_not_a_list.json"] = u(json.dumps({"patents": {"patent_id": "1"}}))
    f["json_null_assignees.json"] = u(json.dumps({"patents": [
        {"patent_id": "1", "patent_year": 2004, "assignees": None},
        {"patent_id": "2", "patent_year": 2005, "assignees": [{"assignee_organization": "ACME"},
                                                              {"assignee_organization": "BETA"}]}]}))
    f["json_year_as_text.json"] = u(dump.replace("2004", '"2004"'))
    f["json_float_year.json"] = u(dump.replace("2004", "2004.0"))
    f["json_huge_float.json"] = u(dump.replace("2004", "1e999"))
    f["json_truncated_mid_string.json"] = u(dump[:40])
    f["json_empty_object.json"] = u("{}")
    f["json_top_level_string.json"] = u('"patents"')
    # XML in legacy encodings, lying declarations, unknown encodings
    item = ("<PatentUtilityInfo><ApplicationNumber>1020100000001</ApplicationNumber><ApplicationDate>2010.03.02"
            "</ApplicationDate><Applicant>경북대학교 산학협력단|(주)가나</Applicant></PatentUtilityInfo>")
    body = f"<response><body><items>{item}</items></body></response>"
    f["xml_declared_euc_kr.xml"] = ('<?xml version="1.0" encoding="EUC-KR"?>' + body).encode("euc-kr")
    f["xml_declared_cp949.xml"] = ('<?xml version="1.0" encoding="CP949"?>' + body).encode("cp949")
    f["xml_euc_kr_declared_utf8_bytes.xml"] = u('<?xml version="1.0" encoding="EUC-KR"?>' + body)
    f["xml_unknown_encoding.xml"] = u('<?xml version="1.0" encoding="X-NO-SUCH"?>' + body)
    f["xml_control_char_in_text.xml"] = u(body.replace("(주)가나", "(주)가&#1;나"))
    f["xml_doctype_entity.xml"] = u('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + body.replace("(주)가나", "&b;"))
    # digits of other scripts and full-width punctuation in dates
    f["fullwidth_digit_dates.csv"] = u(kipris(f"1,２０１０．０３．０２,{two},{where},x", f"2,２０１１,{two},{where},y"))
    f["arabic_indic_digit_dates.csv"] = u(kipris(f"1,٢٠١٠.٠٣.٠٢,{two},{where},x"))
    f["devanagari_digit_dates.csv"] = u(kipris(f"1,२०१२-०१-०५,{two},{where},x"))
    f["korean_date_words.csv"] = u(kipris(f"1,2010년 03월 02일,{two},{where},x", f"2,2011. 4. 5.,{two},{where},y"))
    f["iso_dates_with_zone.csv"] = u(kipris(f"1,2010-03-02T10:00:00+09:00,{two},{where},x"))
    f["year_beyond_int32.csv"] = u(kipris(GOOD[0], f"2,99999999999,{two},{where},x", f"3,-2010,{two},{where},y"))
    f["year_month_only.csv"] = u(kipris(GOOD[0], f"2,2010-13,{two},{where},x", f"3,2010.00.00,{two},{where},y"))
    f["excel_error_values.csv"] = u(kipris(GOOD[0], f"#N/A,2010.01.01,{two},{where},x", f"3,#VALUE!,{two},{where},y"))
    # ids that are missing-value markers
    f["nan_and_null_patent_ids.csv"] = u(kipris(GOOD[0], f"nan,2010.01.01,{two},{where},x",
                                                 f"NULL,2010.01.01,{two},{where},y", f"inf,2010.01.01,{two},{where},z"))
    f["scientific_notation_ids.csv"] = u(kipris(GOOD[0], f"1.02011E+12,2010.01.01,{two},{where},x",
                                                 f"1.02011E+12,2011.01.01,(주)마바|(주)사아,{where},y"))
    # control, bidi and invisible characters in names
    f["control_chars_in_names.csv"] = u(kipris(f'1,2010.01.01,"(주)가\x01나|(주)다\x0b라",{where},x',
                                               f'2,2011.01.01,"(주)마\x1f바|(주)사아\x7f",{where},y'))
    f["bidi_override_in_names.csv"] = u(kipris("1,2010.01.01,\u202e(주)가나\u202c|(주)다라\u2066,대구광역시|대구광역시,x"))
    f["c1_controls_and_nonchars.csv"] = u(kipris("1,2010.01.01,(주)가나\x85|(주)다라\ufffe,대구광역시|대구광역시,x"))
    f["terminal_escape_in_cells.csv"] = u(kipris(GOOD[0], f"2,2010\x1b[2J,{two},{where},x",
                                                 "3,2010.01.01,(주)가나\x1b[31m|(주)다라,대구광역시|대구광역시,y"))
    f["zero_width_joiners_in_names.csv"] = u(kipris("1,2010.01.01,(주)가\u200d나|(주)다라,대구광역시|대구광역시,x",
                                                    f"2,2011.01.01,{two},{where},y"))
    f["names_only_control_chars.csv"] = u(kipris(GOOD[0], "2,2010.01.01,\x01\x02|\x1f,대구광역시,x"))
    # quotes and structure
    f["stray_quote_in_one_row.csv"] = u(kipris(GOOD[0], '2,2010.01.01,(주)가"나|(주)다라,대구광역시|대구광역시,x',
                                               GOOD[1]))
    f["doubled_quotes_in_names.csv"] = u(kipris('1,2010.01.01,"(주)""가나""|(주)다라",대구광역시|대구광역시,x'))
    f["header_repeated_mid_file.csv"] = u(kipris(GOOD[0], H, GOOD[1]))
    f["trailing_separators_in_cells.csv"] = u(kipris("1,2010.01.01,(주)가나|(주)다라|,대구광역시|대구광역시|,x"))
    f["trailing_empty_fields.csv"] = u(kipris(*(r + ",,," for r in GOOD)))
    f["mixed_line_endings.csv"] = (u(H) + b"\r\n" + u(GOOD[0]) + b"\n" + u(GOOD[1]) + b"\r")
    f["form_feed_and_vertical_tab_lines.csv"] = u(kipris(GOOD[0])) + b"\x0c\n" + u(GOOD[1]) + b"\n"
    # names
    f["emoji_and_symbols_in_names.csv"] = u(kipris("1,2010.01.01,(주)가나🚀|ACME™ Corp.,대구광역시|대구광역시,x"))
    f["arabic_and_hebrew_names.csv"] = u(kipris("1,2010.01.01,جامعة الملك سعود|אוניברסיטת תל אביב,|,x"))
    f["html_entities_in_names.csv"] = u(kipris("1,2010.01.01,AT&amp;T Corp.|(주)가나,|대구광역시,x"))
    f["same_name_different_case.csv"] = u(kipris("1,2010.01.01,Acme Corp.|ACME CORP|(주)가나,|,x"))
    f["names_of_punctuation_only.csv"] = u(kipris(GOOD[0], "2,2010.01.01,---|...,대구광역시,x"))
    f["foreign_legal_forms_only.csv"] = u(kipris(GOOD[0], "2,2010.01.01,GmbH|S.p.A.,대구광역시,x"))
    # the same patent twice with different dates; a long-layout file given to the wide reader
    f["same_patent_two_dates.csv"] = u(kipris(GOOD[0], GOOD[0].replace("2010.03.02", "2011.03.02"), GOOD[1]))
    # encodings
    f["lens_cp1252_smart_quotes.csv"] = ("Lens ID,Application Date,Applicants,Title\n"
                                         "001-002-003-004-005,2015-03-02,“ACME” CORP;;Université de Lyon,x\n"
                                         ).encode("cp1252")
    f["utf8_with_one_latin1_row.csv"] = (u(kipris(GOOD[0])) + "2,2010.01.01,SOCIÉTÉ X|ÉCOLE Y,|,x\n"
                                         .encode("latin-1") + u(GOOD[1] + "\n"))
    f["utf16_le_without_bom.csv"] = kipris(*GOOD).encode("utf-16-le")
    f["utf32.csv"] = kipris(*GOOD).encode("utf-32")
    f["gb18030_names.csv"] = kipris("1,2010.01.01,清华大学|北京大学,|,x").encode("gb18030")
    f["lens_shift_jis_names.csv"] = ("Lens ID,Application Date,Applicants,Title\n"
                                     "001-002-003-004-005,2015-03-02,東京大学;;株式会社東芝,x\n").encode("shift_jis")
    f["json_list_of_pages.json"] = u(json.dumps([pv, {"patents": [{
        "patent_id": "2", "patent_year": 2005,
        "assignees": [{"assignee_organization": "ACME"}, {"assignee_organization": "GAMMA INC"}]}]}]))
    f["nbsp_and_ideographic_spaces.csv"] = u(kipris("1,2010.01.01,(주)가나\u00a0전자|(주)다라,대구광역시|대구광역시,x",
                                                    "2,2011.01.01,(주)가나\u3000전자|(주)다라,대구광역시|대구광역시,y"))
    f["us_order_slash_dates.csv"] = u(kipris(f"1,03/02/2010,{two},{where},x", f"2,12/31/2011,{two},{where},y"))
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 12))
    f["xml_billion_laughs.xml"] = u(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "ha">{laughs}]>'
                                    + body.replace("(주)가나", "&l11;"))
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

    # a single cell far right: openpyxl would build a 16,384-column grid (refused by the limits)
    wb = Workbook()
    for r in rows_of([H, GOOD[0]]):
        wb.active.append(r)
    wb.active["XFD3"] = "x"
    wb.save(HERE / "excel_cell_at_column_xfd.xlsx")

    # Excel error values and a hidden first sheet
    wb = Workbook()
    hidden = wb.active
    hidden.title = "hidden"
    hidden.sheet_state = "hidden"
    hidden.append(["nothing here"])
    ws = wb.create_sheet("data")
    for r in rows_of([H, GOOD[0]]):
        ws.append(r)
    ws.append(["#N/A", "2012.01.01", "(주)가나|(주)다라", "대구광역시|대구광역시", "x"])
    ws.append(["3", "#VALUE!", "(주)가나|(주)다라", "대구광역시|대구광역시", "y"])
    wb.save(HERE / "excel_error_values_hidden_sheet.xlsx")

    # a zip that is not a workbook
    import zipfile

    with zipfile.ZipFile(HERE / "zip_not_a_workbook.xlsx", "w") as z:
        z.writestr("readme.txt", "not a workbook")

    # generic parquet, used with a column mapping
    pd.DataFrame({"app_no": ["1", "2", "3"], "filed": ["2010-01-01", "", "2012-01-01"],
                  "owners": ["ACME|BETA", "ACME|GAMMA", ""]}).to_parquet(HERE / "generic_mapped.parquet", index=False)


def main() -> None:
    for name, data in {**text_files(), **hostile_files()}.items():
        (HERE / name).write_bytes(data)
    excel_files()


if __name__ == "__main__":
    main()
