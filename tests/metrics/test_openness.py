"""Regional openness on a hand-worked two-region toy, and its errors."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis._errors import NetworkInputError
from netanalysis.metrics import (
    regional_openness,
    tie_openness,
)
from netanalysis.network import edges_from_applications as edges

# the toy of tests/metrics/test_persistence.py: A-B in 2010 and 2012 (repeated), A-C and C-D in 2011 (one-time)
TOY = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
    "year": [2010, 2010, 2012, 2012, 2011, 2011, 2011, 2011],
    "applicant_id": ["A", "B", "A", "B", "A", "C", "C", "D"],
})


TOY_ACTORS = pd.DataFrame({
    "applicant_id": list("ABCD"), "name": list("abcd"),
    "actor_type": ["university", "sme", "sme", "research_institute"],
    "region": ["KR-27", "KR-27", "KR-47", "KR-11"], "country": ["KR"] * 4,
})


# ------------------------------------------------------------ openness --------------
def test_openness_two_region_toy():
    # focal KR-27: a, b inside; c Seoul (capital), d Busan, f Tokyo, g unknown
    e = pd.DataFrame({"u": ["a", "a", "b", "b", "a", "c"], "v": ["b", "c", "d", "f", "g", "d"],
                      "year": 2010, "n_patents": 1, "weight": [1.0, 2.0, 1.0, 1.0, 1.0, 5.0],
                      "n_patents_3plus": [0, 1, 0, 0, 0, 0]})
    act = pd.DataFrame({"applicant_id": list("abcdfg"),
                        "actor_type": ["university", "sme", "large_firm", "sme", "sme", "sme"],
                        "region": ["KR-27", "KR-27", "KR-11", "KR-26", "", ""],
                        "country": ["KR", "KR", "KR", "KR", "JP", ""]})
    o = regional_openness(e, act, "KR-27").set_index(["scope", "category"])
    alln = o.loc["all", "n_ties"]
    assert alln.tolist() == [1, 1, 1, 1, 1]  # internal, core (capital area), rest of KR, abroad, unknown
    assert o.loc["all", "share_ties"].sum() == pytest.approx(1.0)
    assert o.loc[("all", "core_region"), "share_weight"] == pytest.approx(2 / 6)  # c-d tie not touching
    assert o.loc["large", "n_ties"].tolist() == [0, 1, 0, 0, 0]  # only a-c (large firm, 3+ team)


def test_openness_errors():
    e = edges(TOY)
    with pytest.raises(NetworkInputError, match="no tie touches"):
        regional_openness(e, TOY_ACTORS, "KR-49")
    with pytest.raises(NetworkInputError, match="not a known code or name"):
        regional_openness(e, TOY_ACTORS, "KR-00")


def test_tie_openness_is_what_regional_openness_counts():
    # U (Daegu) with a (Daegu), with x (a large firm in Seoul) on a three-applicant patent with b
    # (Daegu), and b with z (no region): four ties touching Daegu; a–x, x–b among them
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p2", "p3", "p3"], "year": 2010,
                         "applicant_id": ["U", "a", "U", "x", "b", "b", "z"]})
    act = pd.DataFrame({"applicant_id": ["U", "a", "b", "x", "z"],
                        "actor_type": ["university", "sme", "sme", "large_firm", "sme"],
                        "region": ["KR-27", "KR-27", "KR-27", "KR-11", ""], "country": ["KR"] * 4 + [""]})
    e = edges(apps)
    t = tie_openness(e, act, "KR-27")
    got = {(r.u, r.v): (r.category, r.large, r.large_firm) for r in t.itertuples()}
    assert got == {("U", "a"): ("internal", False, False), ("U", "b"): ("internal", True, False),
                   ("U", "x"): ("core_region", True, True), ("b", "x"): ("core_region", True, True),
                   ("b", "z"): ("unknown", False, False)}
    o = regional_openness(e, act, "KR-27").set_index(["scope", "category"])["n_ties"]
    for scope, sub in (("all", t), ("large", t[t["large"]])):
        counts = sub["category"].value_counts()
        for category in counts.index:
            assert o[(scope, category)] == counts[category]
