"""The actors table: one row per applicant, placed in its usual region."""

from __future__ import annotations

import pandas as pd

from netanalysis.ingest import actors_from_applications, usual_value


def test_usual_value_is_the_most_frequent_non_empty_value():
    a = pd.DataFrame({"applicant_id": ["x", "x", "x", "y", "z", "z"],
                      "region": ["KR-11", "KR-27", "KR-27", "", "KR-47", ""]})
    assert usual_value(a).to_dict() == {"x": "KR-27", "z": "KR-47"}  # y has no region at all


def test_actors_from_applications_one_row_per_applicant_with_counts():
    apps = pd.DataFrame({"patent_id": ["1", "1", "2", "3"], "year": [2010, 2010, 2012, 2013],
                         "applicant_id": ["A", "B", "A", "A"], "applicant_name": ["A", "B", "A", "A"],
                         "actor_type": ["university", "sme", "university", "university"],
                         "country": ["KR"] * 4, "region": ["KR-27", "KR-11", "KR-11", "KR-27"]})
    act = actors_from_applications(apps).set_index("applicant_id")
    assert sorted(act.index) == ["A", "B"]
    assert act.loc["A", "region"] == "KR-27" and act.loc["B", "region"] == "KR-11"
    assert act.loc["A", "n_patents"] == 3 and act.loc["B", "n_patents"] == 1
