"""The region model: si/gun/gu, ISO 3166-2 of every country, NUTS 0-3, US states, user tables."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis import regions
from netanalysis._errors import NetworkInputError


@pytest.fixture(autouse=True)
def _no_user_tables():
    regions.clear_region_tables()
    yield
    regions.clear_region_tables()


# Korean addresses with the si/gun/gu a reader sees in them (written out by hand).
SIGUNGU = [
    ("경북 구미시 산동읍", "KR-47-Gumi-si"),
    ("경상북도 포항시 남구 효자동", "KR-47-Pohang-si"),  # a general district: its city
    ("대구광역시 중구 동인동", "KR-27-Jung-gu"),
    ("서울특별시 중구 세종대로", "KR-11-Jung-gu"),  # the same name in another sido
    ("부산광역시 강서구", "KR-26-Gangseo-gu"),  # not Seo-gu, whose name it contains
    ("경기도 광주시 오포읍", "KR-41-Gwangju-si"),  # not the Gwangju metropolitan city
    ("인천광역시 미추홀구", "KR-28-Nam-gu"),  # renamed in 2018: one code
    ("Gumi-si, Gyeongsangbuk-do, Korea", "KR-47-Gumi-si"),
    ("Suwon-si, Gyeonggi-do", "KR-41-Suwon-si"),
    ("123 Daehak-ro, Buk-gu, Daegu", "KR-27-Buk-gu"),
    ("구미시 공단동", "KR-47-Gumi-si"),  # no sido: a si name unique in Korea places it
    ("Jeju", "KR-49"),  # the province, not Jeju-si
    ("대구 달서구", "KR-27-Dalseo-gu"),
    ("세종특별자치시 조치원읍", "KR-50"),  # Sejong has no si/gun/gu
]


@pytest.mark.parametrize(("text", "code"), SIGUNGU)
def test_sigungu_from_address(text, code):
    out = regions.region_from_address(pd.Series([text]))
    assert out.loc[0, "region"] == code
    assert out.loc[0, "country"] == "KR"


def test_sigungu_table_counts_and_parents():
    t = regions.region_table("korea")
    sg = t[t["level"] == 2]
    # 226 si/gun/gu of 2018 + Jeju's two administrative cities + Gunwi counted under both sido
    assert len(sg) == 229
    assert set(sg["parent"]) == set(t.loc[t["level"] == 1, "code"]) - {"KR-50"}
    assert sg["code"].is_unique
    assert (sg.groupby("parent").size()["KR-27"], sg.groupby("parent").size()["KR-47"]) == (9, 23)


def test_hierarchy_nests_through_every_scheme():
    assert regions.lineage("KR-27-Buk-gu") == ["KR-27-Buk-gu", "KR-27", "KR"]
    assert regions.lineage("ITC4C") == ["ITC4C", "ITC4", "ITC", "IT"]
    assert regions.lineage("EL303") == ["EL303", "EL30", "EL3", "GR"]
    assert regions.lineage("FR-75C") == ["FR-75C", "FR-IDF", "FR"] or regions.lineage("FR-75C")[-1] == "FR"
    assert regions.lineage("US-CA") == ["US-CA", "US"]
    # a NUTS code of an older version, not in the 2024 table, still nests by its prefix
    assert regions.lineage("ITG27") == ["ITG27", "ITG2", "ITG", "IT"]
    s = pd.Series(["KR-47-Gumi-si", "KR-27", "DE212", "ITC4C", "US-CA", ""])
    assert regions.at_level(s, 0).tolist() == ["KR", "KR", "DE", "IT", "US", ""]
    assert regions.at_level(s, 1).tolist() == ["KR-47", "KR-27", "DE2", "ITC", "US-CA", ""]
    assert regions.at_level(s, 2).tolist() == ["KR-47-Gumi-si", "", "DE21", "ITC4", "", ""]
    assert regions.country_of(pd.Series(["EL30", "UKI3"])).tolist() == ["GR", "GB"]


def test_within_any_level():
    s = pd.Series(["KR-47-Gumi-si", "KR-27-Buk-gu", "KR-27", "DE212", "DE300", "", "US-CA"])
    assert regions.within(s, ["KR-47"]).tolist() == [True, False, False, False, False, False, False]
    assert regions.within(s, ["KR"]).tolist() == [True, True, True, False, False, False, False]
    assert regions.within(s, ["DE2", "US"]).tolist() == [False, False, False, True, False, False, True]
    assert regions.within(s, ["KR-27-Buk-gu"]).tolist() == [False, True, False, False, False, False, False]


@pytest.mark.parametrize(("given", "codes"), [
    ("KR-27", ["KR-27"]),
    ("Daegu", ["KR-27"]),
    ("대구", ["KR-27"]),
    ("경상북도", ["KR-47"]),
    ("구미시", ["KR-47-Gumi-si"]),
    ("Gumi-si", ["KR-47-Gumi-si"]),
    ("Daegu Jung-gu", ["KR-27-Jung-gu"]),
    ("대구 중구", ["KR-27-Jung-gu"]),
    ("KR", ["KR"]),
    ("DE", ["DE"]),
    ("Lombardia", ["ITC4"]),
    ("itc4", ["ITC4"]),
    ("DE212", ["DE212"]),
    ("ITG27", ["ITG27"]),  # NUTS 2016 code: accepted, nests by prefix
    ("US-CA", ["US-CA"]),
    ("California", ["US-CA"]),
    ("US", ["US"]),
    ("Bayern", ["DE2"]),  # NUTS before ISO when both have the name
    ("capital", ["KR-11", "KR-28", "KR-41"]),
    ("daegyeong", ["KR-27", "KR-47"]),
    ("KR-27,KR-47", ["KR-27", "KR-47"]),
    ("KR-27 KR-47", ["KR-27", "KR-47"]),
])
def test_focus_accepts_any_level_and_scheme(given, codes):
    assert regions.parse_region_codes(given) == codes


def test_unknown_region_lists_closest_and_schemes():
    with pytest.raises(NetworkInputError) as e:
        regions.parse_region_codes("Daegoo")
    msg = str(e.value)
    assert "'daegu'" in msg and "nuts" in msg and "iso3166-2" in msg and "--regions" in msg


def test_ambiguous_name_lists_the_regions():
    with pytest.raises(NetworkInputError, match="several regions") as e:
        regions.parse_region_codes("Jung-gu")
    assert "KR-27-Jung-gu" in str(e.value) and "KR-11-Jung-gu" in str(e.value)


def test_iso_subdivisions_of_every_country():
    t = regions.region_table("iso3166-2")
    import pycountry

    assert len(t) == len([s for s in pycountry.subdivisions if s.country_code != "KR"])
    assert t["country"].nunique() > 190
    fr = t.set_index("code")
    assert fr.loc["FR-75C", "level"] >= 1 and fr.loc["FR-IDF", "parent"] == "FR"


def test_nuts_table_has_all_levels():
    t = regions.region_table("nuts")
    assert set(t["level"]) == {1, 2, 3}
    assert t.set_index("code").loc["ITC4C", "name"] == "Milano"
    # every NUTS code's parent is in the table or is a country
    parents = set(t["parent"])
    assert parents <= set(t["code"]) | set(regions.region_table("iso3166-1")["code"])


def test_user_table_adds_a_scheme(tmp_path):
    path = tmp_path / "poles.csv"
    path.write_text("code,name,name_local,parent,level,pole\n"
                    "DGB,Daegu-Gyeongbuk,대경권,KR,1,southeast\n"
                    "DG,Dongnam,동남권,KR,1,southeast\n", encoding="utf-8")
    regions.add_region_table(path)
    assert regions.parse_region_codes("대경권") == ["DGB"]
    assert regions.lineage("DGB") == ["DGB", "KR"]
    assert regions.region_names(["DGB"]) == {"DGB": "Daegu-Gyeongbuk"}
    regions.clear_region_tables()
    with pytest.raises(NetworkInputError):
        regions.parse_region_codes("DGB")


def test_user_table_bad_columns(tmp_path):
    with pytest.raises(NetworkInputError, match="code"):
        regions.add_region_table(pd.DataFrame({"name": ["x"]}))
    with pytest.raises(NetworkInputError, match="repeats"):
        regions.add_region_table(pd.DataFrame({"code": ["A", "A"], "name": ["x", "y"]}))


def test_core_regions_configurable():
    core = regions.core_regions({"FR": ["Ile-de-France"], "IT": "Lombardia"})
    assert core["KR"] == ["KR-11", "KR-28", "KR-41"]
    assert core["IT"] == ["ITC4"]
    assert core["FR"] in (["FR1"], ["FR-IDF"])
    assert regions.is_capital_area(pd.Series(["KR-41-Suwon-si", "KR-47-Gumi-si"])).tolist() == [True, False]


def test_macro_region_through_the_hierarchy():
    s = pd.Series(["KR-47-Gumi-si", "KR-11-Jung-gu", "DE212", ""])
    assert regions.macro_region(s).tolist() == ["daegyeong", "capital", "", ""]
    mine = {"KR-47-Gumi-si": "gumi", "KR-47": "rest-of-gb"}
    assert regions.macro_region(pd.Series(["KR-47-Gumi-si", "KR-47-Pohang-si"]), mine).tolist() == [
        "gumi", "rest-of-gb"]
