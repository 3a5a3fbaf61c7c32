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


def test_actors_from_applications_reads_numbered_patent_ids_as_the_text():
    # the pipeline hands the patent and applicant ids numbered once over all its mentions (categoricals
    # whose codes are not 0, 1, 2 … here, with ids absent here): the same actors table as from the text
    import random

    from netanalysis._codes import numbered

    rng = random.Random(30)
    for _ in range(30):
        n = rng.randint(1, 40)
        apps = pd.DataFrame({"patent_id": [rng.choice(["1", "2", "3", "10", "가"]) for _ in range(n)],
                             "year": [rng.choice([2010, 2013]) for _ in range(n)],
                             "applicant_id": [rng.choice(["A", "B", "C"]) for _ in range(n)],
                             "actor_type": [rng.choice(["university", "sme"]) for _ in range(n)],
                             "country": "KR", "region": [rng.choice(["KR-27", "KR-11", ""]) for _ in range(n)]},
                            ).astype({"patent_id": "str"})
        apps["applicant_name"] = apps["applicant_id"]
        more = numbered(pd.Series(["9", "3", *apps["patent_id"]], dtype="str")).iloc[2:].reset_index(drop=True)
        ids = numbered(pd.Series(["Z", "C", *apps["applicant_id"]], dtype="str")).iloc[2:].reset_index(drop=True)
        expected = actors_from_applications(apps)
        pd.testing.assert_frame_equal(actors_from_applications(apps.assign(patent_id=more)), expected)
        pd.testing.assert_frame_equal(actors_from_applications(apps.assign(patent_id=more, applicant_id=ids)),
                                      expected)
        names = numbered(pd.Series(["Q", *apps["applicant_name"]], dtype="str")).iloc[1:].reset_index(drop=True)
        pd.testing.assert_frame_equal(  # (the pipeline's names numbered too)
            actors_from_applications(apps.assign(patent_id=more, applicant_id=ids, applicant_name=names)), expected)
        by_hand = apps.groupby("applicant_id")["patent_id"].nunique()
        assert expected.set_index("applicant_id")["n_patents"].to_dict() == by_hand.to_dict()


def _usual_by_pandas(a: pd.DataFrame, column: str) -> dict:
    """The rule written plainly: count (applicant, value) pairs, most frequent first, ties by value."""
    v = a[a[column].notna() & a[column].astype(str).ne("")]
    n = v.groupby(["applicant_id", column], observed=True).size().reset_index(name="n")
    n = n.sort_values(["applicant_id", "n", column], ascending=[True, False, True])
    return n.drop_duplicates("applicant_id").set_index("applicant_id")[column].astype(str).to_dict()


def test_usual_value_ties_go_to_the_alphabetically_first_value():
    a = pd.DataFrame({"applicant_id": ["x", "x", "y", "y", "y", "y"],
                      "region": ["KR-47", "KR-11", "KR-27", None, "KR-27", "KR-26"]})
    assert usual_value(a).to_dict() == {"x": "KR-11", "y": "KR-27"}  # x: one each; y: a missing value not counted


def test_usual_value_and_actors_agree_with_plain_pandas_on_random_tables():
    # integer-code kernels (a national table) against the plain groupby, on tables with ties,
    # empty and missing values, repeated (applicant, patent) rows, text and categorical columns
    import numpy as np

    rng = np.random.default_rng(7)
    for trial in range(30):
        n = int(rng.integers(1, 400))
        a = pd.DataFrame({
            "applicant_id": rng.choice([f"a{i}" for i in range(int(rng.integers(1, 40)))], n),
            "patent_id": rng.choice([f"p{i}" for i in range(int(rng.integers(1, 60)))], n),
            "year": rng.integers(2000, 2021, n), "applicant_name": "n", "actor_type": "sme",
            "country": rng.choice(["KR", "US", "", "DE"], n),
            "region": pd.Series(rng.choice(["KR-11", "KR-27", "", "KR-47", "US-CA"], n)).mask(rng.random(n) < 0.1),
        })
        if trial % 3 == 0:
            a["region"] = a["region"].astype("category")
        for col in ("region", "country"):
            assert usual_value(a, col).astype(str).to_dict() == _usual_by_pandas(a, col), (trial, col)
        act = actors_from_applications(a).set_index("applicant_id")
        assert act["n_patents"].to_dict() == a.groupby("applicant_id")["patent_id"].nunique().to_dict()
        assert act["first_year"].to_dict() == a.groupby("applicant_id")["year"].min().to_dict()
        assert act["last_year"].to_dict() == a.groupby("applicant_id")["year"].max().to_dict()
        assert act["region"].to_dict() == {k: _usual_by_pandas(a, "region").get(k, "") for k in act.index}


def test_the_ingests_actors_table_is_the_one_of_its_applications_table():
    # the ingest builds the actors table from the ids and names as it numbered them, beside the
    # applications table: the same table as actors_from_applications of the applications it wrote
    # (the SYNTHETIC sample, with firm sizes from a table and large firms typed by patent counts)
    from netanalysis import read_patents
    from netanalysis.datasets import sample_firm_sizes_path, sample_path

    res = read_patents(sample_path(), firm_sizes=sample_firm_sizes_path())
    pd.testing.assert_frame_equal(res.actors, actors_from_applications(res.applications))
    assert res.report.actors == len(res.actors) and res.report.patents == res.applications["patent_id"].nunique()
