"""Issue 33, points 1-4: patent ids normalised before duplicates are judged, disagreeing
duplicates reported as conflicts, mixed folders read file by file, one column for two roles
refused.  Every file here is SYNTHETIC (written by the test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from _hyp import ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._errors import IngestError
from netanalysis.ingest import read_patents, read_table
from netanalysis.ingest._ids import _normalised, normalise_patent_ids

HEADER = "출원번호,출원일자,출원인\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _xml(records: list[tuple[str, str, str]]) -> str:
    items = "".join(f"<PatentUtilityInfo><ApplicationNumber>{a}</ApplicationNumber><ApplicationDate>{d}"
                    f"</ApplicationDate><Applicant>{n}</Applicant></PatentUtilityInfo>" for a, d, n in records)
    return f"<response><body><items>{items}</items></body></response>"


@pytest.mark.parametrize(("spellings", "source", "expected"), [
    (["10-2010-0000001", "1020100000001", " 1020100000001 ", "KR 10-2010-0000001"], "kipris_export",
     "1020100000001"),
    (["EP1234567", "EP 1234567", "ep1234567", "EP01234567", "ＥＰ１２３４５６７"], "lens", "EP1234567"),
    (["07654321", "7654321", "7654321.0", "7654321.00", "7-654-321"], "generic", "7654321"),
])
def test_spellings_of_one_id_normalise_to_one(spellings, source, expected):
    assert normalise_patent_ids(pd.Series(spellings), source).tolist() == [expected] * len(spellings)


# ids mixing the already-normal spelling with every character a rule touches (lower case, full width,
# separators, a float's ".0", leading zeros, KR)
# (most of capitals and digits: the lists the fast path takes, half of them or more plain)
_ID = st.one_of(st.text(alphabet="EPKRUS0129", max_size=9), st.text(alphabet="EPKRUS0129", max_size=9),
                st.text(alphabet="EPKRUS019 ep.-/,\u2212ＥＰ１０", max_size=9))


@settings(max_examples=examples(200))
@given(st.lists(st.one_of(_ID, st.none()), min_size=1, max_size=12),
       st.sampled_from(["generic", "lens", "kipris_export"]))
def test_ids_taken_as_they_are_are_what_the_rule_gives(ids, source):
    # the plain ids skip the rule's passes: every id must come out as the passes make it
    raw = pd.Series(ids, index=[3] * len(ids), dtype="string")  # (a repeated index: placed by position)
    got = normalise_patent_ids(raw, source)
    assert got.tolist() == _normalised(raw, source).tolist()
    assert got.index.tolist() == raw.index.tolist()


def test_office_prefix_kept_outside_korean_sources_and_distinct_ids_stay_distinct():
    ids = pd.Series(["KR1020100000001", "1020100000001", "EP1234567", "US1234567", "1234567.5", "000"])
    assert normalise_patent_ids(ids, "generic").tolist() == [
        "KR1020100000001", "1020100000001", "EP1234567", "US1234567", "1234567.5", "0"]
    assert normalise_patent_ids(ids, "kipris_plus_xml").tolist()[:2] == ["1020100000001", "1020100000001"]


def test_kipris_web_and_kipris_plus_spellings_are_one_patent(tmp_path):
    web = _write(tmp_path / "web.csv", HEADER + "10-2010-0000001,2010.03.02,계명대학교 산학협력단|(주)가나\n")
    plus = _write(tmp_path / "plus.xml", _xml([("1020100000001", "20100302", "계명대학교 산학협력단|(주)가나")]))
    res = read_patents([web, plus])
    apps = res.applications
    assert apps["patent_id"].unique().tolist() == ["1020100000001"]
    assert sorted(apps["patent_id_raw"].unique()) == ["10-2010-0000001"]  # the kept record's own spelling
    assert len(apps) == 2  # two applicants, not four: the tie counts once
    assert (res.report.rows_read, res.report.rows_kept, res.report.rows_rejected) == (2, 1, 1)
    assert res.rejects["reason"].tolist() == [
        "duplicate: patent_id 1020100000001 already read at row 2 of web.csv"]
    assert res.report.conflicts == []


def test_leading_zero_and_float_spellings_in_one_long_table(tmp_path):
    f = _write(tmp_path / "t.csv", "id,yr,who\n07654321,2015,Foo Inc\n7654321.0,2015,Bar University\n"
                                   "7654321,2015,Foo Inc\n")
    res = read_table(f, {"patent_id": "id", "year": "yr", "applicants": "who"}, layout="long")
    assert res.applications["patent_id"].tolist() == ["7654321", "7654321"]
    assert res.applications["patent_id_raw"].tolist() == ["07654321", "7654321.0"]
    assert res.report.mentions_merged_duplicate == 1


def test_duplicate_with_another_year_in_a_second_file_is_a_conflict(tmp_path):
    a = _write(tmp_path / "a.csv", HEADER + "1020100000001,2011.05.01,계명대학교 산학협력단|(주)가나\n")
    b = _write(tmp_path / "b.csv", HEADER + "10-2010-0000001,2010.12.30,계명대학교 산학협력단|(주)가나\n")
    res = read_patents([a, b])
    assert set(res.applications["year"]) == {2010}  # earliest
    assert res.report.conflict_counts == {"year": 1}
    (c,) = res.report.conflicts
    assert (c["field"], c["value"], c["first_value"], c["resolved"]) == ("year", "2010", "2011", "2010")
    assert Path(c["source_file"]).name == "b.csv" and Path(c["first_file"]).name == "a.csv"
    (reason,) = res.rejects["reason"]
    assert reason.startswith("duplicate with conflict: patent_id 1020100000001 already read at row 2 of a.csv")
    assert "year 2010 here, 2011 there (the earliest, 2010, is kept)" in reason
    assert any("conflicting records of one patent (year: 1)" in n for n in res.report.notes)


def test_overlapping_page_with_an_added_applicant_keeps_the_union(tmp_path):
    _write(tmp_path / "q" / "page1.xml", _xml([("1020100000001", "20100302", "서울대학교산학협력단|삼성전자주식회사"),
                                                   ("1020100000002", "20100402", "경북대학교 산학협력단")]))
    _write(tmp_path / "q" / "page2.xml", _xml([("1020100000002", "20100402", "경북대학교 산학협력단"),
                                                   ("1020100000001", "20100302",
                                                    "서울대학교산학협력단|삼성전자주식회사|(주)대경정밀")]))
    res = read_patents(tmp_path / "q")
    apps = res.applications
    p = apps[apps["patent_id"] == "1020100000001"].set_index("applicant_id")
    assert len(p) == 3
    added = p.loc["대경정밀"]  # the added applicant traced to the page and record that named it
    assert (Path(added["source_file"]).name, added["source_row"]) == ("page2.xml", 2)
    assert Path(p.loc["SAMSUNG ELECTRONICS", "source_file"]).name == "page1.xml"
    assert res.report.conflict_counts == {"applicants": 1}
    assert res.report.conflicts[0]["value"] == "adds 대경정밀"
    # the repeat of patent 2 adds nothing and agrees: a plain duplicate; the adding record is kept
    assert res.rejects["reason"].tolist() == ["duplicate: patent_id 1020100000002 already read at row 2 of page1.xml"]
    assert (res.report.rows_read, res.report.rows_kept, res.report.rows_rejected) == (4, 3, 1)


def test_repeat_lacking_an_applicant_and_earlier_year_within_one_file(tmp_path):
    f = _write(tmp_path / "k.csv", HEADER + "1020100000001,2010.03.02,계명대학교 산학협력단|(주)가나\n"
                                            "1020100000001,2009.03.02,계명대학교 산학협력단\n")
    res = read_patents(f)
    assert sorted(res.applications["applicant_id"]) == ["KEIMYUNG UNIVERSITY", "가나"]
    assert set(res.applications["year"]) == {2009}
    assert res.report.conflict_counts == {"applicants": 1, "year": 1}
    (reason,) = res.rejects["reason"]
    assert reason.startswith("duplicate with conflict:") and "lacks 가나" in reason and "year 2009 here" in reason


def test_long_table_rows_disagreeing_on_the_year_are_counted(tmp_path):
    f = _write(tmp_path / "patstat.csv", "appln_id,appln_filing_year,psn_name\n1,2004,Foo SpA\n1,2005,Bar Srl\n"
                                         "1,2004,Bar Srl\n2,2006,Foo SpA\n")
    res = read_table(f, {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name"},
                     layout="long")
    assert res.applications.groupby("patent_id")["year"].unique().map(list).to_dict() == {"1": [2004], "2": [2006]}
    assert res.report.conflict_counts == {"year": 1}
    assert res.report.conflicts[0]["value"] == "2005" and res.report.conflicts[0]["source_row"] == 3
    assert res.report.rows_rejected == 0  # rows of one patent are its applicants, not duplicates


def test_mixed_folder_reads_every_file_with_its_reader(tmp_path):
    d = tmp_path / "mixed"
    _write(d / "kipris.csv", HEADER + "1020100000001,2010.03.02,계명대학교 산학협력단|(주)가나\n"
                                      "1020100000002,2011.03.02,경북대학교 산학협력단\n")
    _write(d / "lens.csv", "Lens ID,Application Number,Application Date,Applicants\n"
                           "001,EP 1234567,2012-01-01,Foo GmbH;;Bar University\n002,US 7654321,2013-01-01,Baz Inc\n")
    _write(d / "plus" / "page.xml", _xml([("1020120000003", "20120302", "서울대학교산학협력단|삼성전자주식회사"),
                                          ("1020120000004", "20120402", "(주)대경정밀")]))
    _write(d / "notes.txt", "my notes\n")
    _write(d / ".hidden.csv", "x\n")
    res = read_patents(d)
    assert res.report.rows_read == 6  # 2 + 2 + 2 rows, counted from the files above
    assert res.report.rows_kept == 6
    assert res.report.patents == 6
    assert {Path(f).name for f in res.applications["source_file"]} == {"kipris.csv", "lens.csv", "page.xml"}
    assert res.report.reader == "several"
    (note,) = [n for n in res.report.notes if "no known layout" in n]
    assert "notes.txt" in note and ".hidden" not in note


def test_folder_with_no_known_file_is_one_error_naming_them(tmp_path):
    _write(tmp_path / "d" / "a.txt", "hello\n")
    _write(tmp_path / "d" / "b.txt", "world\n")
    with pytest.raises(IngestError, match=r"no file of a known layout.*a\.txt.*b\.txt"):
        read_patents(tmp_path / "d")


def test_one_column_for_two_roles_is_refused(tmp_path):
    f = _write(tmp_path / "t.csv", "id,filed,owners\nP1,2015,Foo Inc\n")
    with pytest.raises(IngestError, match=r"column 'id' is given two roles \(patent_id and year\)"):
        read_table(f, {"patent_id": "id", "year": "ID ", "applicants": "owners"})


def test_cli_refuses_one_column_for_two_roles_in_one_line(tmp_path):
    f = _write(tmp_path / "t.csv", "id,filed,owners\nP1,2015,Foo Inc\n")
    run = subprocess.run([sys.executable, "-m", "netanalysis", "ingest", str(f), "--out", str(tmp_path / "o"),
                          "--columns", "patent_id=id,year=id,applicants=owners"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "two roles" in lines[0] and "Traceback" not in run.stderr
    assert not (tmp_path / "o" / "applications.parquet").exists()


def test_long_table_patent_of_many_rows_is_judged_in_linear_space():
    # a long table: each row one applicant; patent P read over 3,000 rows (every row its own record).  Judging
    # each row's applicants against all rows before it would build 3,000 * 3,000 / 2 pairs; in a long table only
    # years are judged, so the one conflict is the year of the row that differs (2011 against 2010, 2010 kept)
    from netanalysis.ingest._conflicts import judge_records

    n = 3_000
    m = pd.DataFrame({"source_file": "f.csv", "source_row": range(2, n + 2), "patent_id": "P",
                      "applicant_id": [f"A{i}" for i in range(n)], "year": [2010] * (n - 1) + [2011], "month": 1})
    j = judge_records(m, per_record=False)
    assert j.conflicts[["field", "value", "resolved"]].values.tolist() == [["year", "2011", "2010"]]
    assert j.years["year"].tolist() == [2010] and len(j.reasons) == 0
def test_names_by_is_the_per_group_join():
    """``_names_by`` (whole-column) equals the per-group ``groupby(...).agg(_names)`` it replaced,
    index, dtype and order included, on random groups (int and text keys, missing keys, Hangul,
    accents, names holding the separator)."""
    import random

    from netanalysis.ingest._conflicts import _names, _names_by

    # by hand: group 1 holds B, A, B -> "A; B; B"; group 0 holds 가, É -> "É; 가" (Python's order)
    got = _names_by(pd.Series(["B", "가", "A", "É", "B"], name="applicant_id"), pd.Series([1, 0, 1, 0, 1], name="rec"))
    assert got.to_dict() == {0: "É; 가", 1: "A; B; B"}
    rng = random.Random(30)
    dtypes = {"str": "str", "string": "string", "object": object}
    for _ in range(300):
        n = rng.randint(0, 30)
        if rng.random() < 0.5:
            keys = pd.Series([rng.randint(0, 5) for _ in range(n)], name="rec", dtype="int64")
        else:
            raw = [rng.choice(["P1", "P2", "p10", "Ä", "가", "P1 ", None]) for _ in range(n)]
            keys = pd.Series(raw, name="patent_id", dtype=dtypes[rng.choice(list(dtypes))])
        names = pd.Series([rng.choice(["A", "B", "b", "É", "가", "A B", "a;b", "10", "9"]) for _ in range(n)],
                          name="applicant_id", dtype=dtypes[rng.choice(list(dtypes))])
        pd.testing.assert_series_equal(_names_by(names, keys), names.groupby(keys).agg(_names), check_exact=True)


def test_full_width_ids_among_ascii_ones_on_a_repeated_index():
    # NFKC runs on the non-ASCII ids only, placed back by position (the index repeats)
    ids = pd.Series(["ＥＰ１２３", None, "ep 0123", "ＫＲ１０", "7654321.0"], index=[5, 5, 2, 2, 2])
    got = normalise_patent_ids(ids, "kipris_export")
    assert got.tolist() == ["EP123", pd.NA, "EP123", "10", "7654321"]
    assert got.index.tolist() == [5, 5, 2, 2, 2]


def _categorical_ids(ids: list[str | None], order: str) -> pd.Series:
    """The ids as a categorical: numbered by first appearance (as ``read_table`` hands them over),
    with a category no row holds, or with its categories in another order."""
    from netanalysis._codes import numbered

    s = numbered(pd.Series(ids, dtype="string"))
    if order == "unused":
        return s.cat.add_categories(["UNUSED9"])
    if order == "reversed":
        return s.cat.reorder_categories(s.cat.categories[::-1])
    return s


@settings(max_examples=examples(200))
@given(st.lists(st.one_of(_ID, st.just(" EP12 "), st.none()), min_size=1, max_size=12),
       st.sampled_from(["generic", "kipris_export"]), st.sampled_from(["first", "unused", "reversed"]))
def test_ids_numbered_by_the_reader_prepare_as_their_text(ids, source, order):
    # issue 30: read_table numbers the trimmed ids once for its layout test and hands them over as a
    # categorical; prepare_mentions reads it without numbering the rows' text again where the categories
    # are already in the rule's spelling, and as text otherwise: the same columns either way
    from netanalysis.ingest._pipeline import prepare_mentions

    base = pd.DataFrame({"source_file": "f.csv", "source_row": range(2, 2 + len(ids)),
                         "date_raw": "2010", "applicant_raw": "ACME INC"})
    text = prepare_mentions(base.assign(patent_id=pd.Series(ids, dtype="string")), source)
    cat = prepare_mentions(base.assign(patent_id=_categorical_ids(ids, order)), source)
    pd.testing.assert_series_equal(cat["patent_id"], text["patent_id"])
    assert cat["patent_id_raw"].astype("string").tolist() == text["patent_id_raw"].tolist()


def test_a_long_table_with_ids_in_every_spelling_reads_as_with_its_layout_given(tmp_path):
    # the layout test's numbering handed over (auto) or not (given): the same tables
    f = _write(tmp_path / "t.csv", "id,yr,who\nEP123,2010,ACME INC\nEP123,2010,BETA GMBH\n ep 0123 ,2011,GAMMA SA\n"
                                   ",2012,DELTA AG\nUS9,2013,ACME INC\nUS9,2013,BETA GMBH\n")
    cols = {"patent_id": "id", "year": "yr", "applicants": "who"}
    auto, given_ = read_table(f, cols), read_table(f, cols, layout="long")
    assert "layout long" in " ".join(auto.report.notes)
    pd.testing.assert_frame_equal(auto.applications, given_.applications)
    pd.testing.assert_frame_equal(auto.rejects, given_.rejects)
    assert auto.applications["patent_id"].tolist() == ["EP123", "EP123", "EP123", "US9", "US9"]
    assert auto.rejects["reason"].str.startswith("patent_id: empty").sum() == 1


def test_ids_in_their_normal_spelling_are_not_numbered_again():
    from netanalysis._codes import numbered
    from netanalysis.ingest._pipeline import _numbered_as_given

    ids = numbered(pd.Series(["EP123", "US9", None, "EP123"], dtype="string"))
    raw, normal = _numbered_as_given(ids, "generic")
    assert normal.cat.codes.tolist() == [0, 1, -1, 0] and normal.cat.categories.tolist() == ["EP123", "US9"]
    assert raw.astype("string").tolist()[:2] == ["EP123", "US9"]
    # a category the rule respells, or trims, is numbered as text
    assert _numbered_as_given(numbered(pd.Series(["EP123", "ep 0123"], dtype="string")), "generic") is None
    assert _numbered_as_given(numbered(pd.Series(["EP123", " US9"], dtype="string")), "generic") is None
    assert _numbered_as_given(numbered(pd.Series(["KR10", "EP1"], dtype="string")), "kipris_export") is None


@pytest.mark.parametrize("ids", [[" P1", "P1 ", "", None, "P2"], ["P1", "P2", "P3"], [None, ""], ["P1", "P1", "P1"]])
def test_layout_test_counts_a_categorical_of_ids_as_their_text(ids):
    # read_table hands the layout test its numbered ids: the shares and the verdict as for the text
    from netanalysis._codes import numbered
    from netanalysis.ingest.generic import detect_table_layout

    text = pd.Series(ids, dtype="string")
    names = pd.Series(["A"] * len(ids))
    assert detect_table_layout(numbered(text), names) == detect_table_layout(text, names)
    assert detect_table_layout(numbered(text).cat.add_categories(["P9"]), names) == detect_table_layout(text, names)
