"""Names of persons and organisations (issue 27): mojibake, abbreviations and legal forms, name_variants and --groups."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.entities import harmonise, name_key, name_variants, repair_text, with_groups


def test_mojibake_repaired_before_keys():
    # lens-drones: MILIÄ†EVIÄ† IVAN is MILIĆEVIĆ IVAN written in UTF-8 and read as cp1252
    assert repair_text(pd.Series(["MILIÄ†EVIÄ† IVAN"])).tolist() == ["MILIĆEVIĆ IVAN"]
    assert name_key(pd.Series(["MILIÄ†EVIÄ† IVAN", "MILIĆEVIĆ IVAN"])).nunique() == 1


@pytest.mark.parametrize(("a", "b"), [
    # issue 27: a curated harmonisation's variant pairs
    ("ABBOTT LAB", "ABBOTT LABORATORIES"),
    ("BARUCH S BLUMBERG INST", "BARUCH S. BLUMBERG INSTITUTE"),
    ("ABBVIE B.V.", "ABBVIE INC"),
    ("AJINOMOTO KK", "AJINOMOTO CO., INC."),
    ("BERGENBIO AS", "BERGENBIO ASA"),
])
def test_variants_of_one_organisation_share_an_id(a, b):
    ka, kb = name_key(pd.Series([a, b])).tolist()
    assert ka == kb


def test_generic_stems_keep_their_legal_form():
    ka, kb = name_key(pd.Series(["GENERAL CO LTD", "THE GENERAL INC"])).tolist()
    assert ka != kb


def test_name_variants_says_which_rule_joined():
    raw = pd.Series(["ABBOTT LAB", "Abbott Laboratories Inc.", "ABBOTT LAB", "경북대학교 산학협력단"])
    v = name_variants(raw, harmonise(raw)["applicant_id"]).set_index("raw")
    assert v.loc["ABBOTT LAB", "rule"] == "abbreviation" and v.loc["ABBOTT LAB", "n_rows"] == 2
    assert v.loc["ABBOTT LAB", "applicant_id"] == v.loc["Abbott Laboratories Inc.", "applicant_id"]
    assert "alias_table" in v.loc["경북대학교 산학협력단", "rule"]
    assert v["n_rows"].sum() == len(raw)  # every raw row counted once


def test_groups_roll_up_only_when_given(tmp_path):
    from netanalysis.cli import main

    f = tmp_path / "apps.csv"
    f.write_text("patent_id,year,applicants\n1,2010,UCL BUSINESS PLC;IMPERIAL INNOVATIONS LTD\n2,2011,UCL BUSINESS PLC\n",
                 encoding="utf-8")
    g = tmp_path / "groups.csv"
    g.write_text("alias,applicant_id\nUCL BUSINESS,IMPERIAL INNOVATIONS\n", encoding="utf-8")
    cols = "patent_id=patent_id,year=year,applicants=applicants"
    assert main(["ingest", str(f), "--columns", cols, "--sep", ";", "--out", str(tmp_path / "plain")]) == 0
    assert main(["ingest", str(f), "--columns", cols, "--sep", ";", "--groups", str(g), "--out",
                 str(tmp_path / "grouped")]) == 0
    plain = pd.read_parquet(tmp_path / "plain" / "actors.parquet")
    grouped = pd.read_parquet(tmp_path / "grouped" / "actors.parquet")
    assert sorted(plain["applicant_id"]) == ["IMPERIAL INNOVATIONS", "UCL BUSINESS"]
    assert grouped["applicant_id"].tolist() == ["IMPERIAL INNOVATIONS"]
    variants = pd.read_csv(tmp_path / "grouped" / "name_variants.csv")
    assert variants.set_index("raw").loc["UCL BUSINESS PLC", "rule"] == "cleaning+alias_table"
    assert with_groups(None, g)["applicant_id"].tolist() == ["IMPERIAL INNOVATIONS"]


def test_repair_text_touches_only_suspect_values_by_position():
    # repaired values placed by position (the index repeats); right text, missing values and the
    # dtype as they were
    s = pd.Series(["SCHAER ANDRÃ‰", "plain", None, "A &amp; B", "경북대학교", "SCHAER ANDRÃ‰"], index=[1, 1, 2, 2, 3, 3])
    out = repair_text(s)
    assert out.tolist()[:2] == ["SCHAER ANDRÉ", "plain"] and pd.isna(out.iloc[2])
    assert out.tolist()[3:] == ["A & B", "경북대학교", "SCHAER ANDRÉ"]
    assert out.index.tolist() == [1, 1, 2, 2, 3, 3] and out.dtype == "string"
    plain = pd.Series(["plain", "경북대학교"])
    pd.testing.assert_series_equal(repair_text(plain), plain.astype("string"))
