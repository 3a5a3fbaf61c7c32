"""Region parsing: every sido in every listed spelling, boundaries, foreign addresses."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis._errors import NetworkInputError
from netanalysis.regions import (
    at_level,
    is_capital_area,
    macro_region,
    parse_region_codes,
    region_from_address,
    sido_table,
)

# Written out independently of the shipped table: code -> spellings a user meets.
SPELLINGS = {
    "KR-11": ["서울특별시 강남구", "서울 관악구", "서울시 중구", "Seoul", "Gangnam-gu, Seoul, Korea",
              "Seoul Metropolitan City"],
    "KR-26": ["부산광역시 해운대구", "부산 금정구", "Busan", "Pusan, Republic of Korea"],
    "KR-27": ["대구광역시 북구", "대구 달서구", "대구시 수성구", "Daegu", "Buk-gu, Daegu, Korea", "Taegu"],
    "KR-28": ["인천광역시 연수구", "인천 남동구", "Incheon", "Inchon"],
    "KR-29": ["광주광역시 북구", "광주 광산구", "Gwangju", "Kwangju"],
    "KR-30": ["대전광역시 유성구", "대전 대덕구", "Daejeon", "Yuseong-gu, Daejeon", "Taejon"],
    "KR-31": ["울산광역시 울주군", "울산 남구", "Ulsan"],
    "KR-41": ["경기도 수원시", "경기 성남시", "Gyeonggi-do", "Suwon-si, Gyeonggi-do", "Kyonggi-do"],
    "KR-42": ["강원특별자치도 춘천시", "강원도 원주시", "강원 강릉시", "Gangwon-do", "Kangwon-do"],
    "KR-43": ["충청북도 청주시", "충북 충주시", "Chungcheongbuk-do", "North Chungcheong"],
    "KR-44": ["충청남도 천안시", "충남 아산시", "Chungcheongnam-do", "South Chungcheong"],
    "KR-45": ["전북특별자치도 전주시", "전라북도 익산시", "전북 군산시", "Jeollabuk-do", "North Jeolla"],
    "KR-46": ["전라남도 순천시", "전남 나주시", "Jeollanam-do", "South Jeolla"],
    "KR-47": ["경상북도 포항시", "경북 구미시", "Gyeongsangbuk-do", "North Gyeongsang", "Gyeongbuk",
              "Kyungpook", "Pohang-si, Gyeongsangbuk-do, Republic of Korea", "Kyongsangbuk-do"],
    "KR-48": ["경상남도 창원시", "경남 진주시", "Gyeongsangnam-do", "South Gyeongsang", "Kyongsangnam-do"],
    "KR-49": ["제주특별자치도 제주시", "제주 서귀포시", "Jeju-do", "Jeju", "Cheju"],
    "KR-50": ["세종특별자치시 조치원읍", "세종시 한솔동", "Sejong", "Sejong-si"],
}


@pytest.mark.parametrize(
    ("code", "text"), [(c, t) for c, ts in SPELLINGS.items() for t in ts]
)
def test_every_sido_in_every_spelling(code, text):
    out = region_from_address(pd.Series([text]))
    assert at_level(out["region"], 1).loc[0] == code
    assert out.loc[0, "country"] == "KR"


def test_all_17_sido_covered():
    assert set(SPELLINGS) == set(sido_table()["code"])
    assert len(sido_table()) == 17


def test_korean_first_english_last():
    out = region_from_address(pd.Series([
        "경기도 광주시 오포읍",  # Gwangju-si in Gyeonggi: first Korean sido wins
        "Gwangju-si, Gyeonggi-do",  # English: last sido wins
        "Kyungpook National University, 80 Daehak-ro, Buk-gu, Daegu",
        "서울특별시 중구 세종대로 110",  # a street named Sejong in Seoul
    ]))
    assert at_level(out["region"], 1).tolist() == ["KR-41", "KR-41", "KR-27", "KR-11"]


def test_foreign_addresses_keep_country_and_empty_region():
    out = region_from_address(pd.Series(
        ["Tokyo, Japan", "미국 캘리포니아주 산호세", "Munich, Germany", "일본국 도쿄도", "Busan St, Toronto, Canada"]
    ))
    assert out["country"].tolist() == ["JP", "US", "DE", "JP", "CA"]
    assert out["region"].tolist() == [""] * 5


def test_unknown_stays_empty_not_dropped():
    s = pd.Series(["", None, "somewhere"], index=[5, 6, 7])
    out = region_from_address(s)
    assert out.index.tolist() == [5, 6, 7]
    assert out["region"].tolist() == ["", "", ""]


def test_gunwi_moves_to_daegu_in_2023():
    s = pd.Series(["경상북도 군위군 군위읍", "대구광역시 군위군 군위읍", "경북 군위군"])
    before = region_from_address(s, year=pd.Series([2020, 2020, 2022]))
    after = region_from_address(s, year=pd.Series([2024, 2024, 2023]))
    assert before["region"].tolist() == ["KR-47-Gunwi-gun"] * 3
    assert after["region"].tolist() == ["KR-27-Gunwi-gun"] * 3


def test_region_codes_admin_and_iso():
    # repeats (세종 = 36 = KR-50) are kept once, in the order first given
    assert parse_region_codes("KR-27,47, 세종,51,52,50,36") == [
        "KR-27", "KR-47", "KR-50", "KR-42", "KR-45", "KR-49"]
    assert parse_region_codes(["kr-51", "Daegu"]) == ["KR-42", "KR-27"]
    with pytest.raises(NetworkInputError, match="KR-99"):
        parse_region_codes("KR-99")


def test_groupings():
    r = pd.Series(["KR-11", "KR-28", "KR-41", "KR-27", "KR-47", "KR-45", "KR-42", "KR-49", ""])
    assert macro_region(r).tolist() == [
        "capital", "capital", "capital", "daegyeong", "daegyeong", "jeonbuk", "gangwon", "jeju", ""]
    assert macro_region(r, "capital").tolist()[:4] == ["capital"] * 3 + ["non_capital"]
    mine = pd.DataFrame({"region": ["KR-45", "KR-29", "KR-46"], "group": ["honam"] * 3})
    assert macro_region(pd.Series(["KR-45", "KR-11"]), mine).tolist() == ["honam", ""]
    assert is_capital_area(r).sum() == 3
    with pytest.raises(NetworkInputError, match="grouping"):
        macro_region(r, "nonsense")
