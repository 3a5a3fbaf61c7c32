"""The Lens CSV reader on a hand-built small file, hand-checked."""

from __future__ import annotations

from netanalysis.ingest import (
    detect_layout,
    read_lens,
)


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
