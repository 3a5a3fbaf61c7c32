"""Name harmonisation on real-world name forms (Korean and English)."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.entities import harmonise, load_alias_table, name_key

# (raw name as it appears in KIPRIS / Lens / PatentsView / Thomson, expected applicant_id)
FORMS = [
    ("대구대학교 산학협력단", "DAEGU UNIVERSITY"),
    ("대구대학교산학협력단", "DAEGU UNIVERSITY"),
    ("DAEGU UNIVERSITY INDUSTRY-ACADEMIC COOPERATION FOUNDATION", "DAEGU UNIVERSITY"),
    ("Daegu University Industry Academic Cooperation Foundation", "DAEGU UNIVERSITY"),
    ("Daegu Univ.", "DAEGU UNIVERSITY"),
    ("경북대학교 산학협력단", "KYUNGPOOK NATIONAL UNIVERSITY"),
    ("경북대학교산학협력단", "KYUNGPOOK NATIONAL UNIVERSITY"),
    ("국립경북대학교 산학협력단", "KYUNGPOOK NATIONAL UNIVERSITY"),
    ("Kyungpook National University Industry-Academic Cooperation Foundation",
     "KYUNGPOOK NATIONAL UNIVERSITY"),
    ("KYUNGPOOK NATIONAL UNIVERSITY", "KYUNGPOOK NATIONAL UNIVERSITY"),
    ("서울대학교산학협력단", "SEOUL NATIONAL UNIVERSITY"),
    ("서울대학교 산학협력단", "SEOUL NATIONAL UNIVERSITY"),
    ("Seoul National University R&DB Foundation", "SEOUL NATIONAL UNIVERSITY"),
    ("SNU R&DB FOUNDATION", "SEOUL NATIONAL UNIVERSITY"),
    ("Seoul National Univ.", "SEOUL NATIONAL UNIVERSITY"),
    ("영남대학교 산학협력단", "YEUNGNAM UNIVERSITY"),
    ("Yeungnam University Industry-Academic Cooperation Foundation", "YEUNGNAM UNIVERSITY"),
    ("계명대학교 산학협력단", "KEIMYUNG UNIVERSITY"),
    ("Keimyung University Industry Academic Cooperation Foundation", "KEIMYUNG UNIVERSITY"),
    ("포항공과대학교 산학협력단", "POSTECH"),
    ("POSTECH Research and Business Development Foundation", "POSTECH"),
    ("Pohang University of Science and Technology", "POSTECH"),
    ("한국과학기술원", "KAIST"),
    ("Korea Advanced Institute of Science and Technology", "KAIST"),
    ("KAIST", "KAIST"),
    ("대구경북과학기술원", "DGIST"),
    ("Daegu Gyeongbuk Institute of Science and Technology", "DGIST"),
    ("한국전자통신연구원", "ETRI"),
    ("Electronics and Telecommunications Research Institute", "ETRI"),
    ("ETRI", "ETRI"),
    ("한양대학교 산학협력단", "HANYANG UNIVERSITY"),
    ("HANYANG UNIVERSITY INDUSTRY-UNIVERSITY COOPERATION FOUNDATION", "HANYANG UNIVERSITY"),
    ("부산대학교 산학협력단", "PUSAN NATIONAL UNIVERSITY"),
    ("Pusan National University Industry-University Cooperation Foundation",
     "PUSAN NATIONAL UNIVERSITY"),
    ("성균관대학교 산학협력단", "SUNGKYUNKWAN UNIVERSITY"),
    ("Sungkyunkwan University Research & Business Foundation", "SUNGKYUNKWAN UNIVERSITY"),
    ("고려대학교 산학협력단", "KOREA UNIVERSITY"),
    ("Korea University Research and Business Foundation", "KOREA UNIVERSITY"),
    ("동의대학교 산학협력단", "DONG-EUI UNIVERSITY"),
    ("Dong-Eui University Industry-Academic Cooperation Foundation", "DONG-EUI UNIVERSITY"),
    ("삼성전자주식회사", "SAMSUNG ELECTRONICS"),
    ("삼성전자 주식회사", "SAMSUNG ELECTRONICS"),
    ("삼성전자(주)", "SAMSUNG ELECTRONICS"),
    ("Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS"),
    ("SAMSUNG ELECTRONICS CO LTD", "SAMSUNG ELECTRONICS"),
    ("엘지전자 주식회사", "LG ELECTRONICS"),
    ("LG Electronics Inc.", "LG ELECTRONICS"),
    ("주식회사 한국전자", "한국전자"),
    ("(주)한국전자", "한국전자"),
    ("㈜한국전자", "한국전자"),
    ("한국전자 주식회사", "한국전자"),
    ("(주) 한국 전자", "한국전자"),
    ("주식회사 파인메딕스", "파인메딕스"),
    ("Pizza Hut Inc", "PIZZA HUT"),
    ("PIZZA HUT, INC.", "PIZZA HUT"),
    ("Pizza Hut Incorporated", "PIZZA HUT"),
    ("Nestec S.A.", "NESTEC"),
    ("NESTEC SA", "NESTEC"),
    ("Siemens AG", "SIEMENS"),
    ("Siemens Aktiengesellschaft", "SIEMENS"),
    ("Foo GmbH & Co. KG", "FOO"),
    ("The Regents of the University of California", "UNIVERSITY OF CALIFORNIA"),
    ("BASF SE", "BASF"),
    ("Acme Robotics Limited", "ACME ROBOTICS"),
    ("재단법인 포항산업과학연구원", "RIST"),
    ("어업회사법인 주식회사 해천마", "해천마"),
]


def test_at_least_60_forms():
    assert len(FORMS) >= 60


@pytest.mark.parametrize(("raw", "expected"), FORMS)
def test_harmonised_id(raw, expected):
    assert harmonise(pd.Series([raw]))["applicant_id"].iloc[0] == expected


def test_korean_and_english_are_one_university_with_official_english_display_name():
    raw = pd.Series(["대구대학교 산학협력단", "DAEGU UNIVERSITY INDUSTRY-ACADEMIC COOPERATION FOUNDATION"])
    h = harmonise(raw)
    assert h["applicant_id"].nunique() == 1
    assert h["applicant_name"].tolist() == ["Daegu University", "Daegu University"]
    assert harmonise(raw, local_names=True)["applicant_name"].tolist() == ["대구대학교", "대구대학교"]


def test_konkuk_korean_english_and_machine_romanisation_meet_with_english_name_and_site():
    # KIPRIS's machine romanisation of 건국 is GEONGUK; the official English name is Konkuk
    h = harmonise(pd.Series(["건국대학교 산학협력단", "KONKUK UNIVERSITY INDUSTRY-ACADEMIC COOPERATION FOUNDATION",
                             "GEONGUK UNIVERSITY", "이화여자대학교 산학협력단", "IHWAYEOJA UNIVERSITY"]))
    assert h["applicant_id"].tolist()[:3] == ["KONKUK UNIVERSITY"] * 3
    assert h["applicant_name"].tolist() == ["Konkuk University"] * 3 + ["Ewha Womans University"] * 2
    assert set(h["alias_region"][:3]) == {"KR-11-Gwangjin-gu"}


def test_shipped_alias_table_is_complete_and_consistent():
    t = load_alias_table()
    per_id = t.groupby("applicant_id")[["name", "name_local", "actor_type", "region"]].nunique()
    assert (per_id <= 1).all().all()  # one display name, type and site per institution
    assert t["name"].ne("").all() and t["name_local"].ne("").all()
    assert not t["name"].str.contains(r"[가-힣]", regex=True).any()  # display names are English
    from netanalysis.regions import region_table
    assert set(t["region"][t["region"] != ""]) <= set(region_table()["code"])


def test_distinct_organisations_stay_distinct():
    ids = harmonise(pd.Series(["대구대학교", "대구한의대학교", "대구가톨릭대학교", "삼성전자(주)",
                               "삼성디스플레이(주)", "경북대학교병원", "경북대학교"]))["applicant_id"]
    assert ids.nunique() == 7


def test_display_name_is_most_frequent_spelling():
    h = harmonise(pd.Series(["(주)가나정밀", "주식회사 가나정밀", "주식회사 가나정밀"]))
    assert h["applicant_name"].unique().tolist() == ["주식회사 가나정밀"]


def test_legal_form_only_gives_empty_key():
    assert name_key(pd.Series(["(주)", "주식회사", "Co., Ltd."])).tolist() == ["", "", ""]


def test_user_alias_table_wins(tmp_path):
    user = pd.DataFrame({"alias": ["(주)가나정밀", "KNU"], "applicant_id": ["GANA", "KYUNGPOOK NATIONAL UNIVERSITY"],
                         "name": ["가나정밀", ""], "actor_type": ["large_firm", ""]})
    h = harmonise(pd.Series(["주식회사 가나정밀", "KNU", "경북대학교"]), aliases=user)
    assert h["applicant_id"].tolist() == ["GANA", "KYUNGPOOK NATIONAL UNIVERSITY",
                                          "KYUNGPOOK NATIONAL UNIVERSITY"]
    assert h["alias_source"].tolist() == ["user", "user", "builtin"]
    # and from a CSV file
    f = tmp_path / "aliases.csv"
    user.to_csv(f, index=False)
    assert harmonise(pd.Series(["(주) 가나정밀"]), aliases=f)["applicant_id"].iloc[0] == "GANA"


def test_input_is_not_modified_and_index_kept():
    s = pd.Series(["(주)가나", "Foo Inc"], index=[10, 20])
    before = s.copy()
    h = harmonise(s)
    pd.testing.assert_series_equal(s, before)
    assert h.index.tolist() == [10, 20]


def test_harmonise_categorical_gives_the_same_values():
    # categorical=True (the pipeline's: each column numbered once per distinct name) holds the same
    # values as the text columns, with the empty text among every column's categories
    import random

    pool = ["경북대학교 산학협력단", "Kyungpook National University", "ACME INC", "Acme, Inc.", "(주)", None,
            "ROSSI MARIO", "  acme inc ", "삼성전자(주)", ""]
    rng = random.Random(30)
    for _ in range(20):
        names = pd.Series([rng.choice(pool) for _ in range(rng.randint(1, 25))])
        names.index = [rng.randint(0, 5) for _ in range(len(names))]  # a repeated index, as a reader's may be
        text = harmonise(names)
        cat = harmonise(names, categorical=True)
        assert all(isinstance(t, pd.CategoricalDtype) for t in cat.dtypes)
        assert all((cat[c].cat.categories == "").any() for c in cat.columns)
        pd.testing.assert_frame_equal(cat.astype("str"), text)
    cat = harmonise(pd.Series(["ACME INC", "Acme, Inc.", "경북대학교 산학협력단"]), categorical=True)
    assert cat["applicant_id"].cat.codes.tolist() == [0, 0, 1]  # one id, one code
    assert cat["alias_type"].astype(str).tolist() == ["", "", "university"]
