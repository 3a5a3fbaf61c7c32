"""Readers that keep inventors with their regions where the source gives inventor addresses
(issue 31 item 1): the PatentsView API (real recorded responses in ../shared/data) and Lens API
JSON (SYNTHETIC records written here: no real Lens JSON is in the shared data).

KIPRIS Plus XML holds no inventor at all (its PatentUtilityInfo records carry Applicant, no
inventor or address tag): ``test_kipris_plus_xml_has_no_inventors`` counts the raw tags.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis.ingest.lens_json import read_lens_json
from netanalysis.ingest.patentsview import read_patentsview_json
from netanalysis.ingest.patstat import INVENTOR_COLUMNS, NativeResult
from netanalysis.metrics.inventor_regions import inventor_region_shares


def _raw_records(cassette) -> list[dict]:
    """Every patent record of a recorded PatentSearch session, in order (read independently of the reader)."""
    import yaml

    doc = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    out: list[dict] = []
    for it in doc["http_interactions"]:
        body = it["response"]["body"]["string"]
        if body.lstrip().startswith("{"):
            out.extend(json.loads(body)["patents"])
    return out


def test_patentsview_cassette_inventors_counted_from_the_raw_file(shared_data):
    cassette = shared_data / "patentsview-api" / "after-paging.yml"
    res = read_patentsview_json(cassette, fallback_year=2000)
    assert isinstance(res, NativeResult)
    inv = res.inventors
    assert list(inv.columns) == list(INVENTOR_COLUMNS)
    records = _raw_records(cassette)
    kept = sorted(set(res.applications["source_row"]))          # 1-based record positions that were kept
    raw = [(row, k, p) for row in kept for k, p in enumerate(records[row - 1]["inventors"], start=1)]
    # one row per inventor of every kept record, in order
    assert len(inv) == len(raw) == 296
    assert inv[["source_row", "inventor_seq"]].values.tolist() == [[row, k] for row, k, _ in raw]
    names = [" ".join(x for x in (p.get("inventor_name_first"), p.get("inventor_name_last")) if x) for _, _, p in raw]
    assert inv["inventor_name"].tolist() == names
    # a US inventor with a state is placed in that state (ISO 3166-2), from the source
    us = [(i, "US-" + p["inventor_state"]) for i, (_, _, p) in enumerate(raw)
          if p.get("inventor_country") == "US" and p.get("inventor_state")]
    assert len(us) == 131  # of 135 placed from the source: the other 4 are Canadian provinces (CA-ON, CA-MB)
    assert inv["region"].iloc[[i for i, _ in us]].tolist() == [code for _, code in us]
    assert set(inv["region_source"].iloc[[i for i, _ in us]]) == {"source"}
    assert inv.loc[inv["country"] == "CA", "region"].tolist() == ["CA-ON", "CA-MB", "CA-ON", "CA-ON"]
    # every inventor keeps the country the source gives (one of the kept gives none)
    countries = [p.get("inventor_country") or "" for _, _, p in raw]
    assert inv["country"].tolist() == countries
    assert Counter(countries)[""] == 1
    # a foreign inventor without a state: country only, region unknown, no share
    foreign = [i for i, c in enumerate(countries) if c not in ("", "US", "CA", "KR")]
    assert (inv["region"].iloc[foreign] == "").all() and inv["region_share"].iloc[foreign].isna().all()
    # Korean inventors: the city names the region, by the address rules applicants follow
    kr = inv[inv["country"] == "KR"].set_index("address")["region"].to_dict()
    # (an eup or myeon alone, below the si/gun/gu the region table knows, stays unknown: never guessed)
    assert kr == {"Gwangju, KR": "KR-29", "Suwon-si, KR": "KR-41-Suwon-si", "Seoul, KR": "KR-11",
                  "Aewol-eup, KR": "", "Seojong-myeon, KR": ""}
    # each record's inventors share it equally
    per = inv.groupby("source_row")["inventor_share"].sum()
    assert per.round(9).eq(1.0).all()
    assert any(n.startswith("inventors table: 296 inventors of 130 kept patents") for n in res.report.notes)


def test_patentsview_inventor_regions_by_state(shared_data):
    res = read_patentsview_json(shared_data / "patentsview-api" / "and-operator.yml", fallback_year=2000)
    # and-operator: 10 kept patents, 62 inventors, every one in the US with a state
    t = inventor_region_shares(res.inventors, res.applications, level=1)
    assert t["patents"].sum() == pytest.approx(res.applications["patent_id"].nunique()) == pytest.approx(10)
    assert "" not in set(t["region"]) and t["region"].str.startswith("US-").all()


def _lens_record(number: str, inventors: list[dict]) -> dict:
    return {"lens_id": f"000-000-000-000-{number[-3:]}", "date_published": "2012-07-04", "biblio": {
        "application_reference": {"jurisdiction": "KR", "doc_number": number, "date": "2010-12-31"},
        "parties": {"applicants": [{"residence": "KR", "sequence": 1,
                                    "extracted_name": {"value": "KYUNGPOOK NATIONAL UNIVERSITY"}}],
                    "inventors": inventors}}}


def test_lens_json_inventors_by_hand(tmp_path):
    # SYNTHETIC: application KR 1020100000001 with three inventors (Gumi-si in Gyeongbuk; Munich;
    # no address), read twice (the repeat is rejected as a duplicate and adds no inventor);
    # application 1020100000002 with one Daegu inventor
    first = _lens_record("1020100000001", [
        {"residence": "KR", "sequence": 1, "extracted_name": {"value": "KIM MINSU"},
         "extracted_address": "Gumi-si, Gyeongsangbuk-do, KR"},
        {"residence": "DE", "sequence": 2, "extracted_name": {"value": "MUELLER HANS"},
         "extracted_address": "MUENCHEN, DE"},
        {"sequence": 3, "extracted_name": {"value": "LEE JI"}}])
    second = _lens_record("1020100000002", [
        {"residence": "KR", "sequence": 1, "extracted_name": {"value": "PARK SO"}, "extracted_address": "DAEGU, KR"}])
    f = tmp_path / "lens.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in (first, first, second)) + "\n", encoding="utf-8")
    res = read_lens_json(f)
    assert isinstance(res, NativeResult)
    inv = res.inventors
    assert inv[["patent_id", "inventor_name", "country", "region", "region_source", "source_row"]].values.tolist() == [
        ["KR1020100000001", "KIM MINSU", "KR", "KR-47-Gumi-si", "address", 1],
        ["KR1020100000001", "MUELLER HANS", "DE", "", "", 1],        # a foreign address: its country only
        ["KR1020100000001", "LEE JI", "", "", "", 1],
        ["KR1020100000002", "PARK SO", "KR", "KR-27", "address", 3]]
    assert inv["inventor_share"].round(6).tolist() == [0.333333, 0.333333, 0.333333, 1.0]
    # by sido (level 1): 1 = 1/3 Gyeongbuk + 2/3 unknown; 2 = 1 Daegu
    t = inventor_region_shares(inv, res.applications, level=1)
    assert dict(zip(t["region"], t["patents"].round(6), strict=True)) == {"KR-27": 1.0, "": 0.666667,
                                                                           "KR-47": 0.333333}
    # by country (level 0) the residence counts: 1 = 1/3 KR + 1/3 DE + 1/3 unknown; 2 = 1 KR
    t0 = inventor_region_shares(inv, res.applications, level=0)
    assert dict(zip(t0["region"], t0["patents"].round(6), strict=True)) == {"KR": 1.333333, "": 0.333333,
                                                                            "DE": 0.333333}


def test_kipris_plus_xml_has_no_inventors(shared_data):
    """The raw KIPRIS Plus responses: every record's tags, none an inventor or an address."""
    tags: Counter[str] = Counter()
    for f in sorted((shared_data / "kipris-plus-xml").rglob("*.xml")):
        tags.update(re.findall(r"<([A-Za-z]+)\b", f.read_text(encoding="utf-8")))  # opening tags
    assert tags["PatentUtilityInfo"] == 3361  # the data README: 3,361 records (res/ 3,325 + src/test 36)
    assert "InventionName" in tags  # the title: the only tag about the invention
    assert not [t for t in tags if re.search(r"inventor|address|addr|발명자", t, re.I)]


def test_patentsview_and_patstat_read_together_save(tmp_path, shared_data):
    """Inventors of PATSTAT (numeric person_id) and PatentsView (text inventor_id, left empty) in one
    processed folder."""

    from netanalysis.ingest import load_processed, read_patents, save_processed

    patstat = TESTS / "fixtures" / "patstat_native" / "patstat"
    res = read_patents([patstat, shared_data / "patentsview-api" / "and-operator.yml"], fallback_year=2010)
    assert isinstance(res, NativeResult) and len(res.inventors) == 5 + 62
    back = load_processed(save_processed(res, tmp_path / "p")["applications"].parent)
    assert isinstance(back, NativeResult) and len(back.inventors) == 67
    pd.testing.assert_series_equal(back.inventors["region"].astype(str), res.inventors["region"].astype(str),
                                   check_names=False)
