"""Real exports in ../shared/data: each reader ingests them and reproduces the documented counts."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from netanalysis.classify import classify_actors
from netanalysis.ingest import detect_layout, read_kipris_xml, read_lens, read_patentsview_json, read_table


def multi(apps: pd.DataFrame) -> int:
    return int((apps.groupby("patent_id")["applicant_id"].nunique() >= 2).sum())


def test_kipris_plus_xml_counts(shared_data):
    res = read_kipris_xml(shared_data / "kipris-plus-xml")
    r = res.report
    assert (r.rows_read, r.rows_kept, r.rows_rejected) == (3361, 1365, 1996)
    assert set(res.rejects["reason"].str.split(":").str[0]) == {"duplicate"}
    assert res.applications["patent_id"].nunique() == 1365
    assert multi(res.applications) == 290
    a = res.applications
    assert a["year"].between(2003, 2024).all()
    # spacing variants of 산학협력단 meet
    snu = a[a["applicant_raw"].str.contains("서울대학교")]
    assert snu.loc[snu["actor_type"] == "university", "applicant_id"].unique().tolist() == [
        "SEOUL NATIONAL UNIVERSITY"]
    ids = a.loc[a["applicant_raw"].str.replace(" ", "").str.contains("동의대학교산학협력단"), "applicant_id"]
    assert ids.unique().tolist() == ["DONG-EUI UNIVERSITY"]
    # 주식회사 before or after the name gives one id
    fm = a[a["applicant_raw"].str.contains("파인메딕스")]["applicant_id"].unique().tolist()
    assert fm == ["파인메딕스"]


@pytest.mark.parametrize(("name", "records", "multi_records"),
                         [("pizza_lens_1000_raw.csv", 1000, 136), ("drones_tac_1606_families.csv", 1606, 165)])
def test_lens_exports(shared_data, name, records, multi_records):
    f = shared_data / "lens-exports" / name
    # these files hold Mac Roman bytes (and, in drones, some UTF-8 lines): detected, no flag needed
    assert detect_layout(f) == "lens"
    res = read_lens(f)
    r = res.report
    assert "mac_roman" in r.encoding
    assert r.rows_read == records and r.rows_read == r.rows_kept + r.rows_rejected
    raw = pd.read_csv(f, encoding="latin-1", dtype=str)  # ';;' is ASCII: the count needs no decoding
    assert (raw["Applicants"].fillna("").str.count(";;") >= 1).sum() == multi_records
    # every kept multi-applicant record is still multi-applicant unless names merged
    kept_multi = multi(res.applications)
    assert kept_multi <= multi_records and kept_multi >= multi_records - r.rows_rejected - 10


def test_synbio_thomson_sectors(shared_data):
    f = shared_data / "lens-exports" / "synbio.xlsx"
    with warnings.catch_warnings():  # openpyxl's notices about skipped workbook features stay silent
        warnings.simplefilter("error")
        res = read_table(f, {"patent_id": "publication_number", "year": "application_dates",
                             "applicants": "patent_assignees_original_no_address"}, sep=r"\s*;\s*")
    r = res.report
    assert r.rows_read == 644 and r.rows_read == r.rows_kept + r.rows_rejected
    raw = pd.read_excel(f, dtype=str)
    assert (raw["patent_assignees_cleaned"].fillna("").str.count(";") >= 1).sum() == 114
    # our name rules against the hand-coded sectors of single-assignee records
    one = raw[~raw["patent_assignees_cleaned"].fillna("").str.contains(";")
              & raw["patent_assignees_cleaned_sector"].isin(["Academic", "Corporate", "People", "Government"])]
    ours = classify_actors(one["patent_assignees_original_no_address"].fillna(""))["actor_type"].astype(str)
    expected = one["patent_assignees_cleaned_sector"].map(
        {"Academic": {"university", "research_institute", "hospital"}, "Corporate": {"sme", "large_firm", "firm"},
         "People": {"individual"}, "Government": {"government", "research_institute"}})
    agree = pd.Series([o in e for o, e in zip(ours, expected, strict=True)])
    assert len(one) > 300
    assert agree.mean() > 0.8, agree.mean()


def test_patentsview_api_cassettes(shared_data):
    yaml = pytest.importorskip("yaml")
    pages = []
    for cassette in ("eq-message.yml",):
        doc = yaml.safe_load((shared_data / "patentsview-api" / cassette).read_text(encoding="utf-8"))
        for it in doc["http_interactions"]:
            pages.append(json.loads(it["response"]["body"]["string"]))
    # the eq-message query is "all patents granted 2007-03-06": no dates in the records
    res = read_patentsview_json(pages, fallback_year=2007, label="eq-message.yml")
    r = res.report
    n = sum(len(p["patents"]) for p in pages)
    assert r.rows_read == n and r.rows_read == r.rows_kept + r.rows_rejected
    with_two = sum(
        1 for p in pages for pt in p["patents"] if len([a for a in (pt.get("assignees") or []) if a]) >= 2
    )
    assert multi(res.applications) <= with_two
    assert with_two == 39 or with_two > 0
    assert res.applications["country"].ne("").mean() > 0.9
