"""The PatentsView readers (bulk tables, API JSON) on hand-built small files, hand-checked."""

from __future__ import annotations

import json

import pytest

from netanalysis.ingest import (
    IngestError,
    detect_layout,
    read_patentsview,
    read_patentsview_json,
)


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


def test_assignee_type_is_the_source_word_and_the_name_tells_the_body(write):
    # PatentsView's assignee_type: 2/3 a company or corporation (universities file so too), 4/5 a
    # person, 6-9 a government (state universities among them); 13 a part interest of a foreign
    # company. Names from the PatentsView API cassettes (../shared/data/patentsview-api, dsl-query.yml
    # and eq-message.yml), where ALCATEL LUCENT and SNECMA MOTEURS were typed persons by their
    # given-name words and UNIVERSITY OF CONNECTICUT a government
    assignees = [("Alcatel Lucent", "3"), ("SNECMA Moteurs", "13"), ("University of Connecticut", "9"),
                 ("Johns Hopkins University", "2"), ("Department of Energy", "6"), ("Jane Doe", "4")]
    doc = {"patents": [{"patent_id": str(i), "application": [{"filing_date": "2010-01-02"}],
                        "assignees": [{"assignee_organization": n, "assignee_type": t, "assignee_country": "US"}]}
                       for i, (n, t) in enumerate(assignees)]}
    a = read_patentsview_json(write("pv.json", json.dumps(doc))).applications
    got = dict(zip(a["applicant_id"], zip(a["actor_type"].astype(str), a["type_reason"], strict=True), strict=True))
    assert got["ALCATEL LUCENT"] == ("firm", "source:organisation")  # the name rules took it for a person
    assert got["SNECMA MOTEURS"] == ("firm", "source:organisation")
    assert got["UNIVERSITY OF CONNECTICUT"] == ("university", "source:public+rule:university")
    assert got["JOHNS HOPKINS UNIVERSITY"] == ("university", "source:organisation+rule:university")
    assert got["DEPARTMENT OF ENERGY"][0] == "government"
    assert got["JANE DOE"] == ("individual", "source:individual")
