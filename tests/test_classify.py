"""Actor classification on real-world names; SME vs large firm; reasons."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis._errors import IngestError
from netanalysis.classify import classify_actors
from netanalysis.entities import harmonise

CASES = [
    # universities
    ("경북대학교 산학협력단", "university"), ("경북대학교산학협력단", "university"),
    ("영남대학교 산학협력단", "university"), ("계명대학교 산학협력단", "university"),
    ("학교법인 계명대학교", "university"), ("포항공과대학교 산학협력단", "university"),
    ("대구경북과학기술원", "university"), ("한국과학기술원", "university"),
    ("KYUNGPOOK NATIONAL UNIVERSITY INDUSTRY-ACADEMIC COOPERATION FOUNDATION", "university"),
    ("Seoul National University R&DB Foundation", "university"),
    ("Massachusetts Institute of Technology", "university"),
    ("The Regents of the University of California", "university"),
    ("UNIV EAST CAROLINA", "university"), ("President and Fellows of Harvard College", "university"),
    ("Eidgenössische Technische Hochschule Zürich", "university"),
    ("Universität Heidelberg", "university"),
    # research institutes
    ("한국전자통신연구원", "research_institute"),
    ("Electronics and Telecommunications Research Institute", "research_institute"),
    ("한국생산기술연구원", "research_institute"), ("재단법인 포항산업과학연구원", "research_institute"),
    ("한국기계연구원", "research_institute"), ("한국과학기술연구원", "research_institute"),
    ("경북테크노파크", "research_institute"), ("재단법인 대구테크노파크", "research_institute"),
    ("기초과학연구원", "research_institute"), ("국방과학연구소", "research_institute"),
    ("재단법인 대구경북첨단의료산업진흥재단", "research_institute"),
    ("Fraunhofer-Gesellschaft zur Förderung der angewandten Forschung e.V.", "research_institute"),
    ("Max-Planck-Gesellschaft zur Förderung der Wissenschaften e.V.", "research_institute"),
    ("Centre National de la Recherche Scientifique (CNRS)", "research_institute"),
    ("Korea Institute of Industrial Technology", "research_institute"),
    # hospitals
    ("서울대학교병원", "hospital"), ("경북대학교병원", "hospital"), ("계명대학교 동산의료원", "hospital"),
    ("의료법인 길의료재단", "hospital"), ("삼성생명공익재단", "hospital"),
    ("The General Hospital Corporation", "hospital"), ("Seoul National University Hospital", "hospital"),
    # large firms
    ("삼성전자주식회사", "large_firm"), ("Samsung Electronics Co., Ltd.", "large_firm"),
    ("엘지전자 주식회사", "large_firm"), ("LG Electronics Inc.", "large_firm"),
    ("주식회사 엘지화학", "large_firm"), ("에스케이하이닉스 주식회사", "large_firm"),
    ("SK hynix Inc.", "large_firm"), ("현대자동차주식회사", "large_firm"),
    ("Hyundai Motor Company", "large_firm"), ("주식회사 포스코", "large_firm"), ("POSCO", "large_firm"),
    ("기아 주식회사", "large_firm"), ("롯데케미칼 주식회사", "large_firm"),
    ("한화솔루션 주식회사", "large_firm"), ("두산에너빌리티 주식회사", "large_firm"),
    ("씨제이제일제당 (주)", "large_firm"), ("주식회사 케이티", "large_firm"),
    ("한국전력공사", "large_firm"), ("Sony Corporation", "large_firm"),
    ("Siemens Aktiengesellschaft", "large_firm"), ("BASF SE", "large_firm"),
    ("Intel Corporation", "large_firm"), ("Google LLC", "large_firm"), ("Nestec S.A.", "large_firm"),
    # firms of unknown size: a name is no evidence of an SME (issue 37)
    ("(주)대경정밀", "firm"), ("주식회사 파인메딕스", "firm"), ("아쿠아셀 주식회사", "firm"),
    ("주식회사 윈텍오토메이션", "firm"), ("(주) 상봉모터스", "firm"), ("혜성씨앤씨주식회사", "firm"),
    ("주식회사 제이 엔 에스 텍", "firm"), ("㈜한국바이오", "firm"), ("Pizza Hut Inc", "firm"),
    ("ASK IND SPA", "firm"), ("Acme Robotics GmbH", "firm"), ("대경바이오텍", "firm"),
    # government
    ("대한민국(관리부서:농촌진흥청장)", "government"), ("대구광역시", "government"),
    ("경상북도", "government"), ("한국수자원공사", "government"), ("한국토지주택공사", "government"),
    ("The United States of America as represented by the Secretary of the Navy", "government"),
    ("Government of India", "government"),
    # individuals
    ("홍길동", "individual"), ("김철수", "individual"), ("이영희", "individual"),
    ("VENTIMEGLIA JAMIE JOSEPH", "individual"), ("RADER JEFF", "individual"),
    ("Smith, John", "individual"),
]


def test_at_least_60_forms():
    assert len(CASES) >= 60


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_actor_type(name, expected):
    names = pd.Series([name])
    h = harmonise(names)
    out = classify_actors(names, h["applicant_id"], h["alias_type"], h["alias_source"])
    assert out["actor_type"].iloc[0] == expected, out.iloc[0].to_dict()
    assert out["type_reason"].iloc[0] != ""


def test_size_source_marks_unknown_sizes():
    out = classify_actors(pd.Series(["(주)대경정밀", "삼성전자(주)", "경북대학교"]))
    assert out["size_source"].tolist() == ["unknown", "group_list", ""]


def test_user_firm_size_table_wins():
    names = pd.Series(["(주)대경정밀", "삼성전자(주)"])
    h = harmonise(names)
    sizes = pd.DataFrame({"applicant_id": ["대경정밀", "SAMSUNG ELECTRONICS"], "size": ["large", "sme"]})
    out = classify_actors(names, h["applicant_id"], firm_sizes=sizes)
    assert out["actor_type"].tolist() == ["large_firm", "sme"]
    assert out["size_source"].tolist() == ["user_table", "user_table"]


def test_bad_firm_size_value_names_row_and_column():
    sizes = pd.DataFrame({"applicant_id": ["A", "B"], "size": ["large", "huge"]})
    with pytest.raises(IngestError, match=r"row 3.*'size'.*huge"):
        classify_actors(pd.Series(["A"]), pd.Series(["A"]), firm_sizes=sizes)


def test_reasons_name_the_rule():
    out = classify_actors(pd.Series(["경북대학교병원", "(주)가나", "홍길동", "???", "ACME ROBOTICA"]))
    assert out["type_reason"].tolist() == [
        "rule:hospital", "rule:firm_legal_form", "rule:person_korean", "rule:empty_name", "rule:default_firm"]
    assert out["actor_type"].astype(str).tolist()[3:] == ["other", "firm"]
